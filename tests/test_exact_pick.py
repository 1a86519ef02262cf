"""A decision filter holds only what the person picked: no fuzzy matches, no "Select N matches".

Typing "Cyber" and Enter in the theme filter used to add "Select 2 matches", one of them an
unrelated fuzzy match, and the page then counted services nobody chose.
"""

from __future__ import annotations

import ast
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def _multiselect_calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "multiselect"
            ):
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def test_every_multiselect_in_the_app_matches_exactly_and_has_no_bulk_choice() -> None:
    calls = _multiselect_calls()
    assert len(calls) >= 4
    loose = [
        where
        for where, call in calls
        if not any(
            isinstance(k.value, ast.Name) and k.value.id == "EXACT_PICK" and k.arg is None
            for k in call.keywords
        )
    ]
    assert loose == []


def test_the_filter_panel_offers_no_select_all_and_matches_by_substring(open_app) -> None:  # type: ignore[no-untyped-def]
    at: AppTest = open_app()
    boxes = list(at.sidebar.multiselect)
    assert boxes, "the filter panel has multiselects"
    for box in boxes:
        proto = box.proto
        assert proto.select_all == 0, box.label
        mode = proto.DESCRIPTOR.fields_by_name["filter_mode"].enum_type.values_by_number
        assert mode[proto.filter_mode].name == "FILTER_MODE_CONTAINS", box.label
