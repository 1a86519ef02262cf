"""One app process saving answers into a shared survey, for the multi-process test.

Run as `python -m tests.survey_writer URL TOKEN NAME CODE [CODE ...]`; prints "saved refused".
A separate interpreter, not multiprocessing: a spawned child would re-run whatever script
AppTest last left as `__main__`.
"""

from __future__ import annotations

import sys

from dashboard.surveys import links, responses
from db.engine import make_engine

ROUNDS = 6


def write(url: str, token: str, name: str, codes: list[str]) -> tuple[int, int]:
    engine = make_engine(url)
    access = links.resolve(engine, token)
    saved = refused = 0
    for round_ in range(ROUNDS):
        for code in codes:
            value = f"{name} {round_}" if code != "metrics_period" else f"{round_}-{name[:2]}"
            while True:
                current = responses.load_response(engine, access)
                try:
                    responses.save_answers(
                        engine,
                        access,
                        access.response_id,
                        {code: value},
                        current.version,
                        current.answers,
                    )
                    saved += 1
                    break
                except responses.Stale:
                    refused += 1
    engine.dispose()
    return saved, refused


if __name__ == "__main__":
    url, token, name, *codes = sys.argv[1:]
    print(*write(url, token, name, codes))
