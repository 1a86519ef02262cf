"""The cached engine and data loads, shared across sessions and keyed by the data version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NoReturn, ParamSpec, TypeVar

import numpy as np
import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard.availability.tables import AvailabilityView
from dashboard.catalogue.detail import ServiceDetail
from dashboard.common import queries
from dashboard.common.filters import Filter, Memberships, match
from dashboard.common.i18n import language, t, using
from dashboard.common.service_labels import ServiceLabels
from dashboard.overview.change import FigureChange, PeriodValues
from dashboard.overview.change import figure_changes as changes_of
from dashboard.overview.change import period_values as change_values
from dashboard.overview.tables import Overview
from dashboard.prioritise.reach import ReachView
from dashboard.themes.index import ThemeIndex
from dashboard.themes.owners_words import OwnersWords, WordsIndex
from dashboard.themes.tables import ThemesView
from dashboard.trends.compare import PeriodAnswers, PeriodComparison, compare_period_answers
from dashboard.trends.compare import period_answers as answers_by_period
from dashboard.trends.slides import SinceLastRound
from dashboard.trends.slides import since_last_round as last_round_view
from dashboard.trends.states import Rounds, RoundState, load_rounds, load_state
from dashboard.ui.shared_cache import shared
from db.dataset import read_data_version, read_survey_version
from db.engine import get_engine
from db.migrate import SchemaState, SchemaStatus, check_schema

if TYPE_CHECKING:  # the pages' own modules load when a page first asks for its view
    from dashboard.availability.tables import AvailabilityView
    from dashboard.catalogue.detail import ServiceDetail
    from dashboard.common.service_labels import ServiceLabels
    from dashboard.join_up.figures import JoinUpView
    from dashboard.join_up.inputs import ServiceInputs
    from dashboard.map.figures import MapView
    from dashboard.map.figures import ServiceInputs as MapInputs
    from dashboard.organisation.figures import OrganisationFigures
    from dashboard.organisation.view import ProfileView
    from dashboard.overview.tables import Overview
    from dashboard.prioritise.score import Ranking
    from dashboard.prioritise.stability import Stability
    from dashboard.technology.answers import TechnologyAnswers
    from dashboard.technology.gaps import ComponentGaps
    from dashboard.technology.tables import TechnologyView
    from dashboard.themes.index import ThemeIndex
    from dashboard.themes.owners_words import OwnersWords, WordsIndex
    from dashboard.themes.tables import ThemesView

P = ParamSpec("P")
R = TypeVar("R")


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    return get_engine()


def store_problem(error: Exception | None = None, status: SchemaStatus | None = None) -> NoReturn:
    """Tell the user in words what is wrong with the store and what to do; stop the page."""
    if status is None:
        detail = str(getattr(error, "orig", None) or error or "").strip().splitlines()
        status = SchemaStatus(SchemaState.UNREACHABLE, None, "", detail[0][:300] if detail else "")
    st.error(
        t("**The data cannot be shown right now.** {advice}", advice=advice(status)),
        icon=":material/error:",
    )
    st.button(t("Try again"), key="store_retry", icon=":material/refresh:")
    st.stop()


def advice(status: SchemaStatus) -> str:
    """What to tell a person who cannot use the store, in words, in their language."""
    match status.state:
        case SchemaState.EMPTY:
            return t(
                "The database has no tables yet. Run `landscape db upgrade` and then "
                "`landscape demo load` (or `landscape serve`, which does both)."
            )
        case SchemaState.OUTDATED:
            return t(
                "The database schema is at revision {current}, older than this version of the "
                "app needs ({head}). Run `landscape db upgrade`.",
                current=status.current,
                head=status.head,
            )
        case SchemaState.UNKNOWN:
            return t(
                "The database holds tables this app does not recognise (revision {current}). "
                "Point DATABASE_URL at the right database, or at an empty one and run "
                "`landscape db upgrade`.",
                current=status.current or "-",
            )
        case SchemaState.UNREACHABLE:
            return t(
                "The database cannot be reached. Check that it is running and that DATABASE_URL "
                "is right, then reload this page. (Details: {detail})",
                detail=status.detail,
            )
    return t("The database is ready.")


def require_store(last_version: int | None = None) -> int:
    """Check the store is reachable and migrated; return its data version (cache key).

    If the store cannot be reached but this session has already shown data (`last_version`),
    the pages go on from the shared cache with a warning instead of going blank: a database
    blip must not end a show-and-tell. Anything not cached then reports the outage in words.
    """
    try:
        status = check_schema(engine())
        if status.state is SchemaState.UNREACHABLE and last_version is not None:
            _stale_warning(status)
            return last_version
        if not status.ready:
            store_problem(status=status)
        return read_data_version(engine())
    except SQLAlchemyError as error:
        if last_version is not None:
            _stale_warning(SchemaStatus(SchemaState.UNREACHABLE, None, "", str(error)[:300]))
            return last_version
        store_problem(error)


def _stale_warning(status: SchemaStatus) -> None:
    st.warning(
        t(
            "**The database cannot be reached right now**, so this page shows the data as it "
            "was last loaded; changes made since will appear when it is back. Nothing you saved "
            "is lost. If this lasts, check that the database is running and DATABASE_URL is "
            "right."
        ),
        icon=":material/cloud_off:",
    )


@st.cache_data(show_spinner=False, max_entries=4)
def dataset_info(version: int) -> queries.DatasetInfo:
    return queries.dataset_info(engine())


# The large frames are shared resources, not copies: st.cache_data would unpickle a fresh copy
# of a 100,000-row frame on every rerun (tens of milliseconds each). Callers only ever derive
# new frames from them (masks, selections, joins) and never change them in place.


def services(version: int) -> pd.DataFrame:
    # the spinner only shows if the load takes over half a second (the first visit)
    with st.spinner(t("Loading the catalogue…")):
        return _services(version)


@shared(max_entries=2)
def _services(version: int) -> pd.DataFrame:
    return queries.load_services(engine())


@shared(max_entries=2)
def metric_answers(version: int) -> pd.DataFrame:
    return queries.load_metric_answers(engine())


@st.cache_data(show_spinner=False, max_entries=4)
def survey_progress(version: int, surveys: int) -> pd.DataFrame:
    """Every response's status and sections done; keyed on the survey version too, so a saved
    answer shows at once without reloading the catalogue."""
    return queries.load_survey_progress(engine())


def survey_version() -> int:
    """The survey version (a tiny query per run); the last one seen if the store is away."""
    try:
        current = read_survey_version(engine())
    except SQLAlchemyError:
        return int(st.session_state.get("survey_version", 0))
    st.session_state["survey_version"] = current
    return current


#: What a store failing mid-session raises; pages turn it into words with store_problem.
STORE_ERRORS = (SQLAlchemyError,)


def guarded(load: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a (cached) load; a store that fails mid-session gives a message, not a traceback,
    and stops the page."""
    try:
        return load(*args, **kwargs)
    except SQLAlchemyError as error:
        store_problem(error)


@shared(max_entries=2)
def memberships(version: int) -> Memberships:
    return queries.load_memberships(engine())


@st.cache_data(show_spinner=False, max_entries=2)
def themes(version: int) -> pd.DataFrame:
    return queries.load_themes(engine())


def service_detail(version: int, code: str) -> ServiceDetail | None:
    """One service's detail view in the session's language (None for an unknown code)."""
    return _service_detail(version, survey_version(), code, language())


@st.cache_data(show_spinner=False, max_entries=64)
def _service_detail(version: int, surveys: int, code: str, lang: str) -> ServiceDetail | None:
    from dashboard.catalogue.detail import load_service_detail

    with using(lang):
        return load_service_detail(engine(), code)


def catalogue_rows(version: int) -> pd.DataFrame:
    """The catalogue table of every service in the session's language."""
    return _catalogue_rows(version, language())


@shared(max_entries=4)
def _catalogue_rows(version: int, lang: str) -> pd.DataFrame:
    """The catalogue table of every service, built once per data version and language, shared.

    A resource, not data: callers take rows with a mask and never change it in place, and a
    100,000-row table is not copied on every rerun.
    """
    from dashboard.catalogue.table import catalogue_table

    with using(lang):
        return catalogue_table(_services(version), metric_answers(version))


def catalogue_ranks(version: int, order: str) -> pd.Series:
    """Each catalogue row's place in `order`, in the session's language (names sort by the
    names shown)."""
    return _catalogue_ranks(version, language(), order)


@shared(max_entries=12)
def _catalogue_ranks(version: int, lang: str, order: str) -> pd.Series:
    """Worked out once per data version, language and order, shared: a filter then puts its
    rows in order by their ranks, without comparing names again."""
    from dashboard.catalogue.table import order_ranks

    rows = _catalogue_rows(version, lang)
    with using(lang):
        return pd.Series(order_ranks(rows, order), index=rows.index)


def overview(version: int, flt: Filter) -> Overview:
    """The Overview's tables for one filter in the session's language, computed once and
    shared by every session."""
    return _overview(version, survey_version(), flt, language())


@st.cache_data(show_spinner=False, max_entries=128)
def _overview(version: int, surveys: int, flt: Filter, lang: str) -> Overview:
    from dashboard.overview.tables import overview as build

    matching = _services(version)[filter_mask(version, flt)]
    with using(lang):
        return build(
            matching,
            metric_answers(version),
            survey_progress(version, surveys),
            memberships(version).themes,
            themes(version),
            # the levels the filter keeps (a range that decides the share digital end to end)
            (flt.level_min, flt.level_max),
        )


@shared(max_entries=2)
def _periods(version: int) -> tuple[PeriodValues, PeriodAnswers]:
    """Every period's metric answers read once per data version, kept only as the two compact
    forms the pages use: the headline metrics' figures per service and yearly period
    (Overview), and every dated answer as whole numbers (Trends)."""
    answers = queries.load_metric_answers_of_every_period(engine())
    ids = _services(version).index
    return change_values(answers, ids), answers_by_period(answers, ids)


def period_values(version: int) -> PeriodValues:
    return _periods(version)[0]


@st.cache_data(show_spinner=False, max_entries=128)
def figure_changes(version: int, flt: Filter) -> list[FigureChange]:
    """The headline metrics' change since the previous period under a filter, over the
    services that reported in both."""
    return changes_of(period_values(version), filter_mask(version, flt))


@st.cache_data(show_spinner=False, max_entries=2)
def rounds(version: int) -> Rounds:
    return load_rounds(engine())


@st.cache_data(show_spinner=False, max_entries=8)
def round_state(version: int, code: str) -> RoundState:
    return load_state(engine(), code)


def period_answers(version: int) -> PeriodAnswers:
    return _periods(version)[1]


@st.cache_data(show_spinner=False, max_entries=64)
def period_comparison(version: int, flt: Filter, first: str, second: str) -> PeriodComparison:
    """Figures that became available between two periods under a filter."""
    return compare_period_answers(period_answers(version), first, second, filter_mask(version, flt))


@st.cache_data(show_spinner=False, max_entries=64)
def since_last_round(version: int, flt: Filter) -> SinceLastRound:
    """The last survey round against the open one under a filter (the Present slide)."""
    within = _services(version).index[filter_mask(version, flt)]
    return last_round_view(
        rounds(version), lambda code: round_state(version, code), within, themes(version)
    )


@st.cache_data(show_spinner=False, max_entries=256)
def filter_mask(version: int, flt: Filter) -> np.ndarray:
    """Which services a filter matches, worked out once per filter (a text search over
    100,000 services takes tens of milliseconds) and shared by every session."""
    return match(_services(version), memberships(version), flt)


@st.cache_data(show_spinner=False, max_entries=2)
def organisations(version: int) -> pd.DataFrame:
    """Organisation codes, names (English, Welsh where known) and sectors of the catalogue's
    services, sorted by English name."""
    frame = (
        _services(version)[["organisation_code", "organisation_en", "organisation_cy", "sector"]]
        .drop_duplicates("organisation_code")
        .astype(object)
        .sort_values("organisation_en")
    )
    frame["organisation_cy"] = frame["organisation_cy"].where(frame["organisation_cy"].notna())
    return frame


@st.cache_data(show_spinner=False, max_entries=64)
def priority_top(
    version: int,
    flt: Filter,
    weights: tuple[tuple[str, int], ...],
    missing: str,
    top: int,
    lang: str,
) -> pd.DataFrame:
    """The top of the ranking for one filter and set of weights (the Present page), shared.

    Keyed on the language: the table holds names and labels people read.
    """
    from dashboard.prioritise import score as prioritise

    parts = priority_parts(version, flt)
    ranking = priority_ranking(version, flt, weights, missing)  # the scores Prioritise shares
    if not len(ranking.table):
        return pd.DataFrame()
    matching = _services(version)[filter_mask(version, flt)]
    top_rows = prioritise.ranked(ranking, matching, parts, top=top)
    top_rows.attrs["ranked"] = len(ranking.table)  # the whole ranking, for "10 of 143 shown"
    return top_rows


@st.cache_resource(show_spinner=False, max_entries=16)
def priority_ranking(
    version: int, flt: Filter, weights: tuple[tuple[str, int], ...], missing: str
) -> Ranking:
    """The scores of the matching services for one filter and set of weights, shared by every
    session and read only (codes and numbers: no language in it). A visitor who opens a
    shared view, or a show-and-tell's second screen, does not score 100,000 services again."""
    from dashboard.prioritise import score as prioritise

    return prioritise.score(priority_parts(version, flt), dict(weights), missing)


@dataclass(frozen=True)
class PriorityView:
    """What Prioritise shows of one ranking, in one language (read only, shared)."""

    #: the first `shown` rows of the ranking with names and figures (`score.ranked`)
    full: pd.DataFrame
    #: those rows as the page's table shows them, with "Shares its type"
    screen: pd.DataFrame
    #: the reach chart with the top `top` marked
    reach: ReachView


@st.cache_resource(show_spinner=False, max_entries=16)
def priority_view(
    version: int,
    flt: Filter,
    weights: tuple[tuple[str, int], ...],
    missing: str,
    shown: int,
    top: int,
    lang: str,
) -> PriorityView:
    """The named ranking, its screen table and the reach chart for one filter, set of weights
    and language, worked out once and shared by every session with the view: a new visitor,
    a moved weight that another screen has tried, a language switch back, all read it.

    Read only: a page that adds a column of its own (the reader's services) copies first.
    """
    from dashboard.prioritise import by_type, ranking_table
    from dashboard.prioritise import score as prioritise
    from dashboard.prioritise.reach import reach_view

    parts = priority_parts(version, flt)
    ranking = priority_ranking(version, flt, weights, missing)
    matching = _services(version)[filter_mask(version, flt)]
    with using(lang):
        full = prioritise.ranked(ranking, matching, parts, top=shown)
        sharing = by_type.sharing_types(full, ranking.table, matching)
        screen = ranking_table.for_screen(full)
        # services that share a type with others in the ranking: one need met many ways
        ranking_table.insert_beside_organisation(
            screen, t("Shares its type"), by_type.sharing_words(sharing).to_numpy()
        )
        reach = reach_view(parts, matching, full.head(top))
    return PriorityView(full=full, screen=screen, reach=reach)


@st.cache_data(show_spinner=False, max_entries=64)
def priority_types(
    version: int, flt: Filter, weights: tuple[tuple[str, int], ...], missing: str
) -> pd.DataFrame:
    """Service types ranked as one (`by_type.type_ranking`) for one filter and set of weights,
    shared by every session (codes only: no language in it)."""
    from dashboard.prioritise import by_type

    parts = priority_parts(version, flt)
    ranking = priority_ranking(version, flt, weights, missing)
    matching = _services(version)[filter_mask(version, flt)]
    return by_type.type_ranking(ranking.table, parts, matching, dict(weights))


@st.cache_data(show_spinner=False, max_entries=128)
def journey_bands(version: int, flt: Filter) -> pd.DataFrame:
    """Journeys by sector and fan-out for one filter (sector codes: no language in it)."""
    from dashboard.overview.journeys import journey_bands as bands

    return bands(_services(version)[filter_mask(version, flt)])


@st.cache_resource(show_spinner=False)
def warm_renderer() -> None:
    """Start the chart-image browser in the background once per process, so the first
    "Download PNG" does not wait seconds for Chromium to start."""
    import threading

    from dashboard.common import chart_images

    def start() -> None:
        try:
            chart_images.start_renderer()
        except Exception:  # the PNG button explains a missing browser itself
            return

    if chart_images.renderer_problem() is None:
        threading.Thread(target=start, name="png-renderer", daemon=True).start()


@st.cache_data(show_spinner=False, max_entries=2)
def framework(version: int) -> queries.Framework:
    return queries.load_framework(engine())


@shared(max_entries=2)
def assessments(version: int) -> pd.DataFrame:
    return queries.load_assessments(engine())


# The Insight views name themes, standards, metrics and services, so each is cached per
# language: a Welsh session never gets English names cached by an English one. The public
# functions take the session's language unless told otherwise.


def availability_view(version: int, flt: Filter, lang: str | None = None) -> AvailabilityView:
    """The Data availability page's tables for one filter, shared by every session."""
    return _availability_view(version, flt, lang or language())


@st.cache_data(show_spinner=False, max_entries=128)
def _availability_view(version: int, flt: Filter, lang: str) -> AvailabilityView:
    from dashboard.availability import tables as availability

    everyone = _services(version)
    matching = everyone[filter_mask(version, flt)]
    labels = service_labels(version, lang)
    with using(lang):
        return availability.build(
            matching, metric_answers(version), labels=labels, everyone=everyone.index
        )


@shared(max_entries=2)
def theme_index(version: int) -> ThemeIndex:
    """Every service's theme reports and self-assessments as bit masks and integer codes, built
    once per data version and shared: a filter's Challenges and aims views are then a mask and
    a count (dashboard.themes.index)."""
    from dashboard.themes.index import ThemeIndex

    return ThemeIndex.build(_services(version), memberships(version).themes, assessments(version))


@shared(max_entries=4)
def service_labels(version: int, lang: str) -> ServiceLabels:
    """What the drill-down tables show of every service, once per data version and language."""
    from dashboard.common.service_labels import ServiceLabels

    with using(lang):
        return ServiceLabels.build(_services(version))


def themes_view(version: int, flt: Filter, kind: str, lang: str | None = None) -> ThemesView:
    """The Challenges and aims page's tables for one filter and kind, shared."""
    return _themes_view(version, flt, kind, lang or language())


@st.cache_data(show_spinner=False, max_entries=128)
def _themes_view(version: int, flt: Filter, kind: str, lang: str) -> ThemesView:
    from dashboard.themes import index as themes_index

    with using(lang):
        return themes_index.view(
            theme_index(version),
            filter_mask(version, flt),
            themes(version),
            framework(version),
            kind,
        )


# The drill-down tables can hold tens of thousands of services: shared resources (callers
# never change them), not st.cache_data copies unpickled on every rerun. Built from the theme
# index in about 10 ms, and up to 10 MB each at 100,000 services, so only the latest few are
# kept.


def theme_drill(version: int, flt: Filter, theme: str, lang: str | None = None) -> pd.DataFrame:
    """The services behind one theme for one filter (tens of thousands at scale), shared."""
    return _theme_drill(version, flt, theme, lang or language())


@st.cache_resource(show_spinner=False, max_entries=16)
def _theme_drill(version: int, flt: Filter, theme: str, lang: str) -> pd.DataFrame:
    from dashboard.themes import index as themes_index

    with using(lang):
        return themes_index.theme_drill(
            theme_index(version), service_labels(version, lang), filter_mask(version, flt), theme
        )


def framework_drill(
    version: int, flt: Filter, item: str, kind: str, lang: str | None = None
) -> pd.DataFrame:
    """The services behind a standard or OECD dimension for one filter and kind, shared."""
    return _framework_drill(version, flt, item, kind, lang or language())


@st.cache_resource(show_spinner=False, max_entries=16)
def _framework_drill(version: int, flt: Filter, item: str, kind: str, lang: str) -> pd.DataFrame:
    from dashboard.themes import index as themes_index

    with using(lang):
        return themes_index.framework_drill(
            theme_index(version),
            service_labels(version, lang),
            filter_mask(version, flt),
            themes(version),
            framework(version),
            item,
            kind,
        )


# Owners' own words: every note and long survey answer indexed once per data version (tens of
# thousands of rows at 100,000 services, each distinct text folded once), then a filter, a
# theme and a search are a mask over it; the quotes listed are shared, like the drill-downs.


@shared(max_entries=2)
def words_index(version: int) -> WordsIndex:
    """Every owner's words with their services' positions (dashboard.themes.owners_words)."""
    from dashboard.themes.owners_words import WordsIndex, load_words

    return WordsIndex.build(_services(version), load_words(engine()))


def owners_words(
    version: int,
    flt: Filter,
    kind: str,
    theme: str | None = None,
    search: str = "",
    lang: str | None = None,
) -> OwnersWords:
    """The quotes of one kind or theme for one filter and search, shared."""
    return _owners_words(version, flt, kind, theme, search, lang or language())


@st.cache_resource(show_spinner=False, max_entries=16)
def _owners_words(
    version: int, flt: Filter, kind: str, theme: str | None, search: str, lang: str
) -> OwnersWords:
    from dashboard.themes import owners_words as words

    with using(lang):
        return words.owners_words(
            words_index(version),
            service_labels(version, lang),
            themes(version),
            filter_mask(version, flt),
            kind,
            theme,
            search,
        )


@shared(max_entries=2)
def _every_priority_part(version: int) -> pd.DataFrame:
    """The priority components of every service, once per data version, shared."""
    from dashboard.prioritise import score as prioritise

    return prioritise.components(
        _services(version), metric_answers(version), memberships(version).themes
    )


@st.cache_data(show_spinner=False, max_entries=64)
def priority_parts(version: int, flt: Filter) -> pd.DataFrame:
    """The priority components of the matching services, once per filter, shared (numbers and
    answer codes only, so one copy serves both languages): a selection of every service's,
    with the parts relative to the services ranked worked out again."""
    from dashboard.prioritise import score as prioritise

    return prioritise.components_of(_every_priority_part(version), filter_mask(version, flt))


def priority_stability(
    version: int, flt: Filter, weights: dict[str, int], missing: str
) -> Stability:
    """Whether the top 5 hold when one weight moves by 1, once per filter and weights (ten
    rankings more: a tenth of a second or two at 100,000 services), shared; ids only, so one
    copy serves both languages."""
    return _priority_stability(version, flt, tuple(sorted(weights.items())), missing)


@st.cache_data(show_spinner=False, max_entries=64)
def _priority_stability(
    version: int, flt: Filter, weights: tuple[tuple[str, int], ...], missing: str
) -> Stability:
    from dashboard.prioritise import stability

    return stability.check(priority_parts(version, flt), dict(weights), missing)


def improvement_areas(version: int, flt: Filter, lang: str | None = None) -> pd.DataFrame:
    """Challenge themes by the reach of the services reporting them, once per filter."""
    return _improvement_areas(version, flt, lang or language())


@st.cache_data(show_spinner=False, max_entries=64)
def _improvement_areas(version: int, flt: Filter, lang: str) -> pd.DataFrame:

    from dashboard.prioritise import areas as priority_areas

    matching = _services(version)[filter_mask(version, flt)]
    with using(lang):
        return priority_areas.improvement_areas(
            matching, memberships(version).themes, themes(version), priority_parts(version, flt)
        )


# The Technology landscape: every submitted technology answer read once per data version (a
# submission or a reopened survey moves it) and day (contract ends are banded from today),
# then a filter's counts from the shared frame. The counts hold codes and numbers only, so one
# copy serves both languages; suppression is applied as they are shown.


@shared(max_entries=2)
def technology_answers(version: int, today: date) -> TechnologyAnswers:
    from dashboard.technology.answers import load_technology_answers

    return load_technology_answers(engine(), today)


@st.cache_data(show_spinner=False, max_entries=128)
def technology_view(version: int, flt: Filter, today: date) -> TechnologyView:
    from dashboard.technology import tables as technology

    matching = _services(version)[filter_mask(version, flt)]
    return technology.build(technology_answers(version, today), matching)


def component_gaps(
    version: int,
    flt: Filter,
    today: date,
    component: str,
    by: str = "organisation",
    lang: str | None = None,
) -> ComponentGaps:
    """Services without a shared component whose owners ask for it, by organisation or (`by`
    "type") by service type."""
    return _component_gaps(version, flt, today, component, by, lang or language())


@st.cache_data(show_spinner=False, max_entries=64)
def _component_gaps(
    version: int, flt: Filter, today: date, component: str, by: str, lang: str
) -> ComponentGaps:
    from dashboard.common.names import local_names
    from dashboard.common.service_types import type_labels
    from dashboard.technology.gaps import component_gaps as gaps

    matching = _services(version)[filter_mask(version, flt)]
    with using(lang):
        if by == "type":
            names = type_labels(matching["service_type"]).to_numpy()
        else:
            names = local_names(matching["organisation_en"], matching["organisation_cy"]).to_numpy()
    return gaps(
        technology_answers(version, today).answers["shared_components"],
        memberships(version).themes,
        pd.Series(names, index=matching.index),
        component,
    )


# Join up: each service's inputs (its type, organisation, level, comparable figures, yearly
# reach and platform) worked out once per data version and day, shared by every session; then
# a filter's figures added up by type under its mask, once per filter and language (type names
# are in the reader's language).


@shared(max_entries=2)
def join_up_inputs(version: int, today: date) -> ServiceInputs:
    from dashboard.join_up.inputs import service_inputs

    return service_inputs(
        _services(version), metric_answers(version), technology_answers(version, today).answers
    )


def join_up_view(version: int, flt: Filter, today: date, lang: str | None = None) -> JoinUpView:
    return _join_up_view(version, flt, today, lang or language())


@st.cache_data(show_spinner=False, max_entries=128)
def _join_up_view(version: int, flt: Filter, today: date, lang: str) -> JoinUpView:
    from dashboard.join_up.figures import join_up_of

    with using(lang):
        return join_up_of(join_up_inputs(version, today), filter_mask(version, flt))


# The Map: each service's facts (its organisation, level, key figures, challenges, surveys)
# once per data version and survey version, then a filter's area figures as array sums.


@shared(max_entries=2)
def map_inputs(version: int, surveys: int) -> MapInputs:
    from dashboard.map.figures import service_inputs

    return service_inputs(
        _services(version),
        metric_answers(version),
        memberships(version),
        survey_progress(version, surveys),
    )


def map_view(version: int, flt: Filter, measure: str, layer: str, challenge: str) -> MapView:
    """The map's figures for a filter (its organisation part is the caller's to drop: the map
    keeps every area drawn and outlines the chosen ones); a submitted survey shows at once."""
    return _map_view(version, survey_version(), flt, measure, layer, challenge)


@st.cache_data(show_spinner=False, max_entries=128)
def _map_view(
    version: int, surveys: int, flt: Filter, measure: str, layer: str, challenge: str
) -> MapView:
    from dashboard.map.figures import map_view as build_view

    return build_view(
        map_inputs(version, surveys), filter_mask(version, flt), measure, layer, challenge
    )


# The Organisation page: every organisation's counts worked out once per data version and
# survey version (a submitted survey moves its figures), shared by every session; a choice of
# organisation then selects rows and ranks them (dashboard.organisation.profile).


def organisation_figures(version: int) -> OrganisationFigures:
    return _organisation_figures(version, survey_version())


@st.cache_resource(show_spinner=False, max_entries=2)
def _organisation_figures(version: int, surveys: int) -> OrganisationFigures:
    from dashboard.organisation.figures import organisation_figures as build

    return build(
        _services(version),
        metric_answers(version),
        memberships(version).themes,
        survey_progress(version, surveys),
        assessments(version),
    )


def organisation_view(version: int, code: str, peers: tuple[str, ...] = ()) -> ProfileView | None:
    """One organisation's profile and tables in the session's language (None for a code no
    organisation has), among the `peers` chosen (none: its whole group), once per data
    version, survey version, choice and language, shared."""
    return _organisation_view(version, survey_version(), code, tuple(sorted(peers)), language())


@st.cache_data(show_spinner=False, max_entries=128)
def _organisation_view(
    version: int, surveys: int, code: str, peers: tuple[str, ...], lang: str
) -> ProfileView | None:
    from dashboard.organisation.view import profile_view

    with using(lang):
        return profile_view(
            _organisation_figures(version, surveys),
            code,
            themes(version),
            framework(version).standards,
            peers,
        )
