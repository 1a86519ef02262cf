"""axe-core on every page in English and Welsh, and on the states behind a click or a link (a
service's detail view, a survey form opened with its link, the Data page signed in, a Present
slide, a theme's drill-down): no serious or critical WCAG 2.2 AA problem of ours, headings in
order, the page's own title in its language, the document language set, and the Welsh page
headed in Welsh."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from sqlalchemy import text

from dashboard.accessibility.statement import STREAMLIT_OWN_RULES
from dashboard.common.i18n import t, using
from db.engine import make_engine
from tests.browser.conftest import screenshot, settle, start_app, stop
from tests.conftest import writable_demo
from tests.survey_links import owner_link

pytestmark = pytest.mark.browser

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Structure rules from axe's best practices that the issue asks for by name.
STRUCTURE = ["heading-order", "page-has-heading-one", "empty-heading"]
#: Streamlit's page menu: its known problems are checked on their own (last test).
STREAMLIT_MENU = "[data-testid='stSidebarNav']"
SECRET = "accessibility-steward-credential"

#: Each page's name (its entry in the page menu), which is also its document title.
PAGE_NAMES = {
    "/": "Overview",
    "/catalogue": "Service catalogue",
    "/organisation": "Organisation",
    "/themes": "Challenges and aims",
    "/prioritise": "Prioritise",
    "/data-availability": "Data availability",
    "/survey": "Survey",
    "/present": "Present",
    "/data": "Data",
    "/accessibility": "Accessibility statement",
    "/method": "Method",
}


def _sign_in(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label(t("Administrator credential"), exact=True).fill(SECRET)
    page.get_by_role("button", name=t("Sign in")).click()
    settle(page)
    expect(page.get_by_role("tab", name=t("Import history"))).to_be_visible()


def _drill_into_another_theme(page) -> None:  # type: ignore[no-untyped-def]
    settle(page)
    box = page.locator(".st-key-themes_drill").get_by_role("combobox")
    # the accessible snapshot carries the theme shown (the element's text is only the label)
    before = box.aria_snapshot()
    for _ in range(3):  # a rerun still drawing can close the list as it opens: open it again
        box.click()
        second = page.get_by_role("option").nth(1)  # the first is the theme shown now
        try:
            second.click(timeout=5_000)
        except PlaywrightTimeout:
            continue
        settle(page)
        if box.aria_snapshot() != before:
            break
    assert box.aria_snapshot() != before, "another theme is shown"


@dataclass(frozen=True)
class State:
    """A page as someone reaches it: an address (with `{service}` and `{token}` filled in by
    the fixture), and what they do there before it is checked."""

    name: str
    address: str
    act: Callable[..., None] | None = None
    #: the first heading is an interface message (not a finding or a service's name)
    fixed_heading: bool = True

    @property
    def path(self) -> str:
        return self.address.split("?")[0]


STATES = [
    *(State(path.strip("/") or "overview", path) for path in PAGE_NAMES if path != "/present"),
    State("present", "/present", fixed_heading=False),  # a screen's title is its finding
    State("service detail", "/catalogue?service={service}", fixed_heading=False),
    State("organisation chosen", "/organisation?org=blaenau-gwent"),
    State("survey form", "/survey?token={token}"),
    State("data signed in", "/data", act=_sign_in),
    State(
        "present slide", "/present?slides=levels,priorities,data_gaps&slide=2", fixed_heading=False
    ),
    State("themes drill-down", "/themes?sector=health", act=_drill_into_another_theme),
]


@pytest.fixture(scope="module")
def site(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """One server for these checks, on a copy of the demo store (an owner link is written to
    it) with the administrator credential set, so the signed-in Data page can be checked."""
    folder = tmp_path_factory.mktemp("accessibility-app")
    url = writable_demo(demo_db_url, folder)
    engine = make_engine(url)
    with engine.connect() as connection:
        service = connection.execute(
            text("SELECT code FROM service WHERE is_deep_dive ORDER BY code LIMIT 1")
        ).scalar_one()
    token, _ = owner_link(engine)
    engine.dispose()
    process, app_url = start_app(
        url, folder / "streamlit.log", env={"LANDSCAPE_ADMIN_TOKEN": SECRET}
    )
    yield {"url": app_url, "service": service, "token": token}
    stop(process)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _open(page, url: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_test_id("stMainBlockContainer").wait_for()
    settle(page)
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")
    return _first_heading(page)


#: Every chart on the page drawn by plotly (axe checks what is on the page, charts too).
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(chart => chart.querySelector('.main-svg'))"""


def _first_heading(page) -> str:  # type: ignore[no-untyped-def]
    page.wait_for_function(CHARTS_DRAWN)
    first = page.locator("h1").first
    first.wait_for()
    return first.inner_text().strip()


#: Colours are checked once fade-ins have ended (a busy machine can still be fading the
#: slide's figures in when the check starts), waiting 3 s at most.
ANIMATIONS_DONE = """() => Promise.race([
  Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
  new Promise((done) => setTimeout(done, 3000)),
])"""


def _serious(axe: Axe, page) -> list[str]:  # type: ignore[no-untyped-def]
    page.evaluate(ANIMATIONS_DONE)
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


def test_every_page_has_its_own_name_as_title_in_both_languages() -> None:
    for lang in ("en", "cy"):
        with using(lang):
            names = [t(name) for name in PAGE_NAMES.values()]
        assert len(set(names)) == len(names), lang
        assert all(name.strip() and "streamlit" not in name.lower() for name in names)
    with using("cy"):
        welsh = {path: t(name) for path, name in PAGE_NAMES.items()}
    # Welsh names are Welsh ("Data" is Welsh too)
    assert sum(welsh[path] != name for path, name in PAGE_NAMES.items()) == len(PAGE_NAMES) - 1


@pytest.mark.parametrize("state", STATES, ids=[s.name for s in STATES])
def test_page_is_accessible_in_both_languages(page, site, axe, state: State) -> None:  # type: ignore[no-untyped-def]
    address = state.address.format(service=site["service"], token=site["token"])
    headings = {}
    for lang in ("en", "cy"):
        joiner = "&" if "?" in address else "?"
        query = f"{joiner}lang=cy" if lang == "cy" else ""
        headings[lang] = _open(page, f"{site['url']}{address}{query}", lang)
        with using(lang):
            if state.act:
                state.act(page)
                headings[lang] = _first_heading(page)
            title = t(PAGE_NAMES[state.path])
        # the document title is the page's own name, in the page's language
        expect(page).to_have_title(title)
        assert page.get_by_test_id("stException").count() == 0
        problems = _serious(axe, page)
        assert not problems, f"{lang}:\n" + "\n".join(problems)
        structure = axe.run(page, options={"runOnly": {"type": "rule", "values": STRUCTURE}})
        assert [v["id"] for v in structure.response["violations"]] == [], lang
        if lang == "cy" and (state.address != state.path or state.act):
            screenshot(page, f"accessibility-{state.name.replace(' ', '-')}-cy")
    with using("cy"):
        welsh = t(headings["en"])
    if state.fixed_heading:
        assert headings["cy"] == welsh  # ("Data" is Welsh too: the lang check above holds)
    else:
        assert headings["cy"] and headings["en"]


def test_streamlits_own_problems_are_only_those_the_statement_lists(page, site, axe) -> None:  # type: ignore[no-untyped-def]
    """If a Streamlit upgrade changes its page menu, the statement's list must change too."""
    _open(page, f"{site['url']}/accessibility", "en")
    results = axe.run(
        page,
        context={"include": [[STREAMLIT_MENU]]},
        options={"runOnly": {"type": "tag", "values": WCAG_AA}},
    )
    found = {v["id"] for v in results.response["violations"]}
    assert found == set(STREAMLIT_OWN_RULES)
