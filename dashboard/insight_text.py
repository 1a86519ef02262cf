"""The words of the Insight pages: table headers and data names in the reader's language.

The Insight tables (dashboard.themes_insight, dashboard.availability, dashboard.prioritise) keep
fixed English column keys ("Services", "Score"), which the charts, the slides and the tests
address; the names of data in their cells and row labels (themes, standards, sectors, metrics,
services) are already in the language they were built in. `localised()` turns the keys into
headers people read, at the moment a table is shown or downloaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from urllib.parse import quote

import numpy as np
import pandas as pd

from dashboard.i18n import is_welsh, language, t, term, tn, using
from db.vocabulary import ASSESSMENT_RATINGS, SEVERITIES


def local_names(en: pd.Series, cy: pd.Series) -> pd.Series:
    """Data names (services, organisations) in the current language, for a whole column.

    In Welsh a missing Welsh name falls back to the English one with a marker, as
    dashboard.i18n.local_name does for one name.
    """
    english = en.astype("string").fillna("")
    if not is_welsh():
        return english.astype(object)
    welsh = cy.astype("string").fillna("").str.strip()
    before, _, after = t("{name} (in English only)", name="\0").partition("\0")
    fallback = before + english + after
    return welsh.where(welsh != "", fallback).astype(object)


def relabel(values: pd.Series, labels: Mapping[str, str], missing: str = "") -> pd.Series:
    """Codes to the words people read, looked up once per distinct code (a column can hold
    100,000 of them); a code with no label stays as it is, a missing one becomes `missing`."""
    categorical = values.astype("category")
    words = [labels.get(str(c), str(c)) for c in categorical.cat.categories]
    table = np.asarray([*words, missing], dtype=object)
    codes = categorical.cat.codes.to_numpy()
    return pd.Series(table[np.where(codes < 0, len(words), codes)], index=values.index)


_ASPIRATE = {"c": "ch", "p": "ph", "t": "th"}


def _after_a(word: str) -> str:
    """A Welsh word after "a" (and): aspirate mutation of c, p, t ("a chost"); "ac" before a
    vowel ("ac amser")."""
    if not word:
        return "a"
    first, second = word[0], word[1:2]
    if first.lower() in "aeiouwyâêîôûŵŷ":
        return f"ac {word}"
    if first.lower() in _ASPIRATE and second.lower() != "h":
        mutated = _ASPIRATE[first.lower()]
        return "a " + (mutated.capitalize() if first.isupper() else mutated) + word[1:]
    return f"a {word}"


def and_list(items: list[str]) -> str:
    """ "a, b and c" in the current language (Welsh mutates the word after "a")."""
    if len(items) <= 1:
        return "".join(items)
    head = ", ".join(items[:-1])
    if is_welsh():
        return f"{head} {_after_a(items[-1])}"
    return t("{first} and {last}", first=head, last=items[-1])


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
        "Estimated (median)": t("Estimated from the median"),
        "Reach": t("Reach"),
        "Digital gap": t("Digital gap"),
        "Pain": t("Pain"),
        "Data gaps": t("Data gaps"),
        "Cost": t("Cost"),
        "Improvement area": t("Improvement area"),
        "Users or transactions per year": t("Users or transactions per year"),
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


def catalogue_links(codes: pd.Series) -> pd.Series:
    """Each service's detail view in the catalogue, as a link relative to the app's address
    (so it works under any base path) that opens in the reader's language. Vectorised: the
    tables behind a filter can hold tens of thousands of services."""
    codes = codes.astype(str)
    plain = codes.str.fullmatch(r"[A-Za-z0-9._~-]+").fillna(False).astype(bool)
    safe = codes.copy()
    safe[~plain] = codes[~plain].map(lambda code: quote(code, safe=""))
    links = "catalogue?service=" + safe
    return links + "&lang=cy" if is_welsh() else links


def with_links(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with a "Details" link beside the "Service" column (from its "Code" column), the
    code itself left out: people follow the link, they do not read the code."""
    out = frame.drop(columns="Code")
    position = list(out.columns).index("Service") + 1 if "Service" in out else 0
    out.insert(position, "Details", catalogue_links(frame["Code"]).to_numpy())
    return out


def counting_note(journeys: int, holders: int) -> str:
    """What the Insight figures count: each service once, never once per journey, and how
    many journeys the matching services hold between them."""
    if not journeys:
        return t(
            "Figures here count each service once, never once per journey; the matching "
            "services have no separate journeys recorded."
        )
    return tn(
        "Figures here count each service once, never once per journey: {holders} of the "
        "matching services hold {count} journey between them (one user need can fan out into "
        "many, as in health).",
        "Figures here count each service once, never once per journey: {holders} of the "
        "matching services hold {count} journeys between them (one user need can fan out into "
        "many, as in health).",
        journeys,
        holders=f"{holders:,}",
        count=f"{journeys:,}",
    )
