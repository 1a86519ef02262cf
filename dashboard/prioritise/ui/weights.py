"""The Prioritise page's weights: a slider per part and the missing-part choice, kept in the
link (`?w_reach=5&missing=known_only`) so a shared view shows the same ranking."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.prioritise import weighting
from dashboard.ui.link_state import LinkPart

LINK = LinkPart("weights", weighting.is_link_param)
MISSING_KEY = "weight_missing"
RESET_KEY = "weight_reset"


def slider_key(code: str) -> str:
    return f"weight_{code}"


def seed_weights(weights: dict[str, int], missing: str) -> None:
    """Set the weight sliders and the missing-figure choice before they are drawn."""
    for code, value in weights.items():
        st.session_state[slider_key(code)] = value
    st.session_state[MISSING_KEY] = missing


def reset_weights() -> None:
    seed_weights(weighting.DEFAULT_WEIGHTS, weighting.ESTIMATE)


def weights_panel() -> tuple[dict[str, int], str]:
    """The weights box; returns the weights and the missing-part choice of this run, with the
    link following them."""
    first_run = slider_key(weighting.CODES[0]) not in st.session_state
    if LINK.link_decides(first_run):
        seed_weights(*weighting.from_link(LINK.in_link()))
    names = weighting.component_names()
    explanations = weighting.component_help()
    choices = weighting.missing_choices()
    with st.container(border=True):
        st.markdown(t("**Weights**: how much each part counts (0 leaves it out)"))
        columns = st.columns(len(weighting.COMPONENTS))
        for column, component in zip(columns, weighting.COMPONENTS, strict=True):
            column.slider(
                names[component.code],
                min_value=0,
                max_value=weighting.MAX_WEIGHT,
                # its current value as its default too: a slider the browser draws late starts
                # from the default (see filter_panel.render)
                value=int(st.session_state[slider_key(component.code)]),
                key=slider_key(component.code),
                help=explanations[component.code],
            )
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.radio(
            t("When a service has no figure for a weighted part"),
            list(choices),
            index=list(choices).index(st.session_state[MISSING_KEY]),
            format_func=choices.__getitem__,
            key=MISSING_KEY,
            horizontal=True,
            help=t(
                "A missing figure is never counted as zero. Estimating uses the median of the "
                "services that have it; every estimated part is named in the ranking and hatched "
                "in the chart."
            ),
        )
        right.button(
            t("Reset weights"),
            key=RESET_KEY,
            on_click=reset_weights,
            icon=":material/restart_alt:",
        )
    weights = weighting.clean_weights({c: st.session_state[slider_key(c)] for c in weighting.CODES})
    missing = str(st.session_state[MISSING_KEY])
    LINK.write(weighting.to_link(weights, missing))
    return weights, missing
