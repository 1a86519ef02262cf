"""The Organisation page's core: each organisation's counts, its peers, and its place among
them worked out by hand on a small catalogue (a tie, a peer with fewer than 5 services), a
property test of the ranking, and the key figures counted as the Data availability page
counts them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.availability.tables import by_group
from dashboard.common.disclosure import SUPPRESSED
from dashboard.common.i18n import using
from dashboard.common.queries import (
    load_assessments,
    load_memberships,
    load_metric_answers,
    load_services,
    load_survey_progress,
)
from dashboard.organisation import tables
from dashboard.organisation.figures import measure, organisation_figures
from dashboard.organisation.peers import comparable, peer_group, position
from dashboard.organisation.profile import profile
from dashboard.organisation.words import main_points, ordinal, position_words

#: (organisation, sector, type, levels of its services; None: not recorded)
ORGANISATIONS = {
    "a": ("local_authority", "principal_council", [3, 3, 3, 1, 0, None]),
    "b": ("local_authority", "principal_council", [4, 3, 3, 2, 1, 1]),
    "c": ("local_authority", "principal_council", [3, 3, 3, 0, 0]),
    "d": ("local_authority", "principal_council", [4, 4]),  # too few services to rank
    "e": ("health", "local_health_board", [0, 0, 0, 0, 0]),
    "f": ("health", "nhs_trust", [2, 2, 2, 2, 2]),
    "g": ("health", "nhs_trust", [3, 3, 3, 3, 3]),
}


def _services(organisations: dict[str, tuple[str, str, list[int | None]]]) -> pd.DataFrame:
    rows = []
    for code, (sector, org_type, levels) in organisations.items():
        for level in levels:
            rows.append(
                {
                    "organisation_code": code,
                    "organisation_en": f"Organisation {code.upper()}",
                    "organisation_cy": None,
                    "sector": sector,
                    "org_type": org_type,
                    "digitisation_level": level,
                    "is_deep_dive": False,
                    "journeys": 2,
                }
            )
    frame = pd.DataFrame(rows)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="id")
    frame["digitisation_level"] = frame["digitisation_level"].astype("Int8")
    frame["organisation_code"] = frame["organisation_code"].astype("category")
    return frame


def _answers(rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["service_id", "metric", "availability"])


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})


@pytest.fixture
def figures():  # type: ignore[no-untyped-def]
    services = _services(ORGANISATIONS)
    # organisation a's services are ids 1 to 6
    answers = _answers(
        [
            (1, "users_per_year", "provided"),
            (2, "users_per_year", "provided"),
            (3, "users_per_year", "estimated"),
            (4, "users_per_year", "not_available"),
            (5, "users_per_year", "not_applicable"),
            (6, "users_per_year", "not_collected"),
            (1, "cost_per_transaction", "provided"),
        ]
    )
    themes = pd.DataFrame(
        {"service_id": [1, 2, 2, 7], "theme": ["skills", "skills", "legacy", "skills"]}
    )
    surveys = pd.DataFrame(
        {
            "service_id": [1, 2, 2, 8],
            "instrument": ["generalist", "generalist", "technology", "generalist"],
            "status": ["submitted", "draft", "submitted", "submitted"],
        }
    )
    assessments = pd.DataFrame(
        {
            "service_id": [1, 1, 2, 3],
            "standard_id": [1, 2, 1, 1],
            "rating": ["met", "not_met", "not_assessed", "partly_met"],
        }
    )
    return organisation_figures(services, answers, themes, surveys, assessments)


def test_each_organisations_counts_by_hand(figures) -> None:  # type: ignore[no-untyped-def]
    a = figures.table.loc["a"]
    assert (a["services"], a["journeys"], a["level_known"], a["end_to_end"]) == (6, 12, 5, 3)
    # users per year: 3 gave a figure (2 provided, 1 estimated) of the 5 it applies to
    assert (a["users_per_year_given"], a["users_per_year_applies"]) == (3, 5)
    assert (a["cost_per_transaction_given"], a["cost_per_transaction_applies"]) == (1, 1)
    # surveys: service 1 submitted the generalist, service 2 the technology survey
    assert (a["generalist_submitted"], a["generalist_draft"], a["technology_submitted"]) == (
        1,
        1,
        1,
    )
    assert a["surveyed"] == 2
    # standards: services 1 and 3 rated one ("not assessed" is no rating)
    assert a["assessed"] == 2
    assert figures.standards_met.loc["a", 1] == 1 and figures.standards_rated.loc["a", 1] == 2
    assert figures.themes.loc["a", "skills"] == 2 and figures.themes.loc["b", "skills"] == 1


def test_peers_are_the_councils_the_health_boards_or_the_sector(figures) -> None:  # type: ignore[no-untyped-def]
    table = figures.table
    assert peer_group(table, "a").kind == "councils"
    assert peer_group(table, "a").codes == ("a", "b", "c", "d")
    assert peer_group(table, "e").codes == ("e",)
    trust = peer_group(table, "f")
    assert (trust.kind, trust.sector, trust.codes) == ("sector", "health", ("e", "f", "g"))


def test_places_by_hand_with_a_tie_and_a_peer_left_out(figures) -> None:  # type: ignore[no-untyped-def]
    table = figures.table
    group = peer_group(table, "a")
    end = measure("end_to_end")
    # digital end to end: a 3 of 5 (60%), b 3 of 6 (50%), c 3 of 5 (60%); d 2 of 2 (100%) has
    # too few services to be ranked
    a = position(table, group, "a", end)
    assert (a.part, a.whole, a.place, a.joint, a.ranked, a.left_out) == (3, 5, 1, True, 3, 1)
    c = position(table, group, "c", end)
    assert (c.place, c.joint) == (1, True)
    b = position(table, group, "b", end)
    assert (b.place, b.joint, b.ranked, b.left_out) == (3, False, 3, 1)
    d = position(table, group, "d", end)
    assert (d.place, d.ranked, d.left_out) == (None, 3, 0)
    # Wales: every organisation, 3 + 3 + 3 + 2 + 0 + 0 + 5 of 5 + 6 + 5 + 2 + 5 + 5 + 5
    assert (a.wales_part, a.wales_whole) == (16, 33)
    # services: a and b have 6 (joint 1st), c 5 (3rd)
    services = measure("services")
    assert position(table, group, "c", services).place == 3
    assert position(table, group, "b", services).joint
    with using("en"):
        assert position_words(a, group) == "joint 1st of 3 councils for services digital end to end"
        assert position_words(b, group) == "3rd of 3 councils for services digital end to end"
        assert position_words(d, group).startswith("Not ranked for services digital end to end")


def test_a_chosen_group_ranks_among_the_peers_chosen_only(figures) -> None:  # type: ignore[no-untyped-def]
    table = figures.table
    assert comparable(table, "a") == ("b", "c", "d")
    group = peer_group(table, "a", ["d", "b"])
    assert (group.kind, group.codes, group.chosen) == ("councils", ("a", "b", "d"), True)
    # among a (60%), b (50%) and d (too few services): a 1st, no longer joint with c
    a = position(table, group, "a", measure("end_to_end"))
    assert (a.place, a.joint, a.ranked, a.left_out) == (1, False, 2, 1)
    with using("en"):
        assert position_words(a, group) == (
            "1st of 2 chosen councils for services digital end to end"
        )
        points = main_points("Organisation A", group, {"end_to_end": a, "services": a}, 12)
    assert points[-1].startswith("Compared with 3 chosen councils")
    chosen = profile(figures, "a", ("b", "d"))
    assert chosen is not None and chosen.group == group


def test_a_chosen_group_ignores_codes_outside_the_whole_group(figures) -> None:  # type: ignore[no-untyped-def]
    table = figures.table
    whole = peer_group(table, "a")
    # a health board, an unknown code and the organisation itself choose nobody
    assert peer_group(table, "a", ["e", "nobody", "a"]) == whole
    assert not whole.chosen
    assert peer_group(table, "a", ["e", "c"]).codes == ("a", "c")


def test_the_place_of_a_sector_peer(figures) -> None:  # type: ignore[no-untyped-def]
    table = figures.table
    group = peer_group(table, "f")
    end = measure("end_to_end")
    # g 100%, f 0% (level 2 is not end to end), e 0%: f and e joint 2nd
    f = position(table, group, "f", end)
    assert (f.place, f.joint, f.ranked) == (2, True, 3)
    with using("en"):
        assert position_words(f, group) == (
            "joint 2nd of 3 organisations in the sector “Health” for services digital end to end"
        )


def test_main_points_name_the_best_and_weakest_places(figures) -> None:  # type: ignore[no-untyped-def]
    chosen = profile(figures, "b")
    assert chosen is not None and profile(figures, "nobody") is None
    with using("en"):
        points = main_points("Organisation B", chosen.group, chosen.positions, chosen.journeys)
    assert points[0].startswith("Organisation B runs 6 services in the catalogue (12 journeys")
    assert points[1].startswith("Best place: ")
    assert points[-1].startswith("Compared with 4 councils")


def test_the_peers_table_withholds_figures_on_fewer_than_5_services(figures) -> None:  # type: ignore[no-untyped-def]
    chosen = profile(figures, "a")
    assert chosen is not None
    with using("en"):
        table = tables.peers_table(figures, chosen).set_index("Organisation")
        levels = tables.levels_table(figures, chosen).set_index("Organisation")
    end = table["services digital end to end"]
    assert end["Organisation A"] == "60% (3 of 5)" and end["Organisation D"] == SUPPRESSED
    assert table.loc["Organisation A", "This organisation"] == "Yes"
    # a's peers together are b, c and d: 3 + 3 + 2 of 6 + 5 + 2 services with a level
    assert levels.loc["Its peers together", "Digital end to end"] == "8 of 13 (62%)"
    assert levels.loc["Organisation A", "Level not recorded"] == 1


@pytest.mark.parametrize(
    ("n", "english", "welsh"),
    [
        (1, "1st", "1af"),
        (2, "2nd", "2il"),
        (3, "3rd", "3ydd"),
        (11, "11th", "11eg"),
        (12, "12th", "12fed"),
        (21, "21st", "21ain"),
        (22, "22nd", "22ain"),
        (23, "23rd", "rhif 23"),
    ],
)
def test_ordinals(n: int, english: str, welsh: str) -> None:
    with using("en"):
        assert ordinal(n) == english
    with using("cy"):
        assert ordinal(n) == welsh


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=1, max_size=9),
        min_size=1,
        max_size=8,
    ),
    st.data(),
)
def test_the_place_is_among_the_ranked_and_the_figure_is_its_own(levels, data) -> None:  # type: ignore[no-untyped-def]
    organisations = {
        f"o{i}": ("local_authority", "principal_council", own) for i, own in enumerate(levels)
    }
    services = _services(organisations)
    figures = organisation_figures(
        services,
        _empty(["service_id", "metric", "availability"]),
        _empty(["service_id", "theme"]),
        _empty(["service_id", "instrument", "status"]),
        _empty(["service_id", "standard_id", "rating"]),
    )
    code = data.draw(st.sampled_from(sorted(organisations)))
    group = peer_group(figures.table, code)
    result = position(figures.table, group, code, measure("end_to_end"))
    own = services.loc[services["organisation_code"] == code, "digitisation_level"].dropna()
    assert (result.part, result.whole) == (int((own >= 3).sum()), len(own))
    wholes = [sum(v is not None for v in own_levels) for own_levels in levels]
    assert result.ranked + result.left_out + (result.place is None) == len(levels)
    assert result.ranked == sum(w >= 5 for w in wholes)
    if result.place is not None:
        assert 1 <= result.place <= result.ranked
        peers = result.peers[result.peers["ranked"]]
        better = (peers["compared"] > peers.loc[code, "compared"]).sum()
        assert result.place == better + 1


def test_key_figures_are_counted_as_on_the_data_availability_page(demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = load_services(demo_engine)
    answers = load_metric_answers(demo_engine)
    figures = organisation_figures(
        services,
        answers,
        load_memberships(demo_engine).themes,
        load_survey_progress(demo_engine),
        load_assessments(demo_engine),
    )
    with using("en"):
        shares, counts = by_group(services, answers, "organisation_code")
    table = figures.table
    for metric, name in (
        ("users_per_year", "Users per year"),
        ("cost_per_transaction", "Cost per transaction"),
    ):
        applies = table[f"{metric}_applies"]
        ours = (table[f"{metric}_given"] / applies.where(applies > 0)).reindex(shares.index)
        assert np.allclose(ours.to_numpy(float), shares[name].to_numpy(float), equal_nan=True)
        assert (applies.reindex(counts.index) == counts[name]).all()
