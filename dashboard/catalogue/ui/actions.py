"""What the catalogue page hands to Streamlit to call later: the table's selection callback and
the whole list's download.

Streamlit keeps a session's callbacks and download functions until that session's next run,
with everything they reference. A function written in the page script would carry the page's
variables (its filtered, ordered copy of the catalogue: about 11 MB per open session at
100,000 services with a sector chosen, `bench/session_memory.py`). These carry only the
view's settings and the codes of the rows on screen, and rebuild the list when clicked.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard.catalogue.table import in_order
from dashboard.catalogue.ui import service_view
from dashboard.common.filters import Filter
from dashboard.common.i18n import using
from dashboard.ui import store

#: Bumped each time a row opens a service: the table comes back under a new key, unselected.
GENERATION_KEY = "catalogue_table_generation"


def whole_catalogue(version: int, flt: Filter, order: str, lang: str) -> pd.DataFrame:
    """Every matching service in `order`, in the reader's language, from the shared frames."""
    with using(lang):
        mask = store.filter_mask(version, flt)
        ranks = store.catalogue_ranks(version, order)[mask]
        return in_order(store.catalogue_rows(version)[mask], ranks.to_numpy())


def open_service(codes: Sequence[str], rows: list[int]) -> None:
    """Open the chosen row's service, and bring the table back unselected next time."""
    if not rows or not 0 <= rows[0] < len(codes):
        return
    st.query_params[service_view.SERVICE_PARAM] = str(codes[rows[0]])
    st.session_state[GENERATION_KEY] = st.session_state.get(GENERATION_KEY, 0) + 1


def on_select(codes: tuple[str, ...], key: str) -> None:
    """The table's callback: runs before the page does, so the first run shows the service."""
    state = st.session_state.get(key) or {}
    open_service(codes, list(state.get("selection", {}).get("rows", [])))
