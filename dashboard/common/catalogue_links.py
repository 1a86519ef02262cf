"""Links from a table of services to each service's detail view in the catalogue."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd

from dashboard.common.i18n import is_welsh


def catalogue_links(codes: pd.Series) -> pd.Series:
    """Each service's detail view in the catalogue, as a link relative to the app's address
    (so it works under any base path) that opens in the reader's language. Vectorised: the
    tables behind a filter can hold tens of thousands of services."""
    codes = codes.astype(str)
    plain = codes.str.fullmatch(r"[A-Za-z0-9._~-]+").fillna(False).astype(bool)
    safe = codes.copy()
    safe[~plain] = codes[~plain].map(lambda code: quote(code, safe=""))
    links = "catalogue?service=" + safe
    return links + "&lang=cy" if is_welsh() else links


def with_links(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with a "Details" link beside the "Service" column (from its "Code" column), the
    code itself left out: people follow the link, they do not read the code."""
    out = frame.drop(columns="Code")
    position = list(out.columns).index("Service") + 1 if "Service" in out else 0
    out.insert(position, "Details", catalogue_links(frame["Code"]).to_numpy())
    return out
