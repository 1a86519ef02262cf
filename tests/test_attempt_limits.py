"""Limits on guessing (dashboard/common/attempt_limits.py): a lockout after a few wrong
attempts, a wait that grows, a fresh start after a right one, clients and targets apart, and a
log of every wrong and refused attempt that never holds what was tried. The clock is a test's."""

from __future__ import annotations

import logging

import pytest

from dashboard.common.attempt_limits import (
    ADMIN_SIGN_IN,
    SURVEY_LINK,
    AttemptLimiter,
    Policy,
    client_key,
    too_many,
    wait_words,
)
from dashboard.common.i18n import using
from db.settings import Settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


POLICY = Policy(failures=5, window=600.0, first_wait=30.0, longest_wait=900.0)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limiter(clock: Clock) -> AttemptLimiter:
    return AttemptLimiter(POLICY, clock=clock)


def test_a_client_is_locked_out_after_five_wrong_attempts(limiter: AttemptLimiter) -> None:
    waits = [limiter.failed("a", ADMIN_SIGN_IN) for _ in range(5)]
    assert waits == [0.0, 0.0, 0.0, 0.0, 30.0]
    assert limiter.refused("a", ADMIN_SIGN_IN) == 30.0


def test_the_lockout_ends_after_its_wait(limiter: AttemptLimiter, clock: Clock) -> None:
    for _ in range(5):
        limiter.failed("a", ADMIN_SIGN_IN)
    clock.now += 29
    assert limiter.refused("a", ADMIN_SIGN_IN) == pytest.approx(1.0)
    clock.now += 1
    assert limiter.refused("a", ADMIN_SIGN_IN) == 0.0


def test_the_wait_doubles_with_every_wrong_attempt_after_a_lockout_up_to_fifteen_minutes(
    limiter: AttemptLimiter, clock: Clock
) -> None:
    for _ in range(5):
        limiter.failed("a", ADMIN_SIGN_IN)
    waits = []
    for _ in range(7):
        clock.now += limiter.wait_left("a", ADMIN_SIGN_IN)  # waits it out, then guesses again
        waits.append(limiter.failed("a", ADMIN_SIGN_IN))
    assert waits == [60.0, 120.0, 240.0, 480.0, 900.0, 900.0, 900.0]


def test_a_right_attempt_starts_the_client_afresh(limiter: AttemptLimiter, clock: Clock) -> None:
    for _ in range(4):
        limiter.failed("a", ADMIN_SIGN_IN)
    limiter.succeeded("a", ADMIN_SIGN_IN)
    assert [limiter.failed("a", ADMIN_SIGN_IN) for _ in range(4)] == [0.0] * 4
    assert limiter.failed("a", ADMIN_SIGN_IN) == 30.0
    clock.now += 30
    limiter.succeeded("a", ADMIN_SIGN_IN)
    assert limiter.failed("a", ADMIN_SIGN_IN) == 0.0  # no doubled wait left over


def test_wrong_attempts_spread_beyond_the_window_do_not_add_up(
    limiter: AttemptLimiter, clock: Clock
) -> None:
    for _ in range(8):
        assert limiter.failed("a", ADMIN_SIGN_IN) == 0.0
        clock.now += 200  # four attempts never fall inside one 600 s window... five never do
        clock.now += 1


def test_clients_and_targets_are_counted_apart(limiter: AttemptLimiter) -> None:
    for _ in range(5):
        limiter.failed("a", ADMIN_SIGN_IN)
    assert limiter.refused("a", ADMIN_SIGN_IN) > 0
    assert limiter.refused("b", ADMIN_SIGN_IN) == 0.0
    assert limiter.refused("a", SURVEY_LINK) == 0.0
    assert limiter.failed("b", ADMIN_SIGN_IN) == 0.0


def test_every_wrong_and_refused_attempt_is_logged_without_what_was_tried(
    limiter: AttemptLimiter, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="dashboard.common.attempt_limits"):
        for _ in range(5):
            limiter.failed("address 192.0.2.7", ADMIN_SIGN_IN)
        limiter.refused("address 192.0.2.7", ADMIN_SIGN_IN)
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 6
    assert all("192.0.2.7" in line and ADMIN_SIGN_IN in line for line in lines)
    assert "locked for 30 s" in lines[4] and lines[5].startswith("Refused")


def test_the_memory_it_holds_stays_bounded(clock: Clock) -> None:
    limiter = AttemptLimiter(POLICY, clock=clock)
    limiter.MAX_RECORDS = 10
    for n in range(10):
        limiter.failed(f"old {n}", ADMIN_SIGN_IN)
    clock.now += 10_000
    limiter.failed("new", ADMIN_SIGN_IN)
    assert len(limiter._records) == 1


@pytest.mark.parametrize(
    ("seconds", "english", "welsh"),
    [
        (30, "30 seconds", "30 eiliad"),
        (0.2, "1 second", "1 eiliad"),
        (60, "1 minute", "1 munud"),
        (61, "2 minutes", "2 funud"),
        (900, "15 minutes", "15 munud"),
    ],
)
def test_the_wait_is_said_in_words(seconds: float, english: str, welsh: str) -> None:
    assert wait_words(seconds) == english
    assert too_many(seconds) == f"Too many wrong attempts. Try again in {english}."
    with using("cy"):
        assert wait_words(seconds) == welsh
        assert welsh in too_many(seconds)


def test_the_client_is_its_address_else_its_session() -> None:
    assert client_key("192.0.2.7", {}, "s1", header="") == "address 192.0.2.7"
    assert client_key(None, {}, "s1", header="") == "session s1"
    behind_proxy = {"X-Real-Ip": "198.51.100.4"}
    assert client_key("10.0.0.2", behind_proxy, "s1", header="X-Real-IP") == "address 198.51.100.4"
    # the proxy's own entry is the last in X-Forwarded-For; what the client wrote comes first
    forwarded = {"x-forwarded-for": "203.0.113.9, 198.51.100.4"}
    assert client_key("10.0.0.2", forwarded, "s1", header="X-Forwarded-For") == (
        "address 198.51.100.4"
    )
    assert client_key("10.0.0.2", {}, "s1", header="X-Real-IP") == "address 10.0.0.2"


def test_the_proxy_header_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANDSCAPE_CLIENT_ADDRESS_HEADER", "X-Real-IP")
    assert Settings(_env_file=None).landscape_client_address_header == "X-Real-IP"
    monkeypatch.delenv("LANDSCAPE_CLIENT_ADDRESS_HEADER")
    header = Settings(_env_file=None).landscape_client_address_header
    assert client_key(None, {"x-real-ip": "198.51.100.4"}, "s1", header) == "session s1"
