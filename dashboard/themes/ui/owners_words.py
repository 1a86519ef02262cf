"""The owners' own words on the Challenges and aims page: a theme and a search, the first few
quotes to read, and every quote listed with a link to its service and as CSV and XLSX.

Quotes are data: shown with `st.text` and in table cells, never as Markdown; the names beside
them are escaped (dashboard.common.markdown_text)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common.catalogue_links import with_links
from dashboard.common.filters import MAX_TEXT
from dashboard.common.headers import localised
from dashboard.common.i18n import language, t, tn, using
from dashboard.common.markdown_text import plain
from dashboard.themes.owners_words import OwnersWords, header_words
from dashboard.themes.tables import theme_names
from dashboard.ui import store
from dashboard.ui.downloads import table_downloads
from dashboard.ui.page_opening import PageView

#: Quotes set out to read before the table: enough for a show-and-tell, few enough to scan.
READ_FIRST = 5
#: Rows of the table drawn on screen (the downloads hold every quote listed).
SHOWN = 1_000
ALL = "__all__"


def section(kind: str, page: PageView) -> None:
    """ "In owners' words": the quotes of the kind, or of one theme, that match a search."""
    challenges = kind == "challenge"
    st.header(t("In owners' words"), anchor=False)
    st.caption(
        t(
            "What owners wrote beside the challenges they reported, and their answers to "
            "“Are there other challenges we have not listed?” in the generalist survey."
        )
        if challenges
        else t(
            "What owners wrote beside the aims they named, and their answers to “What one "
            "thing would help the service most in the next two years?” in the generalist "
            "survey."
        )
    )
    themes = store.guarded(store.themes, page.version)
    of_kind = themes[themes["kind"].astype(str) == kind]
    names = dict(zip(of_kind["code"].astype(str), theme_names(of_kind).values(), strict=True))
    # the labels in this run's language, fixed now: a widget may format its value later
    labels = {
        ALL: t("All challenges") if challenges else t("All aims and opportunities"),
        **dict(sorted(names.items(), key=lambda item: item[1])),
    }
    pick, search_box = st.columns([2, 3], vertical_alignment="bottom")
    theme = pick.selectbox(
        t("Challenge") if challenges else t("Aim or opportunity"),
        list(labels),
        format_func=labels.__getitem__,
        key=f"words_theme_{kind}",
    )
    search = search_box.text_input(
        t("Search the words"),
        key="words_search",
        max_chars=MAX_TEXT,
        placeholder=t("for example: contract, grant, cyfieithu"),
        help=t(
            "Finds quotes holding every word typed, in English or Welsh, whatever the capitals "
            "and accents: “swn” finds “sŵn”."
        ),
    ).strip()
    chosen = None if theme in (None, ALL) else str(theme)
    words = store.guarded(store.owners_words, page.version, page.flt, kind, chosen, search)
    if chosen is not None:
        st.caption(
            t(
                "One theme lists the notes on it; survey answers belong to no single theme and "
                "are listed under all challenges."
            )
            if challenges
            else t(
                "One theme lists the notes on it; survey answers belong to no single theme and "
                "are listed under all aims and opportunities."
            )
        )
    title = (
        t("In owners' words: {theme}", theme=names[chosen])
        if chosen is not None
        else t("In owners' words: challenges")
        if challenges
        else t("In owners' words: aims and opportunities")
    )
    quotes(words, page, title=title, key="words", search=search)


def quotes(
    words: OwnersWords,
    page: PageView,
    *,
    title: str,
    key: str,
    search: str = "",
    read_first: int = READ_FIRST,
) -> None:
    """The quotes listed: how many, the first few set out to read, then every one in a table
    with a link to its service, and the downloads of exactly that list."""
    if page.info.is_invented:
        st.caption(
            t(
                "**Invented words.** Every quote here was made up for the demo data set; no "
                "service owner wrote it."
            )
        )
    if not words.counts.quotes:
        st.info(
            t(
                "No quotes match “{search}”. Try fewer or shorter words, another theme, or a "
                "wider filter.",
                search=plain(search),
            )
            if search
            else t(
                "No owner of a matching service wrote words here. Try another theme or a wider "
                "filter."
            ),
            icon=":material/format_quote:",
        )
        return
    st.markdown(f"**{plain(words.counts.sentence)}**")
    table = words.table
    # a few different words to read (in the demo many owners share a sentence from a pool)
    for row in (
        table.head(50 * read_first)
        .drop_duplicates("Quote")
        .head(read_first)
        .itertuples(index=False)
    ):
        with st.container(border=True):
            st.text(str(row.Quote))
            st.caption(
                plain(
                    " · ".join(
                        str(part)
                        for part in (row.Service, row.Organisation, row.Sector, row.Theme, row.From)
                    )
                )
            )
    if len(table) > SHOWN:
        st.caption(
            tn(
                "The first {shown} of {n} quote are listed; the download holds them all.",
                "The first {shown} of {n} quotes are listed; the download holds them all.",
                len(table),
                shown=f"{SHOWN:,}",
                n=f"{len(table):,}",
            )
        )
    st.dataframe(
        localised(with_links(table.head(SHOWN)), header_words()),
        hide_index=True,
        key=f"{key}_table",
        column_config={
            t("Details"): st.column_config.LinkColumn(display_text=t("Open")),
            t("In the owner's words"): st.column_config.TextColumn(width="large"),
        },
    )
    lang = language()

    def whole() -> pd.DataFrame:
        # built when a button is clicked, perhaps outside this run: in the reader's language
        with using(lang):
            return localised(table, header_words())

    table_downloads(whole, title, page.summary, key=key, note=page.source)
