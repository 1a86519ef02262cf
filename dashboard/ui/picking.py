"""How every multiselect of a decision behaves: it holds only what the person picked.

Streamlit's defaults match options fuzzily while the person types and offer "Select N matches":
typing "Cyber" and Enter in a theme filter then added an unrelated fuzzy match, and the figures
counted services the person never chose. Matching by plain substring and no bulk option keep
every filter to what was picked, one by one.
"""

from __future__ import annotations

from typing import Any

#: Keyword arguments for `st.multiselect` (and `st.selectbox` takes `filter_mode` too).
EXACT_PICK: dict[str, Any] = {"filter_mode": "contains", "select_all": False}
