"""Two app processes saving into one survey on one PostgreSQL database at once lose nothing:
saves of different questions merge without a refusal; only the question both change can be
refused, and then it is retried on the fresh state."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.surveys import links, responses
from db.demo.build import load_demo
from tests.survey_links import owner_link
from tests.survey_writer import ROUNDS

ROOT = Path(__file__).resolve().parents[1]

TEXT_QUESTIONS = (
    "user_need",
    "user_reach",
    "assisted_digital",
    "user_research",
    "other_challenges",
    "most_helpful",
)
SHARED = "standards_evidence"  # both writers change this one: the only true overlap


@pytest.mark.postgres
def test_two_processes_saving_one_survey_lose_nothing(postgres_store) -> None:  # type: ignore[no-untyped-def]
    load_demo(postgres_store)
    owner, _ = owner_link(postgres_store, who="A")
    url = postgres_store.url.render_as_string(hide_password=False)
    half = len(TEXT_QUESTIONS) // 2
    shares = {"Alys": TEXT_QUESTIONS[:half], "Bryn": TEXT_QUESTIONS[half:]}
    workers = {
        name: subprocess.Popen(
            [sys.executable, "-m", "tests.survey_writer", url, owner, name, SHARED, *codes],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, codes in shares.items()
    }
    results = {}
    for name, worker in workers.items():
        out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err
        saved, refused_own, refused_shared = (int(n) for n in out.split())
        results[name] = (saved, refused_own, refused_shared)
    per_writer = ROUNDS * (half + 1)
    for saved, refused_own, _refused_shared in results.values():
        assert saved == per_writer  # every save landed in the end
        assert refused_own == 0  # never refused for a question nobody else touched
    final = responses.load_response(postgres_store, links.resolve(postgres_store, owner))
    # every save landed exactly once: the version moved once per save
    assert final.version == 1 + 2 * per_writer
    last = ROUNDS - 1
    for name, codes in shares.items():
        for question in codes:
            assert final.answers[question] == f"{name} {last}"
    assert final.answers[SHARED] in {f"Alys {last}", f"Bryn {last}"}
