"""The catalogue's main points: how many services match and from how many organisations, how
many give each key figure and why the others do not, and which matching service reports the
most users (one service's own figure, never a sum across services).

Worked out from the catalogue table of the matching services (`catalogue_table`, headers in
the language of the run).
"""

from __future__ import annotations

import pandas as pd

from dashboard.catalogue.table import columns
from dashboard.common.i18n import t, term, tn
from db.vocabulary import AVAILABILITY, Availability


def figures_given(table: pd.DataFrame) -> str:
    """How many give a users and a transactions figure, and the commonest reason for none."""
    headers = columns()
    users = pd.to_numeric(table[headers["users"]], errors="coerce").notna()
    transactions = pd.to_numeric(table[headers["transactions"]], errors="coerce").notna()
    said = tn(
        "{users} of the {n} service gives a users figure and {transactions} a transactions figure.",
        "{users} of the {n} services give a users figure and {transactions} a transactions figure.",
        len(table),
        users=f"{int(users.sum()):,}",
        transactions=f"{int(transactions.sum()):,}",
        n=f"{len(table):,}",
    )
    reasons = table.loc[~users, headers["users_status"]].astype(str)
    if reasons.empty:
        return said
    commonest = reasons.value_counts()
    if len(commonest) > 1 and commonest.iloc[0] == commonest.iloc[1]:
        return said  # no one answer is the commonest
    return f"{said} " + tn(
        "Where there is no users figure, the commonest answer is “{reason}” ({count} service).",
        "Where there is no users figure, the commonest answer is “{reason}” ({count} services).",
        int(commonest.iloc[0]),
        reason=str(commonest.index[0]),
        count=f"{int(commonest.iloc[0]):,}",
    )


def most_used(table: pd.DataFrame) -> str | None:
    """The matching service with the most users a year, by its own figure, said to be
    estimated where the owner estimated it, with the period the figure is for."""
    headers = columns()
    users = pd.to_numeric(table[headers["users"]], errors="coerce")
    if users.notna().sum() < 2:
        return None
    top = table.iloc[int(users.fillna(-1).to_numpy().argmax())]
    estimated = str(top[headers["users_status"]]).startswith(
        term(AVAILABILITY, Availability.ESTIMATED)
    )
    period = str(top[headers["users_period"]] or "")
    words = {
        "service": str(top[headers["name"]]),
        "organisation": str(top[headers["organisation"]]),
        "users": f"{float(users.max()):,.0f}",
    }
    if estimated:
        said = t(
            "The most used is {service} ({organisation}): an estimated {users} users a year, "
            "by its owner's own figure.",
            **words,
        )
    else:
        said = t(
            "The most used is {service} ({organisation}): {users} users a year, by its "
            "owner's own figure.",
            **words,
        )
    return f"{said} " + t("Period: {period}.", period=period) if period else said


def main_points(table: pd.DataFrame, organisations: int) -> list[str]:
    """Two or three sentences for the matching services; none when none match."""
    if table.empty:
        return []
    scope = tn(
        "{n} service from {organisations} organisations matches; one row each, however many "
        "journeys it holds.",
        "{n} services from {organisations} organisations match; one row each, however many "
        "journeys they hold.",
        len(table),
        n=f"{len(table):,}",
        organisations=f"{organisations:,}",
    )
    points = [scope, figures_given(table), most_used(table)]
    return [point for point in points if point]
