"""The Technology landscape core on a small hand-built set of answers (worked out by hand in
the comments): reading free text, the counts under a filter, the shared-component gap, the
findings and the main points, with disclosure control."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
import yaml

from dashboard.common.disclosure import SUPPRESSED
from dashboard.common.i18n import using
from dashboard.technology import figures
from dashboard.technology.answers import TechnologyAnswers, build_frame, vacancy_band
from dashboard.technology.findings import finding
from dashboard.technology.free_text import (
    contract_band,
    contract_month,
    identity_kinds,
    platform_key,
    platform_label,
)
from dashboard.technology.gaps import component_gaps
from dashboard.technology.main_points import main_points
from dashboard.technology.questions import QUESTIONS
from dashboard.technology.tables import build
from db.reference.instruments import INSTRUMENT_DIR

TODAY = date(2026, 12, 6)


def test_the_analysed_options_are_the_instruments() -> None:
    definition = yaml.safe_load((INSTRUMENT_DIR / "technology.yaml").read_text())
    asked = {q["code"]: q for s in definition["sections"] for q in s["questions"]}
    for question in QUESTIONS:
        assert question.code in asked
        options = [str(o["code"]) for o in asked[question.code].get("options", [])]
        if options:
            assert list(question.options) == options, question.code


def test_platform_names_are_tidied_lightly() -> None:
    same = {
        platform_key(name)
        for name in (
            "A commercial waste management system",
            "Commercial waste management system.",
            "a commercial  waste management system (supplier hosted)",
        )
    }
    assert same == {"commercial waste management system"}
    assert platform_key("Revenues & benefits") == "revenues and benefits"
    assert platform_key("A CRM") != platform_key("A case system")
    # shown as written, without the full stop that ended the owner's sentence
    assert platform_label(" Commercial waste  management system. ") == (
        "Commercial waste management system"
    )
    assert platform_label("Gov.uk Notify") == "Gov.uk Notify"


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("March 2027", "within_6_months"),  # 3 months on
        ("Mawrth 2027, gydag opsiwn i'w estyn", "within_6_months"),
        ("31/08/2027", "within_12_months"),  # 8 months on
        ("2028-06", "within_2_years"),  # 18 months on
        ("January 2030", "later"),
        ("October 2026", "ended"),
        ("No contract: built and run in house.", "no_contract"),
        ("A rolling annual licence", "no_fixed_end"),
        ("Next spring", "not_read"),
        ("2027", "not_read"),  # a year alone is not a month
    ],
)
def test_contract_ends_are_read_and_banded_from_today(text: str, band: str) -> None:
    assert contract_band(text, TODAY) == band


def test_a_day_first_date_is_read_as_written_in_the_uk() -> None:
    assert contract_month("01/02/2027") == date(2027, 2, 1)


def test_identity_checks_are_sorted_by_their_words() -> None:
    assert identity_kinds("Users prove who they are with GOV.UK One Login.") == ["online_identity"]
    assert identity_kinds("No identity check; we match the address to the register.") == ["records"]
    assert identity_kinds("None needed.") == ["no_check"]
    assert identity_kinds("Reception checks documents at the appointment.") == [
        "documents",
        "call_back",
    ]
    assert identity_kinds("Something else entirely") == ["other"]


def test_vacancies_fall_in_bands() -> None:
    assert [vacancy_band(v) for v in (0, 1, 2, 3, 4, 12, None, "x")] == [
        "none",
        "one",
        "two_or_three",
        "two_or_three",
        "four_or_more",
        "four_or_more",
        None,
        None,
    ]


# Seven services under the filter (1-7) and one outside it (8). Services 1-6 submitted the
# technology survey; 7 has a draft; 8 submitted but is outside the filter.
SERVICES = pd.DataFrame(
    {
        "organisation_code": ["a", "a", "a", "b", "b", "c", "c", "d"],
        "organisation_en": ["Org A"] * 3 + ["Org B"] * 2 + ["Org C"] * 2 + ["Org D"],
        "organisation_cy": [None] * 8,
    },
    index=pd.Index([1, 2, 3, 4, 5, 6, 7, 8], name="id"),
)
ANSWERS = {
    # service: {question: value}
    1: {
        "hosting_model": "public_cloud",
        "main_platform": "A commercial waste management system",
        "shared_components": ["forms", "notify"],
        "last_penetration_test": "within_12_months",
        "security_incidents": False,
        "hard_to_fill_vacancies": 0,
        "contract_end_date": "March 2027",
    },
    2: {
        "hosting_model": "public_cloud",
        "main_platform": "Commercial waste management system.",
        "shared_components": ["none"],
        "last_penetration_test": "within_12_months",
        "security_incidents": True,
        "hard_to_fill_vacancies": 2,
        "contract_end_date": "no contract",
    },
    3: {
        "hosting_model": "on_premises",
        "main_platform": "A housing system",
        "shared_components": ["login"],
        "last_penetration_test": "within_12_months",
        "security_incidents": False,
        "hard_to_fill_vacancies": 1,
    },
    4: {
        "hosting_model": "public_cloud",
        "main_platform": "a commercial waste management system",
        "shared_components": ["payments"],
        "last_penetration_test": "within_12_months",
        "security_incidents": False,
        "hard_to_fill_vacancies": 0,
    },
    5: {
        "hosting_model": "mixed",
        "main_platform": " - ",  # punctuation alone names no platform
        "shared_components": ["forms"],
        "last_penetration_test": "never",
        "security_incidents": False,
        "hard_to_fill_vacancies": 0,
    },
    6: {
        "main_platform": "A housing system",
        "last_penetration_test": "within_12_months",
        "security_incidents": False,
        "hard_to_fill_vacancies": 0,
    },
    8: {"hosting_model": "on_premises", "shared_components": ["forms"]},
}
#: Who reports which theme: 2, 3 and 4 ask for shared components; 1 and 5 for a shared login.
THEMES = pd.DataFrame(
    {
        "service_id": [2, 3, 4, 1, 5, 8],
        "theme": ["shared_components"] * 3 + ["shared_login"] * 2 + ["shared_components"],
    }
)


def _answers() -> TechnologyAnswers:
    long = pd.DataFrame(
        [(s, q, v) for s, answers in ANSWERS.items() for q, v in answers.items()],
        columns=["service_id", "question", "value"],
    )
    frame = build_frame(long, np.array(sorted(ANSWERS)), TODAY)
    return TechnologyAnswers(frame, np.array([7]))


def _view():  # type: ignore[no-untyped-def]
    return build(_answers(), SERVICES.loc[[1, 2, 3, 4, 5, 6, 7]])


def test_counts_say_how_many_answered_of_the_services_under_the_filter() -> None:
    view = _view()
    assert (view.services, view.responding, view.drafts) == (7, 6, 1)
    hosting = view.distribution("hosting_model")
    # 1, 2, 4 public cloud; 3 on premises; 5 mixed; 6 left it blank; 8 is outside the filter
    assert hosting.answered == 5 and hosting.services == 7
    assert hosting.counts.to_dict() == {
        "on_premises": 1,
        "public_cloud": 3,
        "supplier_hosted": 0,
        "shared_platform": 0,
        "mixed": 1,
    }
    components = view.distribution("shared_components")
    # several answers each: 1 forms+notify, 2 none, 3 login, 4 payments, 5 forms
    assert components.multi and components.answered == 5
    assert components.counts.to_dict() == {
        "forms": 2,
        "payments": 1,
        "notify": 1,
        "login": 1,
        "none": 1,
    }
    contracts = view.distribution("contract_end_date")
    assert contracts.answered == 2
    assert contracts.counts["within_6_months"] == 1 and contracts.counts["no_contract"] == 1


def test_platforms_are_counted_by_tidied_name_with_their_organisations() -> None:
    platforms = _view().platforms
    # waste: services 1, 2 (org a), 4 (org b); housing: 3 (org a), 6 (org c)
    assert platforms[["Platform", "Services", "Organisations"]].to_dict("records") == [
        {
            "Platform": "A commercial waste management system",
            "Services": 3,
            "Organisations": 2,
        },
        {"Platform": "A housing system", "Services": 2, "Organisations": 2},
    ]


def test_security_counts_under_five_are_suppressed_unless_full() -> None:
    tests = _view().distribution("last_penetration_test")
    # 5 within 12 months, 1 never, of 6: the 1 is hidden, and so is the 5 that gives it back
    shown = tests.disclosed(full=False).shown()
    assert shown["never"] == SUPPRESSED and shown["within_12_months"] == SUPPRESSED
    assert tests.disclosed(full=True).shown()["within_12_months"] == 5
    with using("en"):
        assert finding(tests, tests.disclosed(full=True)) == (
            "5 of 6 services were penetration tested in the last 12 months (83%)"
        )
        hidden_title = finding(tests, tests.disclosed(full=False))
        table = figures.distribution_table(tests, tests.disclosed(full=False))
    assert hidden_title == (
        "Last penetration test: not shown, as any count would let a service be picked out"
    )
    # the table (and so the CSV and XLSX) holds exactly what the chart shows
    assert table["Services"].tolist() == [SUPPRESSED, 0, 0, SUPPRESSED, 0]
    assert table["Share of services answering"].isna().tolist() == [True, False, False, True, False]
    # a question that is not protected shows its small counts
    hosting = _view().distribution("hosting_model")
    assert hosting.disclosed(full=False).shown()["on_premises"] == 1


def test_a_tie_at_the_top_names_every_answer_in_it() -> None:
    view = build(_answers(), SERVICES.loc[[1, 3, 5, 6]])
    hosting = view.distribution("hosting_model")
    # 1 public cloud, 3 on premises, 5 mixed: one each
    with using("en"):
        assert finding(hosting, hosting.disclosed(False)) == (
            "Hosting: “On premises”, “Public cloud” and “Mixed” equally often, 1 of 3 services "
            "each (33%)"
        )


def test_the_gap_is_services_without_the_component_that_ask_for_it() -> None:
    answers = _answers().answers["shared_components"]
    group = SERVICES.loc[[1, 2, 3, 4, 5, 6, 7], "organisation_en"]
    forms = component_gaps(answers, THEMES, group, "forms")
    # answering 1-5; without forms: 2, 3, 4; asking for shared components: 2, 3, 4 (8 is outside)
    assert (forms.answered, forms.without, forms.gap) == (5, 3, 3)
    assert forms.services.tolist() == [2, 3, 4]
    assert forms.by_group.to_dict("records") == [
        {
            "Group": "Org A",
            "Services answering": 3,
            "Without the component": 2,
            "Of them asking for it": 2,
        },
        {
            "Group": "Org B",
            "Services answering": 2,
            "Without the component": 1,
            "Of them asking for it": 1,
        },
    ]
    login = component_gaps(answers, THEMES, group, "login")
    # without login: 1, 2, 4, 5; asking for a shared login: 1, 5
    assert login.services.tolist() == [1, 5] and login.without == 4
    # the grouping is any label per service: a service type can be passed the same way
    by_type = component_gaps(answers, THEMES, pd.Series("Missed bin", index=group.index), "forms")
    assert by_type.by_group["Of them asking for it"].tolist() == [3]


def test_main_points_follow_the_counts_and_the_suppression() -> None:
    with using("en"):
        points = main_points(_view())
        full = main_points(_view(), full=True)
    assert points[0] == (
        "6 of 7 matching services have submitted the technology survey. 1 more has it in "
        "draft, not counted here."
    )
    assert points[1] == (
        "The main platform named most is “A commercial waste management system”: 3 of 5 "
        "services naming one, in 2 organisations."
    )
    assert points[2] == (
        "Of 5 services answering, 2 use a shared forms component (40%) and 1 a shared login (20%)."
    )
    # penetration tests and vacancies: under five in a cell, left out for everyone else
    assert not any("penetration" in p for p in points)
    assert (
        "5 of 6 services answering were penetration tested in the last 12 months; 1 never have "
        "been." in full
    )
    # vacancies: 4 none, 1 one, 1 two or three: "none" is under... no, 4 is: suppressed
    assert not any("hard to fill" in p for p in points)
    assert (
        "2 of 6 services answering had at least one digital post that was hard to fill in the last 12 months."
        in full
    )
    assert points[-1] == (
        "1 of 2 main contracts have ended or end within 12 months: a moment to join up."
    )


def test_no_submitted_survey_has_no_main_points() -> None:
    view = build(_answers(), SERVICES.loc[[7]])
    assert view.responding == 0 and view.drafts == 1
    assert main_points(view) == []


def test_the_answers_read_alike_from_sqlite_and_postgresql(store, demo_engine) -> None:  # type: ignore[no-untyped-def]
    from dashboard.technology.answers import load_technology_answers
    from db.demo.build import load_demo

    load_demo(store)
    read = load_technology_answers(store, TODAY)
    expected = load_technology_answers(demo_engine, TODAY)
    assert len(read.answers) > 90 and len(read.drafts) > 0
    pd.testing.assert_frame_equal(read.answers, expected.answers)
    assert read.drafts.tolist() == expected.drafts.tolist()
