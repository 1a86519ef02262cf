"""The parts of a page's state that live in the link: the filter, the Prioritise weights, the
catalogue's order, the Present slides and the language.

Each part owns some URL parameters. On each run either the link decides (the widgets are set
from it) or the page does (the link is written from the widgets). The link decides:

- on the session's first run of the page (the widgets have no state yet);
- on arriving from another page, when the link is the whole truth (the shared parameters put
  back by `sticky_query.restore`), not the values a browser sends while it swaps pages;
- whenever the link differs from what this session last wrote into it: the browser's back and
  forward buttons, or an edited address.

A part that `keeps_without_params` (the slides, the language) keeps the session's value when
the link names none of its parameters, as the page menu's links do. The language is settled
before the page is known (its titles are in it), so it does not `follow_arrival`.

What a part's parameters mean (parsing and writing them) is plain Python beside the page's
core; this module only moves them between the link and the session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from dashboard.ui import sticky_query

#: URL parameters, each with every value it has (a list may hold one).
Params = dict[str, list[str]]


def as_params(query: dict[str, str | list[str]]) -> Params:
    """A query dict whose values are a string or a list, as lists."""
    return {key: value if isinstance(value, list) else [value] for key, value in query.items()}


@dataclass(frozen=True)
class LinkPart:
    """One part of a page's state kept in the link."""

    name: str  # names the session key that notes what this session last wrote
    owns: Callable[[str], bool]  # whether a URL parameter is this part's
    keeps_without_params: bool = False
    follows_arrival: bool = True

    @property
    def _written_key(self) -> str:
        return f"link_{self.name}"

    def written(self) -> Params | None:
        """What this session last wrote into the link for this part (None before it has)."""
        return st.session_state.get(self._written_key)

    def in_link(self) -> Params:
        """This part's parameters as the link holds them now."""
        return {key: st.query_params.get_all(key) for key in st.query_params if self.owns(key)}

    def link_decides(self, first_run: bool) -> bool:
        """Whether this run takes the part from the link (see the module's docstring).

        `first_run`: the page's widgets for this part have no state yet."""
        now = self.in_link()
        if first_run:
            return True
        if self.keeps_without_params and not now:
            return False
        if self.follows_arrival and sticky_query.arrived():
            return True
        written = self.written()
        return written is not None and now != written

    def write(self, params: Params) -> None:
        """Make the link hold `params` as this part (its other parameters removed, every other
        parameter left where it is), in one step: each change of the address is a step of the
        browser's history, so a change of three weights is one press of the back button."""
        st.session_state[self._written_key] = params
        current = sticky_query.all_params()
        wanted: Params = {}
        for key, values in current.items():
            if not self.owns(key):
                wanted[key] = values
            elif key in params:
                wanted[key] = params[key]
        wanted.update({key: values for key, values in params.items() if key not in wanted})
        if wanted != current:
            sticky_query.replace_query(wanted)
        sticky_query.remember()
