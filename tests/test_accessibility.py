"""The accessibility statement stays true: it names Streamlit's own problems for the one
Streamlit release the project installs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import streamlit
from packaging.requirements import Requirement

from dashboard.accessibility.statement import STREAMLIT_OWN_RULES, STREAMLIT_RELEASE

ROOT = Path(__file__).resolve().parents[1]


def test_streamlit_is_pinned_to_the_release_the_statement_was_checked_on() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [Requirement(r) for r in project["project"]["dependencies"]]
    (pin,) = [r.specifier for r in wanted if r.name == "streamlit"]
    major, minor = (int(part) for part in STREAMLIT_RELEASE.split("."))
    assert pin.contains(f"{major}.{minor}.0") and pin.contains(f"{major}.{minor}.9")
    assert not pin.contains(f"{major}.{minor - 1}.99"), "an older release draws other markup"
    assert not pin.contains(f"{major}.{minor + 1}.0"), "a newer one must be checked first"
    assert streamlit.__version__.startswith(f"{STREAMLIT_RELEASE}.")


def test_the_accessibility_guide_names_the_same_release_and_rules() -> None:
    guide = (ROOT / "docs" / "language-and-accessibility.md").read_text(encoding="utf-8")
    assert f"`streamlit>={STREAMLIT_RELEASE},<" in guide
    assert f"in Streamlit {STREAMLIT_RELEASE}," in guide
    rows = re.findall(r"^\| `([\w-]+)` \| Streamlit's [^|]*\(`(\w+)`\) \|", guide, re.MULTILINE)
    assert dict(rows) == STREAMLIT_OWN_RULES, "the guide's table lists exactly the allowed rules"
