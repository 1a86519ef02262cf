"""The detail view of one service, opened from the catalogue; it has its own URL (?service=)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.catalogue.detail import ServiceDetail
from dashboard.catalogue.facts import level_figure, sector_words, service_facts
from dashboard.common.i18n import is_welsh, local_name, t, tn
from dashboard.common.markdown_text import plain
from dashboard.ui import explore, survey_summary
from dashboard.ui.downloads import table_downloads
from dashboard.ui.on_demand import open_expander

SERVICE_PARAM = "service"
#: Journeys listed without opening the list (a service with more shows them on request).
JOURNEYS_OPEN = 10


def download_title(table: str, service: str) -> str:
    """What a detail table's files are called and headed, e.g. "Metrics: Report a noise"."""
    return t("{table}: {service}", table=table, service=service)


def close() -> None:
    if SERVICE_PARAM in st.query_params:
        del st.query_params[SERVICE_PARAM]


def _other_language(english: object, welsh: object) -> tuple[str, str] | None:
    """The text in the language not shown, with a label, if there is one."""
    if is_welsh():
        return (t("In English"), str(english)) if english else None
    return (t("In Welsh"), str(welsh)) if welsh else None


def render(detail: ServiceDetail | None, code: str, source: str = "") -> None:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(
            t("Back to the catalogue"),
            key="detail_back",
            on_click=close,
            icon=":material/arrow_back:",
        )
        explore.share_link("catalogue", key="detail")
    if detail is None:
        st.error(
            t(
                "No service has the code “{code}”. It may have been removed or renamed by a "
                "later import. Go back to the catalogue and choose it again.",
                code=plain(code),
            ),
            icon=":material/search_off:",
        )
        return
    service, organisation = detail.service, detail.organisation
    name = local_name(service["name_en"], service["name_cy"])
    st.title(plain(name), anchor=False)
    other_name = _other_language(service["name_en"], service["name_cy"])
    if other_name:
        st.caption(f"{other_name[0]}: {plain(other_name[1])}")
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        # the organisation's name opens its profile: where it stands among its peers
        st.page_link(
            "pages/organisation.py",
            label=plain(local_name(organisation["name_en"], organisation["name_cy"])),
            icon=":material/apartment:",
            query_params={"org": str(organisation["code"])},
            help=t("Open its profile: where it stands among its peers"),
        )
        st.markdown(
            " · ".join(
                [
                    sector_words(organisation),
                    *([t("Deep-dive service")] if service["is_deep_dive"] else []),
                ]
            )
        )
    english, welsh = service["description_en"], service["description_cy"]
    if english or welsh:
        # in Welsh with no Welsh description: the English one, marked as English only
        st.markdown(plain(local_name(english, welsh) if is_welsh() else english or welsh))
    other_description = _other_language(english, welsh)
    if english and welsh and other_description:
        with st.expander(other_description[0], icon=":material/translate:"):
            st.markdown(plain(other_description[1]))

    level_value, level_help = level_figure(service)
    cols = st.columns(4)
    cols[0].metric(t("Digitisation level"), level_value, help=level_help)
    cols[1].metric(
        t("Journeys"),
        f"{detail.journey_count:,}",
        help=t("Distinct routes through this service."),
    )
    none = t("none recorded")
    facts = [
        *service_facts(service),
        (t("Channels"), ", ".join(map(plain, detail.channels)) or none),
        (t("Users"), ", ".join(map(plain, detail.user_types)) or none),
    ]
    if service["user_need"]:
        # typed in English only (the catalogue has no Welsh field for it): marked in Welsh
        facts.append((t("User need"), plain(local_name(service["user_need"], None))))
    st.markdown("  \n".join(f"**{label}:** {value}" for label, value in facts))

    about = [t("Service: {name} ({code})", name=name, code=code)]

    def table(frame: pd.DataFrame, title: str, key: str) -> None:
        # every row in view (the 12 standards, a short list), a scrolling list beyond that
        height = min(38 + 35 * len(frame), 460)
        st.dataframe(frame, hide_index=True, key=f"detail_{key}", height=height)
        table_downloads(
            frame,
            download_title(title, name),
            about,
            key=f"detail_{key}",
            note=source,
        )

    st.header(t("Metrics"), anchor=False)
    st.caption(
        t(
            "Where there is no figure, the owner said why: that gap is a finding too. Source "
            "says where each answer came from (the catalogue, the owner's survey or an import)."
        )
    )
    table(detail.metrics, t("Metrics"), "metrics")
    if detail.has_history:
        st.subheader(t("Metrics by period"), anchor=False)
        st.caption(
            t(
                "The table above shows each metric's latest period; here is every period the "
                "store holds, newest first. A yearly measure given for a quarter is a quarter's "
                "figure and says so."
            )
        )
        table(detail.metric_history, t("Metrics by period"), "metric_history")

    for title, themes, none, rated, key in (
        (
            t("Challenges"),
            detail.challenges,
            t("The owner has not reported challenges."),
            t("Severity is as the owner rated it."),
            "challenges",
        ),
        (
            t("Aims and opportunities"),
            detail.aims,
            t("The owner has not named aims or opportunities."),
            t("Priority is as the owner rated it."),
            "aims",
        ),
    ):
        st.header(title, anchor=False)
        if themes.empty:
            st.caption(none)
        else:
            st.caption(rated)
            table(themes, title, key)

    st.header(t("Survey status"), anchor=False)
    if detail.surveys.empty:
        st.caption(t("Not surveyed: not started."))
    else:
        table(detail.surveys, t("Survey status"), "surveys")
        # what the owner answered, in progress or submitted
        survey_summary.service_answers(
            st.session_state.get("data_version", 0), int(service["id"]), name, about, source
        )

    st.header(t("Digital Service Standards for Wales: self-assessment"), anchor=False)
    table(detail.standards, t("Standards self-assessment"), "standards")

    count = detail.journey_count
    st.header(t("Journeys ({count})", count=f"{count:,}"), anchor=False)
    if count == 0:
        st.caption(t("No separate journeys recorded: the service is one journey."))
    else:
        if count > 1:
            st.caption(
                tn(
                    "One user need fans out into {count} journey; every one is listed and "
                    "downloaded. Figures elsewhere count this service once.",
                    "One user need fans out into {count} journeys; every one is listed and "
                    "downloaded. Figures elsewhere count this service once.",
                    count,
                    count=f"{count:,}",
                )
            )
        box = open_expander(
            tn("Show the {count} journey", "Show all {count} journeys", count, count=f"{count:,}"),
            key=f"service_journeys_{service['id']}",
            expanded=count <= JOURNEYS_OPEN,
            icon=":material/route:",
        )
        if box is not None:
            with box:
                table(detail.journeys, t("Journeys"), "journeys")
