"""What the Data availability page says above its charts when the data shows the discovery's
finding: cost and volumetrics are the hardest figures to get, and the commonest reason why."""

from __future__ import annotations

import pandas as pd

from dashboard.availability import tables as availability
from dashboard.common.answers import category_labels
from dashboard.common.i18n import t


def hardest_note(table: pd.DataFrame) -> str:
    """The finding for `table` (availability.by_metric), naming the two hardest metrics with
    the share that gave a figure and the commonest answer without one; "" when cost and
    volumetrics are not the hardest."""
    if not availability.cost_and_volumetrics_hardest(table):
        return ""
    labels = category_labels()
    hardest_two = [name for group in availability.hardest(table) for name in group][:2]
    reasons = []
    for name in hardest_two:
        found = availability.main_reason(table, name)
        if found:
            reasons.append(
                t(
                    "{metric}: {share} of the services it applies to gave a figure; the "
                    "commonest answer without one is “{reason}” ({reason_share} of services "
                    "answering)",
                    metric=name,
                    share=f"{float(table['With a figure'].to_dict()[name]):.0%}",
                    reason=labels[found[0]].lower(),
                    reason_share=f"{found[1]:.0%}",
                )
            )
    return (
        t("**Cost and volumetrics are the hardest figures to get.**")
        + " "
        + "; ".join(reasons)
        + ". "
        + t(
            "Shared systems and contracts often cannot be split per service, so these gaps "
            "are a finding in their own right."
        )
    )
