"""A transparent priority score per service, from named components and weights the user sets.

Each component is a number from 0 (no case for improving) to 1 (the strongest case):

- reach: users per year (transactions per year where users are not known), log scale,
  relative to the services being ranked;
- digital gap: distance from digital end to end, (4 - level) / 4;
- pain: the severity of the challenges the owner reported (high 3, medium 2, low 1, summed),
  relative to the services being ranked; unknown when a reported challenge has no severity;
- data gaps: the share of applicable metrics the owner could not give a figure for;
- cost: cost per transaction where known, log scale, relative (dearer means more to save).

The relative components (reach, pain, cost) need at least two different known values to say
which service is higher; with one value (a single service, or all alike) every known service
gets the middle, 0.5, and the page says so.

The score is the weighted mean of the components. A component that is not known for a service
is never taken as zero: it is estimated as the median of the services that have it (and the
row says so), or, if the user chooses, services with any estimated component are left out.
Every service has the same weights, so raising a component's weight can only help the services
that are strongest on it.

Tables keep fixed English column keys; dashboard.common.headers gives them headers in the
reader's language. Names in the cells follow the language the function runs in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.answers import NOT_ANSWERED, answer_category, category_labels
from dashboard.common.catalogue_links import with_links
from dashboard.common.headers import localised
from dashboard.common.i18n import t, terms
from dashboard.common.names import local_names, optional_column, relabel
from db.vocabulary import MAX_LEVEL, SECTORS, WITH_VALUE, Availability, Metric


@dataclass(frozen=True)
class Component:
    code: str
    name: str  # the English key of its columns ("Reach contribution")
    explanation: str
    default_weight: int


COMPONENTS = (
    Component("reach", "Reach", "Users per year, or transactions where users are unknown", 3),
    Component("gap", "Digital gap", "How far the service is from digital end to end", 3),
    Component("pain", "Pain", "Severity of the challenges the owner reported", 2),
    Component("data", "Data gaps", "Share of metrics the owner could not give", 1),
    Component("cost", "Cost", "Cost per transaction, where known", 1),
)
CODES = tuple(c.code for c in COMPONENTS)
NAMES = {c.code: c.name for c in COMPONENTS}
DEFAULT_WEIGHTS = {c.code: c.default_weight for c in COMPONENTS}
MAX_WEIGHT = 5
ESTIMATE, KNOWN_ONLY = "estimate", "known_only"
#: Components scaled relative to the services ranked (the others have a fixed scale).
RELATIVE = ("reach", "pain", "cost")
FLAT = 0.5
#: The raw figures shown beside the score, and the column of each figure's answer code.
FIGURES = {
    "Users per year": ("users", "_users_answer"),
    "Transactions per year": ("transactions", "_transactions_answer"),
    "Cost per transaction": ("cost_per_transaction", "_cost_answer"),
}


def component_names() -> dict[str, str]:
    """Each component's name in the current language."""
    return {
        "reach": t("Reach"),
        "gap": t("Digital gap"),
        "pain": t("Pain"),
        "data": t("Data gaps"),
        "cost": t("Cost"),
    }


def component_help() -> dict[str, str]:
    """What each component measures and how it is scaled, in the current language."""
    return {
        "reach": t(
            "Users per year, or transactions per year where users are unknown, on a log scale "
            "relative to the services ranked: the more people a service reaches, the more an "
            "improvement gains."
        ),
        "gap": t(
            "How far the service is from digital end to end: (4 − digitisation level) / 4, so "
            "a paper-only service scores 1 and a joined-up digital one 0."
        ),
        "pain": t(
            "The severity of the challenges the owner reported (high 3, medium 2, low 1, added "
            "up), relative to the services ranked. Not known when a challenge has no severity."
        ),
        "data": t(
            "The share of the metrics that apply to the service for which the owner could not "
            "give a figure."
        ),
        "cost": t(
            "Cost per transaction where known, on a log scale relative to the services ranked: "
            "dearer means more to save. Cost per transaction is not comparable across kinds of "
            "service (a licence and a hospital referral cost very different amounts), so weight "
            "it with care or compare one kind of service at a time."
        ),
    }


def answer_labels() -> dict[str, str]:
    """What an owner said about a figure, by answer category, in the current language."""
    return category_labels()


def _relative_log(values: pd.Series) -> pd.Series:
    """log10(1 + x) scaled to 0..1 over the known values; no spread (one value) gives 0.5."""
    logged = np.log10(1 + values.clip(lower=0))
    low, high = logged.min(), logged.max()
    if pd.isna(low):
        return logged
    if high == low:
        return logged.where(logged.isna(), FLAT)
    return (logged - low) / (high - low)


def _relative(values: pd.Series) -> pd.Series:
    """x / max over the known values; all zero stays 0 (no pain is a real zero), and one
    positive value with nothing to compare gives 0.5."""
    high = values.max()
    if pd.isna(high):
        return values
    if high == 0:
        return values.where(values.isna(), 0.0)
    if values.dropna().nunique() == 1:
        return values.where(values.isna(), FLAT)
    return values / high


def _known(metrics: pd.DataFrame, metric: str) -> pd.DataFrame:
    # compared as categories, never turned into 370,000 strings
    return metrics[metrics["metric"] == metric].drop_duplicates("service_id")


def _metric(rows: pd.DataFrame, index: pd.Index) -> pd.Series:
    rows = rows[rows["availability"].isin(list(WITH_VALUE))]
    return rows.set_index("service_id")["value"].reindex(index)


def _answer(rows: pd.DataFrame, index: pd.Index) -> pd.Series:
    """What the owner said about one metric, as an answer category ("Provided", "Not
    available: shared system", ... or "Not answered"): a small category column, no words yet."""
    reason = rows["reason"] if "reason" in rows else pd.Series(None, index=rows.index)
    said = answer_category(rows["availability"], reason)
    answers = pd.Series(said.array, index=rows["service_id"].to_numpy()).reindex(index)
    if NOT_ANSWERED not in answers.cat.categories:
        answers = answers.cat.add_categories([NOT_ANSWERED])
    return answers.fillna(NOT_ANSWERED)


def components(
    services: pd.DataFrame, metrics: pd.DataFrame, service_themes: pd.DataFrame
) -> pd.DataFrame:
    """Raw figures and 0..1 components for `services` (already filtered); NaN where unknown.

    No words in it (answers are category keys), so one cached copy serves every language.
    """
    index = services.index
    metrics = metrics[metrics["service_id"].isin(index)]
    figures = {
        metric: _known(metrics, metric)
        for metric in (
            Metric.USERS_PER_YEAR,
            Metric.TRANSACTIONS_PER_YEAR,
            Metric.COST_PER_TRANSACTION,
        )
    }
    users = _metric(figures[Metric.USERS_PER_YEAR], index)
    transactions = _metric(figures[Metric.TRANSACTIONS_PER_YEAR], index)
    cost_raw = _metric(figures[Metric.COST_PER_TRANSACTION], index)

    in_view = service_themes[service_themes["service_id"].isin(index)]
    challenges = in_view[in_view["kind"] == "challenge"]
    severity = challenges["severity"].astype(float)
    by_service = challenges["service_id"]
    pain_raw = severity.groupby(by_service).sum()
    # a challenge with no severity leaves the pain unknown: never read as "no pain"
    unrated = severity.isna().groupby(by_service).any()
    pain_raw = pain_raw.where(~unrated.reindex(pain_raw.index, fill_value=False))
    pain_raw = pain_raw.reindex(index)
    # asked and reported no challenge (only aims): no pain, a real 0; never asked: unknown
    answered_only_aims = index.isin(in_view["service_id"].unique()) & ~index.isin(
        by_service.unique()
    )
    pain_raw = pain_raw.where(~answered_only_aims, 0.0)

    applicable = metrics[metrics["availability"] != Availability.NOT_APPLICABLE]
    missing_share = (
        (~applicable["availability"].isin(list(WITH_VALUE)))
        .groupby(applicable["service_id"])
        .mean()
        .reindex(index)
    )
    level = services["digitisation_level"].astype(float)
    return pd.DataFrame(
        {
            "users": users,
            "transactions": transactions,
            "cost_per_transaction": cost_raw,
            "pain_raw": pain_raw.astype(float),
            "reach": _reach(users, transactions),
            "gap": (MAX_LEVEL - level) / MAX_LEVEL,
            "pain": _relative(pain_raw.astype(float)),
            "data": missing_share.astype(float),
            "cost": _relative_log(cost_raw.astype(float)),
            "_users_answer": _answer(figures[Metric.USERS_PER_YEAR], index),
            "_transactions_answer": _answer(figures[Metric.TRANSACTIONS_PER_YEAR], index),
            "_cost_answer": _answer(figures[Metric.COST_PER_TRANSACTION], index),
        },
        index=index,
    )


def _reach(users: pd.Series, transactions: pd.Series) -> pd.Series:
    return _relative_log(users.fillna(transactions).astype(float))


def components_of(everyone: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """`components` of the services `mask` keeps, from the components of every service.

    A service's figures, answers, gap and missing share are its own; only reach, pain and
    cost are relative to the services ranked, so only they are worked out again. Working out
    every service's components once per data version makes a filter a selection and three
    rescalings, not a pass over 370,000 answers and half a million theme reports.
    """
    parts = everyone[mask].copy()
    parts["reach"] = _reach(parts["users"], parts["transactions"])
    parts["pain"] = _relative(parts["pain_raw"])
    parts["cost"] = _relative_log(parts["cost_per_transaction"].astype(float))
    return parts


def flat_components(parts: pd.DataFrame) -> list[str]:
    """Relative components that cannot tell the ranked services apart: one known value (or
    all alike), so every service that has it gets 0.5. All-zero pain is a real zero, not flat."""
    raws = {
        "reach": parts["users"].fillna(parts["transactions"]),
        "pain": parts["pain_raw"],
        "cost": parts["cost_per_transaction"],
    }
    flat = []
    for code in RELATIVE:
        known = raws[code].dropna()
        if len(known) and known.nunique() == 1 and not (code == "pain" and known.iloc[0] == 0):
            flat.append(code)
    return flat


def clean_weights(weights: Mapping[str, object]) -> dict[str, int]:
    """Weights as whole numbers 0..MAX_WEIGHT for every component (defaults where unreadable)."""
    cleaned = {}
    for code in CODES:
        try:
            value = int(str(weights.get(code, DEFAULT_WEIGHTS[code])))
        except ValueError:
            value = DEFAULT_WEIGHTS[code]
        cleaned[code] = max(0, min(MAX_WEIGHT, value))
    return cleaned


@dataclass(frozen=True)
class Ranking:
    table: pd.DataFrame  # one row per ranked service, best first
    left_out: int  # services left out because a weighted component was not known
    estimated: dict[str, int]  # per component: services whose value was estimated
    medians: dict[str, float]
    weighted: int = 0  # how many components carry weight

    def estimated_counts(self) -> dict[int, int]:
        """How many ranked services have 0, 1, 2, ... weighted parts estimated."""
        counts = self.table["Parts estimated"].value_counts()
        return {int(k): int(v) for k, v in counts.sort_index().items()}


def score(parts: pd.DataFrame, weights: Mapping[str, int], missing: str = ESTIMATE) -> Ranking:
    """Weighted mean of the components; contributions per component add up to the score."""
    weights = clean_weights(weights)
    used = [c for c in CODES if weights[c] > 0]
    total = sum(weights[c] for c in used)
    values = parts[list(CODES)].copy()
    known = values.notna()
    medians = {c: float(values[c].median()) if known[c].any() else 0.0 for c in CODES}
    estimated_counts = {c: int((~known[c]).sum()) for c in used}
    keep = pd.Series(True, index=parts.index)
    if missing == KNOWN_ONLY and used:
        keep = known[used].all(axis=1)
    values = values[keep].fillna(medians)
    known = known[keep]
    table = pd.DataFrame(index=values.index)
    for code in CODES:
        table[f"{NAMES[code]} contribution"] = (
            values[code] * weights[code] / total if total and code in used else 0.0
        )
    contribution_columns = [f"{NAMES[c]} contribution" for c in CODES]
    table["Score"] = table[contribution_columns].sum(axis=1)
    table["Parts estimated"] = (~known[used]).sum(axis=1).astype(int) if used else 0
    # which parts were estimated, one bit per component: named only for the rows shown
    mask = np.zeros(len(values), dtype=np.int64)
    for code in used:  # vectorised: one pass per component, not one per service
        mask |= np.where(known[code].to_numpy(), 0, 1 << CODES.index(code))
    table["_estimated"] = mask
    for code in CODES:
        table[NAMES[code]] = values[code]
    table = table.round(4)
    return Ranking(
        table=table,
        left_out=int((~keep).sum()),
        estimated=estimated_counts if missing == ESTIMATE else dict.fromkeys(used, 0),
        medians=medians,
        weighted=len(used),
    )


def ranked(
    ranking: Ranking, services: pd.DataFrame, parts: pd.DataFrame, top: int | None = None
) -> pd.DataFrame:
    """The ranking with names and raw figures, best first; ties share a rank (1, 2, 2, 4).

    Columns starting with "_" hold codes for the page (which parts were estimated, what the
    owner said about each figure); `localised` leaves them out of what people see.
    """
    table = ranking.table
    rank = table["Score"].rank(method="min", ascending=False).astype(int)
    if top is not None and len(table) > top:
        # only the rows that can make the top (ties at the edge included) are named and sorted
        cutoff = np.sort(table["Score"].to_numpy())[::-1][top - 1]
        table = table[table["Score"].to_numpy() >= cutoff]
    chosen = services.loc[table.index]
    figures = parts.loc[table.index]
    sectors = terms(SECTORS)
    masks = table["_estimated"] if "_estimated" in table else pd.Series(0, index=table.index)
    out = pd.DataFrame(
        {
            "Code": chosen["code"].astype(str),
            "Service": local_names(chosen["name_en"], optional_column(chosen, "name_cy")),
            "Organisation": local_names(
                chosen["organisation_en"], optional_column(chosen, "organisation_cy")
            ),
            "Sector": relabel(chosen["sector"], sectors),
            "Digitisation level": chosen["digitisation_level"].astype(int),
            "Users per year": figures["users"],
            "Transactions per year": figures["transactions"],
            "Cost per transaction": figures["cost_per_transaction"],
        },
        index=table.index,
    ).join(table)
    position = list(out.columns).index("Parts estimated") + 1
    out.insert(position, "Estimated (median)", estimated_names(masks).to_numpy())
    for _, (_, answer) in FIGURES.items():
        out[answer] = (
            figures[answer].astype(object)
            if answer in figures
            else pd.Series(NOT_ANSWERED, index=out.index)
        )
    out["_id"] = out.index
    out = out.sort_values(["Score", "Service", "Code"], ascending=[False, True, True])
    out.insert(0, "Rank", rank.reindex(out.index).to_numpy())
    if top is not None:
        out = out.head(top)
    return out.reset_index(drop=True)


def estimated_codes(mask: int) -> list[str]:
    """The components a bit mask of score() names ("_estimated"), in their usual order."""
    return [code for position, code in enumerate(CODES) if int(mask) & (1 << position)]


def estimated_names(masks: pd.Series) -> pd.Series:
    """ "Reach, Cost" for each row's mask of estimated parts, worked out once per distinct mask."""
    names = component_names()
    words = {
        mask: ", ".join(names[code] for code in estimated_codes(mask)) for mask in masks.unique()
    }
    return masks.map(words)


def service_names(services: pd.DataFrame) -> pd.Series:
    """ "Service (Organisation)" in the current language, for hover labels."""
    service = local_names(services["name_en"], optional_column(services, "name_cy"))
    organisation = local_names(
        services["organisation_en"], optional_column(services, "organisation_cy")
    )
    return service + " (" + organisation + ")"


def _figure_text(values: pd.Series, answers: pd.Series, money: bool) -> pd.Series:
    labels = answer_labels()
    said = relabel(answers, labels, missing=labels[NOT_ANSWERED])
    shown = values.map(lambda v: f"£{v:,.2f}" if money else f"{v:,.0f}", na_action="ignore")
    return shown.where(values.notna(), said)


def _figures_with_reasons(frame: pd.DataFrame, as_text: bool) -> pd.DataFrame:
    """Each raw figure, or in its place what the owner said instead ("Not available: shared
    contract"); never a bare "None". As text for the screen, mixed for a spreadsheet."""
    out = frame.copy()
    labels = answer_labels()
    for column, (_, answer) in FIGURES.items():
        values = out[column].astype(float)
        if as_text:
            out[column] = _figure_text(values, out[answer], money=column == "Cost per transaction")
        else:
            said = relabel(out[answer], labels, missing=labels[NOT_ANSWERED])
            out[column] = values.astype(object).where(values.notna(), said)
    return out


def for_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """The ranking as the page shows it: headers in the reader's language, a link to each
    service's detail view, figures or the reason they are missing."""
    return localised(with_links(_figures_with_reasons(frame, as_text=True)))


def for_download(frame: pd.DataFrame) -> pd.DataFrame:
    """The ranking as a file: numbers stay numbers, a missing figure says why."""
    return localised(_figures_with_reasons(frame, as_text=False))


def improvement_areas(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    themes: pd.DataFrame,
    parts: pd.DataFrame,
) -> pd.DataFrame:
    """Challenge themes ranked by the reach of the services that report them.

    Reach is the users (or transactions) per year of those services where known. A theme none
    of whose services has a known reach has an unknown total (NaN), never 0. Beside the total:
    the median (which one very large service cannot drive), the count of services, and the
    largest service with its share of the total, so a total carried by one service shows.
    """
    rows = service_themes[
        (service_themes["kind"] == "challenge") & service_themes["service_id"].isin(services.index)
    ].drop_duplicates(["service_id", "theme"])
    reach = parts["users"].fillna(parts["transactions"])
    severity = rows["severity"].astype(float).to_numpy()
    frame = pd.DataFrame(
        {
            "service_id": rows["service_id"].to_numpy(),
            "theme": rows["theme"].astype("category").array,
            "high": severity >= 3,
            "reach": reach.reindex(rows["service_id"]).to_numpy(),
        }
    )
    grouped = frame.groupby("theme", observed=True)
    table = pd.DataFrame(
        {
            "Services": grouped["service_id"].size(),
            "Users or transactions per year": grouped["reach"].sum(min_count=1),
            "Median reach": grouped["reach"].median(),
            "Services with known reach": grouped["reach"].count(),
            "Rated high": grouped["high"].sum().astype(int),
        }
    )
    table.index = table.index.astype(str)
    table["Services with unknown reach"] = table["Services"] - table["Services with known reach"]
    known = frame[frame["reach"].notna()]
    largest = known.loc[known.groupby("theme", observed=True)["reach"].idxmax()]
    largest = largest.set_index(largest["theme"].astype(str))
    ids = largest["service_id"].astype(int)
    names = local_names(
        services["name_en"].reindex(ids), optional_column(services, "name_cy").reindex(ids)
    )
    table["Largest service"] = pd.Series(names.to_numpy(), index=largest.index).reindex(
        table.index, fill_value=""
    )
    table["Largest service's share"] = (
        largest["reach"].reindex(table.index) / table["Users or transactions per year"]
    ).round(3)
    theme_names = dict(
        zip(
            themes["code"].astype(str),
            local_names(themes["name_en"], optional_column(themes, "name_cy")),
            strict=True,
        )
    )
    table.insert(0, "Improvement area", [theme_names.get(c, c) for c in table.index])
    table.insert(0, "Code", table.index.astype(str))
    table = table.sort_values(
        ["Users or transactions per year", "Services"],
        ascending=False,
        kind="stable",
        na_position="last",
    )
    return table.reset_index(drop=True)


#: A total is "carried by one service" when that service gives more than this share of it.
DOMINANT = 0.5
AREA_MEASURES = ("total", "median", "services")


def areas_by(areas: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The improvement areas ordered by one measure: total reach, median reach, or services."""
    column = {
        "total": "Users or transactions per year",
        "median": "Median reach",
        "services": "Services",
    }.get(measure, "Users or transactions per year")
    return areas.sort_values(
        [column, "Services"], ascending=False, kind="stable", na_position="last"
    ).reset_index(drop=True)


def missing_choices() -> dict[str, str]:
    """What to do with a part a service has no figure for, in the current language."""
    return {
        ESTIMATE: t("Estimate it from the median of the other services"),
        KNOWN_ONLY: t("Leave the service out of the ranking"),
    }


def weights_text(weights: Mapping[str, int], missing: str) -> str:
    """The weights and the missing-figure choice in one short line, so a shared ranking, table
    or image can be reproduced: "Weights: reach 3, digital gap 3, ...; missing parts estimated
    from the median"."""
    names = component_names()
    listed = ", ".join(f"{names[c].lower()} {weights.get(c, 0)}" for c in CODES)
    choice = (
        t("services missing a weighted part left out")
        if missing == KNOWN_ONLY
        else t("missing parts estimated from the median")
    )
    return t("Weights: {weights}; {choice}", weights=listed, choice=choice)


def chart_table(top: pd.DataFrame) -> pd.DataFrame:
    """The data behind the ranking chart: who, each part's contribution, the score, and how
    much of it is estimated."""
    columns = [
        "Rank",
        "Service",
        "Organisation",
        *(f"{NAMES[c]} contribution" for c in CODES),
        "Score",
        "Parts estimated",
        "Estimated (median)",
    ]
    return localised(top[[c for c in columns if c in top]])


#: Reach bands of the reach chart: two to a power of ten (1 to 3.2, 3.2 to 10, 10 to 32, ...).
BANDS_PER_DECADE = 2


def band_edge(band: int) -> float:
    """The lower edge of reach band `band` (band 0 starts at 1 a year)."""
    return float(10 ** (band / BANDS_PER_DECADE))


def reach_bands(reach: np.ndarray) -> np.ndarray:
    """The band of each reach (all above 0): a reach on an edge belongs to the band above it."""
    # the nudge keeps 1,000 in the band that starts at 1,000 where log10 rounds just below 3
    return np.floor(np.log10(reach) * BANDS_PER_DECADE + 1e-9).astype(int)


def reach_cells(reach: pd.Series, levels: pd.Series, ranks: pd.Series) -> pd.DataFrame:
    """Services with a known reach (above 0) counted by digitisation level and reach band.

    All three series share the services' index; `ranks` holds the rank of the top-ranked
    services (blank for the others). One row per cell that has a service, ordered by level
    then band: level, band, low and high (the band's edges, a year), services (how many) and
    top (the ranks of the top-ranked services in it, lowest first; empty for most cells).
    Every service is counted: at national scale nothing is sampled.
    """
    values = reach.to_numpy(dtype=float)
    known = np.isfinite(values) & (values > 0)
    frame = pd.DataFrame(
        {
            "level": levels.to_numpy()[known].astype(int),
            "band": reach_bands(values[known]),
            "rank": ranks.to_numpy(dtype=float)[known],
        }
    )
    cells = frame.groupby(["level", "band"], sort=True).size().rename("services").reset_index()
    ranked = frame[frame["rank"].notna()].sort_values("rank")
    tops = ranked.groupby(["level", "band"])["rank"].agg(lambda r: tuple(int(v) for v in r))
    cells["top"] = [
        tops.get((lv, b), ()) for lv, b in zip(cells["level"], cells["band"], strict=True)
    ]
    cells["low"] = [band_edge(b) for b in cells["band"]]
    cells["high"] = [band_edge(b + 1) for b in cells["band"]]
    return cells[["level", "band", "low", "high", "services", "top"]]
