"""The tables behind the Overview charts: what the chart draws is exactly what is downloaded.

Every function takes the services already narrowed by the filter (indexed by service id) and
returns a frame with labels people read, never codes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.headline import Headline, headline
from db.vocabulary import (
    DIGITISATION_LEVELS,
    END_TO_END_LEVEL,
    SECTORS,
    SEVERITIES,
    THEME_CATEGORIES,
    label,
)

#: Survey states in the order a chart reads them, left to right.
SURVEY_STATES = ("Submitted", "In progress", "Not started")
INSTRUMENT_TITLES = {"generalist": "Generalist survey", "technology": "Technology survey"}
#: What the severity column means for each kind of theme.
SEVERITY_TITLE = {"challenge": "Severity", "opportunity": "Priority"}


def sector_by_level(services: pd.DataFrame) -> pd.DataFrame:
    """Services counted by sector (rows) and digitisation level (columns), zeros kept.

    Every sector and level appears, so two filtered views line up when compared side by side.
    """
    sectors = [t.code for t in SECTORS]
    levels = [int(t.code) for t in DIGITISATION_LEVELS]
    counts = (
        services.groupby(["sector", "digitisation_level"], observed=True, sort=False)
        .size()
        .unstack(fill_value=0)
        if len(services)
        else pd.DataFrame()
    )
    counts.index = counts.index.astype(str)
    counts.columns = counts.columns.astype(int)
    counts = counts.reindex(index=sectors, columns=levels, fill_value=0).astype(int)
    counts.index = [label(SECTORS, code) for code in sectors]
    counts.columns = [label(DIGITISATION_LEVELS, str(level)) for level in levels]
    counts.index.name = "Sector"
    counts.columns.name = None
    counts["All levels"] = counts.sum(axis=1)
    return counts


def shares_within_rows(counts: pd.DataFrame) -> pd.DataFrame:
    """Each row's counts as shares of its "All levels" total (0 where a row is empty)."""
    levels = counts.drop(columns="All levels")
    totals = counts["All levels"].astype(float).replace(0.0, float("nan"))
    shares = levels.div(totals, axis=0).fillna(0.0).round(3)
    shares["Services"] = counts["All levels"]
    return shares


def theme_counts(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    themes: pd.DataFrame,
    kind: str,
    top: int | None = 10,
) -> pd.DataFrame:
    """The most reported themes of one kind among `services`, split by severity or priority.

    Columns: Theme, Category, High, Medium, Low, Services, Share. Share is of the matching
    services that reported any theme of this kind (those whose owners were asked).
    """
    rows = service_themes[
        (service_themes["kind"] == kind) & service_themes["service_id"].isin(services.index)
    ]
    reporting = int(rows["service_id"].nunique())
    severities = [t.en for t in reversed(SEVERITIES)]  # High, Medium, Low
    named = themes[themes["kind"] == kind].set_index("code")
    if rows.empty:
        return pd.DataFrame(columns=["Theme", "Category", *severities, "Services", "Share"])
    counts = (
        rows.groupby(["theme", "severity"], observed=True, sort=False).size().unstack(fill_value=0)
    )
    counts.columns = [label(SEVERITIES, str(level)) for level in counts.columns]
    counts = counts.reindex(columns=severities, fill_value=0)
    counts.index = counts.index.astype(str)
    counts.index.name = None
    counts["Services"] = counts.sum(axis=1)
    counts = counts.sort_values(["Services", "High"], ascending=False, kind="stable")
    if top is not None:
        counts = counts.head(top)
    table = counts.reset_index(names="code")
    table.insert(0, "Theme", table["code"].map(named["name_en"]).fillna(table["code"]))
    table.insert(1, "Category", table["code"].map(named["category"]).map(_category).fillna(""))
    table["Share"] = (table["Services"] / reporting).round(3)
    return table.drop(columns="code").reset_index(drop=True)


def _category(code: object) -> str:
    return label(THEME_CATEGORIES, str(code)) if isinstance(code, str) else ""


def services_reporting(services: pd.DataFrame, service_themes: pd.DataFrame, kind: str) -> int:
    """How many of `services` reported at least one theme of this kind."""
    rows = service_themes[
        (service_themes["kind"] == kind) & service_themes["service_id"].isin(services.index)
    ]
    return int(rows["service_id"].nunique())


def _survey_state(status: object) -> str:
    if status == "submitted":
        return "Submitted"
    if status == "draft":
        return "In progress"
    return "Not started"


def deep_dive_surveys(services: pd.DataFrame, surveys: pd.DataFrame) -> pd.DataFrame:
    """One row per deep-dive service among `services`: each survey's state and sections done."""
    deep = services[services["is_deep_dive"]]
    table = pd.DataFrame(
        {
            "Service": deep["name_en"].astype(str),
            "Organisation": deep["organisation_en"].astype(str),
            "Sector": deep["sector"].astype(str).map(lambda c: label(SECTORS, c)),
        },
        index=deep.index,
    )
    for code, title in INSTRUMENT_TITLES.items():
        rows = surveys[(surveys["instrument"] == code) & surveys["service_id"].isin(deep.index)]
        rows = rows.drop_duplicates("service_id").set_index("service_id").reindex(deep.index)
        table[title] = rows["status"].map(_survey_state).fillna("Not started")
        done = rows["sections_complete"].fillna(0).astype(int).astype(str)
        total = rows["sections_total"]
        table[f"{title}: sections complete"] = (
            done + " of " + total.astype("Int64").astype(str)
        ).where(total.notna(), "–")
    return table.sort_values(["Sector", "Organisation", "Service"]).reset_index(drop=True)


def survey_progress(per_service: pd.DataFrame) -> pd.DataFrame:
    """Deep dives counted by survey (rows) and state (columns): the chart's data."""
    counts = {
        title: per_service[title].value_counts().reindex(SURVEY_STATES, fill_value=0)
        if title in per_service
        else pd.Series(0, index=list(SURVEY_STATES))
        for title in INSTRUMENT_TITLES.values()
    }
    table = pd.DataFrame(counts).T.astype(int)
    table.index.name = "Survey"
    table["Deep dives"] = table.sum(axis=1)
    return table


# Findings: the sentence a chart's title states, worked out from the same table it draws.


def level_finding(table: pd.DataFrame) -> str:
    """E.g. "38% of 402 services are digital end to end (level 3 or 4)"."""
    levels = table.drop(columns="All levels")
    total = int(levels.to_numpy().sum())
    if not total:
        return "No services match this filter"
    end_to_end = int(levels.iloc[:, END_TO_END_LEVEL:].to_numpy().sum())
    noun = "service is" if total == 1 else "services are"
    return f"{end_to_end / total:.0%} of {total:,} {noun} digital end to end (level 3 or 4)"


def theme_finding(table: pd.DataFrame, kind: str, reporting: int) -> str:
    """E.g. "Most reported challenge: Recruiting software developers (48% of 252 services)"."""
    if table.empty or not reporting:
        return f"No matching service reported {'a challenge' if kind == 'challenge' else 'an aim'}"
    top = table.iloc[0]
    noun = "challenge" if kind == "challenge" else "aim or opportunity"
    return (
        f"Most reported {noun}: {top['Theme']} "
        f"({top['Services'] / reporting:.0%} of {reporting:,} services reporting)"
    )


def survey_finding(progress: pd.DataFrame) -> str:
    """E.g. "10 of 15 deep dives have submitted the generalist survey"."""
    generalist = progress.loc[INSTRUMENT_TITLES["generalist"]]
    planned = int(generalist["Deep dives"])
    if not planned:
        return "No deep-dive service matches this filter"
    return (
        f"{int(generalist['Submitted'])} of {planned} deep "
        f"{'dive has' if planned == 1 else 'dives have'} submitted the generalist survey"
    )


@dataclass(frozen=True)
class Overview:
    """Everything the Overview page draws for one filter: small frames, cheap to cache."""

    headline: Headline
    levels: pd.DataFrame
    challenges: pd.DataFrame
    challenges_reporting: int
    opportunities: pd.DataFrame
    opportunities_reporting: int
    deep_dives: pd.DataFrame
    progress: pd.DataFrame


def overview(
    services: pd.DataFrame,
    metrics: pd.DataFrame,
    surveys: pd.DataFrame,
    service_themes: pd.DataFrame,
    themes: pd.DataFrame,
) -> Overview:
    """The Overview's figures and tables for `services` (already filtered)."""
    ids = services.index
    # narrow the long frames once; every table below then works on the matching rows only
    service_themes = service_themes[service_themes["service_id"].isin(ids)]
    deep_dives = deep_dive_surveys(services, surveys)
    return Overview(
        headline=headline(services, metrics, surveys),
        levels=sector_by_level(services),
        challenges=theme_counts(services, service_themes, themes, "challenge"),
        challenges_reporting=services_reporting(services, service_themes, "challenge"),
        opportunities=theme_counts(services, service_themes, themes, "opportunity"),
        opportunities_reporting=services_reporting(services, service_themes, "opportunity"),
        deep_dives=deep_dives,
        progress=survey_progress(deep_dives),
    )
