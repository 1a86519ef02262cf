"""Times the Join up figures for a filter no session has asked for yet (run by hand, not CI).

    DATABASE_URL=sqlite:////tmp/ju100k.sqlite3 .venv/bin/landscape generate --services 100000
    DATABASE_URL=sqlite:////tmp/ju100k.sqlite3 .venv/bin/python bench/join_up.py

Prints, in milliseconds (median of --repeat runs), the per-service inputs worked out once per
data version (`inputs.service_inputs`, shared by every session), then per filter: the figures
added up by type from those inputs under the filter's mask (`figures.join_up_of`: what a
filter change costs the page) and, for comparison, the figures built from the frames of the
matching services alone (`figures.join_up`: inputs and sums together, as every filter change
cost before the inputs were shared). The load average is printed beside them: on a busy
machine every figure is slower.
"""

from __future__ import annotations

import argparse
from datetime import date

from timing import load_average, median_ms

from dashboard.common.filters import Filter, match
from dashboard.common.i18n import using
from dashboard.common.queries import load_memberships, load_metric_answers, load_services
from dashboard.join_up.figures import join_up, join_up_of
from dashboard.join_up.inputs import service_inputs
from dashboard.technology.answers import load_technology_answers
from db.engine import get_engine

FILTERS = {
    "every service": Filter(),
    "councils": Filter(sectors=("local_authority",)),
    "health": Filter(sectors=("health",)),
    "level 0 to 2": Filter(level_min=0, level_max=2),
    "text 'permit'": Filter(text="permit"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    engine = get_engine()
    services = load_services(engine)
    memberships = load_memberships(engine)
    answers = load_metric_answers(engine)
    technology = load_technology_answers(engine, date.today()).answers
    print(f"store: {engine.url.render_as_string(hide_password=True)}")
    print(f"services: {len(services):,}; median of {args.repeat} runs, milliseconds")
    print(f"load average before: {load_average()}\n")
    inputs = service_inputs(services, answers, technology)
    once = median_ms(lambda: service_inputs(services, answers, technology), args.repeat)
    print(f"{'inputs, once per data version':<36} {once:8.1f}\n")
    print(f"{'filter':<16} {'services':>9} {'from inputs':>12} {'from frames':>12}")
    with using("en"):
        for name, flt in FILTERS.items():
            mask = match(services, memberships, flt)
            shared = median_ms(lambda mask=mask: join_up_of(inputs, mask), args.repeat)
            alone = median_ms(
                lambda mask=mask: join_up(services[mask], answers, technology), args.repeat
            )
            print(f"{name:<16} {int(mask.sum()):>9,} {shared:12.1f} {alone:12.1f}")
    print(f"\nload average after: {load_average()}")


if __name__ == "__main__":
    main()
