"""Writing checked tables in one transaction: added and updated by stable key, all or nothing.

A row whose key is not stored yet is added; a row whose key is stored updates the fields the
file gives (fields it does not give keep their value), and only when something differs, so the
same file imported twice changes nothing. Lists (a service's channels, a theme's standards) are
replaced as a whole when the file gives them. The data version moves on inside the transaction
so every cache drops the old data, and the import log row is written in it too.

Any failure part way rolls everything back; the log then records the attempt as rolled back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DisconnectionError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import col

from dashboard.common import audit
from dashboard.common.i18n import t, tn
from dashboard.importing import demo_replacement
from dashboard.importing.entities import ENTITIES
from dashboard.importing.merge import can_merge, merge
from dashboard.importing.merge import driver_rows as _driver_rows
from dashboard.importing.merge import plain as _plain
from dashboard.importing.not_recorded import is_marker, keep_stored_where_blank
from dashboard.importing.period_columns import with_periods
from dashboard.importing.problems import ImportFailure
from dashboard.importing.validation import Checked
from dashboard.surveys import progress as survey_progress
from dashboard.surveys.instrument import Instrument, load_instrument
from db.bulk import _copy, bulk_insert
from db.engine import inserted_id, write_session
from db.frames import read_frame
from db.models import (
    Dataset,
    ImportRun,
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
    SurveyResponse,
    SurveySectionProgress,
    Theme,
    ThemeOecd,
    ThemeStandard,
)
from db.models.columns import utcnow
from db.reference.load import load_reference

Progress = Callable[[float, str], None]
ORDER = {entity.name: position for position, entity in enumerate(ENTITIES)}
_CHUNK = 5000


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        return self

    def as_dict(self) -> dict[str, int]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


@dataclass
class Outcome:
    """What an import did (or, for a trial run, would do)."""

    tables: dict[str, Counts]
    seconds: float
    run_id: int | None = None
    trial: bool = False
    started_surveys: int = 0

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.tables.values():
            total += counts
        return total

    def summary(self) -> str:
        total = self.total
        return t(
            "{added} added, {updated} updated, {unchanged} unchanged, {rejected} left out.",
            added=f"{total.added:,}",
            updated=f"{total.updated:,}",
            unchanged=f"{total.unchanged:,}",
            rejected=f"{total.rejected:,}",
        )


@dataclass
class Source:
    """Where the import came from, for the log."""

    file_name: str
    sha256: str
    who: str
    via: str = "app"
    mapping_name: str | None = None
    entity: str = ""
    #: Who the audit trail names (the signed-in person); `who` when not given.
    actor: str | None = None


class _TrialOver(Exception):
    """Raised at the end of a trial run to roll it back."""


@dataclass
class _Context:
    connection: Connection
    now: Any
    who: str
    report: Progress
    done: int = 0
    total: int = 1
    touched_responses: set[int] = field(default_factory=set)
    started_surveys: int = 0
    instruments: dict[str, Instrument] = field(default_factory=dict)

    def step(self, rows: int, text: str) -> None:
        self.done += rows
        self.report(min(0.99, self.done / max(1, self.total)), text)


def commit(
    engine: Engine,
    tables: Iterable[Checked],
    source: Source,
    *,
    valid_only: bool = False,
    trial: bool = False,
    progress: Progress | None = None,
    replace_demo: bool = False,
) -> Outcome:
    """Write the accepted rows of every table in one transaction.

    `replace_demo` removes the invented catalogue first, in the same transaction.

    While any error remains nothing is written, unless `valid_only` says to write the rows
    without errors and leave the others out. `trial` does everything and rolls it back, to say
    what an import would change. Raises ImportFailure with what to do.
    """
    checked = sorted(tables, key=lambda c: ORDER[c.entity.name])
    errors = sum(len(c.errors) for c in checked)
    if errors and not valid_only:
        raise ImportFailure(
            tn(
                "One problem remains in the file, so nothing was written.",
                "{n} problems remain in the file, so nothing was written.",
                errors,
            ),
            t("Fix them and check again, or choose to import only the rows without problems."),
        )
    if not any(c.accepted for c in checked):
        raise ImportFailure(
            t("No row of the file can be imported, so nothing was written."),
            t("Fix the problems in the report and check the file again."),
        )
    report = progress or (lambda _share, _text: None)
    started = time.perf_counter()
    instruments = _instruments(engine, checked)
    counts: dict[str, Counts] = {}
    run_id: int | None = None
    context: _Context | None = None
    try:
        with write_session(engine) as session:
            load_reference(session)
            connection = session.connection()
            context = _Context(connection, utcnow(), source.who, report, instruments=instruments)
            context.total = sum(c.accepted for c in checked) or 1
            if replace_demo:
                demo_replacement.clear(connection)
            for table in checked:
                counts[table.entity.name] = WRITERS[table.entity.name](context, table)
                counts[table.entity.name].rejected = table.rejected_count
            _survey_progress(context)
            _move_versions(
                connection,
                context.now,
                surveys=_touches_surveys(checked),
                label=demo_replacement.imported_label(source.file_name, source.who, context.now),
                replacing=replace_demo,
            )
            outcome = Outcome(
                counts,
                round(time.perf_counter() - started, 2),
                trial=trial,
                started_surveys=context.started_surveys,
            )
            if trial:
                raise _TrialOver()
            run_id = _log(connection, source, outcome, "committed", context.now)
            _audit(connection, source, outcome)
    except _TrialOver:
        report(1.0, t("trial finished"))
        return outcome
    except ImportFailure:
        raise
    except (SQLAlchemyError, Exception) as error:  # anything part way: all was rolled back
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()
        reason = detail[0][:300] if detail else type(error).__name__
        if not trial:
            _log_failure(engine, source, counts, reason)
        raise ImportFailure(
            t("The import stopped part way and nothing was written: {reason}", reason=reason),
            t("The database is as it was before. Try again; if it happens again, report it.")
            if _passing(error)
            else t(
                "The database is as it was before. The database refused the data, which the "
                "check should have caught: trying again will not help. Report it, with the file."
            ),
        ) from error
    report(1.0, t("done"))
    outcome.run_id = run_id
    return outcome


def _passing(error: BaseException) -> bool:
    """A failure that may not happen again: the database was busy, locked or out of reach."""
    return isinstance(error, (OperationalError, DisconnectionError, PoolTimeout, TimeoutError))


def _instruments(engine: Engine, checked: list[Checked]) -> dict[str, Instrument]:
    if not any(c.entity.name == "survey_answers" for c in checked):
        return {}
    with engine.connect() as connection:
        codes = list(connection.execute(select(col(SurveyInstrument.code))).scalars())
    return {code: load_instrument(engine, code) for code in codes}


def _touches_surveys(checked: list[Checked]) -> bool:
    return any(c.entity.name in ("survey_responses", "survey_answers") for c in checked)


# -- generic upsert ---------------------------------------------------------------------------------


def _existing(connection: Connection, table: Table, columns: list[str]) -> pd.DataFrame:
    return read_frame(connection, select(*[table.c[c] for c in columns]), columns)


def _same(new: pd.Series, old: pd.Series) -> np.ndarray:
    new_na = pd.isna(new).to_numpy()
    old_na = pd.isna(old).to_numpy()
    left = new.astype(object).where(~new_na, None).to_numpy()
    right = old.astype(object).where(~old_na, None).to_numpy()
    try:
        equal = np.asarray(left == right, dtype=bool)
    except (TypeError, ValueError):  # values numpy cannot compare in one go
        equal = np.fromiter(
            (_equal(a, b) for a, b in zip(left, right, strict=True)), dtype=bool, count=len(left)
        )
    same: np.ndarray = (new_na & old_na) | (~new_na & ~old_na & equal)
    return same


def _equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # a missing value on either side: the masks decide
        return False


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = list(frame.columns)
    return [
        {c: _plain(v) for c, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


@dataclass
class _Upserted:
    counts: Counts
    #: key columns (and id if the table has one) of every row written or matched
    rows: pd.DataFrame
    #: whether each of those rows was added by this import, or changed in its columns
    added: np.ndarray | None = None
    changed: np.ndarray | None = None

    def existing_ids(self, changed: set[int]) -> set[int]:
        """Of the ids whose lists changed, those of rows that were stored before."""
        if self.added is None:
            return changed
        new = set(self.rows.loc[self.added, "id"].astype(int))
        return changed - new


def _upsert(
    context: _Context,
    table: Table,
    incoming: pd.DataFrame,
    key: list[str],
    columns: list[str],
    *,
    defaults: dict[str, Any] | None = None,
    on_insert: dict[str, Any] | None = None,
    on_update: dict[str, Any] | None = None,
    forced_changes: pd.Series | None = None,
    use_copy: bool = True,
    label: str = "",
    rows_wanted: bool = True,
) -> _Upserted:
    """Add rows with new keys, update changed rows with stored keys, leave the rest alone.

    A caller that wants only the counts (`rows_wanted=False`) gets the set-based merge, which
    reads nothing back: the stored rows are compared and written by the database."""
    connection = context.connection
    if (
        not rows_wanted
        and forced_changes is None
        and not any(v is _INCREMENT for v in (on_update or {}).values())
        and can_merge(table, incoming, key, columns)
    ):
        result = merge(
            connection,
            table,
            incoming,
            key,
            columns,
            defaults=defaults,
            on_insert=on_insert,
            on_update=on_update,
        )
        context.step(len(incoming), label)
        counts = Counts(added=result.added, updated=result.updated, unchanged=result.unchanged)
        return _Upserted(counts, incoming[key].iloc[0:0])
    has_id = "id" in table.c and "id" not in key
    stored_columns = key + columns + (["id"] if has_id else [])
    existing = _existing(connection, table, stored_columns)
    for column in key:
        if incoming[column].dtype.kind in "iuf" or str(incoming[column].dtype) == "Int64":
            incoming[column] = incoming[column].astype("int64")
            existing[column] = existing[column].astype("int64")
        else:
            existing[column] = existing[column].astype(object)
            incoming[column] = incoming[column].astype(object)
    existing = existing.drop_duplicates(key)
    merged = incoming.merge(existing, on=key, how="left", suffixes=("", "__stored"), indicator=True)
    stored = (merged["_merge"] == "both").to_numpy()
    changed = np.zeros(len(merged), dtype=bool)
    for column in columns:
        differs = ~_same(merged[column], merged[f"{column}__stored"])
        changed |= stored & differs
    if forced_changes is not None:
        changed |= stored & forced_changes.to_numpy(dtype=bool)
    counts = Counts(
        added=int((~stored).sum()),
        updated=int(changed.sum()),
        unchanged=int((stored & ~changed).sum()),
    )
    new_rows = merged.loc[~stored, key + columns].copy()
    for column, value in (defaults or {}).items():
        if column not in new_rows:
            new_rows[column] = value
        else:
            new_rows[column] = new_rows[column].where(new_rows[column].notna(), value)
    if len(new_rows):
        _insert(connection, table, new_rows, use_copy, on_insert or {})
    if changed.any():
        updates = merged.loc[changed, key + columns + (["id"] if has_id else [])]
        _update(connection, table, updates, ["id"] if has_id else key, columns, on_update or {})
    context.step(len(incoming), label)
    rows = merged[key].copy()
    if has_id:
        fresh = _existing(connection, table, [*key, "id"]).drop_duplicates(key)
        for column in key:
            fresh[column] = fresh[column].astype(rows[column].dtype)
        rows = rows.merge(fresh, on=key, how="left")
    return _Upserted(counts, rows, ~stored, changed)


def _insert(
    connection: Connection,
    table: Table,
    frame: pd.DataFrame,
    use_copy: bool,
    constants: dict[str, Any] | None = None,
) -> None:
    """Insert rows fast: COPY on PostgreSQL, the driver's executemany on SQLite (each value
    passed through its column type, as SQLAlchemy would). `constants` go in every row."""
    constants = constants or {}
    if connection.dialect.name == "postgresql":
        frame = frame.copy()
        for column, value in constants.items():
            frame[column] = [value] * len(frame)
        if use_copy:
            bulk_insert(connection, table, frame.astype(object).where(frame.notna(), None))
        else:
            connection.execute(insert(table), _records(frame))
        return
    columns = list(frame.columns)
    fixed = []
    for column, value in constants.items():
        process = table.c[column].type._cached_bind_processor(connection.dialect)
        fixed.append(process(value) if process is not None else value)
    rows = _driver_rows(connection, table, frame, columns)
    if fixed:
        extra = tuple(fixed)
        rows = [row + extra for row in rows]
    names = ", ".join(f'"{c}"' for c in [*columns, *constants])
    marks = ", ".join("?" for _ in [*columns, *constants])
    connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)


def _update(
    connection: Connection,
    table: Table,
    rows: pd.DataFrame,
    where: list[str],
    columns: list[str],
    extra: dict[str, Any],
) -> None:
    """Update changed rows by key: the driver's executemany on SQLite; on PostgreSQL the rows
    are copied into a temporary table and applied in one UPDATE ... FROM."""
    increments = [c for c, v in extra.items() if v is _INCREMENT]
    fixed = {c: v for c, v in extra.items() if v is not _INCREMENT}
    if connection.dialect.name == "postgresql":
        _update_postgres(connection, table, rows, where, columns, fixed, increments)
        return
    sets = [f'"{c}" = ?' for c in columns] + [f'"{c}" = ?' for c in fixed]
    sets += [f'"{c}" = "{c}" + 1' for c in increments]
    condition = " AND ".join(f'"{c}" = ?' for c in where)
    frame = rows.copy()
    for column, value in fixed.items():
        frame[column] = [value] * len(frame)
    ordered = columns + list(fixed) + where
    values = _driver_rows(connection, table, frame, ordered)
    sql = f'UPDATE "{table.name}" SET {", ".join(sets)} WHERE {condition}'
    for start in range(0, len(values), 50_000):
        connection.exec_driver_sql(sql, values[start : start + 50_000])


_INCREMENT = object()


def _update_postgres(
    connection: Connection,
    table: Table,
    rows: pd.DataFrame,
    where: list[str],
    columns: list[str],
    fixed: dict[str, Any],
    increments: list[str],
) -> None:
    import json

    scratch = f"import_{table.name}"
    wanted = where + columns
    listed = ", ".join(f'"{c}"' for c in wanted)
    connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{scratch}"')
    connection.exec_driver_sql(
        f'CREATE TEMP TABLE "{scratch}" AS SELECT {listed} FROM "{table.name}" WITH NO DATA'
    )
    json_columns = {c for c in wanted if table.c[c].type.__class__.__name__ == "JSON"}
    cursor = connection.connection.cursor()
    with cursor.copy(f'COPY "{scratch}" ({listed}) FROM STDIN') as copy:
        for row in rows[wanted].itertuples(index=False, name=None):
            copy.write_row(
                [
                    json.dumps(_plain(v)) if c in json_columns else _plain(v)
                    for c, v in zip(wanted, row, strict=True)
                ]
            )
    sets = [f'"{c}" = s."{c}"' for c in columns]
    sets += [f'"{c}" = %({c})s' for c in fixed]
    sets += [f'"{c}" = t."{c}" + 1' for c in increments]
    condition = " AND ".join(f't."{c}" = s."{c}"' for c in where)
    connection.exec_driver_sql(
        f'UPDATE "{table.name}" AS t SET {", ".join(sets)} FROM "{scratch}" AS s WHERE {condition}',
        {c: _plain(v) for c, v in fixed.items()},
    )
    connection.exec_driver_sql(f'DROP TABLE "{scratch}"')


def _links(
    connection: Connection,
    table: Table,
    parent: str,
    child: str,
    wanted: pd.DataFrame,
) -> set[int]:
    """Make each parent's set of links what `wanted` says (columns parent id, tuple of
    children); return the parents whose links changed."""
    existing: dict[int, set[Any]] = {}
    for parent_id, value in connection.execute(select(table.c[parent], table.c[child])).all():
        existing.setdefault(parent_id, set()).add(value)
    changed: set[int] = set()
    rows: list[dict[str, Any]] = []
    for parent_id, values in zip(wanted["parent"], wanted["values"], strict=True):
        target = set(values or ())
        if existing.get(int(parent_id), set()) != target:
            changed.add(int(parent_id))
            rows.extend({parent: int(parent_id), child: v} for v in sorted(target))
    ids = sorted(p for p in changed if p in existing)  # new parents have nothing to delete
    for start in range(0, len(ids), _CHUNK):
        connection.execute(delete(table).where(table.c[parent].in_(ids[start : start + _CHUNK])))
    if rows and connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            f'INSERT INTO "{table.name}" ("{parent}", "{child}") VALUES (?, ?)',
            [(row[parent], row[child]) for row in rows],
        )
    elif rows:
        _copy(connection, table.name, [parent, child], ([r[parent], r[child]] for r in rows))
    return changed


def _accepted(table: Checked) -> pd.DataFrame:
    frame = table.frame[~table.rejected].reset_index(drop=True)
    return frame[[c for c in frame.columns if c in table.provided or is_marker(c)]].copy()


def _ids(connection: Connection, model: Any) -> dict[str, int]:
    return dict(connection.execute(select(model.code, model.id)).all())


def _resolve(frame: pd.DataFrame, column: str, ids: dict[str, int], target: str) -> None:
    frame[target] = frame.pop(column).map(ids)


def _count_links(counts: Counts, upserted: _Upserted, changed: set[int], id_column: str) -> None:
    """Stored rows whose only change is to their lists count as updated, not unchanged."""
    if not changed or upserted.added is None or upserted.changed is None:
        return
    lists_only = (
        ~upserted.added & ~upserted.changed & upserted.rows[id_column].isin(changed).to_numpy()
    )
    moved = int(lists_only.sum())
    counts.unchanged -= moved
    counts.updated += moved


# -- one writer per entity ----------------------------------------------------------------------------


def _write(
    context: _Context,
    table: Table,
    frame: pd.DataFrame,
    key: list[str],
    optional: tuple[str, ...],
    **options: Any,
) -> _Upserted:
    """Upsert the rows of `frame` by `key`, writing those `optional` columns the file gives."""
    columns = [c for c in optional if c in frame]
    return _upsert(context, table, frame[[*key, *columns]].copy(), key, columns, **options)


def _organisations(context: _Context, table: Checked) -> Counts:
    return _write(
        context,
        Organisation.__table__,
        keep_stored_where_blank(
            context.connection, Organisation.__table__, _accepted(table), "organisations"
        ),
        ["code"],
        ("name_en", "name_cy", "abbreviation", "sector", "org_type"),
        label=t("organisations"),
        rows_wanted=False,
    ).counts


def _themes(context: _Context, table: Checked) -> Counts:
    frame = _accepted(table)
    upserted = _write(
        context,
        Theme.__table__,
        frame,
        ["code"],
        ("kind", "category", "name_en", "name_cy", "description_en", "description_cy"),
        defaults={"description_en": ""},
        label=t("themes"),
    )
    changed: set[int] = set()
    ids = upserted.rows["id"]
    if "standards" in frame:
        wanted = pd.DataFrame({"parent": ids, "values": frame["standards"]})
        changed |= _links(
            context.connection, ThemeStandard.__table__, "theme_id", "standard_id", wanted
        )
    if "oecd_dimensions" in frame:
        dimensions = _ids(context.connection, OecdDimension)
        values = frame["oecd_dimensions"].map(lambda codes: tuple(dimensions[c] for c in codes))
        wanted = pd.DataFrame({"parent": ids, "values": values})
        changed |= _links(
            context.connection, ThemeOecd.__table__, "theme_id", "dimension_id", wanted
        )
    _count_links(upserted.counts, upserted, changed, "id")
    return upserted.counts


def _services(context: _Context, table: Checked) -> Counts:
    connection = context.connection
    frame = keep_stored_where_blank(connection, Service.__table__, _accepted(table), "services")
    if "organisation" in frame:
        _resolve(frame, "organisation", _ids(connection, Organisation), "organisation_id")
    upserted = _write(
        context,
        Service.__table__,
        frame,
        ["code"],
        (
            "organisation_id",
            "name_en",
            "name_cy",
            "description_en",
            "description_cy",
            "user_need",
            "service_area",
            "service_type",
            "stage",
            "contracting_type",
            "digitisation_level",
            "welsh_provision",
            "is_deep_dive",
            "notes",
        ),
        defaults={"description_en": "", "is_deep_dive": False},
        on_insert={"created_at": context.now, "updated_at": context.now},
        on_update={"updated_at": context.now},
        label=t("services"),
    )
    changed: set[int] = set()
    ids = upserted.rows["id"]
    for name, model, column in (
        ("user_types", ServiceUserType, "user_type"),
        ("channels", ServiceChannel, "channel"),
    ):
        if name in frame:
            wanted = pd.DataFrame({"parent": ids, "values": frame[name]})
            changed |= _links(connection, model.__table__, "service_id", column, wanted)
    ids_changed = sorted(upserted.existing_ids(changed))
    for start in range(0, len(ids_changed), _CHUNK):
        connection.execute(
            update(Service)
            .where(col(Service.id).in_(ids_changed[start : start + _CHUNK]))
            .values(updated_at=context.now)
        )
    _count_links(upserted.counts, upserted, changed, "id")
    return upserted.counts


def _by_service(context: _Context, table: Checked) -> pd.DataFrame:
    frame = _accepted(table)
    _resolve(frame, "service", _ids(context.connection, Service), "service_id")
    return frame


def _journeys(context: _Context, table: Checked) -> Counts:
    return _write(
        context,
        Journey.__table__,
        _by_service(context, table),
        ["service_id", "position"],
        ("name_en", "name_cy", "digitisation_level"),
        label=t("journeys"),
        rows_wanted=False,
    ).counts


def _metric_answers(context: _Context, table: Checked) -> Counts:
    frame = _by_service(context, table)
    key = ["service_id", "metric", "period"]
    stored_periods = (
        None if "period" in frame else _existing(context.connection, MetricAnswer.__table__, key)
    )
    frame = with_periods(frame, stored_periods)
    if "value" not in frame:
        frame["value"] = np.nan  # no figures in the file: every row says why there is none
    if "reason" not in frame:
        stored = _existing(context.connection, MetricAnswer.__table__, [*key, "reason"])
        frame = frame.merge(stored, on=key, how="left")
        frame["reason"] = frame["reason"].where(frame["availability"] == "not_available", None)
    return _write(
        context,
        MetricAnswer.__table__,
        frame,
        key,
        ("value", "availability", "reason", "period_months", "source", "note"),
        defaults={"source": "import"},
        on_insert={"updated_at": context.now},
        on_update={"updated_at": context.now},
        label=t("metric answers"),
        rows_wanted=False,
    ).counts


def _service_themes(context: _Context, table: Checked) -> Counts:
    frame = _by_service(context, table)
    _resolve(frame, "theme", _ids(context.connection, Theme), "theme_id")
    return _write(
        context,
        ServiceTheme.__table__,
        frame,
        ["service_id", "theme_id"],
        ("severity", "note"),
        label=t("challenges and aims"),
        rows_wanted=False,
    ).counts


def _standard_assessments(context: _Context, table: Checked) -> Counts:
    return _write(
        context,
        StandardAssessment.__table__,
        _by_service(context, table).rename(columns={"standard": "standard_id"}),
        ["service_id", "standard_id"],
        ("rating", "note"),
        label=t("standards self-assessment"),
        rows_wanted=False,
    ).counts


def _survey_responses(context: _Context, table: Checked) -> Counts:
    frame = _by_service(context, table)
    _resolve(frame, "instrument", _ids(context.connection, SurveyInstrument), "instrument_id")
    if "status" in frame and "submitted_at" not in frame:
        frame["submitted_at"] = None
    if "submitted_at" in frame and "status" in frame:
        due = (frame["status"] == "submitted") & frame["submitted_at"].isna()
        frame.loc[due, "submitted_at"] = context.now
    return _write(
        context,
        SurveyResponse.__table__,
        frame,
        ["service_id", "instrument_id"],
        ("status", "submitted_at"),
        defaults={"status": "draft"},
        on_insert={
            "version": 1,
            "created_at": context.now,
            "updated_at": context.now,
            "updated_by": context.who,
        },
        on_update={
            "version": _INCREMENT,
            "updated_at": context.now,
            "updated_by": context.who,
        },
        use_copy=False,
        label=t("survey responses"),
    ).counts


def _survey_answers(context: _Context, table: Checked) -> Counts:
    connection = context.connection
    frame = _by_service(context, table)
    instrument_ids = _ids(connection, SurveyInstrument)
    frame["instrument_id"] = frame["instrument"].map(instrument_ids)
    responses = _responses(context, frame[["service_id", "instrument_id"]].drop_duplicates())
    frame = frame.merge(responses, on=["service_id", "instrument_id"], how="left")
    questions = {
        (instrument_ids[code], question.code): question.id
        for code, instrument in context.instruments.items()
        for question in instrument.questions.values()
    }
    frame["question_id"] = [
        questions[(int(i), q)]
        for i, q in zip(frame["instrument_id"], frame["question"], strict=True)
    ]
    frame = frame.rename(columns={"answer": "value"})
    if "value" not in frame:
        frame["value"] = None
    clear = frame["value"].isna()
    stored = _existing(connection, SurveyAnswer.__table__, ["response_id", "question_id"])
    stored_keys = set(zip(stored["response_id"], stored["question_id"], strict=True))
    clears = [
        (int(r), int(q))
        for r, q in zip(
            frame.loc[clear, "response_id"], frame.loc[clear, "question_id"], strict=True
        )
        if (int(r), int(q)) in stored_keys
    ]
    for response_id, question_id in clears:
        connection.execute(
            delete(SurveyAnswer).where(
                col(SurveyAnswer.response_id) == response_id,
                col(SurveyAnswer.question_id) == question_id,
            )
        )
    upserted = _upsert(
        context,
        SurveyAnswer.__table__,
        frame.loc[~clear, ["response_id", "question_id", "value"]].copy(),
        ["response_id", "question_id"],
        ["value"],
        on_insert={"updated_at": context.now, "updated_by": context.who},
        on_update={"updated_at": context.now, "updated_by": context.who},
        use_copy=False,
        label=t("survey answers"),
    )
    counts = upserted.counts
    counts.updated += len(clears)
    counts.unchanged += int(clear.sum()) - len(clears)
    touched = (
        set(frame.loc[~clear, "response_id"].astype(int))
        if counts.added or counts.updated
        else set()
    )
    touched |= {r for r, _q in clears}
    context.touched_responses |= touched
    return counts


def _responses(context: _Context, wanted: pd.DataFrame) -> pd.DataFrame:
    """The response of each (service, instrument), started as a draft where there is none."""
    connection = context.connection
    stored = _existing(
        connection, SurveyResponse.__table__, ["service_id", "instrument_id", "id"]
    ).astype("int64")
    wanted = wanted.astype("int64")
    merged = wanted.merge(stored, on=["service_id", "instrument_id"], how="left")
    missing = merged[merged["id"].isna()]
    if len(missing):
        connection.execute(
            insert(SurveyResponse),
            [
                {
                    "service_id": int(s),
                    "instrument_id": int(i),
                    "status": "draft",
                    "version": 1,
                    "created_at": context.now,
                    "updated_at": context.now,
                    "updated_by": context.who,
                }
                for s, i in zip(missing["service_id"], missing["instrument_id"], strict=True)
            ],
        )
        context.started_surveys += len(missing)
        stored = _existing(
            connection, SurveyResponse.__table__, ["service_id", "instrument_id", "id"]
        ).astype("int64")
        merged = wanted.merge(stored, on=["service_id", "instrument_id"], how="left")
    return merged.rename(columns={"id": "response_id"})


def _survey_progress(context: _Context) -> None:
    """Sections' progress of every response whose answers changed, and a new version so an
    owner's open form sees that its answers moved on."""
    if not context.touched_responses:
        return
    connection = context.connection
    ids = sorted(context.touched_responses)
    by_id = {i.id: i for i in context.instruments.values()}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        instruments = dict(
            connection.execute(
                select(col(SurveyResponse.id), col(SurveyResponse.instrument_id)).where(
                    col(SurveyResponse.id).in_(chunk)
                )
            ).all()
        )
        answers: dict[int, dict[int, Any]] = {}
        for response_id, question_id, value in connection.execute(
            select(
                col(SurveyAnswer.response_id),
                col(SurveyAnswer.question_id),
                col(SurveyAnswer.value),
            ).where(col(SurveyAnswer.response_id).in_(chunk))
        ):
            answers.setdefault(response_id, {})[question_id] = value
        connection.execute(
            delete(SurveySectionProgress).where(col(SurveySectionProgress.response_id).in_(chunk))
        )
        rows: list[dict[str, Any]] = []
        for response_id in chunk:
            instrument = by_id[instruments[response_id]]
            stored = answers.get(response_id, {})
            by_code = {q.code: stored.get(q.id) for q in instrument.questions.values()}
            rows.extend(
                {
                    "response_id": response_id,
                    "section_id": section.id,
                    "status": survey_progress.section_status(section, by_code),
                    "updated_at": context.now,
                }
                for section in instrument.sections
            )
        if rows:
            connection.execute(insert(SurveySectionProgress), rows)
        connection.execute(
            update(SurveyResponse)
            .where(col(SurveyResponse.id).in_(chunk))
            .values(
                version=col(SurveyResponse.version) + 1,
                updated_at=context.now,
                updated_by=context.who,
            )
        )


WRITERS: dict[str, Callable[[_Context, Checked], Counts]] = {
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


# -- versions and the log -----------------------------------------------------------------------------


def _move_versions(
    connection: Connection,
    now: Any,
    surveys: bool,
    label: str = "Imported data",
    replacing: bool = False,
) -> None:
    """Move the data version on (and the survey version when surveys changed) so every cache
    drops what it holds; a store that held nothing, real data or a replaced demo now holds
    imported data, labelled with where it came from."""
    dataset = connection.execute(select(col(Dataset.kind)).where(col(Dataset.id) == 1)).first()
    if dataset is None:
        connection.execute(
            insert(Dataset).values(
                id=1,
                kind="real",
                label=label,
                data_version=1,
                survey_version=1,
                loaded_at=now,
                updated_at=now,
            )
        )
        return
    values: dict[str, Any] = {"data_version": col(Dataset.data_version) + 1, "updated_at": now}
    if surveys:
        values["survey_version"] = col(Dataset.survey_version) + 1
    if dataset.kind in ("empty", "real") or replacing:
        values.update(kind="real", label=label)
    if dataset.kind == "empty" or replacing:
        values.update(loaded_at=now)
    connection.execute(update(Dataset).where(col(Dataset.id) == 1).values(**values))


def _logged(source: Source) -> dict[str, Any]:
    """What the import log keeps of where an import came from, cut to the log's lengths."""
    return {
        "who": source.who[:120] or "?",
        "via": source.via,
        "file_name": source.file_name[:300],
        "file_sha256": source.sha256,
        "entity": source.entity[:40],
        "mapping_name": source.mapping_name,
    }


def _log(connection: Connection, source: Source, outcome: Outcome, status: str, now: Any) -> int:
    total = outcome.total
    result = connection.execute(
        insert(ImportRun).values(
            started_at=now,
            finished_at=utcnow(),
            **_logged(source),
            status=status,
            rows=sum(total.as_dict().values()),
            added=total.added,
            updated=total.updated,
            unchanged=total.unchanged,
            rejected=total.rejected,
            detail={name: c.as_dict() for name, c in outcome.tables.items()},
        )
    )
    return inserted_id(result)


def _audit(connection: Connection, source: Source, outcome: Outcome) -> None:
    """The import's event in the audit trail, in the import's own transaction."""
    total = outcome.total
    audit.record(
        connection,
        audit.IMPORT,
        source.actor or source.who,
        {
            "entity": source.entity,
            "file_name": source.file_name,
            "added": total.added,
            "changed": total.updated,
            "name_given": source.who,
            "via": source.via,
        },
    )


def _log_failure(engine: Engine, source: Source, counts: dict[str, Counts], reason: str) -> None:
    """Record an attempt that was rolled back (in its own small transaction)."""
    try:
        with engine.begin() as connection:
            now = utcnow()
            connection.execute(
                insert(ImportRun).values(
                    started_at=now,
                    finished_at=now,
                    **_logged(source),
                    status="rolled_back",
                    detail={},
                    message=reason[:2000],
                )
            )
    except SQLAlchemyError:
        pass  # the database is down: the import itself already failed cleanly
