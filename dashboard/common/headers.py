"""Table headers: the fixed English column keys of the pages' tables ("Services", "Score"),
which the charts, the slides and the tests address, as headers people read.

The names of data in the cells and row labels (themes, standards, sectors, metrics, services)
are already in the language they were built in; `localised()` turns the keys into headers at the
moment a table is shown or downloaded.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from dashboard.common.i18n import language, t, term, using
from db.vocabulary import ASSESSMENT_RATINGS, SEVERITIES


def headers() -> dict[str, str]:
    """Every fixed column key of the Insight tables and its header in the current language."""
    return dict(_headers(language()))


@cache
def _headers(lang: str) -> dict[str, str]:
    """headers() in one language, worked out once: a page shows a dozen tables, and asking
    the session for its language some eighty times a table added up."""
    with using(lang):
        return _header_words()


def _header_words() -> dict[str, str]:
    return {
        # shared
        "Code": t("Code"),
        "Service": t("Service"),
        "Organisation": t("Organisation"),
        "Sector": t("Sector"),
        "Services": t("Services"),
        "Digitisation level": t("Digitisation level"),
        "Users per year": t("Users per year"),
        "Transactions per year": t("Transactions per year"),
        "Cost per transaction": t("Cost per transaction"),
        "Details": t("Details"),
        # challenges and aims
        "Theme": t("Theme"),
        "Share of services reporting": t("Share of services reporting"),
        "High": term(SEVERITIES, "3"),
        "Medium": term(SEVERITIES, "2"),
        "Low": term(SEVERITIES, "1"),
        "Not rated": t("Not rated"),
        "Severity": t("Severity"),
        "Priority": t("Priority"),
        "Standard": t("Standard"),
        "OECD dimension": t("OECD dimension"),
        "Services with linked challenges": t("Services with linked challenges"),
        "of them rated high": t("of them rated high"),
        "of them not rated": t("of them not rated"),
        "Services with linked opportunities": t("Services with linked aims or opportunities"),
        "Linked challenge themes": t("Linked challenge themes"),
        "Linked opportunity themes": t("Linked aim or opportunity themes"),
        "Linked themes reported": t("Linked themes reported"),
        "Highest severity": t("Highest severity"),
        "Met": term(ASSESSMENT_RATINGS, "met"),
        "Partly met": term(ASSESSMENT_RATINGS, "partly_met"),
        "Not met": term(ASSESSMENT_RATINGS, "not_met"),
        "Not assessed": term(ASSESSMENT_RATINGS, "not_assessed"),
        "Services assessed": t("Services assessed"),
        # data availability
        "Metric": t("Metric"),
        "Provided": t("Provided"),
        "Estimated": t("Estimated"),
        "Not available: shared system": t("Not available: shared system"),
        "Not available: shared contract": t("Not available: shared contract"),
        "Not available: not measured": t("Not available: not measured"),
        "Not available: other": t("Not available: other"),
        "Not collected": t("Not collected"),
        "Not applicable": t("Not applicable"),
        "With a figure": t("With a figure (of the services it applies to)"),
        "Services answering": t("Services answering"),
        "Services it applies to": t("Services it applies to"),
        "Key metrics missing": t("Key metrics missing"),
        # prioritise
        "Rank": t("Rank"),
        "Score": t("Score"),
        "Reach contribution": t("Reach contribution"),
        "Digital gap contribution": t("Digital gap contribution"),
        "Pain contribution": t("Pain contribution"),
        "Data gaps contribution": t("Data gaps contribution"),
        "Cost contribution": t("Cost contribution"),
        "Parts estimated": t("Parts estimated"),
        "How sure": t("How sure"),
        "Estimated (median)": t("Estimated from the median"),
        "Reach": t("Reach"),
        "Digital gap": t("Digital gap"),
        "Pain": t("Pain"),
        "Data gaps": t("Data gaps"),
        "Cost": t("Cost"),
        "Improvement area": t("Improvement area"),
        "Users or transactions per year": t(
            "Service users (or transactions) per year, added across services"
        ),
        "Organisations": t("Organisations"),
        "Median reach": t("Median users or transactions per year"),
        "Services with known reach": t("Services with known reach"),
        "Services with unknown reach": t("Services with unknown reach"),
        "Largest service": t("Largest service"),
        "Largest service's share": t("Largest service's share of the reach"),
        "Rated high": t("Rated high"),
        "Top ranked": t("Top ranked"),
        "Reach from": t("Users or transactions per year, from"),
        "Reach to": t("Users or transactions per year, to"),
        "Top ranked here": t("Top ranked here (by rank)"),
    }


def with_headers(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with its column keys as headers in the current language (for a chart's legend)."""
    names = headers()
    return table.rename(columns=lambda c: names.get(str(c), c))


def localised(frame: pd.DataFrame, extra: dict[str, str] | None = None) -> pd.DataFrame:
    """A copy of `frame` whose column keys (and index name) read in the current language.

    Columns that start with "_" are internal (codes the page needs) and are dropped.
    """
    names = {**headers(), **(extra or {})}
    shown = frame[[c for c in frame.columns if not str(c).startswith("_")]]
    renamed = shown.rename(columns=lambda c: names.get(str(c), c))
    if renamed.index.name is not None:
        renamed.index.name = names.get(str(renamed.index.name), renamed.index.name)
    renamed.columns.name = None
    return renamed
