"""Why a filter matches no service: which part of it removes everything, in words.

Each active part of the filter (a field: the sectors, the level range, the search, ...) is
taken out in turn and the rest counted; a part whose removal brings services back is named,
with how many would match without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from dashboard.common.filter_words import describe_filter
from dashboard.common.filters import LIST_KEYS, Filter
from dashboard.common.i18n import t, tn
from dashboard.common.markdown_text import plain


@dataclass(frozen=True)
class Part:
    """One active part of a filter: its field (as `Filter.without` names it) and its words."""

    field: str
    text: str


def parts(flt: Filter, names: dict[str, str] | None = None) -> list[Part]:
    """The active parts of `flt`, in the sidebar's order, each described on its own."""
    found = []
    for field in LIST_KEYS:
        if getattr(flt, field):
            alone = replace(Filter(), **{field: getattr(flt, field)})
            found.append(Part(field, describe_filter(alone, names)[0]))
    if flt.levels_active:
        alone = Filter(
            level_min=flt.level_min,
            level_max=flt.level_max,
            level_not_recorded=flt.level_not_recorded,
        )
        found.append(Part("levels", describe_filter(alone, names)[0]))
    if flt.deep_dive_only:
        found.append(Part("deep_dive_only", describe_filter(Filter(deep_dive_only=True))[0]))
    if flt.text:
        found.append(Part("text", describe_filter(Filter(text=flt.text))[0]))
    return found


def culprits(
    flt: Filter, count: Callable[[Filter], int], names: dict[str, str] | None = None
) -> list[tuple[Part, int]]:
    """The parts whose removal brings services back, with how many: most services first."""
    widened = [(part, count(flt.without(part.field))) for part in parts(flt, names)]
    return sorted(
        [(part, n) for part, n in widened if n > 0], key=lambda item: item[1], reverse=True
    )


def explain(
    flt: Filter, count: Callable[[Filter], int], names: dict[str, str] | None = None
) -> str:
    """A message for an empty result that names what to change (Markdown, in the language of
    the run; typed text is escaped). `count` gives the number of services a filter matches."""
    active = parts(flt, names)
    if not active:
        return t("The catalogue holds no services yet.")
    if len(active) == 1:
        return t(
            "No service matches “{part}”. Try other words or values, or remove it with its "
            "chip above.",
            part=plain(active[0].text),
        )
    found = culprits(flt, count, names)
    if not found:
        return t(
            "No service matches this combination, and taking out any one part does not help: "
            "{parts}. Remove two or more parts, or use **Reset filter** to start again.",
            parts="; ".join(f"“{plain(part.text)}”" for part in active),
        )
    lines = [t("No service matches every part of this filter. Remove one part to see services:")]
    for part, n in found:
        lines.append(
            "- "
            + tn(
                "without “{part}”: {count} service",
                "without “{part}”: {count} services",
                n,
                part=plain(part.text),
                count=f"{n:,}",
            )
        )
    return "\n".join(lines)
