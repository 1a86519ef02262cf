"""Times the service-type filter and the grouping by type on the configured store (run by hand).

    DATABASE_URL=sqlite:///tmp/bench.sqlite3 .venv/bin/landscape generate --services 100000
    DATABASE_URL=sqlite:///tmp/bench.sqlite3 .venv/bin/python bench/service_types.py

Prints the median of --repeat runs, in milliseconds: the filter's mask for one type, for a
type and "not recorded", for a sector alone (the same work as before types existed); and
`group_by_type` over every service and under a sector filter (what the Join up page starts
from).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from timing import median_ms

from dashboard.common.filters import Filter, match
from dashboard.common.queries import load_memberships, load_services
from dashboard.common.service_types import group_by_type
from db.engine import get_engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    engine = get_engine()
    services = load_services(engine)
    memberships = load_memberships(engine)
    councils = match(services, memberships, Filter(sectors=("local_authority",)))
    print(f"store: {engine.url.render_as_string(hide_password=True)}")
    print(f"services: {len(services):,}; median of {args.repeat} runs, milliseconds\n")
    steps: dict[str, Callable[[], object]] = {
        "filter: a sector (no type)": lambda: match(
            services, memberships, Filter(sectors=("local_authority",))
        ),
        "filter: one service type": lambda: match(
            services, memberships, Filter(service_types=("missed-bin",))
        ),
        "filter: a type and not recorded": lambda: match(
            services, memberships, Filter(service_types=("missed-bin", "none"))
        ),
        "group by type: every service": lambda: group_by_type(services),
        "group by type: councils only": lambda: group_by_type(services, councils),
    }
    for name, action in steps.items():
        print(f"{name:<36} {median_ms(action, args.repeat):8.1f}")


if __name__ == "__main__":
    main()
