"""How sure a ranking is: the confidence mark of each service, the count of the top resting on
estimates, and whether the top five hold when one weight moves by one."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.common.i18n import using
from dashboard.prioritise import confidence, stability, weighting
from dashboard.prioritise import score as p
from tests.priority_parts import parts_from_rows, services_for

REACH_AND_GAP = {"reach": 3, "gap": 3, "pain": 0, "data": 0, "cost": 0}


NAMES = {i: f"Service {i}" for i in range(1, 10)}


def _separated() -> pd.DataFrame:
    # every part of service i is the same value, so every weighting gives the same order
    return parts_from_rows(
        [dict.fromkeys(weighting.CODES, v) for v in (0.9, 0.8, 0.7, 0.6, 0.5, 0.2)]
    )


def test_a_clearly_separated_top_five_is_stable() -> None:
    result = stability.check(_separated(), weighting.DEFAULT_WEIGHTS, weighting.ESTIMATE)
    assert result.top == (1, 2, 3, 4, 5)
    # weights 3, 3, 2, 1, 1: every weight can go down and up by 1
    assert len(result.moves) == 10
    assert result.stable
    assert stability.sentence(result, NAMES) == (
        "The top 5 stay the same, in the same order, when any one weight moves by 1."
    )


def _close_pair() -> pd.DataFrame:
    # reach and gap weighted 3 and 3. Services 4 and 5 are close:
    #   4: (3 * 0.80 + 3 * 0.62) / 6 = 0.710    5: (3 * 0.62 + 3 * 0.81) / 6 = 0.715
    # reach 4 (weight +1): 4 = (3.2 + 1.86) / 7 = 0.723, 5 = (2.48 + 2.43) / 7 = 0.701
    # gap 2 (weight -1):   4 = (2.4 + 1.24) / 5 = 0.728, 5 = (1.86 + 1.62) / 5 = 0.696
    # reach 2 and gap 4 keep 5 ahead; pain, data and cost are 0 for all, so adding one of them
    # scales every score alike
    return parts_from_rows(
        [
            {"reach": 1.0, "gap": 1.0},
            {"reach": 0.95, "gap": 0.95},
            {"reach": 0.9, "gap": 0.9},
            {"reach": 0.80, "gap": 0.62},
            {"reach": 0.62, "gap": 0.81},
            {"reach": 0.2, "gap": 0.2},
        ]
    )


def test_two_close_services_swap_and_the_sentence_names_them() -> None:
    result = stability.check(_close_pair(), REACH_AND_GAP, weighting.ESTIMATE)
    assert result.top == (1, 2, 3, 5, 4)
    # reach -1, reach +1, gap -1, gap +1, pain +1, data +1, cost +1 (none can go below 0)
    assert [(m.code, m.step) for m in result.moves] == [
        ("reach", -1),
        ("reach", 1),
        ("gap", -1),
        ("gap", 1),
        ("pain", 1),
        ("data", 1),
        ("cost", 1),
    ]
    assert [(m.code, m.step) for m in result.changes] == [("reach", 1), ("gap", -1)]
    assert not result.stable
    assert stability.sentence(result, NAMES) == (
        "Service 5 and Service 4 swap places 4 and 5 in the top 5 when “reach” weighs 1 more; "
        "1 other move of one weight by 1 also changes them (of 7 tried)."
    )


def test_a_close_sixth_service_drops_the_fifth_out() -> None:
    # 5: reach 0.70, gap 0.50 -> 0.60;  6: reach 0.45, gap 0.70 -> 0.575
    # reach 2 (weight -1): 5 = (1.4 + 1.5) / 5 = 0.58, 6 = (0.9 + 2.1) / 5 = 0.60: 6 comes in
    # gap 4 (weight +1):   5 = (2.1 + 2.0) / 7 = 0.586, 6 = (1.35 + 2.8) / 7 = 0.593: 6 again
    parts = parts_from_rows(
        [
            {"reach": 1.0, "gap": 1.0},
            {"reach": 0.95, "gap": 0.95},
            {"reach": 0.9, "gap": 0.9},
            {"reach": 0.85, "gap": 0.85},
            {"reach": 0.70, "gap": 0.50},
            {"reach": 0.45, "gap": 0.70},
        ]
    )
    result = stability.check(parts, REACH_AND_GAP, weighting.ESTIMATE)
    assert [(m.code, m.step, m.dropped, m.entered) for m in result.changes] == [
        ("reach", -1, (5,), (6,)),
        ("gap", 1, (5,), (6,)),
    ]
    assert stability.sentence(result, NAMES) == (
        "Service 5 drops out of the top 5 when “reach” weighs 1 less; 1 other move of one "
        "weight by 1 also changes them (of 7 tried)."
    )
    with using("cy"):
        welsh = stability.sentence(result, NAMES)
    assert welsh.startswith(
        "Mae Service 5 yn gadael y 5 uchaf pan fydd “cyrhaeddiad” yn pwyso 1 yn llai"
    )


def test_with_every_weight_at_0_there_is_no_order_to_check() -> None:
    result = stability.check(_close_pair(), dict.fromkeys(weighting.CODES, 0), weighting.ESTIMATE)
    assert not result.weighted and result.moves == ()
    assert stability.sentence(result, NAMES) == ""


def test_moves_stay_inside_the_allowed_weights_and_never_zero_them_all() -> None:
    only_reach = {"reach": 1, "gap": 0, "pain": 0, "data": 0, "cost": 0}
    tried = [(c, s) for c, s, _ in stability.moves(only_reach)]
    # reach cannot drop to 0 (every weight 0); nothing goes below 0
    assert tried == [("reach", 1), ("gap", 1), ("pain", 1), ("data", 1), ("cost", 1)]
    at_top = dict.fromkeys(weighting.CODES, weighting.MAX_WEIGHT)
    assert all(step == -1 for _, step, _ in stability.moves(at_top))


def _direct_top(parts: pd.DataFrame, weights: dict[str, int], missing: str) -> tuple[int, ...]:
    """The top five as the page ranks them (score, then name, then code)."""
    table = p.ranked(p.score(parts, weights, missing), services_for(parts), parts)
    return tuple(int(code[1:]) for code in table["Code"].head(5))


component_values = st.one_of(st.none(), st.floats(0, 1, allow_nan=False))


@settings(max_examples=120, deadline=None)
@given(
    rows=st.lists(st.tuples(*[component_values] * len(weighting.CODES)), min_size=1, max_size=9),
    weights=st.tuples(*[st.integers(0, weighting.MAX_WEIGHT)] * len(weighting.CODES)),
    missing=st.sampled_from([weighting.ESTIMATE, weighting.KNOWN_ONLY]),
)
def test_the_check_agrees_with_ranking_again_directly(rows, weights, missing) -> None:  # type: ignore[no-untyped-def]
    parts = parts_from_rows(
        [{c: np.nan if r[i] is None else r[i] for i, c in enumerate(weighting.CODES)} for r in rows]
    )
    chosen = dict(zip(weighting.CODES, weights, strict=True))
    result = stability.check(parts, chosen, missing)
    before = _direct_top(parts, chosen, missing)
    assert result.top == before
    if not sum(chosen.values()):  # every service scores the same: nothing to check
        assert result.moves == () and not result.weighted
        return
    direct_changes = []
    for code in weighting.CODES:
        for step in (-1, 1):
            moved = {**chosen, code: chosen[code] + step}
            if not 0 <= moved[code] <= weighting.MAX_WEIGHT or not sum(moved.values()):
                continue
            after = _direct_top(parts, moved, missing)
            if after != before:
                direct_changes.append((code, step, after))
    assert [(m.code, m.step, m.top) for m in result.changes] == direct_changes
    assert result.stable == (not direct_changes)
    said = stability.sentence(result, NAMES)
    if result.top and result.moves:
        assert said.startswith("The top") == result.stable


def _top_by_score(parts: pd.DataFrame, weights: dict[str, int], missing: str) -> tuple[int, ...]:
    """The top five of score()'s own table: highest score first, ties by id."""
    table = p.score(parts, weights, missing).table
    ordered = table.assign(_id=table.index).sort_values(["Score", "_id"], ascending=[False, True])
    return tuple(int(i) for i in ordered.index[:5])


# a coarse grid makes ties and near-ties common, where a slip in the arithmetic would show
grid_values = st.one_of(st.none(), st.sampled_from([0.0, 0.1, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 1.0]))


@settings(max_examples=120, deadline=None)
@given(
    rows=st.lists(st.tuples(*[grid_values] * len(weighting.CODES)), min_size=1, max_size=40),
    weights=st.tuples(*[st.integers(0, weighting.MAX_WEIGHT)] * len(weighting.CODES)),
    missing=st.sampled_from([weighting.ESTIMATE, weighting.KNOWN_ONLY]),
)
def test_every_move_agrees_with_scoring_again_on_larger_catalogues(rows, weights, missing) -> None:  # type: ignore[no-untyped-def]
    parts = parts_from_rows(
        [{c: np.nan if r[i] is None else r[i] for i, c in enumerate(weighting.CODES)} for r in rows]
    )
    chosen = dict(zip(weighting.CODES, weights, strict=True))
    result = stability.check(parts, chosen, missing)
    assert result.top == _top_by_score(parts, chosen, missing)
    for move in result.moves:
        moved = {**chosen, move.code: chosen[move.code] + move.step}
        assert move.top == _top_by_score(parts, moved, missing)


@settings(max_examples=60, deadline=None)
@given(weights=st.tuples(*[st.integers(0, weighting.MAX_WEIGHT)] * len(weighting.CODES)))
def test_a_separated_top_is_stable_under_any_weights(weights) -> None:  # type: ignore[no-untyped-def]
    chosen = dict(zip(weighting.CODES, weights, strict=True))
    if not sum(chosen.values()):
        return
    assert stability.check(_separated(), chosen, weighting.ESTIMATE).stable


def test_confidence_marks_from_what_was_estimated() -> None:
    # 1 knows everything; 2 lacks pain (estimated); 3 lacks reach; 4 has no level
    parts = parts_from_rows(
        [
            {"reach": 0.9, "gap": 0.5, "pain": 0.4},
            {"reach": 0.8, "gap": 0.5, "pain": np.nan},
            {"reach": np.nan, "gap": 0.5, "pain": 0.3},
            {"reach": 0.1, "gap": np.nan, "pain": 0.2},
        ]
    )
    weights = {"reach": 3, "gap": 3, "pain": 2, "data": 0, "cost": 0}
    table = p.score(parts, weights).table
    assert confidence.levels(table).to_dict() == {
        1: confidence.KNOWN,
        2: confidence.SOME_ESTIMATED,
        3: confidence.REACH_UNKNOWN,
        4: confidence.SOME_ESTIMATED,
    }
    assert confidence.marks(table).tolist() == [
        "● all parts known",
        "◐ some parts estimated",
        "○ reach unknown",
        "◐ some parts estimated",
    ]
    with using("cy"):
        assert confidence.marks(table).iloc[0].startswith("● ")
        assert confidence.marks(table).iloc[0] != "● all parts known"
    # reach not weighted: an unknown reach does not touch the score, so the mark says so
    unweighted = p.score(parts, {**weights, "reach": 0}).table
    assert confidence.levels(unweighted)[3] == confidence.KNOWN
    # the ranked table (names and figures) carries the same columns
    ranked = p.ranked(p.score(parts, weights), services_for(parts), parts)
    assert confidence.marks(ranked).tolist()[0] == "● all parts known"


def test_the_top_sentence_counts_those_resting_on_estimates() -> None:
    parts = parts_from_rows(
        [
            {"reach": 0.9, "gap": 0.5},
            {"reach": np.nan, "gap": 0.9},
            {"reach": 0.5, "gap": np.nan},
            {"reach": 0.4, "gap": 0.1},
        ]
    )
    table = p.score(parts, REACH_AND_GAP).table
    # 2 has reach estimated, 3 has no level: two of four rest on an estimate
    assert confidence.resting_on_estimates(table) == 2
    assert confidence.top_sentence(table) == "2 of the top 4 rest on at least one estimate"
    assert confidence.top_sentence(table.loc[[1]]) == "The top service rests on known figures only"
    assert confidence.top_sentence(table.loc[[1, 4]]) == (
        "All of the top 2 rest on known figures only"
    )
    assert confidence.top_sentence(table.loc[[1, 2]]) == (
        "1 of the top 2 rests on at least one estimate"
    )
    assert confidence.top_sentence(table.iloc[:0]) == ""


def test_the_ranking_on_screen_shows_how_sure_beside_the_organisation() -> None:
    from dashboard.prioritise import ranking_table

    parts = parts_from_rows([{"reach": 0.9, "gap": 0.5}, {"reach": np.nan, "gap": 0.9}])
    for column in ("users", "transactions", "cost_per_transaction"):
        parts[column] = np.nan
    ranked = p.ranked(p.score(parts, REACH_AND_GAP), services_for(parts), parts)
    screen = ranking_table.for_screen(ranked)
    columns = list(screen.columns)
    assert columns[columns.index("Organisation") + 1] == "How sure"
    assert screen.set_index("Service").loc["Service 2", "How sure"] == "○ reach unknown"
    # the file keeps every column, the mark among them
    assert "How sure" in ranking_table.for_download(ranked).columns
