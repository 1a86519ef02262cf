"""The Organisation page's tables as people read them, in the reader's language (no
Streamlit here): every figure beside its peers and Wales, the levels, the themes most
reported, the standards and each peer's figures (with small counts withheld)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.common.disclosure import SUPPRESSED, THRESHOLD
from dashboard.common.i18n import local_name, t, term
from dashboard.common.names import local_names
from dashboard.organisation.figures import LEVEL_COLUMNS, LEVELS, MEASURES, OrganisationFigures
from dashboard.organisation.peers import Position, compared_value
from dashboard.organisation.profile import Profile
from dashboard.organisation.words import measure_names, percent, place_words
from db.vocabulary import DIGITISATION_LEVELS


def _value(position: Position) -> str:
    return f"{position.part:,}" if not position.measure.share else percent(position.value)


def _place(position: Position) -> str:
    if position.place is None:
        return t("not ranked")
    return t("{place} of {n}", place=place_words(position.place, position.joint), n=position.ranked)


def comparison_table(profile: Profile) -> pd.DataFrame:
    """One row per figure: the organisation's, its place among its peers, Wales's."""
    names = measure_names()
    rows = list(profile.positions.values())
    return pd.DataFrame(
        {
            t("Figure"): [names[p.measure.key] for p in rows],
            t("This organisation"): [_value(p) for p in rows],
            t("Services behind it"): [
                t("{part} of {whole}", part=f"{p.part:,}", whole=f"{p.whole:,}")
                if p.measure.share
                else f"{p.part:,}"
                for p in rows
            ],
            t("Place among peers"): [_place(p) for p in rows],
            t("Peers left out (fewer than {n} services)", n=THRESHOLD): [p.left_out for p in rows],
            t("Wales"): [
                percent(p.wales) if p.measure.share else f"{p.wales_part:,}" for p in rows
            ],
            t("Wales: services behind it"): [
                t("{part} of {whole}", part=f"{p.wales_part:,}", whole=f"{p.wales_whole:,}")
                if p.measure.share
                else f"{p.wales_part:,}"
                for p in rows
            ],
        }
    )


def _others(figures: OrganisationFigures, profile: Profile) -> list[str]:
    return [code for code in profile.group.codes if code != profile.code]


def levels_table(figures: OrganisationFigures, profile: Profile) -> pd.DataFrame:
    """Services at each level for the organisation, its peers together and Wales, with the
    share digital end to end of the services whose level is recorded."""
    table = figures.table
    groups = {
        local_name(profile.name_en, profile.name_cy): table.loc[[profile.code]],
        t("Its peers together"): table.loc[_others(figures, profile)],
        t("Wales"): table,
    }
    level_names = [term(DIGITISATION_LEVELS, str(level)) for level in LEVELS]
    rows = []
    for rows_of in groups.values():
        counts = rows_of[list(LEVEL_COLUMNS)].sum().to_numpy(dtype=np.int64)
        services = int(rows_of["services"].sum())
        known = int(rows_of["level_known"].sum())
        end = int(rows_of["end_to_end"].sum())
        rows.append(
            [
                *counts,
                services - known,
                t("{part} of {whole} ({share})", part=end, whole=known, share=percent(end / known))
                if known
                else "–",
            ]
        )
    return pd.DataFrame(
        rows,
        index=pd.Index(list(groups), name=t("Organisation")),
        columns=[*level_names, t("Level not recorded"), t("Digital end to end")],
    ).reset_index()


def themes_table(
    figures: OrganisationFigures, profile: Profile, themes: pd.DataFrame, kind: str, top: int = 5
) -> pd.DataFrame:
    """The themes of one kind ("challenge" or "opportunity") its services report most, each
    as a share of its services beside its peers' (together) and Wales's, with its place
    among its peers (most often first)."""
    of_kind = themes[themes["kind"].astype(str) == kind]
    codes = [c for c in of_kind["code"].astype(str) if c in figures.themes.columns]
    columns = [t("Theme"), t("This organisation"), t("Place among peers"), t("Peers"), t("Wales")]
    own = figures.themes.loc[[profile.code], codes].iloc[0] if codes else pd.Series(dtype="int64")
    own = own[own.to_numpy() > 0]
    if own.empty:
        return pd.DataFrame(columns=columns)
    names = dict(
        zip(
            of_kind["code"].astype(str),
            local_names(of_kind["name_en"], of_kind["name_cy"]),
            strict=True,
        )
    )
    chosen = sorted(own.index, key=lambda c: (-int(own[c]), names[c]))[:top]
    table = figures.table
    services = table["services"]
    members = list(profile.group.codes)
    others = _others(figures, profile)
    whole = int(services[profile.code])
    rows = []
    for code in chosen:
        part = int(own[code])
        counts = figures.themes.loc[members, code].to_numpy(dtype=np.int64)
        wholes = services[members].to_numpy(dtype=np.int64)
        ranked = wholes >= THRESHOLD
        compared = compared_value(counts, wholes, share=True)
        mine = float(compared[members.index(profile.code)])
        if ranked[members.index(profile.code)]:
            higher = int((compared[ranked] > mine).sum())
            joint = int((compared[ranked] == mine).sum()) > 1
            place = t("{place} of {n}", place=place_words(higher + 1, joint), n=int(ranked.sum()))
        else:
            place = t("not ranked")
        peer_part = int(figures.themes[code].loc[others].sum())
        peer_whole = int(services[others].sum())
        rows.append(
            [
                names[code],
                t(
                    "{part} of {whole} ({share})",
                    part=part,
                    whole=whole,
                    share=percent(part / whole),
                ),
                place,
                percent(peer_part / peer_whole) if peer_whole else "–",
                percent(int(figures.themes[code].sum()) / int(services.sum())),
            ]
        )
    return pd.DataFrame(rows, columns=columns)


def standards_table(
    figures: OrganisationFigures, profile: Profile, standards: pd.DataFrame
) -> pd.DataFrame:
    """Each Digital Service Standard: how many of its services that rated themselves against
    it say they meet it, beside its peers (together) and Wales."""
    met, rated = figures.standards_met, figures.standards_rated
    others = _others(figures, profile)
    # three sums per table (the organisation, its peers, Wales), then one row per standard
    own = (met.loc[[profile.code]].iloc[0], rated.loc[[profile.code]].iloc[0])
    peer = (met.loc[others].sum(), rated.loc[others].sum())
    wales = (met.sum(), rated.sum())
    rows = []
    for number, (sid, en, cy) in enumerate(
        zip(standards["id"], standards["name_en"], standards["name_cy"], strict=True), start=1
    ):
        if sid not in rated.columns:
            continue
        part, whole = int(own[0][sid]), int(own[1][sid])
        peer_part, peer_whole = int(peer[0][sid]), int(peer[1][sid])
        wales_part, wales_whole = int(wales[0][sid]), int(wales[1][sid])
        rows.append(
            [
                f"{number}. {local_name(en, cy)}",
                t(
                    "{part} of {whole} ({share})",
                    part=part,
                    whole=whole,
                    share=percent(part / whole),
                )
                if whole
                else t("none rated it"),
                percent(peer_part / peer_whole) if peer_whole else "–",
                percent(wales_part / wales_whole) if wales_whole else "–",
            ]
        )
    return pd.DataFrame(
        rows,
        columns=[
            t("Standard"),
            t("This organisation: services meeting it, of those rating it"),
            t("Peers"),
            t("Wales"),
        ],
    )


def peers_table(figures: OrganisationFigures, profile: Profile) -> pd.DataFrame:
    """Every peer's share on each figure, with its services behind it; a figure resting on
    fewer than THRESHOLD services is withheld ([c]), as disclosure control asks."""
    table = figures.table.loc[list(profile.group.codes)]
    names = measure_names()
    frame = pd.DataFrame(
        {
            t("Organisation"): local_names(table["name_en"], table["name_cy"]).to_numpy(),
            t("Services"): table["services"].to_numpy(),
        }
    )
    for m in MEASURES:
        if not m.share:
            continue
        part = table[m.part].to_numpy(dtype=np.int64)
        whole = table[m.whole].to_numpy(dtype=np.int64)
        frame[names[m.key]] = [
            SUPPRESSED
            if w < THRESHOLD
            else t("{share} ({part} of {whole})", share=percent(p / w), part=p, whole=w)
            for p, w in zip(part, whole, strict=True)
        ]
    mine = (table.index == profile.code).tolist()
    frame.insert(1, t("This organisation"), [t("Yes") if m else "" for m in mine])
    return frame
