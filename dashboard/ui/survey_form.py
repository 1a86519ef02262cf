"""The survey form: one widget per question, saved to the database as each answer changes.

The page keeps the response as it last loaded or saved it (the *base*). Every change saves
that answer against the base's version: a bad answer gets its message next to the field and
nothing is written; if somebody else saved in between, the save is refused, what they changed
is shown, and the answers typed here stay on screen until the user decides.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard.surveys import responses
from dashboard.surveys.answers import display
from dashboard.surveys.instrument import Question, Section
from dashboard.surveys.links import Access, AccessDenied
from dashboard.surveys.responses import Closed, Invalid, Response, Stale
from dashboard.ui import store
from db.reference.frameworks import STANDARDS, THEMES
from db.vocabulary import ASSESSMENT_RATINGS, AVAILABILITY, UNAVAILABLE_REASONS, label

BASE, ERRORS, CONFLICT, SAVED, PENDING, NOTICE = (
    "survey_base",
    "survey_errors",
    "survey_conflict",
    "survey_saved",
    "survey_pending",
    "survey_notice",
)
LONDON = ZoneInfo("Europe/London")
SEVERITY = {1: "Low", 2: "Medium", 3: "High"}
NUMERIC = {"integer", "number", "money", "percent"}
METRIC_PLACEHOLDERS = {
    "count": "for example 12,500",
    "percent": "for example 85%",
    "gbp": "for example £3.40",
}
PLACEHOLDERS = {
    "integer": "a whole number, for example 3",
    "number": "a number",
    "money": "for example £3.40",
    "percent": "for example 85%",
}


def key(question: Question, part: str = "") -> str:
    return f"q_{question.code}{'__' + part if part else ''}"


def local_time(moment: Any) -> str:
    if moment is None or pd.isna(moment):
        return "never"
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(LONDON).strftime("%d %b %Y, %H:%M")


# ----------------------------------------------------------------- base and widget state


def base() -> Response:
    return st.session_state[BASE]


def adopt(response: Response, questions: list[Question] | None = None) -> None:
    """Make `response` the base and show its answers (for all, or the given questions)."""
    st.session_state[BASE] = response
    for question in questions if questions is not None else response.instrument.questions.values():
        _seed(question, response.answers.get(question.code))


def _seed(question: Question, value: Any) -> None:
    kind = question.answer_type
    state = st.session_state
    if kind == "metric":
        value = value or {}
        figure = value.get("value")
        state[key(question, "value")] = "" if figure is None else display(question, figure)
        state[key(question, "availability")] = value.get("availability")
        state[key(question, "reason")] = value.get("reason")
        state[key(question, "period")] = value.get("period") or ""
    elif kind == "themes":
        chosen = value or []
        state[key(question)] = [item["code"] for item in chosen]
        for item in chosen:
            state[key(question, f"sev_{item['code']}")] = SEVERITY.get(
                item.get("severity"), "Medium"
            )
    elif kind == "standards_assessment":
        for standard in STANDARDS:
            state[key(question, str(standard.number))] = (value or {}).get(str(standard.number))
    elif kind == "multi_choice":
        state[key(question)] = list(value or [])
    elif kind == "yes_no":
        state[key(question)] = None if value is None else ("Yes" if value else "No")
    elif kind in NUMERIC:
        state[key(question)] = "" if value is None else display(question, value).replace(",", "")
    elif kind == "scale":
        state[key(question)] = value
    else:
        state[key(question)] = value if value is not None else ("" if kind != "choice" else None)


def raw_answer(question: Question) -> Any:
    """What the widgets of a question hold, in the shape the answer checks expect."""
    state = st.session_state
    kind = question.answer_type
    if kind == "metric":
        return {
            part: state.get(key(question, part))
            for part in ("value", "availability", "reason", "period")
        }
    if kind == "themes":
        return [
            {
                "code": code,
                "severity": {v: k for k, v in SEVERITY.items()}[
                    state.get(key(question, f"sev_{code}"), "Medium") or "Medium"
                ],
            }
            for code in state.get(key(question)) or []
        ]
    if kind == "standards_assessment":
        return {
            str(s.number): state.get(key(question, str(s.number)))
            for s in STANDARDS
            if state.get(key(question, str(s.number)))
        }
    if kind == "yes_no":
        answer = state.get(key(question))
        return None if answer is None else answer == "Yes"
    return state.get(key(question))


# ----------------------------------------------------------------- saving


def save(access: Access, codes: list[str]) -> None:
    """Save the named answers (a widget callback). Outcomes go to session state for the page."""
    response = base()
    questions = response.instrument.questions
    raw = {code: raw_answer(questions[code]) for code in codes}
    errors: dict[str, str] = st.session_state.setdefault(ERRORS, {})
    pending: set[str] = st.session_state.setdefault(PENDING, set())
    pending.update(codes)
    try:
        saved = responses.save_answers(
            store.engine(), access, raw, response.version, response.answers
        )
    except Invalid as refused:
        for code in codes:
            errors.pop(code, None)
        errors.update(refused.errors)
        return
    except Stale as refused:
        st.session_state[CONFLICT] = refused
        return
    except Closed as refused:
        st.session_state[NOTICE] = str(refused)
        return
    except AccessDenied as refused:
        st.session_state[NOTICE] = str(refused)
        return
    except SQLAlchemyError:
        st.session_state[NOTICE] = (
            "Your last answer could not be saved because the database cannot be reached. It is"
            " still on screen: press “Save this section” when the connection is back. Answers"
            " saved before are safe."
        )
        return
    for code in codes:
        errors.pop(code, None)
        pending.discard(code)
    st.session_state[BASE] = saved
    st.session_state[SAVED] = saved.updated_at
    st.session_state.pop(NOTICE, None)


def resolve_conflict(access: Access, keep_mine: bool) -> None:
    conflict: Stale = st.session_state.pop(CONFLICT)
    pending: set[str] = st.session_state.get(PENDING, set())
    current = conflict.current
    theirs = [
        c.question for c in conflict.changes if keep_mine is False or c.question.code not in pending
    ]
    adopt(current, theirs)
    if keep_mine and pending:
        save(access, sorted(pending))
    else:
        pending.clear()
        st.session_state.get(ERRORS, {}).clear()


# ----------------------------------------------------------------- drawing


def draw_section(access: Access, section: Section, number_from: int, editable: bool) -> None:
    if section.intro:
        st.markdown(section.intro)
    errors = st.session_state.get(ERRORS, {})
    for offset, question in enumerate(section.questions):
        with st.container(border=True):
            _draw_question(access, question, number_from + offset, editable)
            message = errors.get(question.code)
            if message:
                st.error(message, icon=":material/error:")


def _draw_question(access: Access, question: Question, number: int, editable: bool) -> None:
    required = " *(required)*" if question.required else ""
    st.markdown(f"**{number}. {question.prompt}**{required}")
    if question.help:
        st.caption(question.help)
    if question.examples:
        with st.expander("Examples from different kinds of service"):
            for who, example in question.examples:
                st.markdown(f"**{who}:** {example}")
    callback = {"on_change": save, "args": (access, [question.code]), "disabled": not editable}
    label_text = f"Answer to question {number}"
    kind = question.answer_type
    if kind == "text":
        st.text_input(label_text, key=key(question), label_visibility="collapsed", **callback)
    elif kind == "long_text":
        limit = int(question.spec.get("max_length") or 4000)
        st.text_area(
            label_text,
            key=key(question),
            label_visibility="collapsed",
            help=f"Up to {limit:,} characters.",
            **callback,
        )
    elif kind in NUMERIC:
        st.text_input(
            label_text,
            key=key(question),
            label_visibility="collapsed",
            placeholder=PLACEHOLDERS[kind],
            **callback,
        )
    elif kind == "scale":
        low, high = int(question.spec.get("min", 1)), int(question.spec.get("max", 5))
        st.radio(
            label_text,
            list(range(low, high + 1)),
            key=key(question),
            index=None,
            horizontal=True,
            label_visibility="collapsed",
            **callback,
        )
    elif kind == "choice":
        st.selectbox(
            label_text,
            [str(o["code"]) for o in question.options],
            format_func=question.option_label,
            key=key(question),
            index=None,
            placeholder="Choose one",
            label_visibility="collapsed",
            **callback,
        )
    elif kind == "multi_choice":
        st.multiselect(
            label_text,
            [str(o["code"]) for o in question.options],
            format_func=question.option_label,
            key=key(question),
            placeholder="Choose all that apply",
            label_visibility="collapsed",
            **callback,
        )
    elif kind == "yes_no":
        st.radio(
            label_text,
            ["Yes", "No"],
            key=key(question),
            index=None,
            horizontal=True,
            label_visibility="collapsed",
            **callback,
        )
    elif kind == "metric":
        _metric(question, callback)
    elif kind == "themes":
        _themes(question, callback)
    elif kind == "standards_assessment":
        _standards(question, callback)


def _metric(question: Question, callback: dict[str, Any]) -> None:
    figure, availability, reason, period = st.columns([1.2, 1.2, 1.2, 0.8])
    figure.text_input(
        "Figure",
        key=key(question, "value"),
        placeholder="for example 85%"
        if "rate" in question.code or "take_up" in question.code or "satisfaction" in question.code
        else "for example 12,500",
        **callback,
    )
    availability.selectbox(
        "Is this figure available?",
        [t.code for t in AVAILABILITY],
        format_func=lambda code: label(AVAILABILITY, code),
        key=key(question, "availability"),
        index=None,
        placeholder="Provided (if you give a figure)",
        **callback,
    )
    not_available = st.session_state.get(key(question, "availability")) == "not_available"
    reason.selectbox(
        "If not available, why?",
        [t.code for t in UNAVAILABLE_REASONS],
        format_func=lambda code: label(UNAVAILABLE_REASONS, code),
        key=key(question, "reason"),
        index=None,
        placeholder="Choose a reason" if not_available else "Only if not available",
        **{**callback, "disabled": callback["disabled"] or not not_available},
    )
    period.text_input("Period", key=key(question, "period"), placeholder="2024-25", **callback)


def _themes(question: Question, callback: dict[str, Any]) -> None:
    kind = str(question.spec.get("theme_kind", "challenge"))
    themes = {t.code: t.name_en for t in THEMES if t.kind == kind}
    st.multiselect(
        f"{kind.capitalize()}s",
        list(themes),
        format_func=themes.get,
        key=key(question),
        placeholder=f"Choose the {kind}s that apply",
        **callback,
    )
    chosen = st.session_state.get(key(question)) or []
    if chosen:
        word = "How serious is it?" if kind == "challenge" else "How important is it?"
        for code in chosen:
            st.session_state.setdefault(key(question, f"sev_{code}"), "Medium")
            st.radio(
                f"{themes[code]}: {word}",
                list(SEVERITY.values()),
                key=key(question, f"sev_{code}"),
                horizontal=True,
                **callback,
            )


def _standards(question: Question, callback: dict[str, Any]) -> None:
    columns = st.columns(3)
    for index, standard in enumerate(STANDARDS):
        columns[index % 3].selectbox(
            f"{standard.number}. {standard.name_en}",
            [t.code for t in ASSESSMENT_RATINGS],
            format_func=lambda code: label(ASSESSMENT_RATINGS, code),
            key=key(question, str(standard.number)),
            index=None,
            placeholder="Rate this standard",
            **callback,
        )


def draw_conflict(access: Access) -> None:
    conflict: Stale | None = st.session_state.get(CONFLICT)
    if conflict is None:
        return
    pending = st.session_state.get(PENDING, set())
    with st.container(border=True):
        st.warning(str(conflict), icon=":material/sync_problem:")
        rows = [
            {
                "Question": c.question.prompt,
                "Saved by": c.by or "someone",
                "At": local_time(c.at),
                "Their answer": display(c.question, c.theirs),
                "Your unsaved answer": display(c.question, _parsed(c.question))
                if c.question.code in pending
                else "(you did not change it)",
            }
            for c in conflict.changes
        ]
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        st.caption(
            "Your answers are still on screen. Keep yours to save them over theirs where you both"
            " changed the same question, or take theirs."
        )
        left, right = st.columns(2)
        left.button(
            "Keep my answers and load theirs for the rest",
            key="conflict_keep",
            on_click=resolve_conflict,
            args=(access, True),
            type="primary",
        )
        right.button(
            "Use their answers",
            key="conflict_theirs",
            on_click=resolve_conflict,
            args=(access, False),
        )


def _parsed(question: Question) -> Any:
    from dashboard.surveys.answers import parse_answer

    parsed = parse_answer(question, raw_answer(question))
    return parsed.value if parsed.ok else raw_answer(question)
