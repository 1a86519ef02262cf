"""One organisation's profile: its peers and its place on every figure, from the figures
worked out once per data version (no Streamlit here). A new choice of organisation is a
selection of rows and a sort: milliseconds at any catalogue size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.organisation.figures import MEASURES, OrganisationFigures
from dashboard.organisation.peers import PeerGroup, Position, peer_group, position


@dataclass(frozen=True)
class Profile:
    code: str
    name_en: str
    name_cy: str | None
    group: PeerGroup
    positions: dict[str, Position]
    journeys: int
    deep_dives: int


def profile(figures: OrganisationFigures, code: str, chosen: Iterable[str] = ()) -> Profile | None:
    """The profile of organisation `code` among its peers (those `chosen`, where the reader
    chose some), or None when no organisation has that code."""
    if not figures.knows(code):
        return None
    table = figures.table
    group = peer_group(table, code, chosen)
    row = table.loc[[code]].iloc[0]
    return Profile(
        code=code,
        name_en=str(row["name_en"]),
        name_cy=None if row["name_cy"] is None else str(row["name_cy"]),
        group=group,
        positions={m.key: position(table, group, code, m) for m in MEASURES},
        journeys=int(row["journeys"]),
        deep_dives=int(row["deep_dives"]),
    )
