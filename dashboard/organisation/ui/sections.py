"""The Organisation page's sections: the choice of organisation (kept in the link), the
"my organisation" switch, the main points, every figure as a place among its peers with
their spread drawn, and the tables behind it."""

from __future__ import annotations

import streamlit as st

from dashboard.common.disclosure import THRESHOLD, suppression_note
from dashboard.common.filters import MY_ORG_KEY
from dashboard.common.i18n import local_name, t, tn
from dashboard.common.markdown_text import plain
from dashboard.organisation import charts
from dashboard.organisation.figures import OrganisationFigures
from dashboard.organisation.peers import comparable
from dashboard.organisation.profile import Profile
from dashboard.organisation.view import ProfileView
from dashboard.organisation.words import (
    figure_words,
    group_words,
    left_out_words,
    main_points,
    position_words,
    wales_words,
)
from dashboard.ui import sticky_query, store
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads
from dashboard.ui.link_state import LinkPart
from dashboard.ui.page_opening import method_link, show_main_points
from dashboard.ui.picking import EXACT_PICK

#: The link's parameter for the organisation shown (`/organisation?org=<code>`).
ORG_PARAM = "org"
CHOICE_KEY = "organisation_choice"
MINE_KEY = "organisation_mine"
LINK = LinkPart("organisation_choice", lambda key: key == ORG_PARAM)
#: The link's parameter for the peers the reader chose (`&peers=<code>&peers=<code>`).
PEERS_PARAM = "peers"
PEERS_LINK = LinkPart("organisation_peers", lambda key: key == PEERS_PARAM)


def figures(version: int) -> OrganisationFigures:
    return store.guarded(store.organisation_figures, version)


def choose(figures: OrganisationFigures) -> str | None:
    """The searchable choice of organisation; the link follows it (`?org=<code>`). A code in
    the link that no organisation has is said in words, and nothing is chosen."""
    names = _names(figures)
    codes = sorted(names, key=lambda code: names[code].casefold())
    asked = (LINK.in_link().get(ORG_PARAM) or [""])[0]
    if LINK.link_decides(first_run=CHOICE_KEY not in st.session_state):
        st.session_state[CHOICE_KEY] = asked if asked in names else None
        if asked and asked not in names:
            st.warning(
                t(
                    "No organisation has the code “{code}”. It may have been renamed or removed "
                    "by a later import: choose the organisation below.",
                    code=plain(asked[:80]),
                ),
                icon=":material/search_off:",
            )
    code = st.selectbox(
        t("Organisation"),
        options=codes,
        format_func=names.__getitem__,
        index=None,
        placeholder=t("Type a name to find an organisation"),
        key=CHOICE_KEY,
        width=520,
    )
    if code is not None or not (asked and asked not in names):
        LINK.write({ORG_PARAM: [code]} if code else {})
    return None if code is None else str(code)


def _names(figures: OrganisationFigures) -> dict[str, str]:
    table = figures.table
    return {
        str(code): local_name(en, cy)
        for code, en, cy in zip(table.index, table["name_en"], table["name_cy"], strict=True)
    }


def choose_peers(figures: OrganisationFigures, code: str) -> tuple[str, ...]:
    """The peers the reader narrows the comparison to (the councils they count as similar,
    say), kept in the link (`&peers=<code>`, once per peer); none chosen: the whole group.
    Codes in the link outside the organisation's group are left out, and said so."""
    options = comparable(figures.table, code)
    if len(options) < 2:  # one peer or none: nothing to narrow
        return ()
    names = _names(figures)
    key = f"organisation_peers_{code}"
    asked = PEERS_LINK.in_link().get(PEERS_PARAM, [])
    if PEERS_LINK.link_decides(first_run=key not in st.session_state):
        st.session_state[key] = [option for option in options if option in set(asked)]
    ignored = len([c for c in asked if c not in options and c != code])
    if ignored:
        st.caption(
            tn(
                "{n} organisation in the link is not a peer of this one and is left out.",
                "{n} organisations in the link are not peers of this one and are left out.",
                ignored,
            )
        )
    picked = st.multiselect(
        t("Compare only with"),
        options=sorted(options, key=lambda option: names[option].casefold()),
        format_func=names.__getitem__,
        key=key,
        placeholder=t("All its peers ({n})", n=len(options)),
        help=t(
            "Choose the peers you count as similar (for example councils of a like size or "
            "place): every place on the page is then among them, and says so. Leave it empty "
            "to compare with all its peers. Kept in the link."
        ),
        width=520,
        **EXACT_PICK,
    )
    PEERS_LINK.write({PEERS_PARAM: list(picked)} if picked else {})
    return tuple(picked)


def my_organisation(code: str) -> None:
    """The reader's own organisation, kept in the link (`?my_org=<code>`) from page to page:
    Overview and Prioritise then set the catalogue beside it."""
    mine = (st.query_params.get_all(MY_ORG_KEY) or [""])[0] == code
    chosen = st.toggle(
        t("This is my organisation"),
        value=mine,
        key=f"{MINE_KEY}_{code}",
        help=t(
            "Overview then says where it stands, and Prioritise marks its services. Kept in "
            "the link, so a shared link keeps it too."
        ),
    )
    if chosen != mine:
        params = sticky_query.all_params()
        params.pop(MY_ORG_KEY, None)
        if chosen:
            params[MY_ORG_KEY] = [code]
        sticky_query.replace_query(params)
        sticky_query.remember()


def summary(profile: Profile) -> list[str]:
    """What every file and image from the page says it is about."""
    return [
        t("Organisation: {name}", name=local_name(profile.name_en, profile.name_cy)),
        t("Compared with: {group}", group=group_words(profile.group, profile.group.size)),
    ]


def points(profile: Profile) -> None:
    name = local_name(profile.name_en, profile.name_cy)
    show_main_points(main_points(name, profile.group, profile.positions, profile.journeys))


def about() -> None:
    with st.expander(t("About these figures"), icon=":material/info:"):
        st.markdown(
            "\n".join(
                "- " + line
                for line in (
                    t(
                        "Peers: for a principal council the other councils, for a local health "
                        "board the other health boards, for any other body the organisations "
                        "of its sector. You can narrow them to the peers you count as similar "
                        "(“Compare only with”); places are then among those you chose, and "
                        "say so. No “similar councils” grouping is built in: the catalogue "
                        "holds no published grouping to define one from."
                    ),
                    t(
                        "A place counts the peers with a higher figure: peers with the same "
                        "figure (in whole percent) share a place, said as “joint”."
                    ),
                    t(
                        "A peer with fewer than {n} services behind a figure is left out of "
                        "that figure's ranking and its figure is not shown ([c]); the page "
                        "says how many were left out.",
                        n=THRESHOLD,
                    ),
                    t(
                        "Counts are of services, never of journeys. A key figure counts the "
                        "services that gave one (provided or estimated) of those it applies "
                        "to, as on the Data availability page."
                    ),
                    t("Wales is every organisation in the catalogue together."),
                )
            )
        )
        method_link()


def positions(profile: Profile) -> None:
    """Each figure as a place among the peers, with the services behind it."""
    st.header(t("Beside its peers"), anchor=False)
    for position in profile.positions.values():
        words = position_words(position, profile.group)
        detail = f"{figure_words(position)} · {wales_words(position)}"
        left = left_out_words(position)
        st.markdown(
            f"**{plain(words[:1].upper() + words[1:])}**  \n"
            + plain(detail)
            + (f"  \n*{plain(left)}*" if left else "")
        )


def spread(profile: Profile, page_summary: list[str], source: str) -> None:
    name = local_name(profile.name_en, profile.name_cy)
    chart_panel(
        charts.spread_figure(profile, name),
        charts.spread_table(profile),
        name=t("Beside its peers"),
        key="organisation_spread",
        filter_summary=page_summary,
        source=source,
        note=t("Peers with fewer than {n} services behind a figure are not drawn.", n=THRESHOLD),
    )


def comparison(view: ProfileView, page_summary: list[str], source: str) -> None:
    st.subheader(t("Every figure beside its peers and Wales"), anchor=False)
    st.dataframe(view.comparison, hide_index=True, key="organisation_comparison")
    table_downloads(
        view.comparison,
        t("Organisation beside its peers"),
        page_summary,
        key="organisation_comparison",
        note=source,
    )


def levels(view: ProfileView) -> None:
    st.subheader(t("Digitisation levels"), anchor=False)
    st.caption(t("Services at each level; digital end to end of the services with a level."))
    st.dataframe(view.levels, hide_index=True, key="organisation_levels")


def themes(view: ProfileView) -> None:
    st.subheader(t("Challenges and aims its services report most"), anchor=False)
    st.caption(
        t(
            "Share of its services reporting each theme, beside its peers together and Wales; "
            "the place counts the peers reporting it more often."
        )
    )
    for kind, title, table in (
        ("challenge", t("Challenges"), view.challenges),
        ("opportunity", t("Aims"), view.aims),
    ):
        st.markdown(f"**{title}**")
        if table.empty:
            st.caption(t("None of its services has reported one."))
        else:
            st.dataframe(table, hide_index=True, key=f"organisation_{kind}s")


def surveys(view: ProfileView) -> None:
    st.subheader(t("Survey progress"), anchor=False)
    counts = view.surveys
    cols = st.columns(3)
    cols[0].metric(t("Deep-dive services"), f"{view.profile.deep_dives:,}")
    for col, instrument, title in (
        (cols[1], "generalist", t("Generalist surveys")),
        (cols[2], "technology", t("Technology surveys")),
    ):
        col.metric(
            title,
            t("{n} submitted", n=counts[f"{instrument}_submitted"]),
            t("{n} in progress", n=counts[f"{instrument}_draft"]),
            delta_color="off",
        )


def standards(view: ProfileView) -> None:
    st.subheader(t("Digital Service Standards for Wales: self-assessment"), anchor=False)
    st.dataframe(view.standards, hide_index=True, key="organisation_standards")


def peers(view: ProfileView, page_summary: list[str], source: str) -> None:
    st.subheader(t("Each peer's figures"), anchor=False)
    st.caption(suppression_note())
    st.dataframe(view.peers, hide_index=True, key="organisation_peers")
    table_downloads(
        view.peers, t("Peers' figures"), page_summary, key="organisation_peers", note=source
    )
