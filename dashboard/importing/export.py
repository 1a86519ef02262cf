"""The whole database as a zip of CSV files or one XLSX workbook, in the importer's columns.

Each table is written in its entity's canonical columns, keyed by codes (never database ids),
so the file reads straight back through the importer: into an empty store it rebuilds the same
catalogue and surveys; into the same store it changes nothing. Text that a spreadsheet would
run as a formula is written with a leading apostrophe, which the importer takes off again.

Left out on purpose: survey share links (they are credentials), the import log and saved
mappings (they describe imports, not the landscape), and the fixed reference data (standards,
OECD dimensions, survey questions), which every store loads itself. Timestamps of edits are
bookkeeping and are not exported; a survey's submission date is.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import col

from dashboard.common import audit
from dashboard.common.exports import FORMULA_TRIGGERS
from dashboard.common.i18n import t
from dashboard.importing import not_recorded
from dashboard.importing.cells import SPREADSHEET_ERRORS
from dashboard.importing.entities import ENTITIES
from db.frames import read_frame
from db.models import (
    Journey,
    MetricAnswer,
    OecdDimension,
    Organisation,
    Service,
    ServiceChannel,
    ServiceTheme,
    ServiceUserType,
    StandardAssessment,
    SurveyAnswer,
    SurveyInstrument,
    SurveyQuestion,
    SurveyResponse,
    Theme,
    ThemeOecd,
    ThemeStandard,
)
from db.models.metric import answer_columns

Progress = Callable[[float, str], None]
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def protect(value: str) -> str:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe; so does text
    that starts with an apostrophe, so that the importer's unescaping gives it back exactly."""
    if value and (value.startswith((*FORMULA_TRIGGERS, "'"))) and not _NUMBER.match(value):
        return "'" + value
    if value.strip().upper() in SPREADSHEET_ERRORS:
        return "'" + value  # text that reads like "#N/A" stays text
    return value


def tables(engine: Engine, progress: Progress | None = None) -> dict[str, pd.DataFrame]:
    """Every entity as a frame in its canonical columns, sorted by its key."""
    report = progress or (lambda _share, _text: None)
    frames: dict[str, pd.DataFrame] = {}
    with engine.connect() as connection:
        for step, entity in enumerate(ENTITIES):
            report(step / len(ENTITIES), entity.name)
            frame = not_recorded.written_out(entity.name, READERS[entity.name](connection))
            frames[entity.name] = frame.sort_values(list(entity.key), kind="stable").reset_index(
                drop=True
            )[entity.columns]
    report(1.0, "")
    return frames


def _joined(values: pd.Series) -> str:
    return "; ".join(str(v) for v in sorted(values, key=_sort_key))


def _sort_key(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, int | np.integer) else (1, str(value))


def _lists(connection: Connection, query: Any, parents: pd.Series, name: str) -> pd.Series:
    links = read_frame(connection, query, ["parent", "value"])
    grouped = links.groupby("parent")["value"].agg(_joined) if len(links) else pd.Series()
    return parents.map(grouped).where(lambda s: s.notna(), None).rename(name)


def _per_service(
    connection: Connection, model: Any, *columns: Any, joins: Any = ()
) -> pd.DataFrame:
    """The rows of a table that hangs off a service, the service named by its code (`service`),
    and each further column under its own key or label; `joins` are (table, on) pairs."""
    query = (
        select(col(Service.code).label("service"), *columns)
        .select_from(model)
        .join(Service, col(Service.id) == model.service_id)
    )
    for table, on in joins:
        query = query.join(table, on)
    return read_frame(connection, query)


def _organisations(connection: Connection) -> pd.DataFrame:
    return read_frame(
        connection,
        select(
            col(Organisation.code),
            col(Organisation.name_en),
            col(Organisation.name_cy),
            col(Organisation.abbreviation),
            col(Organisation.sector),
            col(Organisation.org_type),
        ),
    )


def _themes(connection: Connection) -> pd.DataFrame:
    frame = read_frame(
        connection,
        select(
            col(Theme.id),
            col(Theme.code),
            col(Theme.kind),
            col(Theme.category),
            col(Theme.name_en),
            col(Theme.name_cy),
            col(Theme.description_en),
            col(Theme.description_cy),
        ),
    )
    frame["standards"] = _lists(
        connection,
        select(col(ThemeStandard.theme_id), col(ThemeStandard.standard_id)),
        frame["id"],
        "s",
    )
    frame["oecd_dimensions"] = _lists(
        connection,
        select(col(ThemeOecd.theme_id), col(OecdDimension.code)).join(
            OecdDimension, col(OecdDimension.id) == col(ThemeOecd.dimension_id)
        ),
        frame["id"],
        "o",
    )
    return frame


def _services(connection: Connection) -> pd.DataFrame:
    frame = read_frame(
        connection,
        select(
            col(Service.id),
            col(Service.code),
            col(Organisation.code).label("organisation"),
            col(Service.name_en),
            col(Service.name_cy),
            col(Service.description_en),
            col(Service.description_cy),
            col(Service.user_need),
            col(Service.service_area),
            col(Service.service_type),
            col(Service.stage),
            col(Service.contracting_type),
            col(Service.digitisation_level),
            col(Service.welsh_provision),
            col(Service.is_deep_dive),
            col(Service.notes),
        ).join(Organisation, col(Organisation.id) == col(Service.organisation_id)),
    )
    frame["is_deep_dive"] = frame["is_deep_dive"].map(lambda b: "yes" if b else "no")
    frame["user_types"] = _lists(
        connection,
        select(col(ServiceUserType.service_id), col(ServiceUserType.user_type)),
        frame["id"],
        "u",
    )
    frame["channels"] = _lists(
        connection,
        select(col(ServiceChannel.service_id), col(ServiceChannel.channel)),
        frame["id"],
        "c",
    )
    return frame


def _journeys(connection: Connection) -> pd.DataFrame:
    frame = _per_service(
        connection,
        Journey,
        col(Journey.position),
        col(Journey.name_en),
        col(Journey.name_cy),
        col(Journey.digitisation_level),
    )
    frame["digitisation_level"] = frame["digitisation_level"].astype("Int64")
    return frame


def _metric_answers(connection: Connection) -> pd.DataFrame:
    return _per_service(connection, MetricAnswer, *answer_columns())


def _service_themes(connection: Connection) -> pd.DataFrame:
    frame = _per_service(
        connection,
        ServiceTheme,
        col(Theme.code).label("theme"),
        col(ServiceTheme.severity),
        col(ServiceTheme.note),
        joins=[(Theme, col(Theme.id) == col(ServiceTheme.theme_id))],
    )
    frame["severity"] = frame["severity"].astype("Int64")
    return frame


def _standard_assessments(connection: Connection) -> pd.DataFrame:
    return _per_service(
        connection,
        StandardAssessment,
        col(StandardAssessment.standard_id).label("standard"),
        col(StandardAssessment.rating),
        col(StandardAssessment.note),
    )


def _survey_responses(connection: Connection) -> pd.DataFrame:
    frame = _per_service(
        connection,
        SurveyResponse,
        col(SurveyInstrument.code).label("instrument"),
        col(SurveyResponse.status),
        col(SurveyResponse.submitted_at),
        joins=[(SurveyInstrument, col(SurveyInstrument.id) == col(SurveyResponse.instrument_id))],
    )
    frame["submitted_at"] = frame["submitted_at"].map(_iso)
    return frame


def _iso(value: Any) -> str | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    return str(value)


def _survey_answers(connection: Connection) -> pd.DataFrame:
    frame = read_frame(
        connection,
        select(
            col(Service.code).label("service"),
            col(SurveyInstrument.code).label("instrument"),
            col(SurveyQuestion.code).label("question"),
            col(SurveyQuestion.answer_type),
            col(SurveyAnswer.value),
        )
        .select_from(SurveyAnswer)
        .join(SurveyResponse, col(SurveyResponse.id) == col(SurveyAnswer.response_id))
        .join(Service, col(Service.id) == col(SurveyResponse.service_id))
        .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveyResponse.instrument_id))
        .join(SurveyQuestion, col(SurveyQuestion.id) == col(SurveyAnswer.question_id)),
    )
    frame["answer"] = [
        answer_text(kind, value)
        for kind, value in zip(frame["answer_type"], frame["value"], strict=True)
    ]
    return frame.drop(columns=["answer_type", "value"])


def answer_text(kind: str, value: Any) -> str | None:
    """A stored survey answer as a cell the importer reads back to the same value."""
    if value is None:
        return None
    if kind in ("metric", "themes", "standards_assessment", "multi_choice"):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if kind == "yes_no":
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)
    return str(value)


READERS: dict[str, Callable[[Connection], pd.DataFrame]] = {
    "organisations": _organisations,
    "themes": _themes,
    "services": _services,
    "journeys": _journeys,
    "metric_answers": _metric_answers,
    "service_themes": _service_themes,
    "standard_assessments": _standard_assessments,
    "survey_responses": _survey_responses,
    "survey_answers": _survey_answers,
}


# -- files ------------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A value as written into a file: numbers kept, text protected, missing blank."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float | np.floating):
        if value != value:
            return None
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, str):
        return protect(value)
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark (Excel shows ŵ and ŷ), CRLF line ends, text protected."""
    out = frame.astype(object).map(_cell)
    text = out.to_csv(index=False, lineterminator="\r\n", float_format=None)
    return ("\ufeff" + text).encode("utf-8")


def _readme(frames: dict[str, pd.DataFrame], when: datetime) -> str:
    lines = [
        "Digital services in Wales: full export",
        f"Exported {when:%Y-%m-%d %H:%M} UTC.",
        "",
        "One CSV file (or sheet) per table, in the columns the Data page imports. Import the",
        "whole zip or workbook on the Data page, or with `landscape data import FILE`, to",
        "rebuild the same data; rows are matched on their codes, so importing it into the same",
        "database changes nothing.",
        "",
    ]
    for entity in ENTITIES:
        keys = " + ".join(entity.key)
        lines.append(f"{entity.name}.csv: {len(frames[entity.name]):,} rows, key {keys}")
    return "\r\n".join(lines) + "\r\n"


def recorded(
    build: Callable[[Engine, Progress | None, dict[str, pd.DataFrame] | None], bytes],
    engine: Engine,
    who: str,
    download: str,
    progress: Progress | None = None,
) -> bytes:
    """The full export `build` makes (`to_zip`, `to_workbook`), with its event in the audit
    trail: which file, and how many rows in all."""
    frames = tables(engine, progress)
    data = build(engine, progress, frames)
    audit.record_export(engine, who, download, sum(len(frame) for frame in frames.values()))
    return data


def to_zip(
    engine: Engine,
    progress: Progress | None = None,
    frames: dict[str, pd.DataFrame] | None = None,
) -> bytes:
    frames = frames if frames is not None else tables(engine, progress)
    when = datetime.now(UTC)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entity in ENTITIES:
            archive.writestr(f"{entity.name}.csv", csv_bytes(frames[entity.name]))
        archive.writestr("README.txt", _readme(frames, when))
    return buffer.getvalue()


def to_workbook(
    engine: Engine,
    progress: Progress | None = None,
    frames: dict[str, pd.DataFrame] | None = None,
) -> bytes:
    """One XLSX workbook with a sheet per table, header row frozen."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    frames = frames if frames is not None else tables(engine, progress)
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for entity in ENTITIES:
        sheet = workbook.create_sheet(entity.name[:31])
        sheet.freeze_panes = "A2"
        header = []
        for name in entity.columns:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        frame = frames[entity.name].astype(object)
        for row in frame.itertuples(index=False, name=None):
            # protected text never starts with "=", so openpyxl never stores data as a formula
            sheet.append([_xlsx_cell(v) for v in row])
    about = workbook.create_sheet("README")
    for line in _readme(frames, datetime.now(UTC)).splitlines():
        about.append([protect(line)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: Any) -> Any:
    value = _cell(value)
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        # openpyxl writes 16 significant digits; a figure that needs 17 to be exact (a sum's
        # rounding artefact) is written as text so that it reads back as the same number
        return repr(value)
    return value


def file_stem(when: datetime | None = None) -> str:
    """The export's file name without its ending, in the language of the run."""
    return t("landscape-export-{when}", when=f"{(when or datetime.now(UTC)):%Y%m%d-%H%M}")
