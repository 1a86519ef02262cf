"""The Data page on a wide period file: it says what the file is and what it found, and checks
it through the ordinary steps."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SECRET = "correct-horse-battery-staple"
WIDE = Path(__file__).parent / "data" / "real_formats" / "performance_wide.csv"


@pytest.fixture
def data_db(demo_copy: Engine) -> Engine:
    return demo_copy


def test_a_wide_period_file_is_named_as_such_with_its_periods_and_measures(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", SECRET)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/data.py").run()
    at.text_input(key="data_credential").input(SECRET)
    at.button[0].click().run()
    at.file_uploader(key="data_upload").upload(
        "performance_wide.csv", WIDE.read_bytes(), "text/csv"
    ).run()
    assert not at.exception, at.exception
    said = [i.value for i in at.info if "wide period file" in i.value]
    assert said, [i.value for i in at.info]
    assert "3 periods" in said[0] and "3 measures" in said[0] and "52 metric answers" in said[0]
    assert "April 2011 to March 2012" in said[0]
    entity = next(s for s in at.selectbox if s.key.startswith("data_entity"))
    assert entity.value == "metric_answers"
    at.button(key="data_check").click().run()
    assert not at.exception
    # the demo store has none of the file's services: the report says so, row by row
    report = next(d.value for d in at.dataframe if "What to do" in d.value.columns)
    assert set(report["Row"].dropna().astype(int)) == set(range(2, 8))
