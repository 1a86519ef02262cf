"""Each technology chart's title as its finding, in words, from the counts that may be shown
(no Streamlit here).

A finding never rests on a suppressed count: a sentence that would need one says the answers
are not shown instead. Shares are of the services answering the question (N).
"""

from __future__ import annotations

from dashboard.common.disclosure import THRESHOLD, Protected
from dashboard.common.figure_words import percent
from dashboard.common.i18n import t
from dashboard.common.names import and_list
from dashboard.technology.questions import option_names, question_names
from dashboard.technology.tables import Distribution


def shown_count(disclosed: Protected, option: str) -> int | None:
    """A count that may be shown, or None where it is suppressed."""
    if disclosed.too_few or bool(disclosed.hidden[option]):
        return None
    return int(disclosed.counts[option])


def at_least_one_vacancy(disclosed: Protected) -> int | None:
    """Services with at least one hard-to-fill vacancy: N less those with none (both shown)."""
    none = shown_count(disclosed, "none")
    return None if none is None else disclosed.answered - none


def coverage(dist: Distribution) -> str:
    """ "N of M services answered", with what a count of several answers means."""
    line = t(
        "{answered} of {services} services answered",
        answered=f"{dist.answered:,}",
        services=f"{dist.services:,}",
    )
    if dist.multi:
        line += t("; a service can give several answers")
    return line


def _specific(dist: Distribution, disclosed: Protected) -> str | None:
    n = f"{dist.answered:,}"

    def share(count: int) -> str:
        return percent(count / dist.answered)

    match dist.code:
        case "last_penetration_test":
            count = shown_count(disclosed, "within_12_months")
            if count is not None:
                return t(
                    "{count} of {n} services were penetration tested in the last 12 months "
                    "({share})",
                    count=f"{count:,}",
                    n=n,
                    share=share(count),
                )
        case "security_incidents":
            count = shown_count(disclosed, "yes")
            if count is not None:
                return t(
                    "{count} of {n} services had a security or data incident in the last two "
                    "years ({share})",
                    count=f"{count:,}",
                    n=n,
                    share=share(count),
                )
        case "hard_to_fill_vacancies":
            count = at_least_one_vacancy(disclosed)
            if count is not None:
                return t(
                    "{count} of {n} services had at least one digital post that was hard to "
                    "fill in the last 12 months ({share})",
                    count=f"{count:,}",
                    n=n,
                    share=share(count),
                )
        case "contract_end_date":
            soon = disclosed.counts[["ended", "within_6_months", "within_12_months"]].sum()
            return t(
                "{count} of {n} main contracts have ended or end within 12 months ({share})",
                count=f"{int(soon):,}",
                n=n,
                share=share(int(soon)),
            )
        case "shared_components":
            forms, none = int(dist.counts["forms"]), int(dist.counts["none"])
            return t(
                "{forms} of {n} services use a shared forms component; {none} use none of the four",
                forms=f"{forms:,}",
                n=n,
                none=f"{none:,}",
            )
        case "team_roles":
            fewest = str(dist.counts.idxmin())
            return t(
                "Fewest teams have a {role}: {count} of {n} services",
                role=option_names(dist.code)[str(fewest)].lower(),
                count=f"{int(dist.counts[fewest]):,}",
                n=n,
            )
    return None


def finding(dist: Distribution, disclosed: Protected) -> str:
    """The chart's title: what the answers show, from the counts that may be shown."""
    name = question_names()[dist.code]
    if not dist.answered:
        return t("{question}: no matching service has answered yet", question=name)
    if disclosed.too_few:
        return t(
            "{question}: fewer than {threshold} services answered, so the answers are not shown",
            question=name,
            threshold=THRESHOLD,
        )
    specific = _specific(dist, disclosed)
    if specific:
        return specific
    shown = disclosed.drawn().dropna()
    shown = shown[shown > 0]
    if shown.empty:
        return t(
            "{question}: not shown, as any count would let a service be picked out",
            question=name,
        )
    top = str(shown.idxmax())
    count = int(shown[top])
    tied = [str(option) for option in shown.index[shown == count]]
    if len(tied) > 1:
        names = option_names(dist.code)
        return t(
            "{question}: {options} equally often, {count} of {n} services each ({share})",
            question=name,
            options=and_list([f"“{names[option]}”" for option in tied]),
            count=f"{count:,}",
            n=f"{dist.answered:,}",
            share=percent(count / dist.answered),
        )
    values = {
        "question": name,
        "option": option_names(dist.code)[top],
        "count": f"{count:,}",
        "n": f"{dist.answered:,}",
        "share": percent(count / dist.answered),
    }
    if dist.multi:
        return t(
            "{question}: “{option}” is named most, by {count} of {n} services ({share})", **values
        )
    return t("{question}: most often “{option}”, {count} of {n} services ({share})", **values)
