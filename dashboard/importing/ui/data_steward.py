"""The Data page's parts: sign-in, upload, preview, mapping, the check, the write, history, export.

Everything that decides anything lives in `dashboard.importing`; this module draws it and keeps
the session's place in the steps. Text from the file (column names, values) is always shown
escaped or inside tables, never as Markdown or HTML.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

from dashboard.common import i18n
from dashboard.common.access import ENV_VAR, MIN_LENGTH
from dashboard.common.i18n import t, tn
from dashboard.common.markdown_text import plain
from dashboard.common.roles import DATA_STEWARD
from dashboard.importing import export, history, pipeline
from dashboard.importing.commit import Outcome
from dashboard.importing.entities import BY_NAME, ENTITIES, Entity
from dashboard.importing.mapping import Mapping, save_mapping, saved_mappings
from dashboard.importing.new_organisations import Choices
from dashboard.importing.pipeline import report_frame
from dashboard.importing.problems import ImportFailure, Problem
from dashboard.importing.reading import (
    DELIMITER_NAMES,
    MAX_MEGABYTES,
    Upload,
    check_size,
    read_upload,
)
from dashboard.importing.ui import mapping_choices, steward_choices
from dashboard.importing.validation import Checked
from dashboard.importing.wide_periods import wide_words
from dashboard.ui import store
from dashboard.ui.admin import current_actor, providers, sign_in
from dashboard.ui.downloads import slug

READ = "data_read"
CHECKED = "data_checked"
DONE = "data_done"
MAPPED = "data_mapped_from"
LEFT_OUT = ""
_MAX_VALUE_CHOICES = 40


# -- access -----------------------------------------------------------------------------------------


def signed_in() -> bool:
    """Signed in as a data steward (or administrator): the organisation's account or the
    administrator credential."""
    return sign_in(
        t("import and export data"),
        role=DATA_STEWARD,
        key="data",
        intro=t(
            "Importing and exporting data is for data stewards: sign in with your "
            "organisation's account, or with the administrator credential."
        )
        if providers()
        else t(
            "Importing and exporting data is for data stewards: sign in with the "
            "administrator credential."
        ),
        when_off=t(
            "Administrator sign-in is switched off on this server. Whoever runs it sets an "
            "administrator credential of at least {length} characters in `{variable}` or as "
            "`admin_token` in `.streamlit/secrets.toml`, and gives it to data stewards.",
            length=MIN_LENGTH,
            variable=ENV_VAR,
        ),
    )


# -- reading the upload -----------------------------------------------------------------------------


def _read(uploaded: UploadedFile) -> Upload | None:
    """The upload read once per file (kept in the session while the same file is chosen)."""
    key = (uploaded.file_id, uploaded.name, uploaded.size, i18n.language())
    held: tuple[tuple[object, ...], Upload | None] | None = st.session_state.get(READ)
    if held and held[0] == key:
        return held[1]
    st.session_state.pop(CHECKED, None)
    try:
        check_size(uploaded.size)  # before a byte of it is read
        with st.spinner(t("Reading the file…")):
            upload = read_upload(uploaded.name, uploaded.getvalue())
    except ImportFailure as failure:
        st.error(f"{plain(failure.message)}\n\n{plain(failure.action)}", icon=":material/error:")
        st.session_state[READ] = (key, None)
        return None
    st.session_state[READ] = (key, upload)
    return upload


def _entity_label(name: str) -> str:
    if name == pipeline.EVERYTHING:
        return t("Everything (a full export)")
    return BY_NAME[name].label


def _choose(upload: Upload) -> pipeline.Job | None:
    """Which table feeds which entity, under which saved mapping."""
    if pipeline.is_full_export(upload):
        job = pipeline.prepare(upload)
        st.success(
            tn(
                "This is a full export with one table; it is imported as a whole.",
                "This is a full export with {n} tables; they are imported together, in one "
                "transaction.",
                len(job.plans),
            ),
            icon=":material/inventory_2:",
        )
        st.dataframe(
            pd.DataFrame(
                {
                    t("Table"): [p.sheet.name for p in job.plans],
                    t("Imported as"): [p.entity.label for p in job.plans],
                    t("Rows"): [p.sheet.row_count for p in job.plans],
                }
            ),
            hide_index=True,
        )
        return job
    sheet_name = None
    if len(upload.sheets) > 1:
        sheet_name = st.selectbox(
            t("Sheet"),
            [s.name for s in upload.sheets],
            key="data_sheet",
            help=t("The workbook has several sheets; choose the one to import."),
        )
    sheet = upload.sheet(sheet_name) if sheet_name else upload.sheets[0]
    guessed = pipeline.guess(upload, sheet.name)
    if not guessed.sure:
        st.warning(pipeline.UnclearEntity(guessed.candidates).message, icon=":material/help:")
    left, right = st.columns(2)
    first = [e.name for e in guessed.candidates] if not guessed.sure else []
    names = [*first, *(e.name for e in ENTITIES if e.name not in first)]
    entity_name = left.selectbox(
        t("The file holds"),
        names,
        index=names.index(guessed.entity.name) if guessed.sure else None,
        format_func=_entity_label,
        placeholder=t("Choose what the file holds"),
        key=f"data_entity_{sheet.name}",
        help=t("Found from the file's columns; change it if it is wrong."),
    )
    if entity_name is None:
        return None
    saved = {m.name: m for m in _saved(entity_name)}
    choice = right.selectbox(
        t("Saved mapping"),
        ["", *saved],
        format_func=lambda name: name or t("None: match the columns automatically"),
        key=f"data_saved_{entity_name}",
        help=t("A mapping saved from an earlier file of the same shape."),
    )
    return pipeline.prepare(
        upload, entity=entity_name, sheet=sheet.name, saved=saved.get(choice) if choice else None
    )


def _saved(entity_name: str) -> list[Mapping]:
    try:
        return saved_mappings(store.engine(), entity_name)
    except store.STORE_ERRORS as error:
        store.store_problem(error)
        return []


def _preview(upload: Upload, job: pipeline.Job) -> None:
    sheet = job.plans[0].sheet
    facts = [
        tn("{n} row", "{n} rows", sheet.row_count),
        tn("{n} column", "{n} columns", len(sheet.columns)),
    ]
    if sheet.encoding:
        facts.append(t("encoding {encoding}", encoding=sheet.encoding))
    if sheet.delimiter:
        facts.append(t("separated by {delimiter}", delimiter=_delimiter_word(sheet.delimiter)))
    st.caption(" · ".join(facts))
    if sheet.wide:  # the labels come from the file: escaped, never Markdown
        st.info(plain(wide_words(sheet.wide)))
    preview = sheet.frame.head(20).copy()
    preview.insert(0, t("Row"), sheet.rows[:20])
    st.dataframe(preview, hide_index=True, key="data_preview")
    del upload


def _delimiter_word(delimiter: str) -> str:
    words = {
        "comma": t("commas"),
        "semicolon": t("semicolons"),
        "tab": t("tabs"),
        "vertical bar": t("vertical bars"),
    }
    return words.get(DELIMITER_NAMES.get(delimiter, ""), delimiter)


# -- mapping -------------------------------------------------------------------------------------------


def _mapping_editor(job: pipeline.Job) -> Mapping | None:
    """One choice per file column; value labels the import does not know; save for next time."""
    plan = job.plans[0]
    entity, sheet, proposed = plan.entity, plan.sheet, plan.mapping
    basis = (job.upload.sha256, sheet.name, entity.name, proposed.name)
    _start_over_when_changed(basis)
    # each box belongs to this file (sheet, saved mapping) and to its column by name: the
    # browser keeps a box's last value by its key, so a box keyed by position alone would
    # hand the last file's choice to whatever column stands there in the next one
    owner = hashlib.sha256(repr(basis).encode()).hexdigest()[:16]
    st.markdown(
        t(
            "Each column of the file feeds one field of **{entity}**, or is left out. The "
            "choices below were matched from the column names; correct any that are wrong.",
            entity=entity.label,
        )
    )
    options = [LEFT_OUT, *(f.name for f in entity.fields)]

    def label(name: str) -> str:
        if not name:
            return t("(leave out)")
        item = entity.field(name)
        required = item.required or any(k == name for k in entity.key)
        return item.label + (t(" (required)") if required else "")

    chosen: dict[str, str] = {}
    grid = st.columns(3)
    for index, column in enumerate(sheet.columns):
        default = proposed.columns.get(column, LEFT_OUT)
        value = grid[index % 3].selectbox(
            plain(column),
            options,
            index=options.index(default),
            format_func=label,
            key=f"data_map_{entity.name}_{owner}_{column}",
        )
        if value:
            chosen[column] = value
    twice = [f for f in set(chosen.values()) if list(chosen.values()).count(f) > 1]
    if twice:
        st.error(
            t(
                "Two columns feed “{field}”. Leave one of them out.",
                field=entity.field(twice[0]).label,
            ),
            icon=":material/error:",
        )
        return None
    left_out = [column for column in sheet.columns if column not in chosen]
    mapping = Mapping(entity.name, chosen, dict(proposed.values), proposed.name, left_out)
    mapping.constants = dict(proposed.constants)
    mapping_choices.every_row(sheet, entity, mapping)
    mapping_choices.value_labels(sheet, entity, mapping)
    _save_box(mapping)
    return mapping


def _start_over_when_changed(basis: tuple[object, ...]) -> None:
    """Another file, sheet, entity or saved mapping: show its proposal, not the choices made
    for the one before (keyed widgets would otherwise keep them)."""
    if st.session_state.get(MAPPED) == basis:
        return
    for name in list(st.session_state):
        if str(name).startswith(("data_map_", *mapping_choices.PREFIXES)) or (
            name == "data_mapping_name"
        ):
            del st.session_state[name]
    st.session_state[MAPPED] = basis


def _save_box(mapping: Mapping) -> None:
    with st.expander(t("Save this mapping for the next file of the same shape")):
        name = st.text_input(
            t("Name of the mapping"),
            value=mapping.name or "",
            key="data_mapping_name",
            max_chars=120,
        )
        left, right = st.columns(2)
        if left.button(t("Save mapping"), key="data_mapping_save", icon=":material/save:"):
            try:
                save_mapping(store.engine(), name, mapping, _who() or "?")
                st.success(t("Saved as “{name}”.", name=plain(name)), icon=":material/check:")
            except ImportFailure as failure:
                st.error(plain(failure.message))
        right.download_button(
            t("Download mapping (for the command line)"),
            data=json.dumps(mapping.to_json(), ensure_ascii=False, indent=2).encode("utf-8"),
            file_name=mapping_file_name(BY_NAME[mapping.entity]),
            mime="application/json",
            key="data_mapping_download",
            icon=":material/download:",
        )


# -- file names --------------------------------------------------------------------------------------


def report_file_name() -> str:
    return t("import-report") + ".csv"


def rejected_file_name() -> str:
    return t("import-rows-left-out") + ".csv"


def mapping_file_name(entity: Entity) -> str:
    return t("mapping-{table}", table=slug(entity.label, entity.name)) + ".json"


def _in_language(lang: str, build: Callable[..., bytes], *args: object) -> bytes:
    with i18n.using(lang):
        return build(*args)


# -- check and write ----------------------------------------------------------------------------------


@dataclass
class _Checked:
    key: tuple[object, ...]
    job: pipeline.Job
    results: list[Checked]
    problems: list[Problem]
    trial: Outcome | None
    guided: pipeline.Guided


def _who() -> str:
    return " ".join(str(st.session_state.get("data_who", "")).split())


def _progress(bar: DeltaGenerator) -> Callable[[float, str], None]:
    def report(share: float, text: str) -> None:
        bar.progress(
            min(max(share, 0.0), 1.0),
            text=t("{step} ({percent}%)", step=text, percent=int(share * 100)),
        )

    return report


def _check(
    job: pipeline.Job, key: tuple[object, ...], choices: Choices, replace_demo: bool
) -> _Checked:
    engine = store.engine()
    bar = st.progress(0.0, text=t("Checking…"))
    guided = pipeline.guided_check(
        engine, job, choices, replace_demo=replace_demo, progress=_progress(bar)
    )
    job, results, problems = guided.job, guided.checked, guided.problems()
    trial = None
    if any(r.accepted for r in results):
        bar.progress(0.0, text=t("Counting what would change…"))
        try:
            trial = pipeline.guided_run(
                engine,
                guided,
                _who() or "?",
                valid_only=True,
                trial=True,
                progress=_progress(bar),
            )
        except ImportFailure:
            trial = None
    bar.empty()
    return _Checked(key, job, results, problems, trial, guided)


def _job_key(job: pipeline.Job) -> tuple[object, ...]:
    return (
        job.upload.sha256,
        tuple(json.dumps(p.mapping.to_json(), sort_keys=True) for p in job.plans),
        i18n.language(),
    )


def import_steps() -> None:
    st.text_input(
        t("Your name"),
        key="data_who",
        max_chars=120,
        help=t("Written in the import log with each import."),
    )
    uploaded = st.file_uploader(
        t("Spreadsheet to import"),
        type=["csv", "tsv", "txt", "xlsx", "zip"],
        key="data_upload",
        help=t(
            "A CSV or XLSX file of organisations, themes, services, journeys, metric answers, "
            "challenges and aims, standards self-assessments, survey responses or survey "
            "answers; or a full export (zip or workbook). Up to {limit} MB.",
            limit=MAX_MEGABYTES,
        ),
    )
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done, icon=":material/task_alt:")
    if uploaded is None:
        st.caption(
            t(
                "Nothing is written until you check the file and choose Import; a failed "
                "import leaves the database exactly as it was."
            )
        )
        return
    upload = _read(uploaded)
    if upload is None:
        return
    job = _choose(upload)
    if job is None:
        return
    if not job.full:
        st.subheader(t("Preview"))
        _preview(upload, job)
        st.subheader(t("Columns"))
        mapping = _mapping_editor(job)
        if mapping is None:
            return
        job.plans[0].mapping = mapping
    replace_demo = steward_choices.replace_demo_choice()
    choices = steward_choices.organisation_choices(job, replace_demo)
    key = (*_job_key(job), steward_choices.choices_key(choices, replace_demo))
    st.subheader(t("Check"))
    held: _Checked | None = st.session_state.get(CHECKED)
    if held is not None and held.key != key:
        held = None
    if st.button(
        t("Check the file"),
        key="data_check",
        icon=":material/fact_check:",
        type="primary" if held is None else "secondary",
    ):
        try:
            held = _check(job, key, choices, replace_demo)
        except ImportFailure as failure:
            st.error(f"{plain(failure.message)}\n\n{plain(failure.action)}")
            return
        except store.STORE_ERRORS as error:
            store.store_problem(error)
        st.session_state[CHECKED] = held
    if held is None:
        st.caption(t("Check the file to see every problem and what the import would change."))
        return
    _report(held)
    _write(held)


def _report(held: _Checked) -> None:
    errors = [p for p in held.problems if p.is_error]
    warnings = [p for p in held.problems if not p.is_error]
    accepted = sum(r.accepted for r in held.results)
    rejected = sum(r.rejected_count for r in held.results)
    columns = st.columns(5)
    columns[0].metric(t("Rows ready"), f"{accepted:,}")
    trial = held.trial
    if trial is not None:
        total = trial.total
        columns[1].metric(t("New"), f"{total.added:,}")
        columns[2].metric(t("Changed"), f"{total.updated:,}")
        columns[3].metric(t("Unchanged"), f"{total.unchanged:,}")
    columns[4].metric(t("Rows with problems"), f"{rejected:,}")
    if errors:
        st.error(
            tn(
                "One problem must be fixed before anything is written.",
                "{n} problems must be fixed before anything is written.",
                len(errors),
            ),
            icon=":material/error:",
        )
    elif warnings:
        st.info(
            tn(
                "No errors; one warning to read before importing.",
                "No errors; {n} warnings to read before importing.",
                len(warnings),
            ),
            icon=":material/info:",
        )
    else:
        st.success(t("No problems found."), icon=":material/check_circle:")
    if held.problems:
        st.dataframe(report_frame(held.problems), hide_index=True, key="data_report")
        left, right, _ = st.columns([1, 1, 2])
        lang = i18n.language()  # the files are built on the click, outside this run
        left.download_button(
            t("Download the report (CSV)"),
            data=lambda: _in_language(lang, pipeline.report_csv, held.problems),
            file_name=report_file_name(),
            mime="text/csv",
            key="data_report_csv",
            icon=":material/download:",
        )
        if rejected:
            right.download_button(
                t("Download the rows with problems (CSV)"),
                data=lambda: _in_language(lang, pipeline.rejected_csv, held.job, held.results),
                file_name=rejected_file_name(),
                mime="text/csv",
                key="data_rejected_csv",
                icon=":material/download:",
            )


def _write(held: _Checked) -> None:
    errors = [p for p in held.problems if p.is_error]
    accepted = sum(r.accepted for r in held.results)
    valid_only = False
    if errors and accepted:
        valid_only = st.checkbox(
            tn(
                "Import only the rows without problems ({n} row), and leave the others out",
                "Import only the rows without problems ({n} rows), and leave the others out",
                accepted,
            ),
            key="data_valid_only",
        )
    who = _who()
    demo_kept = held.guided.invented and not held.guided.replace_demo
    blocked = (bool(errors) and not valid_only) or not accepted or not who or demo_kept
    if demo_kept:
        st.caption(
            t("Choose to replace the demo data above: real rows are never imported beside it.")
        )
    if not who:
        st.caption(t("Give your name above: it is written in the import log."))
    if not st.button(
        t("Import"), key="data_commit", type="primary", disabled=blocked, icon=":material/upload:"
    ):
        return
    bar = st.progress(0.0, text=t("Writing…"))
    try:
        outcome = pipeline.guided_run(
            store.engine(),
            held.guided,
            who,
            valid_only=valid_only,
            progress=_progress(bar),
            actor=current_actor(),
        )
    except ImportFailure as failure:
        bar.empty()
        st.error(f"{plain(failure.message)}\n\n{plain(failure.action)}", icon=":material/error:")
        return
    bar.empty()
    st.session_state.pop(CHECKED, None)
    st.session_state[DONE] = t(
        "Imported {file}: {summary}",
        file=plain(held.job.upload.file_name),
        summary=outcome.summary(),
    )
    st.rerun()


# -- history and export -------------------------------------------------------------------------------


def history_table() -> None:
    try:
        frame = history.runs(store.engine())
    except store.STORE_ERRORS as error:
        store.store_problem(error)
        return
    if frame.empty:
        st.caption(t("No imports yet."))
        return
    st.dataframe(frame, hide_index=True, key="data_history")


def export_buttons() -> None:
    st.markdown(
        t(
            "Everything in the database (organisations, themes, services, journeys, metric "
            "answers, challenges and aims, standards self-assessments, survey responses and "
            "answers) in the columns the import reads, so a file exported here imports back "
            "without loss. Survey share links are not exported: they are credentials."
        )
    )
    engine = store.engine()
    stem = export.file_stem()
    actor = current_actor()  # the download is built outside this run, where no session is
    left, right, _ = st.columns([1, 1, 2])
    for place, label, build, ending, mime, icon in (
        (
            left,
            t("Download everything (zip of CSV files)"),
            export.to_zip,
            "zip",
            "application/zip",
            ":material/folder_zip:",
        ),
        (
            right,
            t("Download everything (one XLSX workbook)"),
            export.to_workbook,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ":material/download:",
        ),
    ):
        place.download_button(
            label,
            data=partial(export.recorded, build, engine, actor, f"{stem}.{ending}"),
            file_name=f"{stem}.{ending}",
            mime=mime,
            key=f"data_export_{ending}",
            icon=icon,
        )
