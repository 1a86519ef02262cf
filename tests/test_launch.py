"""The server's start: no request to outside hosts, no "Did not auto detect external IP"."""

from __future__ import annotations

import pytest
from streamlit import net_util

from dashboard.serving import launch


def test_the_server_never_asks_the_internet_for_its_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def request(url: str, timeout: float) -> None:  # as on a machine with no outside network
        asked.append(url)

    warned: list[str] = []
    monkeypatch.setattr(net_util, "_make_blocking_http_get", request)
    monkeypatch.setattr(net_util, "_external_ip", None)
    monkeypatch.setattr(net_util._LOGGER, "warning", lambda message, *a: warned.append(message))
    monkeypatch.setattr(net_util, "get_external_ip", net_util.get_external_ip)  # put back after
    launch.without_external_lookup()
    # what Streamlit calls for the "External URL" line of a headless start
    assert net_util.get_external_ip() is None
    assert asked == [] and warned == []
