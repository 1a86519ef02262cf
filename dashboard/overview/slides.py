"""The Overview's slides for the Present page: headline figures, digitisation, themes, journeys
and survey progress, each from the Overview's own tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.common.charts import SEQUENTIAL, stacked_bars
from dashboard.common.figure_words import percent
from dashboard.common.i18n import t, term, tn
from dashboard.common.slides import Fact, Slide, chart_slide
from dashboard.overview import figures as overview_figures
from dashboard.overview.headline import end_to_end_by_filter, end_to_end_value
from dashboard.overview.journeys import JOURNEY_BANDS
from dashboard.overview.tables import Overview
from db.vocabulary import SECTORS


def headline_slide(model: Overview) -> Slide:
    """The headline figures, each with the coverage it rests on."""
    figures = model.headline
    # the scope is the title; the tiles below are what it holds, each with its coverage
    title = tn("{n} service", "{n} services", figures.services, n=f"{figures.services:,}")
    title += " " + tn(
        "from {n} organisation",
        "from {n} organisations",
        figures.organisations,
        n=f"{figures.organisations:,}",
    )
    facts = [
        Fact(
            t("Digital end to end"),
            end_to_end_value(figures, *model.level_range),
            end_to_end_by_filter(*model.level_range)
            or (
                t(
                    "{count} of {total} services at level 3 or 4",
                    count=f"{figures.digital_end_to_end:,}",
                    total=f"{figures.services:,}",
                )
                if figures.level_known == figures.services
                else t(
                    "{count} of {total} services with a level recorded are at level 3 or 4 "
                    "({missing} not recorded)",
                    count=f"{figures.digital_end_to_end:,}",
                    total=f"{figures.level_known:,}",
                    missing=f"{figures.services - figures.level_known:,}",
                )
            ),
        ),
        Fact(
            t("Metrics with a figure"),
            percent(figures.share_metrics_with_value),
            t(
                "{count} of {total} answers, from {services} services",
                count=f"{figures.metric_answers_with_value:,}",
                total=f"{figures.metric_answers_expected:,}",
                services=f"{figures.services_reporting_metrics:,}",
            ),
        ),
        Fact(
            t("Deep dives surveyed"),
            t(
                "{count} of {total}",
                count=f"{figures.deep_dives_surveyed:,}",
                total=f"{figures.deep_dives_planned:,}",
            ),
            t("generalist survey submitted"),
        ),
        Fact(
            t("Journeys"),
            f"{figures.journeys:,}",
            t(
                "held by {count} services; each service counts once",
                count=f"{figures.services_with_journeys:,}",
            ),
        ),
    ]
    return Slide(
        "headline",
        title,
        facts=facts,
        notes=t(
            "Every figure counts a service once, however many journeys it holds. Metrics are "
            "users, transactions, digital take-up, completion rate, cost per transaction and "
            "satisfaction; an estimate counts as a figure."
        ),
    )


def levels_slide(model: Overview) -> Slide:
    return chart_slide(
        "levels",
        overview_figures.sector_level_figure(model.levels, level_range=model.level_range),
        t(
            "Digitisation levels: 0 not digital, 1 information online, 2 partly digital, "
            "3 digital end to end, 4 digital by default and joined up."
        ),
    )


def theme_slide(model: Overview, kind: str, bars: int) -> Slide:
    """The most reported challenges (`kind` "challenge") or aims ("opportunity")."""
    challenge = kind == "challenge"
    key = "challenges" if challenge else "opportunities"
    table = model.challenges if challenge else model.opportunities
    reporting = model.challenges_reporting if challenge else model.opportunities_reporting
    if table.empty or not reporting:
        return Slide(
            key,
            t("No matching service reported a challenge")
            if challenge
            else t("No matching service named an aim or opportunity"),
            message=t("Challenges come from the generalist survey; none is in yet.")
            if challenge
            else t("Aims come from the generalist survey; none is in yet."),
        )
    fig = overview_figures.theme_figure(table.head(bars), kind, reporting)
    notes = (
        t(
            "Of {count} services whose owners reported challenges; a service counts once per "
            "challenge.",
            count=f"{reporting:,}",
        )
        if challenge
        else t(
            "Of {count} services whose owners named aims; a service counts once per aim.",
            count=f"{reporting:,}",
        )
    )
    return chart_slide(key, fig, notes)


def journeys_slide(bands: pd.DataFrame) -> Slide:
    """Journeys by sector from `journey_bands`: how one need fans out, above all in health."""
    table = bands[bands["services"] > 0]
    if table.empty:
        return Slide(
            "journeys",
            t("No matching service has journeys recorded"),
            message=t("Journeys are counted where an owner has listed them."),
        )
    journeys = table[list(JOURNEY_BANDS)].sum(axis=1).to_numpy()
    leader = int(np.argmax(journeys))  # the first of the sectors with the most
    title = t(
        "{sector}: {services} services hold {journeys} of the {total} journeys, up to {most} "
        "for one service",
        sector=term(SECTORS, str(table.index[leader])),
        services=f"{int(table['services'].to_numpy()[leader]):,}",
        journeys=f"{int(journeys[leader]):,}",
        total=f"{int(journeys.sum()):,}",
        most=f"{int(table['most'].to_numpy()[leader]):,}",
    )
    bands = pd.DataFrame(
        {
            t("From a service with one journey"): table["one"].to_numpy(),
            t("From services with 2 to 9"): table["few"].to_numpy(),
            t("From services with 10 or more"): table["many"].to_numpy(),
        },
        index=[term(SECTORS, code) for code in table.index],
    )
    fig = stacked_bars(
        bands,
        title,
        colours=SEQUENTIAL[2:],
        x_title=t("Journeys"),
        subtitle=t("Journeys by sector, split by how many journeys the service holding them has"),
    )
    return chart_slide(
        "journeys",
        fig,
        t(
            "One user need can fan out into many journeys, above all in health. Every other "
            "figure counts a service once, however many journeys it holds."
        ),
    )


def surveys_slide(model: Overview) -> Slide:
    return chart_slide("surveys", overview_figures.survey_figure(model.progress))
