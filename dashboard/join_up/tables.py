"""The Join up page's tables as people read them: the types in order, a type's best known
performers and its main platforms (no Streamlit here). Headers are in the reader's language."""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import t
from dashboard.common.names import local_names
from dashboard.join_up.figures import JoinUpView


def types_table(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per type, in the order given."""
    reach = rows["reach"].round()
    return pd.DataFrame(
        {
            t("Service type"): rows["name"].to_numpy(),
            t("Organisations"): rows["organisations"].to_numpy(),
            t("Services"): rows["services"].to_numpy(),
            t("Services with a level"): rows["level_known"].to_numpy(),
            t("Not digital end to end"): rows["not_end_to_end"].to_numpy(),
            t("Lowest level"): rows["worst_level"].astype("Int64").to_numpy(),
            t("Highest level"): rows["best_level"].astype("Int64").to_numpy(),
            t("Service users per year, added across services"): reach.astype("Int64").to_numpy(),
            t("Services giving users per year"): rows["reach_services"].to_numpy(),
            t("Main platforms named"): rows["platforms"].to_numpy(),
            t("Services naming a main platform"): rows["platform_answers"].to_numpy(),
            t("Code"): rows["service_type"].to_numpy(),
        }
    )


def measure_names() -> dict[str, str]:
    return {
        "level": t("Highest digitisation level"),
        "take_up": t("Highest digital take-up"),
        "completion": t("Highest completion rate"),
        "cost": t("Lowest cost per transaction"),
    }


def value_words(measure: str, value: float) -> str:
    if measure == "level":
        return t("level {n}", n=int(value))
    if measure == "cost":
        return f"£{value:,.2f}"
    return f"{value:.1f}%"  # take-up and completion are stored as percentages, 0 to 100


def best_table(view: JoinUpView, code: str, services: pd.DataFrame) -> pd.DataFrame:
    """One type's best known performer on each measure, with how many services gave a
    comparable figure; `services` is the catalogue frame (names of the performers)."""
    rows = view.best[view.best["service_type"] == code]
    names = measure_names()
    found = services.reindex(rows["service_id"].to_numpy())
    return pd.DataFrame(
        {
            t("Measure"): [names[m] for m in rows["measure"]],
            t("Best known"): [
                value_words(m, v) for m, v in zip(rows["measure"], rows["value"], strict=True)
            ],
            t("Learn from"): local_names(found["organisation_en"], found["organisation_cy"])
            .astype(object)
            .to_numpy(),
            t("Service"): local_names(found["name_en"], found["name_cy"]).astype(object).to_numpy(),
            t("Services with a comparable figure"): rows["givers"].to_numpy(),
            t("Services sharing the best"): rows["at_best"].to_numpy(),
        }
    )


def platforms_table(view: JoinUpView, code: str) -> pd.DataFrame:
    rows = view.platforms[view.platforms["service_type"] == code]
    return pd.DataFrame(
        {
            t("Main platform"): rows["Platform"].to_numpy(),
            t("Services"): rows["Services"].to_numpy(),
            t("Organisations"): rows["Organisations"].to_numpy(),
        }
    )
