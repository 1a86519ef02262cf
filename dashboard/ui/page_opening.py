"""How every page that reads the catalogue opens: what this run shows (data version, the data
set, the filter in words), then its title, what it answers, and the filter as chips beside
the link to the view.

The page's configuration, the notice that the data is invented and the filter in the sidebar
come before, from app.py, the same for every page.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.common.filters import Filter
from dashboard.common.i18n import t
from dashboard.common.markdown_text import plain
from dashboard.common.queries import DatasetInfo
from dashboard.ui import explore, filter_panel, store


@dataclass(frozen=True)
class PageView:
    """What a page shows on this run: the data version (the caches' key), the data set, the
    filter and the filter in words (for every file and image the page gives)."""

    version: int
    info: DatasetInfo
    flt: Filter
    summary: list[str]

    @property
    def source(self) -> str:
        return self.info.source_line


def page_view() -> PageView:
    """This run's view, for a page that draws its own opening (Present)."""
    version = int(st.session_state["data_version"])
    return PageView(
        version=version,
        info=store.guarded(store.dataset_info, version),
        flt=filter_panel.current(),
        summary=filter_panel.describe(),
    )


def method_link() -> None:
    """A link to the Method page, which says how every figure is worked out: under each page's
    opening, and for any "About these figures" part of a page to reuse."""
    st.page_link(
        "pages/method.py",
        label=t("How these figures are worked out"),
        icon=":material/functions:",
    )


def show_main_points(points: list[str]) -> None:
    """A page's answer first, under "Main points": its sentences as a list (names in them come
    from the data, so each is escaped, never read as Markdown); nothing when there are none."""
    if not points:
        return
    st.header(t("Main points"), anchor=False)
    st.markdown("\n".join(f"- {plain(point)}" for point in points))


def open_page(
    title: str, intro: str, path: str, key: str, lead: str = "", method: bool = True
) -> PageView:
    """The page's title, what it answers, `lead` (a short line in Markdown, e.g. how many
    services match), and the filter as chips beside "Link to this view" (`path`: the page's
    address; `key` names their widgets). `method`: a link to the Method page under the
    opening; a page that leads with main points keeps it in "About these figures" instead, so
    its answer starts on a laptop's first screen."""
    view = page_view()
    st.title(title)
    st.caption(intro)
    if method:
        method_link()
    if lead:
        st.markdown(lead)
    with st.container(horizontal=True, vertical_alignment="center"):
        filter_panel.chips_row(key)
        explore.share_link(path, key=key)
    return view
