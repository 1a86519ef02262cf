"""The reader's own organisation (`?my_org=<code>`) on other pages: Overview's line with its
place among its peers and a link to its profile, and Prioritise's mark on its services."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common.filters import MY_ORG_KEY
from dashboard.common.i18n import local_name, t
from dashboard.common.markdown_text import plain
from dashboard.organisation.profile import Profile
from dashboard.organisation.words import my_line
from dashboard.ui import store


def my_code() -> str | None:
    values = st.query_params.get_all(MY_ORG_KEY)
    return values[0] if values else None


def my_profile(version: int) -> Profile | None:
    """The reader's organisation's profile; None with none chosen, or a code no
    organisation has (then nothing is said: the link only asked)."""
    code = my_code()
    if code is None:
        return None
    view = store.guarded(store.organisation_view, version, code)
    return None if view is None else view.profile


def overview_line(version: int) -> None:
    """ "Your organisation: X — 3rd of 22 councils for services digital end to end", with a
    link to its profile."""
    mine = my_profile(version)
    if mine is None:
        return
    name = local_name(mine.name_en, mine.name_cy)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(plain(my_line(name, mine.positions["end_to_end"], mine.group)))
        st.page_link(
            "pages/organisation.py",
            label=t("Open its profile"),
            icon=":material/apartment:",
            query_params={"org": mine.code},
        )


def yours(full: pd.DataFrame, services: pd.DataFrame) -> pd.Series | None:
    """For each ranked row (`_id`: its service), whether it is a service of the reader's
    organisation; None with none chosen."""
    code = my_code()
    if code is None:
        return None
    ids = pd.Index(full["_id"].to_numpy())
    organisation = services["organisation_code"].astype(object).reindex(ids)
    return pd.Series((organisation == code).to_numpy(), index=full.index)
