"""The import's choices as the command line takes them (--create-organisations, --sector,
--organisation-as, --replace-demo) and the lines it prints about them."""

from __future__ import annotations

from collections.abc import Iterator

from dashboard.common.i18n import t, tn
from dashboard.importing.new_organisations import Choices, Proposal, sector_of, to_create
from dashboard.importing.not_recorded import NOT_RECORDED, is_not_recorded
from dashboard.importing.vocabularies import SECTOR
from db.vocabulary import codes


def choices(create: bool, sector: str | None, same_as: list[str]) -> Choices | str:
    """The choices, or what is wrong with them in words."""
    chosen = None
    if sector:
        chosen = NOT_RECORDED if is_not_recorded(sector) else SECTOR.lookup(sector)
        if chosen is None:
            return t(
                "There is no sector “{sector}”. Choose one of: {codes}, or “not recorded”.",
                sector=sector,
                codes=", ".join(codes(SECTOR.terms)),
            )
    pairs: dict[str, str] = {}
    for item in same_as:
        name, _, code = item.rpartition("=")
        if not name.strip() or not code.strip():
            return t(
                "--organisation-as takes NAME=CODE (the name in the file, the code of an "
                "organisation in the store), not “{item}”.",
                item=item,
            )
        pairs[name.strip()] = code.strip()
    return Choices(create=create, sector=chosen, same_as=pairs)


def lines(
    proposals: list[Proposal], invented: bool, replace_demo: bool, chosen: Choices, dry_run: bool
) -> Iterator[str]:
    """What the command says about new organisations and the demo data, before the problems."""
    if invented and not replace_demo:
        yield "  " + t(
            "note: the store holds the invented demo data; writing real rows needs "
            "--replace-demo, which removes the demo catalogue in the same transaction."
        )
    elif invented:
        yield "  " + t("note: the demo catalogue will be removed in the same transaction.")
    created = {p.name for p in to_create(proposals, chosen)}
    for proposal in proposals:
        sector = sector_of(proposal, chosen)
        if proposal.name in chosen.same_as:
            what = t("taken as {code}", code=chosen.same_as[proposal.name])
        elif proposal.name in created and sector:
            what = t(
                "will be created as {code} ({sector})",
                code=proposal.code,
                sector=SECTOR.label(sector),
            )
        else:
            what = t("not in the store (suggested code {code})", code=proposal.code)
        yield "  " + tn(
            "organisation “{name}” (one row): {what}",
            "organisation “{name}” ({n} rows): {what}",
            proposal.rows,
            name=proposal.name,
            what=what,
        )
    if proposals and not chosen.create and dry_run:
        yield "  " + t(
            "to create them: --create-organisations --sector SECTOR (or a Sector column in "
            "the file)."
        )
