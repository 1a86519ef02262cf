"""Helpers for the tests that run pages in Welsh: what a reader sees, and English that leaks."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from dashboard.i18n import catalogue


def shown(markdown: str) -> str:
    """Markdown as a reader sees it: the escapes that keep typed text literal removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def english_messages() -> set[str]:
    """English messages of the interface whose Welsh differs (so seeing them is a leak)."""
    return {
        key
        for key, welsh in catalogue("cy").items()
        if isinstance(key, str) and len(key) > 3 and welsh != key
    }


def page_texts(at: AppTest) -> list[str]:
    """The words on a page: headings, captions, text, messages, labels of metrics, expanders,
    buttons and widgets, and the headers of every table."""
    texts = [
        shown(str(e.value))
        for kind in ("title", "header", "subheader", "caption", "markdown", "info", "error")
        for e in at.get(kind)
    ]
    texts += [m.label for m in at.metric] + [e.label for e in at.expander]
    texts += [b.label for b in at.button] + [d.proto.label for d in at.get("download_button")]
    texts += [str(c) for frame in at.dataframe for c in frame.value.columns]
    return texts


def leaked_english(at: AppTest) -> list[str]:
    return sorted(set(page_texts(at)) & english_messages())
