"""A metric answer's period columns as the store keeps them: the label ("" when undated) and,
where the file does not say, the period's length in months read from the label."""

from __future__ import annotations

import pandas as pd

from db.periods import period_months


def with_periods(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `period` filled ("" for none) and `period_months` where the label tells it;
    a length the file gives is kept."""
    out = frame.copy()
    labels = (
        out["period"].astype(object).where(out["period"].notna(), "")
        if "period" in out
        else pd.Series("", index=out.index, dtype=object)
    )
    out["period"] = labels
    lengths = {label: period_months(str(label)) for label in pd.unique(labels)}
    read = labels.map(lengths).astype("Int64")
    if "period_months" in out:
        out["period_months"] = out["period_months"].astype("Int64").fillna(read)
    else:
        out["period_months"] = read
    return out
