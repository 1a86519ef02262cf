"""Improvement areas: challenge themes ranked by the reach of the services reporting them."""

from __future__ import annotations

import pandas as pd

from dashboard.common.names import local_names, optional_column


def improvement_areas(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    themes: pd.DataFrame,
    parts: pd.DataFrame,
) -> pd.DataFrame:
    """Challenge themes ranked by the reach of the services that report them.

    Reach is the users (or transactions) per year of those services where known, added across
    the services: a person who uses two of them counts twice, so the total counts service
    users, never people. A theme none
    of whose services has a known reach has an unknown total (NaN), never 0. Beside the total:
    the median (which one very large service cannot drive), the count of services, and the
    largest service with its share of the total, so a total carried by one service shows.
    """
    rows = service_themes[
        (service_themes["kind"] == "challenge") & service_themes["service_id"].isin(services.index)
    ].drop_duplicates(["service_id", "theme"])
    reach = parts["users"].fillna(parts["transactions"])
    # the organisation of each service: an area's total is led by how many services and
    # organisations stand behind it
    owner = (
        services["organisation_id"]
        if "organisation_id" in services
        else optional_column(services, "organisation_en")
    )
    severity = rows["severity"].astype(float).to_numpy()
    frame = pd.DataFrame(
        {
            "service_id": rows["service_id"].to_numpy(),
            "theme": rows["theme"].astype("category").array,
            "high": severity >= 3,
            "organisation": owner.reindex(rows["service_id"]).to_numpy(),
            "reach": reach.reindex(rows["service_id"]).to_numpy(),
        }
    )
    grouped = frame.groupby("theme", observed=True)
    table = pd.DataFrame(
        {
            "Services": grouped["service_id"].size(),
            "Organisations": grouped["organisation"].nunique(),
            "Users or transactions per year": grouped["reach"].sum(min_count=1),
            "Median reach": grouped["reach"].median(),
            "Services with known reach": grouped["reach"].count(),
            "Rated high": grouped["high"].sum().astype(int),
        }
    )
    table.index = table.index.astype(str)
    table["Services with unknown reach"] = table["Services"] - table["Services with known reach"]
    known = frame[frame["reach"].notna()]
    largest = known.loc[known.groupby("theme", observed=True)["reach"].idxmax()]
    largest = largest.set_index(largest["theme"].astype(str))
    ids = largest["service_id"].astype(int)
    names = local_names(
        services["name_en"].reindex(ids), optional_column(services, "name_cy").reindex(ids)
    )
    table["Largest service"] = pd.Series(names.to_numpy(), index=largest.index).reindex(
        table.index, fill_value=""
    )
    table["Largest service's share"] = (
        largest["reach"].reindex(table.index) / table["Users or transactions per year"]
    ).round(3)
    theme_names = dict(
        zip(
            themes["code"].astype(str),
            local_names(themes["name_en"], optional_column(themes, "name_cy")),
            strict=True,
        )
    )
    table.insert(0, "Improvement area", [theme_names.get(c, c) for c in table.index])
    table.insert(0, "Code", table.index.astype(str))
    table = table.sort_values(
        ["Users or transactions per year", "Services"],
        ascending=False,
        kind="stable",
        na_position="last",
    )
    return table.reset_index(drop=True)


#: A total is "carried by one service" when that service gives more than this share of it.
DOMINANT = 0.5
AREA_MEASURES = ("total", "median", "services")


def areas_by(areas: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The improvement areas ordered by one measure: total reach, median reach, or services."""
    column = {
        "total": "Users or transactions per year",
        "median": "Median reach",
        "services": "Services",
    }.get(measure, "Users or transactions per year")
    return areas.sort_values(
        [column, "Services"], ascending=False, kind="stable", na_position="last"
    ).reset_index(drop=True)
