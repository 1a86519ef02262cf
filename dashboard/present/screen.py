"""The browser window a slide must fit: how wide its chart is, and how much height the page's
other parts (the data notice, the slide's buttons, its title, its footer) leave the chart.

Every height here is measured in Chromium (1093 x 614, 1366 x 768 and 1920 x 1080, English and
Welsh) with the Present page's own style sheet (dashboard/present/ui/presenting.py); the lines
a text takes are estimated from its length at the font's measured width a letter, rounded up,
so a long finding or source line on a small window gets a shorter chart, never a footer pushed
out of the window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: The room above the slide: the Present page's 3rem under the (empty) header; in full screen,
#: where no header is drawn, 0.5rem and the places of the two small controls pinned to the
#: window's top corners (their room keeps the title clear of the way out).
PAGE_TOP, FULL_SCREEN_TOP = 48, 40
#: Streamlit's gap between two elements of the page.
GAP = 16
#: The row of the slide's buttons (and the speaker notes' switch) above its title.
BUTTON_ROW = 40
#: The data notice, set small (0.8rem, 1.35 lines): its padding and a line of its text. Its
#: text is at most NOTICE_CHARACTERS long in either language (the Welsh is the longer).
NOTICE_PADDING, NOTICE_LINE, NOTICE_FONT, NOTICE_CHARACTERS = 13, 17.3, 12.8, 270
#: The notice's icon and padding take this much of the content's width.
NOTICE_INSET = 64
#: The footer: 1rem type in lines of 1.6.
FOOTER_FONT, FOOTER_LINE = 16, 25.6
#: The slide's title (h1): 0.25rem over and 0.5rem under it, lines of 1.2.
TITLE_PADDING, TITLE_LINE = 12, 1.2
#: What a letter takes, in ems, as drawn (measured: 0.41 for the footer and the notice in Source
#: Sans, 0.45 for the bold title), with room for words that do not fill a line.
REGULAR_LETTER, BOLD_LETTER = 0.45, 0.5
#: Kept free under the footer, so rounding never pushes it out of the window.
SLACK = 12
#: The least height a chart is given, however small the window.
LEAST_BODY = 200


def title_font(width: int) -> float:
    """The title's type on a window `width` px wide: clamp(1.5rem, 2.2vw, 2.75rem)."""
    return min(44.0, max(24.0, width * 0.022))


@dataclass(frozen=True)
class Screen:
    """The browser window the slide must fit, in CSS pixels; `full`: full screen (the slide
    alone); `notice`: the data notice stands above the slide."""

    width: int = 1920
    height: int = 1080
    full: bool = False
    notice: bool = False

    @property
    def _content_width(self) -> float:
        return max(320.0, self.width - (32 if self.width < 736 else 160))

    @property
    def chart_width(self) -> int:
        """The slide's chart's width: the page's content width."""
        return int(self._content_width)

    def lines(self, characters: int, font: float, letter: float, inset: float = 0) -> int:
        """Lines a text of `characters` letters in `font` px type takes across the content's
        width (less `inset`)."""
        per_line = max(10, int((self._content_width - inset) / (font * letter)))
        return max(1, math.ceil(characters / per_line))

    def _notice_height(self) -> float:
        if not self.notice or self.full:
            return 0
        lines = self.lines(NOTICE_CHARACTERS, NOTICE_FONT, REGULAR_LETTER, NOTICE_INSET)
        return NOTICE_PADDING + NOTICE_LINE * lines + GAP

    def body_height(self, title: str, footer: list[str]) -> int:
        """The height left for the chart (or the figures) under the title and above the
        footer, so the whole slide shows without scrolling; never below LEAST_BODY px."""
        font = title_font(self.width)
        heading = TITLE_PADDING + self.lines(len(title), font, BOLD_LETTER) * font * TITLE_LINE
        foot_lines = sum(self.lines(len(line), FOOTER_FONT, REGULAR_LETTER) for line in footer)
        # (the paragraph's -1rem margin only lets what follows the footer start higher)
        foot = GAP + foot_lines * FOOTER_LINE
        if self.full:  # the way out and the slide's number stand in the window's corners
            above: float = FULL_SCREEN_TOP
        else:
            above = PAGE_TOP + self._notice_height() + BUTTON_ROW + GAP
        return max(LEAST_BODY, int(self.height - above - heading - foot - SLACK))
