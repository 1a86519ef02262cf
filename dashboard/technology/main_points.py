"""The Technology landscape page's main points: a few plain sentences, worked out from the
current filter, each saying what it counts and of how many services (no Streamlit here).

Security answers and vacancies follow the same disclosure control as their charts: a
sentence that would rest on a suppressed count is left out.
"""

from __future__ import annotations

from dashboard.common.figure_words import percent
from dashboard.common.i18n import t, tn
from dashboard.technology.findings import at_least_one_vacancy, shown_count
from dashboard.technology.tables import TechnologyView


def responding(view: TechnologyView) -> str:
    line = tn(
        "{responding} of {n} matching service has submitted the technology survey.",
        "{responding} of {n} matching services have submitted the technology survey.",
        view.services,
        responding=f"{view.responding:,}",
        n=f"{view.services:,}",
    )
    if view.drafts:
        line += " " + tn(
            "{drafts} more has it in draft, not counted here.",
            "{drafts} more have it in draft, not counted here.",
            view.drafts,
            drafts=f"{view.drafts:,}",
        )
    return line


def commonest_platform(view: TechnologyView) -> str | None:
    if view.platforms.empty:
        return None
    top = view.platforms.iloc[0]
    if int(top["Services"]) < 2:
        return None
    return tn(
        "The main platform named most is “{platform}”: {services} of {n} services naming one, "
        "in {organisations} organisation.",
        "The main platform named most is “{platform}”: {services} of {n} services naming one, "
        "in {organisations} organisations.",
        int(top["Organisations"]),
        platform=str(top["Platform"]),
        services=f"{int(top['Services']):,}",
        n=f"{view.platform_answers:,}",
        organisations=f"{int(top['Organisations']):,}",
    )


def components(view: TechnologyView) -> str | None:
    dist = view.distribution("shared_components")
    if not dist.answered:
        return None
    forms, login = int(dist.counts["forms"]), int(dist.counts["login"])
    return t(
        "Of {n} services answering, {forms} use a shared forms component ({forms_share}) and "
        "{login} a shared login ({login_share}).",
        n=f"{dist.answered:,}",
        forms=f"{forms:,}",
        forms_share=percent(forms / dist.answered),
        login=f"{login:,}",
        login_share=percent(login / dist.answered),
    )


def penetration_tests(view: TechnologyView, full: bool) -> str | None:
    dist = view.distribution("last_penetration_test")
    if not dist.answered:
        return None
    disclosed = dist.disclosed(full)
    recent = shown_count(disclosed, "within_12_months")
    never = shown_count(disclosed, "never")
    if recent is None:
        return None
    line = t(
        "{recent} of {n} services answering were penetration tested in the last 12 months",
        recent=f"{recent:,}",
        n=f"{dist.answered:,}",
    )
    if never:
        line += t("; {never} never have been", never=f"{never:,}")
    return line + "."


def vacancies(view: TechnologyView, full: bool) -> str | None:
    dist = view.distribution("hard_to_fill_vacancies")
    if not dist.answered:
        return None
    count = at_least_one_vacancy(dist.disclosed(full))
    if count is None:
        return None
    return t(
        "{count} of {n} services answering had at least one digital post that was hard to fill "
        "in the last 12 months.",
        count=f"{count:,}",
        n=f"{dist.answered:,}",
    )


def contracts(view: TechnologyView) -> str | None:
    dist = view.distribution("contract_end_date")
    if not dist.answered:
        return None
    soon = int(dist.counts[["ended", "within_6_months", "within_12_months"]].sum())
    if not soon:
        return None
    return t(
        "{soon} of {n} main contracts have ended or end within 12 months: a moment to join up.",
        soon=f"{soon:,}",
        n=f"{dist.answered:,}",
    )


def main_points(view: TechnologyView, full: bool = False) -> list[str]:
    """Up to six sentences; none when no matching service has submitted the survey."""
    if not view.responding:
        return []
    points = [
        responding(view),
        commonest_platform(view),
        components(view),
        penetration_tests(view, full),
        vacancies(view, full),
        contracts(view),
    ]
    return [point for point in points if point]
