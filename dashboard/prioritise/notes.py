"""What the Prioritise page says beside its ranking: parts that cannot tell services apart, and
how many services are ranked with how many of their parts estimated or left out."""

from __future__ import annotations

from dashboard.common.i18n import t, tn
from dashboard.prioritise import confidence
from dashboard.prioritise.score import Ranking
from dashboard.prioritise.weighting import ESTIMATE, component_names


def flat_note(flat: list[str]) -> str:
    """Relative parts with one known value among the ranked services ("" when none)."""
    if not flat:
        return ""
    names = component_names()
    return t(
        "{parts}: only one known value among these services (or all the same), so it "
        "cannot tell them apart; every service with a figure gets the middle, 0.5.",
        parts=", ".join(names[c] for c in flat),
    )


def level_note(ranking: Ranking) -> str:
    """How the services with no digitisation level were scored ("" when there are none)."""
    n = ranking.without_level
    if not n:
        return ""
    if ranking.level_only:
        return tn(
            "{n} service has no digitisation level recorded and is left out: the digital gap "
            "is the only weighted part.",
            "{n} services have no digitisation level recorded and are left out: the digital "
            "gap is the only weighted part.",
            n,
            n=f"{n:,}",
        )
    return tn(
        "{n} service has no digitisation level recorded: it is scored on the other weighted "
        "parts only, their weights scaled up to make the whole.",
        "{n} services have no digitisation level recorded: they are scored on the other "
        "weighted parts only, their weights scaled up to make the whole.",
        n,
        n=f"{n:,}",
    )


def ranking_note(ranking: Ranking, missing: str) -> str:
    """How many services are ranked and, for each weighted part, how many had it estimated
    from the median (or, leaving such services out, how many were left out); and how the
    services with no digitisation level were scored."""
    level = level_note(ranking)
    note = _parts_note(ranking, missing)
    return f"{note} {level}" if level else note


def _parts_note(ranking: Ranking, missing: str) -> str:
    count = len(ranking.table)
    if missing != ESTIMATE:
        return tn(
            "Ranking {n} service; {left_out} left out because a weighted part is not known for "
            "them.",
            "Ranking {n} services; {left_out} left out because a weighted part is not known for "
            "them.",
            count,
            n=f"{count:,}",
            left_out=f"{ranking.left_out:,}",
        )
    names = component_names()
    estimated = [
        tn("{part} for {n} service", "{part} for {n} services", n, part=names[c].lower())
        for c, n in ranking.estimated.items()
        if n
    ]
    lead = tn("Ranking {n} service.", "Ranking {n} services.", count, n=f"{count:,}")
    if not estimated and not ranking.without_level:
        return lead + " " + t("Every weighted part is known for every service.")
    # the same count as the marks: a service with no level recorded is not "all known"
    complete = int((confidence.levels(ranking.table) == confidence.KNOWN).sum())
    said = [lead]
    if estimated:
        said.append(
            t(
                "Estimated from the median because the owner gave no figure: {parts}.",
                parts="; ".join(estimated),
            )
        )
    said.append(
        t(
            "{complete} of {total} have every weighted part known; {some} rest on at least one "
            "estimate or have no digitisation level (the “How sure” column marks each; “Parts "
            "estimated” says how many of the {weighted} parts were estimated).",
            complete=f"{complete:,}",
            total=f"{count:,}",
            some=f"{count - complete:,}",
            weighted=ranking.weighted,
        )
    )
    return " ".join(said)
