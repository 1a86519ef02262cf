"""The Organisation page's words: what each figure counts, a place as people say it ("joint
3rd of 22 councils"), and the main points (no Streamlit here)."""

from __future__ import annotations

from dashboard.common.disclosure import THRESHOLD
from dashboard.common.i18n import is_welsh, t, term, tn
from dashboard.organisation.peers import PeerGroup, Position
from db.vocabulary import SECTORS

#: Welsh ordinals as numerals are written with their own endings up to 22 (enough for the
#: councils); beyond, "rhif 23" (number 23) says the same without a wrong ending.
_WELSH_ENDINGS = {
    1: "af",
    2: "il",
    3: "ydd",
    4: "ydd",
    5: "ed",
    6: "ed",
    7: "fed",
    8: "fed",
    9: "fed",
    10: "fed",
    11: "eg",
    12: "fed",
    13: "eg",
    14: "eg",
    15: "fed",
    16: "eg",
    17: "eg",
    18: "fed",
    19: "eg",
    20: "fed",
    21: "ain",
    22: "ain",
}


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 22nd (in Welsh 1af, 2il, 3ydd, ... 22ain)."""
    if is_welsh():
        ending = _WELSH_ENDINGS.get(n)
        return f"{n}{ending}" if ending else f"rhif {n}"
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def place_words(place: int, joint: bool) -> str:
    return t("joint {place}", place=ordinal(place)) if joint else ordinal(place)


def measure_names() -> dict[str, str]:
    """What each figure counts, as it follows "for": "3rd of 22 councils for ..."."""
    return {
        "services": t("number of services"),
        "end_to_end": t("services digital end to end"),
        "users_per_year": t("services giving users per year"),
        "transactions_per_year": t("services giving transactions per year"),
        "cost_per_transaction": t("services giving cost per transaction"),
        "surveyed": t("services with a submitted survey"),
        "assessed": t("services self-assessed against the standards"),
    }


def group_words(group: PeerGroup, n: int) -> str:
    """'22 councils', '7 health boards', '9 organisations in the health sector'; a group the
    reader chose says so: '6 chosen councils'."""
    if group.chosen:
        return _chosen_group_words(group, n)
    if group.kind == "councils":
        return tn("{n} council", "{n} councils", n)
    if group.kind == "health_boards":
        return tn("{n} health board", "{n} health boards", n)
    if group.sector is None:
        return tn(
            "{n} organisation with no sector recorded",
            "{n} organisations with no sector recorded",
            n,
        )
    sector = term(SECTORS, group.sector)
    return tn(
        "{n} organisation in the sector “{sector}”",
        "{n} organisations in the sector “{sector}”",
        n,
        sector=sector,
    )


def _chosen_group_words(group: PeerGroup, n: int) -> str:
    if group.kind == "councils":
        return tn("{n} chosen council", "{n} chosen councils", n)
    if group.kind == "health_boards":
        return tn("{n} chosen health board", "{n} chosen health boards", n)
    if group.sector is None:
        return tn(
            "{n} chosen organisation with no sector recorded",
            "{n} chosen organisations with no sector recorded",
            n,
        )
    return tn(
        "{n} chosen organisation in the sector “{sector}”",
        "{n} chosen organisations in the sector “{sector}”",
        n,
        sector=term(SECTORS, group.sector),
    )


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def figure_words(position: Position) -> str:
    """'12 of 20 services (60%)', or '14 services'."""
    if not position.measure.share:
        return tn("{n} service", "{n} services", position.part, n=f"{position.part:,}")
    return t(
        "{part} of {whole} services, {share}",
        part=f"{position.part:,}",
        whole=f"{position.whole:,}",
        share=percent(position.value),
    )


def wales_words(position: Position) -> str:
    if not position.measure.share:
        return t("Wales: {n} services", n=f"{position.wales_part:,}")
    return t(
        "Wales: {share} ({part} of {whole})",
        share=percent(position.wales),
        part=f"{position.wales_part:,}",
        whole=f"{position.wales_whole:,}",
    )


def position_words(position: Position, group: PeerGroup) -> str:
    """'joint 3rd of 22 councils for services digital end to end', or why it is not ranked."""
    name = measure_names()[position.measure.key]
    if position.place is None:
        return t(
            "Not ranked for {measure}: fewer than {n} services behind its figure",
            measure=name,
            n=THRESHOLD,
        )
    return t(
        "{place} of {group} for {measure}",
        place=place_words(position.place, position.joint),
        group=group_words(group, position.ranked),
        measure=name,
    )


def left_out_words(position: Position) -> str:
    """How many peers were left out of the ranking, or nothing."""
    if not position.left_out:
        return ""
    return tn(
        "{n} peer left out: fewer than {threshold} services behind its figure",
        "{n} peers left out: fewer than {threshold} services behind their figures",
        position.left_out,
        threshold=THRESHOLD,
    )


def main_points(
    name: str, group: PeerGroup, positions: dict[str, Position], journeys: int
) -> list[str]:
    """The profile's answer first: its size, its best and weakest places, and who it is
    compared with."""
    services = positions["services"]
    points = [
        tn(
            "{name} runs {n} service in the catalogue ({journeys} journeys through them, not "
            "counted as services).",
            "{name} runs {n} services in the catalogue ({journeys} journeys through them, not "
            "counted as services).",
            services.part,
            name=name,
            n=f"{services.part:,}",
            journeys=f"{journeys:,}",
        )
    ]
    ranked = [p for key, p in positions.items() if key != "services" and p.place is not None]
    if ranked:
        # the best and weakest places relative to the number ranked
        order = sorted(ranked, key=lambda p: ((p.place or 0) - 1) / max(p.ranked - 1, 1))
        best, weakest = order[0], order[-1]
        points.append(
            t(
                "Best place: {words} ({figure}).",
                words=position_words(best, group),
                figure=figure_words(best),
            )
        )
        if weakest is not best:
            points.append(
                t(
                    "Furthest behind: {words} ({figure}; {wales}).",
                    words=position_words(weakest, group),
                    figure=figure_words(weakest),
                    wales=wales_words(weakest),
                )
            )
    else:
        points.append(
            t(
                "Not ranked on any figure: each rests on fewer than {n} of its services.",
                n=THRESHOLD,
            )
        )
    points.append(
        t(
            "Compared with {group}; a peer is ranked on a figure only where at least {n} of "
            "its services stand behind it.",
            group=group_words(group, group.size),
            n=THRESHOLD,
        )
    )
    return points


def my_line(name: str, position: Position, group: PeerGroup) -> str:
    """Overview's line for the reader's own organisation."""
    return t(
        "Your organisation: {name} — {words} ({figure}).",
        name=name,
        words=position_words(position, group),
        figure=figure_words(position),
    )
