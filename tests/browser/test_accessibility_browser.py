"""axe-core on every page in English and Welsh: no serious or critical WCAG 2.2 AA problem of
ours, headings in order, a title per page, the document language set, and the Welsh page
headed in Welsh."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from dashboard.accessibility_statement import STREAMLIT_OWN_RULES
from dashboard.i18n import t, using
from tests.browser.conftest import settle

pytestmark = pytest.mark.browser

PAGES = [
    "/data",
    "/",
    "/catalogue",
    "/themes",
    "/prioritise",
    "/data-availability",
    "/survey",
    "/present",
    "/accessibility",
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Structure rules from axe's best practices that the issue asks for by name.
STRUCTURE = ["heading-order", "page-has-heading-one", "empty-heading"]
#: Streamlit's page menu: its known problems are checked on their own (last test).
STREAMLIT_MENU = "[data-testid='stSidebarNav']"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _open(page, url: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_test_id("stMainBlockContainer").wait_for()
    settle(page)
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")
    first = page.locator("h1").first
    first.wait_for()
    return first.inner_text().strip()


def _serious(axe: Axe, page) -> list[str]:  # type: ignore[no-untyped-def]
    context = {"exclude": [[STREAMLIT_MENU]]}
    results = axe.run(
        page, context=context, options={"runOnly": {"type": "tag", "values": WCAG_AA}}
    )
    return [
        f"{v['id']} ({v['impact']}): {n['target']} {n['html'][:120]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
        for n in v["nodes"]
    ]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_in_both_languages(page, app_url, axe, path: str) -> None:  # type: ignore[no-untyped-def]
    headings = {}
    for lang in ("en", "cy"):
        query = "?lang=cy" if lang == "cy" else ""
        headings[lang] = _open(page, f"{app_url}{path}{query}", lang)
        assert page.title(), "every page has a title"
        assert page.get_by_test_id("stException").count() == 0
        problems = _serious(axe, page)
        assert not problems, f"{lang}:\n" + "\n".join(problems)
        structure = axe.run(page, options={"runOnly": {"type": "rule", "values": STRUCTURE}})
        assert [v["id"] for v in structure.response["violations"]] == [], lang
    with using("cy"):
        welsh = t(headings["en"])
    if path != "/present":  # a screen's title states a finding with figures in it
        assert headings["cy"] == welsh  # ("Data" is Welsh too: the lang check above holds)


def test_streamlits_own_problems_are_only_those_the_statement_lists(page, app_url, axe) -> None:  # type: ignore[no-untyped-def]
    """If a Streamlit upgrade changes its page menu, the statement's list must change too."""
    _open(page, f"{app_url}/accessibility", "en")
    results = axe.run(
        page,
        context={"include": [[STREAMLIT_MENU]]},
        options={"runOnly": {"type": "tag", "values": WCAG_AA}},
    )
    found = {v["id"] for v in results.response["violations"]}
    assert found == set(STREAMLIT_OWN_RULES)
