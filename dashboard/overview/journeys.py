"""How many journeys the matching services hold: one user need can fan out into many."""

from __future__ import annotations

import pandas as pd

from db.vocabulary import SECTORS

#: How many journeys the service holding a journey has: the fan-out of one user need.
JOURNEY_BANDS = ("one", "few", "many")


def journey_bands(services: pd.DataFrame) -> pd.DataFrame:
    """Journeys by sector (codes, in the vocabulary's order), split by how many journeys the
    service that holds them has (one, 2 to 9, 10 or more); with each sector's services that
    hold journeys and the largest count held by one service."""
    held = services.loc[services["journeys"] > 0, ["sector", "journeys"]]
    counts = held["journeys"]
    band = pd.cut(counts, [0, 1, 9, float("inf")], labels=list(JOURNEY_BANDS))
    sectors = [s.code for s in SECTORS]
    sector = held["sector"].astype(str)
    table = counts.groupby([sector, band], observed=False).sum().unstack(fill_value=0)
    table = table.reindex(index=sectors, columns=list(JOURNEY_BANDS), fill_value=0)
    table["services"] = counts.groupby(sector).size().reindex(sectors, fill_value=0)
    table["most"] = counts.groupby(sector).max().reindex(sectors, fill_value=0)
    table.columns.name = None
    return table.fillna(0).astype(int)
