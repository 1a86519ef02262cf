"""The facts at the top of a service's detail view, in words: its level, stage, Welsh
provision and contracting; a value not recorded says so, never a guess."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.common.i18n import is_welsh, t, term
from dashboard.common.not_recorded import is_missing, not_recorded, term_or_not_recorded
from dashboard.common.service_types import lgsl_words, type_name
from db.vocabulary import (
    CONTRACTING_TYPES,
    DIGITISATION_LEVEL_DESCRIPTIONS,
    DIGITISATION_LEVELS,
    SECTORS,
    STAGES,
    WELSH_PROVISION,
)


def level_of(service: Mapping[str, object]) -> int | None:
    """The service's digitisation level, None when not recorded."""
    level = service.get("digitisation_level")
    return None if is_missing(level) else int(str(level))


def level_figure(service: Mapping[str, object]) -> tuple[str, str]:
    """The level as a figure ("3 of 4") and its help; "not recorded" when it is not."""
    level = level_of(service)
    if level is None:
        return not_recorded(), t("No digitisation level is recorded for this service.")
    return t("{level} of 4", level=level), term(DIGITISATION_LEVELS, str(level))


def level_words(level: int) -> str:
    english, welsh = DIGITISATION_LEVEL_DESCRIPTIONS[level]
    return welsh if is_welsh() else english


def sector_words(organisation: Mapping[str, object]) -> str:
    """The organisation's sector, or "Sector not recorded"."""
    sector = organisation.get("sector")
    if is_missing(sector):
        return t("Sector not recorded")
    return term(SECTORS, str(sector))


def type_words(service: Mapping[str, object]) -> str:
    """The service's type by name, with its LGSL number where it has one ("Report a missed
    bin collection (LGSL 524)"); "not recorded" when it has none."""
    code = service.get("service_type")
    number = lgsl_words(code)
    return (
        t("{name} ({number})", name=type_name(code), number=number) if number else type_name(code)
    )


def service_facts(service: Mapping[str, object]) -> list[tuple[str, str]]:
    """(label, words) for the catalogue fields of a service, in the reader's language."""
    level = level_of(service)
    return [
        (t("Service type"), type_words(service)),
        (t("Level {level}", level=level), level_words(level))
        if level is not None
        else (t("Digitisation level"), not_recorded()),
        (t("Stage"), term_or_not_recorded(STAGES, service.get("stage"))),
        (
            t("Welsh language"),
            term_or_not_recorded(WELSH_PROVISION, service.get("welsh_provision")),
        ),
        (
            t("Contracting"),
            term_or_not_recorded(CONTRACTING_TYPES, service.get("contracting_type")),
        ),
    ]
