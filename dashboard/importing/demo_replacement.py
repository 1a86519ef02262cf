"""Real data and invented data never mix silently.

An import of real rows into a store holding the demo (or a generated) data set either replaces
that data set, in the same transaction, or is refused with what to do. Once real data is in,
the store's label says where it came from: "Imported data: <file> by <who>, <date>".
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import col

from dashboard.common.i18n import t
from dashboard.importing.problems import ImportFailure
from db.demo.rounds import clear_rounds
from db.demo.write import clear_catalogue
from db.models import Dataset

INVENTED = ("demo", "generated")
LABEL_LENGTH = 200


def stored_kind(engine: Engine) -> str:
    """What the store holds: empty, demo, generated or real (empty when it has no dataset row)."""
    with engine.connect() as connection:
        kind = connection.execute(select(col(Dataset.kind)).where(col(Dataset.id) == 1)).scalar()
    return str(kind or "empty")


def holds_invented(engine: Engine) -> bool:
    """The store holds the demo or a generated data set, which real rows must not join."""
    return stored_kind(engine) in INVENTED


def refusal() -> ImportFailure:
    return ImportFailure(
        t(
            "The store holds the invented demo data, and real rows must not mix with it, so "
            "nothing was written."
        ),
        t(
            "Choose to replace the demo data with this import (on the command line, "
            "--replace-demo); the demo's organisations, services, answers and journeys are "
            "then removed in the same transaction."
        ),
    )


def refuse_unless_replacing(engine: Engine, replace_demo: bool) -> None:
    """Raise the refusal when real rows would join invented ones."""
    if not replace_demo and holds_invented(engine):
        raise refusal()


def clear(connection: Connection) -> None:
    """Remove the invented catalogue and its invented rounds (inside the import's
    transaction): the real data starts in a round of its own."""
    clear_catalogue(connection)
    clear_rounds(connection)


def imported_label(file_name: str, who: str, when: datetime) -> str:
    """The store's label once real data is in (stored, so in English, like every label)."""
    label = f"Imported data: {file_name} by {who or '?'}, {when:%Y-%m-%d}"
    return label[:LABEL_LENGTH]
