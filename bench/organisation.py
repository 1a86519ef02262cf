"""Times the Organisation page's figures at scale (run by hand, not CI).

    DATABASE_URL=sqlite:////tmp/o100k.sqlite3 .venv/bin/landscape generate --services 100000
    DATABASE_URL=sqlite:////tmp/o100k.sqlite3 .venv/bin/python bench/organisation.py

Prints, in milliseconds (median of --repeat runs): every organisation's counts worked out once
per data version (`figures.organisation_figures`, shared by every session), then for a few
organisations a new choice (its peers and places on every figure, `profile.profile`, and the
tables and chart the page draws from them, `view.profile_view`) and a warm rerun of the same
choice (the view is cached per choice and language: a rerun takes a copy of it, as
`st.cache_data` does by unpickling, and draws the chart again). The load average is printed
beside them: on a busy machine every figure is slower.
"""

from __future__ import annotations

import argparse
import pickle

from timing import load_average, timed

from dashboard.common.i18n import using
from dashboard.common.queries import (
    load_assessments,
    load_framework,
    load_memberships,
    load_metric_answers,
    load_services,
    load_survey_progress,
    load_themes,
)
from dashboard.organisation import charts
from dashboard.organisation.figures import OrganisationFigures, organisation_figures
from dashboard.organisation.profile import profile
from dashboard.organisation.view import profile_view
from db.engine import get_engine


def choices(figures: OrganisationFigures) -> dict[str, str]:
    """A council, a health board, the organisation with most services, and another body."""
    table = figures.table
    picked: dict[str, str] = {}
    for label, rows in (
        ("a council", table[table["org_type"] == "principal_council"]),
        ("a health board", table[table["org_type"] == "local_health_board"]),
        ("the largest", table.sort_values("services", ascending=False)),
        (
            "another body",
            table[~table["org_type"].isin(["principal_council", "local_health_board"])],
        ),
    ):
        if len(rows):
            picked[label] = str(rows.index[0])
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    engine = get_engine()
    services = load_services(engine)
    answers = load_metric_answers(engine)
    themes = load_memberships(engine).themes
    surveys = load_survey_progress(engine)
    assessments = load_assessments(engine)
    theme_names = load_themes(engine)
    standards = load_framework(engine).standards
    print(f"store: {engine.url.render_as_string(hide_password=True)}")
    print(f"services: {len(services):,}; median of {args.repeat} runs, milliseconds")
    print(f"load average before: {load_average()}\n")

    def build() -> OrganisationFigures:
        return organisation_figures(services, answers, themes, surveys, assessments)

    figures = build()
    once = timed(build, args.repeat)
    print(f"organisations: {len(figures.table):,}")
    print(f"{'counts, once per data version':<34} {once.wall_ms:8.1f} (CPU {once.cpu_ms:.1f})\n")

    def page(code: str) -> bytes:
        view = profile_view(figures, code, theme_names, standards)
        assert view is not None
        charts.spread_figure(view.profile, view.profile.name_en)
        return pickle.dumps(view)

    def warm(cached: bytes) -> None:
        view = pickle.loads(cached)
        charts.spread_figure(view.profile, view.profile.name_en)

    print(
        f"{'choice':<16} {'services':>9} {'peers':>6} {'new choice':>11} {'warm rerun':>11}"
        f" {'CPU new':>8} {'CPU warm':>9}"
    )
    with using("en"):
        for label, code in choices(figures).items():
            new = timed(lambda code=code: page(code), args.repeat)
            cached = page(code)
            again = timed(lambda cached=cached: warm(cached), args.repeat)
            chosen = profile(figures, code)
            assert chosen is not None
            services_of = int(figures.table.at[code, "services"])
            print(
                f"{label:<16} {services_of:>9,} {chosen.group.size:>6} {new.wall_ms:11.1f}"
                f" {again.wall_ms:11.1f} {new.cpu_ms:8.1f} {again.cpu_ms:9.1f}"
            )
    print(f"\nload average after: {load_average()}")


if __name__ == "__main__":
    main()
