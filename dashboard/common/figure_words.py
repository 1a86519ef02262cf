"""Words every page uses around its figures: a share as people read it, and what is counted."""

from __future__ import annotations

from dashboard.common.i18n import t, tn


def percent(share: float | None) -> str:
    """A share in whole percent ("42%"), or a dash where there is none to give."""
    return "–" if share is None else f"{share:.0%}"


def counting_note(journeys: int, holders: int) -> str:
    """What the Insight figures count: each service once, never once per journey, and how
    many journeys the matching services hold between them."""
    if not journeys:
        return t(
            "Figures here count each service once, never once per journey; the matching "
            "services have no separate journeys recorded."
        )
    return tn(
        "Figures here count each service once, never once per journey: {holders} of the "
        "matching services hold {count} journey between them (one user need can fan out into "
        "many, as in health).",
        "Figures here count each service once, never once per journey: {holders} of the "
        "matching services hold {count} journeys between them (one user need can fan out into "
        "many, as in health).",
        journeys,
        holders=f"{holders:,}",
        count=f"{journeys:,}",
    )
