"""An organisation's peers, and its place among them on each figure (no Streamlit here).

Peers are the organisations it is fairly compared with: for a principal council the other
principal councils, for a local health board the other health boards, for any other body the
organisations of its sector. The reader may narrow that group to the peers they choose (the
councils they count as similar, say): the catalogue holds no published grouping (urban,
valleys, rural) to define "similar councils" from, so none is built in, and a chosen group is
always said to be chosen.

The place is the standard competition ranking ("1224"): one more than the number of ranked
peers with a higher figure, so organisations with the same figure share a place and the words
say "joint". Shares are compared in whole percent, as a reader sees them: 45.2% and 44.8% are
both "45%" and tie. An organisation with fewer than `THRESHOLD` services behind a figure is
left out of that figure's ranking (its share rests on too few services to place it, and, as
the disclosure rule says, would pick out the services behind it); the chosen organisation
itself is then "not ranked", and the page says how many peers were left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.disclosure import THRESHOLD
from dashboard.organisation.figures import Measure

COUNCIL, HEALTH_BOARD = "principal_council", "local_health_board"


@dataclass(frozen=True)
class PeerGroup:
    """Who an organisation is compared with: `kind` is "councils", "health_boards" or
    "sector" (`sector` its code; None where the organisation has no sector recorded).
    `codes` holds every member, the organisation too, in the table's order. `chosen`: the
    reader narrowed the group to these members."""

    kind: str
    sector: str | None
    codes: tuple[str, ...]
    chosen: bool = False

    @property
    def size(self) -> int:
        return len(self.codes)


def peer_group(table: pd.DataFrame, code: str, chosen: Iterable[str] = ()) -> PeerGroup:
    """The organisation's peers in `table` (figures.OrganisationFigures.table): its whole
    group, or the members of it in `chosen` (codes outside the group are ignored; none left:
    the whole group)."""
    group = _whole_group(table, code)
    picked = set(chosen) & set(group.codes) - {code}
    if not picked:
        return group
    members = tuple(member for member in group.codes if member == code or member in picked)
    return PeerGroup(group.kind, group.sector, members, chosen=True)


def comparable(table: pd.DataFrame, code: str) -> tuple[str, ...]:
    """The organisations a reader may choose as `code`'s peers: the rest of its whole group."""
    return tuple(member for member in _whole_group(table, code).codes if member != code)


def _whole_group(table: pd.DataFrame, code: str) -> PeerGroup:
    row = table.loc[[code]].iloc[0]
    org_type, sector = row["org_type"], row["sector"]
    if org_type in (COUNCIL, HEALTH_BOARD):
        kind = "councils" if org_type == COUNCIL else "health_boards"
        members = table["org_type"].astype(object) == org_type
        return PeerGroup(kind, None if sector is None else str(sector), _codes(table, members))
    if sector is None or sector != sector:
        members = table["sector"].isna()
        return PeerGroup("sector", None, _codes(table, members))
    members = table["sector"].astype(object) == sector
    return PeerGroup("sector", str(sector), _codes(table, members))


def _codes(table: pd.DataFrame, members: pd.Series) -> tuple[str, ...]:
    return tuple(str(code) for code in table.index[members.to_numpy(dtype=bool)])


def compared_value(part: np.ndarray, whole: np.ndarray, share: bool) -> np.ndarray:
    """What places are decided on: a share in whole percent, or the count itself."""
    if not share:
        return part.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(whole > 0, np.round(100 * part / np.maximum(whole, 1)), np.nan)


@dataclass(frozen=True)
class Position:
    """The organisation's figure on one measure, and its place among its peers.

    `place` is None when it is not ranked (fewer than THRESHOLD services behind its figure);
    `joint` when another ranked peer has the same figure; `ranked` counts the peers ranked
    (the organisation too, if it is); `left_out` the other peers with too few services.
    `wales_part` of `wales_whole` is the figure for every organisation together. `peers`:
    one row per member of the group (index: code) with part, whole, value (a share 0 to 1, or
    the count), ranked, place.
    """

    measure: Measure
    part: int
    whole: int
    place: int | None
    joint: bool
    ranked: int
    left_out: int
    wales_part: int
    wales_whole: int
    peers: pd.DataFrame

    @property
    def value(self) -> float | None:
        return _value(self.part, self.whole, self.measure.share)

    @property
    def wales(self) -> float | None:
        return _value(self.wales_part, self.wales_whole, self.measure.share)


def _value(part: int, whole: int, share: bool) -> float | None:
    if not share:
        return float(part)
    return part / whole if whole else None


def ranking(table: pd.DataFrame, codes: tuple[str, ...], measure: Measure) -> pd.DataFrame:
    """Every member's part, whole, value, whether it is ranked and its place (the
    competition ranking over the ranked members; NA where not ranked)."""
    rows = table.loc[list(codes)]
    part = rows[measure.part].to_numpy(dtype=np.int64)
    whole = rows[measure.whole].to_numpy(dtype=np.int64)
    ranked = whole >= THRESHOLD
    compared = compared_value(part, whole, measure.share)
    ranked &= ~np.isnan(compared)
    scores = np.sort(compared[ranked])
    # places: 1 + how many ranked members have a strictly higher figure
    higher = len(scores) - np.searchsorted(scores, compared, side="right")
    place = pd.array(np.where(ranked, higher + 1, 0), dtype="Int64")
    place[~ranked] = pd.NA
    with np.errstate(divide="ignore", invalid="ignore"):
        value = part / np.where(whole > 0, whole, np.nan) if measure.share else part.astype(float)
    return pd.DataFrame(
        {
            "part": part,
            "whole": whole,
            "value": value,
            "compared": compared,
            "ranked": ranked,
            "place": place,
        },
        index=pd.Index(list(codes), name="organisation_code"),
    )


def position(table: pd.DataFrame, group: PeerGroup, code: str, measure: Measure) -> Position:
    """The organisation `code`'s place among `group` on `measure`."""
    peers = ranking(table, group.codes, measure)
    row = peers.loc[[code]].iloc[0]
    ranked = peers["ranked"].to_numpy(dtype=bool)
    is_ranked = bool(row["ranked"])
    same = int((peers["compared"][ranked] == row["compared"]).sum()) if is_ranked else 0
    left_out = int((~ranked).sum()) - (0 if is_ranked else 1)
    return Position(
        measure=measure,
        part=int(row["part"]),
        whole=int(row["whole"]),
        place=int(row["place"]) if is_ranked else None,
        joint=same > 1,
        ranked=int(ranked.sum()),
        left_out=left_out,
        wales_part=int(table[measure.part].sum()),
        wales_whole=int(table[measure.whole].sum()),
        peers=peers,
    )
