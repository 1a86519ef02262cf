"""What a table of services shows of each one (code, name, organisation, sector) in the reader's
language, for a selection or, built once per data version, for every service."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.i18n import terms
from dashboard.common.names import local_names, optional_column, relabel
from db.vocabulary import SECTORS


def service_columns(chosen: pd.DataFrame) -> dict[str, object]:
    """What a table shows of each of these services, in their order: code, name, organisation
    and sector, in the current language."""
    return {
        "Code": chosen["code"].astype(str).to_numpy(),
        "Service": local_names(chosen["name_en"], optional_column(chosen, "name_cy")).to_numpy(),
        "Organisation": local_names(
            chosen["organisation_en"], optional_column(chosen, "organisation_cy")
        ).to_numpy(),
        "Sector": relabel(chosen["sector"], terms(SECTORS)).to_numpy(),
    }


@dataclass(frozen=True)
class ServiceLabels:
    """What a drill-down table shows of every service, in one language, and where each service
    comes in the order the drill-downs sort by (sector, then name)."""

    # Code, Service, Organisation, Sector of every service, in the order of sector and name:
    # a drill-down's rows, most severe first and then in this order, are taken in a few
    # ascending runs (taking strings in random order is several times slower)
    frame: pd.DataFrame
    place: np.ndarray  # each service's row in `frame`, aligned with the services frame
    group: np.ndarray  # each service's (sector, name), ranked: equal for equal pairs

    @classmethod
    def build(cls, services: pd.DataFrame) -> ServiceLabels:
        """In the current language."""
        # built as the reference tables are, so their columns have the same types; ranked as
        # pandas sorts a table's strings
        frame = pd.DataFrame(service_columns(services))
        sector = pd.Categorical(frame["Sector"], ordered=True).codes.astype(np.int64)
        name = pd.Categorical(frame["Service"], ordered=True).codes.astype(np.int64)
        group = sector * (int(name.max(initial=0)) + 1) + name
        order = np.argsort(group, kind="stable")
        place = np.empty(len(order), dtype=np.int64)
        place[order] = np.arange(len(order))
        return cls(frame=frame.take(order).reset_index(drop=True), place=place, group=group)

    def rows(
        self, services: np.ndarray
    ) -> dict[str, pd.api.extensions.ExtensionArray | np.ndarray]:
        """The columns of some services (positions in the services frame), in that order."""
        rows = self.place[services]
        return {str(name): take(self.frame[name], rows) for name in self.frame}


def take(column: pd.Series, rows: np.ndarray) -> pd.api.extensions.ExtensionArray | np.ndarray:
    if not len(rows):  # typed as pandas types a table with no rows: no strings, no string type
        return np.asarray([], dtype=object)
    taken: pd.api.extensions.ExtensionArray = column.array.take(rows)
    return taken
