"""The Data page's choices before the check: replacing the demo data, and the organisations a
services file names that the store does not hold (create them, with their sector, or take one
as an organisation already in the catalogue)."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import is_welsh, t, tn
from dashboard.common.markdown_text import plain
from dashboard.importing import demo_replacement, new_organisations, pipeline
from dashboard.importing.new_organisations import Choices
from dashboard.importing.not_recorded import NOT_RECORDED
from dashboard.importing.pipeline import Job
from dashboard.importing.vocabularies import SECTOR
from dashboard.ui import store
from db.vocabulary import codes

CREATE = ""


def replace_demo_choice() -> bool:
    """When the store holds invented data: an explicit choice to replace it (off by default)."""
    if not demo_replacement.holds_invented(store.engine()):
        return False
    st.warning(
        t(
            "The store holds the invented demo data. Real rows must not mix with it: importing "
            "this file replaces the demo's organisations, services, answers and journeys, in "
            "the same transaction."
        ),
        icon=":material/science:",
    )
    return st.checkbox(
        t("Replace the demo data with this import"),
        key="data_replace_demo",
        help=t("Without this, the file can be checked but not imported."),
    )


def organisation_choices(job: Job, replace_demo: bool) -> Choices:
    """The proposals as a table, and the steward's decisions about them."""
    engine = store.engine()
    proposals = pipeline.proposals(engine, job, replace_demo)
    if not proposals:
        return Choices()
    st.subheader(t("New organisations"))
    st.markdown(
        tn(
            "The file names one organisation that is not in the catalogue. Confirm it and its "
            "sector to create it with the services, or take it as one already there.",
            "The file names {n} organisations that are not in the catalogue. Confirm them and "
            "their sector to create them with the services, or take any as one already there.",
            len(proposals),
        )
    )
    existing = {} if replace_demo else new_organisations.existing_organisations(engine)
    same_as: dict[str, str] = {}
    sectors: dict[str, str] = {}
    # "not recorded" last: a sector nobody knows is stored as unknown, never guessed
    sector_codes = [*codes(SECTOR.terms), NOT_RECORDED]
    welsh = is_welsh()
    for index, proposal in enumerate(proposals):
        left, right = st.columns(2)
        alike = [code for code, _name in proposal.similar]
        options = [CREATE, *alike, *sorted(c for c in existing if c not in alike)]
        taken = left.selectbox(
            t("“{name}” is", name=plain(proposal.name)),
            options,
            format_func=lambda code: (
                t("a new organisation")
                if code == CREATE
                else f"{existing.get(code, code)} ({code})"
            ),
            key=f"data_org_as_{index}",
        )
        if taken:
            same_as[proposal.name] = taken
            continue
        sector = right.selectbox(
            t("Sector of “{name}”", name=plain(proposal.name)),
            sector_codes,
            index=sector_codes.index(proposal.sector) if proposal.sector else None,
            format_func=lambda code: (
                t("Not recorded") if code == NOT_RECORDED else SECTOR.label(code, welsh)
            ),
            placeholder=t("Choose a sector"),
            key=f"data_org_sector_{index}",
        )
        if sector:
            sectors[proposal.name] = sector
    create = st.checkbox(
        t("Create the new organisations with this import"),
        key="data_create_organisations",
    )
    choices = Choices(create=create, sectors=sectors, same_as=same_as)
    st.dataframe(
        new_organisations.preview(proposals, choices),
        hide_index=True,
        key="data_new_organisations",
    )
    return choices


def choices_key(choices: Choices, replace_demo: bool) -> tuple[object, ...]:
    """What the check depends on, so a changed choice asks for a new check."""
    return (
        replace_demo,
        choices.create,
        tuple(sorted(choices.sectors.items())),
        tuple(sorted(choices.same_as.items())),
    )
