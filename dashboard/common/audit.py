"""The audit trail: who imported, exported, made or withdrew a survey link, changed a role, and
when (no Streamlit here).

`record` writes one event through the session or connection of the change it records, so it
is in the same transaction: an import that rolls back leaves no event, and no event claims a
change the database does not hold. An export changes nothing, so `record_export` writes its
event in a transaction of its own. A survey link's token is never recorded, only its
service's code. `events` reads the trail back, newest first, for the Data page and
`landscape audit list`; every text in it (file names, filter words, names) is data, to be
shown literally.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any

import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col

from dashboard.common.i18n import t
from db.frames import read_frame
from db.models import AuditEvent
from db.models.audit import AUDIT_ACTIONS
from db.models.columns import utcnow

IMPORT = "import"
EXPORT = "export"
LINK_MADE = "survey_link_made"
LINK_WITHDRAWN = "survey_link_withdrawn"
#: Each change of the People and roles table (dashboard.common.people) records one.
ROLE_CHANGED = "role_changed"
SIGN_IN_REFUSED = "sign_in_refused"
ACTIONS = AUDIT_ACTIONS

#: The longest text kept of one particular (a file name, a filter summary).
MAX_TEXT = 1_000
#: The longest `who` kept (the column's width).
MAX_WHO = 200


def record(
    session: Session | Connection, action: str, who: str, detail: Mapping[str, object]
) -> None:
    """Add one event to the transaction `session` is in; it is written when that commits."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = {
        "at": utcnow(),
        "action": action,
        "who": " ".join(str(who).split())[:MAX_WHO] or "?",
        "detail": {str(key): _kept(value) for key, value in detail.items()},
    }
    session.execute(insert(AuditEvent).values(**row))


def _kept(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return [_kept(v) for v in value]
    return str(value)[:MAX_TEXT]


def record_export(
    engine: Engine, who: str, download: str, rows: int, filter_summary: str = ""
) -> None:
    """Record an export (which download, under which filter, how many rows) on its own."""
    with Session(engine) as session:
        record(
            session,
            EXPORT,
            who,
            {"download": download, "filter": filter_summary, "rows": int(rows)},
        )
        session.commit()


# -- reading the trail back -----------------------------------------------------------------------


def action_name(action: str) -> str:
    """An action in words, in the language of the run."""
    names = {
        IMPORT: t("Import"),
        EXPORT: t("Export"),
        LINK_MADE: t("Survey link made"),
        LINK_WITHDRAWN: t("Survey link withdrawn"),
        ROLE_CHANGED: t("Role changed"),
        SIGN_IN_REFUSED: t("Sign-in refused"),
    }
    return names.get(action, action)


def detail_words(action: str, detail: Mapping[str, Any]) -> str:
    """An event's particulars in words (text from data goes in as it is: show it literally)."""
    if action == IMPORT:
        return t(
            "{entity} from {file}: {added} added, {changed} changed",
            entity=detail.get("entity", ""),
            file=detail.get("file_name", ""),
            added=f"{int(detail.get('added') or 0):,}",
            changed=f"{int(detail.get('changed') or 0):,}",
        )
    if action == EXPORT:
        words = t(
            "{download}: {rows} rows",
            download=detail.get("download", ""),
            rows=f"{int(detail.get('rows') or 0):,}",
        )
        if detail.get("filter"):
            words += " · " + t("filter: {filter}", filter=detail["filter"])
        return words
    if action in (LINK_MADE, LINK_WITHDRAWN):
        return t(
            "service {service}, {role} link",
            service=detail.get("service", ""),
            role=detail.get("role", ""),
        )
    if action == ROLE_CHANGED:
        return t(
            "{person}: {before} → {after}",
            person=detail.get("person", ""),
            before=detail.get("before", "") or "–",
            after=detail.get("after", "") or "–",
        )
    return "; ".join(f"{key}: {value}" for key, value in detail.items())


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def events(
    engine: Engine,
    *,
    since: date | None = None,
    action: str | None = None,
    limit: int = 1_000,
) -> pd.DataFrame:
    """The latest events first: columns `at` (UTC), `action`, `who`, `detail` (a dict)."""
    query = select(
        col(AuditEvent.at), col(AuditEvent.action), col(AuditEvent.who), col(AuditEvent.detail)
    )
    if since is not None:
        query = query.where(col(AuditEvent.at) >= _start_of(since))
    if action is not None:
        query = query.where(col(AuditEvent.action) == action)
    query = query.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(limit)
    with engine.connect() as connection:
        return read_frame(connection, query)


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """`events` as people read it: headed columns in the language of the run, the action and
    its particulars in words, the time to the minute."""
    when = pd.to_datetime(frame["at"], utc=True).dt.strftime("%Y-%m-%d %H:%M UTC")
    return pd.DataFrame(
        {
            t("When"): when.astype(object),
            t("Action"): [action_name(a) for a in frame["action"]],
            t("Who"): frame["who"].astype(object),
            t("Detail"): [
                detail_words(a, d or {})
                for a, d in zip(frame["action"], frame["detail"], strict=True)
            ],
        },
        columns=[t("When"), t("Action"), t("Who"), t("Detail")],
    )
