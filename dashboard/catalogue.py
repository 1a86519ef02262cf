"""The catalogue table: one row per matching service, with labels people read, not codes."""

from __future__ import annotations

import pandas as pd

from db.vocabulary import (
    AVAILABILITY,
    DIGITISATION_LEVELS,
    SECTORS,
    STAGES,
    UNAVAILABLE_REASONS,
    Metric,
    Term,
    label,
)

COLUMNS = {
    "code": "Code",
    "name": "Service",
    "organisation": "Organisation",
    "sector": "Sector",
    "level": "Digitisation level",
    "stage": "Stage",
    "deep_dive": "Deep dive",
    "journeys": "Journeys",
    "users": "Users per year",
    "users_status": "Users figure",
    "transactions": "Transactions per year",
    "transactions_status": "Transactions figure",
}


def _labels(series: pd.Series, terms: tuple[Term, ...]) -> pd.Series:
    mapping = {str(t.code): t.en for t in terms}
    return series.astype(str).map(mapping).fillna(series.astype(str))


def metric_status(metrics: pd.DataFrame) -> pd.Series:
    """ "Provided", "Estimated", "Not available (shared contract)", ... per metric answer."""
    availability = _labels(metrics["availability"], AVAILABILITY)
    reason = (
        metrics["reason"]
        .astype(object)
        .map(lambda code: None if pd.isna(code) else label(UNAVAILABLE_REASONS, code).lower())
    )
    return availability.where(reason.isna(), availability + " (" + reason.astype(str) + ")")


def _metric_columns(services: pd.DataFrame, metrics: pd.DataFrame, metric: str) -> pd.DataFrame:
    rows = metrics[(metrics["metric"] == metric) & metrics["service_id"].isin(services.index)]
    table = pd.DataFrame(
        {"value": rows["value"].to_numpy(), "status": metric_status(rows).to_numpy()},
        index=rows["service_id"].to_numpy(),
    )
    table = table.reindex(services.index)
    table["status"] = table["status"].fillna("Not reported")
    return table


def catalogue_table(services: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """The table shown and downloaded; `services` is already filtered (indexed by service id)."""
    users = _metric_columns(services, metrics, Metric.USERS_PER_YEAR)
    transactions = _metric_columns(services, metrics, Metric.TRANSACTIONS_PER_YEAR)
    table = pd.DataFrame(
        {
            "code": services["code"].astype(str),
            "name": services["name_en"].astype(str),
            "organisation": services["organisation_en"].astype(str),
            "sector": _labels(services["sector"], SECTORS),
            "level": _labels(services["digitisation_level"], DIGITISATION_LEVELS),
            "stage": _labels(services["stage"], STAGES),
            "deep_dive": services["is_deep_dive"].map({True: "Yes", False: "No"}),
            "journeys": services["journeys"].astype(int),
            "users": users["value"],
            "users_status": users["status"],
            "transactions": transactions["value"],
            "transactions_status": transactions["status"],
        },
        index=services.index,
    )
    return table.rename(columns=COLUMNS)
