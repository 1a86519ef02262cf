"""Challenges and opportunities across sectors, and the standards and OECD dimensions they touch.

Frames in: the services already narrowed by the filter (indexed by service id), the per-service
themes (service_id, theme, kind, severity), the themes (code, kind, category, name_en) and the
framework links. Frames out carry labels people read.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.queries import Framework
from db.vocabulary import ASSESSMENT_RATINGS, SECTORS, SEVERITIES, label

HIGH = 3


def _rows(services: pd.DataFrame, service_themes: pd.DataFrame, kind: str) -> pd.DataFrame:
    rows = service_themes[
        (service_themes["kind"] == kind) & service_themes["service_id"].isin(services.index)
    ]
    return rows.assign(
        sector=services["sector"].astype(str).reindex(rows["service_id"]).to_numpy(),
        theme=rows["theme"].astype(str).to_numpy(),
    )


def theme_names(themes: pd.DataFrame) -> dict[str, str]:
    return dict(zip(themes["code"].astype(str), themes["name_en"].astype(str), strict=True))


def theme_by_sector(
    services: pd.DataFrame, service_themes: pd.DataFrame, themes: pd.DataFrame, kind: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Themes (rows, most reported first) by sector (columns).

    Returns (shares, counts): counts are services reporting the theme; shares divide by the
    sector's services that reported any theme of this kind (blank where none did), so a small
    sector compares fairly with a large one.
    """
    rows = _rows(services, service_themes, kind)
    sectors = [t.code for t in SECTORS]
    of_kind = themes[themes["kind"] == kind]
    counts = (
        rows.groupby(["theme", "sector"]).size().unstack(fill_value=0)
        if len(rows)
        else pd.DataFrame()
    )
    counts = counts.reindex(index=of_kind["code"].astype(str), columns=sectors, fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    reporting = rows.groupby("sector")["service_id"].nunique().reindex(sectors)
    shares = counts.div(reporting.replace(0, float("nan")), axis=1).astype(float).round(3)
    names = theme_names(themes)
    for frame in (counts, shares):
        frame.index = pd.Index([names[c] for c in frame.index], name="Theme")
        frame.columns = [label(SECTORS, c) for c in sectors]
    return shares, counts.astype(int)


def theme_table(
    services: pd.DataFrame, service_themes: pd.DataFrame, themes: pd.DataFrame, kind: str
) -> pd.DataFrame:
    """Every theme of one kind: services reporting it overall, share, and the severity split."""
    rows = _rows(services, service_themes, kind)
    reporting = int(rows["service_id"].nunique())
    of_kind = themes[themes["kind"] == kind].set_index("code")
    severity = (
        rows.groupby(["theme", "severity"]).size().unstack(fill_value=0)
        if len(rows)
        else pd.DataFrame()
    )
    severity = severity.reindex(
        index=of_kind.index.astype(str), columns=[3, 2, 1], fill_value=0
    ).astype(int)
    table = pd.DataFrame(
        {
            "Code": of_kind.index.astype(str),
            "Theme": of_kind["name_en"].astype(str).to_numpy(),
            "Services": severity.sum(axis=1).to_numpy(),
        }
    )
    table["Share of services reporting"] = (
        (table["Services"] / reporting).round(3) if reporting else 0.0
    )
    for level in (3, 2, 1):
        table[label(SEVERITIES, str(level))] = severity[level].to_numpy()
    return table.sort_values(["Services", "High"], ascending=False, kind="stable").reset_index(
        drop=True
    )


def _linked(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    links: pd.DataFrame,
    key: str,
    names: pd.Series,
) -> pd.DataFrame:
    """Per framework item: services reporting a linked challenge (and with high severity), and
    services naming a linked opportunity."""
    out = pd.DataFrame(index=names.index)
    for kind, title in (("challenge", "challenges"), ("opportunity", "opportunities")):
        rows = _rows(services, service_themes, kind).merge(links, on="theme")
        out[f"Services with linked {title}"] = (
            rows.groupby(key)["service_id"].nunique().reindex(names.index).fillna(0).astype(int)
        )
        if kind == "challenge":
            high = rows[rows["severity"] >= HIGH]
            out["of them rated high"] = (
                high.groupby(key)["service_id"].nunique().reindex(names.index).fillna(0).astype(int)
            )
            out["Linked challenges"] = (
                links.groupby(key)["theme"].nunique().reindex(names.index).fillna(0).astype(int)
            )
    return out


def standards_at_risk(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    standards: pd.DataFrame,
    theme_standards: pd.DataFrame,
) -> pd.DataFrame:
    """Each of the 12 standards with how many services report challenges that bear on it.

    Sorted by services with a linked challenge rated high, then by any linked challenge.
    """
    names = standards.set_index("id")["name_en"].astype(str)
    linked = _linked(services, service_themes, theme_standards, "standard_id", names)
    linked.insert(0, "Standard", [f"{i}. {names[i]}" for i in linked.index])
    linked = linked.drop(columns="Linked challenges")
    return linked.sort_values(
        ["of them rated high", "Services with linked challenges"], ascending=False, kind="stable"
    ).reset_index(drop=True)


def dimensions_at_risk(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    dimensions: pd.DataFrame,
    theme_dimensions: pd.DataFrame,
) -> pd.DataFrame:
    """The six OECD dimensions, counted like standards_at_risk."""
    names = dimensions.set_index("code")["name_en"].astype(str)
    linked = _linked(services, service_themes, theme_dimensions, "dimension", names)
    linked.insert(0, "OECD dimension", names.to_numpy())
    linked = linked.drop(columns="Linked challenges")
    return linked.sort_values(
        ["of them rated high", "Services with linked challenges"], ascending=False, kind="stable"
    ).reset_index(drop=True)


def links_of(
    theme: str, framework_standards: pd.DataFrame, theme_standards: pd.DataFrame
) -> list[str]:
    """The standards one theme bears on, as "3. Understand users and their needs"."""
    ids = theme_standards.loc[theme_standards["theme"] == theme, "standard_id"]
    names = framework_standards.set_index("id")["name_en"]
    return [f"{i}. {names[i]}" for i in sorted(ids)]


def services_reporting(
    services: pd.DataFrame, service_themes: pd.DataFrame, theme: str
) -> pd.DataFrame:
    """The drill-down: services that report one theme, most severe first."""
    rows = service_themes[
        (service_themes["theme"].astype(str) == theme)
        & service_themes["service_id"].isin(services.index)
    ]
    chosen = services.loc[rows["service_id"].to_numpy()]
    table = pd.DataFrame(
        {
            "Code": chosen["code"].astype(str).to_numpy(),
            "Service": chosen["name_en"].astype(str).to_numpy(),
            "Organisation": chosen["organisation_en"].astype(str).to_numpy(),
            "Sector": chosen["sector"].astype(str).map(lambda c: label(SECTORS, c)).to_numpy(),
            "Severity": [label(SEVERITIES, str(int(s))) for s in rows["severity"]],
            "_order": rows["severity"].to_numpy(),
        }
    )
    return (
        table.sort_values(["_order", "Sector", "Service"], ascending=[False, True, True])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def assessment_summary(
    services: pd.DataFrame, assessments: pd.DataFrame, standards: pd.DataFrame
) -> pd.DataFrame:
    """Per standard: services rating it met, partly met, not met, not assessed (counts)."""
    rows = assessments[assessments["service_id"].isin(services.index)]
    ratings = [t.code for t in ASSESSMENT_RATINGS]
    counts = (
        rows.groupby(["standard_id", rows["rating"].astype(str)]).size().unstack(fill_value=0)
        if len(rows)
        else pd.DataFrame()
    )
    counts = counts.reindex(index=standards["id"], columns=ratings, fill_value=0).astype(int)
    names = standards.set_index("id")["name_en"]
    counts.index = pd.Index([f"{i}. {names[i]}" for i in counts.index], name="Standard")
    counts.columns = [label(ASSESSMENT_RATINGS, c) for c in ratings]
    counts["Services assessed"] = counts.sum(axis=1)
    return counts


@dataclass(frozen=True)
class ThemesView:
    """Everything the Challenges and aims page draws for one filter and kind of theme."""

    kind: str
    reporting: int
    themes: pd.DataFrame
    sector_shares: pd.DataFrame
    sector_counts: pd.DataFrame
    standards: pd.DataFrame
    dimensions: pd.DataFrame
    assessments: pd.DataFrame


def build(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    themes: pd.DataFrame,
    framework: Framework,
    assessments: pd.DataFrame,
    kind: str,
) -> ThemesView:
    service_themes = service_themes[service_themes["service_id"].isin(services.index)]
    shares, counts = theme_by_sector(services, service_themes, themes, kind)
    return ThemesView(
        kind=kind,
        reporting=int(service_themes.loc[service_themes["kind"] == kind, "service_id"].nunique()),
        themes=theme_table(services, service_themes, themes, kind),
        sector_shares=shares,
        sector_counts=counts,
        standards=standards_at_risk(
            services, service_themes, framework.standards, framework.theme_standards
        ),
        dimensions=dimensions_at_risk(
            services, service_themes, framework.dimensions, framework.theme_dimensions
        ),
        assessments=assessment_summary(services, assessments, framework.standards),
    )


def dimensions_of(
    theme: str, dimensions: pd.DataFrame, theme_dimensions: pd.DataFrame
) -> list[str]:
    """The OECD dimensions one theme bears on, by name, in the framework's order."""
    codes = set(theme_dimensions.loc[theme_dimensions["theme"] == theme, "dimension"])
    return [
        name
        for code, name in zip(dimensions["code"], dimensions["name_en"], strict=True)
        if code in codes
    ]
