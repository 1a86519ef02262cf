"""Every Explore page on a generated catalogue, on SQLite and on a real PostgreSQL server.

The 100,000-service timings live in bench/pages.py; here a few thousand generated services
check that the pages work on data shaped like the scale tests, in both stores.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.common.filters import Filter, match
from dashboard.common.markdown_text import plain
from dashboard.common.queries import load_memberships, load_services
from db.demo.build import generate

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SIZE = 2_500


def test_explore_pages_on_a_generated_catalogue(store, use_database) -> None:  # type: ignore[no-untyped-def]
    generate(store, SIZE, seed=11)
    use_database(store.url.render_as_string(hide_password=False))
    services, members = load_services(store), load_memberships(store)
    assert len(services) == SIZE

    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert next(m.value for m in at.metric if m.label == "Services") == f"{SIZE:,}"
    assert "Generated catalogue" in at.warning[0].value  # invented data says so
    # the medians by year (the generator writes five yearly periods), then the four charts
    charts = [c.proto.id.rsplit("-", 1)[1] for c in at.get("plotly_chart")]
    assert charts == [
        "overview_trend_chart",
        "levels_chart",
        "challenge_chart",
        "opportunity_chart",
        "surveys_chart",
    ]

    challenge = str(members.themes.loc[members.themes["kind"] == "challenge", "theme"].iloc[0])
    at.multiselect(key="f_challenges").select(challenge).run()
    expected = int(match(services, members, Filter(challenges=(challenge,))).sum())
    assert 0 < expected < SIZE
    assert next(m.value for m in at.metric if m.label == "Services") == f"{expected:,}"

    at.switch_page("pages/catalogue.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == expected

    code = str(services["code"].iloc[SIZE // 2])
    at.query_params["service"] = code
    at.run()
    assert not at.exception
    assert at.title[0].value == plain(services["name_en"].iloc[SIZE // 2])
