"""What the database holds (demo, generated or real data) and its data version for caches."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from db.models.columns import TableModel, one_of, utcnow
from db.vocabulary import DATASET_KINDS, codes


class Dataset(TableModel, table=True):
    """A single row (id 1) describing the loaded data set.

    `data_version` is bumped by every write so caches keyed on it drop exactly when data changes.
    """

    __tablename__ = "dataset"
    __table_args__ = (one_of("kind", codes(DATASET_KINDS), "ck_dataset_kind"),)

    id: int = Field(default=1, primary_key=True)
    kind: str = Field(max_length=20)
    label: str = Field(max_length=200)
    seed: int | None = None
    data_version: int = 1
    #: Moved on by every survey save: keys the survey-progress caches without reloading the
    #: catalogue (a submitted survey moves `data_version` too, as it changes the catalogue).
    survey_version: int = 1
    loaded_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
