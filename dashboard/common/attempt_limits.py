"""Limits on guessing: too many wrong attempts from one client at one target, and it must wait.

Each (client, target) pair counts its wrong attempts (an administrator credential, a survey
link's token). After `Policy.failures` of them within `Policy.window` seconds the pair is locked
for `Policy.first_wait` seconds; every wrong attempt after a lockout locks it again for twice as
long, up to `Policy.longest_wait`. A right attempt clears the pair. A pair with no wrong attempt
for a whole window starts afresh. The clock is injectable, so tests need no waiting.

The limiter lives in this process's memory: several app processes each keep their own, and a
restart forgets it. Plain Python, no Streamlit; the caller decides who the client is.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dashboard.common.i18n import t, tn

LOG = logging.getLogger(__name__)

#: What an attempt is for, as logged (never the credential or token itself).
ADMIN_SIGN_IN = "administrator sign-in"
SURVEY_LINK = "survey link"


@dataclass(frozen=True)
class Policy:
    failures: int = 5
    window: float = 15 * 60.0
    first_wait: float = 30.0
    longest_wait: float = 15 * 60.0


@dataclass
class _Record:
    failures: list[float] = field(default_factory=list)
    lockouts: int = 0
    locked_until: float = 0.0
    last_failure: float = 0.0


class AttemptLimiter:
    """Counts wrong attempts per (client, target) and says how long a locked pair must wait."""

    #: Above this many pairs, stale ones are dropped, so the memory it holds stays bounded.
    MAX_RECORDS = 10_000

    def __init__(
        self, policy: Policy | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.policy = policy or Policy()
        self.clock = clock
        self._records: dict[tuple[str, str], _Record] = {}
        self._lock = threading.Lock()

    def wait_left(self, client: str, target: str) -> float:
        """Seconds before this client may try this target again; 0 when it may now."""
        with self._lock:
            record = self._records.get((client, target))
            if record is None:
                return 0.0
            return max(record.locked_until - self.clock(), 0.0)

    def refused(self, client: str, target: str) -> float:
        """Seconds this client must still wait for this target (0: go ahead, it may try).

        A refusal is logged with the client and the target, never what was tried.
        """
        wait = self.wait_left(client, target)
        if wait > 0:
            LOG.warning("Refused %s from %s: locked for %.0f s more", target, client, wait)
        return wait

    def failed(self, client: str, target: str) -> float:
        """Count a wrong attempt; return the wait it brings on (0 while under the limit).

        Logged with the client and the target, never the credential or token tried.
        """
        wait = self._count_failure(client, target)
        if wait > 0:
            LOG.warning("Wrong %s from %s: locked for %.0f s", target, client, wait)
        else:
            LOG.warning("Wrong %s from %s", target, client)
        return wait

    def _count_failure(self, client: str, target: str) -> float:
        with self._lock:
            now = self.clock()
            if len(self._records) >= self.MAX_RECORDS:
                self._forget_stale(now)
            record = self._records.setdefault((client, target), _Record())
            if record.failures or record.lockouts:
                quiet_since = max(record.last_failure, record.locked_until)
                if now - quiet_since > self.policy.window:
                    record = self._records[(client, target)] = _Record()
            record.last_failure = now
            record.failures = [m for m in record.failures if now - m <= self.policy.window]
            record.failures.append(now)
            if record.lockouts == 0 and len(record.failures) < self.policy.failures:
                return 0.0
            growth = 2.0 ** min(record.lockouts, 30)
            wait: float = min(self.policy.first_wait * growth, self.policy.longest_wait)
            record.lockouts += 1
            record.failures.clear()
            record.locked_until = now + wait
            return wait

    def succeeded(self, client: str, target: str) -> None:
        """A right attempt: this client starts afresh at this target."""
        with self._lock:
            self._records.pop((client, target), None)

    def _forget_stale(self, now: float) -> None:
        stale = [
            key
            for key, record in self._records.items()
            if now - max(record.last_failure, record.locked_until) > self.policy.window
        ]
        for key in stale:
            del self._records[key]


def client_key(
    address: str | None,
    headers: Mapping[str, str],
    session: str,
    header: str | None,
) -> str:
    """Who is trying, as the limiter counts them: the address the proxy reports in `header`
    (LANDSCAPE_CLIENT_ADDRESS_HEADER) when one is configured, else the connection's address,
    else (a browser on this machine, where every address is the same) the browser session.

    Only a proxy that every request passes through makes the header trustworthy: it must
    overwrite what the client sent (X-Real-IP), or append to it (X-Forwarded-For, whose last
    entry is then the proxy's own)."""
    header = (header or "").strip()
    if header:
        value = next((v for k, v in headers.items() if k.lower() == header.lower()), "")
        reported = value.split(",")[-1].strip()
        if reported:
            return f"address {reported[:64]}"
    if address:
        return f"address {address}"
    return f"session {session}"


def wait_words(seconds: float) -> str:
    """How long to wait, in words: seconds under a minute, whole minutes (rounded up) after."""
    whole = max(math.ceil(seconds), 1)
    if whole < 60:
        return tn("{n} second", "{n} seconds", whole)
    return tn("{n} minute", "{n} minutes", math.ceil(whole / 60))


def too_many(seconds: float) -> str:
    """The message for a refused attempt, with the wait left."""
    return t("Too many wrong attempts. Try again in {wait}.", wait=wait_words(seconds))
