"""The service types (the same need met by many organisations), read from service_types.yaml.

Council types carry their Local Government Service List (LGSL) number where it was verified;
health and central types are this product's own short lists (the YAML says where each comes
from). Read once, checked, and kept as frozen seeds: the store's `service_type` table is
written from them (`db.reference.load`), and the import, the filter and the pages read them
from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from db.vocabulary import Term

SERVICE_TYPES_FILE = Path(__file__).resolve().parent / "service_types.yaml"
#: The longest code a service type may have (the column's width).
CODE_LENGTH = 80


class ServiceTypeListError(ValueError):
    """A service type list that does not hold together."""


@dataclass(frozen=True)
class ServiceTypeSeed:
    """One service type: its stable code, its list, its LGSL number if any, its names."""

    code: str
    scheme: str  # "council", "health" or "central"
    name_en: str
    name_cy: str
    sort_order: int
    lgsl_code: int | None = None
    #: GOV.UK's description of the LGSL number, as the source wrote it (the proof it was checked)
    lgsl_described: str | None = None

    @property
    def term(self) -> Term:
        return Term(self.code, self.name_en, self.name_cy)


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = str(entry.get(key) or "").strip()
    if not value:
        raise ServiceTypeListError(f"{where}: {key} is missing")
    return value


@cache
def _read(path: Path = SERVICE_TYPES_FILE) -> tuple[tuple[Term, ...], tuple[ServiceTypeSeed, ...]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    schemes = tuple(
        Term(_text(s, "code", "scheme"), _text(s, "en", "scheme"), _text(s, "cy", "scheme"))
        for s in document["schemes"]
    )
    scheme_codes = {s.code for s in schemes}
    seeds: list[ServiceTypeSeed] = []
    seen_codes: set[str] = set()
    seen_numbers: set[int] = set()
    for position, entry in enumerate(document["types"], start=1):
        code = _text(entry, "code", f"type {position}")
        where = f"service type {code}"
        scheme = _text(entry, "scheme", where)
        if scheme not in scheme_codes:
            raise ServiceTypeListError(f"{where}: scheme {scheme!r} is not listed")
        if code in seen_codes or len(code) > CODE_LENGTH:
            raise ServiceTypeListError(f"{where}: code repeated or longer than {CODE_LENGTH}")
        seen_codes.add(code)
        number = entry.get("lgsl")
        if number is not None:
            if scheme != "council" or not entry.get("lgsl_described"):
                raise ServiceTypeListError(f"{where}: an LGSL number needs its source description")
            if int(number) in seen_numbers:
                raise ServiceTypeListError(f"{where}: LGSL {number} is given twice")
            seen_numbers.add(int(number))
        seeds.append(
            ServiceTypeSeed(
                code=code,
                scheme=scheme,
                name_en=_text(entry, "en", where),
                name_cy=_text(entry, "cy", where),
                sort_order=position,
                lgsl_code=None if number is None else int(number),
                lgsl_described=entry.get("lgsl_described"),
            )
        )
    return schemes, tuple(seeds)


#: The lists a type belongs to: council (keyed to LGSL), health, central (our own lists).
SERVICE_TYPE_SCHEMES: tuple[Term, ...] = _read()[0]
#: Every service type, in the order of the file (councils, health, central).
SERVICE_TYPES: tuple[ServiceTypeSeed, ...] = _read()[1]
#: The service types as a controlled list: code, English and Welsh name.
SERVICE_TYPE_TERMS: tuple[Term, ...] = tuple(seed.term for seed in SERVICE_TYPES)
_BY_CODE = {seed.code: seed for seed in SERVICE_TYPES}


def service_type(code: str) -> ServiceTypeSeed | None:
    """The service type with this code, or None."""
    return _BY_CODE.get(code)
