"""The Challenges and aims page's sections: how many services report themes, the themes and
where they are reported, the standards and OECD dimensions at risk, the services behind each,
and the standards self-assessment."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common.charts import heat_map
from dashboard.common.headers import localised
from dashboard.common.i18n import t, tn
from dashboard.common.markdown_text import plain
from dashboard.themes import figures as themes_figures
from dashboard.themes import tables as themes_tables
from dashboard.themes.drill_link import catalogue_link
from dashboard.themes.main_points import main_points as themes_main_points
from dashboard.themes.tables import ThemesView
from dashboard.themes.ui import owners_words
from dashboard.ui import filter_panel, insight_notes, store
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.page_opening import PageView, method_link, show_main_points
from dashboard.ui.service_table import service_table


def main_points(view: ThemesView) -> None:
    """The page's answer first: three or four sentences worked out from the current filter."""
    show_main_points(themes_main_points(view))


def reporting(view: ThemesView, kind: str, page: PageView) -> None:
    """How many matching services report a theme of this kind; with none, why (and stop)."""
    challenges = kind == "challenge"
    version = page.version
    # with reports, the main points say how many: the caveats go in an expander
    box = (
        st.expander(t("About these figures"), icon=":material/info:")
        if view.reporting
        else st.container()
    )
    with box:
        st.markdown(
            tn(
                "**{n} matching service** reported at least one challenge. Shares are of those "
                "services; services whose owners were not asked are not counted.",
                "**{n} matching services** reported at least one challenge. Shares are of those "
                "services; services whose owners were not asked are not counted.",
                view.reporting,
                n=f"{view.reporting:,}",
            )
            if challenges
            else tn(
                "**{n} matching service** named at least one aim or opportunity. Shares are of those "
                "services; services whose owners were not asked are not counted.",
                "**{n} matching services** named at least one aim or opportunity. Shares are of those "
                "services; services whose owners were not asked are not counted.",
                view.reporting,
                n=f"{view.reporting:,}",
            )
        )
        if view.services:
            insight_notes.counting(view.journeys, view.services_with_journeys)
        if view.reporting:
            method_link()
    if not view.reporting:
        members = store.guarded(store.memberships, version).themes
        reporters = members.loc[members["kind"].astype(str) == kind, "service_id"].unique()
        insight_notes.explain_empty(
            version,
            view.services,
            t("No matching service reported a challenge.")
            if challenges
            else t("No matching service named an aim or opportunity."),
            insight_notes.counter(
                version, store.guarded(store.services, version).index.isin(reporters)
            ),
            (
                lambda part, n: tn(
                    "without “{part}”: {count} service reporting a challenge",
                    "without “{part}”: {count} services reporting a challenge",
                    n,
                    part=part,
                    count=f"{n:,}",
                )
            )
            if challenges
            else (
                lambda part, n: tn(
                    "without “{part}”: {count} service naming an aim",
                    "without “{part}”: {count} services naming an aim",
                    n,
                    part=part,
                    count=f"{n:,}",
                )
            ),
        )
        st.stop()


def theme_charts(view: ThemesView, kind: str, page: PageView) -> None:
    """Every theme by how many services report it, and where, by sector."""
    challenges = kind == "challenge"
    themes = view.themes
    unrated = int(themes["Not rated"].sum()) if "Not rated" in themes else 0
    chart_panel(
        themes_figures.themes_figure(themes, kind, view.reporting),
        localised(themes.drop(columns="Code")),
        name=t("Challenges reported") if challenges else t("Aims and opportunities named"),
        key="themes",
        filter_summary=page.summary,
        source=page.source,
        note=t(
            "Share is of the {n} matching services that reported any theme of this kind. A theme "
            "reported without a severity is counted as not rated.",
            n=f"{view.reporting:,}",
        ),
    )
    if unrated:
        st.caption(
            tn(
                "{n} report has no severity: it is shown as not rated, never as low.",
                "{n} reports have no severity: they are shown as not rated, never as low.",
                unrated,
                n=f"{unrated:,}",
            )
        )

    chart_panel(
        heat_map(
            view.sector_shares,
            t("Where each challenge is reported, by sector")
            if challenges
            else t("Where each aim or opportunity is named, by sector"),
            subtitle=t(
                "Share of the sector's services reporting any; number of services in brackets"
            ),
            counts=view.sector_counts,
            colour_title=t("Share"),
        ),
        localised(view.sector_shares.reset_index()),
        name=t("Challenges by sector") if challenges else t("Aims and opportunities by sector"),
        key="themes_sector",
        filter_summary=page.summary,
        source=page.source,
        note=t(
            "Share of the sector's services that reported any theme of this kind; blank where none did."
        ),
    )


def _framework_chart(
    table: pd.DataFrame, column: str, name: str, key: str, what: str, kind: str, page: PageView
) -> None:
    chart_panel(
        themes_figures.framework_figure(table, column, kind, what),
        localised(table),
        name=name,
        key=key,
        filter_summary=page.summary,
        source=page.source,
        note=t(
            "A service counts once per standard or dimension, however many linked themes it "
            "reports."
        ),
    )
    empty = themes_tables.unlinked(table, column, kind)
    if empty:
        st.caption(
            t(
                "No theme in the framework is linked to {items}, so no service can show up "
                "against it here. An empty bar there means “not measured by these themes”, not "
                "“no risk”.",
                items="; ".join(empty),
            )
        )


def framework_charts(view: ThemesView, kind: str, page: PageView) -> None:
    """The standards and the OECD dimensions at risk from the themes reported."""
    st.header(t("Standards and OECD dimensions at risk"), anchor=False)
    _framework_chart(
        view.standards,
        "Standard",
        t("Digital Service Standards for Wales at risk"),
        "standards",
        "standard",
        kind,
        page,
    )
    _framework_chart(
        view.dimensions,
        "OECD dimension",
        t("OECD dimensions at risk"),
        "dimensions",
        "OECD dimension",
        kind,
        page,
    )


def _drill_table(table: pd.DataFrame, title: str, key: str, page: PageView) -> None:
    """Services behind a figure, each with a link to its detail view in the catalogue."""
    service_table(table, title, key=key, filter_summary=page.summary, source=page.source)


def framework_drill(view: ThemesView, kind: str, page: PageView) -> None:
    """The services behind a chosen standard or OECD dimension (the one most at risk first)."""
    challenges = kind == "challenge"
    framework = store.guarded(store.framework, page.version)
    st.subheader(t("Services behind a standard or OECD dimension"), anchor=False)
    items = themes_tables.framework_items(framework)
    # the standard most at risk first, so the table answers the chart above it
    most_at_risk = f"standard:{view.standards['_id'].iloc[0]}"
    item = st.selectbox(
        t("Choose a standard or OECD dimension"),
        list(items),
        index=list(items).index(most_at_risk) if most_at_risk in items else 0,
        format_func=items.__getitem__,
        key="themes_framework_drill",
    )
    if item:
        linked = store.guarded(store.framework_drill, page.version, page.flt, item, kind)
        if linked.empty:
            st.caption(
                t("No matching service reported a challenge linked to it.")
                if challenges
                else t("No matching service named an aim or opportunity linked to it.")
            )
        else:
            st.caption(
                tn(
                    "{n} matching service reported a challenge linked to it, most severe first.",
                    "{n} matching services reported a challenge linked to it, most severe first.",
                    len(linked),
                    n=f"{len(linked):,}",
                )
                if challenges
                else tn(
                    "{n} matching service named an aim or opportunity linked to it.",
                    "{n} matching services named an aim or opportunity linked to it.",
                    len(linked),
                    n=f"{len(linked):,}",
                )
            )
            _drill_table(
                linked,
                t("Services linked to {item}", item=items[item]),
                "themes_framework_drill",
                page,
            )


def theme_drill(view: ThemesView, kind: str, page: PageView) -> None:
    """The services behind a chosen theme, its links to the framework, and the catalogue link."""
    challenges = kind == "challenge"
    themes = view.themes
    framework = store.guarded(store.framework, page.version)
    st.header(
        t("Services behind a challenge") if challenges else t("Services behind an aim"),
        anchor=False,
    )
    names = dict(zip(themes["Code"], themes["Theme"], strict=True))
    chosen = st.selectbox(
        t("Choose a challenge") if challenges else t("Choose an aim or opportunity"),
        list(names),
        format_func=names.__getitem__,
        key="themes_drill",
    )
    if chosen:
        linked_standards = themes_tables.links_of(
            chosen, framework.standards, framework.theme_standards
        )
        oecd = themes_tables.dimensions_of(chosen, framework.dimensions, framework.theme_dimensions)
        none_linked = t("none linked in the framework")
        st.markdown(
            t(
                "**Digital Service Standards for Wales:** {standards}  \n**OECD dimensions:** "
                "{dimensions}",
                standards="; ".join(map(plain, linked_standards))
                if linked_standards
                else none_linked,
                dimensions="; ".join(map(plain, oecd)) if oecd else none_linked,
            )
        )
        drill = store.guarded(store.theme_drill, page.version, page.flt, chosen)
        _drill_table(
            drill, t("Services reporting {theme}", theme=names[chosen]), "themes_drill", page
        )
        st.subheader(t("In owners' words"), anchor=False)
        owners_words.quotes(
            store.guarded(store.owners_words, page.version, page.flt, kind, chosen),
            page,
            title=t("In owners' words: {theme}", theme=names[chosen]),
            key="themes_drill_words",
            read_first=3,
        )
        # the catalogue's theme filter takes any of its themes: see drill_link
        link = catalogue_link(page.flt, kind, chosen)
        if link.exact:
            opened = len(drill)
        else:
            try:
                opened = int(store.filter_mask(page.version, link.flt).sum())
            except store.STORE_ERRORS as error:
                store.store_problem(error)
            theme_names = filter_panel.names()
            chosen_names = "; ".join(plain(theme_names.get(code, code)) for code in link.others)
            st.caption(
                t(
                    "The catalogue's filter keeps services that report any of the challenges "
                    "chosen, so it cannot open only these. The link below leaves {others} out of "
                    "the filter and opens every service reporting {theme} that matches the rest "
                    "of it.",
                    others=chosen_names,
                    theme=plain(names[chosen]),
                )
                if challenges
                else t(
                    "The catalogue's filter keeps services that name any of the aims chosen, so "
                    "it cannot open only these. The link below leaves {others} out of the filter "
                    "and opens every service naming {theme} that matches the rest of it.",
                    others=chosen_names,
                    theme=plain(names[chosen]),
                )
            )
        st.page_link(
            "pages/catalogue.py",  # not translated: the page's script, not words
            label=t("Open these services in the catalogue ({n})", n=f"{opened:,}")
            if link.exact
            else t("Open every service reporting it in the catalogue ({n})", n=f"{opened:,}")
            if challenges
            else t("Open every service naming it in the catalogue ({n})", n=f"{opened:,}"),
            icon=":material/list_alt:",
            query_params=link.flt.to_query(),
        )


def assessment(view: ThemesView, page: PageView) -> None:
    """How the matching services rate themselves against the standards."""
    st.header(t("Standards self-assessment"), anchor=False)
    assessed = view.assessments
    st.caption(
        t(
            "{assessed} of {total} matching services have assessed themselves against the "
            "standards; the counts below are of those services.",
            assessed=f"{view.assessed:,}",
            total=f"{view.services:,}",
        )
    )
    if not int(assessed["Services assessed"].max()):
        st.caption(t("No matching service has assessed itself against the standards yet."))
    else:
        chart_panel(
            themes_figures.assessment_figure(assessed),
            localised(assessed.reset_index()),
            name=t("Standards self-assessment"),
            key="assessment",
            filter_summary=page.summary,
            source=page.source,
        )
