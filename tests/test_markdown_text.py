"""Typed text placed in Markdown shows as written: no links, images or formatting run."""

from __future__ import annotations

from markdown_it import MarkdownIt

from dashboard.common.markdown_text import plain


def test_markdown_in_typed_text_is_shown_as_written() -> None:
    hostile = "![x](http://evil.example/t.png) [click](javascript:alert(1)) **bold** <b>hi</b> # h"
    html = MarkdownIt().render(plain(hostile))
    assert "<img" not in html and "<a " not in html and "<strong>" not in html
    assert "<b>" not in html and "<h1>" not in html
    assert "evil.example" in html and "**bold**" in html  # the words are all still there


def test_welsh_letters_are_untouched() -> None:
    assert plain("Gwasanaeth ŵyn a ŷd") == "Gwasanaeth ŵyn a ŷd"
