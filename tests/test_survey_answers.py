"""What owners type, turned into answers or field messages; completion and required answers."""

from __future__ import annotations

import pytest

from dashboard.surveys import progress
from dashboard.surveys.answers import display, parse_answer, parse_number
from dashboard.surveys.instrument import Instrument, Question, Section


def question(answer_type: str, **spec) -> Question:  # type: ignore[no-untyped-def]
    return Question(1, "q", answer_type, False, "Prompt?", "", spec)


METRIC_PERCENT = question("metric", metric="completion_rate")
METRIC_COUNT = question("metric", metric="users_per_year")
METRIC_COST = question("metric", metric="cost_per_transaction")


@pytest.mark.parametrize(
    ("raw", "value"),
    [("85%", 85.0), (" 85 % ", 85.0), ("0", 0.0), ("100", 100.0), ("72.5", 72.5)],
)
def test_percent_metric_accepts_a_percent_sign(raw: str, value: float) -> None:
    parsed = parse_answer(METRIC_PERCENT, {"value": raw, "availability": "provided"})
    assert parsed.ok, parsed.error
    assert parsed.value["value"] == value


@pytest.mark.parametrize(
    ("q", "raw", "words"),
    [
        (METRIC_PERCENT, "120", "between 0 and 100"),
        (METRIC_PERCENT, "-5", "cannot be negative"),
        (METRIC_COUNT, "-3", "cannot be negative"),
        (METRIC_COUNT, "12.5", "whole number"),
        (METRIC_COUNT, "lots", "not a number"),
        (METRIC_COUNT, "n/a", "leave it blank and say why"),
        (METRIC_COUNT, "unknown", "leave it blank and say why"),
        (METRIC_COUNT, "-", "leave it blank and say why"),
        (METRIC_COST, "£3.40p", "not a number"),
    ],
)
def test_bad_metric_values_get_a_message_for_the_field(q: Question, raw: str, words: str) -> None:
    parsed = parse_answer(q, {"value": raw, "availability": "provided"})
    assert not parsed.ok
    assert words in parsed.error


def test_money_and_thousands_separators() -> None:
    assert parse_answer(METRIC_COST, {"value": "£3.40"}).value["value"] == 3.4
    assert parse_answer(METRIC_COUNT, {"value": "12,500"}).value["value"] == 12500


def test_a_typed_figure_counts_as_provided_unless_marked_estimated() -> None:
    assert parse_answer(METRIC_COUNT, {"value": "10"}).value["availability"] == "provided"
    estimated = parse_answer(METRIC_COUNT, {"value": "10", "availability": "estimated"})
    assert estimated.value["availability"] == "estimated"


def test_a_missing_metric_needs_a_reason_when_not_available() -> None:
    no_reason = parse_answer(METRIC_COST, {"availability": "not_available"})
    assert "shared system" in no_reason.error
    with_reason = parse_answer(
        METRIC_COST, {"availability": "not_available", "reason": "shared_contract"}
    )
    assert with_reason.value == {
        "value": None,
        "availability": "not_available",
        "reason": "shared_contract",
        "period": None,
    }
    # a reason only belongs to "not available": it is dropped for "not collected"
    other = parse_answer(METRIC_COST, {"availability": "not_collected", "reason": "other"})
    assert other.value["reason"] is None


def test_contradictory_metric_answers_are_refused() -> None:
    assert (
        "choose “Provided”"
        in parse_answer(METRIC_COUNT, {"value": "5", "availability": "not_collected"}).error
    )
    assert "Give the figure" in parse_answer(METRIC_COUNT, {"availability": "estimated"}).error


def test_blank_metric_is_no_answer() -> None:
    assert parse_answer(METRIC_COUNT, {"value": "", "availability": None}).value is None


def test_text_is_stored_as_text_and_long_text_is_refused() -> None:
    q = question("long_text", max_length=50)
    script = "<script>alert('x')</script> & <b>bold</b>"
    assert parse_answer(q, script).value == script  # kept verbatim; the page shows it as text
    assert "limit here is 50" in parse_answer(q, "x" * 51).error
    assert parse_answer(q, "  two\r\nlines\x00 ").value == "two\nlines"
    assert parse_answer(question("text"), "a   b\nc").value == "a b c"


def test_integers_and_scales_respect_their_bounds() -> None:
    vacancies = question("integer", min=0, max=100)
    assert parse_answer(vacancies, "3").value == 3
    assert "whole number" in parse_answer(vacancies, "2.5").error
    assert "from 0 to 100" in parse_answer(vacancies, "101").error
    assert "negative" in parse_answer(vacancies, "-1").error
    assert "from 1 to 5" in parse_answer(question("scale", min=1, max=5), "9").error


def test_choices_must_come_from_the_list() -> None:
    options = [{"code": "a", "en": "A"}, {"code": "b", "en": "B"}, {"code": "none", "en": "None"}]
    single = question("choice", options=options)
    multi = question("multi_choice", options=options)
    assert parse_answer(single, "b").value == "b"
    assert "not one of the choices" in parse_answer(single, "z").error
    assert parse_answer(multi, ["b", "a"]).value == ["a", "b"]
    assert "together with other answers" in parse_answer(multi, ["a", "none"]).error


def test_themes_and_standards() -> None:
    challenges = question("themes", theme_kind="challenge")
    from db.reference.frameworks import THEMES

    code = next(t.code for t in THEMES if t.kind == "challenge")
    aim = next(t.code for t in THEMES if t.kind == "opportunity")
    assert parse_answer(challenges, [{"code": code, "severity": 3}]).value == [
        {"code": code, "severity": 3}
    ]
    assert "not one of the listed choices" in parse_answer(challenges, [{"code": aim}]).error
    unrated = parse_answer(challenges, [code])  # e.g. an imported answer with no severity
    assert unrated.value == [{"code": code, "severity": None}], "never invented as medium"
    assert display(challenges, unrated.value).endswith("(not rated)")
    standards = question("standards_assessment")
    assert parse_answer(standards, {"1": "met", "2": ""}).value == {"1": "met"}
    assert "no standard 13" in parse_answer(standards, {"13": "met"}).error


def test_display_reads_like_a_person_wrote_it() -> None:
    assert (
        display(
            METRIC_COST,
            {
                "value": None,
                "availability": "not_available",
                "reason": "shared_contract",
                "period": None,
            },
        )
        == "Not available: shared contract"
    )
    assert (
        display(METRIC_COUNT, {"value": 12500.0, "availability": "provided"})
        == "12,500 a year (provided)"
    )


def test_messages_and_answers_in_welsh() -> None:
    from dashboard.common.i18n import using

    with using("cy"):
        assert parse_number("185%", "percent").error == (
            "Mae canran rhwng 0 a 100; ysgrifennoch chi 185."
        )
        assert "Nid yw “n/a” yn rhif" in str(parse_number("n/a", "count").error)
        assert display(METRIC_COUNT, {"value": 12500.0, "availability": "estimated"}) == (
            "12,500 y flwyddyn (amcangyfrif)"
        )
        assert display(
            METRIC_COST, {"availability": "not_available", "reason": "shared_system"}
        ) == ("Ddim ar gael: system a rennir")


def _instrument() -> Instrument:
    required = Question(1, "name", "text", True, "Name?", "", {})
    optional = Question(2, "notes", "long_text", False, "Notes?", "", {})
    other = Question(3, "extra", "text", False, "Extra?", "", {})
    return Instrument(
        1,
        "generalist",
        "Survey",
        "",
        (
            Section(1, "one", 1, "One", "", (required, optional)),
            Section(2, "two", 2, "Two", "", (other,)),
        ),
    )


def test_section_states_and_required_answers() -> None:
    instrument = _instrument()
    assert progress.statuses(instrument, {}) == {"one": "not_started", "two": "not_started"}
    assert progress.statuses(instrument, {"notes": "x"})["one"] == "in_progress"
    assert progress.statuses(instrument, {"name": "x"})["one"] == "complete"
    assert progress.statuses(instrument, {"extra": "y"})["two"] == "complete"
    assert progress.progress_line(instrument, {"name": "x"}) == "1 of 2 sections complete"
    assert [m.question.code for m in progress.missing_required(instrument, {"notes": "x"})] == [
        "name"
    ]
    assert progress.missing_required(instrument, {"name": "x"}) == []
    assert progress.resume_section(instrument, {"name": "x"}) == "two"
    assert progress.resume_section(instrument, {"name": "x", "extra": "y"}) == "one"


def test_a_section_of_optional_questions_is_not_complete_after_one_answer() -> None:
    first = Question(4, "platform", "text", False, "Platform?", "", {})
    second = Question(5, "apis", "text", False, "APIs?", "", {})
    section = Section(3, "tech", 1, "Tech", "", (first, second))
    assert progress.section_status(section, {"platform": "Civica"}) == "in_progress"
    assert progress.section_status(section, {"platform": "Civica", "apis": "none"}) == "complete"
    assert progress.section_status(section, {"platform": "Civica"}, {"tech"}) == "complete"
    assert progress.section_status(section, {}, {"tech"}) == "complete"  # marked: not applicable
