"""The import log: every import with who, when, which file and what it changed."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import col

from dashboard.common.i18n import t
from dashboard.importing.entities import BY_NAME
from db.frames import read_frame
from db.models import ImportRun


def runs(engine: Engine, limit: int = 200) -> pd.DataFrame:
    """The latest imports first, with headed columns in the language of the run."""
    query = (
        select(
            col(ImportRun.started_at),
            col(ImportRun.who),
            col(ImportRun.via),
            col(ImportRun.file_name),
            col(ImportRun.entity),
            col(ImportRun.status),
            col(ImportRun.added),
            col(ImportRun.updated),
            col(ImportRun.unchanged),
            col(ImportRun.rejected),
            col(ImportRun.mapping_name),
            col(ImportRun.message),
        )
        .order_by(col(ImportRun.started_at).desc(), col(ImportRun.id).desc())
        .limit(limit)
    )
    with engine.connect() as connection:
        frame = read_frame(connection, query)
    statuses = {"committed": t("Written"), "rolled_back": t("Rolled back, nothing written")}
    frame["entity"] = frame["entity"].map(
        lambda name: BY_NAME[name].label if name in BY_NAME else t("Everything (full export)")
    )
    frame["status"] = frame["status"].map(lambda s: statuses.get(s, s))
    frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True).dt.strftime(
        "%Y-%m-%d %H:%M UTC"
    )
    return frame.rename(
        columns={
            "started_at": t("When"),
            "who": t("Who"),
            "via": t("Through"),
            "file_name": t("File"),
            "entity": t("What"),
            "status": t("Outcome"),
            "added": t("Added"),
            "updated": t("Updated"),
            "unchanged": t("Unchanged"),
            "rejected": t("Left out"),
            "mapping_name": t("Mapping"),
            "message": t("Why it stopped"),
        }
    )
