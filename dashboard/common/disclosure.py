"""Disclosure control: counts of security answers and vacancies are shown only where at least
five services stand behind them (no Streamlit here).

As official statistics do, a count of 1 to 4 services is suppressed ("primary" suppression)
and marked "[c]". A count that is shown beside a published total would let a reader subtract
a suppressed cell back out, so wherever a line (a row or column whose total is published)
holds exactly one suppressed cell, its smallest other count is suppressed too ("secondary"
suppression), preferring a count above zero, and so on until no line holds exactly one. Zero
is shown: it picks out no one. A table with fewer than five services in all is not shown.

Administrators see every count (the caller decides); everyone else, and every file they
download, gets the suppressed table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.i18n import t

#: The fewest services a shown count may rest on.
THRESHOLD = 5
#: The official-statistics mark of a suppressed cell ("confidential").
SUPPRESSED = "[c]"

#: Technology questions whose answers, service by service, would tell an attacker where to
#: look (security), or single out a team (vacancies): counted only over five or more services.
PROTECTED_QUESTIONS = frozenset(
    {"cyber_support", "last_penetration_test", "security_incidents", "hard_to_fill_vacancies"}
)


def withheld(instrument: str, question: str, full: bool) -> bool:
    """Whether one service's answer to a question is kept from this reader: a single
    service's security answers and vacancies are a count of one, shown to administrators
    (`full`) only."""
    return instrument == "technology" and question in PROTECTED_QUESTIONS and not full


def withheld_answer() -> str:
    """What a service's detail view shows in place of a withheld answer."""
    return t(
        "Not shown: security answers and vacancies are shown to survey coordinators and"
        " administrators only."
    )


def suppression_note() -> str:
    """What "[c]" means, for every chart, table and file that holds one."""
    return t(
        "[c]: not shown, to protect the services behind it: fewer than {n} services, or a "
        "count from which one of those could be worked out.",
        n=THRESHOLD,
    )


def hidden_cells(
    counts: pd.DataFrame,
    threshold: int = THRESHOLD,
    row_totals: bool = True,
    column_totals: bool = False,
) -> pd.DataFrame:
    """Which cells of `counts` (service counts) to suppress, as a frame of booleans.

    `row_totals`: each row's total is published (a chart's "N of M services answered");
    `column_totals`: each column's total is published too (a table with a total row).
    """
    values = counts.to_numpy(dtype=np.int64)
    shape = values.shape
    flat = values.ravel()
    hide = (flat > 0) & (flat < threshold)
    cells = np.arange(flat.size).reshape(shape)
    lines: list[np.ndarray] = []
    if row_totals and shape[1] > 1:
        lines += list(cells)
    if column_totals and shape[0] > 1:
        lines += list(cells.T)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if int(hide[line].sum()) != 1:
                continue
            open_cells = line[~hide[line]]
            # the smallest count above zero first (a zero is the weakest cover), then a zero
            pick = min(open_cells, key=lambda i: (flat[i] == 0, flat[i]))
            hide[pick] = True
            changed = True
    hide = hide.reshape(shape)
    return pd.DataFrame(hide, index=counts.index, columns=counts.columns)


@dataclass(frozen=True)
class Protected:
    """A distribution of service counts over the options of one question, with the cells to
    suppress: `counts` indexed by option, `answered` its published total."""

    counts: pd.Series
    hidden: pd.Series  # bool, same index
    answered: int
    full: bool = False  # every count shown (an administrator, or a question not protected)

    @property
    def too_few(self) -> bool:
        """Fewer services answered than any count may rest on: nothing is shown."""
        return not self.full and 0 < self.answered < THRESHOLD

    @property
    def any_hidden(self) -> bool:
        return self.too_few or bool(self.hidden.any())

    def shown(self) -> pd.Series:
        """The counts as shown: a number, or "[c]" where suppressed (object dtype)."""
        if self.too_few:
            return pd.Series(SUPPRESSED, index=self.counts.index, dtype=object)
        return self.counts.astype(object).where(~self.hidden, SUPPRESSED)

    def drawn(self) -> pd.Series:
        """The counts a chart draws: suppressed cells are missing (no bar), never zero."""
        if self.too_few:
            return pd.Series(np.nan, index=self.counts.index, dtype=float)
        return self.counts.astype(float).where(~self.hidden)


def protect(counts: pd.Series, answered: int, full: bool = False) -> Protected:
    """Suppress a one-way count of services over a question's options (each service in one
    option, so they add up to `answered`, the published total); `full` (an administrator)
    keeps every count."""
    if full:
        return Protected(counts, pd.Series(False, index=counts.index), answered, full=True)
    hidden = hidden_cells(counts.to_frame().T, row_totals=True).iloc[0]
    return Protected(counts, hidden.astype(bool), answered)
