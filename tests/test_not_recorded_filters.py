"""'Not recorded' as a choice in the Welsh language provision and organisation type filters:
in the shared link (`?welsh=not_recorded`, `?orgtype=none`), in the match, in the words of
chips and downloads, in the sidebar's count, in English and Welsh. Welsh provision has a code
"none" of its own (English only), which must keep meaning English only."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import text
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from dashboard.common.filter_words import describe_filter, filter_chips
from dashboard.common.filters import Filter, Memberships, match
from dashboard.common.i18n import using
from dashboard.ui.filter_panel import KEYS, MORE_KEY

APP = str(Path(__file__).resolve().parents[1] / "app.py")

SERVICES = pd.DataFrame(
    {
        "sector": pd.Categorical(["health"] * 5),
        "stage": pd.Categorical(["developing"] * 5),
        "contracting_type": pd.Categorical(["in_house"] * 5),
        "digitisation_level": pd.array([1, 2, 3, 4, 0], dtype="Int8"),
        "welsh_provision": pd.Categorical(["full", None, "none", "partial", None]),
        "org_type": pd.Categorical(["principal_council", "charity", None, None, "charity"]),
        "organisation_code": pd.Categorical(["a", "b", "c", "c", "b"]),
        "is_deep_dive": [False] * 5,
        "search_text": ["x"] * 5,
    },
    index=pd.Index([1, 2, 3, 4, 5], name="id"),
)
KNOWN = {
    "welsh_provisions": {"full", "partial", "none"},
    "org_types": {"principal_council", "charity"},
}


def _ids(flt: Filter) -> list[int]:
    return list(SERVICES.index[match(SERVICES, Memberships(), flt)])


def test_welsh_provision_not_recorded_round_trips_and_matches_only_unknowns() -> None:
    flt = Filter.from_query({"welsh": ["not_recorded"]}, KNOWN)
    assert flt.welsh_provisions == ("not_recorded",)
    assert flt.to_query() == {"welsh": ["not_recorded"]}
    assert Filter.from_query(flt.to_query(), KNOWN) == flt
    assert _ids(flt) == [2, 5]


def test_english_only_is_not_taken_for_not_recorded() -> None:
    english_only = Filter.from_query({"welsh": ["none"]}, KNOWN)
    assert _ids(english_only) == [3]
    assert describe_filter(english_only) == ["Welsh language provision: English only"]
    both = Filter(welsh_provisions=("none", "not_recorded"))
    assert _ids(both) == [2, 3, 5]


def test_organisation_type_not_recorded_round_trips_and_matches_only_unknowns() -> None:
    flt = Filter.from_query({"orgtype": ["none", "charity"]}, KNOWN)
    assert flt.org_types == ("none", "charity")
    assert flt.to_query() == {"orgtype": ["none", "charity"]}
    assert Filter.from_query(flt.to_query(), KNOWN) == flt
    assert _ids(flt) == [2, 3, 4, 5]
    assert _ids(Filter(org_types=("none",))) == [3, 4]


def test_unknown_codes_in_the_link_are_dropped_but_not_recorded_is_kept() -> None:
    flt = Filter.from_query({"welsh": ["not_recorded", "klingon"], "orgtype": ["x"]}, KNOWN)
    assert flt.welsh_provisions == ("not_recorded",) and flt.org_types == ()


def test_the_choices_are_said_in_words_in_english_and_welsh() -> None:
    flt = Filter(welsh_provisions=("not_recorded",), org_types=("none",))
    assert describe_filter(flt) == [
        "Welsh language provision: not recorded",
        "Type of organisation: not recorded",
    ]
    chips = filter_chips(flt)
    assert [chip.text for chip in chips] == describe_filter(flt)
    assert chips[0].remove_from(flt) == Filter(org_types=("none",))
    with using("cy"):
        assert describe_filter(flt) == [
            "Darpariaeth Gymraeg: heb ei gofnodi",
            "Math o sefydliad: heb ei gofnodi",
        ]


def _store_with_unknowns(store: Engine) -> tuple[int, int, int]:
    from db.demo.build import load_demo

    load_demo(store)
    with store.begin() as connection:
        connection.execute(text("UPDATE service SET welsh_provision = NULL WHERE id IN (1, 2, 3)"))
        connection.execute(
            text(
                "UPDATE organisation SET org_type = NULL WHERE id = "
                "(SELECT organisation_id FROM service WHERE id = 1)"
            )
        )
        total, no_welsh, no_type = connection.execute(
            text(
                "SELECT COUNT(*), SUM(CASE WHEN s.welsh_provision IS NULL THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN o.org_type IS NULL THEN 1 ELSE 0 END) FROM service s "
                "JOIN organisation o ON o.id = s.organisation_id"
            )
        ).one()
    return int(total), int(no_welsh), int(no_type)


def _matching(at: AppTest) -> str:
    return next(m.value for m in at.sidebar.markdown if "services match" in m.value)


def test_the_sidebar_offers_not_recorded_and_counts_what_it_keeps(
    use_database, sqlite_store: Engine
) -> None:  # type: ignore[no-untyped-def]
    total, no_welsh, no_type = _store_with_unknowns(sqlite_store)
    assert no_welsh == 3 and 0 < no_type < total
    use_database(str(sqlite_store.url))
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["welsh"] = "not_recorded"
    at.run()
    assert not at.exception
    assert at.session_state[MORE_KEY]  # a link that uses it opens "More filters"
    welsh = next(w for w in at.sidebar.multiselect if w.label == "Welsh language provision")
    assert welsh.value == ["not_recorded"]
    assert "Not recorded" in welsh.options and "English only" in welsh.options
    assert _matching(at) == f"**{no_welsh}** of {total:,} services match"

    at.session_state[KEYS["welsh_provisions"]] = []
    at.session_state[KEYS["org_types"]] = ["none"]
    at.run()
    assert not at.exception
    assert _matching(at) == f"**{no_type}** of {total:,} services match"
    assert at.query_params["orgtype"] == ["none"] or at.query_params["orgtype"] == "none"
    assert "welsh" not in at.query_params
