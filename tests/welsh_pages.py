"""Helpers for the tests that run pages in Welsh: what a reader sees, and English that leaks."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from dashboard.common.i18n import catalogue


def shown(markdown: str) -> str:
    """Markdown as a reader sees it: the escapes that keep typed text literal removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def english_messages() -> set[str]:
    """English messages of the interface whose Welsh differs (so seeing them is a leak)."""
    return {
        key
        for key, welsh in catalogue("cy").items()
        if isinstance(key, str) and len(key) > 3 and welsh != key
    }


#: Widgets whose label a reader sees beside the control.
LABELLED = (
    "text_input",
    "text_area",
    "number_input",
    "selectbox",
    "multiselect",
    "radio",
    "checkbox",
    "toggle",
    "slider",
    "select_slider",
    "date_input",
    "file_uploader",
    "button_group",
)


def page_texts(at: AppTest) -> list[str]:
    """The words on a page: headings, captions, text, messages, labels of metrics, expanders,
    tabs, buttons and widgets, and the headers of every table."""
    kinds = ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error")
    texts = [shown(str(e.value)) for kind in kinds for e in at.get(kind)]
    texts += [m.label for m in at.metric] + [e.label for e in at.expander]
    texts += [tab.label for tab in at.tabs]
    texts += [b.label for b in at.button] + [d.proto.label for d in at.get("download_button")]
    texts += [w.proto.label for kind in LABELLED for w in at.main.get(kind)]
    texts += [str(c) for frame in at.dataframe for c in frame.value.columns]
    return texts


def leaked_english(at: AppTest) -> list[str]:
    return sorted(set(page_texts(at)) & english_messages())


def welsh_only(at: AppTest) -> list[str]:
    """Headings and labels on the page that are Welsh translations unlike their English (so
    they show the page really is in Welsh, unlike "Data", which both languages write alike)."""
    welsh = {
        text
        for key, text in catalogue("cy").items()
        if isinstance(key, str) and isinstance(text, str) and text != key and "{" not in text
    }
    return sorted(set(page_texts(at)) & welsh)
