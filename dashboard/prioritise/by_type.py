"""Prioritise by service type: the same need met by many organisations ranked as one (no
Streamlit here).

A type's parts come from its ranked services' parts, as the single-service ranking scored them
(an estimated part is its median estimate there, and is counted as estimated here):

- reach: service users per year (transactions where users are not known) **added across its
  services** that gave a yearly figure, so a person using two services counts twice; scaled
  like a service's reach (log, relative to the types ranked). A type none of whose services
  gave one takes the median of the types that have one, and counts as estimated;
- every other part: the **median** of its services' parts (the digital gap over the services
  with a level recorded; none recorded leaves the gap out of the type's score).

A type's score is the weighted mean of its parts, with the same weights as the services'.
Each type says how many services and organisations it covers and how many of its services'
weighted parts were estimated.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.common.i18n import t, tn
from dashboard.common.link_choices import LinkChoice
from dashboard.common.service_types import type_labels
from dashboard.prioritise.score import _relative_log
from dashboard.prioritise.weighting import CODES, NAMES, clean_weights, component_names

#: Rank single services or service types, kept in the link (`?rank_by=type`).
RANK_BY = LinkChoice("rank_by", ("service", "type"), "service")


def type_ranking(
    table: pd.DataFrame, parts: pd.DataFrame, services: pd.DataFrame, weights: Mapping[str, int]
) -> pd.DataFrame:
    """One row per service type among the ranked services, best first.

    `table`: `score.Ranking.table` (one row per ranked service: each part's value as scored,
    "Parts estimated", "_no_level"); `parts`: the components (raw users and transactions);
    `services`: the catalogue frame (service_type, organisation_code).

    Columns: service_type, services, organisations, each weighted part by its name (reach
    from users added across services), reach_users (users or transactions per year added
    across services), reach_services (services behind it), reach_estimated (no service gave
    one), parts_estimated (of its services' weighted parts), parts_total, Score, Rank.
    """
    weights = clean_weights(weights)
    used = [code for code in CODES if weights[code] > 0]
    kinds = services["service_type"].astype(object).reindex(table.index)
    typed = kinds.notna().to_numpy()
    rows = table[typed]
    kind = kinds[typed].astype(str)
    grouped = rows.groupby(kind)
    out = pd.DataFrame(
        {
            "services": grouped.size(),
            "organisations": services["organisation_code"]
            .astype(object)
            .reindex(rows.index)
            .groupby(kind)
            .nunique(),
        }
    )
    for code in used:
        if code == "reach":
            continue
        values = rows[NAMES[code]]
        if code == "gap":
            values = values.where(~rows["_no_level"].astype(bool))
        out[NAMES[code]] = values.groupby(kind).median()
    yearly = parts["users"].fillna(parts["transactions"]).reindex(rows.index).astype(float)
    out["reach_users"] = yearly.groupby(kind).sum(min_count=1)
    out["reach_services"] = yearly.notna().groupby(kind).sum().astype("int64")
    reach = _relative_log(out["reach_users"])
    out["reach_estimated"] = reach.isna()
    if "reach" in used:
        out[NAMES["reach"]] = reach.fillna(reach.median() if reach.notna().any() else 0.0)
    out["parts_estimated"] = rows["Parts estimated"].groupby(kind).sum().astype("int64")
    out["parts_total"] = out["services"] * len(used)
    weighted = np.zeros(len(out))
    total = np.zeros(len(out))
    for code in used:
        value = out[NAMES[code]].to_numpy(dtype=float)
        known = ~np.isnan(value)
        weighted += np.where(known, value * weights[code], 0.0)
        total += np.where(known, weights[code], 0)
    out["Score"] = np.round(np.divide(weighted, total, out=np.zeros(len(out)), where=total > 0), 4)
    out = out.rename_axis("service_type").reset_index()
    out = out.sort_values(
        ["Score", "organisations", "services", "service_type"],
        ascending=[False, False, False, True],
    )
    out.insert(0, "Rank", out["Score"].rank(method="min", ascending=False).astype(int))
    return out.reset_index(drop=True)


def sharing_types(ranked: pd.DataFrame, table: pd.DataFrame, services: pd.DataFrame) -> pd.Series:
    """For each row of the single-service ranking (`score.ranked`, with `_id`), how many
    distinct organisations run a ranked service of its type (0 for a service with no type):
    "1 of 6 organisations running this type" where more than one does."""
    kinds = services["service_type"].astype(object).reindex(table.index)
    orgs = services["organisation_code"].astype(object).reindex(table.index)
    counts = orgs[kinds.notna()].groupby(kinds[kinds.notna()]).nunique()
    mine = services["service_type"].astype(object).reindex(ranked["_id"].to_numpy())
    return pd.Series(
        mine.map(counts).fillna(0).astype("int64").to_numpy(), index=ranked.index, name="sharing"
    )


def sharing_words(counts: pd.Series) -> pd.Series:
    """ "1 of 6 organisations running this type" where more than one organisation runs a
    ranked service of the type, blank otherwise."""
    words = {
        n: tn(
            "1 of {n} organisation running this type",
            "1 of {n} organisations running this type",
            int(n),
        )
        for n in counts.unique()
        if n > 1
    }
    return counts.map(words).fillna("")


def for_screen(types: pd.DataFrame, weights: Mapping[str, int]) -> pd.DataFrame:
    """The type ranking as people read it, headers in the reader's language."""
    weights = clean_weights(weights)
    names = component_names()
    out = pd.DataFrame(
        {
            t("Rank"): types["Rank"].to_numpy(),
            t("Service type"): type_labels(types["service_type"]).to_numpy(),
            t("Organisations"): types["organisations"].to_numpy(),
            t("Services"): types["services"].to_numpy(),
            t("Score"): types["Score"].to_numpy(),
        }
    )
    for code in CODES:
        if weights[code] > 0:
            out[names[code]] = types[NAMES[code]].round(2).to_numpy()
    out[t("Users per year, added across services")] = types["reach_users"].to_numpy()
    out[t("Services with a yearly figure")] = types["reach_services"].to_numpy()
    out[t("Parts estimated")] = [
        t("{estimated} of {total}", estimated=f"{e:,}", total=f"{n:,}")
        for e, n in zip(types["parts_estimated"], types["parts_total"], strict=True)
    ]
    return out


def chart_rows(types: pd.DataFrame, weights: Mapping[str, int]) -> pd.DataFrame:
    """The type ranking (`type_ranking`) as the ranking chart draws it
    (`figures.priority_figure(..., types=True)`): Rank, Code (the type), Service (its name),
    Organisation (how many organisations and services it covers), Score and each part's
    contribution, which add up to the score (a part none of its services could give is left
    out, the others' weights scaled up as in the score)."""
    weights = clean_weights(weights)
    used = [code for code in CODES if weights[code] > 0]
    known_weight = np.zeros(len(types))
    for code in used:
        known_weight += np.where(types[NAMES[code]].notna().to_numpy(), weights[code], 0)
    out = pd.DataFrame(
        {
            "Rank": types["Rank"].to_numpy(),
            "Code": types["service_type"].astype(str).to_numpy(),
            "Service": type_labels(types["service_type"]).to_numpy(),
            "Organisation": [
                covers_words(int(o), int(n))
                for o, n in zip(types["organisations"], types["services"], strict=True)
            ],
            "Score": types["Score"].to_numpy(),
        }
    )
    for code in CODES:
        if code in used:
            value = types[NAMES[code]].to_numpy(dtype=float)
            share = np.divide(
                np.nan_to_num(value) * weights[code],
                known_weight,
                out=np.zeros(len(types)),
                where=known_weight > 0,
            )
        else:
            share = np.zeros(len(types))
        out[f"{NAMES[code]} contribution"] = np.round(share, 4)
    return out


def covers_words(organisations: int, services: int) -> str:
    """ "4 organisations, 6 services" """
    return (
        tn("{n} organisation", "{n} organisations", organisations, n=f"{organisations:,}")
        + ", "
        + tn("{n} service", "{n} services", services, n=f"{services:,}")
    )
