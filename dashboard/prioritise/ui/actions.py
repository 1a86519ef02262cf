"""What the Prioritise page hands to Streamlit to call later (its reset button's callback and
the whole ranking's download), and the weights' seeding the reset shares.

Streamlit keeps a session's callbacks and download functions until that session's next run. A
function written in a page script carries the script's variables with it (its globals), and
the Prioritise page's hold this run's frames: about 20 MB per open session at 100,000 services
(`bench/README.md`, memory per session). Written here, they carry only this module.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common.filters import Filter
from dashboard.common.i18n import using
from dashboard.prioritise import score as p
from dashboard.ui import store


def seed_weights(weights: dict[str, int], missing: str) -> None:
    """Set the weight sliders and the missing-figure choice before they are drawn."""
    for code, value in weights.items():
        st.session_state[f"weight_{code}"] = value
    st.session_state["weight_missing"] = missing


def reset_weights() -> None:
    seed_weights(p.DEFAULT_WEIGHTS, p.ESTIMATE)


def whole_ranking(
    version: int, flt: Filter, weights: dict[str, int], missing: str, lang: str
) -> pd.DataFrame:
    """Every ranked service, built when the download is clicked (perhaps outside the run that
    drew the button) from the shared frames, in the reader's language."""
    with using(lang):
        every = store.services(version)
        parts = store.priority_parts(version, flt)
        matching = every[store.filter_mask(version, flt)]
        return p.for_download(p.ranked(p.score(parts, weights, missing), matching, parts))
