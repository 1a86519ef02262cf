"""Dates and times as people in Wales read them: UK time, month names in the current language."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from babel.dates import get_month_names

from dashboard.common.i18n import is_welsh, t

LONDON = ZoneInfo("Europe/London")
#: Month names from the Unicode CLDR data Babel carries (the demo's Welsh dates use the same).
MONTHS_EN = list(get_month_names("wide", locale="en_GB").values())
MONTHS_CY = list(get_month_names("wide", locale="cy").values())


def _uk(moment: datetime) -> datetime:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(LONDON)
    except OverflowError:  # at the very edge of the calendar (year 1, or 9999): as stored
        return moment


def day(moment: datetime) -> str:
    """E.g. "4 March 2026" / "4 Mawrth 2026"."""
    local = _uk(moment)
    month = (MONTHS_CY if is_welsh() else MONTHS_EN)[local.month - 1]
    return f"{local.day} {month} {local.year}"


def moment_text(moment: Any) -> str:
    """E.g. "4 March 2026, 14:05" in UK time; "never" for no time at all."""
    if moment is None or pd.isna(moment):
        return t("never")
    if isinstance(moment, pd.Timestamp):
        moment = moment.to_pydatetime()
    return f"{day(moment)}, {_uk(moment):%H:%M}"
