"""The parts of the priority score and the weights people give them: their names and help, the
defaults, what to do with a part a service has no figure for, the line that says it all, and
the form all that takes in a link (`?w_reach=5&missing=known_only`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.common.i18n import t


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


def missing_choices() -> dict[str, str]:
    """What to do with a part a service has no figure for, in the current language."""
    return {
        ESTIMATE: t("Estimate it from the median of the other services"),
        KNOWN_ONLY: t("Leave the service out of the ranking"),
    }


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


#: The link's parameters for the weights (`w_reach`, ...) and the missing-part choice.
WEIGHT_PREFIX = "w_"
MISSING_PARAM = "missing"


def is_link_param(key: str) -> bool:
    """Whether a URL parameter holds a weight or the missing-part choice."""
    return key.startswith(WEIGHT_PREFIX) or key == MISSING_PARAM


def from_link(params: Mapping[str, Sequence[str]]) -> tuple[dict[str, int], str]:
    """The weights and the missing-part choice a link holds (defaults where it has none, or
    has something unreadable)."""
    weights = clean_weights(
        {
            code: params[WEIGHT_PREFIX + code][0]
            for code in CODES
            if params.get(WEIGHT_PREFIX + code)
        }
    )
    missing = (params.get(MISSING_PARAM) or [ESTIMATE])[0]
    return weights, missing if missing in (ESTIMATE, KNOWN_ONLY) else ESTIMATE


def to_link(weights: Mapping[str, int], missing: str) -> dict[str, list[str]]:
    """The link's parameters for these weights: only what differs from the defaults."""
    params = {
        WEIGHT_PREFIX + code: [str(weights[code])]
        for code in CODES
        if weights.get(code, DEFAULT_WEIGHTS[code]) != DEFAULT_WEIGHTS[code]
    }
    if missing != ESTIMATE:
        params[MISSING_PARAM] = [missing]
    return params
