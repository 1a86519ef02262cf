"""The project's own imports as a graph, read from the syntax tree (nothing is run): which
module imports which, where the page packages meet, and how deep the core's import chains go.

`tests/test_structure.py` holds the house rules against it; `bench/structure.py` prints it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: One package per page: none of them imports another.
FEATURES = (
    "accessibility",
    "availability",
    "catalogue",
    "importing",
    "method",
    "organisation",
    "overview",
    "present",
    "prioritise",
    "themes",
)
#: What more than one page shares: `common` (the filter, words, charts' theme, exports, i18n,
#: store reads) and `surveys` (the survey instruments, answers and links, which the Survey
#: page, the Data page's import, the Overview and a service's detail view all read).
SHARED = ("common", "surveys")
#: Where Streamlit may be imported: the shared and the per-page `ui` folders, the server's
#: start-up, the entry script and the pages.
STREAMLIT_PLACES = ("ui", "serving")
#: Plain-Python modules that put page packages together, as the pages do: the `landscape`
#: command, and the slides the Present page takes from each page. They stand above the core.
COMPOSITION = ("dashboard.cli", "dashboard.slide_sources")
OWN = ("dashboard", "db")


@dataclass(frozen=True)
class Module:
    name: str  # dotted: dashboard.prioritise.score
    path: Path

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.name.split("."))

    @property
    def package(self) -> str | None:
        """The package under dashboard/ (`prioritise`), None for db and dashboard/*.py."""
        parts = self.parts
        if parts[0] != "dashboard" or len(parts) < 2:
            return None
        return parts[1] if (ROOT / "dashboard" / parts[1]).is_dir() else None

    @property
    def is_streamlit_place(self) -> bool:
        return any(part in STREAMLIT_PLACES for part in self.parts[1:])

    @property
    def is_core(self) -> bool:
        """Plain Python the pages stand on: dashboard/ outside the Streamlit places and the
        composition modules (db/, the storage layer beneath it, is not counted)."""
        return (
            self.parts[0] == "dashboard"
            and not self.is_streamlit_place
            and self.name not in COMPOSITION
        )


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Module]:
    found = {}
    for top in OWN:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "versions" in path.parts:
                continue
            module = Module(_name(path), path)
            found[module.name] = module
    return found


def _imported(module: Module) -> Iterator[str | tuple[str, str]]:
    """Every name `module` imports, at any depth of its code (inside functions too), as the
    dotted module it comes from (or the module itself for `from package import module`)."""
    tree = ast.parse(module.path.read_text(encoding="utf-8"))
    package = module.name if module.path.name == "__init__.py" else module.name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield f"{base}.{alias.name}", base


def imports_of(name: str) -> set[str]:
    """The project modules `name` imports (`from package import module` is the module; a
    name from a package's `__init__` is the package)."""
    known = modules()
    found = set()
    for item in _imported(known[name]):
        if isinstance(item, str):
            target = item
        else:
            full, base = item
            target = full if full in known else base
        if target in known and target != name:
            found.add(target)
    return found


def third_party_imports_of(name: str) -> set[str]:
    return {
        (item if isinstance(item, str) else item[1]).split(".")[0]
        for item in _imported(modules()[name])
    }


@cache
def graph() -> dict[str, frozenset[str]]:
    return {name: frozenset(imports_of(name)) for name in modules()}


def feature_crossings() -> list[tuple[str, str]]:
    """(importer, imported) where a page package imports another page package, or a module
    that puts page packages together (which would bring the others in with it)."""
    known = modules()
    crossings = []
    for name, targets in graph().items():
        source = known[name].package
        if source not in FEATURES:
            continue
        for target in targets:
            other = known[target].package
            if (other in FEATURES and other != source) or target in COMPOSITION:
                crossings.append((name, target))
    return sorted(crossings)


def shared_reaching_features() -> list[tuple[str, str]]:
    """(importer, imported) where a shared package imports a page package."""
    known = modules()
    return sorted(
        (name, target)
        for name, targets in graph().items()
        if known[name].package in SHARED
        for target in targets
        if known[target].package in FEATURES
    )


def streamlit_in_core() -> list[str]:
    known = modules()
    return sorted(
        name
        for name, module in known.items()
        if module.is_core and "streamlit" in third_party_imports_of(name)
    )


def deepest_core_chain() -> list[str]:
    """The longest chain of imports among core modules (a package's `__init__` that only
    holds a docstring is not a step), as the modules along it."""
    known = modules()
    core = {name for name, module in known.items() if module.is_core}
    edges = {name: [t for t in graph()[name] if t in core] for name in core}

    @cache
    def longest(name: str) -> tuple[str, ...]:
        best: tuple[str, ...] = ()
        for target in edges[name]:
            chain = longest(target)
            if len(chain) > len(best):
                best = chain
        return (name, *best)

    return list(max((longest(name) for name in sorted(core)), key=len, default=()))


def page_lengths() -> dict[str, int]:
    return {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted((ROOT / "pages").glob("*.py"))
    }
