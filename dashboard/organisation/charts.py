"""The Organisation page's chart: the peers' spread on each figure, a dot per ranked peer,
the organisation highlighted and Wales's figure as a line, with its data table holding
exactly what is drawn (no Streamlit here)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.charts import PALETTE, escape_label, figure, layout
from dashboard.common.i18n import t
from dashboard.organisation.profile import Profile
from dashboard.organisation.words import group_words, measure_names, position_words

PEER_COLOUR = "#9E9E9E"
OWN_COLOUR = PALETTE[5]  # vermillion: apart from the grey peers, and from the Wales line
WALES_COLOUR = PALETTE[0]


def spread_table(profile: Profile) -> pd.DataFrame:
    """One row per ranked organisation and share figure drawn: figure, organisation code,
    share (0 to 100), whether it is this organisation; plus each figure's Wales line."""
    names = measure_names()
    rows = []
    for key, position in profile.positions.items():
        if not position.measure.share:
            continue
        peers = position.peers
        for code, row in peers[peers["ranked"] | (peers.index == profile.code)].iterrows():
            rows.append(
                {
                    t("Figure"): names[key],
                    t("Organisation code"): code,
                    t("Share of services (%)"): round(100 * float(row["value"]), 1)
                    if pd.notna(row["value"])
                    else None,
                    t("This organisation"): code == profile.code,
                    t("Services counted"): int(row["part"]),
                    t("Of services"): int(row["whole"]),
                }
            )
        rows.append(
            {
                t("Figure"): names[key],
                t("Organisation code"): t("Wales"),
                t("Share of services (%)"): None
                if position.wales is None
                else round(100 * position.wales, 1),
                t("This organisation"): False,
                t("Services counted"): position.wales_part,
                t("Of services"): position.wales_whole,
            }
        )
    return pd.DataFrame(rows)


def spread_figure(profile: Profile, name: str) -> go.Figure:
    """A row per share figure: the ranked peers as grey dots, the organisation as a large
    dot, Wales as a line. The title is its place on services digital end to end."""
    table = spread_table(profile)
    figure_col, code_col = t("Figure"), t("Organisation code")
    share_col, own_col = t("Share of services (%)"), t("This organisation")
    wales = table[code_col] == t("Wales")
    peers = table[~wales & ~table[own_col]]
    own = table[table[own_col]]
    order = list(dict.fromkeys(table[figure_col]))

    def dots(
        rows: pd.DataFrame, name: str, marker: dict[str, object], hover: str
    ) -> dict[str, object]:
        return {
            "type": "scatter",
            "x": rows[share_col].tolist(),
            "y": rows[figure_col].tolist(),
            "mode": "markers",
            "name": name,
            "marker": marker,
            "hovertemplate": hover + "%{x:.0f}%<extra></extra>",
        }

    data = [
        dots(peers, t("Peers ranked"), {"color": PEER_COLOUR, "size": 9, "opacity": 0.7}, ""),
        dots(
            table[wales],
            t("Wales"),
            {
                "color": WALES_COLOUR,
                "size": 26,
                "symbol": "line-ns",
                "line": {"width": 3, "color": WALES_COLOUR},
            },
            t("Wales") + ": ",
        ),
        dots(
            own,
            escape_label(name),
            {
                "color": OWN_COLOUR,
                "size": 15,
                "symbol": "diamond",
                "line": {"color": "#000000", "width": 1},
            },
            "",
        ),
    ]
    end = profile.positions["end_to_end"]
    shape = layout(
        position_words(end, profile.group),
        height=120 + 52 * len(order),
        subtitle=t(
            "Share of services on each figure: {name} beside {group} (each ranked peer a "
            "dot) and Wales (a line)",
            name=escape_label(name),
            group=group_words(profile.group, profile.group.size),
        ),
        xaxis={"range": [-3, 103], "ticksuffix": "%", "title": {"text": t("Share of services")}},
        yaxis={"categoryorder": "array", "categoryarray": order[::-1], "automargin": True},
    )
    return figure(data, shape)
