"""Hand-built priority components and the services they belong to, for the tests of the score,
the ranking and its stability (dashboard/prioritise)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.prioritise import weighting

#: The raw figures behind the components, unknown in a hand-built table.
RAW_FIGURES = ("users", "transactions", "cost_per_transaction", "pain_raw")


def parts_from_rows(rows: list[dict[str, float]]) -> pd.DataFrame:
    """Components per service (ids 1, 2, ...), a dict a service: the parts not given are 0."""
    frame = pd.DataFrame([{c: row.get(c, 0.0) for c in weighting.CODES} for row in rows])
    frame.index = pd.Index(range(1, len(rows) + 1), name="id")
    for raw in RAW_FIGURES:
        frame[raw] = np.nan
    return frame


def parts_from_columns(**columns: list[float]) -> pd.DataFrame:
    """The same, a list of values a component: `parts_from_columns(reach=[1.0, 0.5])`."""
    count = len(next(iter(columns.values())))
    return parts_from_rows(
        [{code: values[row] for code, values in columns.items()} for row in range(count)]
    )


def services_for(parts: pd.DataFrame) -> pd.DataFrame:
    """A service for each row of `parts` (code "s1", name "Service 1", ...), all alike else."""
    return pd.DataFrame(
        {
            "code": [f"s{i}" for i in parts.index],
            "name_en": [f"Service {i}" for i in parts.index],
            "organisation_en": "Org",
            "sector": "health",
            "digitisation_level": 2,
        },
        index=parts.index,
    )
