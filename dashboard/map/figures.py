"""Each area's figure for the chosen measure, and the national bodies' (no Streamlit here).

A measure is a share of services, and every figure carries the services it rests on:

- "digital": services digital end to end (level 3 or 4, db.vocabulary.END_TO_END_LEVEL), of
  the services with a digitisation level recorded (a level not recorded is in neither count);
- "figure": services that give a figure (provided or estimated) for at least one key metric
  (users per year, transactions per year, cost per transaction: the Data availability page's
  key metrics), of the services that answered a key metric;
- "challenge": services reporting the chosen challenge, of the services reporting any
  challenge (as the Challenges and aims page counts a theme's share);
- "surveys": deep-dive services whose generalist survey is submitted, of the deep-dive
  services.

An area's figure adds up the services of every organisation that is the area's
(dashboard.map.areas). As dashboard.common.disclosure does, a figure resting on fewer than 5
services is not shown: the area is drawn hatched, and its count of services is marked "[c]".

The per-service facts are worked out once per data version (`service_inputs`); a filter, a
measure or a layer then costs a few array sums (`map_view`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.disclosure import SUPPRESSED, THRESHOLD
from dashboard.common.filters import Memberships
from dashboard.common.i18n import local_name, t, term
from dashboard.map.areas import COUNCILS, LAYERS, load_areas, organisation_areas
from db.vocabulary import END_TO_END_LEVEL, SECTORS, WITH_VALUE, Metric

#: The key metrics, as the Data availability page names them: how many use a service, how
#: often, at what cost.
KEY_METRICS = (Metric.USERS_PER_YEAR, Metric.TRANSACTIONS_PER_YEAR, Metric.COST_PER_TRANSACTION)
MEASURES = ("digital", "figure", "challenge", "surveys")
DIGITAL, FIGURE, CHALLENGE, SURVEYS = MEASURES
#: The link's parameters (`?map_measure=figure&map_areas=boards&map_challenge=...`).
MEASURE_PARAM, LAYER_PARAM, CHALLENGE_PARAM = "map_measure", "map_areas", "map_challenge"
GENERALIST = "generalist"
SUBMITTED = "submitted"


@dataclass(frozen=True)
class ServiceInputs:
    """Per service (in the services frame's order): its organisation and the facts each
    measure counts."""

    organisation: np.ndarray  # position in `organisations`
    organisations: pd.DataFrame  # code, name_en, name_cy, sector (one row per organisation)
    level_known: np.ndarray
    digital: np.ndarray
    key_answered: np.ndarray
    key_figure: np.ndarray
    any_challenge: np.ndarray
    deep_dive: np.ndarray
    surveyed: np.ndarray
    ids: np.ndarray  # service ids
    #: service ids reporting each challenge (theme code)
    challenge_ids: dict[str, np.ndarray]


def service_inputs(
    services: pd.DataFrame,
    answers: pd.DataFrame,
    memberships: Memberships,
    surveys: pd.DataFrame,
) -> ServiceInputs:
    """The facts every map figure is added up from (`services` indexed by service id;
    `answers` the metric answers; `surveys` one row per survey response: service_id,
    instrument, status)."""
    ids = services.index.to_numpy()
    codes = services["organisation_code"].astype(str)
    first = ~codes.duplicated().to_numpy()
    organisations = pd.DataFrame(
        {
            "code": codes.to_numpy()[first],
            "name_en": services["organisation_en"].astype(object).to_numpy()[first],
            "name_cy": services["organisation_cy"].astype(object).to_numpy()[first],
            "sector": services["sector"].astype(object).to_numpy()[first],
        }
    )
    position = pd.Index(organisations["code"]).get_indexer(codes)
    level = services["digitisation_level"]
    known = level.notna().to_numpy()
    digital = known & (level.astype("float64").fillna(-1).to_numpy() >= END_TO_END_LEVEL)
    key = answers[answers["metric"].astype(str).isin([str(m) for m in KEY_METRICS])]
    with_value = key["availability"].astype(str).isin([str(a) for a in WITH_VALUE])
    themes = memberships.themes
    challenges = themes[themes["kind"].astype(str) == "challenge"] if len(themes) else themes
    challenge_ids = (
        {
            str(code): np.unique(group["service_id"].to_numpy())
            for code, group in challenges.groupby(challenges["theme"].astype(str))
        }
        if len(challenges)
        else {}
    )
    generalist = (
        surveys[surveys["instrument"].astype(str) == GENERALIST] if len(surveys) else surveys
    )
    submitted = (
        generalist.loc[generalist["status"].astype(str) == SUBMITTED, "service_id"]
        if len(generalist)
        else pd.Series(dtype="int64")
    )
    deep = services["is_deep_dive"].to_numpy(dtype=bool)
    return ServiceInputs(
        organisation=position,
        organisations=organisations,
        level_known=known,
        digital=digital,
        key_answered=np.isin(ids, key["service_id"].to_numpy()),
        key_figure=np.isin(ids, key.loc[with_value, "service_id"].to_numpy()),
        any_challenge=np.isin(ids, challenges["service_id"].to_numpy())
        if len(challenges)
        else np.zeros(len(ids), dtype=bool),
        deep_dive=deep,
        surveyed=deep & np.isin(ids, submitted.to_numpy()),
        ids=ids,
        challenge_ids=challenge_ids,
    )


def counted_and_hit(
    inputs: ServiceInputs, measure: str, challenge: str = ""
) -> tuple[np.ndarray, np.ndarray]:
    """Per service: whether the measure counts it (its denominator) and whether it is one the
    measure is about (its numerator, always within the denominator)."""
    if measure == DIGITAL:
        return inputs.level_known, inputs.digital
    if measure == FIGURE:
        return inputs.key_answered, inputs.key_figure
    if measure == CHALLENGE:
        reporting = inputs.challenge_ids.get(challenge, np.empty(0, dtype=inputs.ids.dtype))
        return inputs.any_challenge, inputs.any_challenge & np.isin(inputs.ids, reporting)
    if measure == SURVEYS:
        return inputs.deep_dive, inputs.surveyed
    raise ValueError(f"unknown measure {measure!r}")


@dataclass(frozen=True)
class MapView:
    """What the map shows for one filter, measure and layer."""

    measure: str
    layer: str
    challenge: str
    #: one row per area of the layer, in the reference's order: code, name_en, name_cy,
    #: organisations (codes, tuple), services (matching the filter), counted, hit, share
    #: (NaN when none counted or fewer than THRESHOLD), small (counted 1 to THRESHOLD - 1)
    areas: pd.DataFrame
    #: one row per national body with matching services: code, name_en, name_cy, sector,
    #: services, counted, hit, share, small
    national: pd.DataFrame


def _shares(counted: np.ndarray, hit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    small = (counted > 0) & (counted < THRESHOLD)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where((counted >= THRESHOLD), hit / np.maximum(counted, 1), np.nan)
    return share, small


def map_view(
    inputs: ServiceInputs, mask: np.ndarray, measure: str, layer: str, challenge: str = ""
) -> MapView:
    """Each area's figure and each national body's, over the services `mask` keeps."""
    counted, hit = counted_and_hit(inputs, measure, challenge)
    n_orgs = len(inputs.organisations)
    org = inputs.organisation[mask]
    per_org_services = np.bincount(org, minlength=n_orgs)
    per_org_counted = np.bincount(org, weights=counted[mask], minlength=n_orgs).astype(np.int64)
    per_org_hit = np.bincount(org, weights=hit[mask], minlength=n_orgs).astype(np.int64)
    reference = load_areas()
    areas = reference.layer(layer)
    placed = organisation_areas(inputs.organisations, layer)
    every_placed = set(placed)
    for other in LAYERS:
        if other != layer:
            every_placed |= set(organisation_areas(inputs.organisations, other))
    codes = inputs.organisations["code"].to_numpy()
    area_position = {area.code: i for i, area in enumerate(areas)}
    org_area = np.asarray([area_position.get(placed.get(str(c), ""), -1) for c in codes])
    on_map = org_area >= 0
    size = len(areas)

    def per_area(values: np.ndarray) -> np.ndarray:
        return np.bincount(org_area[on_map], weights=values[on_map], minlength=size).astype(
            np.int64
        )

    area_counted, area_hit = per_area(per_org_counted), per_area(per_org_hit)
    share, small = _shares(area_counted, area_hit)
    table = pd.DataFrame(
        {
            "code": [a.code for a in areas],
            "name_en": [a.name_en for a in areas],
            "name_cy": [a.name_cy for a in areas],
            "organisations": [tuple(str(c) for c in codes[(org_area == i)]) for i in range(size)],
            "services": per_area(per_org_services),
            "counted": area_counted,
            "hit": area_hit,
            "share": share,
            "small": small,
        }
    )
    national_rows = np.flatnonzero(
        np.asarray([str(c) not in every_placed for c in codes]) & (per_org_services > 0)
    )
    n_share, n_small = _shares(per_org_counted[national_rows], per_org_hit[national_rows])
    national = inputs.organisations.iloc[national_rows].reset_index(drop=True)
    national = national.assign(
        services=per_org_services[national_rows],
        counted=per_org_counted[national_rows],
        hit=per_org_hit[national_rows],
        share=n_share,
        small=n_small,
    )
    return MapView(measure, layer, challenge, table, national)


# --- words ------------------------------------------------------------------------------


def measure_labels() -> dict[str, str]:
    """The measure box's words."""
    return {
        DIGITAL: t("Digital end to end"),
        FIGURE: t("Gives a key figure"),
        CHALLENGE: t("Reports a challenge"),
        SURVEYS: t("Survey coverage"),
    }


def layer_labels() -> dict[str, str]:
    return {COUNCILS: t("Principal councils (22)"), "boards": t("Local health boards (7)")}


def measure_phrase(measure: str, challenge_name: str = "") -> str:
    """What the share is of, for titles and main points."""
    if measure == DIGITAL:
        return t("services digital end to end (level 3 or 4)")
    if measure == FIGURE:
        return t("services giving a figure for a key metric")
    if measure == CHALLENGE:
        return t("services reporting “{challenge}”", challenge=challenge_name)
    return t("deep-dive services with a submitted generalist survey")


def denominator_phrase(measure: str) -> str:
    """The services a figure rests on (its "of M")."""
    if measure == DIGITAL:
        return t("services with a digitisation level recorded")
    if measure == FIGURE:
        return t("services that answered a key metric (users, transactions, cost)")
    if measure == CHALLENGE:
        return t("services reporting any challenge")
    return t("deep-dive services")


def percent(share: float) -> str:
    return f"{share:.0%}"


def n_of_m(hit: int, counted: int) -> str:
    return t("{n} of {m} services", n=f"{hit:,}", m=f"{counted:,}")


def figure_words(hit: int, counted: int, small: bool) -> str:
    """An area's figure as a person reads it: "42% (21 of 50 services)", "fewer than 5
    services: not shown as a figure", or "no services counted"."""
    if small:
        return t("fewer than {n} services: not shown as a figure", n=THRESHOLD)
    if counted == 0:
        return t("no services counted")
    return t("{share} ({of})", share=percent(hit / counted), of=n_of_m(hit, counted))


def area_names(table: pd.DataFrame) -> list[str]:
    return [local_name(en, cy) for en, cy in zip(table["name_en"], table["name_cy"], strict=True)]


def shown_table(view: MapView) -> pd.DataFrame:
    """The table of areas as the page shows and downloads it: counts of services behind a
    figure of fewer than 5 are "[c]", and so is the figure."""
    areas = view.areas
    return pd.DataFrame(
        {
            t("Area"): area_names(areas),
            t("ONS code"): areas["code"],
            t("Share"): [
                SUPPRESSED if small else ("" if counted == 0 else percent(hit / counted))
                for hit, counted, small in zip(
                    areas["hit"], areas["counted"], areas["small"], strict=True
                )
            ],
            t("Services"): [
                SUPPRESSED if small else f"{int(hit):,}"
                for hit, small in zip(areas["hit"], areas["small"], strict=True)
            ],
            t("Of services counted"): [f"{int(c):,}" for c in areas["counted"]],
            t("Services matching the filter"): [f"{int(s):,}" for s in areas["services"]],
            t("Organisations"): [", ".join(codes) for codes in areas["organisations"]],
        }
    )


def national_table(view: MapView) -> pd.DataFrame:
    """The national bodies beside the map, with the same measure (suppressed alike)."""
    rows = view.national.sort_values(["sector", "name_en"], kind="stable")
    return pd.DataFrame(
        {
            t("Organisation"): [
                local_name(en, cy) for en, cy in zip(rows["name_en"], rows["name_cy"], strict=True)
            ],
            t("Sector"): [term(SECTORS, str(s)) if pd.notna(s) else "" for s in rows["sector"]],
            t("Share"): [
                SUPPRESSED if small else ("" if counted == 0 else percent(hit / counted))
                for hit, counted, small in zip(
                    rows["hit"], rows["counted"], rows["small"], strict=True
                )
            ],
            t("Services"): [
                SUPPRESSED if small else f"{int(hit):,}"
                for hit, small in zip(rows["hit"], rows["small"], strict=True)
            ],
            t("Of services counted"): [f"{int(c):,}" for c in rows["counted"]],
        }
    )


def measure_from_link(params: dict[str, list[str]]) -> tuple[str, str, str]:
    """(measure, layer, challenge) from the link; anything unknown falls back to the first."""
    measure = (params.get(MEASURE_PARAM) or [MEASURES[0]])[0]
    layer = (params.get(LAYER_PARAM) or [LAYERS[0]])[0]
    challenge = (params.get(CHALLENGE_PARAM) or [""])[0]
    return (
        measure if measure in MEASURES else MEASURES[0],
        layer if layer in LAYERS else LAYERS[0],
        challenge,
    )


def measure_link(measure: str, layer: str, challenge: str) -> dict[str, list[str]]:
    """The link's parameters for the choices (defaults left out)."""
    params: dict[str, list[str]] = {}
    if measure != MEASURES[0]:
        params[MEASURE_PARAM] = [measure]
    if layer != LAYERS[0]:
        params[LAYER_PARAM] = [layer]
    if measure == CHALLENGE and challenge:
        params[CHALLENGE_PARAM] = [challenge]
    return params
