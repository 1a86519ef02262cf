"""What people type where a value is wanted, in a survey field or a spreadsheet cell."""

from __future__ import annotations

import re

#: Words people write instead of a number, meaning they do not have it.
NOT_A_NUMBER = frozenset(
    {"n/a", "na", "n.a.", "unknown", "not known", "-", "--", "?", "none", "nil", "dk"}
)
#: Control characters that are never part of text people meant (tab and line ends are kept).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: The largest figure a survey field or an imported cell takes: anything larger is a typing
#: slip (a trillion people, or pounds), and larger still breaks sums and charts.
LARGEST_FIGURE = 1e12
#: The earliest year a date in the catalogue (a survey submitted, say) can be in.
EARLIEST_YEAR = 1990
#: How far ahead of today a date may be, in days: a survey cannot be submitted next year.
DAYS_AHEAD = 366
