"""One app process saving answers into a shared survey, for the multi-process test.

Run as `python -m tests.survey_writer URL TOKEN NAME SHARED CODE [CODE ...]`; prints
"saved refused_own refused_shared". Like a page, the writer keeps the state its last save
returned and saves against it without reloading: a colleague's saves in between move the
version on. Saves of its own questions must merge; a save of the SHARED question, which the
other writer changes too, may be refused, and is then retried on the fresh state (the person
chose to keep their answer).

A separate interpreter, not multiprocessing: a spawned child would re-run whatever script
AppTest last left as `__main__`.
"""

from __future__ import annotations

import sys

from dashboard.surveys import links, responses
from db.engine import make_engine

ROUNDS = 6


def write(url: str, token: str, name: str, shared: str, codes: list[str]) -> tuple[int, int, int]:
    engine = make_engine(url)
    access = links.resolve(engine, token)
    base = responses.load_response(engine, access)
    saved = refused_own = refused_shared = 0
    for round_ in range(ROUNDS):
        for code in [*codes, shared]:
            value = f"{name} {round_}"
            while True:
                try:
                    base = responses.save_answers(
                        engine,
                        access,
                        access.response_id,
                        {code: value},
                        base.version,
                        base.answers,
                    )
                    saved += 1
                    break
                except responses.Stale as refused:
                    if code == shared:
                        refused_shared += 1
                    else:
                        refused_own += 1
                    base = refused.current
    engine.dispose()
    return saved, refused_own, refused_shared


if __name__ == "__main__":
    url, token, name, shared, *codes = sys.argv[1:]
    print(*write(url, token, name, shared, codes))
