"""The tables behind the Overview charts: what the chart draws is exactly what is downloaded.

Every function takes the services already narrowed by the filter (indexed by service id) and
returns a frame with labels people read, never codes, in the language of the run (`using()`):
column names too, so the functions below that read a table back ask for its columns through
the same helpers (`all_levels()`, `severity_columns()`, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.common.i18n import t, term, tn
from dashboard.common.names import local_names
from dashboard.common.not_recorded import NOT_RECORDED, coverage_line
from dashboard.overview.headline import Headline, end_to_end_by_filter, headline
from db.vocabulary import (
    DIGITISATION_LEVELS,
    END_TO_END_LEVEL,
    MAX_LEVEL,
    MIN_LEVEL,
    SECTORS,
    SEVERITIES,
    THEME_CATEGORIES,
)

#: Where a service with no level is counted while the table is built (never a level).
UNKNOWN_LEVEL = -1
#: The survey instruments the Overview follows, in the order of its chart.
INSTRUMENTS = ("generalist", "technology")


def all_levels() -> str:
    return t("All levels")


def level_not_recorded() -> str:
    """The column counting services with no digitisation level: beside the levels, never one
    of them."""
    return t("Level not recorded")


def sector_not_recorded() -> str:
    """The row of services whose organisation has no sector recorded."""
    return t("Sector not recorded")


def services_column() -> str:
    return t("Services")


def deep_dives_column() -> str:
    return t("Deep dives")


def severity_columns() -> list[str]:
    """High, Medium, Low: how a chart reads them, left to right."""
    return [term(SEVERITIES, code) for code in ("3", "2", "1")]


def survey_states() -> list[str]:
    """Submitted, In progress, Not started: the order a chart reads them, left to right."""
    return [t("Submitted"), t("In progress"), t("Not started")]


def instrument_title(code: str) -> str:
    return {"generalist": t("Generalist survey"), "technology": t("Technology survey")}[code]


def severity_title(kind: str) -> str:
    """What the severity column means for each kind of theme."""
    return t("Severity") if kind == "challenge" else t("Priority")


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column that may be missing (a Welsh name), as text; missing values as None."""
    if name not in frame:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return frame[name].astype(object).where(frame[name].notna(), None)


def sector_by_level(services: pd.DataFrame) -> pd.DataFrame:
    """Services counted by sector (rows) and digitisation level (columns), zeros kept.

    Every level appears, so two filtered views line up when compared side by side; a sector
    with no matching service is left out (an empty bar says nothing), unless none has any.
    "All levels" counts the services whose level is known; "Level not recorded" counts the
    others, beside the levels and never one of them. Services of an organisation with no
    sector recorded are a row of their own.
    """
    sectors = [item.code for item in SECTORS]
    levels = [int(item.code) for item in DIGITISATION_LEVELS]
    sector = services["sector"].astype(object).where(services["sector"].notna(), NOT_RECORDED)
    level = services["digitisation_level"].astype("Int64").fillna(UNKNOWN_LEVEL)
    counts = (
        pd.DataFrame({"sector": sector, "level": level})
        .groupby(["sector", "level"], sort=False)
        .size()
        .unstack(fill_value=0)
        if len(services)
        else pd.DataFrame()
    )
    counts.index = counts.index.astype(str)
    counts.columns = counts.columns.astype(int)
    rows = sectors + ([NOT_RECORDED] if NOT_RECORDED in counts.index else [])
    counts = counts.reindex(index=rows, columns=[*levels, UNKNOWN_LEVEL], fill_value=0)
    counts = counts.astype(int)
    totals = counts.sum(axis=1)
    if totals.any():
        counts = counts[totals > 0]
    unknown = counts[UNKNOWN_LEVEL]
    counts = counts.drop(columns=[UNKNOWN_LEVEL])
    counts.index = [
        sector_not_recorded() if code == NOT_RECORDED else term(SECTORS, code)
        for code in counts.index
    ]
    counts.columns = [term(DIGITISATION_LEVELS, str(level)) for level in levels]
    counts.index.name = t("Sector")
    counts.columns.name = None
    counts[all_levels()] = counts.sum(axis=1)
    counts[level_not_recorded()] = unknown.to_numpy()
    return counts


def shares_within_rows(counts: pd.DataFrame) -> pd.DataFrame:
    """Each row's counts as shares of its "All levels" total (0 where a row is empty): shares
    of the services whose level is known, with the count of the others beside them."""
    levels = counts.drop(columns=[all_levels(), level_not_recorded()])
    totals = counts[all_levels()].astype(float).replace(0.0, float("nan"))
    shares = levels.div(totals, axis=0).fillna(0.0).round(3)
    shares[services_column()] = counts[all_levels()]
    shares[level_not_recorded()] = counts[level_not_recorded()]
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
    severities = severity_columns()
    theme, category, share = t("Theme"), t("Category"), t("Share")
    if rows.empty:
        return pd.DataFrame(columns=[theme, category, *severities, services_column(), share])
    named = themes[themes["kind"] == kind].set_index("code")
    counts = (
        rows.groupby(["theme", "severity"], observed=True, sort=False).size().unstack(fill_value=0)
    )
    counts.columns = [term(SEVERITIES, str(level)) for level in counts.columns]
    counts = counts.reindex(columns=severities, fill_value=0)
    counts.index = counts.index.astype(str)
    counts.index.name = None
    counts[services_column()] = counts.sum(axis=1)
    counts = counts.sort_values([services_column(), severities[0]], ascending=False, kind="stable")
    if top is not None:
        counts = counts.head(top)
    table = counts.reset_index(names="code")
    names = local_names(
        table["code"].map(named["name_en"]).fillna(table["code"]),
        table["code"].map(_column(named, "name_cy")),
    )
    table.insert(0, theme, names)
    table.insert(1, category, table["code"].map(named["category"]).map(_category).fillna(""))
    table[share] = (table[services_column()] / reporting).round(3)
    return table.drop(columns="code").reset_index(drop=True)


def _category(code: object) -> str:
    return term(THEME_CATEGORIES, str(code)) if isinstance(code, str) else ""


def services_reporting(services: pd.DataFrame, service_themes: pd.DataFrame, kind: str) -> int:
    """How many of `services` reported at least one theme of this kind."""
    rows = service_themes[
        (service_themes["kind"] == kind) & service_themes["service_id"].isin(services.index)
    ]
    return int(rows["service_id"].nunique())


def deep_dive_surveys(services: pd.DataFrame, surveys: pd.DataFrame) -> pd.DataFrame:
    """One row per deep-dive service among `services`: each survey's state and sections done."""
    deep = services[services["is_deep_dive"]]
    submitted, in_progress, not_started = survey_states()
    state = {"submitted": submitted, "draft": in_progress}
    sector = t("Sector")
    table = pd.DataFrame(
        {
            t("Service"): local_names(deep["name_en"], _column(deep, "name_cy")),
            t("Organisation"): local_names(
                deep["organisation_en"], _column(deep, "organisation_cy")
            ),
            sector: deep["sector"].astype(str).map(lambda code: term(SECTORS, code)),
        },
        index=deep.index,
    )
    for code in INSTRUMENTS:
        title = instrument_title(code)
        rows = surveys[(surveys["instrument"] == code) & surveys["service_id"].isin(deep.index)]
        rows = rows.drop_duplicates("service_id").set_index("service_id").reindex(deep.index)
        table[title] = rows["status"].map(state).fillna(not_started)
        done = rows["sections_complete"].fillna(0).astype(int)
        total = rows["sections_total"]
        table[t("{survey}: sections complete", survey=title)] = [
            "–" if pd.isna(whole) else t("{done} of {total}", done=part, total=int(whole))
            for part, whole in zip(done, total, strict=True)
        ]
    return table.sort_values(list(table.columns[[2, 1, 0]])).reset_index(drop=True)


def survey_progress(per_service: pd.DataFrame) -> pd.DataFrame:
    """Deep dives counted by survey (rows) and state (columns): the chart's data."""
    states = survey_states()
    counts = {
        instrument_title(code): per_service[instrument_title(code)]
        .value_counts()
        .reindex(states, fill_value=0)
        if instrument_title(code) in per_service
        else pd.Series(0, index=states)
        for code in INSTRUMENTS
    }
    table = pd.DataFrame(counts).T.astype(int)
    table.index.name = t("Survey")
    table[deep_dives_column()] = table.sum(axis=1)
    return table


# Findings: the sentence a chart's title states, worked out from the same table it draws.


def level_finding(
    table: pd.DataFrame, level_range: tuple[int, int] = (MIN_LEVEL, MAX_LEVEL)
) -> str:
    """E.g. "38% of 402 services are digital end to end (level 3 or 4)": of the services
    whose level is known. When the filter's levels (`level_range`) decide that share by
    themselves, the finding says so instead of a share true by construction."""
    levels = table.drop(columns=[all_levels(), level_not_recorded()])
    total = int(levels.to_numpy().sum())
    if not total:
        return t("No services match this filter")
    decided = end_to_end_by_filter(*level_range)
    if decided:
        return decided
    end_to_end = int(levels.iloc[:, END_TO_END_LEVEL:].to_numpy().sum())
    return tn(
        "{share} of {count} service is digital end to end (level 3 or 4)",
        "{share} of {count} services are digital end to end (level 3 or 4)",
        total,
        share=f"{end_to_end / total:.0%}",
        count=f"{total:,}",
    )


def level_coverage(table: pd.DataFrame) -> str | None:
    """ "Digitisation level known for 412 of 2,485 services", from a `sector_by_level` table;
    None when every service's level is known."""
    known = int(table[all_levels()].sum())
    unknown = int(table[level_not_recorded()].sum())
    if not unknown:
        return None
    return coverage_line(t("Digitisation level"), known, known + unknown)


def theme_finding(table: pd.DataFrame, kind: str, reporting: int) -> str:
    """E.g. "Most reported challenge: Recruiting software developers (48% of 252 services)"."""
    if table.empty or not reporting:
        if kind == "challenge":
            return t("No matching service reported a challenge")
        return t("No matching service reported an aim")
    top = table.iloc[0]
    share = f"{top[services_column()] / reporting:.0%}"
    if kind == "challenge":
        return t(
            "Most reported challenge: {theme} ({share} of {reporting} services reporting)",
            theme=top[t("Theme")],
            share=share,
            reporting=f"{reporting:,}",
        )
    return t(
        "Most reported aim or opportunity: {theme} ({share} of {reporting} services reporting)",
        theme=top[t("Theme")],
        share=share,
        reporting=f"{reporting:,}",
    )


def survey_finding(progress: pd.DataFrame) -> str:
    """E.g. "10 of 15 deep dives have submitted the generalist survey"."""
    generalist = progress.loc[instrument_title("generalist")].to_dict()
    planned = int(generalist[deep_dives_column()])
    if not planned:
        return t("No deep-dive service matches this filter")
    return tn(
        "{submitted} of {count} deep dive has submitted the generalist survey",
        "{submitted} of {count} deep dives have submitted the generalist survey",
        planned,
        submitted=f"{int(generalist[t('Submitted')]):,}",
        count=f"{planned:,}",
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
    #: the digitisation levels the filter keeps: a range below 3 (or from 3) decides the
    #: share digital end to end by itself, and the page says so instead of the share
    level_range: tuple[int, int] = (MIN_LEVEL, MAX_LEVEL)


def overview(
    services: pd.DataFrame,
    metrics: pd.DataFrame,
    surveys: pd.DataFrame,
    service_themes: pd.DataFrame,
    themes: pd.DataFrame,
    level_range: tuple[int, int] = (MIN_LEVEL, MAX_LEVEL),
) -> Overview:
    """The Overview's figures and tables for `services` (already filtered, `level_range` the
    digitisation levels the filter keeps), in the language of the run."""
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
        level_range=level_range,
    )
