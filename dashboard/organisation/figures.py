"""Each organisation's figures, worked out once per data version (no Streamlit here).

One row per organisation holds the counts every figure on the profile is made of, as a part
and a whole ("12 of 20 services"), so a choice of organisation only selects rows and ranks
them: at 100,000 services the sums are a few `np.bincount` calls over the services, the
metric answers, the theme reports, the survey responses and the self-assessments, done once
and shared by every session.

What each figure counts:

- services: catalogue services; journeys are routes through a service, never counted as
  services (their number is kept beside);
- digital end to end: services at level 3 or 4, of the services whose level is recorded (an
  unknown level is counted in neither);
- a key figure (users per year, transactions per year, cost per transaction): services that
  gave one (provided or estimated), of the services it applies to (answered and not "not
  applicable"), as the Data availability page counts it;
- themes: services reporting a challenge or an aim, of all the organisation's services;
- surveys: services with a submitted survey (either instrument), of all its services; deep
  dives and responses submitted or in progress per instrument are kept beside;
- standards: services that rated themselves against at least one Digital Service Standard
  (met, partly met or not met; "not assessed" is no rating), of all its services; and per
  standard, services rating it met, of those rating it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from db.vocabulary import END_TO_END_LEVEL, MAX_LEVEL, MIN_LEVEL, WITH_VALUE, Availability, Metric

LEVELS = tuple(range(MIN_LEVEL, MAX_LEVEL + 1))
LEVEL_COLUMNS = tuple(f"level_{level}" for level in LEVELS)
#: The key figures a decision needs most (as on the Data availability page).
KEY_METRICS = (
    Metric.USERS_PER_YEAR.value,
    Metric.TRANSACTIONS_PER_YEAR.value,
    Metric.COST_PER_TRANSACTION.value,
)
INSTRUMENTS = ("generalist", "technology")
#: Ratings that say something about a standard ("not assessed" says nothing).
RATED = ("met", "partly_met", "not_met")


@dataclass(frozen=True)
class Measure:
    """A figure an organisation is ranked on: `part` of `whole` services (a share), or the
    count `part` itself (`share` False). Higher is placed first."""

    key: str
    part: str
    whole: str
    share: bool = True


MEASURES: tuple[Measure, ...] = (
    Measure("services", "services", "services", share=False),
    Measure("end_to_end", "end_to_end", "level_known"),
    *(Measure(metric, f"{metric}_given", f"{metric}_applies") for metric in KEY_METRICS),
    Measure("surveyed", "surveyed", "services"),
    Measure("assessed", "assessed", "services"),
)
MEASURE_KEYS = tuple(measure.key for measure in MEASURES)


def measure(key: str) -> Measure:
    return MEASURES[MEASURE_KEYS.index(key)]


@dataclass(frozen=True)
class OrganisationFigures:
    """Every organisation's counts (see the module's note).

    `table`: indexed by organisation code, sorted by English name: name_en, name_cy, sector,
    org_type, services, journeys, deep_dives, level_0 .. level_4, level_known, end_to_end,
    <metric>_given and <metric>_applies for each key metric, <instrument>_submitted and
    <instrument>_draft, surveyed, assessed.
    `themes`: services reporting each theme (columns: theme codes), one row per organisation.
    `standards_met`, `standards_rated`: services rating each standard (columns: standard ids)
    met, and rating it at all.
    """

    table: pd.DataFrame
    themes: pd.DataFrame
    standards_met: pd.DataFrame
    standards_rated: pd.DataFrame

    def knows(self, code: str) -> bool:
        return code in self.table.index


def _positions(services: pd.DataFrame, ids: pd.Series) -> np.ndarray:
    return services.index.get_indexer(pd.Index(ids.to_numpy()))


# Each service is counted once however many rows name it: a flag per service (or per service
# and column) marks the ones seen, which is several times faster than np.unique's hashing of
# hundreds of thousands of rows.


def _by_org(org: np.ndarray, rows: np.ndarray, keep: np.ndarray, size: int) -> np.ndarray:
    """Services counted per organisation: `rows` (service positions) where `keep`, each
    service once."""
    seen = np.zeros(len(org), dtype=bool)
    seen[rows[keep & (rows >= 0)]] = True
    return np.bincount(org[seen], minlength=size)


def _grid(
    org: np.ndarray, rows: np.ndarray, column: np.ndarray, size: int, width: int
) -> np.ndarray:
    """Services per organisation (rows) and column, each (service, column) pair once."""
    present = (rows >= 0) & (column >= 0)
    seen = np.zeros(len(org) * width, dtype=bool)
    seen[rows[present].astype(np.int64) * width + column[present]] = True
    pairs = np.flatnonzero(seen)
    cells = org[pairs // width] * width + pairs % width
    return np.bincount(cells, minlength=size * width).reshape(size, width)


def organisation_figures(
    services: pd.DataFrame,
    answers: pd.DataFrame,
    service_themes: pd.DataFrame,
    surveys: pd.DataFrame,
    assessments: pd.DataFrame,
) -> OrganisationFigures:
    """From the catalogue frame (indexed by service id), each service's latest metric answers
    (service_id, metric, availability), its theme reports (service_id, theme), the survey
    responses (service_id, instrument, status) and the self-assessments (service_id,
    standard_id, rating)."""
    organisation = services["organisation_code"].astype(object).astype("category")
    org = organisation.cat.codes.to_numpy().astype(np.int64)
    codes = [str(code) for code in organisation.cat.categories]
    size = len(codes)
    columns: dict[str, np.ndarray] = {
        "services": np.bincount(org, minlength=size),
        "journeys": np.bincount(org, weights=services["journeys"].to_numpy(), minlength=size)
        .round()
        .astype(np.int64),
        "deep_dives": np.bincount(org[services["is_deep_dive"].to_numpy(bool)], minlength=size),
    }
    level = services["digitisation_level"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    known = ~np.isnan(level)
    for value, column in zip(LEVELS, LEVEL_COLUMNS, strict=True):
        columns[column] = np.bincount(org[known & (level == value)], minlength=size)
    columns["level_known"] = np.bincount(org[known], minlength=size)
    columns["end_to_end"] = np.bincount(org[known & (level >= END_TO_END_LEVEL)], minlength=size)

    latest = answers.drop_duplicates(["service_id", "metric"])
    rows = _positions(services, latest["service_id"])
    availability = latest["availability"].astype(object)
    given = availability.isin(list(WITH_VALUE)).to_numpy()
    applies = (availability != Availability.NOT_APPLICABLE).to_numpy()
    metric = latest["metric"].astype(object).to_numpy()
    for code in KEY_METRICS:
        this = metric == code
        columns[f"{code}_given"] = _by_org(org, rows, this & given & applies, size)
        columns[f"{code}_applies"] = _by_org(org, rows, this & applies, size)

    rows = _positions(services, surveys["service_id"])
    status = surveys["status"].astype(object).to_numpy()
    instrument = surveys["instrument"].astype(object).to_numpy()
    for code in INSTRUMENTS:
        columns[f"{code}_submitted"] = _by_org(
            org, rows, (instrument == code) & (status == "submitted"), size
        )
        columns[f"{code}_draft"] = _by_org(
            org, rows, (instrument == code) & (status == "draft"), size
        )
    columns["surveyed"] = _by_org(org, rows, status == "submitted", size)

    rows = _positions(services, assessments["service_id"])
    rated = assessments["rating"].astype(object).isin(list(RATED)).to_numpy()
    columns["assessed"] = _by_org(org, rows, rated, size)
    standard_of, standards = pd.factorize(assessments["standard_id"], sort=True)
    met = assessments["rating"].astype(object).to_numpy() == "met"
    width = len(standards)
    standards_met = _grid(org, np.where(met, rows, -1), standard_of, size, width)
    standards_rated = _grid(org, np.where(rated, rows, -1), standard_of, size, width)

    theme_of, theme_codes = pd.factorize(service_themes["theme"].astype(object), sort=True)
    theme_rows = _positions(services, service_themes["service_id"])
    reporting = _grid(org, theme_rows, theme_of, size, len(theme_codes))

    index = pd.Index(codes, name="organisation_code")
    names = (
        services[["organisation_code", "organisation_en", "organisation_cy", "sector", "org_type"]]
        .drop_duplicates("organisation_code")
        .astype(object)
        .set_index("organisation_code")
        .reindex(index)
    )
    names = names.where(names.notna(), None)
    table = pd.concat(
        [names, pd.DataFrame({k: v.astype(np.int64) for k, v in columns.items()}, index=index)],
        axis=1,
    ).rename(columns={"organisation_en": "name_en", "organisation_cy": "name_cy"})
    order = np.argsort(table["name_en"].astype(str).to_numpy(), kind="stable")
    table = table.iloc[order]

    def frame(values: np.ndarray, labels: pd.Index) -> pd.DataFrame:
        return pd.DataFrame(values, index=index, columns=labels).iloc[order]

    return OrganisationFigures(
        table=table,
        themes=frame(reporting, pd.Index([str(c) for c in theme_codes])),
        standards_met=frame(standards_met, pd.Index(standards)),
        standards_rated=frame(standards_rated, pd.Index(standards)),
    )
