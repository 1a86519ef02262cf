"""Times the pages the way a user meets them, through Streamlit's AppTest (run by hand, not CI).

    DATABASE_URL=sqlite:///tmp/bench.sqlite3 .venv/bin/landscape generate --services 100000
    DATABASE_URL=sqlite:///tmp/bench.sqlite3 .venv/bin/python bench/pages.py

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
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from dashboard import images
from dashboard.queries import load_services
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
    args = parser.parse_args()
    services = load_services(get_engine())
    code = str(services["code"].iloc[len(services) // 2])
    print(f"store: {get_engine().url.render_as_string(hide_password=True)}")
    print(f"services: {len(services):,}; median of {args.repeat} runs, seconds\n")

    st.cache_data.clear()
    st.cache_resource.clear()
    cold = timed(lambda: checked(fresh()).run())
    rows: list[tuple[str, list[float]]] = [("Overview, cold (first visit after start)", [cold])]

    def repeat(name: str, make: Callable[[], AppTest], act: Callable[[AppTest], object]) -> None:
        times = []
        for _ in range(args.repeat):
            at = make()
            times.append(timed(lambda at=at: checked(act(at))))
        rows.append((name, times))

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
        "Challenges and aims, open from the Overview",
        lambda: checked(fresh().run()),
        lambda at: at.switch_page("pages/themes.py").run(),
    )
    repeat(
        "Data availability, open from the Overview",
        lambda: checked(fresh().run()),
        lambda at: at.switch_page("pages/availability.py").run(),
    )
    repeat(
        "Present, next slide",
        lambda: checked(fresh().run().switch_page("pages/present.py").run()),
        lambda at: at.button(key="present_next").click().run(),
    )
    repeat(
        "Present, build the 9-slide deck (PPTX and PDF)",
        lambda: checked(fresh().run().switch_page("pages/present.py").run()),
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
    for name, times in rows:
        print(f"{name:<45} {statistics.median(times):>7.2f}")

    if images.renderer_problem() is None:
        import plotly.graph_objects as go

        fig = go.Figure(go.Bar(x=[1, 2, 3], y=["a", "b", "c"], orientation="h"))
        first = timed(lambda: images.figure_png(fig))
        warm = statistics.median(timed(lambda: images.figure_png(fig)) for _ in range(args.repeat))
        # the app starts the browser in the background on its first run, so this is usually warm
        print(f"{'Chart PNG, first export in the process':<45} {first:>7.2f}")
        print(f"{'Chart PNG, warm browser':<45} {warm:>7.2f}")


def _choose_row(at: AppTest, row: int) -> AppTest:
    """What the browser sends when a catalogue row is clicked (the selection by position)."""
    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [row], "columns": []}}
    return at.run()


def _navigation_only() -> None:
    """Run the app as `landscape serve` does: st.navigation only, no pages/ folder discovery."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]


if __name__ == "__main__":
    _navigation_only()
    main()
