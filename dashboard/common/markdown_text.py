"""Text that people typed, made safe to place inside Markdown: shown as written, never run.

Streamlit never renders raw HTML without `unsafe_allow_html`, but Markdown still turns
`[link](…)` into a link and `![x](…)` into an image fetched from anywhere. Escaping every
Markdown character keeps a survey answer or imported name exactly as its author wrote it.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=])")


def plain(text: object) -> str:
    """`text` with every Markdown character escaped, on one paragraph."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
