"""Text from data, users or links, made safe to place inside Markdown: shown as written, never run.

Streamlit never renders raw HTML without `unsafe_allow_html`, but Markdown still turns
`[link](…)` into a link and `![x](…)` into an image fetched from anywhere, `**b**` into bold,
`$x$` into LaTeX and `:red[x]` into colour. Escaping every Markdown character keeps a survey
answer, an imported name or a search from a link exactly as its author wrote it.

Escaping alone does not stop GitHub's autolinks: a bare `http://…`, `www.…` or `a@b.c` is
found in the text after escapes are undone. A word joiner (U+2060, invisible, and ignored by
screen readers) before `://`, `@` and the dot of `www.` breaks those patterns, so no bare
address becomes a link either.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=])")
_AUTOLINK = re.compile(r"(?i)(?=://)|(?=@)|(?<=www)(?=\.)")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """`text` with every Markdown character escaped and no autolink, on one paragraph."""
    joined = _AUTOLINK.sub(WORD_JOINER, " ".join(str(text).split()))
    return _SPECIAL.sub(r"\\\1", joined)
