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


def test_a_newer_definition_upgrades_the_stored_instrument_and_keeps_answers(
    sqlite_store, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A changed YAML (higher version) reaches a store that already has answers: texts and
    order change, a new question appears, a dropped unanswered one goes, answers stay."""
    import copy

    from dashboard.surveys import links, responses
    from dashboard.surveys.instrument import load_instrument as stored_instrument
    from db.demo.build import load_demo
    from db.reference import instruments as definitions
    from db.reference.load import upgrade_reference

    load_demo(sqlite_store)
    assert upgrade_reference(sqlite_store) == []  # nothing newer: nothing written
    code = "swansea--parking-permit"
    response_id = responses.find_response(sqlite_store, code, "generalist")
    access = links.resolve(
        sqlite_store, links.create_link(sqlite_store, response_id, links.OWNER, "O", "t")
    )
    before = responses.load_response(sqlite_store, access).answers
    newer = copy.deepcopy(definitions.load_instrument("generalist"))
    newer["version"] = 2
    about = newer["sections"][0]
    about["title"] = {"en": "About your service", "cy": "Am eich gwasanaeth"}
    about["questions"].insert(
        0,
        {
            **about["questions"][0],
            "code": "service_nickname",
            "required": False,
            "prompt": {"en": "What do staff call it?", "cy": "Beth mae staff yn ei alw?"},
        },
    )
    dropped = next(q for q in about["questions"] if q["code"] == "welsh_provision")
    about["questions"].remove(dropped)
    original = definitions.load_instrument
    monkeypatch.setattr(
        "db.reference.load.load_instrument",
        lambda c: newer if c == "generalist" else original(c),
    )
    assert upgrade_reference(sqlite_store) == ["generalist"]
    upgraded = stored_instrument(sqlite_store, "generalist")
    assert upgraded.version == 2 and upgraded.sections[0].title_en == "About your service"
    assert upgraded.sections[0].questions[0].code == "service_nickname"
    if "welsh_provision" in before:  # answered: kept so the answer is not lost
        assert "welsh_provision" in upgraded.questions
    else:
        assert "welsh_provision" not in upgraded.questions
    after = responses.load_response(sqlite_store, access).answers
    assert after == before
    assert upgrade_reference(sqlite_store) == []  # the store is now at version 2


@pytest.mark.parametrize("code", INSTRUMENT_CODES)
def test_every_instrument_text_has_welsh(demo_engine, code: str) -> None:  # type: ignore[no-untyped-def]
    from dashboard.common.i18n import using
    from dashboard.surveys.instrument import load_instrument as stored_instrument
    from dashboard.surveys.instrument import welsh_text_missing

    instrument = stored_instrument(demo_engine, code)
    assert welsh_text_missing(instrument) == []
    with using("cy"):
        first = instrument.sections[0].questions[0]
        assert first.prompt == first.prompt_cy and first.examples[0][0] == "Cyngor"
