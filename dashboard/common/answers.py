"""What an owner said about a metric, as one category per answer: a figure (provided,
estimated), or why there is none (each reason not available, not collected, not applicable)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.common.headers import headers
from dashboard.common.i18n import t
from db.vocabulary import UNAVAILABLE_REASONS, Availability

#: The answer categories (fixed keys), in the order a stacked bar reads them: figures first.
CATEGORIES = (
    "Provided",
    "Estimated",
    *(f"Not available: {t.en.lower()}" for t in UNAVAILABLE_REASONS),
    "Not collected",
    "Not applicable",
)
NOT_APPLICABLE = "Not applicable"
NOT_ANSWERED = "Not answered"


def category_labels() -> dict[str, str]:
    """Each answer category's words in the current language ("Not available: shared contract"),
    the same words as the tables' headers."""
    words = headers()
    return {**{key: words[key] for key in CATEGORIES}, NOT_ANSWERED: t("Not answered")}


#: Each availability's category (Availability is a string enum: its codes are its members).
_BASE: dict[str, str] = {
    Availability.PROVIDED: "Provided",
    Availability.ESTIMATED: "Estimated",
    Availability.NOT_AVAILABLE: "Not available",
    Availability.NOT_COLLECTED: "Not collected",
    Availability.NOT_APPLICABLE: NOT_APPLICABLE,
}


def _codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Category codes and their values: vectorised work on 370,000 answers without strings."""
    categorical = values.astype("category")
    return categorical.cat.codes.to_numpy(), [str(c) for c in categorical.cat.categories]


def answer_category(availability: pd.Series, reason: pd.Series) -> pd.Series:
    """One category key per answer: the availability, split by reason where not available.

    Worked out once per distinct (availability, reason) pair, not once per answer.
    """
    reasons = {str(t.code): t.en.lower() for t in UNAVAILABLE_REASONS}
    a_codes, a_values = _codes(availability)
    r_codes, r_values = _codes(reason)
    width = len(r_values) + 1
    names: list[str] = list(CATEGORIES)
    lookup = []
    for a_value in [*a_values, ""]:  # code -1 (missing) is the last entry
        for r_value in [*r_values, ""]:
            name = _BASE.get(a_value, a_value)
            if a_value == Availability.NOT_AVAILABLE:
                name = f"Not available: {reasons.get(r_value, 'other')}"
            if name not in names:
                names.append(name)
            lookup.append(names.index(name))
    a_index = np.where(a_codes < 0, len(a_values), a_codes)
    r_index = np.where(r_codes < 0, len(r_values), r_codes)
    codes = np.asarray(lookup, dtype=np.int16)[a_index * width + r_index]
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=pd.Index(names)), index=availability.index
    )
