"""Times the pages the way a user meets them, through Streamlit's AppTest (run by hand, not CI).

    DATABASE_URL=sqlite:///tmp/bench.sqlite3 .venv/bin/landscape generate --services 100000
    DATABASE_URL=sqlite:///tmp/bench.sqlite3 .venv/bin/python bench/pages.py [--only Present]

Cold is the first visit after start (data loaded from the store into the shared cache); a new
session then finds the data cached. A new session includes about 0.3 s of AppTest's own set-up
(it scans installed packages for components), which a browser session does not pay on each
rerun. Every figure is the median of --repeat runs, in seconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest
from timing import load_average

from dashboard import slide_sources
from dashboard.common import chart_images, queries
from dashboard.common.i18n import using
from dashboard.common.queries import load_services
from dashboard.present import deck, sequence
from dashboard.prioritise import figures as priority_figures
from dashboard.prioritise import reach as priority_reach
from dashboard.prioritise import score as p
from dashboard.serving.launch import navigation_only_in_apptest
from dashboard.ui import store
from db.engine import get_engine

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def fresh(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at


def checked(at: AppTest) -> AppTest:
    if at.exception:
        raise SystemExit(f"the page raised: {at.exception[0].message}")
    return at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--only",
        default="",
        help="time only the steps whose name contains one of these (comma-separated, e.g. "
        "'Prioritise,Data availability')",
    )
    args = parser.parse_args()
    services = load_services(get_engine())
    code = str(services["code"].iloc[len(services) // 2])
    print(f"store: {get_engine().url.render_as_string(hide_password=True)}")
    print(f"services: {len(services):,}; median of {args.repeat} runs, seconds\n")

    st.cache_data.clear()
    st.cache_resource.clear()
    cold = timed(lambda: checked(fresh()).run())
    rows: list[tuple[str, list[float]]] = [("Overview, cold (first visit after start)", [cold])]
    # this process's CPU seconds beside the wall clock: on a busy machine the wall clock
    # waits for other work, the CPU time does not
    cpu_of: dict[str, list[float]] = {}

    def repeat(name: str, make: Callable[[], AppTest], act: Callable[[AppTest], object]) -> None:
        wanted = [part.strip().lower() for part in args.only.split(",") if part.strip()]
        if wanted and not any(part in name.lower() for part in wanted):
            return
        times, cpu = [], []
        for _ in range(args.repeat):
            at = make()
            started = time.process_time()
            times.append(timed(lambda at=at: checked(act(at))))
            cpu.append(time.process_time() - started)
        rows.append((name, times))
        cpu_of[name] = cpu

    repeat("Overview, new session (warm cache)", fresh, lambda at: at.run())
    repeat("Overview, rerun", lambda: checked(fresh().run()), lambda at: at.run())
    repeat(
        "Overview, change the sector",
        lambda: checked(fresh().run()),
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )

    def first_time() -> AppTest:
        at = checked(fresh().run())
        st.cache_data.clear()  # per-filter results; the big frames stay loaded
        return at

    def first_time_on(page: str) -> AppTest:
        at = checked(fresh().run().switch_page(page).run())
        st.cache_data.clear()
        return at

    repeat(
        "Overview, a sector no session has asked for",
        first_time,
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )
    repeat(
        "Overview, a search no session has asked for",
        first_time,
        lambda at: at.text_input(key="f_text").input("permit").run(),
    )
    repeat(
        "Overview, free-text search",
        lambda: checked(fresh().run()),
        lambda at: at.text_input(key="f_text").input("permit").run(),
    )
    repeat(
        "Overview, shares within each sector",
        lambda: checked(fresh().run()),
        lambda at: at.segmented_control(key="levels_mode").set_value("shares").run(),
    )
    repeat(
        "Service catalogue, open from the Overview",
        lambda: checked(fresh().run()),
        lambda at: at.switch_page("pages/catalogue.py").run(),
    )
    repeat(
        "Service catalogue, change the sector",
        lambda: checked(fresh().run().switch_page("pages/catalogue.py").run()),
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )
    repeat(
        "Service catalogue, change the service type",
        lambda: checked(
            fresh({"type": "council-tax"}).run().switch_page("pages/catalogue.py").run()
        ),
        lambda at: at.multiselect(key="f_service_types").set_value(["missed-bin", "none"]).run(),
    )
    repeat(
        "Service catalogue, search in it",
        lambda: checked(fresh().run().switch_page("pages/catalogue.py").run()),
        lambda at: at.text_input(key="f_text").input("swn niwsans").run(),
    )
    repeat(
        "Service catalogue in Welsh, open from the Overview",
        lambda: checked(fresh({"lang": "cy"}).run()),
        lambda at: at.switch_page("pages/catalogue.py").run(),
    )
    repeat(
        "Service catalogue, open a service from its row",
        lambda: checked(fresh().run().switch_page("pages/catalogue.py").run()),
        lambda at: _choose_row(at, len(services) // 3),
    )
    repeat(
        "Prioritise, open from the Overview",
        lambda: checked(fresh().run()),
        lambda at: at.switch_page("pages/prioritise.py").run(),
    )
    repeat(
        "Prioritise, move a weight slider",
        lambda: checked(fresh().run().switch_page("pages/prioritise.py").run()),
        lambda at: at.slider(key="weight_cost").set_value(4).run(),
    )
    repeat(
        "Prioritise, rank improvement areas by median",
        lambda: checked(fresh().run().switch_page("pages/prioritise.py").run()),
        lambda at: at.segmented_control(key="areas_measure").set_value("median").run(),
    )
    repeat(
        "Prioritise, a sector no session has asked for",
        lambda: first_time_on("pages/prioritise.py"),
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )
    repeat(
        "Challenges and aims, open from the Overview",
        lambda: checked(fresh().run()),
        lambda at: at.switch_page("pages/themes.py").run(),
    )
    repeat(
        "Challenges and aims, a sector no session has asked for",
        lambda: first_time_on("pages/themes.py"),
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )
    repeat(
        "Challenges and aims, search the owners' words",
        lambda: first_time_on("pages/themes.py"),
        lambda at: at.text_input(key="words_search").input("contract").run(),
    )
    repeat(
        "Data availability, open from the Overview",
        lambda: checked(fresh().run()),
        lambda at: at.switch_page("pages/availability.py").run(),
    )
    repeat(
        "Data availability, choose another metric",
        lambda: checked(fresh().run().switch_page("pages/availability.py").run()),
        lambda at: at.selectbox(key="availability_metric").set_value("users_per_year").run(),
    )
    repeat(
        "Data availability, a sector no session has asked for",
        lambda: first_time_on("pages/availability.py"),
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )
    repeat(
        "Technology landscape, open from the Overview",
        lambda: checked(fresh().run()),
        lambda at: at.switch_page("pages/technology.py").run(),
    )
    repeat(
        "Technology landscape, rerun",
        lambda: checked(fresh().run().switch_page("pages/technology.py").run()),
        lambda at: at.run(),
    )
    repeat(
        "Technology landscape, change the sector",
        lambda: checked(fresh().run().switch_page("pages/technology.py").run()),
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )
    repeat(
        "Technology landscape, a sector no session has asked for",
        lambda: first_time_on("pages/technology.py"),
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )
    repeat(
        "Technology landscape, choose the security topic",
        lambda: checked(fresh().run().switch_page("pages/technology.py").run()),
        lambda at: at.segmented_control(key="technology_topic").set_value("security").run(),
    )
    repeat(
        "Technology landscape, the shared-component gaps",
        lambda: checked(fresh().run().switch_page("pages/technology.py").run()),
        lambda at: at.segmented_control(key="technology_topic").set_value("gaps").run(),
    )

    def on_the_gaps() -> AppTest:
        at = checked(fresh().run().switch_page("pages/technology.py").run())
        return checked(at.segmented_control(key="technology_topic").set_value("gaps").run())

    repeat(
        "Technology landscape, the gaps by service type",
        on_the_gaps,
        lambda at: at.segmented_control(key="technology_gap_by").set_value("type").run(),
    )

    def types_not_ranked_yet() -> AppTest:
        # the page's parts are cached (as for every visitor after the first); the ranking of
        # types for these weights is not
        at = checked(fresh().run().switch_page("pages/prioritise.py").run())
        store.priority_types.clear()
        return at

    repeat(
        "Prioritise, rank service types (not ranked before)",
        types_not_ranked_yet,
        lambda at: at.segmented_control(key="prioritise_rank_by").set_value("type").run(),
    )
    repeat(
        "Prioritise, rank service types (ranked before)",
        lambda: checked(fresh().run().switch_page("pages/prioritise.py").run()),
        lambda at: at.segmented_control(key="prioritise_rank_by").set_value("type").run(),
    )
    repeat(
        "Join up, open from the Overview",
        lambda: checked(fresh().run()),
        lambda at: at.switch_page("pages/join_up.py").run(),
    )
    repeat(
        "Join up, change the sector",
        lambda: checked(fresh().run().switch_page("pages/join_up.py").run()),
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )
    repeat(
        "Trends, open from the Overview",
        lambda: checked(fresh().run()),
        lambda at: at.switch_page("pages/trends.py").run(),
    )
    repeat(
        "Trends, change the sector",
        lambda: checked(fresh().run().switch_page("pages/trends.py").run()),
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )
    repeat(
        "Trends, a sector no session has asked for",
        lambda: first_time_on("pages/trends.py"),
        lambda at: at.multiselect(key="f_sectors").select("health").run(),
    )
    repeat(
        "Trends, choose another period",
        lambda: checked(fresh().run().switch_page("pages/trends.py").run()),
        lambda at: at.selectbox(key="trends_period_from").set_value("2021-22").run(),
    )
    for page, title in (
        ("pages/prioritise.py", "Prioritise"),
        ("pages/themes.py", "Challenges and aims"),
        ("pages/availability.py", "Data availability"),
        ("pages/technology.py", "Technology landscape"),
    ):
        # the Insight views are cached per language (a Welsh session builds its own once)
        repeat(
            f"{title} in Welsh, open from the Overview",
            lambda: checked(fresh({"lang": "cy"}).run()),
            lambda at, page=page: at.switch_page(page).run(),
        )
    repeat(
        "Present, next slide",
        lambda: checked(fresh().run().switch_page("pages/present.py").run()),
        lambda at: at.button(key="present_next").click().run(),
    )
    repeat(
        "Present, next slide in Welsh",
        lambda: checked(fresh({"lang": "cy"}).run().switch_page("pages/present.py").run()),
        lambda at: at.button(key="present_next").click().run(),
    )
    repeat(
        f"Present, build the {len(sequence.DEFAULT_ORDER) + 1}-slide deck (PPTX and PDF)",
        # the deck's panel is built only while open: open it as a click would
        lambda: checked(opened(fresh().run().switch_page("pages/present.py").run())),
        lambda at: at.button(key="present_build").click().run(),
    )
    repeat(
        "Service detail view",
        lambda: fresh({"service": code}),
        lambda at: at.run().switch_page("pages/catalogue.py").run(),
    )
    baseline = []
    for _ in range(args.repeat):
        empty = AppTest.from_string("import streamlit as st\nst.write('x')").run()
        baseline.append(timed(empty.run))
    rows.append(("AppTest's own cost of a rerun (empty script)", baseline))
    print(f"load average: {load_average()}")
    print(f"{'step':<45} {'wall':>7} {'CPU':>7}")
    for name, times in rows:
        cpu = f"{statistics.median(cpu_of[name]):>7.2f}" if name in cpu_of else ""
        print(f"{name:<45} {statistics.median(times):>7.2f} {cpu}")

    if chart_images.renderer_problem() is None and "Present".startswith(args.only):
        deck_phases(args.repeat)

        import plotly.graph_objects as go

        fig = go.Figure(go.Bar(x=[1, 2, 3], y=["a", "b", "c"], orientation="h"))
        first = timed(lambda: chart_images.figure_png(fig))
        warm = statistics.median(
            timed(lambda: chart_images.figure_png(fig)) for _ in range(args.repeat)
        )
        # the app starts the browser in the background on its first run, so this is usually warm
        print(f"{'Chart PNG, first export in the process':<45} {first:>7.2f}")
        print(f"{'Chart PNG, warm browser':<45} {warm:>7.2f}")


def deck_phases(repeat: int) -> None:
    """Where a deck's time goes: the charts drawn in the warm browser, then each file."""
    engine = get_engine()
    services, members = load_services(engine), queries.load_memberships(engine)
    metrics = queries.load_metric_answers(engine)
    parts = p.components(services, metrics, members.themes)

    def inputs() -> slide_sources.Inputs:
        """The deck's inputs in the language it runs in (the views carry translated labels,
        as the page's do: it builds them once per language)."""
        return slide_sources.for_whole_store(engine)

    meta = sequence.Meta([], "Source: bench", datetime.now(UTC), None, True)
    chart_images.start_renderer()
    chart_images.figure_png(go_figure())  # the browser is warm in the app; make it warm here too
    chart_pngs(inputs(), services, parts, repeat)
    phases: dict[str, list[float]] = {}
    for lang in ("en", "cy"):
        with using(lang):
            data = inputs()
        for _ in range(repeat):
            with using(lang):
                built = slide_sources.build(sequence.DEFAULT_ORDER, data)
                started = time.perf_counter()
                drawn = deck.draw(built)
                charted = time.perf_counter()
                deck.to_pptx(drawn, meta)
                pptx = time.perf_counter()
                deck.to_pdf(drawn, meta)
                done = time.perf_counter()
            for name, seconds in (
                ("charts drawn", charted - started),
                ("PPTX written", pptx - charted),
                ("PDF written", done - pptx),
                ("whole deck", done - started),
            ):
                phases.setdefault(f"Deck ({lang}), {name}", []).append(seconds)
    for name, times in phases.items():
        print(f"{name:<45} {statistics.median(times):>7.2f}")


def chart_pngs(
    inputs: slide_sources.Inputs, services: pd.DataFrame, parts: pd.DataFrame, repeat: int
) -> None:
    """The PNG download of each real chart at this scale, warm (the app's renderer is
    started on a page's first run): every chart of the deck, and Prioritise's reach chart."""
    figures = {
        built.key: built.figure
        for built in slide_sources.build(sequence.DEFAULT_ORDER, inputs)
        if built.figure is not None
    }
    top = inputs.priorities
    reach = parts["users"].fillna(parts["transactions"])
    ranks = pd.Series(top["Rank"].to_numpy(), index=top["_id"].to_numpy())
    cells = priority_reach.reach_cells(
        reach, services.loc[reach.index, "digitisation_level"], ranks.reindex(reach.index)
    )
    figures["reach (Prioritise)"] = priority_figures.reach_density(
        cells, {}, "Reach against digitisation", "every service with a known reach"
    )
    footer = ["Filter: all services", "Source: bench (invented data)"]
    for name, fig in figures.items():
        chart_images.figure_png(fig, footer)
        warm = statistics.median(
            timed(lambda fig=fig: chart_images.figure_png(fig, footer)) for _ in range(repeat)
        )
        print(f"{'Chart PNG, ' + name + ', warm':<45} {warm:>7.2f}")


def opened(at: AppTest, key: str = "present_deck_panel") -> AppTest:
    at.session_state[key] = True
    return at.run()


def go_figure() -> Any:
    import plotly.graph_objects as go

    return go.Figure(go.Bar(x=[1, 2, 3], y=["a", "b", "c"], orientation="h"))


def _choose_row(at: AppTest, row: int) -> AppTest:
    """What the browser sends when a catalogue row is clicked (the selection by position)."""
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [row], "columns": []}}
    return at.run()


if __name__ == "__main__":
    navigation_only_in_apptest()
    main()
