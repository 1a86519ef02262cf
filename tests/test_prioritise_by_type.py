"""Prioritise by service type on a hand-built ranking: a type's parts are the medians of its
services' parts, its reach is users added across its services, and it counts its services,
organisations and estimated parts; the single-service view counts who shares a type."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.prioritise import score
from dashboard.prioritise.by_type import (
    RANK_BY,
    sharing_types,
    type_ranking,
)

WEIGHTS = {"reach": 3, "gap": 3, "pain": 2, "data": 0, "cost": 0}

#: id: (type, organisation, users per year, digital gap, pain)
ROWS = {
    1: ("missed-bin", "A", 1000.0, 0.5, 0.2),
    2: ("missed-bin", "B", 4000.0, 0.25, 0.8),
    3: ("missed-bin", "B", None, 1.0, None),  # reach and pain estimated
    4: ("pothole", "C", 100.0, 0.75, 0.4),
    5: (None, "C", 50.0, 0.0, 0.1),
}


def _frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    index = pd.Index(list(ROWS), name="id")
    kinds, orgs, users, gaps, pains = zip(*ROWS.values(), strict=True)
    services = pd.DataFrame(
        {
            "service_type": pd.Series(kinds, dtype=object).astype("category").to_numpy(),
            "organisation_code": pd.Categorical(orgs),
        },
        index=index,
    )
    users_series = pd.Series(users, index=index, dtype=float)
    parts = pd.DataFrame(
        {
            "users": users_series,
            "transactions": np.nan,
            "reach": score._reach(users_series, users_series * np.nan),
            "gap": gaps,
            "pain": pd.Series(pains, index=index, dtype=float),
            "data": np.nan,
            "cost": np.nan,
        },
        index=index,
    )
    return services, parts


def test_a_types_parts_are_the_medians_and_sums_of_its_services() -> None:
    services, parts = _frames()
    ranking = score.score(parts, WEIGHTS)
    types = type_ranking(ranking.table, parts, services, WEIGHTS).set_index("service_type")
    assert list(types.index) == ["missed-bin", "pothole"]  # the untyped service is in no type
    bins = types.loc["missed-bin"]
    assert (bins["services"], bins["organisations"]) == (3, 2)
    scored = ranking.table.loc[[1, 2, 3]]
    assert bins["Digital gap"] == scored["Digital gap"].median() == 0.5
    # service 3's pain was estimated (the median of the known pains) and enters the median
    assert bins["Pain"] == scored["Pain"].median()
    assert bins["reach_users"] == 5000 and bins["reach_services"] == 2
    assert bins["parts_estimated"] == 2 and bins["parts_total"] == 9
    # reach added across services, log-scaled between the types: missed bins reach most
    assert bins["Reach"] == 1.0 and types.loc["pothole", "Reach"] == 0.0
    expected = (3 * 1.0 + 3 * bins["Digital gap"] + 2 * bins["Pain"]) / 8
    assert np.isclose(bins["Score"], expected, atol=1e-4)
    assert list(types["Rank"]) == [1, 2]


def test_the_single_service_view_counts_the_organisations_sharing_a_type() -> None:
    services, parts = _frames()
    ranking = score.score(parts, WEIGHTS)
    ranked = pd.DataFrame({"_id": [3, 1, 5, 4, 2]})  # the ranking's rows, best first
    shared = dict(zip(ranked["_id"], sharing_types(ranked, ranking.table, services), strict=True))
    assert shared == {1: 2, 2: 2, 3: 2, 4: 1, 5: 0}


def test_the_choice_is_kept_in_the_link() -> None:
    assert RANK_BY.to_link("type") == {"rank_by": ["type"]}
    assert RANK_BY.to_link("service") == {}
    assert RANK_BY.from_link({"rank_by": ["type"]}) == "type"
    assert RANK_BY.from_link({"rank_by": ["nonsense"]}) == "service"


def test_the_charts_parts_add_up_to_each_types_score() -> None:
    from dashboard.common.i18n import using
    from dashboard.prioritise.by_type import chart_rows
    from dashboard.prioritise.weighting import CODES, NAMES

    services, parts = _frames()
    ranking = score.score(parts, WEIGHTS)
    types = type_ranking(ranking.table, parts, services, WEIGHTS)
    with using("en"):
        rows = chart_rows(types, WEIGHTS)
    assert rows["Code"].tolist() == types["service_type"].tolist()
    contributions = rows[[f"{NAMES[c]} contribution" for c in CODES]]
    assert np.allclose(contributions.sum(axis=1), types["Score"], atol=1e-3)
    # an unweighted part adds nothing
    assert (rows[f"{NAMES['data']} contribution"] == 0).all()
    missed = rows[rows["Code"] == "missed-bin"].iloc[0]
    assert missed["Organisation"] == "2 organisations, 3 services"
    # the digital gap is the median of 0.5, 0.25 and 1.0, weighted 3 of 8
    assert missed[f"{NAMES['gap']} contribution"] == round(0.5 * 3 / 8, 4)


def test_the_main_points_answer_for_the_types_when_types_are_ranked() -> None:
    """Ranking types, the page leads with the top type (not the top single service), says how
    many of the top types rest on an estimate, which part leads, and what the ranking holds."""
    from dashboard.common.i18n import using
    from dashboard.common.service_types import type_labels
    from dashboard.prioritise.by_type import chart_rows
    from dashboard.prioritise.main_points import type_main_points

    services, parts = _frames()
    ranking = score.score(parts, WEIGHTS)
    types = type_ranking(ranking.table, parts, services, WEIGHTS)
    with using("en"):
        rows = chart_rows(types, WEIGHTS)
        points = type_main_points(types, rows, ranked=len(ranking.table), matching=5)
        bins = type_labels(pd.Series(["missed-bin"])).iloc[0]
    score_text = f"{types['Score'].iloc[0]:.2f}"
    assert points[0] == (
        f"Ranked as service types, the top priority is {bins} (2 organisations, 3 services), "
        f"score {score_text}. 1 of the top 2 rests on at least one estimated part of its "
        "services."
    )
    # the digital gap: 0.5 x 3/8 for missed bins and 0.75 x 3/8 for potholes
    gap = (0.5 + 0.75) * 3 / 8 / types["Score"].sum()
    assert points[1] == (
        f"Digital gap makes up the largest share of the top 2 service types' scores ({gap:.0%})."
    )
    # service 5 has no type: ranked, but in no type
    assert points[2] == (
        "2 service types are ranked, from 4 of the 5 ranked services (of 5 matching); a "
        "service with no type recorded is in none."
    )
    assert type_main_points(types.iloc[0:0], rows.iloc[0:0], ranked=5, matching=5) == []
