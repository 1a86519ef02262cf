"""A table as read from a file (`reading` reads it; mapping, validation and the rest take it):
kept apart from the reading code, so what only needs the table does not depend on how files
are read."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.importing.problems import Problem
from dashboard.importing.wide_summary import WideSummary


@dataclass
class Sheet:
    """One table read from a file: header names, text cells, and the row numbers people see."""

    name: str
    columns: list[str]
    frame: pd.DataFrame
    rows: np.ndarray
    notes: list[Problem] = field(default_factory=list)
    #: Row numbers that cannot be imported whatever the mapping (a row with too many cells).
    broken_rows: set[int] = field(default_factory=set)
    encoding: str | None = None
    delimiter: str | None = None
    #: Set when the file was a wide period table, read as one row per service, measure and
    #: period (`wide_periods`): what it held.
    wide: WideSummary | None = None

    @property
    def row_count(self) -> int:
        return len(self.frame)
