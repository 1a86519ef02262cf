"""Everything the Organisation page shows of one organisation, in one object (no Streamlit
here): its profile and the tables drawn from it, built once per data version, choice and
language and shared, so a rerun of the same choice reads them instead of ranking again."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.organisation import tables
from dashboard.organisation.figures import INSTRUMENTS, OrganisationFigures
from dashboard.organisation.profile import Profile, profile


@dataclass(frozen=True)
class ProfileView:
    profile: Profile
    comparison: pd.DataFrame
    levels: pd.DataFrame
    challenges: pd.DataFrame
    aims: pd.DataFrame
    standards: pd.DataFrame
    peers: pd.DataFrame
    #: responses per instrument and status: "generalist_submitted", "technology_draft", ...
    surveys: dict[str, int]


def profile_view(
    figures: OrganisationFigures,
    code: str,
    themes: pd.DataFrame,
    standards: pd.DataFrame,
    peers: tuple[str, ...] = (),
) -> ProfileView | None:
    """The page's figures for organisation `code` (None for a code no organisation has), in
    the language of the run, among the `peers` the reader chose (none: its whole group);
    `themes` and `standards` name the themes and the standards."""
    chosen = profile(figures, code, peers)
    if chosen is None:
        return None
    row = figures.table.loc[[code]].iloc[0]
    return ProfileView(
        profile=chosen,
        comparison=tables.comparison_table(chosen),
        levels=tables.levels_table(figures, chosen),
        challenges=tables.themes_table(figures, chosen, themes, "challenge"),
        aims=tables.themes_table(figures, chosen, themes, "opportunity"),
        standards=tables.standards_table(figures, chosen, standards),
        peers=tables.peers_table(figures, chosen),
        surveys={
            f"{instrument}_{status}": int(row[f"{instrument}_{status}"])
            for instrument in INSTRUMENTS
            for status in ("submitted", "draft")
        },
    )
