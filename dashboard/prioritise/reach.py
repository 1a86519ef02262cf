"""Reach against digitisation: every service with a known reach counted by digitisation level
and reach band, with the cells that hold the top-ranked services."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.i18n import t
from dashboard.common.names import level_names, service_names

#: Reach bands of the reach chart: two to a power of ten (1 to 3.2, 3.2 to 10, 10 to 32, ...).
BANDS_PER_DECADE = 2


def band_edge(band: int) -> float:
    """The lower edge of reach band `band` (band 0 starts at 1 a year)."""
    return float(10 ** (band / BANDS_PER_DECADE))


def reach_bands(reach: np.ndarray) -> np.ndarray:
    """The band of each reach (all above 0): a reach on an edge belongs to the band above it."""
    # the nudge keeps 1,000 in the band that starts at 1,000 where log10 rounds just below 3
    bands: np.ndarray = np.floor(np.log10(reach) * BANDS_PER_DECADE + 1e-9).astype(int)
    return bands


def reach_cells(reach: pd.Series, levels: pd.Series, ranks: pd.Series) -> pd.DataFrame:
    """Services with a known reach (above 0) counted by digitisation level and reach band.

    All three series share the services' index; `ranks` holds the rank of the top-ranked
    services (blank for the others). One row per cell that has a service, ordered by level
    then band: level, band, low and high (the band's edges, a year), services (how many) and
    top (the ranks of the top-ranked services in it, lowest first; empty for most cells).
    Every service is counted: at national scale nothing is sampled.
    """
    values = reach.to_numpy(dtype=float)
    # a service with no level recorded has no column to stand in: never placed at a guess
    has_level = levels.notna().to_numpy()
    known = np.isfinite(values) & (values > 0) & has_level
    frame = pd.DataFrame(
        {
            "level": levels.to_numpy()[known].astype(int),
            "band": reach_bands(values[known]),
            "rank": ranks.to_numpy(dtype=float)[known],
        }
    )
    cells = frame.groupby(["level", "band"], sort=True).size().rename("services").reset_index()
    ranked = frame[frame["rank"].notna()].sort_values("rank")
    tops = {
        cell: tuple(int(rank) for rank in ranks)
        for cell, ranks in ranked.groupby(["level", "band"])["rank"]
    }
    cells["top"] = [
        tops.get((lv, b), ()) for lv, b in zip(cells["level"], cells["band"], strict=True)
    ]
    cells["low"] = [band_edge(b) for b in cells["band"]]
    cells["high"] = [band_edge(b + 1) for b in cells["band"]]
    return cells[["level", "band", "low", "high", "services", "top"]]


@dataclass(frozen=True)
class ReachView:
    """What the reach chart shows for one ranking: the cells, the top-ranked services placed
    on them (by rank, with their names for the hover), the chart's words, its data table, and
    the top-ranked services it cannot place, named with why."""

    cells: pd.DataFrame  # reach_cells(); empty when no matching service has a known reach
    rank_names: dict[int, str]
    title: str
    subtitle: str
    table: pd.DataFrame  # fixed English keys (dashboard.common.headers)
    unknown: str  # "" or the top-ranked services with neither users nor transactions
    zero: str  # "" or the top-ranked services whose users and transactions are 0
    no_level: str = ""  # "" or the top-ranked services with no digitisation level recorded
    short: str = ""  # "" or the top-ranked services whose figures are all for shorter periods


def _listed(rows: pd.DataFrame) -> str:
    return "; ".join(
        f"{rank}. {service} ({organisation})"
        for rank, service, organisation in zip(
            rows["Rank"], rows["Service"], rows["Organisation"], strict=True
        )
    )


def reach_view(parts: pd.DataFrame, services: pd.DataFrame, top: pd.DataFrame) -> ReachView:
    """The reach chart of the matching services (`parts`, `services`: the same index) with the
    top of the ranking (`top`: score.ranked()'s first rows) marked, in the current language."""
    reach = parts["users"].fillna(parts["transactions"])
    top_ranks = pd.Series(top["Rank"].to_numpy(), index=top["_id"].to_numpy())
    levels = services.loc[reach.index, "digitisation_level"]
    cells = reach_cells(reach, levels, top_ranks.reindex(reach.index))
    placed = {rank for ranks in cells["top"] for rank in ranks}
    on_chart = top_ranks[top_ranks.isin(placed)]
    rank_names = dict(
        zip(
            on_chart.astype(int),
            service_names(services.loc[on_chart.index]),
            strict=True,
        )
    )
    title = (
        t("The top {top} by score, against every service with a known reach", top=len(top))
        if len(on_chart) == len(top)
        else t(
            "{shown} of the top {top} by score, against every service with a known reach",
            shown=len(on_chart),
            top=len(top),
        )
    )
    subtitle = t(
        "Each grey cell counts the services at one digitisation level whose reach falls in its "
        "band ({total} in all): higher reaches more service users, further right is more digital",
        total=f"{int(cells['services'].sum()):,}",
    )
    level_words = level_names()
    table = pd.DataFrame(
        {
            "Digitisation level": [level_words[int(v)] for v in cells["level"]],
            "Reach from": cells["low"].round().astype(int).to_numpy(),
            "Reach to": cells["high"].round().astype(int).to_numpy(),
            "Services": cells["services"].to_numpy(),
            "Top ranked here": [", ".join(map(str, ranks)) for ranks in cells["top"]],
        }
    )
    top_reach = reach.reindex(top["_id"]).to_numpy()
    top_level = services["digitisation_level"].reindex(top["_id"]).notna().to_numpy()
    shorter = np.zeros(len(top), dtype=bool)
    for column in ("_users_short", "_transactions_short"):
        if column in parts:
            shorter |= parts[column].reindex(top["_id"]).notna().to_numpy()
    # a quarter's count is not a year's: such a service has no reach, and is named apart
    short = top[pd.isna(top_reach) & shorter]
    unknown = top[pd.isna(top_reach) & ~shorter]
    zero = top[~pd.isna(top_reach) & (np.nan_to_num(top_reach, nan=1.0) <= 0)]
    no_level = top[~pd.isna(top_reach) & (np.nan_to_num(top_reach, nan=0.0) > 0) & ~top_level]
    return ReachView(
        cells=cells,
        rank_names=rank_names,
        title=title,
        subtitle=subtitle,
        table=table,
        unknown=(
            t(
                "Not plotted, because the owner gave neither users nor transactions: {services}.",
                services=_listed(unknown),
            )
            if len(unknown)
            else ""
        ),
        short=(
            t(
                "Not plotted, because their users and transactions are given only for periods "
                "shorter than a year (a quarter's count is not a year's): {services}.",
                services=_listed(short),
            )
            if len(short)
            else ""
        ),
        zero=(
            t(
                "Not plotted, because their users and transactions are 0 (a log scale has no 0): "
                "{services}.",
                services=_listed(zero),
            )
            if len(zero)
            else ""
        ),
        no_level=(
            t(
                "Not plotted, because no digitisation level is recorded: {services}.",
                services=_listed(no_level),
            )
            if len(no_level)
            else ""
        ),
    )
