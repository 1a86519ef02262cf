"""Challenges and opportunities across sectors, and the standards and OECD dimensions they touch.

Frames in: the services already narrowed by the filter (indexed by service id), the per-service
themes (service_id, theme, kind, severity), the themes (code, kind, category, name_en, name_cy)
and the framework links. Frames out keep fixed English column keys (dashboard.common.headers gives
them headers); theme, standard, dimension, sector and service names in them follow the language
the function runs in.

Severity is optional: a theme reported without one is "Not rated", counted apart, never taken
for low (or for anything else).

Each table is counted first and then built by a `*_frame` function (theme_frame, sector_frames,
standards_frame, dimensions_frame, assessment_frame). The app itself counts with
dashboard.themes.index, which works out every service's themes once per data version and
builds its tables with the same functions, so both give the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.i18n import t, term, terms, tn
from dashboard.common.names import and_list, local_names, optional_column, relabel
from dashboard.common.queries import Framework
from dashboard.common.service_labels import service_columns
from db.vocabulary import ASSESSMENT_RATINGS, SECTORS, SEVERITIES

HIGH = 3
SEVERITY_KEYS = {3: "High", 2: "Medium", 1: "Low"}
NOT_RATED = "Not rated"
#: The severity columns of theme_table, in order.
RATINGS = [*SEVERITY_KEYS.values(), NOT_RATED]


def _names(frame: pd.DataFrame) -> pd.Series:
    return local_names(frame["name_en"], optional_column(frame, "name_cy"))


def _rows(services: pd.DataFrame, service_themes: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The theme reports of one kind from the services, with each service's sector.

    Categorical columns stay categorical: at 100,000 services these frames hold hundreds of
    thousands of rows, and strings would be built and hashed again on every grouping.
    """
    rows = service_themes[
        (service_themes["kind"] == kind) & service_themes["service_id"].isin(services.index)
    ]
    return pd.DataFrame(
        {
            "service_id": rows["service_id"].to_numpy(),
            "theme": rows["theme"].astype("category").array,
            "sector": services["sector"].astype("category").reindex(rows["service_id"]).array,
            "severity": rows["severity"].astype(float).to_numpy(),
        }
    )


def theme_names(themes: pd.DataFrame) -> dict[str, str]:
    """Theme code to its name in the current language."""
    return dict(zip(themes["code"].astype(str), _names(themes), strict=True))


def theme_by_sector(
    services: pd.DataFrame, service_themes: pd.DataFrame, themes: pd.DataFrame, kind: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Themes (rows, most reported first) by sector (columns).

    Returns (shares, counts): counts are services reporting the theme; shares divide by the
    sector's services that reported any theme of this kind (blank where none did), so a small
    sector compares fairly with a large one.
    """
    rows = _rows(services, service_themes, kind)
    counts = (
        rows.drop_duplicates(["theme", "service_id"])
        .groupby(["theme", "sector"], observed=True)
        .size()
        .unstack(fill_value=0)
        if len(rows)
        else pd.DataFrame()
    )
    reporting = rows.groupby("sector")["service_id"].nunique()
    return sector_frames(counts, reporting, themes, kind)


def sector_frames(
    counts: pd.DataFrame, reporting: pd.Series, themes: pd.DataFrame, kind: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """theme_by_sector's frames from the counts: services reporting each theme (rows, theme
    codes) in each sector (columns, sector codes), and services reporting any theme of the kind
    per sector code."""
    sectors = [t.code for t in SECTORS]
    of_kind = themes[themes["kind"].astype(str) == kind]
    counts.index = counts.index.astype(str)
    counts.columns = counts.columns.astype(str)
    counts = counts.reindex(index=of_kind["code"].astype(str), columns=sectors, fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    reporting = reporting.reindex(sectors)
    shares = counts.div(reporting.replace(0, float("nan")), axis=1).astype(float).round(3)
    names = theme_names(themes)
    labels = terms(SECTORS)
    for frame in (counts, shares):
        frame.index = pd.Index([names[c] for c in frame.index], name="Theme")
        frame.columns = [labels[c] for c in sectors]
    return shares, counts.astype(int)


def theme_table(
    services: pd.DataFrame, service_themes: pd.DataFrame, themes: pd.DataFrame, kind: str
) -> pd.DataFrame:
    """Every theme of one kind: services reporting it overall, share, and the severity split
    (High, Medium, Low, Not rated)."""
    rows = _rows(services, service_themes, kind)
    reporting = int(rows["service_id"].nunique())
    rows = rows.drop_duplicates(["theme", "service_id"])
    rated = pd.Categorical(rows["severity"].map(SEVERITY_KEYS).fillna(NOT_RATED), RATINGS)
    severity = (
        rows.assign(rating=rated)
        .groupby(["theme", "rating"], observed=True)
        .size()
        .unstack(fill_value=0)
        if len(rows)
        else pd.DataFrame()
    )
    return theme_frame(severity, reporting, themes, kind)


def theme_frame(
    severity: pd.DataFrame, reporting: int, themes: pd.DataFrame, kind: str
) -> pd.DataFrame:
    """theme_table's frame from the counts: services reporting each theme (rows, theme codes)
    by rating (columns, RATINGS), and services reporting any theme of the kind."""
    of_kind = themes[themes["kind"].astype(str) == kind].reset_index(drop=True)
    severity.index = severity.index.astype(str)
    severity.columns = severity.columns.astype(str)
    severity = severity.reindex(
        index=of_kind["code"].astype(str), columns=RATINGS, fill_value=0
    ).astype(int)
    services_reporting = severity.sum(axis=1)  # each service once per theme
    table = pd.DataFrame(
        {
            "Code": of_kind["code"].astype(str).to_numpy(),
            "Theme": _names(of_kind).to_numpy(),
            "Services": services_reporting.astype(int).to_numpy(),
        }
    )
    table["Share of services reporting"] = (
        (table["Services"] / reporting).round(3) if reporting else 0.0
    )
    for column in RATINGS:
        table[column] = severity[column].to_numpy()
    return table.sort_values(["Services", "High"], ascending=False, kind="stable").reset_index(
        drop=True
    )


def _with_links(rows: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Each theme report once per framework item its theme is linked to (a join on the theme's
    category codes: the report rows can number hundreds of thousands)."""
    categories = rows["theme"].cat.categories
    links = links[links["theme"].astype(str).isin(categories)]
    links = links.assign(theme=pd.Categorical(links["theme"].astype(str), categories))
    return rows.merge(links, on="theme")


def _linked(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    links: pd.DataFrame,
    key: str,
    names: pd.Series,
) -> pd.DataFrame:
    """Per framework item: services reporting a linked challenge (split by the highest severity
    among their linked challenges: high, rated lower, not rated at all), services naming a linked
    opportunity, and how many themes of each kind the framework links to it."""
    out = pd.DataFrame(index=names.index)
    for kind, title in (("challenge", "challenges"), ("opportunity", "opportunities")):
        rows = _with_links(_rows(services, service_themes, kind), links)
        out[f"Services with linked {title}"] = (
            rows.groupby(key)["service_id"].nunique().reindex(names.index).fillna(0).astype(int)
        )
        if kind == "challenge":
            worst = rows.groupby([key, "service_id"])["severity"].max().reset_index()
            high = worst[worst["severity"] >= HIGH].groupby(key).size()
            unrated = worst[worst["severity"].isna()].groupby(key).size()
            out["of them rated high"] = high.reindex(names.index).fillna(0).astype(int)
            out["of them not rated"] = unrated.reindex(names.index).fillna(0).astype(int)
    return out


def _themes_linked(
    links: pd.DataFrame, key: str, themes: pd.DataFrame, index: pd.Index
) -> dict[str, pd.Series]:
    """How many themes of each kind the framework links to each item of `index` (a few dozen
    links, counted in plain Python: grouping them in pandas took longer than the counts)."""
    kinds = dict(zip(themes["code"].astype(str), themes["kind"].astype(str), strict=True))
    linked: dict[tuple[str | None, object], set[str]] = {}
    for theme, item in zip(links["theme"].astype(str), links[key], strict=True):
        linked.setdefault((kinds.get(theme), item), set()).add(theme)
    return {
        column: pd.Series([len(linked.get((kind, item), ())) for item in index], index=index)
        for kind, column in (
            ("challenge", "Linked challenge themes"),
            ("opportunity", "Linked opportunity themes"),
        )
    }


def standard_label(number: int, name: str) -> str:
    return f"{number}. {name}"


def standard_names(standards: pd.DataFrame) -> pd.Series:
    """Each standard's name in the current language, by standard id."""
    return pd.Series(_names(standards).to_numpy(), index=standards["id"].to_numpy())


def dimension_names(dimensions: pd.DataFrame) -> pd.Series:
    """Each OECD dimension's name in the current language, by code."""
    return pd.Series(_names(dimensions).to_numpy(), index=dimensions["code"].astype(str).to_numpy())


def standards_at_risk(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    standards: pd.DataFrame,
    theme_standards: pd.DataFrame,
    themes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each of the 12 standards with how many services report challenges that bear on it.

    Sorted by services with a linked challenge rated high, then by any linked challenge. With
    `themes`, the table also says how many themes the framework links to each standard (a
    standard no theme is linked to cannot show a risk here, which is not the same as none).
    """
    names = standard_names(standards)
    linked = _linked(services, service_themes, theme_standards, "standard_id", names)
    return standards_frame(linked, names, theme_standards, themes)


def standards_frame(
    linked: pd.DataFrame,
    names: pd.Series,
    theme_standards: pd.DataFrame,
    themes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """standards_at_risk's table from the counts per standard id (the columns of _linked)."""
    labels = [standard_label(i, names[i]) for i in linked.index]
    return _at_risk_frame(linked, "Standard", labels, theme_standards, "standard_id", themes)


def dimensions_at_risk(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    dimensions: pd.DataFrame,
    theme_dimensions: pd.DataFrame,
    themes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The six OECD dimensions, counted like standards_at_risk."""
    names = dimension_names(dimensions)
    linked = _linked(services, service_themes, theme_dimensions, "dimension", names)
    return dimensions_frame(linked, names, theme_dimensions, themes)


def dimensions_frame(
    linked: pd.DataFrame,
    names: pd.Series,
    theme_dimensions: pd.DataFrame,
    themes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """dimensions_at_risk's table from the counts per dimension code (the columns of _linked)."""
    return _at_risk_frame(
        linked, "OECD dimension", names.to_numpy(), theme_dimensions, "dimension", themes
    )


def _at_risk_frame(
    linked: pd.DataFrame,
    column: str,
    labels: list[str] | np.ndarray,
    links: pd.DataFrame,
    key: str,
    themes: pd.DataFrame | None,
) -> pd.DataFrame:
    linked.insert(0, column, labels)
    if themes is not None:
        for name, counts in _themes_linked(links, key, themes, linked.index).items():
            linked[name] = counts.astype(int)
    linked.insert(0, "_id", linked.index.astype(str))
    return linked.sort_values(
        ["of them rated high", "Services with linked challenges"], ascending=False, kind="stable"
    ).reset_index(drop=True)


def links_of(
    theme: str, framework_standards: pd.DataFrame, theme_standards: pd.DataFrame
) -> list[str]:
    """The standards one theme bears on, as "3. Understand users and their needs"."""
    ids = theme_standards.loc[theme_standards["theme"] == theme, "standard_id"]
    names = pd.Series(
        _names(framework_standards).to_numpy(), index=framework_standards["id"].to_numpy()
    )
    return [standard_label(i, names[i]) for i in sorted(ids)]


def dimensions_of(
    theme: str, dimensions: pd.DataFrame, theme_dimensions: pd.DataFrame
) -> list[str]:
    """The OECD dimensions one theme bears on, by name, in the framework's order."""
    codes = set(theme_dimensions.loc[theme_dimensions["theme"] == theme, "dimension"])
    return [
        name
        for code, name in zip(dimensions["code"], _names(dimensions), strict=True)
        if code in codes
    ]


def services_reporting(
    services: pd.DataFrame, service_themes: pd.DataFrame, theme: str
) -> pd.DataFrame:
    """The drill-down: services that report one theme, most severe first, not rated last.

    The severity column is "Severity" for a challenge and "Priority" for an aim.
    """
    rows = service_themes[
        (service_themes["theme"] == theme) & service_themes["service_id"].isin(services.index)
    ].drop_duplicates("service_id")
    kinds = set(rows["kind"].astype(str).unique())
    column = "Priority" if kinds == {"opportunity"} else "Severity"
    chosen = services.loc[rows["service_id"].to_numpy()]
    severity = rows["severity"].astype(float)
    table = pd.DataFrame(
        {
            **service_columns(chosen),
            column: relabel(
                severity.map(SEVERITY_KEYS), severity_words(), t("Not rated")
            ).to_numpy(),
            "_order": severity.fillna(0).to_numpy(),
        }
    )
    return (
        table.sort_values(["_order", "Sector", "Service"], ascending=[False, True, True])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def services_linked(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    themes: pd.DataFrame,
    links: pd.DataFrame,
    key: str,
    value: str,
    kind: str,
) -> pd.DataFrame:
    """The drill from a standard (key "standard_id") or an OECD dimension (key "dimension"):
    services reporting a theme of `kind` linked to it, with those themes and the highest
    severity among them; most severe first, not rated last."""
    linked = set(links.loc[links[key].astype(str) == str(value), "theme"].astype(str))
    rows = _rows(services, service_themes, kind)
    rows = rows[rows["theme"].isin(linked)].drop_duplicates(["service_id", "theme"])
    names = theme_names(themes)
    column = linked_severity_column(kind)
    if rows.empty:
        return no_services_linked(kind)
    # each service's linked themes as a bit mask, named once per distinct mask: a standard can
    # have tens of thousands of services behind it, but only a handful of linked themes
    order = sorted(linked, key=lambda code: names.get(code, code))
    bits = {code: 1 << position for position, code in enumerate(order)}
    categories = rows["theme"].cat.categories
    per_code = np.asarray([bits.get(str(c), 0) for c in categories], dtype=np.int64)
    rows = rows.assign(bit=per_code[rows["theme"].cat.codes.to_numpy()])
    grouped = rows.groupby("service_id", sort=True)
    masks = grouped["bit"].sum()
    words = {
        mask: "; ".join(names.get(code, code) for code in order if mask & bits[code])
        for mask in masks.unique()
    }
    reported = masks.map(words)
    worst = grouped["severity"].max()
    chosen = services.loc[reported.index]
    table = pd.DataFrame(
        {
            **service_columns(chosen),
            "Linked themes reported": reported.to_numpy(),
            column: relabel(worst.map(SEVERITY_KEYS), severity_words(), t("Not rated")).to_numpy(),
            "_order": worst.fillna(0).to_numpy(),
        }
    )
    return (
        table.sort_values(["_order", "Sector", "Service"], ascending=[False, True, True])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def linked_severity_column(kind: str) -> str:
    """The severity column of services_linked: the highest severity of a service's linked
    challenges, or the priority of its linked aims."""
    return "Highest severity" if kind == "challenge" else "Priority"


def no_services_linked(kind: str) -> pd.DataFrame:
    """services_linked when no matching service reports a linked theme."""
    return pd.DataFrame(
        columns=[
            "Code",
            "Service",
            "Organisation",
            "Sector",
            "Linked themes reported",
            linked_severity_column(kind),
        ]
    )


def severity_words() -> dict[str, str]:
    return {
        "High": term(SEVERITIES, "3"),
        "Medium": term(SEVERITIES, "2"),
        "Low": term(SEVERITIES, "1"),
    }


def framework_items(framework: Framework) -> dict[str, str]:
    """Every standard and OECD dimension to drill into: "standard:3" -> "Standard 3. Understand
    users and their needs", "dimension:open" -> "OECD: Open by default"."""
    items = {}
    for number, name in zip(framework.standards["id"], _names(framework.standards), strict=True):
        items[f"standard:{number}"] = t("Standard {label}", label=standard_label(int(number), name))
    for code, name in zip(framework.dimensions["code"], _names(framework.dimensions), strict=True):
        items[f"dimension:{code}"] = t("OECD dimension: {name}", name=name)
    return items


def framework_links(framework: Framework, item: str) -> tuple[pd.DataFrame, str, str]:
    """The theme links of an item of framework_items ("standard:3", "dimension:open"), the
    column naming the item in them, and the item's value."""
    what, _, value = item.partition(":")
    if what == "standard":
        return framework.theme_standards, "standard_id", value
    return framework.theme_dimensions, "dimension", value


def drill_framework(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    themes: pd.DataFrame,
    framework: Framework,
    item: str,
    kind: str,
) -> pd.DataFrame:
    """services_linked for an item of framework_items ("standard:3", "dimension:open")."""
    links, key, value = framework_links(framework, item)
    return services_linked(services, service_themes, themes, links, key, value, kind)


def unlinked(table: pd.DataFrame, column: str, kind: str) -> list[str]:
    """The standards (or dimensions) of an at-risk table that no theme of `kind` is linked to."""
    counts = "Linked challenge themes" if kind == "challenge" else "Linked opportunity themes"
    if counts not in table:
        return []
    return table.loc[table[counts] == 0, column].tolist()


def assessment_summary(
    services: pd.DataFrame, assessments: pd.DataFrame, standards: pd.DataFrame
) -> pd.DataFrame:
    """Per standard: services rating it met, partly met, not met, not assessed (counts)."""
    rows = assessments[assessments["service_id"].isin(services.index)]
    counts = (
        rows.groupby(["standard_id", rows["rating"].astype(str)]).size().unstack(fill_value=0)
        if len(rows)
        else pd.DataFrame()
    )
    return assessment_frame(counts, standards)


def assessment_frame(counts: pd.DataFrame, standards: pd.DataFrame) -> pd.DataFrame:
    """assessment_summary's table from the counts of services by standard id (rows) and
    rating code (columns)."""
    ratings = [t.code for t in ASSESSMENT_RATINGS]
    counts = counts.reindex(index=standards["id"], columns=ratings, fill_value=0).astype(int)
    names = standard_names(standards)
    counts.index = pd.Index([standard_label(i, names[i]) for i in counts.index], name="Standard")
    keys = {"met": "Met", "partly_met": "Partly met", "not_met": "Not met"}
    counts.columns = [keys.get(c, "Not assessed") for c in ratings]
    counts["Services assessed"] = counts.sum(axis=1)
    return counts


def assessment_finding(assessed: pd.DataFrame) -> str:
    """What the self-assessment shows, in one true sentence (a chart title): the standard most
    often marked not met; or, when none is, the one most often only partly met; or that every
    rating given is met; or that no service has assessed itself. Ties are named together."""
    if assessed.empty or not int(assessed["Services assessed"].sum()):
        return t("No matching service has assessed itself against the standards yet")

    def most(column: str) -> tuple[str, int]:
        top = int(assessed[column].max())
        names = [str(name) for name in assessed.index[assessed[column] == top]]
        return and_list(names), top

    not_met, n = most("Not met")
    if n:
        return tn(
            "Most often not met in the owners' own assessment: {standard} ({n} service)",
            "Most often not met in the owners' own assessment: {standard} ({n} services)",
            n,
            standard=not_met,
            n=f"{n:,}",
        )
    partly, n = most("Partly met")
    if n:
        return tn(
            "No standard is marked not met in the owners' own assessment; most often only partly "
            "met: {standard} ({n} service)",
            "No standard is marked not met in the owners' own assessment; most often only partly "
            "met: {standard} ({n} services)",
            n,
            standard=partly,
            n=f"{n:,}",
        )
    if int(assessed["Met"].sum()):
        return t("Every standard rated is marked met: none is marked not met or partly met")
    return t("Every rating given is “not assessed”: no standard is marked met, partly or not met")


def services_assessed(services: pd.DataFrame, assessments: pd.DataFrame) -> int:
    """How many of the services rated themselves against at least one standard."""
    return int(
        assessments.loc[assessments["service_id"].isin(services.index), "service_id"].nunique()
    )


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
    services: int = 0  # matching services
    assessed: int = 0  # of them, services that assessed themselves against the standards
    journeys: int = 0  # journeys the matching services hold
    services_with_journeys: int = 0


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
        reporting=int(
            service_themes.loc[service_themes["kind"].astype(str) == kind, "service_id"].nunique()
        ),
        themes=theme_table(services, service_themes, themes, kind),
        sector_shares=shares,
        sector_counts=counts,
        standards=standards_at_risk(
            services, service_themes, framework.standards, framework.theme_standards, themes
        ),
        dimensions=dimensions_at_risk(
            services, service_themes, framework.dimensions, framework.theme_dimensions, themes
        ),
        assessments=assessment_summary(services, assessments, framework.standards),
        services=len(services),
        assessed=services_assessed(services, assessments),
        journeys=int(services["journeys"].sum()) if "journeys" in services else 0,
        services_with_journeys=int((services["journeys"] > 0).sum())
        if "journeys" in services
        else 0,
    )
