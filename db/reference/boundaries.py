"""Build the Map page's boundary files from the ONS extract kept beside them (run by hand).

    .venv/bin/python -m db.reference.boundaries

`boundary_source/arcs_wales.json` holds, as ONS published them in a TopoJSON topology of
"Local Authority Districts (2014), super generalised clipped" (Open Government Licence v3.0),
the quantised arcs that bound the 22 Welsh principal councils and each council's rings (arc
numbers as in the topology: a negative number is the arc ~n walked backwards). This script

- decodes the arcs (delta-encoded integers, then the topology's scale and translate) into
  longitude and latitude, rounded to 4 decimals (about 10 m, far finer than the source);
- writes `wales_councils.geojson`, one feature per council, `properties.code` its ONS code;
- dissolves the councils into the 7 local health boards (each board is an exact union of
  councils) by topology: an arc that two councils of the same board share is inside the board
  and dropped, every other arc is the board's edge, and the edges are chained back into rings.
  It writes `wales_health_boards.geojson`, `properties.code` the board's ONS code (W11...).

Both files are checked on the way (every ring closes; each board has the councils it should)
and must stay under 300 KB; the page reads them and never fetches anything.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parent
SOURCE = REFERENCE / "boundary_source" / "arcs_wales.json"
COUNCILS_FILE = REFERENCE / "wales_councils.geojson"
BOARDS_FILE = REFERENCE / "wales_health_boards.geojson"
MAX_BYTES = 300_000
DECIMALS = 4

Point = tuple[float, float]
Ring = list[Point]


class BoundaryError(ValueError):
    """The extract does not hold together (a ring that does not close, an arc missing)."""


def decode_arcs(
    arcs: dict[str, list[list[int]]], transform: dict[str, list[float]]
) -> dict[int, Ring]:
    """Each arc's points in longitude and latitude (TopoJSON: delta-encoded, quantised)."""
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded: dict[int, Ring] = {}
    for key, deltas in arcs.items():
        x = y = 0
        points: Ring = []
        for dx, dy in deltas:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)))
        decoded[int(key)] = points
    return decoded


def walk(arc: int, arcs: dict[int, Ring]) -> Ring:
    """An arc's points in the ring's direction (~n: arc n backwards)."""
    if arc >= 0:
        return arcs[arc]
    return arcs[~arc][::-1]


def ring_points(ring: list[int], arcs: dict[int, Ring]) -> Ring:
    """A ring's points from its arcs; each arc must start where the last one ended."""
    points: Ring = []
    for arc in ring:
        part = walk(arc, arcs)
        if points and points[-1] != part[0]:
            raise BoundaryError(f"arc {arc} does not start where the ring's last arc ended")
        points += part if not points else part[1:]
    if points[0] != points[-1]:
        raise BoundaryError(f"a ring of arcs {ring} does not close")
    return points


def _geometry(polygons: list[list[Ring]]) -> dict[str, Any]:
    coordinates = [[[list(p) for p in ring] for ring in polygon] for polygon in polygons]
    return {"type": "MultiPolygon", "coordinates": coordinates}


def dissolve(members: list[list[list[int]]], arcs: dict[int, Ring]) -> list[Ring]:
    """The outer edge of the union of `members` (each a council's rings of arc numbers): the
    arcs used once, chained end to start into closed rings."""
    uses: dict[int, list[int]] = defaultdict(list)
    for rings in members:
        for ring in rings:
            for arc in ring:
                uses[arc if arc >= 0 else ~arc].append(arc)
    edges = [signed[0] for signed in uses.values() if len(signed) == 1]
    starting: dict[Point, list[int]] = defaultdict(list)
    for arc in edges:
        starting[walk(arc, arcs)[0]].append(arc)
    closed: list[Ring] = []
    unused = set(edges)
    while unused:
        first = min(unused)
        unused.discard(first)
        points = list(walk(first, arcs))
        while points[-1] != points[0]:
            following = [a for a in starting[points[-1]] if a in unused]
            if not following:
                raise BoundaryError("a board's edge does not close")
            unused.discard(following[0])
            points += walk(following[0], arcs)[1:]
        closed.append(points)
    return closed


def _signed_area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def build() -> tuple[dict[str, Any], dict[str, Any]]:
    """The councils' and the boards' GeoJSON (not yet written)."""
    from dashboard.map.areas import load_areas  # the area reference names the boards' councils

    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    arcs = decode_arcs(source["arcs"], source["transform"])
    objects: dict[str, list[list[list[int]]]] = source["objects"]
    reference = load_areas()
    councils = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code},
                "geometry": _geometry(
                    [[ring_points(ring, arcs) for ring in polygon] for polygon in polygons]
                ),
            }
            for code, polygons in objects.items()
        ],
    }
    boards: list[dict[str, Any]] = []
    for board in reference.boards:
        members = [
            [ring for polygon in objects[c.code] for ring in polygon]
            for c in reference.councils
            if c.board == board.code
        ]
        if not members:
            raise BoundaryError(f"no council in board {board.code}")
        # the union of councils has no holes here: each edge ring is a polygon of its own
        rings = dissolve(members, arcs)
        polygons = [[ring if _signed_area(ring) > 0 else ring[::-1]] for ring in rings]
        boards.append(
            {"type": "Feature", "properties": {"code": board.code}, "geometry": _geometry(polygons)}
        )
    return councils, {"type": "FeatureCollection", "features": boards}


def write() -> None:
    for path, collection in zip((COUNCILS_FILE, BOARDS_FILE), build(), strict=True):
        text = json.dumps(collection, separators=(",", ":"))
        if len(text.encode()) > MAX_BYTES:
            raise BoundaryError(f"{path.name} is {len(text):,} bytes, over {MAX_BYTES:,}")
        path.write_text(text + "\n", encoding="utf-8")
        print(f"{path.name}: {len(collection['features'])} areas, {len(text):,} bytes")


if __name__ == "__main__":
    write()
