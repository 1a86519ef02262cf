"""What the Insight pages say around their figures: what they count (services, never
journeys), and why a result is empty."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from dashboard.common import no_match
from dashboard.common.figure_words import counting_note
from dashboard.common.filters import Filter
from dashboard.common.i18n import t
from dashboard.common.markdown_text import plain
from dashboard.ui import explore, filter_panel, store


def counting(journeys: int, holders: int) -> None:
    """Say that the page counts services, and how many journeys those services hold."""
    st.caption(counting_note(journeys, holders))


def counter(version: int, having: np.ndarray) -> Callable[[Filter], int]:
    """How many services a filter matches among those `having` the data (a mask over the
    catalogue's services, in its order)."""

    def count(flt: Filter) -> int:
        return int((store.filter_mask(version, flt) & having).sum())

    return count


def explain_empty(
    version: int,
    matching: int,
    none: str,
    count: Callable[[Filter], int],
    line: Callable[[str, int], str],
) -> None:
    """Nothing to show. When the filter matches no service, the explanation the Explore pages
    give; when services match but none has what the page draws, `none`, then which part of
    the filter to remove to reach some (`count` says how many a filter reaches, `line` words
    one part and its number)."""
    if not matching:
        explore.explain_no_match(version)
        return
    flt = filter_panel.current()
    try:
        found = no_match.culprits(flt, count, filter_panel.names())
    except store.STORE_ERRORS as error:
        store.store_problem(error)
    if found:
        lines = [none + " " + t("Remove one part of the filter to see some:")]
        lines += ["- " + line(plain(part.text), n) for part, n in found]
        message = "\n".join(lines)
    elif flt.is_empty:
        message = none
    else:
        message = none + " " + t("Use **Reset filter** to see the whole catalogue.")
    st.info(message, icon=":material/filter_alt_off:")
