"""Columns in a language other than English and Welsh ("Nom du service", "Description (FR)",
"name_fr"): kept in a service's notes, each line starting with the language, never mapped to
an English or Welsh field and never dropped."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from dashboard.importing.mapping import Mapping
from dashboard.importing.sheets import Sheet
from dashboard.importing.vocabularies import normalise

#: Language name -> words in a column name that mark it (normalised).
MARKERS: dict[str, frozenset[str]] = {
    "French": frozenset({"fr", "french", "francais", "nom", "du", "des"}),
    "German": frozenset({"de", "german", "deutsch"}),
    "Spanish": frozenset({"es", "spanish", "espanol"}),
    "Irish": frozenset({"ga", "irish", "gaeilge"}),
    "Polish": frozenset({"pl", "polish", "polski"}),
}
NOTES_COLUMN = "Notes (other languages)"


def language_of(column: str) -> str | None:
    """The other language a column's name says it holds, or None (English, Welsh, unknown)."""
    words = set(normalise(column.replace("_", " ").replace("-", " ")).split())
    for language, markers in MARKERS.items():
        if words & markers:
            return language
    return None


def kept_in_notes(sheet: Sheet, mapping: Mapping) -> tuple[Sheet, Mapping]:
    """For a services table: other-language columns leave the mapping (unless a person mapped
    one to the notes) and their text goes into the notes, after any notes the file gives."""
    if mapping.entity != "services":
        return sheet, mapping
    others = {c: lang for c in sheet.columns if (lang := language_of(c))}
    others = {c: lang for c, lang in others.items() if mapping.columns.get(c) != "notes"}
    if not others:
        return sheet, mapping
    frame = sheet.frame
    own = mapping.fields.get("notes")
    texts = {c: frame[c].astype(object).where(frame[c].notna(), "").tolist() for c in frame}
    lines: list[str | None] = []
    for position in range(len(frame)):
        parts = []
        if own is not None:
            parts.append(str(texts[own][position]).strip())
        for column, language in others.items():
            value = str(texts[column][position]).strip()
            if value:
                parts.append(f"{language} ({column}): {value}")
        lines.append("\n".join(p for p in parts if p) or None)
    columns = {c: f for c, f in mapping.columns.items() if c not in others and f != "notes"}
    name = NOTES_COLUMN
    while name in sheet.columns:
        name += " "
    with_notes = frame.copy()
    with_notes[name] = pd.Series(lines, index=frame.index, dtype=object)
    return (
        replace(sheet, columns=[*sheet.columns, name], frame=with_notes),
        replace(mapping, columns={**columns, name: "notes"}),
    )
