"""The style every page shares (fixed CSS: no data goes into it).

Streamlit starts a page 6rem down; a laptop at 125% scaling (1093 x 614) then spends a sixth
of its height above the data notice. Pages start just under the header instead (whose
background is see-through, as on the Present page), so each page's main points begin on the
first screen. The Present page's own sheet sets its top again for its measured layout.
"""

from __future__ import annotations

import streamlit as st

_STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
header[data-testid="stHeader"] { background: transparent; }
</style>"""


def apply() -> None:
    """Add the shared style sheet to this run's page (it takes no room on the page)."""
    st.html(_STYLE)
