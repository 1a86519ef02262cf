"""A page's single choice kept in the link as one URL parameter (`?topic=gaps`): how its
value is read from the link and written back. Plain Python: the Streamlit side that moves it
between the link and a widget is `dashboard.ui.link_choice`.

The default is left out of the link, so a page's plain address stays plain; a value the page
does not know (an old or edited link) reads as the default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: URL parameters, each with every value it has.
Params = dict[str, list[str]]


@dataclass(frozen=True)
class LinkChoice:
    """One choice among `options` kept in the URL parameter `param`."""

    param: str
    options: Sequence[str]
    default: str

    def __post_init__(self) -> None:
        if self.default not in self.options:
            raise ValueError(f"{self.default!r} is not one of {list(self.options)}")

    def from_link(self, params: Params) -> str:
        value = (params.get(self.param) or [self.default])[0]
        return value if value in self.options else self.default

    def to_link(self, value: str) -> Params:
        return {} if value == self.default else {self.param: [value]}


#: A yes/no switch is a choice of "1" and "0".
ON, OFF = "1", "0"


def switch(param: str, default: bool) -> LinkChoice:
    """A switch kept in the link as `param=1` or `param=0` (only when it differs from
    `default`)."""
    return LinkChoice(param, (ON, OFF), ON if default else OFF)
