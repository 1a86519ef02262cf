"""Where a shared component would help: services without a component that report the
matching challenge or aim, by organisation or any other grouping (no Streamlit here).

A service is in the gap for a component when its submitted technology survey answers the
shared-components question without ticking that component, and its owner reports one of the
component's themes (a challenge or an aim from the generalist survey or the catalogue, as the
Challenges and aims page counts them). Services that did not answer the components question
are left out: nothing is known of their components.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.technology.answers import option_bits

#: Each component with the themes that ask for it (codes of db.reference.frameworks.THEMES).
COMPONENT_THEMES: dict[str, tuple[str, ...]] = {
    "forms": ("shared_components",),
    "login": ("shared_login",),
    "payments": ("shared_components",),
    "notify": ("shared_components",),
}


@dataclass(frozen=True)
class ComponentGaps:
    """`by_group`: Group, Services answering, Without the component, Of them asking for it
    (the gap), most in the gap first; `services`: the ids of the services in the gap."""

    component: str
    themes: tuple[str, ...]
    answered: int
    without: int
    by_group: pd.DataFrame
    services: np.ndarray

    @property
    def gap(self) -> int:
        return len(self.services)


def component_gaps(
    components: pd.Series, themes: pd.DataFrame, group: pd.Series, component: str
) -> ComponentGaps:
    """The gap for `component` among the services of `group`.

    `components`: the shared-components answer of every service with a submitted survey (a
    bit mask, NA for not answered), by service id; `themes`: theme reports (service_id,
    theme); `group`: the group each service under the filter falls in, by service id (an
    organisation's name today; a service type once services carry one).
    """
    wanted = COMPONENT_THEMES[component]
    answered = components[components.index.isin(group.index)].dropna()
    bit = option_bits("shared_components")[component]
    lacking = answered[(answered.to_numpy(dtype=np.int64) & bit) == 0].index
    asking = pd.Index(themes.loc[themes["theme"].astype(str).isin(wanted), "service_id"].unique())
    gap = lacking[lacking.isin(asking)]
    table = (
        pd.DataFrame(
            {
                "Services answering": group.reindex(answered.index).value_counts(),
                "Without the component": group.reindex(lacking).value_counts(),
                "Of them asking for it": group.reindex(gap).value_counts(),
            }
        )
        .fillna(0)
        .astype(np.int64)
    )
    table.index.name = "Group"
    table = (
        table.reset_index()
        .sort_values(
            ["Of them asking for it", "Without the component", "Group"],
            ascending=[False, False, True],
        )
        .reset_index(drop=True)
    )
    return ComponentGaps(
        component=component,
        themes=wanted,
        answered=len(answered),
        without=len(lacking),
        by_group=table,
        services=np.sort(gap.to_numpy(dtype=np.int64)),
    )
