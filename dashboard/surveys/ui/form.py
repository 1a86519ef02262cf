"""The survey form: one widget per question, saved to the database as each answer changes.

The page keeps the response as it last loaded or saved it (the *base*). Every change saves that
answer against the base: a bad answer gets its message next to the field and nothing is
written; if somebody else changed the same answer in between, the save is refused, what they
changed is shown next to the field, and the answer typed here stays on screen until the user
decides. Changes by others to *other* answers are merged without a word.

Streamlit forgets the state of any widget that is not drawn in a run (another section, a
sidebar click), so the widgets of the section on screen are filled again on every run from
the base, or from the user's own unsaved answers (*drafts*), before they are drawn. A widget
whose state is missing is never read as a blank answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard.common.i18n import local_name, t, term
from dashboard.common.markdown_text import plain
from dashboard.surveys import progress, responses
from dashboard.surveys.answers import display, parse_answer, unit_of, widget_text
from dashboard.surveys.dates import moment_text
from dashboard.surveys.instrument import Question, Section
from dashboard.surveys.links import Access, AccessDenied
from dashboard.surveys.responses import Closed, Invalid, Response, Stale
from dashboard.ui import store
from dashboard.ui.picking import EXACT_PICK
from db.reference.frameworks import STANDARDS, THEMES
from db.vocabulary import (
    ASSESSMENT_RATINGS,
    AVAILABILITY,
    SEVERITIES,
    UNAVAILABLE_REASONS,
    Term,
)

BASE, DRAFTS, CONFLICT, SAVED, NOTICE = (
    "survey_base",
    "survey_drafts",
    "survey_conflict",
    "survey_saved",
    "survey_notice",
)
NUMERIC = {"integer", "number", "money", "percent"}
MEDIUM = 2


def key(question: Question, part: str = "") -> str:
    return f"q_{question.code}{'__' + part if part else ''}"


def local_time(moment: Any) -> str:
    return moment_text(moment)


def _theme_names(kind: str) -> dict[str, str]:
    return {th.code: local_name(th.name_en, th.name_cy) for th in THEMES if th.kind == kind}


# ----------------------------------------------------------------- base, drafts, widget state


def base() -> Response:
    response: Response = st.session_state[BASE]
    return response


def drafts() -> dict[str, dict[str, Any]]:
    """Unsaved answers by question code: the widget values the user left (refused or invalid)."""
    mine: dict[str, dict[str, Any]] = st.session_state.setdefault(DRAFTS, {})
    return mine


def adopt(response: Response) -> None:
    """Make `response` the base: what the form shows for every answer without a draft."""
    st.session_state[BASE] = response


def outage_notice() -> str:
    """What an owner reads while the database is away and their survey stays on screen."""
    return t(
        "The database cannot be reached right now. Your answers stay on screen: any not saved"
        " yet are saved when you press “Save this section” once it is back. Answers saved"
        " before are safe."
    )


def forget_drafts() -> None:
    """Drop everything held for the survey on screen (another link opened in this session)."""
    st.session_state[DRAFTS] = {}
    for name in (CONFLICT, NOTICE, SAVED):
        st.session_state.pop(name, None)


def widget_keys(question: Question, state: Mapping[Any, Any]) -> list[str]:
    kind = question.answer_type
    if kind == "metric":
        return [key(question, part) for part in ("value", "availability", "reason", "period")]
    if kind == "standards_assessment":
        return [key(question, str(s.number)) for s in STANDARDS]
    if kind == "themes":
        codes = state.get(key(question)) or []
        return [key(question)] + [key(question, f"sev_{code}") for code in codes]
    return [key(question)]


def drawn(question: Question) -> bool:
    """Whether this question's widgets hold state (they were drawn in the last run)."""
    kind = question.answer_type
    main = {"metric": key(question, "value"), "standards_assessment": key(question, "1")}
    return main.get(kind, key(question)) in st.session_state


def snapshot(question: Question) -> dict[str, Any]:
    state = st.session_state
    return {k: state[k] for k in widget_keys(question, state) if k in state}


def widget_values(question: Question, value: Any) -> dict[str, Any]:
    """The widget state that shows a stored answer."""
    kind = question.answer_type
    if kind == "metric":
        value = value or {}
        number = value.get("value")
        return {
            key(question, "value"): "" if number is None else widget_text(question, float(number)),
            key(question, "availability"): value.get("availability"),
            key(question, "reason"): value.get("reason"),
            key(question, "period"): value.get("period") or "",
        }
    if kind == "themes":
        chosen = value or []
        values: dict[str, Any] = {key(question): [item["code"] for item in chosen]}
        for item in chosen:
            values[key(question, f"sev_{item['code']}")] = int(item.get("severity") or MEDIUM)
        return values
    if kind == "standards_assessment":
        return {key(question, str(s.number)): (value or {}).get(str(s.number)) for s in STANDARDS}
    if kind == "multi_choice":
        return {key(question): list(value or [])}
    if kind == "yes_no":
        return {key(question): None if value is None else ("yes" if value else "no")}
    if kind in NUMERIC:
        return {key(question): "" if value is None else widget_text(question, float(value))}
    if kind == "scale":
        return {key(question): value}
    if kind == "choice":
        return {key(question): value}
    return {key(question): value if value is not None else ""}


def seed_section(section: Section) -> None:
    """Fill the section's widgets before drawing them: the user's draft where there is one,
    else the saved answer. Run on every run, because Streamlit drops the state of widgets that
    were not drawn in the run before (the user was in another section), and a colleague's
    save changes what is stored.

    A widget that already shows what it should is left alone: writing its state again would
    push the value back to the browser, and on a slow server that push can land after the
    user has changed the widget again (a second choice in a multiselect), undoing it."""
    response, mine = base(), drafts()
    state = st.session_state
    for question in section.questions:
        values = mine.get(question.code)
        if values is None:
            stored = response.answers.get(question.code)
            if drawn(question) and shows(question, stored, state):
                continue
            values = widget_values(question, stored)
        for name, value in values.items():
            if name not in state or state[name] != value:
                state[name] = value


def shows(question: Question, stored: Any, state: Mapping[Any, Any]) -> bool:
    """Whether the widgets' state stands for the stored answer (however it is written:
    "1,250" shows 1250)."""
    parsed = parse_answer(question, raw_answer(question, state))
    return parsed.ok and parsed.value == stored


def raw_answer(question: Question, state: Mapping[str, Any]) -> Any:
    """What the widgets of a question hold, in the shape the answer checks expect."""
    kind = question.answer_type
    if kind == "metric":
        return {
            part: state.get(key(question, part))
            for part in ("value", "availability", "reason", "period")
        }
    if kind == "themes":
        return [
            {"code": code, "severity": int(state.get(key(question, f"sev_{code}")) or MEDIUM)}
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
        return None if answer is None else answer == "yes"
    return state.get(key(question))


def field_error(question: Question) -> str | None:
    """The message for a draft that does not pass the checks (in the current language)."""
    draft = drafts().get(question.code)
    if draft is None:
        return None
    return parse_answer(question, raw_answer(question, draft)).error


# ----------------------------------------------------------------- saving


def save(access: Access, codes: list[str]) -> None:
    """Save the named answers from their widgets (a widget callback). A question whose widgets
    hold no state is left alone: a missing value is never a blank answer."""
    questions = base().instrument.questions
    commit(access, {code: snapshot(questions[code]) for code in codes if drawn(questions[code])})


def commit(
    access: Access, snaps: dict[str, dict[str, Any]], overwrite: frozenset[str] = frozenset()
) -> None:
    """Save these widget snapshots; each answer is saved whole or kept as a draft with its
    message. Outcomes go to session state for the page to show."""
    if not snaps:
        return
    response = base()
    questions = response.instrument.questions
    mine = drafts()
    raw = {code: raw_answer(questions[code], snap) for code, snap in snaps.items()}
    bad = {code for code in raw if not parse_answer(questions[code], raw[code]).ok}
    for code in bad:
        mine[code] = snaps[code]
    valid = {code: value for code, value in raw.items() if code not in bad}
    if not valid:
        return
    try:
        saved = responses.save_answers(
            store.engine(),
            access,
            response.id,
            valid,
            response.version,
            response.answers,
            overwrite=overwrite,
        )
    except Invalid as refused:  # the same checks ran above; kept for safety
        mine.update({code: snaps[code] for code in refused.errors})
        return
    except Stale as refused:
        st.session_state[CONFLICT] = refused
        mine.update({code: snaps[code] for code in valid})
        return
    except (Closed, AccessDenied) as refused:
        st.session_state[NOTICE] = str(refused)
        mine.update({code: snaps[code] for code in valid})
        return
    except SQLAlchemyError:
        st.session_state[NOTICE] = t(
            "Your last answer could not be saved because the database cannot be reached. It is"
            " still on screen: press “Save this section” when the connection is back. Answers"
            " saved before are safe."
        )
        mine.update({code: snaps[code] for code in valid})
        return
    for code in valid:
        mine.pop(code, None)
    adopt(saved)
    st.session_state[SAVED] = saved.updated_at
    st.session_state.pop(NOTICE, None)


def resolve_conflict(access: Access, keep_mine: bool) -> None:
    """Keep my answers (saved over theirs) or take theirs; in both cases every other unsaved
    answer of mine is saved too, so nothing typed is silently dropped."""
    conflict: Stale | None = st.session_state.pop(CONFLICT, None)
    if conflict is None:
        return
    adopt(conflict.current)
    overlap = frozenset(c.question.code for c in conflict.changes)
    mine = drafts()
    if not keep_mine:
        for code in overlap:
            mine.pop(code, None)
    commit(access, dict(mine), overwrite=overlap if keep_mine else frozenset())


def mark_done(access: Access, section_code: str, done: bool) -> None:
    try:
        adopt(responses.mark_section(store.engine(), access, base().id, section_code, done))
    except (Closed, AccessDenied) as refused:
        st.session_state[NOTICE] = str(refused)
    except SQLAlchemyError:
        st.session_state[NOTICE] = t(
            "The database cannot be reached right now, so this could not be saved. Try again"
            " in a moment."
        )


# ----------------------------------------------------------------- drawing


def draw_section(access: Access, section: Section, number_from: int, editable: bool) -> None:
    seed_section(section)
    if section.intro:
        st.markdown(section.intro)
    conflict: Stale | None = st.session_state.get(CONFLICT)
    theirs = {c.question.code: c for c in conflict.changes} if conflict else {}
    for offset, question in enumerate(section.questions):
        with st.container(border=True):
            _draw_question(access, question, number_from + offset, editable)
            message = field_error(question)
            if message:
                st.error(message, icon=":material/error:")
            elif question.code in theirs:
                change = theirs[question.code]
                st.warning(
                    t(
                        "{who} saved a different answer at {time}: “{answer}”. Yours, on screen,"
                        " is not saved yet: choose which one to keep in the box above.",
                        who=plain(change.by) if change.by else t("Someone"),
                        time=local_time(change.at),
                        answer=plain(display(question, change.theirs)),
                    ),
                    icon=":material/sync_problem:",
                )
            elif question.code in drafts() and editable:
                st.caption(
                    t("Not saved yet: this answer is still only on your screen."),
                )


def _draw_question(access: Access, question: Question, number: int, editable: bool) -> None:
    required = " " + t("*(required)*") if question.required else ""
    st.markdown(f"**{number}. {question.prompt}**{required}")
    if question.help:
        st.caption(question.help)
    if question.examples:
        with st.expander(t("Examples from different kinds of service")):
            for who, example in question.examples:
                st.markdown(f"**{who}:** {example}")
    callback: dict[str, Any] = {
        "on_change": save,
        "args": (access, [question.code]),
        "disabled": not editable,
    }
    # what every one-widget answer shares: a label read aloud but not shown, its key, saving
    answer: dict[str, Any] = {
        "label": t("Answer to question {number}", number=number),
        "key": key(question),
        "label_visibility": "collapsed",
        **callback,
    }
    kind = question.answer_type
    if kind == "text":
        limit = int(question.spec.get("max_length") or 300)
        st.text_input(
            placeholder=t("Type your answer (up to {limit} characters)", limit=f"{limit:,}"),
            **answer,
        )
    elif kind == "long_text":
        limit = int(question.spec.get("max_length") or 4000)
        st.text_area(
            placeholder=t("Type your answer (up to {limit} characters)", limit=f"{limit:,}"),
            help=t(
                "Up to {limit} characters. Saved when you click or tab out of the box.",
                limit=f"{limit:,}",
            ),
            **answer,
        )
    elif kind in NUMERIC:
        placeholders = {
            "integer": t("A whole number, for example 3"),
            "number": t("A number"),
            "money": t("For example £3.40"),
            "percent": t("For example 85%"),
        }
        st.text_input(placeholder=placeholders[kind], **answer)
    elif kind == "scale":
        low, high = int(question.spec.get("min", 1)), int(question.spec.get("max", 5))
        st.radio(options=list(range(low, high + 1)), index=None, horizontal=True, **answer)
    elif kind == "yes_no":
        st.radio(
            options=["yes", "no"],
            format_func=lambda code: t("Yes") if code == "yes" else t("No"),
            index=None,
            horizontal=True,
            **answer,
        )
    elif kind == "choice":
        st.selectbox(
            options=[str(o["code"]) for o in question.options],
            format_func=question.option_label,
            index=None,
            placeholder=t("Choose one"),
            **answer,
        )
    elif kind == "multi_choice":
        st.multiselect(
            options=[str(o["code"]) for o in question.options],
            format_func=question.option_label,
            placeholder=t("Choose all that apply"),
            **EXACT_PICK,
            **answer,
        )
    elif kind == "metric":
        _metric(question, callback)
    elif kind == "themes":
        _themes(question, callback)
    elif kind == "standards_assessment":
        _standards(question, callback)


def _metric(question: Question, callback: dict[str, Any]) -> None:
    figure, availability, reason, period = st.columns([1, 1.4, 1.4, 0.7])
    unit = unit_of(question)
    figure.text_input(
        t("Figure"),
        key=key(question, "value"),
        placeholder={"percent": t("For example 85%"), "gbp": t("For example £3.40")}.get(
            unit or "", t("For example 12,500")
        ),
        **callback,
    )
    _pick_term(
        availability,
        t("Is this figure available?"),
        AVAILABILITY,
        key(question, "availability"),
        t("Provided, if there is a figure"),
        callback,
    )
    not_available = st.session_state.get(key(question, "availability")) == "not_available"
    _pick_term(
        reason,
        t("If not available, why?"),
        UNAVAILABLE_REASONS,
        key(question, "reason"),
        t("Choose a reason") if not_available else t("Only if not available"),
        {**callback, "disabled": callback["disabled"] or not not_available},
    )
    period.text_input(
        t("Period"), key=key(question, "period"), placeholder=t("e.g. 2024-25"), **callback
    )


def _themes(question: Question, callback: dict[str, Any]) -> None:
    kind = str(question.spec.get("theme_kind", "challenge"))
    themes = _theme_names(kind)
    challenge = kind == "challenge"
    st.multiselect(
        t("Challenges") if challenge else t("Aims and opportunities"),
        list(themes),
        format_func=lambda code: themes[code],
        key=key(question),
        placeholder=t("Choose the challenges that apply")
        if challenge
        else t("Choose the aims and opportunities that apply"),
        **EXACT_PICK,
        **callback,
    )
    for code in st.session_state.get(key(question)) or []:
        sev = key(question, f"sev_{code}")
        if sev not in st.session_state:
            st.session_state[sev] = MEDIUM
        st.radio(
            t("{theme}: how serious is it?", theme=plain(themes.get(code, code)))
            if challenge
            else t("{theme}: how important is it?", theme=plain(themes.get(code, code))),
            [1, 2, 3],
            format_func=lambda level: term(SEVERITIES, str(level)),
            key=sev,
            horizontal=True,
            **callback,
        )


def _standards(question: Question, callback: dict[str, Any]) -> None:
    columns = st.columns(3)
    for index, standard in enumerate(STANDARDS):
        _pick_term(
            columns[index % 3],
            f"{standard.number}. {local_name(standard.name_en, standard.name_cy)}",
            ASSESSMENT_RATINGS,
            key(question, str(standard.number)),
            t("Rate this standard"),
            callback,
        )


def _pick_term(
    place: Any,
    label: str,
    terms: tuple[Term, ...],
    widget_key: str,
    placeholder: str,
    callback: dict[str, Any],
) -> None:
    """A choice of one term of a controlled list, named in the language of the run, none chosen
    at first; `place` is where it goes (a column)."""
    place.selectbox(
        label,
        [item.code for item in terms],
        format_func=lambda code: term(terms, code),
        key=widget_key,
        index=None,
        placeholder=placeholder,
        **callback,
    )


def draw_mark_done(access: Access, section: Section, status: str, editable: bool) -> None:
    """A section of optional questions is finished when the owner says so."""
    if not editable or not progress.can_mark_done(section):
        return
    marked = section.code in base().marked_done
    if status == progress.COMPLETE and not marked:
        return  # every question answered: complete without a mark
    if marked:
        note, label, widget_key, icon = (
            t("You marked this section as done."),
            t("Mark as not done"),
            "mark_undone",
            ":material/undo:",
        )
    else:
        note, label, widget_key, icon = (
            t(
                "Every question here is optional. When you have answered what applies, mark the"
                " section as done."
            ),
            t("Mark this section as done"),
            "mark_done",
            ":material/done_all:",
        )
    st.caption(note)
    st.button(
        label,
        key=widget_key,
        icon=icon,
        on_click=mark_done,
        args=(access, section.code, not marked),
    )


def _draft_text(question: Question, draft: dict[str, Any]) -> str:
    raw = raw_answer(question, draft)
    parsed = parse_answer(question, raw)
    return display(question, parsed.value) if parsed.ok else str(raw or "")


def show_unsaved() -> None:
    """After the link stopped working: what this person typed that was not saved, to copy."""
    response: Response | None = st.session_state.get(BASE)
    mine = st.session_state.get(DRAFTS) or {}
    if response is None or not mine:
        return
    questions = response.instrument.questions
    st.warning(
        t("These answers you typed were not saved. Copy them before you close this page."),
        icon=":material/content_copy:",
    )
    st.table(
        pd.DataFrame(
            {
                t("Question"): [questions[c].prompt for c in mine if c in questions],
                t("Your answer (not saved)"): [
                    _draft_text(questions[c], mine[c]) for c in mine if c in questions
                ],
            }
        ).set_index(t("Question"))
    )


def draw_conflict(access: Access) -> None:
    """What somebody else changed in the answers this user changed too, and the choice."""
    conflict: Stale | None = st.session_state.get(CONFLICT)
    if conflict is None:
        return
    questions = base().instrument.questions
    instrument = base().instrument
    mine = drafts()
    overlap = {c.question.code: c for c in conflict.changes}
    rows = []
    for code, question in questions.items():
        if code not in overlap and code not in mine:
            continue
        change = overlap.get(code)
        rows.append(
            {
                t("Section"): instrument.section_of(code).title,
                t("Question"): question.prompt,
                t("Your answer (not saved)"): _draft_text(question, mine[code])
                if code in mine
                else t("(you did not change it)"),
                t("Their answer"): display(question, change.theirs)
                if change
                else t("(they did not change it)"),
                t("Saved by"): (change.by or t("Someone")) if change else "",
                t("At"): local_time(change.at) if change else "",
            }
        )
    with st.container(border=True):
        st.warning(str(conflict), icon=":material/sync_problem:")
        if rows:
            st.table(pd.DataFrame(rows).set_index(t("Section")))
        st.caption(
            t(
                "Your answers are still on screen, marked next to each field. Keep yours to save"
                " them over theirs, or take theirs for the answers you both changed; your other"
                " unsaved answers are saved either way."
            )
        )
        left, right = st.columns(2)
        left.button(
            t("Keep my answers"),
            key="conflict_keep",
            on_click=resolve_conflict,
            args=(access, True),
            type="primary",
        )
        right.button(
            t("Use their answers"),
            key="conflict_theirs",
            on_click=resolve_conflict,
            args=(access, False),
        )
