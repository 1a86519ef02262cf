"""Text from data, users and links is shown as written on every page: Markdown, LaTeX, colour
directives, images and bare addresses in it never render as formatting, images or links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from sqlalchemy import text
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from dashboard.common.filter_words import filter_chips
from dashboard.common.filters import Filter
from dashboard.common.markdown_text import WORD_JOINER, plain
from dashboard.surveys import links, responses
from tests.on_demand import open_expanders
from tests.survey_links import owner_link

APP = str(Path(__file__).resolve().parents[1] / "app.py")
#: Markdown, LaTeX, a colour directive, an image from outside and bare addresses at once.
HOSTILE = (
    "**b** $x$ :red[x] ![x](http://example.invalid/x.png) http://example.invalid/y "
    "www.example.invalid a@example.invalid"
)
#: What GitHub-flavoured Markdown turns into a link by itself (its autolink literals).
AUTOLINK = re.compile(r"(?i)https?://|www\.|[\w.+-]@[\w-]")


def test_the_escaped_text_reads_as_written_and_links_nothing() -> None:
    escaped = plain(HOSTILE)
    html = MarkdownIt().render(escaped)
    assert "<img" not in html and "<a " not in html and "<strong>" not in html
    assert AUTOLINK.search(escaped) is None  # the word joiner breaks every bare address
    unescaped = re.sub(r"\\(.)", r"\1", escaped).replace(WORD_JOINER, "")
    assert unescaped == HOSTILE  # and the words a reader sees are exactly those typed


@pytest.fixture
def writable(demo_copy: Engine) -> Engine:
    return demo_copy


def test_a_search_from_a_link_shows_literally_in_its_chip_and_the_no_match_box(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app("pages/catalogue.py", q=HOSTILE)
    chip = next(c.text for c in filter_chips(Filter(text=HOSTILE)) if c.field == "text")
    assert plain(chip) in [b.label for b in at.button]
    assert plain(HOSTILE) in at.info[0].value


def test_a_search_from_a_link_shows_literally_in_the_present_footer(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_expanders(open_app("pages/present.py", q=HOSTILE, slides="levels"))
    footers = [m.value for m in at.markdown if plain(HOSTILE) in m.value]
    assert footers and all(HOSTILE not in m for m in footers)


def test_an_organisation_name_shows_literally_in_the_service_view(writable: Engine) -> None:
    with writable.begin() as connection:
        code, organisation = connection.execute(
            text("SELECT code, organisation_id FROM service ORDER BY code LIMIT 1")
        ).one()
        connection.execute(
            text("UPDATE organisation SET name_en = :name, name_cy = :name WHERE id = :id"),
            {"name": HOSTILE, "id": organisation},
        )
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["service"] = code
    at.run()
    at.switch_page("pages/catalogue.py").run()
    assert not at.exception
    # the name is the link to the organisation's profile, its label escaped like any text
    links = [link for link in at.get("page_link") if link.proto.page == "organisation"]
    assert [link.proto.label for link in links] == [plain(HOSTILE)]
    assert not any(HOSTILE in m.value for m in at.markdown)


def test_a_survey_links_label_shows_literally_in_last_saved_by(writable: Engine) -> None:
    token, _ = owner_link(writable, deep_dive=False, who=HOSTILE)
    access = links.resolve(writable, token)
    seen = responses.load_response(writable, access)
    responses.save_answers(
        writable, access, access.response_id, {"service_name": "x"}, seen.version, seen.answers
    )
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/survey.py")
    at.query_params["token"] = token
    at.run()
    assert not at.exception, at.exception
    caption = next(c.value for c in at.caption if "last saved" in c.value)
    assert f"by {plain(HOSTILE)} ·" in caption
    assert HOSTILE not in caption
