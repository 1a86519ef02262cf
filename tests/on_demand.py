"""Open the expanders whose content is built only while open (`dashboard.ui.on_demand`)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def on_demand_keys(at: AppTest) -> list[str]:
    """The keys of the expanders on screen that track whether they are open."""
    return [e.proto.id.rsplit("-", 1)[1] for e in at.expander if e.proto.id]


def open_expanders(at: AppTest, *keys: str) -> AppTest:
    """Open these expanders (every one on screen when none is named) as a click would, and rerun."""
    for key in keys or on_demand_keys(at):
        at.session_state[key] = True
    return at.run()
