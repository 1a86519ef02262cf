"""The accessibility statement, in the structure of the UK public-sector model statement.

Kept as data (sections of paragraphs) so the page stays thin and a test can check what it
promises against what the browser tests check (`STREAMLIT_OWN_RULES`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.common.i18n import t

#: axe-core rules that fail only on markup Streamlit itself draws (not on this product's
#: content), with the element they fail on. The browser tests allow exactly these.
STREAMLIT_OWN_RULES: dict[str, str] = {
    "list": "stSidebarNavItems",
    "listitem": "stSidebarNavItems",
}
#: The Streamlit release whose markup those rules were found on; pyproject.toml pins it, so the
#: list stays true until someone upgrades and checks it again.
STREAMLIT_RELEASE = "1.67"
#: When the statement was last reviewed against the tests.
REVIEWED = date(2026, 12, 3)


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...] = ()


def statement(contact: str | None) -> list[Section]:
    """The statement's sections in the current language; `contact` is where to write to."""
    reach = contact or t("the digital team that runs this service in your organisation")
    return [
        Section(
            t("Using this service"),
            (
                t(
                    "This service helps digital decision makers in Welsh public services see "
                    "the landscape of digital services and decide where to improve next. We "
                    "want as many people as possible to be able to use it. You should be able "
                    "to:"
                ),
            ),
            (
                t("use the whole service in Welsh or English, and switch at any time"),
                t("move through every page and control with a keyboard alone"),
                t("zoom to 400% without text disappearing off the screen"),
                t("read every chart as a table of figures, under the chart"),
                t("tell every part of a chart apart without relying on colour"),
                t("use the service with a screen reader, which reads Welsh pages as Welsh"),
            ),
        ),
        Section(
            t("How accessible this service is"),
            (
                t(
                    "This service is partially compliant with the Web Content Accessibility "
                    "Guidelines version 2.2 AA standard, because of the parts listed below. "
                    "They belong to the framework the service is built on (Streamlit), not "
                    "to our content, and we check for them on every change."
                ),
            ),
            (
                t(
                    "The page menu in the sidebar puts its section names inside the list of "
                    "links (axe-core rules “list” and “listitem”), so a screen reader may "
                    "announce the number of links wrongly."
                ),
                t(
                    "Some built-in texts of the framework's controls stay in English in Welsh "
                    "mode, for example “Upload” and “per file” on file uploads, “Press Enter "
                    "to apply” in text fields, “No results” in lists and the menus of tables."
                ),
                t(
                    "Charts can be explored with a mouse but not with a keyboard; the same "
                    "figures are always in the table under each chart."
                ),
                t(
                    "The PDF of a presentation is not a tagged PDF: its text can be selected, "
                    "searched and read aloud, and it states its title and language, but it has "
                    "no structure tags for headings and images, because the PDF library the "
                    "service uses (ReportLab's open-source edition) cannot write them. The "
                    "PowerPoint file of the same slides has a title on every slide and a text "
                    "description of every chart: use it with a screen reader."
                ),
            ),
        ),
        Section(
            t("Feedback and contact information"),
            (
                t(
                    "If you find a problem that is not listed here, or you need any part of "
                    "this service in a different format, contact {contact}. We will reply "
                    "within 5 working days. You can write to us in Welsh or English.",
                    contact=reach,
                ),
            ),
        ),
        Section(
            t("Enforcement procedure"),
            (
                t(
                    "The Equality and Human Rights Commission (EHRC) is responsible for "
                    "enforcing the Public Sector Bodies (Websites and Mobile Applications) "
                    "(No. 2) Accessibility Regulations 2018. If you are not happy with how we "
                    "respond to your complaint, contact the Equality Advisory and Support "
                    "Service (EASS)."
                ),
            ),
        ),
        Section(
            t("How we tested this service"),
            (
                t(
                    "Every page is tested automatically in both languages, in the Chromium "
                    "browser, with axe-core against the WCAG 2.2 A and AA rules, also as "
                    "people reach it after a click or a link: a service's details, a survey "
                    "opened with its link, the Data page signed in, a presentation slide and "
                    "the services behind a theme. The tests fail on any serious or critical "
                    "problem that is not in the list above. We also test that each page has "
                    "its own title in its language, that headings are in order, that the "
                    "page's language is set to Welsh in Welsh mode, and that all text in "
                    "charts has a contrast of at least 4.5:1 with what is behind it."
                ),
                t(
                    "This statement was prepared on {date}. It was last reviewed on {date}.",
                    date=REVIEWED.isoformat(),
                ),
            ),
        ),
    ]
