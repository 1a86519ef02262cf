"""The Technology landscape page's charts and the tables behind them (frame in, Figure out).

A chart and its table are made from the same counts, so the PNG, the CSV and the XLSX hold
exactly what the screen shows: a suppressed count is "[c]" in the table and a bar left out
of the chart, labelled "[c]", never a zero.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.charts import PALETTE, escape_label, figure, layout
from dashboard.common.disclosure import SUPPRESSED, Protected
from dashboard.common.i18n import t
from dashboard.technology.findings import coverage, finding
from dashboard.technology.gaps import ComponentGaps
from dashboard.technology.questions import option_names
from dashboard.technology.tables import Distribution

#: How many platforms and groups the charts show (the tables hold them all).
TOP = 10


def _bars(
    names: list[str],
    values: list[float | None],
    labels: list[str],
    title: str,
    subtitle: str,
    x_title: str,
) -> go.Figure:
    """Horizontal bars in the given order, each with its label at the bar's end."""
    largest = max((v for v in values if v is not None), default=0) or 1
    data: list[dict[str, Any]] = [
        {
            "type": "bar",
            "y": [escape_label(name) for name in names],
            "x": [0 if v is None else v for v in values],
            "orientation": "h",
            "marker": {"color": PALETTE[0]},
            "text": labels,
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{y}: %{text}<extra></extra>",
        }
    ]
    shape = layout(
        title,
        subtitle=subtitle,
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={
            "title": {"text": x_title},
            "range": [0, largest * 1.25],
            "tickformat": ",d",
            **({"dtick": 1} if largest <= 5 else {}),
        },
    )
    shape["height"] = max(280, shape["margin"]["t"] + 40 * len(names) + 70)
    return figure(data, shape)


def distribution_table(dist: Distribution, disclosed: Protected) -> pd.DataFrame:
    """What the chart draws: each option, its services ("[c]" where suppressed) and its
    share of the services answering."""
    names = option_names(dist.code)
    shown = disclosed.shown()
    drawn = disclosed.drawn()
    return pd.DataFrame(
        {
            t("Answer"): [names[str(option)] for option in dist.counts.index],
            t("Services"): shown.to_list(),
            t("Share of services answering"): [
                None if pd.isna(v) or not dist.answered else round(float(v) / dist.answered, 3)
                for v in drawn
            ],
            t("Services answering"): dist.answered,
            t("Services under the filter"): dist.services,
        }
    )


def distribution_figure(dist: Distribution, disclosed: Protected) -> go.Figure:
    """One question's answers as bars, in the question's order, titled with the finding."""
    names = option_names(dist.code)
    drawn = disclosed.drawn()
    values = [None if pd.isna(v) else float(v) for v in drawn]
    labels = [
        SUPPRESSED
        if v is None
        else f"{v:,.0f} ({v / dist.answered:.0%})"
        if dist.answered
        else f"{v:,.0f}"
        for v in values
    ]
    return _bars(
        [names[str(option)] for option in dist.counts.index],
        values,
        labels,
        finding(dist, disclosed),
        coverage(dist),
        t("Services"),
    )


def platform_finding(platforms: pd.DataFrame, answered: int) -> str:
    if platforms.empty:
        return t("Main platforms: no matching service has named one yet")
    top = platforms.iloc[0]
    return t(
        "“{platform}” is named most: {services} of {n} services, in {organisations} organisations",
        platform=str(top["Platform"]),
        services=f"{int(top['Services']):,}",
        n=f"{answered:,}",
        organisations=f"{int(top['Organisations']):,}",
    )


def platform_table(platforms: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("Main platform"): platforms["Platform"].to_list(),
            t("Services"): platforms["Services"].to_list(),
            t("Organisations"): platforms["Organisations"].to_list(),
        }
    )


def platform_figure(platforms: pd.DataFrame, answered: int, services: int) -> go.Figure:
    """The platforms named most, with how many organisations share each."""
    top = platforms.head(TOP)
    return _bars(
        top["Platform"].astype(str).to_list(),
        [float(v) for v in top["Services"]],
        [
            t(
                "{services} · {organisations} org.",
                services=f"{int(s):,}",
                organisations=f"{int(o):,}",
            )
            for s, o in zip(top["Services"], top["Organisations"], strict=True)
        ],
        platform_finding(platforms, answered),
        t(
            "The {top} named most, by services and organisations; {answered} of {services} "
            "services named a platform (names tidied lightly)",
            top=min(TOP, len(platforms)),
            answered=f"{answered:,}",
            services=f"{services:,}",
        ),
        t("Services"),
    )


def gap_finding(gaps: ComponentGaps, component: str) -> str:
    if not gaps.answered:
        return t("No matching service has said which shared components it uses")
    if not gaps.gap:
        return t(
            "No service without {component} asks for it: {without} of {answered} services "
            "answering lack it",
            component=component,
            without=f"{gaps.without:,}",
            answered=f"{gaps.answered:,}",
        )
    lead = gaps.by_group.iloc[0]
    return t(
        "{gap} of the {without} services without {component} ask for it; most in {group} ({count})",
        gap=f"{gaps.gap:,}",
        without=f"{gaps.without:,}",
        component=component,
        group=str(lead["Group"]),
        count=f"{int(lead['Of them asking for it']):,}",
    )


def gap_table(gaps: ComponentGaps, group_name: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            group_name: gaps.by_group["Group"].to_list(),
            t("Services answering"): gaps.by_group["Services answering"].to_list(),
            t("Without the component"): gaps.by_group["Without the component"].to_list(),
            t("Of them asking for it"): gaps.by_group["Of them asking for it"].to_list(),
        }
    )


def gap_figure(gaps: ComponentGaps, component: str) -> go.Figure:
    """The groups with most services in the gap."""
    top = gaps.by_group[gaps.by_group["Of them asking for it"] > 0].head(TOP)
    return _bars(
        top["Group"].astype(str).to_list(),
        [float(v) for v in top["Of them asking for it"]],
        [
            t(
                "{gap} of {without}",
                gap=f"{int(g):,}",
                without=f"{int(w):,}",
            )
            for g, w in zip(top["Of them asking for it"], top["Without the component"], strict=True)
        ],
        gap_finding(gaps, component),
        t(
            "Services without {component} whose owners ask for it, of those without it; "
            "{answered} services said which components they use",
            component=component,
            answered=f"{gaps.answered:,}",
        ),
        t("Services"),
    )
