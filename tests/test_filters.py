"""The shared filter: matching services, combinations, the empty case, and the URL round trip."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.common.filters import Filter, Memberships, match, search_words

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


def as_the_app_reads_it(query: dict[str, list[str] | str]) -> dict[str, list[str]]:
    """A filter's query as the app passes it back to `from_query`: written to the address,
    then read as lists of values (`st.query_params.get_all`), one list per key."""
    address = urlencode(query, doseq=True)
    assert "\n" not in address and "&&" not in address
    return parse_qs(address, keep_blank_values=True)


def test_a_search_with_a_comma_survives_the_url_whole() -> None:
    flt = Filter(sectors=("health",), text="bins, recycling")
    assert Filter.from_query({"q": ["bins, recycling"]}).text == "bins, recycling"
    read = as_the_app_reads_it(flt.to_query())
    assert read["q"] == ["bins, recycling"]
    assert Filter.from_query(read) == flt
    # ...and what the app writes back to the URL is the same whole search
    assert Filter.from_query(read).to_query()["q"] == "bins, recycling"
    # list fields still take comma-separated values as well as repeated keys
    assert Filter.from_query({"sector": ["health,third_sector"]}).sectors == (
        "health",
        "third_sector",
    )
    assert Filter.from_query({"q": ["first", "second"]}).text == "first"


#: Codes as in the catalogue (no commas: a list field also accepts "a,b"), some Welsh.
codes = st.lists(
    st.sampled_from(["health", "third_sector", "cardiff", "ŵyr-ŷd", "a", "b"]),
    unique=True,
    max_size=3,
).map(tuple)
#: Search text as people type it: words (Welsh letters ŵ ŷ, or any other characters but lone
#: surrogates, which are not text) separated by commas, semicolons and spaces.
search_words_typed = st.one_of(
    st.sampled_from(["bins", "sŵn", "ŷd", "Ŵyr", "Môn", "budd-daliadau", "o'r"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
)
search_text = st.lists(
    st.tuples(search_words_typed, st.sampled_from([", ", ",", " ", "; ", "  ", " ,"])),
    max_size=5,
).map(lambda parts: "".join(word + gap for word, gap in parts))


@given(
    sectors=codes,
    organisations=codes,
    stages=codes,
    user_types=codes,
    contracting_types=codes,
    challenges=codes,
    opportunities=codes,
    low=st.integers(0, 4),
    high=st.integers(0, 4),
    deep=st.booleans(),
    text=search_text,
)
def test_any_filter_survives_the_url(  # type: ignore[no-untyped-def]
    sectors,
    organisations,
    stages,
    user_types,
    contracting_types,
    challenges,
    opportunities,
    low,
    high,
    deep,
    text,
) -> None:
    low, high = min(low, high), max(low, high)
    flt = Filter(
        sectors=sectors,
        organisations=organisations,
        stages=stages,
        user_types=user_types,
        contracting_types=contracting_types,
        challenges=challenges,
        opportunities=opportunities,
        level_min=low,
        level_max=high,
        deep_dive_only=deep,
        text=text.strip()[:200].strip(),
    )
    # as the app passes it: the URL read back as a list of values per key
    assert Filter.from_query(as_the_app_reads_it(flt.to_query())) == flt
    # and as the filter panel compares it with what it wrote (each value wrapped in a list)
    wrapped = {k: v if isinstance(v, list) else [v] for k, v in flt.to_query().items()}
    assert Filter.from_query(wrapped) == flt


def _searchable(*texts: str) -> pd.DataFrame:
    from dashboard.common.filters import fold_series

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


def test_commas_and_semicolons_separate_search_words() -> None:
    assert search_words("Bins, recycling;sŵn  budd-daliadau") == [
        "bins",
        "recycling",
        "swn",
        "budd-daliadau",
    ]
    assert search_words(" , ; ") == []
    # "bin, caerdydd" finds what "bin caerdydd" finds, not only text with "bin," in it
    assert ids(Filter(text="bin, caerdydd")) == ids(Filter(text="bin caerdydd")) == [10]
    assert ids(Filter(text=",")) == [10, 11, 12, 13]  # nothing to look for: everything
