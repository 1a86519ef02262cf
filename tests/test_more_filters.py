"""The sidebar's "More filters": drawn only while open, open when the link uses one of its
fields, and a closed panel still filters by what was chosen in it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.ui.filter_panel import KEYS, MORE_KEY

APP = str(Path(__file__).resolve().parents[1] / "app.py")
MORE_LABELS = {"Stage", "User type", "Contracting type"}


def _run(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def _sidebar_multiselects(at: AppTest) -> set[str]:
    return {widget.label for widget in at.sidebar.multiselect}


def _matching(at: AppTest) -> str:
    return next(m.value for m in at.sidebar.markdown if "services match" in m.value)


def test_closed_more_filters_send_no_widgets(use_database, demo_db_url) -> None:  # type: ignore[no-untyped-def]
    use_database(demo_db_url)
    at = _run()
    assert not MORE_LABELS & _sidebar_multiselects(at)
    assert {"Sector", "Organisation", "Challenge theme"} <= _sidebar_multiselects(at)
    at.session_state[MORE_KEY] = True
    at.run()
    assert _sidebar_multiselects(at) >= MORE_LABELS


def test_a_link_with_a_stage_opens_more_filters_and_closing_keeps_it(  # type: ignore[no-untyped-def]
    use_database, demo_db_url
) -> None:
    use_database(demo_db_url)
    whole = _matching(_run())
    at = _run(stage="developing")
    stage = next(w for w in at.sidebar.multiselect if w.label == "Stage")
    assert stage.value == ["developing"]
    narrowed = _matching(at)
    assert narrowed != whole

    at.session_state[MORE_KEY] = False  # closed by the reader
    at.run()
    at.run()  # and a run after that, once Streamlit has let go of the hidden widget
    assert not at.exception
    assert "Stage" not in _sidebar_multiselects(at)
    assert _matching(at) == narrowed
    assert at.query_params["stage"] == "developing"
    assert at.session_state[KEYS["stages"]] == ["developing"]

    at.session_state[MORE_KEY] = True  # opened again: the choice is still there
    at.run()
    stage = next(w for w in at.sidebar.multiselect if w.label == "Stage")
    assert stage.value == ["developing"]
