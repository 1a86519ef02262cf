"""What the Prioritise page hands to Streamlit to call later: the whole ranking's download.

Streamlit keeps a session's callbacks and download functions until that session's next run. A
function written in a page script carries the script's variables with it (its globals), and
the Prioritise page's hold this run's frames: about 20 MB per open session at 100,000 services
(`bench/README.md`, memory per session). Written here, they carry only this module.
"""

from __future__ import annotations

import pandas as pd

from dashboard.common.filters import Filter
from dashboard.common.i18n import using
from dashboard.prioritise import ranking_table
from dashboard.prioritise import score as p
from dashboard.ui import store


def whole_ranking(
    version: int, flt: Filter, weights: dict[str, int], missing: str, lang: str
) -> pd.DataFrame:
    """Every ranked service, built when the download is clicked (perhaps outside the run that
    drew the button) from the shared frames, in the reader's language."""
    with using(lang):
        every = store.services(version)
        parts = store.priority_parts(version, flt)
        matching = every[store.filter_mask(version, flt)]
        return ranking_table.for_download(
            p.ranked(p.score(parts, weights, missing), matching, parts)
        )
