"""The Map page's sections: the choices (measure, areas, challenge) kept in the link, the
main points, the map with its PNG, choosing an area (a click or the box) to filter to its
organisation, the table of areas and the national bodies."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import quote

import streamlit as st

from dashboard.common.charts import fit_width
from dashboard.common.disclosure import suppression_note
from dashboard.common.filters import Filter
from dashboard.common.i18n import local_name, t
from dashboard.common.markdown_text import plain
from dashboard.map import charts
from dashboard.map.areas import LAYERS
from dashboard.map.figures import (
    CHALLENGE,
    CHALLENGE_PARAM,
    LAYER_PARAM,
    MEASURE_PARAM,
    MEASURES,
    MapView,
    area_names,
    figure_words,
    layer_labels,
    measure_from_link,
    measure_labels,
    measure_link,
    national_table,
    shown_table,
)
from dashboard.map.main_points import main_points
from dashboard.ui import filter_panel, store
from dashboard.ui.chart_panel import chart_width, plotly_config, png_button
from dashboard.ui.downloads import table_downloads
from dashboard.ui.link_state import LinkPart
from dashboard.ui.page_opening import PageView, method_link, open_page, show_main_points

MEASURE_KEY, LAYER_KEY, CHALLENGE_KEY = "map_measure", "map_layer", "map_challenge"
AREA_KEY, CHART_KEY = "map_area", "map_chart"
LINK = LinkPart("map", lambda key: key in (MEASURE_PARAM, LAYER_PARAM, CHALLENGE_PARAM))


def credit() -> str:
    """The credit the boundaries' licence asks for, wherever the map is shown."""
    return t(
        "Source: Office for National Statistics licensed under the Open Government Licence "
        "v.3.0. Contains OS data © Crown copyright and database right"
    )


def open_map_page() -> PageView:
    return open_page(
        t("Map"),
        t(
            "Where in Wales services are most and least digital, give their key figures, "
            "report a challenge or have their surveys in: each council or health board by the "
            "measure chosen, for the filter."
        ),
        "map",
        key="map",
        method=False,  # in "About these figures", under the main points
    )


@dataclass(frozen=True)
class Choices:
    measure: str
    layer: str
    challenge: str  # theme code ("" unless the measure is a challenge)
    challenge_name: str


def _challenges(version: int) -> dict[str, str]:
    """Challenge codes to names, the most reported first."""
    themes = store.guarded(store.themes, version)
    rows = themes[themes["kind"].astype(str) == "challenge"]
    names = {
        str(code): local_name(en, cy)
        for code, en, cy in zip(rows["code"], rows["name_en"], rows["name_cy"], strict=True)
    }
    inputs = store.guarded(store.map_inputs, version, store.survey_version())
    reported = {code: len(inputs.challenge_ids.get(code, ())) for code in names}
    return dict(sorted(names.items(), key=lambda item: (-reported[item[0]], item[1])))


def choose(version: int) -> Choices:
    """The measure, the areas and (for a challenge) which one; the link follows them."""
    first = MEASURE_KEY not in st.session_state
    if LINK.link_decides(first_run=first):
        measure, layer, challenge = measure_from_link(LINK.in_link())
        st.session_state[MEASURE_KEY] = measure
        st.session_state[LAYER_KEY] = layer
        if challenge:
            st.session_state[CHALLENGE_KEY] = challenge
    measures = measure_labels()
    layers = layer_labels()
    challenges = _challenges(version)
    with st.container(horizontal=True, vertical_alignment="top"):
        measure = st.selectbox(
            t("Measure"),
            options=list(MEASURES),
            format_func=measures.__getitem__,
            key=MEASURE_KEY,
            width=260,
        )
        picked = st.segmented_control(
            t("Areas"),
            options=list(LAYERS),
            format_func=layers.__getitem__,
            key=LAYER_KEY,
            required=True,
        )
        challenge = ""
        if measure == CHALLENGE and challenges:
            if st.session_state.get(CHALLENGE_KEY) not in challenges:
                st.session_state[CHALLENGE_KEY] = next(iter(challenges))
            challenge = str(
                st.selectbox(
                    t("Challenge"),
                    options=list(challenges),
                    format_func=lambda code: challenges.get(code, code),
                    key=CHALLENGE_KEY,
                    width=360,
                )
            )
    layer = picked if picked in LAYERS else LAYERS[0]
    LINK.write(measure_link(str(measure), str(layer), challenge))
    return Choices(str(measure), str(layer), challenge, challenges.get(challenge, ""))


def view_of(page: PageView, choices: Choices) -> MapView:
    """The map's figures under the filter less its organisations: every area stays drawn, the
    chosen organisations' areas are outlined."""
    return store.guarded(
        store.map_view,
        page.version,
        replace(page.flt, organisations=()),
        choices.measure,
        choices.layer,
        choices.challenge,
    )


def chosen_areas(view: MapView, flt: Filter) -> tuple[str, ...]:
    """The areas whose organisations the filter has chosen."""
    wanted = set(flt.organisations)
    return tuple(
        code
        for code, organisations in zip(view.areas["code"], view.areas["organisations"], strict=True)
        if wanted & set(organisations)
    )


def show_points(view: MapView, choices: Choices) -> None:
    show_main_points(main_points(view, choices.challenge_name))


def _filter_to_area(view: MapView, code: str | None) -> None:
    """Narrow the filter to the area's organisations (none chosen: drop the organisations)."""
    flt = filter_panel.current()
    if not code:
        filter_panel.replace_filter(replace(flt, organisations=()))
        return
    rows = view.areas[view.areas["code"] == code]
    organisations = tuple(rows.iloc[0]["organisations"]) if len(rows) else ()
    filter_panel.replace_filter(replace(flt, organisations=organisations))


def _on_click(view: MapView) -> None:
    code = charts.chosen_area(st.session_state.get(CHART_KEY))
    if code:
        st.session_state[AREA_KEY] = code
        _filter_to_area(view, code)


def _on_choose(view: MapView) -> None:
    _filter_to_area(view, st.session_state.get(AREA_KEY) or None)


def draw_map(view: MapView, choices: Choices, page: PageView, chosen: tuple[str, ...]) -> None:
    fig = charts.map_figure(view, choices.challenge_name, chosen)
    width = chart_width()
    st.plotly_chart(
        fit_width(fig, width),
        key=CHART_KEY,
        config=plotly_config(width),
        width="stretch",
        theme=None,
        on_select=lambda: _on_click(view),
        selection_mode="points",
    )
    st.caption(
        t(
            "Point at an area for its figure; click its circle, or choose it below, to filter "
            "every page to its organisation."
        )
    )
    png_button(fig, t("Map of Wales"), "map", page.summary, f"{page.source} · {credit()}")
    st.caption(credit())


def choose_area(view: MapView, chosen: tuple[str, ...]) -> str | None:
    """The area box (a click on the map sets it too); with an area chosen, its organisations'
    profiles."""
    names = dict(zip(view.areas["code"], area_names(view.areas), strict=True))
    if AREA_KEY not in st.session_state or (
        st.session_state[AREA_KEY] and st.session_state[AREA_KEY] not in chosen
    ):
        st.session_state[AREA_KEY] = chosen[0] if len(chosen) == 1 else ""
    if st.session_state[AREA_KEY] and st.session_state[AREA_KEY] not in names:
        st.session_state[AREA_KEY] = ""
    code = st.selectbox(
        t("Choose an area to filter to its organisation"),
        options=["", *names],
        format_func=lambda c: names.get(c, t("None: every organisation")),
        key=AREA_KEY,
        on_change=lambda: _on_choose(view),
        width=420,
    )
    if not code:
        return None
    row = view.areas[view.areas["code"] == code].iloc[0]
    st.text(
        f"{names[code]}: " + figure_words(int(row["hit"]), int(row["counted"]), bool(row["small"]))
    )
    organisations = tuple(row["organisations"])
    if not organisations:
        st.info(
            t("No organisation in the catalogue is this area's, so there is nothing to filter."),
            icon=":material/info:",
        )
        return str(code)
    known = store.guarded(store.organisations, int(st.session_state["data_version"]))
    labels = dict(
        zip(
            known["organisation_code"].astype(str),
            [
                local_name(en, cy)
                for en, cy in zip(known["organisation_en"], known["organisation_cy"], strict=True)
            ],
            strict=True,
        )
    )
    with st.container(horizontal=True):
        for organisation in organisations:
            st.link_button(
                t(
                    "Profile of {organisation}",
                    organisation=plain(labels.get(organisation, organisation)),
                ),
                f"organisation?org={quote(organisation, safe='')}",
                icon=":material/apartment:",
            )
    return str(code)


def about(view: MapView, choices: Choices) -> None:
    with st.expander(t("About these figures"), icon=":material/info:"):
        st.markdown(
            "\n".join(
                "- " + line
                for line in (
                    t(
                        "Each area's figure adds up the services of its organisations: the "
                        "council itself, or the health board. National bodies are not drawn: "
                        "they are listed under the map with the same measure."
                    ),
                    t(
                        "The map uses the whole filter except the organisations, so every "
                        "area stays drawn; the chosen organisations' areas are outlined."
                    ),
                    t(
                        "A figure resting on fewer than 5 services is not shown: the area is "
                        "hatched and its count is “[c]”."
                    ),
                    t(
                        "Boundaries: ONS local authority districts (2014, super generalised), "
                        "shipped with the app; health boards are unions of their councils."
                    ),
                )
            )
        )
        method_link()


def areas_table(view: MapView, page: PageView) -> None:
    st.subheader(t("Every area"), anchor=False)
    table = shown_table(view)
    st.dataframe(table, hide_index=True, key="map_areas_table")
    st.caption(suppression_note())
    table_downloads(
        table,
        t("Map of Wales: areas"),
        page.summary,
        key="map_areas",
        note=f"{page.source} · {credit()}",
    )


def national(view: MapView, page: PageView) -> None:
    st.subheader(t("National bodies (not on the map)"), anchor=False)
    if view.national.empty:
        st.caption(t("No national body's service matches the filter."))
        return
    table = national_table(view)
    st.dataframe(table, hide_index=True, key="map_national_table")
    table_downloads(table, t("National bodies"), page.summary, key="map_national", note=page.source)
