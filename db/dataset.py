"""Reading and stamping the dataset row: what is loaded, and the data version caches key on."""

from __future__ import annotations

from sqlalchemy import text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from db.models import Dataset
from db.models.columns import utcnow


def read_data_version(engine: Engine) -> int:
    """The current data version; a tiny query run on every page load to key the caches."""
    with engine.connect() as connection:
        version = connection.execute(text("SELECT data_version FROM dataset WHERE id = 1")).scalar()
    return int(version or 0)


def read_survey_version(engine: Engine) -> int:
    """Moves on with every survey save; keys the caches of survey progress."""
    with engine.connect() as connection:
        version = connection.execute(
            text("SELECT survey_version FROM dataset WHERE id = 1")
        ).scalar()
    return int(version or 0)


def get_dataset(session: Session) -> Dataset | None:
    return session.exec(select(Dataset).where(Dataset.id == 1)).first()


def stamp_dataset(session: Session, kind: str, label: str, seed: int | None = None) -> Dataset:
    """Record what the store now holds and move the data version on (inside the caller's transaction)."""
    dataset = get_dataset(session)
    now = utcnow()
    if dataset is None:
        dataset = Dataset(id=1, kind=kind, label=label, seed=seed, loaded_at=now, updated_at=now)
    else:
        dataset.kind, dataset.label, dataset.seed = kind, label, seed
        dataset.data_version += 1
        dataset.loaded_at = dataset.updated_at = now
    session.add(dataset)
    session.flush()
    return dataset


def bump_data_version(session: Session) -> None:
    """Call inside every write transaction so shared caches drop the stale data."""
    session.execute(
        update(Dataset)
        .where(col(Dataset.id) == 1)
        .values(data_version=col(Dataset.data_version) + 1, updated_at=utcnow())
    )
