"""Survey status where decision makers look: the Overview (every started survey, not only the
deep dives) and a service's detail view (what its owner answered, in progress or submitted)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common.disclosure import withheld, withheld_answer
from dashboard.common.filters import Filter
from dashboard.common.i18n import local_name, t, tn
from dashboard.common.roles import SURVEY_COORDINATOR
from dashboard.surveys import status
from dashboard.surveys.answers import display
from dashboard.surveys.dates import moment_text
from dashboard.surveys.instrument import Instrument, load_instrument
from dashboard.ui import store
from dashboard.ui.admin import has_role
from dashboard.ui.downloads import table_downloads
from dashboard.ui.on_demand import open_expander


def _titles() -> dict[str, str]:
    return {"generalist": t("Generalist survey"), "technology": t("Technology survey")}


@st.cache_data(show_spinner=False, max_entries=64)
def _overview_codes(version: int, surveys: int, flt: Filter) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts per instrument and the started surveys of the matching services (codes only, so
    every language shares the cache)."""
    services = store.services(version)[store.filter_mask(version, flt)]
    progress = store.survey_progress(version, surveys)
    return status.progress_counts(services.index, progress), status.started_surveys(
        services, progress
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def instrument(code: str, version: int) -> Instrument:
    return load_instrument(store.engine(), code)


def overview_section(version: int, flt: Filter, filter_summary: list[str], source: str) -> None:
    """The Overview's survey progress of every matching service that has started a survey."""
    counts, started = store.guarded(
        lambda v: _overview_codes(v, store.survey_version(), flt), version
    )
    titles = _titles()
    st.header(t("Survey progress across all services"), anchor=False)
    generalist = counts.loc["generalist"].to_dict()
    st.caption(
        t(
            "Of {services} matching services, {submitted} have submitted the generalist survey"
            " and {drafts} have it in progress; the rest have not started it.",
            services=f"{int(generalist['services']):,}",
            submitted=f"{int(generalist[status.SUBMITTED]):,}",
            drafts=f"{int(generalist[status.IN_PROGRESS]):,}",
        )
    )
    table = pd.DataFrame(
        {
            t("Survey"): [titles[code] for code in counts.index],
            t("Not started"): counts[status.NOT_STARTED].map("{:,}".format).to_list(),
            t("In progress"): counts[status.IN_PROGRESS].map("{:,}".format).to_list(),
            t("Sections done (in progress)"): [
                t("{done} of {total}", done=f"{done:,}", total=f"{total:,}") if total else "–"
                for done, total in zip(
                    counts["sections_done"], counts["sections_total"], strict=True
                )
            ],
            t("Submitted"): counts[status.SUBMITTED].map("{:,}".format).to_list(),
        }
    )
    st.dataframe(table, hide_index=True, key="survey_progress_all")
    table_downloads(
        table,
        t("Survey progress across all services"),
        filter_summary,
        key="survey_progress_all",
        note=source,
    )
    if started.empty:
        st.caption(t("No matching service has started a survey yet."))
        return
    box = open_expander(
        tn(
            "{n} started survey, drafts first",
            "{n} started surveys, drafts first",
            len(started),
        ),
        key="survey_started_data",
    )
    if box is None:
        return
    with box:
        shown = _started_table(started, titles)
        st.dataframe(shown, hide_index=True, key="survey_started")
        table_downloads(
            shown, t("Started surveys"), filter_summary, key="survey_started", note=source
        )


def _state(row: pd.Series) -> str:
    if row["status"] == "submitted":
        return t("Submitted")
    return t(
        "In progress: {done} of {total} sections",
        done=int(row["sections_complete"]),
        total=int(row["sections_total"]),
    )


def _started_table(started: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("Service"): [
                local_name(en, cy)
                for en, cy in zip(started["name_en"], started["name_cy"], strict=True)
            ],
            t("Organisation"): [
                local_name(en, cy)
                for en, cy in zip(
                    started["organisation_en"], started["organisation_cy"], strict=True
                )
            ],
            t("Survey"): started["instrument"].map(titles),
            t("Status"): [_state(row) for _, row in started.iterrows()],
            t("Last saved"): started["updated_at"].map(moment_text),
        }
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _answers(surveys: int, service_id: int) -> list[status.ServiceAnswers]:
    return status.service_answers(store.engine(), service_id)


def service_answers(
    version: int, service_id: int, service_name: str, about: list[str], source: str
) -> None:
    """The detail view's survey answers: every started survey, answer by answer.

    `about` names the service in the files' header rows, as the detail view's other tables do.
    """
    found = store.guarded(_answers, store.survey_version(), service_id)
    if not found:
        return
    titles = _titles()
    # a single service's security answers: survey coordinators and administrators only
    full = has_role(SURVEY_COORDINATOR)
    st.header(t("Survey answers"), anchor=False)
    st.caption(
        t(
            "What the service's owner answered, as saved so far. Submitted generalist answers"
            " also update the catalogue; submitted technology answers are counted across"
            " services on the Technology landscape page, and free-text answers are shown only"
            " here."
        )
    )
    for survey in found:
        questions = instrument(survey.instrument, version)
        state = t("submitted") if survey.status == "submitted" else t("in progress")
        label = t("{survey} ({state})", survey=titles[survey.instrument], state=state)
        with st.expander(label, expanded=survey.instrument == "technology"):
            if not survey.answers:
                st.caption(t("No answers saved yet."))
                continue
            rows = [
                {
                    t("Section"): section.title,
                    t("Question"): question.prompt,
                    t("Answer"): withheld_answer()
                    if withheld(survey.instrument, question.code, full)
                    else display(question, survey.answers[question.code]),
                }
                for section in questions.sections
                for question in section.questions
                if question.code in survey.answers
            ]
            frame = pd.DataFrame(rows)
            st.dataframe(frame, hide_index=True, key=f"survey_answers_{survey.instrument}")
            table_downloads(
                frame,
                t("{table}: {service}", table=label, service=service_name),
                about,
                key=f"survey_answers_{survey.instrument}",
                note=source,
            )
