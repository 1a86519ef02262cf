"""The areas the map draws (22 principal councils, 7 local health boards), their boundaries,
and which organisation is each area's (no Streamlit here).

The areas come from db/reference/wales_areas.yaml; the boundaries from the two GeoJSON files
beside it (built by db.reference.boundaries from an ONS extract, shipped with the project: the
page fetches nothing). An organisation is an area's when its code is the area's ONS code or
its slug, or its English or Welsh name is one of the area's names, compared with case, accents
and punctuation ignored: the demo data's codes are slugs ("cardiff", "aneurin-bevan-uhb"), a
real register may carry the ONS code or the name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from dashboard.common.filters import fold
from dashboard.common.i18n import is_welsh

REFERENCE = Path(__file__).resolve().parents[2] / "db" / "reference"
AREAS_FILE = REFERENCE / "wales_areas.yaml"
BOUNDARY_FILES = {
    "councils": REFERENCE / "wales_councils.geojson",
    "boards": REFERENCE / "wales_health_boards.geojson",
}
#: The two ways to draw Wales (`?map_areas=boards`); councils first.
LAYERS = ("councils", "boards")
COUNCILS, BOARDS = LAYERS


class AreaReferenceError(ValueError):
    """The area reference does not hold together."""


@dataclass(frozen=True)
class Area:
    """One council or health board."""

    code: str  # ONS code, W06... or W11...
    slug: str
    name_en: str
    name_cy: str
    also: tuple[str, ...] = ()
    board: str = ""  # a council's health board (its ONS code)

    @property
    def name(self) -> str:
        """The area's name in the current language."""
        return self.name_cy if is_welsh() else self.name_en

    def names(self) -> tuple[str, ...]:
        return (self.name_en, self.name_cy, *self.also)


@dataclass(frozen=True)
class AreaReference:
    councils: tuple[Area, ...]
    boards: tuple[Area, ...]

    def layer(self, layer: str) -> tuple[Area, ...]:
        return self.boards if layer == BOARDS else self.councils

    def board_councils(self, board: str) -> tuple[Area, ...]:
        return tuple(c for c in self.councils if c.board == board)


def _area(entry: dict[str, Any]) -> Area:
    return Area(
        code=str(entry["code"]),
        slug=str(entry["slug"]),
        name_en=str(entry["name_en"]),
        name_cy=str(entry["name_cy"]),
        also=tuple(str(name) for name in entry.get("also", ())),
        board=str(entry.get("board", "")),
    )


@cache
def load_areas(path: Path = AREAS_FILE) -> AreaReference:
    """The area reference, read once and checked."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    reference = AreaReference(
        councils=tuple(_area(e) for e in raw["councils"]),
        boards=tuple(_area(e) for e in raw["health_boards"]),
    )
    boards = {b.code for b in reference.boards}
    codes = [a.code for a in (*reference.councils, *reference.boards)]
    if len(set(codes)) != len(codes):
        raise AreaReferenceError("an ONS code appears twice")
    for council in reference.councils:
        if council.board not in boards:
            raise AreaReferenceError(f"{council.code} names an unknown board {council.board!r}")
    return reference


@cache
def boundaries(layer: str) -> dict[str, Any]:
    """The layer's GeoJSON FeatureCollection (`properties.code`: the ONS code)."""
    loaded: dict[str, Any] = json.loads(BOUNDARY_FILES[layer].read_text(encoding="utf-8"))
    return loaded


_NOT_LETTERS = re.compile(r"[^0-9a-z]+")


def name_key(text: object) -> str:
    """A name or code as matching compares it: folded (case, accents), and anything but
    letters and digits taken as one space ("Rhondda-Cynon-Taf" is "rhondda cynon taf")."""
    return _NOT_LETTERS.sub(" ", fold(str(text))).strip()


def _keys(area: Area) -> set[str]:
    return {name_key(value) for value in (area.code, area.slug, *area.names())}


def organisation_areas(organisations: pd.DataFrame, layer: str) -> dict[str, str]:
    """Organisation code to the ONS code of its area in `layer`, for the organisations that
    are an area's (`organisations`: columns code, name_en, name_cy). An organisation that
    matches no area is left out; one matching two (a name shared by two areas) goes to the
    first area of the reference."""
    lookup: dict[str, str] = {}
    for area in reversed(load_areas().layer(layer)):
        for key in _keys(area):
            lookup[key] = area.code
    found: dict[str, str] = {}
    for code, en, cy in zip(
        organisations["code"], organisations["name_en"], organisations["name_cy"], strict=True
    ):
        for value in (code, en, cy):
            if value is None or pd.isna(value):
                continue
            placed = lookup.get(name_key(value))
            if placed:
                found[str(code)] = placed
                break
    return found


def placed_organisations(organisations: pd.DataFrame) -> set[str]:
    """Codes of the organisations that are a council's or a health board's: the rest are
    national bodies (the Welsh Government, arm's-length bodies, the third sector, NHS trusts),
    listed beside the map, never drawn on it."""
    return {code for layer in LAYERS for code in organisation_areas(organisations, layer)}
