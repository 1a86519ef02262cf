"""The mapping on the Data page belongs to the file: a steward's choices for one upload never
carry over, by position, to the next file's columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from dashboard.common.markdown_text import plain

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SECRET = "correct-horse-battery-staple"


@pytest.fixture
def data_db(real_copy: Engine) -> Engine:
    return real_copy


def _signed_in(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", SECRET)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/data.py").run()
    at.text_input(key="data_credential").input(SECRET)
    at.button[0].click().run()
    assert not at.exception
    return at


def _mapping(at: AppTest) -> dict[str, str]:
    """Each file column's choice, by the column's name (the box's label)."""
    boxes = [b for b in at.selectbox if str(b.key).startswith("data_map_")]
    return {b.label: b.value for b in boxes}


def _ids(at: AppTest) -> set[str]:
    return {str(b.id) for b in at.selectbox if str(b.key).startswith("data_map_")}


def _box(at: AppTest, column: str) -> Selectbox:
    return next(
        b for b in at.selectbox if str(b.key).startswith("data_map_") and b.label == plain(column)
    )


def test_the_next_file_starts_from_its_own_mapping_not_the_last_ones_choices(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = (
        "Organisation code,Organisation name,Notes,Sector,Type\r\n"
        "b1,Body One,internal,Local authority,Charity\r\n"
    )
    # the next file has its columns in another order: its code is where the first one's
    # Notes was, and its Notes where the first one's Type was
    second = (
        "Type,Sector,Organisation code,Organisation name,Notes\r\n"
        "Charity,Local authority,b2,Body Two,internal\r\n"
    )
    fresh = _signed_in(monkeypatch)
    fresh.file_uploader(key="data_upload").upload("b.csv", second.encode(), "text/csv").run()
    own = _mapping(fresh)  # what the second file is matched to on its own
    assert own["Organisation code"] == "code" and own["Notes"] == ""

    at = _signed_in(monkeypatch)
    at.file_uploader(key="data_upload").upload("a.csv", first.encode(), "text/csv").run()
    assert not at.exception
    assert _mapping(at)["Notes"] == ""
    # the steward takes Notes in as the abbreviation and leaves Type out
    _box(at, "Notes").set_value("abbreviation").run()
    _box(at, "Type").set_value("").run()
    assert _mapping(at)["Notes"] == "abbreviation"

    first_boxes = _ids(at)
    at.file_uploader(key="data_upload").upload("b.csv", second.encode(), "text/csv").run()
    assert not at.exception
    assert _mapping(at) == own
    # no box of the second file shares its identity with one of the first: a browser keeps
    # each box's last value by that identity, and would otherwise show (and send back) the
    # first file's choice for whatever column of the second file stands in its place
    assert not first_boxes & _ids(at)


def test_choices_stay_with_their_column_while_the_same_file_is_mapped(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(monkeypatch)
    data = "Organisation code,Organisation name,Notes,Type\r\nb1,Body One,internal,Charity\r\n"
    at.file_uploader(key="data_upload").upload("a.csv", data.encode(), "text/csv").run()
    _box(at, "Notes").set_value("abbreviation").run()
    at.run()
    assert _mapping(at) == {
        "Organisation code": "code",
        "Organisation name": "name_en",
        "Notes": "abbreviation",
        "Type": "org_type",
    }
