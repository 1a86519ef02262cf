"""A file's columns matched to an entity's fields, and its value labels to codes; saved by name.

Matching is automatic where names are close in English or Welsh ("Organisation name", "Enw'r
sefydliad", "org_code"); a person corrects what it got wrong, maps value labels it did not know
("Cyngor" -> local authority) and saves the result to reuse on the next file of the same shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import col

from dashboard.common.i18n import t
from dashboard.importing.entities import BY_NAME, ENTITIES, Entity, Field
from dashboard.importing.problems import ImportFailure
from dashboard.importing.sheets import Sheet
from dashboard.importing.vocabularies import normalise
from db.models import ImportMapping
from db.models.columns import utcnow

#: How alike a column name and a field name must be to match without help (0 to 1).
THRESHOLD = 0.84
LIST_SEPARATORS = (";", "|", "\n")

#: What a value label means: one code, several codes (a list field: "Digital" -> online and
#: email), or none ([] on a list field: the label is dropped from the list; on a single-choice
#: field the cell is left blank).
ValueChoice = str | list[str]


@dataclass
class Mapping:
    """Which file column feeds which field, and what unknown value labels mean."""

    entity: str
    #: file column -> field name; columns not named here are left out of the import.
    columns: dict[str, str] = field(default_factory=dict)
    #: field name -> {value as written in the file -> code, codes, or [] for none}; on a
    #: metric's Value, a label such as "[not provided]" -> the availability it means
    #: ("not_collected", or "not_available:shared_system" with the reason).
    values: dict[str, dict[str, ValueChoice]] = field(default_factory=dict)
    name: str | None = None
    #: file columns a person chose to leave out, so a saved mapping never matches them again.
    left_out: list[str] = field(default_factory=list)
    #: field name -> the value every row takes (written as in a file: "local authority"); where
    #: a column also feeds the field, it fills that column's blank cells.
    constants: dict[str, str] = field(default_factory=dict)

    @property
    def fields(self) -> dict[str, str]:
        """field name -> file column."""
        return {f: c for c, f in self.columns.items()}

    def value_choice(self, field_name: str, raw: str) -> ValueChoice | None:
        """What the mapping says a value label means, or None when it says nothing."""
        chosen = self.values.get(field_name, {})
        if raw in chosen:
            return chosen[raw]
        wanted = normalise(raw)
        for written, code in chosen.items():
            if normalise(written) == wanted:
                return code
        return None

    def value_codes(self, field_name: str, raw: str) -> list[str] | None:
        """The codes a value label is mapped to ([] when it is mapped to none)."""
        chosen = self.value_choice(field_name, raw)
        if chosen is None:
            return None
        if isinstance(chosen, str):
            return [chosen] if chosen else []
        return [c for c in chosen if c]

    def value_code(self, field_name: str, raw: str) -> str | None:
        """The one code a value label is mapped to (None when it is mapped to none or several)."""
        codes = self.value_codes(field_name, raw)
        return codes[0] if codes is not None and len(codes) == 1 else None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "entity": self.entity,
            "columns": self.columns,
            "values": self.values,
        }
        if self.left_out:
            data["left_out"] = self.left_out
        if self.constants:
            data["constants"] = self.constants
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], name: str | None = None) -> Mapping:
        entity = str(data.get("entity", ""))
        if entity not in BY_NAME:
            raise ImportFailure(
                t("The saved mapping is for “{entity}”, which cannot be imported.", entity=entity),
                t("Save the mapping again from the Data page."),
            )
        known = {f.name for f in BY_NAME[entity].fields}
        columns = {str(c): str(f) for c, f in dict(data.get("columns") or {}).items() if f in known}
        values = {
            str(f): {str(k): _choice_from_json(v) for k, v in dict(m).items()}
            for f, m in dict(data.get("values") or {}).items()
            if f in known
        }
        left_out = [str(c) for c in data.get("left_out") or [] if str(c) not in columns]
        constants = {
            str(f): str(v)
            for f, v in dict(data.get("constants") or {}).items()
            if f in known and v is not None and str(v).strip()
        }
        return cls(
            entity=entity,
            columns=columns,
            values=values,
            name=name,
            left_out=left_out,
            constants=constants,
        )


def _choice_from_json(value: object) -> ValueChoice:
    """A value choice as saved: a code, or a list of codes (empty: the label means none)."""
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v is not None and str(v)]
    if value is None:
        return []
    return str(value)


def _names(item: Field) -> list[str]:
    return [
        normalise(n)
        for n in (item.name.replace("_", " "), item.en, item.cy, *item.synonyms)
        if normalise(n)
    ]


def similarity(column: str, item: Field) -> float:
    """1.0 for a name the field is known by; otherwise how alike the words are."""
    wanted = normalise(column)
    if not wanted:
        return 0.0
    best = 0.0
    for name in _names(item):
        if wanted == name:
            return 1.0
        if sorted(wanted.split()) == sorted(name.split()):
            best = max(best, 0.97)
            continue
        best = max(best, SequenceMatcher(None, wanted, name).ratio())
    return best


def welsh_beside_english(columns: list[str], entity: Entity) -> dict[str, str]:
    """file column -> Welsh field for a Welsh header beside an English one for the same field:
    "Enw'r gwasanaeth" beside "Service name" feeds name_cy, "Disgrifiad o'r gwasanaeth" beside
    "Description of service" description_cy. A Welsh header alone still feeds the main field,
    and a column already named for the Welsh field ("Welsh name") keeps it."""
    chosen: dict[str, str] = {}
    for item in entity.fields:
        partner = item.welsh_partner
        if partner is None or partner not in entity.columns:
            continue
        if any(similarity(c, entity.field(partner)) == 1.0 for c in columns):
            continue
        welsh = {normalise(n) for n in item.welsh_forms}
        in_welsh = [c for c in columns if normalise(c) in welsh and c not in chosen]
        in_english = [
            c
            for c in columns
            if normalise(c) not in welsh and c not in chosen and similarity(c, item) == 1.0
        ]
        if in_welsh and in_english:
            chosen[in_welsh[0]] = partner
    return chosen


def auto_match(columns: list[str], entity: Entity) -> dict[str, str]:
    """file column -> field name for every column whose name is close to one field's name.

    Each field takes at most one column and each column one field, best matches first; a
    Welsh header beside an English one for the same field feeds the Welsh field.
    """
    matched: dict[str, str] = welsh_beside_english(columns, entity)
    taken: set[str] = set(matched.values())
    scored = sorted(
        (
            (similarity(column, item), -position, column, item.name)
            for position, column in enumerate(columns)
            for item in entity.fields
        ),
        reverse=True,
    )
    for score, _position, column, name in scored:
        if score < THRESHOLD:
            break
        if column in matched or name in taken:
            continue
        matched[column] = name
        taken.add(name)
    return {c: matched[c] for c in columns if c in matched}


@dataclass(frozen=True)
class Guess:
    """What a table most likely holds, and whether the columns say so clearly."""

    entity: Entity
    #: The key columns all match (or the sheet is named for it) and no other entity fits as
    #: well; otherwise the person is asked.
    sure: bool
    #: The entities the table could hold, likeliest first.
    candidates: tuple[Entity, ...]


def guess_entity(sheet: Sheet) -> Guess:
    """The entity a table most likely holds: its key columns all match, then most columns,
    then a sheet or file name that names it; and whether another fits as well."""

    def score(candidate: Entity) -> tuple[int, int]:
        matched = set(auto_match(sheet.columns, candidate).values())
        exact = sum(1 for c in sheet.columns if c in candidate.columns)
        named = normalise(sheet.name) in {
            normalise(n) for n in (candidate.name, candidate.en, candidate.cy, *candidate.synonyms)
        }
        keys = all(k in matched or candidate.field(k).default == "" for k in candidate.key)
        return (int(keys) * 2 + int(named), exact + len(matched))

    scores = {candidate.name: score(candidate) for candidate in ENTITIES}
    # ties go to the entity with fewer fields: the file fills more of it
    ranked = sorted(ENTITIES, key=lambda e: (scores[e.name], -len(e.fields)), reverse=True)
    best = ranked[0]
    top = scores[best.name]
    level = [e for e in ranked if scores[e.name] == top]
    sure = top[0] >= 2 and len(level) == 1
    if sure:
        return Guess(best, True, (best,))
    fitting = [e for e in ranked if scores[e.name][1] > 0] or ranked
    candidates = level if top[1] > 0 and len(level) > 1 else fitting
    return Guess(best, False, tuple(candidates))


def detect_entity(sheet: Sheet) -> Entity:
    """The likeliest entity, sure or not (see `guess_entity`)."""
    return guess_entity(sheet).entity


def entity_for_sheet_name(name: str) -> Entity | None:
    """The entity a sheet (or a CSV in a zip) is named for, as the full export names them."""
    wanted = normalise(name)
    for candidate in ENTITIES:
        if wanted in (normalise(candidate.name), normalise(candidate.en), normalise(candidate.cy)):
            return candidate
    return None


def propose(sheet: Sheet, entity: Entity, saved: Mapping | None = None) -> Mapping:
    """A mapping for this file: a saved mapping's choices where its columns are here (those it
    leaves out stay out), the automatic match for the rest."""
    columns: dict[str, str] = {}
    used: set[str] = set()
    skipped: set[str] = set()
    if saved is not None and saved.entity == entity.name:
        skipped = {normalise(c) for c in saved.left_out}
        by_name = {normalise(c): f for c, f in saved.columns.items()}
        for column in sheet.columns:
            chosen = by_name.get(normalise(column))
            if chosen and chosen not in used:
                columns[column] = chosen
                used.add(chosen)
    rest = [c for c in sheet.columns if c not in columns and normalise(c) not in skipped]
    for column, name in auto_match(rest, entity).items():
        if name not in used:
            columns[column] = name
            used.add(name)
    ordered = {c: columns[c] for c in sheet.columns if c in columns}
    values = {k: dict(v) for k, v in saved.values.items()} if saved else {}
    left_out = [c for c in sheet.columns if normalise(c) in skipped and c not in ordered]
    constants = dict(saved.constants) if saved is not None and saved.entity == entity.name else {}
    return Mapping(entity.name, ordered, values, saved.name if saved else None, left_out, constants)


def split_list(text: str) -> list[str]:
    """Items of a list cell: separated by ;, | or line breaks (or commas when there is no other)."""
    for separator in LIST_SEPARATORS:
        if separator in text:
            return [p.strip() for p in text.split(separator) if p.strip()]
    if "," in text:
        return [p.strip() for p in text.split(",") if p.strip()]
    return [text.strip()] if text.strip() else []


def is_sentinel_field(entity: Entity, field_name: str) -> bool:
    """A figure whose words ("[not provided]", "NA", "ND") a mapping turns into a blank and the
    availability they mean."""
    return entity.name == "metric_answers" and field_name == "value"


def sentinel_meaning(code: str) -> tuple[str, str | None]:
    """The availability and reason a sentinel is mapped to ("not_available:shared_system")."""
    availability, _, reason = code.partition(":")
    return availability, reason or None


# -- saved mappings --------------------------------------------------------------------------------


def save_mapping(engine: Engine, name: str, mapping: Mapping, who: str) -> None:
    """Save (or replace) a mapping under a name."""
    name = " ".join(name.split())[:120]
    if not name:
        raise ImportFailure(t("A saved mapping needs a name."), t("Type a name and save again."))
    now = utcnow()
    with engine.begin() as connection:
        existing = connection.execute(
            select(col(ImportMapping.id)).where(col(ImportMapping.name) == name)
        ).scalar()
        values = {
            "entity": mapping.entity,
            "spec": mapping.to_json(),
            "updated_at": now,
        }
        if existing is None:
            connection.execute(
                ImportMapping.__table__.insert().values(
                    name=name, created_by=who[:120] or "?", created_at=now, **values
                )
            )
        else:
            connection.execute(
                ImportMapping.__table__.update()
                .where(ImportMapping.__table__.c.id == existing)
                .values(**values)
            )


def saved_mappings(engine: Engine, entity: str | None = None) -> list[Mapping]:
    query = select(col(ImportMapping.name), col(ImportMapping.spec)).order_by(
        col(ImportMapping.name)
    )
    if entity:
        query = query.where(col(ImportMapping.entity) == entity)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [Mapping.from_json(spec, name=name) for name, spec in rows]


def load_mapping(engine: Engine, name_or_path: str) -> Mapping:
    """A mapping saved in the store by name, or a mapping JSON file."""
    path = Path(name_or_path)
    if path.suffix.lower() == ".json" and path.exists():
        try:
            return Mapping.from_json(json.loads(path.read_text(encoding="utf-8")), path.stem)
        except (ValueError, TypeError) as error:
            raise ImportFailure(
                t("The mapping file {name} is not a mapping.", name=path.name),
                t("Download the mapping again from the Data page."),
            ) from error
    for mapping in saved_mappings(engine):
        if mapping.name == name_or_path:
            return mapping
    names = ", ".join(m.name or "" for m in saved_mappings(engine)) or t("none yet")
    raise ImportFailure(
        t("There is no saved mapping called “{name}”.", name=name_or_path),
        t("Saved mappings: {names}.", names=names),
    )


def mapping_frame(sheet: Sheet, entity: Entity, mapping: Mapping) -> pd.DataFrame:
    """The mapping as a table to show: each file column, an example value, the field it feeds."""
    rows = []
    for column in sheet.columns:
        sample = sheet.frame[column].dropna().head(1)
        name = mapping.columns.get(column)
        rows.append(
            {
                t("Column in the file"): column,
                t("Example"): str(sample.iloc[0]) if len(sample) else "",
                t("Imported as"): entity.field(name).label if name else t("(left out)"),
            }
        )
    return pd.DataFrame(rows)
