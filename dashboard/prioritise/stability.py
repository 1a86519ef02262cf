"""Whether the top of the ranking holds when the weights move a little: each weight alone moved
by one step down and up (within 0..MAX_WEIGHT), the services re-scored, and the top five
compared, member by member and place by place.

A ranking whose top five change when one weight moves by one rests on a judgement as much as
on the data: the page says which move changes what, so a reader can see how much the order
depends on the weights chosen. A move that would leave every weight at 0 is not tried (every
service would score the same, which says nothing about the ranking).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.i18n import t, tn
from dashboard.common.service_labels import service_columns
from dashboard.prioritise.weighting import (
    CODES,
    KNOWN_ONLY,
    MAX_WEIGHT,
    clean_weights,
    component_names,
)

TOP = 5


@dataclass(frozen=True)
class Move:
    """One weight moved by one step, and what it did to the top."""

    code: str
    step: int  # -1 or +1
    top: tuple[int, ...]  # the ids of the top after the move, best first
    dropped: tuple[int, ...]  # who left the top, in their old order
    entered: tuple[int, ...]  # who came in, in their new order

    @property
    def changed(self) -> bool:
        return bool(self.dropped) or bool(self.entered)


@dataclass(frozen=True)
class Stability:
    """The top before any move, and every move tried."""

    top: tuple[int, ...]
    moves: tuple[Move, ...]
    #: False when every weight is 0: every service scores the same, there is no order to test
    weighted: bool = True

    @property
    def changes(self) -> tuple[Move, ...]:
        """The moves after which the top is no longer the same services in the same places."""
        return tuple(m for m in self.moves if m.top != self.top)

    @property
    def stable(self) -> bool:
        return not self.changes


def moves(weights: Mapping[str, int]) -> list[tuple[str, int, dict[str, int]]]:
    """Every single move of one weight by one step that stays in 0..MAX_WEIGHT and leaves at
    least one weight above 0: (component, step, the moved weights), down before up."""
    weights = clean_weights(weights)
    tried = []
    for code in CODES:
        for step in (-1, 1):
            moved = {**weights, code: weights[code] + step}
            if not 0 <= moved[code] <= MAX_WEIGHT or not sum(moved.values()):
                continue
            tried.append((code, step, moved))
    return tried


class _Scorer:
    """score()'s arithmetic on plain arrays, for re-scoring the same services under many
    weights: the parts are read, and their medians taken, once. score() builds a frame of
    names and contributions each time (a quarter of a second for 100,000 services, ten times
    over for the check); the scores here are the same numbers, rounded the same way (the
    tests compare the two on random catalogues)."""

    def __init__(self, parts: pd.DataFrame, missing: str) -> None:
        self.ids = parts.index.to_numpy()
        values = parts[list(CODES)].to_numpy(dtype=float)
        self.known = ~np.isnan(values)
        self.no_level = ~self.known[:, CODES.index("gap")]
        with warnings.catch_warnings():  # a part no service has: its median is never used
            warnings.simplefilter("ignore", RuntimeWarning)
            medians = np.nanmedian(values, axis=0) if len(values) else np.zeros(len(CODES))
        # a part not known is its median (0 where no service has it); a level not recorded
        # leaves the gap out (0, its weight taken off the row's total) whatever the weights
        self.filled = np.where(self.known, values, np.nan_to_num(medians, nan=0.0))
        self.filled[self.no_level, CODES.index("gap")] = 0.0
        self.filled = np.asfortranarray(self.filled)  # read a part (a column) at a time
        self.missing = missing

    def top(self, weights: Mapping[str, int], top: int) -> tuple[int, ...]:
        weights = clean_weights(weights)
        used = [i for i, c in enumerate(CODES) if weights[c] > 0]
        total = sum(weights[CODES[i]] for i in used)
        gap_used = weights["gap"] > 0
        no_level = self.no_level if gap_used else np.zeros(len(self.ids), dtype=bool)
        row_total = total - no_level.astype(int) * (weights["gap"] if gap_used else 0)
        keep = (row_total > 0) | (total == 0)
        if self.missing == KNOWN_ONLY and used:
            gap = np.array(used) == CODES.index("gap")
            known = self.known[:, used] | (no_level[:, None] & gap)
            keep &= known.all(axis=1)
        # every row is scored (a row left out is dropped after): no copy of the parts per move
        divisor = np.where(row_total > 0, row_total, 1)
        scores = np.zeros(len(self.ids))
        for i, code in enumerate(CODES):  # added in score()'s order, so the sums agree
            if total and i in used:
                scores = scores + self.filled[:, i] * weights[code] / divisor
        scores = np.round(scores, 4)
        scores, ids = scores[keep], self.ids[keep]
        if len(scores) > top:  # only the services that can make the top are sorted
            cutoff = np.partition(scores, len(scores) - top)[len(scores) - top]
            near = scores >= cutoff
            scores, ids = scores[near], ids[near]
        order = np.lexsort((ids, -scores))[:top]
        return tuple(int(i) for i in ids[order])


def check(
    parts: pd.DataFrame, weights: Mapping[str, int], missing: str, top: int = TOP
) -> Stability:
    """The top `top` of the ranking under `weights`, and under each single move of one weight."""
    scorer = _Scorer(parts, missing)
    before = scorer.top(weights, top)
    if not sum(clean_weights(weights).values()):
        return Stability(top=before, moves=(), weighted=False)
    tried = []
    for code, step, moved in moves(weights):
        after = scorer.top(moved, top)
        tried.append(
            Move(
                code=code,
                step=step,
                top=after,
                dropped=tuple(i for i in before if i not in after),
                entered=tuple(i for i in after if i not in before),
            )
        )
    return Stability(top=before, moves=tuple(tried))


def _weighs(code: str, step: int) -> str:
    name = component_names()[code].lower()
    if step < 0:
        return t("“{part}” weighs 1 less", part=name)
    return t("“{part}” weighs 1 more", part=name)


def sentence(result: Stability, names: Mapping[int, str]) -> str:
    """The check in one sentence (and, when more than one move changes the top, how many):
    "The top 5 stay the same when any one weight moves by 1", or "Service X drops out of the
    top 5 when “reach” weighs 1 less". `names` holds a name for each id of the top before and
    after the moves."""
    n = len(result.top)
    if not n or not result.weighted:
        return ""
    if not result.moves:
        return t("No weight can move by 1 without leaving every weight at 0, so nothing to check.")
    if result.stable:
        return tn(
            "The top service stays the same when any one weight moves by 1.",
            "The top {n} stay the same, in the same order, when any one weight moves by 1.",
            n,
            n=n,
        )
    said = _change(result.top, result.changes[0], names)
    others = len(result.changes) - 1
    if not others:
        return t("{change}; every other move of one weight by 1 keeps them.", change=said)
    return tn(
        "{change}; {others} other move of one weight by 1 also changes them (of {tried} tried).",
        "{change}; {others} other moves of one weight by 1 also change them (of {tried} tried).",
        others,
        change=said,
        others=others,
        tried=len(result.moves),
    )


def _change(before: tuple[int, ...], move: Move, names: Mapping[int, str]) -> str:
    """What one move does to the top, in words: who drops out, who comes in, which two swap
    places, or who moves from which place to which."""

    def name(i: int) -> str:
        return names.get(i, str(i))

    n, when = len(before), _weighs(move.code, move.step)
    if move.dropped:
        return t(
            "{service} drops out of the top {n} when {when}",
            service=name(move.dropped[0]),
            n=n,
            when=when,
        )
    if move.entered:  # fewer than n ranked before the move (services left out)
        return t(
            "{service} comes into the top {n} when {when}",
            service=name(move.entered[0]),
            n=n,
            when=when,
        )
    places = [k for k, (i, j) in enumerate(zip(before, move.top, strict=True)) if i != j]
    if len(places) == 2:
        a, b = places
        return t(
            "{first} and {second} swap places {a} and {b} in the top {n} when {when}",
            first=name(before[a]),
            second=name(before[b]),
            a=a + 1,
            b=b + 1,
            n=n,
            when=when,
        )
    moved = before[places[0]]
    return t(
        "{service} moves from place {old} to {new} in the top {n} when {when}",
        service=name(moved),
        old=places[0] + 1,
        new=move.top.index(moved) + 1,
        n=n,
        when=when,
    )


def names_of(result: Stability, services: pd.DataFrame) -> dict[int, str]:
    """ "Service (Organisation)" for every id the check can name, in the current language."""
    ids = sorted({*result.top, *(i for m in result.moves for i in m.top)})
    columns = pd.DataFrame(service_columns(services.loc[ids]))
    return {
        i: f"{service} ({organisation})"
        for i, service, organisation in zip(
            ids, columns["Service"], columns["Organisation"], strict=True
        )
    }
