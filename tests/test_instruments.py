"""The two instruments are data: they load, hold together, and refuse definitions that do not."""

from __future__ import annotations

import copy

import pytest

from db.reference.instruments import (
    EXAMPLE_KINDS,
    INSTRUMENT_CODES,
    InstrumentError,
    load_instrument,
    validate_instrument,
)
from db.vocabulary import METRIC_CODES


@pytest.mark.parametrize("code", INSTRUMENT_CODES)
def test_each_instrument_loads_with_examples_from_three_kinds_of_service(code: str) -> None:
    definition = load_instrument(code)
    questions = [q for s in definition["sections"] for q in s["questions"]]
    assert len(definition["sections"]) >= 6 and len(questions) >= 15
    for question in questions:
        kinds = sorted(e["kind"] for e in question["examples"])
        assert kinds == sorted(EXAMPLE_KINDS), question["code"]
        assert all(e["en"].strip() and e.get("cy", "").strip() for e in question["examples"])
        assert question["prompt"].get("cy"), f"{question['code']} has no Welsh prompt"


def test_generalist_asks_every_metric_with_availability() -> None:
    definition = load_instrument("generalist")
    metrics = {
        q["metric"] for s in definition["sections"] for q in s["questions"] if q["type"] == "metric"
    }
    assert metrics == set(METRIC_CODES)


def _broken(change) -> dict:  # type: ignore[no-untyped-def]
    definition = copy.deepcopy(load_instrument("generalist"))
    change(definition)
    return definition


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sections"][0]["questions"][0].update(type="essay"), "unknown type"),
        (lambda d: d["sections"][0]["questions"][0]["examples"].pop(), "worked example"),
        (lambda d: d["sections"][1].update(code=d["sections"][0]["code"]), "duplicate section"),
        (
            lambda d: d["sections"][2]["questions"][0].update(metric="happiness"),
            "unknown metric",
        ),
        (lambda d: d["sections"][0]["questions"][2].update(vocabulary="NOPE"), "vocabulary"),
        (lambda d: d.update(sections=[]), "no sections"),
    ],
)
def test_definitions_that_do_not_hold_together_are_refused(change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InstrumentError, match=message):
        validate_instrument(_broken(change))
