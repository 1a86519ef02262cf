"""A page's choice kept in the link: the default stays out of it, a value the page does not
know reads as the default, and every option goes round the link unchanged."""

from __future__ import annotations

import pytest

from dashboard.common.link_choices import OFF, ON, LinkChoice, switch


def test_every_option_goes_round_the_link_and_the_default_stays_out() -> None:
    choice = LinkChoice("topic", ["systems", "gaps", "skills"], "systems")
    assert choice.to_link("systems") == {}
    assert choice.to_link("gaps") == {"topic": ["gaps"]}
    for option in choice.options:
        assert choice.from_link(choice.to_link(option)) == option


def test_an_unknown_or_missing_value_reads_as_the_default() -> None:
    choice = LinkChoice("topic", ["systems", "gaps"], "systems")
    assert choice.from_link({"topic": ["<script>"]}) == "systems"
    assert choice.from_link({}) == "systems"
    assert choice.from_link({"topic": []}) == "systems"


def test_a_switch_is_kept_only_when_it_differs_from_its_default() -> None:
    shared = switch("shared", default=True)
    assert shared.to_link(ON) == {}
    assert shared.to_link(OFF) == {"shared": ["0"]}
    assert shared.from_link({"shared": ["0"]}) == OFF
    assert shared.from_link({"shared": ["yes"]}) == ON


def test_a_default_outside_the_options_is_refused() -> None:
    with pytest.raises(ValueError):
        LinkChoice("topic", ["systems"], "gaps")
