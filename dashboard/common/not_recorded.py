"""Not recorded: a value a steward stored as unknown (NULL), shown in words and counted in
coverage, never guessed and never counted as a level, a sector or a stage."""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import t, tn

#: What stands for "not recorded" in a filter and its link (`?level=none`, `?sector=none`).
NOT_RECORDED = "none"


def not_recorded() -> str:
    """The words a page shows where a field holds no value."""
    return t("not recorded")


def known_count(values: pd.Series) -> int:
    """How many of `values` are recorded (not NULL)."""
    return int(values.notna().sum())


def coverage_line(field: str, known: int, total: int) -> str:
    """E.g. "Digitisation level known for 412 of 2,485 services"; `field` is the field's name
    in the reader's language."""
    return tn(
        "{field} known for {known} of {n} service",
        "{field} known for {known} of {n} services",
        total,
        field=field,
        known=f"{known:,}",
        n=f"{total:,}",
    )


def level_coverage(services: pd.DataFrame) -> str:
    """The coverage line of the digitisation level over `services`."""
    return coverage_line(
        t("Digitisation level"), known_count(services["digitisation_level"]), len(services)
    )
