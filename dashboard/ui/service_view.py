"""The detail view of one service, opened from the catalogue; it has its own URL (?service=)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.detail import JOURNEYS_SHOWN, ServiceDetail
from dashboard.markdown_text import plain
from dashboard.ui import survey_summary
from dashboard.ui.downloads import table_downloads
from db.vocabulary import (
    CONTRACTING_TYPES,
    DIGITISATION_LEVEL_DESCRIPTIONS,
    SECTORS,
    STAGES,
    WELSH_PROVISION,
    label,
)

SERVICE_PARAM = "service"


def close() -> None:
    if SERVICE_PARAM in st.query_params:
        del st.query_params[SERVICE_PARAM]


def render(detail: ServiceDetail | None, code: str, source: str = "") -> None:
    st.button(
        "Back to the catalogue", key="detail_back", on_click=close, icon=":material/arrow_back:"
    )
    if detail is None:
        st.error(
            f"No service has the code “{code}”. It may have been removed or renamed by a "
            "later import. Go back to the catalogue and choose it again.",
            icon=":material/search_off:",
        )
        return
    service, organisation = detail.service, detail.organisation
    st.title(plain(service["name_en"]), anchor=False)
    if service["name_cy"]:
        st.caption(f"Cymraeg: {plain(service['name_cy'])}")
    st.markdown(
        f"**{plain(organisation['name_en'])}** · {label(SECTORS, organisation['sector'])}"
        + (" · Deep-dive service" if service["is_deep_dive"] else "")
    )
    if service["description_en"]:
        st.markdown(plain(service["description_en"]))
    level = int(service["digitisation_level"])
    cols = st.columns(4)
    cols[0].metric(
        "Digitisation level", f"{level} of 4", help=DIGITISATION_LEVEL_DESCRIPTIONS[level][0]
    )
    cols[1].metric(
        "Journeys", f"{detail.journey_count:,}", help="Distinct routes through this service."
    )
    st.markdown(
        f"**Level {level}:** {DIGITISATION_LEVEL_DESCRIPTIONS[level][0]}  \n"
        f"**Stage:** {label(STAGES, service['stage'])}  \n"
        f"**Welsh language:** {label(WELSH_PROVISION, service['welsh_provision'])}  \n"
        f"**Channels:** {', '.join(detail.channels) or 'none recorded'}  \n"
        f"**Users:** {', '.join(detail.user_types) or 'none recorded'}  \n"
        f"**Contracting:** {label(CONTRACTING_TYPES, service['contracting_type'])}"
        + (f"  \n**User need:** {plain(service['user_need'])}" if service["user_need"] else "")
    )

    about = [f"Service: {service['name_en']} ({code})"]

    def table(frame: pd.DataFrame, title: str, key: str) -> None:
        st.dataframe(frame, hide_index=True, key=f"detail_{key}")
        table_downloads(
            frame, f"{title}: {service['name_en']}", about, key=f"detail_{key}", note=source
        )

    st.subheader("Metrics", anchor=False)
    st.caption("Where there is no figure, the owner said why: that gap is a finding too.")
    table(detail.metrics, "Metrics", "metrics")

    st.subheader("Challenges and aims", anchor=False)
    if detail.themes.empty:
        st.caption("The owner has not reported challenges or aims.")
    else:
        table(detail.themes, "Challenges and aims", "themes")

    st.subheader("Survey status", anchor=False)
    if detail.surveys.empty:
        st.caption("Not surveyed: not started.")
    else:
        table(detail.surveys, "Survey status", "surveys")
        # Surveys area: what the owner answered, in progress or submitted.
        survey_summary.service_answers(
            st.session_state.get("data_version", 0), int(service["id"]), service["name_en"], source
        )

    st.subheader("Digital Service Standards for Wales: self-assessment", anchor=False)
    table(detail.standards, "Standards self-assessment", "standards")

    st.subheader(f"Journeys ({detail.journey_count:,})", anchor=False)
    if detail.journey_count == 0:
        st.caption("No separate journeys recorded: the service is one journey.")
    else:
        if detail.journey_count > JOURNEYS_SHOWN:
            st.caption(
                f"One user need fans out into {detail.journey_count:,} journeys; the first "
                f"{JOURNEYS_SHOWN} are listed. Figures elsewhere count this service once."
            )
        with st.expander("Show journeys", expanded=detail.journey_count <= 10):
            table(detail.journeys, "Journeys", "journeys")
