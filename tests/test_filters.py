"""The shared filter: matching services, combinations, the empty case, and the URL round trip."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.filters import Filter, Memberships, match

SERVICES = pd.DataFrame(
    {
        "sector": ["local_authority", "local_authority", "health", "third_sector"],
        "organisation_code": ["cardiff", "gwynedd", "bcuhb", "age-cymru"],
        "digitisation_level": [1, 3, 2, 4],
        "stage": ["long_running", "developing", "long_running", "newly_established"],
        "contracting_type": ["in_house", "outsourced", "shared_service", "in_house"],
        "is_deep_dive": [False, True, True, False],
        "search_text": [
            "report a missed bin cyngor caerdydd",
            "apply for a school place gwneud cais am le mewn ysgol",
            "referral to a specialist atgyfeiriad",
            "benefits check gwiriad budd-daliadau",
        ],
    },
    index=pd.Index([10, 11, 12, 13], name="id"),
)
MEMBERS = Memberships(
    user_types=pd.DataFrame(
        {
            "service_id": [10, 11, 12, 12, 13],
            "user_type": ["citizens", "students", "patients", "carers", "citizens"],
        }
    ),
    themes=pd.DataFrame(
        {
            "service_id": [10, 11, 12, 13],
            "theme": ["recruiting", "legacy", "recruiting", "shared-login"],
        }
    ),
)


def ids(flt: Filter) -> list[int]:
    return SERVICES.index[match(SERVICES, MEMBERS, flt)].tolist()


def test_no_filter_matches_everything() -> None:
    assert ids(Filter()) == [10, 11, 12, 13]
    assert Filter().is_empty


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (Filter(sectors=("local_authority",)), [10, 11]),
        (Filter(sectors=("health", "third_sector")), [12, 13]),
        (Filter(organisations=("gwynedd",)), [11]),
        (Filter(level_min=2, level_max=3), [11, 12]),
        (Filter(stages=("long_running",)), [10, 12]),
        (Filter(contracting_types=("in_house",)), [10, 13]),
        (Filter(deep_dive_only=True), [11, 12]),
        (Filter(user_types=("carers",)), [12]),
        (Filter(challenges=("recruiting",)), [10, 12]),
        (Filter(opportunities=("shared-login",)), [13]),
        (Filter(text="ysgol"), [11]),  # Welsh names are searched too
        (Filter(text="BIN"), [10]),  # case does not matter
    ],
)
def test_each_field_narrows(flt: Filter, expected: list[int]) -> None:
    assert ids(flt) == expected


def test_fields_combine_with_and() -> None:
    assert ids(Filter(sectors=("local_authority",), challenges=("recruiting",))) == [10]
    assert ids(Filter(sectors=("health",), level_min=3, level_max=4)) == []


def test_nothing_matches_gives_an_empty_mask_not_an_error() -> None:
    assert ids(Filter(text="no such service anywhere")) == []
    empty = SERVICES.iloc[0:0]
    assert match(empty, MEMBERS, Filter(sectors=("health",))).tolist() == []


def test_url_round_trip_of_a_full_filter() -> None:
    flt = Filter(
        sectors=("health", "local_authority"),
        organisations=("bcuhb",),
        level_min=1,
        level_max=3,
        stages=("developing",),
        user_types=("patients",),
        contracting_types=("outsourced",),
        challenges=("recruiting",),
        opportunities=("shared-login",),
        deep_dive_only=True,
        text="gwasanaeth ŵyr",
    )
    assert Filter.from_query(flt.to_query()) == flt
    assert Filter().to_query() == {}


def test_malformed_or_unknown_url_values_are_dropped() -> None:
    query = {"sector": ["health", "martian"], "level": "x-9", "deep": "maybe", "q": "  bins  "}
    flt = Filter.from_query(query, known={"sectors": {"health", "local_authority"}})
    assert flt.sectors == ("health",)
    assert (flt.level_min, flt.level_max) == (0, 4)
    assert not flt.deep_dive_only
    assert flt.text == "bins"
    assert Filter.from_query({"level": "4-1"}).level_min == 1  # reversed range is put right
    assert Filter.from_query({"sector": "health,third_sector"}).sectors == (
        "health",
        "third_sector",
    )


def test_removing_a_chip() -> None:
    flt = Filter(sectors=("health", "third_sector"), level_min=2, deep_dive_only=True)
    assert flt.without("sectors", "health").sectors == ("third_sector",)
    assert flt.without("levels").level_min == 0
    assert not flt.without("deep_dive_only").deep_dive_only


codes = st.lists(st.sampled_from(["a", "b", "c", "d"]), unique=True, max_size=3).map(tuple)


@given(
    sectors=codes,
    challenges=codes,
    low=st.integers(0, 4),
    high=st.integers(0, 4),
    deep=st.booleans(),
    text=st.text(max_size=30),
)
def test_any_filter_survives_the_url(sectors, challenges, low, high, deep, text) -> None:  # type: ignore[no-untyped-def]
    low, high = min(low, high), max(low, high)
    flt = Filter(
        sectors=sectors,
        challenges=challenges,
        level_min=low,
        level_max=high,
        deep_dive_only=deep,
        text=text.strip()[:200].strip(),
    )
    assert Filter.from_query(flt.to_query()) == flt


def _searchable(*texts: str) -> pd.DataFrame:
    from dashboard.filters import fold_series

    frame = SERVICES.iloc[: len(texts)].copy()
    frame["search_text"] = fold_series(pd.Series(list(texts), index=frame.index))
    return frame


@pytest.mark.parametrize(
    "typed",
    [
        "swn",  # no circumflex typed
        "sŵn",  # precomposed ŵ
        "sw\u0302n",  # w followed by a combining circumflex (how some keyboards send it)
        "SŴN",
    ],
)
def test_search_ignores_accents_and_their_encoding(typed: str) -> None:
    services = _searchable("Cwyno am sŵn", "Casglu gwastraff", "Report noise")
    assert services.index[match(services, MEMBERS, Filter(text=typed))].tolist() == [10]


def test_text_stored_with_combining_accents_is_found_too() -> None:
    services = _searchable("Ffi\u0302n parcio", "Fine for parking")
    assert services.index[match(services, MEMBERS, Filter(text="ffîn"))].tolist() == [10]


def test_search_needs_every_word_in_any_order() -> None:
    services = _searchable("apply for a school place", "school transport", "apply for a blue badge")
    found = services.index[match(services, MEMBERS, Filter(text="school apply"))].tolist()
    assert found == [10]  # both words, not the exact phrase
    assert ids(Filter(text="  bin   caerdydd ")) == [10]  # spaces between words do not matter
    assert ids(Filter(text="bin ysgol")) == []  # every word must be found


def test_search_combines_with_the_other_fields() -> None:
    assert ids(Filter(text="a", sectors=("health",))) == [12]
    assert ids(Filter(text="referral", sectors=("local_authority",))) == []
