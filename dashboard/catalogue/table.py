"""The catalogue table: one row per matching service, with labels people read, not codes.

Built in the language of the run (`using()`): headers, labels and, in Welsh, the services' and
organisations' Welsh names (English with a marker where a Welsh name is missing).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.common.i18n import is_welsh, t, term
from dashboard.common.link_choices import LinkChoice
from dashboard.common.metric_periods import period_cells
from dashboard.common.names import local_names
from dashboard.common.not_recorded import labels_or_not_recorded
from dashboard.common.service_types import type_labels
from db.vocabulary import (
    AVAILABILITY,
    DIGITISATION_LEVELS,
    SECTORS,
    STAGES,
    UNAVAILABLE_REASONS,
    Availability,
    Metric,
    Term,
)

#: Rows the catalogue draws at once: enough to read down, few enough for any browser to draw
#: straight away. The downloads hold every matching service, in the same order.
SHOWN = 1_000
#: The orders the catalogue can be put in before it is cut to SHOWN rows, the first the default.
ORDERS = ("catalogue", "name", "organisation", "users", "transactions", "journeys")
NUMERIC_ORDERS = frozenset({"users", "transactions", "journeys"})
#: The order kept in the link (`?order=users`); catalogue order, the default, is not written.
ORDER = LinkChoice("order", ORDERS, ORDERS[0])


def order_labels() -> dict[str, str]:
    headers = columns()
    return {
        "catalogue": t("Catalogue order"),
        "name": t("{column}, A to Z", column=headers["name"]),
        "organisation": t("{column}, A to Z", column=headers["organisation"]),
        "users": t("{column}, most first", column=headers["users"]),
        "transactions": t("{column}, most first", column=headers["transactions"]),
        "journeys": t("{column}, most first", column=headers["journeys"]),
    }


def order_ranks(table: pd.DataFrame, order: str) -> np.ndarray:
    """Each row's place in `order` (a catalogue table in catalogue order, fields renamed to
    headers as `catalogue_table` does): names A to Z ignoring case, figures most first with
    the services that gave none last; ties keep the catalogue order."""
    count = len(table)
    if order not in ORDERS or order == "catalogue":
        return np.arange(count)
    column = table[columns()[order]]
    if order in NUMERIC_ORDERS:
        values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
        blank = np.isnan(values)
        positions = np.lexsort((np.arange(count), -np.nan_to_num(values, nan=0.0), blank))
    else:
        words = column.astype(object).fillna("").astype(str).str.casefold().to_numpy()
        positions = np.argsort(words, kind="stable")
    ranks = np.empty(count, dtype=np.int64)
    ranks[positions] = np.arange(count)
    return ranks


def in_order(table: pd.DataFrame, ranks: np.ndarray) -> pd.DataFrame:
    """The rows of `table` (some rows of the catalogue, `ranks` their places) in that order."""
    return table.take(np.argsort(ranks, kind="stable"))


def code_column() -> str:
    return t("Code")


def columns() -> dict[str, str]:
    """Field to header, in the order of the table: the name and the key figures first (they
    must be on screen without scrolling sideways), the code last."""
    return {
        "name": t("Service"),
        "organisation": t("Organisation"),
        "service_type": t("Service type"),
        "users": t("Users per year"),
        "transactions": t("Transactions per year"),
        "journeys": t("Journeys"),
        "level": t("Digitisation level"),
        "sector": t("Sector"),
        "stage": t("Stage"),
        "deep_dive": t("Deep dive"),
        "users_status": t("Users figure"),
        "transactions_status": t("Transactions figure"),
        # the latest period of each figure, and "per quarter" where a yearly figure is not
        "users_period": t("Users: latest period"),
        "transactions_period": t("Transactions: latest period"),
        # the name in the other language, so a search that matched it explains itself
        "other_name": t("English name") if is_welsh() else t("Welsh name"),
        "code": code_column(),
    }


#: The columns the screen shows first, in this order (a 1366 px laptop's window holds them all):
#: the name, who runs it, how digital it is, then the figures. The files keep `columns()` order.
SCREEN_FIRST = ("name", "organisation", "level", "users", "transactions", "journeys")
#: Their widths in CSS px: a 1366 px window with the sidebar open leaves the table about 900.
SCREEN_WIDTHS = {
    "name": 240,
    "organisation": 160,
    "level": 150,
    "users": 150,
    "transactions": 150,
    "journeys": 75,
}
#: Marks a figure the owner estimated, in a cell on screen (the key under the table says so).
ESTIMATE_MARK = "≈"


def screen_order() -> list[str]:
    """The headers in the order the screen shows them; each figure's status is in its cell."""
    headers = columns()
    merged = {"users_status", "transactions_status"}
    rest = [f for f in headers if f not in SCREEN_FIRST and f not in merged]
    return [headers[f] for f in (*SCREEN_FIRST, *rest)]


def _figure_cells(values: pd.Series, status: pd.Series) -> pd.Series:
    """A figure as people read it ("31,000"), marked where the owner estimated it
    ("≈ 31,000"), or in its place why there is none ("Not available (shared contract)")."""
    numbers = pd.to_numeric(values, errors="coerce")
    said = status.astype(object).fillna(t("Not reported")).astype(str)
    shown = numbers.map(lambda v: f"{v:,.0f}", na_action="ignore").astype(object)
    estimated = said.str.startswith(term(AVAILABILITY, Availability.ESTIMATED))
    shown = shown.where(~estimated | numbers.isna(), ESTIMATE_MARK + " " + shown.astype(str))
    return shown.where(numbers.notna(), said)


def for_screen(table: pd.DataFrame) -> pd.DataFrame:
    """Some rows of the catalogue table as the page shows them: each figure column holds the
    figure, or the reason the owner gave for having none, so a gap explains itself where it is
    seen; the status columns it merges are left out (the downloads keep them, beside numbers
    that are numbers only)."""
    headers = columns()
    out = table.copy()
    for figure in ("users", "transactions"):
        out[headers[figure]] = _figure_cells(
            table[headers[figure]], table[headers[f"{figure}_status"]]
        )
    return out[[h for h in screen_order() if h in out]]


def _labels(series: pd.Series, terms_: tuple[Term, ...]) -> pd.Series:
    """Codes to labels, a value not recorded as "not recorded"; mapped once per distinct code."""
    return labels_or_not_recorded(series, terms_)


def _status(availability: str, reason: str) -> str:
    label = term(AVAILABILITY, availability)
    return f"{label} ({term(UNAVAILABLE_REASONS, reason).lower()})" if reason else label


def metric_status(metrics: pd.DataFrame) -> pd.Series:
    """ "Provided", "Estimated", "Not available (shared contract)", ... per metric answer.

    Worked out once per distinct answer (a handful), then looked up for every row.
    """
    availability = metrics["availability"].astype(object).fillna("").astype(str)
    reason = metrics["reason"].astype(object).fillna("").astype(str)
    keys = availability + "\x1f" + reason
    lookup = {key: _status(*key.split("\x1f")) for key in keys.unique()}
    return keys.map(lookup)


def _metric_columns(services: pd.DataFrame, metrics: pd.DataFrame, metric: str) -> pd.DataFrame:
    rows = metrics[(metrics["metric"] == metric) & metrics["service_id"].isin(services.index)]
    table = pd.DataFrame(
        {
            "value": rows["value"].to_numpy(),
            "status": metric_status(rows).to_numpy(),
            "period": period_cells(metric, rows).to_numpy()
            if "period_months" in rows
            else rows["period"].astype(object).fillna("").to_numpy(),
        },
        index=rows["service_id"].to_numpy(),
    )
    table = table.reindex(services.index)
    table["status"] = table["status"].fillna(t("Not reported"))
    table["period"] = table["period"].fillna("")
    return table


def catalogue_table(services: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """The table shown and downloaded; `services` is already filtered (indexed by service id).

    Repeated labels are categoricals: a 100,000-row table stays small in the shared cache.
    """
    users = _metric_columns(services, metrics, Metric.USERS_PER_YEAR)
    transactions = _metric_columns(services, metrics, Metric.TRANSACTIONS_PER_YEAR)
    organisations = services[["organisation_code", "organisation_en", "organisation_cy"]]
    distinct = organisations.drop_duplicates("organisation_code").astype(object)
    organisation_names = dict(
        zip(
            distinct["organisation_code"],
            local_names(distinct["organisation_en"], distinct["organisation_cy"]),
            strict=True,
        )
    )
    welsh = is_welsh()
    table = pd.DataFrame(
        {
            "name": local_names(services["name_en"], services["name_cy"]),
            "organisation": services["organisation_code"]
            .astype(object)
            .map(organisation_names)
            .astype("category"),
            "service_type": type_labels(services["service_type"]).astype("category"),
            "users": users["value"],
            "transactions": transactions["value"],
            "journeys": services["journeys"].astype(int),
            "level": _labels(services["digitisation_level"], DIGITISATION_LEVELS).astype(
                "category"
            ),
            "sector": _labels(services["sector"], SECTORS).astype("category"),
            "stage": _labels(services["stage"], STAGES).astype("category"),
            "deep_dive": services["is_deep_dive"]
            .map({True: t("Yes"), False: t("No")})
            .astype("category"),
            "users_status": users["status"].astype("category"),
            "transactions_status": transactions["status"].astype("category"),
            "users_period": users["period"].astype("category"),
            "transactions_period": transactions["period"].astype("category"),
            "other_name": (
                services["name_en"].astype(str)
                if welsh
                else services["name_cy"].astype(object).fillna("").astype(str)
            ),
            "code": services["code"].astype(str),
        },
        index=services.index,
    )
    return table.rename(columns=columns())
