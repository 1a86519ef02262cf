"""A metric answer's period columns as the store keeps them: the label ("" when undated) and,
where the file does not say, the period's length in months read from the label.

A file with no period column keeps the stored period, as every column a file leaves out keeps
its value: its rows update each service's latest answer to the metric (undated where there
is none yet).
"""

from __future__ import annotations

import pandas as pd

from dashboard.common.metric_periods import latest_answers
from db.periods import period_months


def with_periods(frame: pd.DataFrame, stored: pd.DataFrame | None = None) -> pd.DataFrame:
    """`frame` with `period` filled ("" for none) and `period_months` where the label tells it;
    a length the file gives is kept. Without a period column, `stored` (service_id, metric,
    period of the answers in the store) gives each row its latest stored period."""
    out = frame.copy()
    if "period" in out:
        labels = out["period"].astype(object).where(out["period"].notna(), "")
    elif stored is not None and not stored.empty:
        latest = latest_answers(stored)[["service_id", "metric", "period"]]
        key = pd.MultiIndex.from_frame(out[["service_id", "metric"]].astype(object))
        found = pd.Series(
            latest["period"].to_numpy(dtype=object),
            index=pd.MultiIndex.from_frame(latest[["service_id", "metric"]].astype(object)),
        )
        labels = pd.Series(found.reindex(key).to_numpy(dtype=object), index=out.index)
        labels = labels.where(labels.notna(), "")
    else:
        labels = pd.Series("", index=out.index, dtype=object)
    out["period"] = labels
    lengths = {label: period_months(str(label)) for label in pd.unique(labels)}
    read = labels.map(lengths).astype("Int64")
    if "period_months" in out:
        out["period_months"] = out["period_months"].astype("Int64").fillna(read)
    else:
        out["period_months"] = read
    return out
