"""Organisation: one organisation's services, digitisation, key figures, themes, surveys and
standards, each as a place among its peers and beside Wales."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.organisation.ui import sections
from dashboard.ui import store

version = int(st.session_state["data_version"])
st.title(t("Organisation"))
st.caption(
    t(
        "One organisation beside its peers and Wales: its services, how digital they are, the "
        "key figures they give, what they find hard and aim for, its surveys and its "
        "self-assessment against the standards. Each figure is a place among its peers."
    )
)
figures = sections.figures(version)
code = sections.choose(figures)
if code is None:
    st.info(
        t("Choose an organisation to see where it stands among its peers."),
        icon=":material/apartment:",
    )
    st.stop()
peers = sections.choose_peers(figures, code)
view = store.guarded(store.organisation_view, version, code, peers)
assert view is not None  # the choice offers only organisations the figures know
profile = view.profile
summary = sections.summary(profile)
source = store.guarded(store.dataset_info, version).source_line
sections.points(profile)
sections.my_organisation(code)
sections.about()
sections.positions(profile)
sections.spread(profile, summary, source)
sections.comparison(view, summary, source)
sections.levels(view)
sections.themes(view)
sections.surveys(view)
sections.standards(view)
sections.peers(view, summary, source)
