"""Service types: the same need met by many organisations, named and grouped (no Streamlit).

A service type is a need that many bodies meet, each with a service of its own: 22 councils
each run "Report a missed bin collection". Council types carry their Local Government Service
List (LGSL) number where one was verified; health and central types come from this product's
own lists (`db/reference/service_types.yaml` says which is which and where each number comes
from). A service has at most one type, or none recorded.

This module is what a page needs of them:

- `type_name(code)`, `type_labels(column)`: a type's name in the reader's language ("not
  recorded" for a service without one), for one value or a whole column;
- `lgsl_words(code)`: "LGSL 524" where the type has a verified number;
- `group_by_type(services, mask)`: per type, how many services and how many distinct
  organisations run it under a filter, with the coverage ("Service type known for 390 of 402
  services"), ordered with the types run by the most organisations first. It is the base the
  Join up page and a ranking by type stand on: they join their own figures to its rows.

Counts are of services and organisations, never of people: one organisation's many services of
a type count once among its organisations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.i18n import t, term
from dashboard.common.not_recorded import coverage_line, is_missing, labels_or_not_recorded
from db.reference.service_types import (
    SERVICE_TYPE_SCHEMES,
    SERVICE_TYPE_TERMS,
    SERVICE_TYPES,
    service_type,
)

__all__ = [
    "SERVICE_TYPE_SCHEMES",
    "SERVICE_TYPE_TERMS",
    "TypeGroups",
    "group_by_type",
    "group_numbers",
    "lgsl_words",
    "type_labels",
    "type_name",
]

#: The columns of `TypeGroups.table`, in order.
GROUP_COLUMNS = ("service_type", "name", "scheme", "lgsl_code", "services", "organisations")


def type_name(code: object) -> str:
    """A service type's name in the reader's language; "not recorded" for no type."""
    if is_missing(code):
        return t("not recorded")
    return term(SERVICE_TYPE_TERMS, str(code))


def type_labels(codes: pd.Series) -> pd.Series:
    """A column of type codes as names in the reader's language ("not recorded" where a
    service has none); looked up once per distinct code."""
    return labels_or_not_recorded(codes, SERVICE_TYPE_TERMS)


def lgsl_words(code: object) -> str | None:
    """ "LGSL 524" for a type with a verified Local Government Service List number."""
    seed = None if is_missing(code) else service_type(str(code))
    if seed is None or seed.lgsl_code is None:
        return None
    return t("LGSL {number}", number=seed.lgsl_code)


@dataclass(frozen=True)
class TypeGroups:
    """Services grouped by their type, under a filter.

    `table` has one row per type that at least one counted service has: `service_type`
    (code), `name` (reader's language), `scheme`, `lgsl_code` (nullable), `services` and
    `organisations` (distinct organisations running a service of that type). Services with no
    type recorded are in no row: `untyped` counts them, and `coverage` says so.
    """

    table: pd.DataFrame
    services: int  # every service counted (typed or not)
    untyped: int  # of those, how many have no type recorded

    @property
    def typed(self) -> int:
        return self.services - self.untyped

    @property
    def coverage(self) -> str:
        """E.g. "Service type known for 390 of 402 services"."""
        return coverage_line(t("Service type"), self.typed, self.services)

    def shared(self, organisations: int = 2) -> pd.DataFrame:
        """The rows of types run by at least `organisations` organisations."""
        return self.table[self.table["organisations"] >= organisations]


_ORDER = {seed.code: seed.sort_order for seed in SERVICE_TYPES}
_SCHEME = {seed.code: seed.scheme for seed in SERVICE_TYPES}
_LGSL = {seed.code: seed.lgsl_code for seed in SERVICE_TYPES}


def _categories(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column as (category of each row, -1 where missing; the categories)."""
    categorical = (
        column
        if isinstance(column.dtype, pd.CategoricalDtype)
        else column.astype(object).astype("category")
    )
    return (
        categorical.cat.codes.to_numpy(dtype=np.int64),
        np.asarray(categorical.cat.categories, dtype=object),
    )


def group_by_type(services: pd.DataFrame, mask: np.ndarray | None = None) -> TypeGroups:
    """How many services and distinct organisations per service type, over the services
    `mask` keeps (all of them without one).

    `services` is the catalogue frame (`queries.load_services`: `service_type` and
    `organisation_code` columns). Rows are ordered by organisations, then services, most
    first, then in the order of the reference list; a code no longer in the list keeps its
    code as its name. Counted on the columns' category numbers, so 100,000 services take
    milliseconds.
    """
    type_of, type_codes = _categories(services["service_type"])
    org_of, org_codes = _categories(services["organisation_code"])
    return group_numbers(type_of, type_codes, org_of, org_codes, mask)


def group_numbers(
    type_of: np.ndarray,
    type_codes: np.ndarray,
    org_of: np.ndarray,
    org_codes: np.ndarray,
    mask: np.ndarray | None = None,
) -> TypeGroups:
    """`group_by_type` from each service's type and organisation as category numbers (-1 for
    none) and the categories: for callers that keep the numbers from one data version."""
    if mask is not None:
        type_of, org_of = type_of[mask], org_of[mask]
    typed = type_of >= 0
    type_of, org_of = type_of[typed], org_of[typed]
    counts = np.bincount(type_of, minlength=len(type_codes))
    # which organisations run each type: a small types x organisations table of yes/no
    runs = np.zeros((len(type_codes), len(org_codes) + 1), dtype=bool)
    runs[type_of, org_of] = True  # a service with no organisation (-1) lands in the last column
    organisations = runs[:, : len(org_codes)].sum(axis=1)
    present = np.flatnonzero(counts)
    codes = pd.Series(type_codes[present].astype(str), dtype=object)
    table = pd.DataFrame(
        {
            "service_type": codes,
            "name": [type_name(code) for code in codes],
            "scheme": codes.map(_SCHEME).astype(object),
            "lgsl_code": codes.map(_LGSL).astype("Int64"),
            "services": counts[present].astype("int64"),
            "organisations": organisations[present].astype("int64"),
        }
    )
    order = codes.map(_ORDER).fillna(len(_ORDER) + 1).to_numpy()
    ranks = np.lexsort((order, -table["services"].to_numpy(), -table["organisations"].to_numpy()))
    return TypeGroups(
        table=table.iloc[ranks].reset_index(drop=True)[list(GROUP_COLUMNS)],
        services=len(typed),
        untyped=int((~typed).sum()),
    )
