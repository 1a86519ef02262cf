"""The shared filter in the sidebar: read from the URL, shown as widgets, written back to the URL."""

from __future__ import annotations

from typing import TypeVar

import pandas as pd
import streamlit as st

from dashboard.common.filter_words import Chip, describe_filter, filter_chips
from dashboard.common.filters import (
    LIST_KEYS,
    QUERY_KEYS,
    WITH_NOT_RECORDED,
    Filter,
)
from dashboard.common.i18n import local_name, t, term, terms
from dashboard.common.markdown_text import plain
from dashboard.ui import store
from dashboard.ui.link_state import LinkPart, as_params
from dashboard.ui.on_demand import open_expander
from dashboard.ui.picking import EXACT_PICK
from db.reference.service_types import SERVICE_TYPE_TERMS
from db.vocabulary import (
    CONTRACTING_TYPES,
    DIGITISATION_LEVELS,
    MAX_LEVEL,
    MIN_LEVEL,
    ORGANISATION_TYPES,
    SECTORS,
    STAGES,
    USER_TYPES,
    WELSH_PROVISION,
    Term,
    codes,
)

#: A table in the services' order: the services frame, or a column or table lined up with it.
Rows = TypeVar("Rows", pd.DataFrame, pd.Series)

KEYS = {
    "sectors": "f_sectors",
    "organisations": "f_organisations",
    "service_types": "f_service_types",
    "levels": "f_levels",
    "level_not_recorded": "f_level_none",
    "stages": "f_stages",
    "user_types": "f_user_types",
    "contracting_types": "f_contracting_types",
    "welsh_provisions": "f_welsh_provisions",
    "org_types": "f_org_types",
    "challenges": "f_challenges",
    "opportunities": "f_opportunities",
    "deep_dive_only": "f_deep_dive_only",
    "text": "f_text",
}
#: The fields under "More filters", drawn only while it is open (each multiselect the browser
#: draws on arriving costs it a measurement pass; `bench/README.md`, "the page shell").
MORE = (
    "service_types",
    "stages",
    "user_types",
    "contracting_types",
    "welsh_provisions",
    "org_types",
)
MORE_KEY = "f_more"
STATE_KEY = "filter"
MASK_KEY = "filter_mask"
NAMES_KEY = "filter_names"
#: The filter's part of the link (`?sector=health&level=1-2`).
LINK = LinkPart("filter", lambda key: key in QUERY_KEYS)


def _seed_widgets(flt: Filter) -> None:
    for name in LIST_KEYS:
        st.session_state[KEYS[name]] = list(getattr(flt, name))
    if any(getattr(flt, name) for name in MORE):  # a filter in use is shown
        st.session_state[MORE_KEY] = True
    st.session_state[KEYS["levels"]] = (flt.level_min, flt.level_max)
    st.session_state[KEYS["level_not_recorded"]] = flt.level_not_recorded
    st.session_state[KEYS["deep_dive_only"]] = flt.deep_dive_only
    st.session_state[KEYS["text"]] = flt.text


def _reset() -> None:
    _seed_widgets(Filter())


def replace_filter(flt: Filter) -> None:
    """Set the sidebar's filter to `flt` from a widget's or a chart's callback (before the
    rerun draws the filter; the link follows it)."""
    _seed_widgets(flt)


def _level_range(levels: int | tuple[int, int]) -> tuple[int, int]:
    # a range slider whose two ends meet can come back as one value
    low, high = (levels, levels) if isinstance(levels, int) else levels
    return int(low), int(high)


def _from_widgets() -> Filter:
    low, high = _level_range(st.session_state[KEYS["levels"]])
    return Filter(
        **{name: tuple(st.session_state[KEYS[name]]) for name in LIST_KEYS},
        level_min=low,
        level_max=high,
        level_not_recorded=bool(st.session_state.get(KEYS["level_not_recorded"], False)),
        deep_dive_only=bool(st.session_state[KEYS["deep_dive_only"]]),
        text=str(st.session_state[KEYS["text"]]).strip()[:200],
    )


def _multiselect(
    field: str, title: str, choices: tuple[Term, ...] | dict[str, str], help: str
) -> None:
    options = list(choices) if isinstance(choices, dict) else list(codes(choices))
    names = choices if isinstance(choices, dict) else terms(choices)
    if field in WITH_NOT_RECORDED:
        # an explicit unknown is a choice of its own (`?sector=none`, `?welsh=not_recorded`)
        options.append(WITH_NOT_RECORDED[field])
        names = {**names, WITH_NOT_RECORDED[field]: t("Not recorded")}
    st.multiselect(
        title,
        options=options,
        default=[code for code in st.session_state.get(KEYS[field]) or [] if code in options],
        format_func=lambda code: names.get(code, code),
        key=KEYS[field],
        placeholder=t("All"),
        help=help,
        **EXACT_PICK,
    )


def _organisation_choices(
    organisations: pd.DataFrame, names: dict[str, str]
) -> tuple[dict[str, str], str]:
    """The organisations to offer and the help: with sectors chosen, only the organisations in
    them (and any already chosen, so a choice is never silently dropped)."""
    sectors = st.session_state.get(KEYS["sectors"]) or []
    if not sectors:
        return names, t("The public body that runs the service.")
    in_sectors = set(
        organisations.loc[
            organisations["sector"].astype(str).isin(sectors), "organisation_code"
        ].astype(str)
    )
    kept = set(st.session_state.get(KEYS["organisations"]) or [])
    offered = {code: name for code, name in names.items() if code in in_sectors or code in kept}
    return offered, t(
        "The public body that runs the service. Only those in the chosen sectors are listed."
    )


def _type_choices(services: pd.DataFrame) -> dict[str, str]:
    """The service types to offer: those some service has (and any already chosen, so a
    choice is never silently dropped), in the order of the reference list."""
    column = services["service_type"]
    present = set(column.cat.categories) if isinstance(column.dtype, pd.CategoricalDtype) else set()
    kept = set(st.session_state.get(KEYS["service_types"]) or [])
    names = terms(SERVICE_TYPE_TERMS)
    return {code: name for code, name in names.items() if code in present or code in kept}


def render(version: int) -> Filter:
    """Draw the filter in the sidebar and return it; the URL follows every change.

    The mask of matching services is worked out once per filter and shared (store.filter_mask);
    a filter change never goes back to the database.
    """
    services = store.guarded(store.services, version)
    organisations = store.guarded(store.organisations, version)
    themes = store.guarded(store.themes, version)
    known = {
        "sectors": set(codes(SECTORS)),
        "organisations": set(organisations["organisation_code"]),
        "service_types": set(codes(SERVICE_TYPE_TERMS)),
        "stages": set(codes(STAGES)),
        "user_types": set(codes(USER_TYPES)),
        "contracting_types": set(codes(CONTRACTING_TYPES)),
        "welsh_provisions": set(codes(WELSH_PROVISION)),
        "org_types": set(codes(ORGANISATION_TYPES)),
        "challenges": set(themes.loc[themes["kind"] == "challenge", "code"]),
        "opportunities": set(themes.loc[themes["kind"] == "opportunity", "code"]),
    }
    # the link decides on arriving and when it changed without us (link_state says when)
    if LINK.link_decides(first_run=KEYS["text"] not in st.session_state):
        _seed_widgets(Filter.from_query(LINK.in_link(), known))

    theme_names = {
        code: local_name(en, cy)
        for code, en, cy in zip(themes["code"], themes["name_en"], themes["name_cy"], strict=True)
    }
    organisation_names = {
        code: local_name(en, cy)
        for code, en, cy in zip(
            organisations["organisation_code"],
            organisations["organisation_en"],
            organisations["organisation_cy"],
            strict=True,
        )
    }
    st.session_state[NAMES_KEY] = {**organisation_names, **theme_names}
    # Every widget declares its current value as its default too. A browser draws a widget
    # late when its code is still loading (each kind loads lazily, on a busy machine after the
    # next run has begun), and a widget drawn late starts from the default of the latest run:
    # the bare default would be sent back and undo the filter the link asked for.
    with st.sidebar:
        st.header(t("Filter"), anchor=False)
        st.text_input(
            t("Search services"),
            value=str(st.session_state.get(KEYS["text"], "")),
            key=KEYS["text"],
            placeholder=t("Name or description, English or Welsh"),
            max_chars=200,
        )
        _multiselect("sectors", t("Sector"), SECTORS, t("Which part of the public sector runs it."))
        _multiselect(
            "organisations",
            t("Organisation"),
            *_organisation_choices(organisations, organisation_names),
        )
        chosen = list(st.session_state.get(KEYS["organisations"]) or [])
        if len(chosen) == 1:  # one organisation: where it stands among its peers
            st.page_link(
                "pages/organisation.py",
                label=t("Open its profile"),
                icon=":material/apartment:",
                query_params={"org": str(chosen[0])},
            )
        none_only = bool(st.session_state.get(KEYS["level_not_recorded"], False))
        st.select_slider(
            t("Digitisation level"),
            disabled=none_only,
            options=list(range(MIN_LEVEL, MAX_LEVEL + 1)),
            # a tuple makes it a range slider
            value=_level_range(st.session_state.get(KEYS["levels"], (MIN_LEVEL, MAX_LEVEL))),
            # numbers on the track (words would run past the sidebar); the words follow below
            format_func=str,
            key=KEYS["levels"],
            help=t(
                "0 not digital · 1 information online · 2 partly digital · "
                "3 digital end to end · 4 digital by default and joined up"
            ),
        )
        low, high = _level_range(st.session_state[KEYS["levels"]])
        if not none_only:
            st.caption(
                term(DIGITISATION_LEVELS, str(low))
                if low == high
                else t(
                    "From {low} to {high}",
                    low=term(DIGITISATION_LEVELS, str(low)),
                    high=term(DIGITISATION_LEVELS, str(high)),
                )
            )
        st.checkbox(
            t("Only services with no level recorded"),
            value=none_only,
            key=KEYS["level_not_recorded"],
            help=t(
                "Services whose digitisation level is not recorded. They are in no range of "
                "levels, and never counted as a level."
            ),
        )
        _multiselect(
            "challenges",
            t("Challenge theme"),
            {c: theme_names[c] for c in sorted(known["challenges"], key=theme_names.__getitem__)},
            t("Services whose owners reported any of these challenges."),
        )
        _multiselect(
            "opportunities",
            t("Opportunity theme"),
            {
                c: theme_names[c]
                for c in sorted(known["opportunities"], key=theme_names.__getitem__)
            },
            t("Services whose owners named any of these aims or opportunities."),
        )
        # closed, its fields are not drawn and keep their values as plain session state
        held = {name: list(st.session_state.get(KEYS[name]) or []) for name in MORE}
        more = open_expander(t("More filters"), key=MORE_KEY)
        if more is None:
            for name, values in held.items():
                st.session_state[KEYS[name]] = values
        else:
            with more:
                _multiselect(
                    "service_types",
                    t("Service type"),
                    _type_choices(services),
                    t(
                        "The need the service meets, which other organisations meet too "
                        "(council types follow the Local Government Service List)."
                    ),
                )
                _multiselect("stages", t("Stage"), STAGES, t("How established the service is."))
                _multiselect("user_types", t("User type"), USER_TYPES, t("Who uses the service."))
                _multiselect(
                    "contracting_types",
                    t("Contracting type"),
                    CONTRACTING_TYPES,
                    t("How the service is built and run."),
                )
                _multiselect(
                    "welsh_provisions",
                    t("Welsh language provision"),
                    WELSH_PROVISION,
                    t("How far the service is offered in Welsh."),
                )
                _multiselect(
                    "org_types",
                    t("Type of organisation"),
                    ORGANISATION_TYPES,
                    t("The kind of body that runs the service."),
                )
        st.toggle(
            t("Deep-dive services only"),
            value=bool(st.session_state.get(KEYS["deep_dive_only"], False)),
            key=KEYS["deep_dive_only"],
        )
        flt = _from_widgets()
        mask = store.guarded(store.filter_mask, version, flt)
        st.session_state[MASK_KEY] = mask
        st.markdown(
            t(
                "**{matching}** of {total} services match",
                matching=f"{int(mask.sum()):,}",
                total=f"{len(services):,}",
            )
        )
        st.button(
            t("Reset filter"),
            key="f_reset",
            on_click=_reset,
            disabled=flt.is_empty,
            icon=":material/filter_alt_off:",
            width="stretch",
        )
    LINK.write(as_params(flt.to_query()))
    st.session_state[STATE_KEY] = flt
    return flt


def current() -> Filter:
    """The filter set in the sidebar on this run (pages call this)."""
    flt = st.session_state.get(STATE_KEY)
    return flt if isinstance(flt, Filter) else Filter()


def matching(frame: Rows) -> Rows:
    """The rows of `frame` (the services, or a table in the same order) the filter matches."""
    mask = st.session_state.get(MASK_KEY)
    if mask is None or len(mask) != len(frame):
        return frame
    kept: Rows = frame[mask]
    return kept


def names() -> dict[str, str]:
    """Organisation and theme codes to the names people read."""
    found: dict[str, str] = st.session_state.get(NAMES_KEY, {})
    return found


def describe() -> list[str]:
    """The current filter in words, one phrase per field (for headers of downloads)."""
    return describe_filter(current(), names())


def _remove(chip: Chip) -> None:
    _seed_widgets(chip.remove_from(current()))


def chips_row(key: str) -> None:
    """The active filter as chips above the results; clicking a chip removes that part."""
    chips = filter_chips(current(), names())
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    if not chips:
        row.caption(t("No filter: the whole catalogue."), width="content")
        return
    row.caption(t("Filtered by"), width="content")
    for number, chip in enumerate(chips):
        row.button(
            plain(chip.text),
            key=f"{key}_chip_{number}",
            on_click=_remove,
            args=(chip,),
            icon=":material/close:",
            help=t("Remove this from the filter"),
            type="secondary",
        )
    row.button(
        t("Clear all"),
        key=f"{key}_chip_reset",
        on_click=_reset,
        type="tertiary",
        icon=":material/filter_alt_off:",
    )
