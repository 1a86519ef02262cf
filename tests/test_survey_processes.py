"""Two app processes saving into one survey on one PostgreSQL database at once lose nothing:
each save either lands or is refused as stale and retried on the fresh version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from dashboard.surveys import links, responses
from db.demo.build import load_demo
from tests.survey_writer import ROUNDS

ROOT = Path(__file__).resolve().parents[1]

TEXT_QUESTIONS = (
    "user_need",
    "user_reach",
    "assisted_digital",
    "user_research",
    "other_challenges",
    "most_helpful",
    "standards_evidence",
    "metrics_period",
)


@pytest.mark.postgres
def test_two_processes_saving_one_survey_lose_nothing(postgres_store) -> None:  # type: ignore[no-untyped-def]
    load_demo(postgres_store)
    with postgres_store.connect() as connection:
        code = connection.execute(
            text(
                "SELECT code FROM service WHERE id NOT IN (SELECT service_id FROM survey_response)"
                " ORDER BY code LIMIT 1"
            )
        ).scalar_one()
    response_id = responses.ensure_response(postgres_store, code, "generalist")
    owner = links.create_link(postgres_store, response_id, links.OWNER, "A", "test")
    url = postgres_store.url.render_as_string(hide_password=False)
    half = len(TEXT_QUESTIONS) // 2
    shares = {"Alys": TEXT_QUESTIONS[:half], "Bryn": TEXT_QUESTIONS[half:]}
    workers = {
        name: subprocess.Popen(
            [sys.executable, "-m", "tests.survey_writer", url, owner, name, *codes],
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
        saved, refused = (int(n) for n in out.split())
        results[name] = (saved, refused)
    per_writer = ROUNDS * half
    assert results["Alys"][0] == per_writer and results["Bryn"][0] == per_writer
    final = responses.load_response(postgres_store, links.resolve(postgres_store, owner))
    # every save landed exactly once: the version moved once per save, and the last round of
    # each writer is what is stored for its questions
    assert final.version == 1 + 2 * per_writer
    for question in TEXT_QUESTIONS[:half]:
        assert final.answers[question].startswith(("Alys 5", "5-Al"))
    for question in TEXT_QUESTIONS[half:]:
        assert final.answers[question].startswith(("Bryn 5", "5-Br"))
