"""The Technology landscape page's sections: the main points, what the figures count, each
topic's charts, and where shared components would help."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.common.disclosure import THRESHOLD, suppression_note
from dashboard.common.i18n import language, local_name, t, tn
from dashboard.common.link_choices import LinkChoice
from dashboard.common.roles import SURVEY_COORDINATOR
from dashboard.technology import figures
from dashboard.technology.gaps import COMPONENT_THEMES
from dashboard.technology.main_points import main_points as technology_main_points
from dashboard.technology.questions import TOPICS, question_names, topic_names
from dashboard.technology.tables import TechnologyView
from dashboard.ui import insight_notes, store
from dashboard.ui.admin import has_role
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.link_choice import settle_choice, write_choice
from dashboard.ui.page_opening import PageView, method_link, show_main_points
from dashboard.ui.service_table import service_table

#: The page's choices kept in the link: `?topic=gaps&component=login&gap_by=type`.
TOPIC_PARAM, TOPIC_KEY = "topic", "technology_topic"
COMPONENT_KEY, GAP_BY_KEY = "technology_component", "technology_gap_by"
COMPONENT_CHOICE = LinkChoice("component", list(COMPONENT_THEMES), "forms")
GAP_BY_CHOICE = LinkChoice("gap_by", ["organisation", "type"], "organisation")


def today() -> date:
    """The day contract ends are counted from (part of the caches' key)."""
    return date.today()


def full_counts() -> bool:
    """Whether this session sees every count (a survey coordinator or administrator), not the
    suppressed ones."""
    return has_role(SURVEY_COORDINATOR)


def main_points(view: TechnologyView) -> None:
    show_main_points(technology_main_points(view, full_counts()))


def about(view: TechnologyView, page: PageView) -> None:
    """What the figures count and leave out; with no answers, why (and stop)."""
    box = (
        st.expander(t("About these figures"), icon=":material/info:")
        if view.responding
        else st.container()
    )
    with box:
        st.markdown(
            tn(
                "**{responding} of {n} matching service** has submitted the technology survey. "
                "Only submitted answers are counted: a draft can still change and its owner "
                "has not said it is ready.",
                "**{responding} of {n} matching services** have submitted the technology "
                "survey. Only submitted answers are counted: a draft can still change and its "
                "owner has not said it is ready.",
                view.services,
                responding=f"{view.responding:,}",
                n=f"{view.services:,}",
            )
            + (
                " "
                + tn(
                    "{drafts} more has it in draft.",
                    "{drafts} more have it in draft.",
                    view.drafts,
                    drafts=f"{view.drafts:,}",
                )
                if view.drafts
                else ""
            )
        )
        if view.responding:
            st.markdown(
                "\n".join(
                    [
                        "- "
                        + t(
                            "Each chart says how many services answered its question (N of M): "
                            "an owner can leave a question blank. Counts are of services, each "
                            "once; where a service can give several answers, they do not add "
                            "up to N."
                        ),
                        "- "
                        + t(
                            "Security answers (security operations cover, the last penetration "
                            "test, incidents) and vacancies are shown only as counts of at "
                            "least {n} services; a smaller count, and any count from which one "
                            "could be worked out, is shown as [c], as official statistics do. "
                            "The downloads follow the same rule. Administrators see every "
                            "count.",
                            n=THRESHOLD,
                        ),
                        "- "
                        + t(
                            "Main platforms are counted by their name tidied lightly (case, "
                            "punctuation, a leading “a” or “the”, words in brackets): two "
                            "spellings of one product may still count apart."
                        ),
                        "- "
                        + t(
                            "Identity checks are sorted by the words owners used (records, "
                            "documents, a call back, an online identity service, no check); an "
                            "answer can fall in more than one."
                        ),
                        "- "
                        + t(
                            "A contract's end is read where the answer gives a month and year or "
                            "a date, and counted from today."
                        ),
                        "- "
                        + t(
                            "Answers on integration and supplier lock-in are free text: read "
                            "them in each service's detail view."
                        ),
                        "- "
                        + t(
                            "Vacancies are counted as services with hard-to-fill posts, never "
                            "added up: one post can serve several services."
                        ),
                    ]
                )
            )
            method_link()
    if not view.responding:
        version = page.version
        services = store.guarded(store.services, version)
        answered = store.guarded(store.technology_answers, version, today()).answers.index
        insight_notes.explain_empty(
            version,
            view.services,
            t("None of the matching services has submitted the technology survey yet."),
            insight_notes.counter(version, services.index.isin(answered)),
            lambda part, n: tn(
                "without “{part}”: {count} service that submitted it",
                "without “{part}”: {count} services that submitted it",
                n,
                part=part,
                count=f"{n:,}",
            ),
        )
        st.stop()


def disclosure_line() -> None:
    """Above the security and vacancy charts: who sees what."""
    if full_counts():
        st.warning(
            t(
                "You are signed in as a survey coordinator or administrator, so every count is "
                "shown, however small. "
                "Do not publish or share these figures: others see counts under {n} services "
                "as [c].",
                n=THRESHOLD,
            ),
            icon=":material/lock_open:",
        )
    else:
        st.caption(suppression_note())


def choose_topic() -> str:
    """The topic, kept in the link (`?topic=gaps`)."""
    names = topic_names()
    topic_choice = LinkChoice(TOPIC_PARAM, list(names), "systems")
    settle_choice(topic_choice, TOPIC_KEY)
    chosen = (
        st.segmented_control(
            t("Topic"),
            list(names),
            format_func=names.__getitem__,
            key=TOPIC_KEY,
            required=True,
        )
        or "systems"
    )
    write_choice(topic_choice, TOPIC_KEY, chosen)
    return chosen


def question_chart(view: TechnologyView, code: str, page: PageView) -> None:
    dist = view.distribution(code)
    full = full_counts()
    disclosed = dist.disclosed(full)
    name = question_names()[code]
    note = ""
    source = page.source
    if dist.protected:
        note = (
            t("Shown in full to an administrator: not for publication.")
            if full
            else suppression_note()
        )
        source = f"{page.source} {note}"
    chart_panel(
        figures.distribution_figure(dist, disclosed),
        figures.distribution_table(dist, disclosed),
        name=name,
        key=f"technology_{code}",
        filter_summary=page.summary,
        source=source,
        note=note,
    )


def platforms(view: TechnologyView, page: PageView) -> None:
    chart_panel(
        figures.platform_figure(view.platforms, view.platform_answers, view.services),
        figures.platform_table(view.platforms),
        name=t("Main platforms"),
        key="technology_platforms",
        filter_summary=page.summary,
        source=page.source,
        note=t(
            "Every platform named, by its name tidied lightly, with the services and "
            "organisations naming it."
        ),
    )


def topic(view: TechnologyView, chosen: str, page: PageView) -> None:
    if chosen == "gaps":
        gaps(page)
        return
    if chosen in ("security", "skills"):
        disclosure_line()
    if chosen == "systems":
        platforms(view, page)
    for code in TOPICS[chosen]:
        question_chart(view, code, page)


def component_phrases() -> dict[str, str]:
    return {
        "forms": t("a shared forms component"),
        "login": t("a shared login"),
        "payments": t("shared payments"),
        "notify": t("shared notifications"),
    }


def gap_groupings() -> dict[str, str]:
    return {"organisation": t("Organisation"), "type": t("Service type")}


def gaps(page: PageView) -> None:
    """Services without a shared component whose owners ask for it, by organisation or by
    service type."""
    phrases = component_phrases()
    settle_choice(COMPONENT_CHOICE, COMPONENT_KEY)
    settle_choice(GAP_BY_CHOICE, GAP_BY_KEY)
    left, right = st.columns([3, 2])
    component = (
        left.segmented_control(
            t("Component"),
            list(COMPONENT_THEMES),
            format_func=phrases.__getitem__,
            key=COMPONENT_KEY,
            required=True,
        )
        or "forms"
    )
    groupings = gap_groupings()
    by = (
        right.segmented_control(
            t("By"),
            list(groupings),
            format_func=groupings.__getitem__,
            key=GAP_BY_KEY,
            required=True,
            help=t(
                "By service type: the same gap across the organisations that run the same "
                "service, where one shared component would serve them all."
            ),
        )
        or "organisation"
    )
    write_choice(COMPONENT_CHOICE, COMPONENT_KEY, component)
    write_choice(GAP_BY_CHOICE, GAP_BY_KEY, by)
    themes = store.guarded(store.themes, page.version)
    wanted = COMPONENT_THEMES[component]
    names = themes.set_index("code")
    theme_names = [
        local_name(names.at[code, "name_en"], names.at[code, "name_cy"])
        for code in wanted
        if code in names.index
    ]
    st.caption(
        t(
            "Services whose technology survey says they do not use {component}, and whose "
            "owners report the matching aim: {themes}. Services that did not say which "
            "components they use are left out.",
            component=phrases[component],
            themes=", ".join(f"“{name}”" for name in theme_names),
        )
    )
    found = store.guarded(store.component_gaps, page.version, page.flt, today(), component, by)
    chart_panel(
        figures.gap_figure(found, phrases[component]),
        figures.gap_table(found, groupings[by]),
        name=t("Where {component} would help", component=phrases[component]),
        key="technology_gaps",
        filter_summary=page.summary,
        source=page.source,
        note=t(
            "Services answering: those that said which shared components they use. Without "
            "the component: of them, those that did not tick it. Of them asking for it: of "
            "those, the ones whose owners report the matching aim."
        ),
    )
    if not found.gap:
        return
    st.subheader(t("The services in the gap"), anchor=False)
    services = store.guarded(store.services, page.version)
    labels = store.guarded(store.service_labels, page.version, language())
    positions = services.index.get_indexer(pd.Index(found.services))
    table = labels.frame.iloc[labels.place[positions[positions >= 0]]].reset_index(drop=True)
    order = np.lexsort((table["Service"].to_numpy(), table["Organisation"].to_numpy()))
    service_table(
        table.iloc[order].reset_index(drop=True),
        t("Services without {component} that ask for it", component=phrases[component]),
        key="technology_gap_services",
        filter_summary=page.summary,
        source=page.source,
    )
