"""The house rules, read from the code's own imports (tests/import_graph.py; `bench/structure.py`
prints the same picture): one package per page that imports no other page's package, shared
pieces that import no page, Streamlit only where pages are drawn, thin page scripts, and a
shallow core."""

from __future__ import annotations

from tests import import_graph as graph

#: A page script is layout and widgets; a longer one computes, and that belongs in the core.
MOST_PAGE_LINES = 150
#: The core's longest chain of imports, in modules.
DEEPEST_CHAIN = 6


def test_the_graph_sees_every_page_package() -> None:
    packages = {module.package for module in graph.modules().values()}
    assert set(graph.FEATURES) <= packages
    assert set(graph.SHARED) <= packages
    # the graph reads imports at any depth: store.py imports the page packages in functions
    assert "dashboard.prioritise.score" in graph.imports_of("dashboard.ui.store")


def test_no_page_package_imports_another() -> None:
    assert graph.feature_crossings() == []


def test_shared_packages_import_no_page_package() -> None:
    assert graph.shared_reaching_features() == []


def test_only_the_ui_folders_and_the_server_import_streamlit() -> None:
    assert graph.streamlit_in_core() == []


def test_every_page_script_is_thin() -> None:
    lengths = graph.page_lengths()
    assert len(lengths) >= 9
    assert {page: n for page, n in lengths.items() if n > MOST_PAGE_LINES} == {}


def test_the_core_is_at_most_six_modules_deep() -> None:
    chain = graph.deepest_core_chain()
    assert 1 < len(chain) <= DEEPEST_CHAIN, " -> ".join(chain)


def test_the_checks_catch_what_they_look_for(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A page package importing another, and Streamlit in the core, are found when present."""
    real = graph.graph()
    crossing = dict(real)
    crossing["dashboard.overview.tables"] = real["dashboard.overview.tables"] | {
        "dashboard.prioritise.score"
    }
    monkeypatch.setattr(graph, "graph", lambda: crossing)
    assert graph.feature_crossings() == [
        ("dashboard.overview.tables", "dashboard.prioritise.score")
    ]
    monkeypatch.setattr(graph, "third_party_imports_of", lambda name: {"streamlit"})
    assert "dashboard.common.filters" in graph.streamlit_in_core()
