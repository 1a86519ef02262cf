"""Starts the Streamlit server (serve.py, which serves app.py) with st.navigation as the only
multipage mode.

Streamlit decides on the first script run of a process whether a `pages/` folder beside the
entry script means legacy auto-discovered pages; until `st.navigation` has run once, a deep link
such as /overview would run that page without app.py (no store check, no demo notice). The
flag is set before the server starts, so every first request goes through app.py.

The server never asks the internet for this machine's address (`without_external_lookup`).

    python -m dashboard.serving.launch [streamlit run options...]
"""

from __future__ import annotations

import sys
from typing import Any

from streamlit import net_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from db.settings import PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"
#: What `streamlit run` serves: app.py behind the page shell's hints (serve.py says why).
SERVER = PROJECT_ROOT / "serve.py"


def navigation_only_in_apptest() -> None:
    """Make AppTest run the app as the server does: st.navigation only, no pages/ discovery.

    AppTest makes a new PagesManager (which resets the legacy flag) before every run, so the
    flag is set again after each one is made. For benchmarks; the tests patch the same way.
    """
    original = PagesManager.__init__

    def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    # patching Streamlit's class is the point: AppTest makes a new manager for every run
    PagesManager.__init__ = init  # type: ignore[method-assign]


def _no_external_address() -> str | None:
    return None


def without_external_lookup() -> None:
    """Do not look up the machine's public address on checkip.amazonaws.com.

    Streamlit does so when it starts headless, to print an "External URL", and on a machine
    without outside network (or behind a firewall) it logs "Did not auto detect external IP"
    instead, after waiting for the request to fail. That address is rarely where people
    reach the app (a proxy or a load balancer is; Streamlit's setting for that is
    browser.serverAddress), and this app makes no request to outside hosts. Pages opened
    from the server's own address are unaffected.
    """
    net_util.get_external_ip = _no_external_address


def main(argv: list[str] | None = None) -> None:
    PagesManager.uses_pages_directory = False
    without_external_lookup()
    sys.argv = ["streamlit", "run", str(SERVER), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
