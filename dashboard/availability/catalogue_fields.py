"""The catalogue's own fields that are not recorded, with how many services each is missing
for: a gap is a finding, as a missing metric is."""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import t

#: Catalogue fields that may be not recorded, as the services frame names them.
FIELDS = ("digitisation_level", "stage", "contracting_type", "welsh_provision", "service_area")


def field_names() -> dict[str, str]:
    return {
        "digitisation_level": t("Digitisation level"),
        "stage": t("Stage"),
        "contracting_type": t("Contracting type"),
        "welsh_provision": t("Welsh language"),
        "service_area": t("Service area"),
        "sector": t("Sector"),
    }


def not_recorded_fields(services: pd.DataFrame) -> pd.DataFrame:
    """One row per catalogue field with at least one service not recording it: the field, how
    many services have it not recorded, and of how many; most gaps first."""
    names = field_names()
    rows = [
        (names[field], int(services[field].isna().sum()), len(services))
        for field in (*FIELDS, "sector")
        if field in services
    ]
    table = pd.DataFrame(rows, columns=[t("Catalogue field"), t("Not recorded"), t("Services")])
    table = table[table[t("Not recorded")] > 0]
    return table.sort_values(t("Not recorded"), ascending=False, kind="stable").reset_index(
        drop=True
    )
