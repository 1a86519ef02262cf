"""How sure each ranked service's score is: a plain mark in words and a symbol, and how many of
the top of the ranking rest on an estimate.

Three levels, from what score() recorded for the service:

- all parts known: every weighted part comes from the owner's own figures;
- some parts estimated: at least one weighted part was estimated from the median of the other
  services, or the service has no digitisation level and is scored on its other parts;
- reach unknown: reach is weighted and the owner gave neither users nor transactions, so the
  service's reach, often the largest part, is the median of the others.

The symbol says the same as the words, so the mark never relies on shape or colour alone.
"""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import t, tn
from dashboard.prioritise.weighting import CODES

KNOWN, SOME_ESTIMATED, REACH_UNKNOWN = "known", "estimated", "reach_unknown"
LEVELS = (KNOWN, SOME_ESTIMATED, REACH_UNKNOWN)
#: A full, half and empty circle: more filled is surer.
SYMBOLS = {KNOWN: "●", SOME_ESTIMATED: "◐", REACH_UNKNOWN: "○"}
_REACH_BIT = 1 << CODES.index("reach")


def level_words() -> dict[str, str]:
    """Each level in words, in the current language."""
    return {
        KNOWN: t("all parts known"),
        SOME_ESTIMATED: t("some parts estimated"),
        REACH_UNKNOWN: t("reach unknown"),
    }


def levels(table: pd.DataFrame) -> pd.Series:
    """The confidence level of each row of a ranking (score() or ranked(): it reads
    "_estimated", "Parts estimated" and "_no_level")."""
    index = table.index
    masks = (
        table["_estimated"].astype("int64")
        if "_estimated" in table
        else pd.Series(0, index=index, dtype="int64")
    )
    estimated = (
        table["Parts estimated"].astype(int) > 0
        if "Parts estimated" in table
        else pd.Series(False, index=index)
    )
    no_level = (
        table["_no_level"].astype(bool) if "_no_level" in table else pd.Series(False, index=index)
    )
    out = pd.Series(KNOWN, index=index, dtype=object)
    out[estimated.to_numpy() | no_level.to_numpy()] = SOME_ESTIMATED
    out[(masks.to_numpy() & _REACH_BIT) != 0] = REACH_UNKNOWN
    return out


def marks(table: pd.DataFrame) -> pd.Series:
    """Each row's mark as people read it: "● all parts known", "◐ some parts estimated",
    "○ reach unknown"."""
    words = level_words()
    shown = {level: f"{SYMBOLS[level]} {words[level]}" for level in LEVELS}
    return levels(table).map(shown)


def resting_on_estimates(table: pd.DataFrame) -> int:
    """How many rows of a ranking are not "all parts known"."""
    return int((levels(table) != KNOWN).sum())


def top_sentence(top: pd.DataFrame) -> str:
    """How many of the top of the ranking rest on an estimate: "9 of the top 15 rest on at
    least one estimate"; "" for an empty ranking."""
    shown = len(top)
    if not shown:
        return ""
    n = resting_on_estimates(top)
    if not n:
        return tn(
            "The top service rests on known figures only",
            "All of the top {top} rest on known figures only",
            shown,
            top=shown,
        )
    return tn(
        "{n} of the top {top} rests on at least one estimate",
        "{n} of the top {top} rest on at least one estimate",
        n,
        n=n,
        top=shown,
    )


def legend() -> str:
    """What the three marks mean, in one line."""
    words = level_words()
    return t(
        "How sure each score is: {known}; {some} (from the median of the other services, or no "
        "digitisation level); {reach} (neither users nor transactions given).",
        known=f"{SYMBOLS[KNOWN]} {words[KNOWN]}",
        some=f"{SYMBOLS[SOME_ESTIMATED]} {words[SOME_ESTIMATED]}",
        reach=f"{SYMBOLS[REACH_UNKNOWN]} {words[REACH_UNKNOWN]}",
    )
