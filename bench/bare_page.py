"""The floor this stack allows: a bare Streamlit page with N Plotly charts and M tables.

`bench/browser.py` serves it beside the app and opens it with the same counts as each real page
(`?charts=3&tables=2&rows=1000`), so "visually complete" can be compared like for like. With
`?figures=<name>` it draws, instead of plain bar charts, the figures the real page drew (as the
browser held them), read from `<name>.json` in the folder `BENCH_FIGURES` names: the same
charts, with none of the page around them.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
charts = int(st.query_params.get("charts", "1"))
tables = int(st.query_params.get("tables", "1"))
rows = int(st.query_params.get("rows", "100"))
figures_name = st.query_params.get("figures", "")
if figures_name and not re.fullmatch(r"[a-z0-9-]+", figures_name):
    st.error("figures: a name of lower-case letters, digits and hyphens")
    st.stop()


@st.cache_data
def frame(size: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    return pd.DataFrame(
        {
            "Service": [f"Service {n}" for n in range(size)],
            "Organisation": rng.choice(["Council A", "Health board B", "Body C"], size),
            "Sector": rng.choice(["Local authority", "Health", "Third sector"], size),
            "Level": rng.integers(0, 5, size),
            "Users": rng.integers(0, 100_000, size),
            "Transactions": rng.integers(0, 1_000_000, size),
            "Journeys": rng.integers(0, 80, size),
        }
    )


st.title("Bare page")
with st.sidebar:
    st.multiselect("Sector", ["Local authority", "Health"])
    st.select_slider("Level", options=[0, 1, 2, 3, 4], value=(0, 4))
if figures_name:
    folder = Path(os.environ["BENCH_FIGURES"])
    for number, spec in enumerate(json.loads((folder / f"{figures_name}.json").read_text())):
        st.plotly_chart(spec, key=f"chart_{number}", width="stretch", theme=None)
else:
    for number in range(charts):
        figure = go.Figure(go.Bar(x=list(range(30)), y=np.arange(30) * (number + 1)))
        figure.update_layout(title=f"Chart {number + 1}", height=420)
        st.plotly_chart(figure, key=f"chart_{number}")
for number in range(tables):
    st.dataframe(frame(rows), key=f"table_{number}", hide_index=True)
