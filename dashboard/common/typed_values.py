"""What people type where a value is wanted, in a survey field or a spreadsheet cell."""

from __future__ import annotations

import re

#: Words people write instead of a number, meaning they do not have it.
NOT_A_NUMBER = frozenset(
    {"n/a", "na", "n.a.", "unknown", "not known", "-", "--", "?", "none", "nil", "dk"}
)
#: Control characters that are never part of text people meant (tab and line ends are kept).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
