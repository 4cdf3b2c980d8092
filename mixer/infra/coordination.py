"""What several workers agree on through Redis: short claims such as "I push the stats now".

One process alone keeps its claims in memory. With MIXER_REDIS_URL set, every worker
shares them, so the organizer's numbers stay at most twice a second per event and one
worker, not all of them, sweeps for expired suggestions each interval. Small sets are
shared the same way: which sockets a person has open, on whichever worker.
"""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Any

from flask import Flask, current_app


class RedisUnavailable(RuntimeError):
    """Redis was configured but does not answer: say which setting to check."""


class MemoryClaims:
    """Claims held by this process only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until: dict[str, float] = {}
        self._sets: dict[str, tuple[float, set[str]]] = {}

    def claim(self, key: str, seconds: float) -> bool:
        now = time.monotonic()
        with self._lock:
            if self._until.get(key, 0.0) > now:
                return False
            self._until[key] = now + seconds
            return True

    def hold(self, key: str, seconds: float) -> None:
        with self._lock:
            self._until[key] = time.monotonic() + seconds

    def note(self, key: str, member: str, seconds: float) -> None:
        """Remember a member of a set for a while (every member lapses with the set)."""
        now = time.monotonic()
        with self._lock:
            kept = self._sets.get(key)
            members = kept[1] if kept and kept[0] > now else set()
            self._sets[key] = (now + seconds, members | {member})

    def members(self, key: str) -> set[str]:
        with self._lock:
            kept = self._sets.get(key)
            return set(kept[1]) if kept and kept[0] > time.monotonic() else set()

    def ping(self) -> None:
        """Memory always answers."""


class RedisClaims:
    """Claims every worker sees: SET NX PX, so the first to ask wins until it expires."""

    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self.prefix = prefix  # one Redis may serve several sites, each with its own channel
        self.client: Any = redis.Redis.from_url(
            url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30
        )

    def claim(self, key: str, seconds: float) -> bool:
        try:
            return bool(self.client.set(self.prefix + key, 1, nx=True, px=_ms(seconds)))
        except Exception:  # Redis away: act alone rather than stop pushing
            return True

    def hold(self, key: str, seconds: float) -> None:
        with contextlib.suppress(Exception):  # Redis away: the claim simply lapses
            self.client.set(self.prefix + key, 1, px=_ms(seconds))

    def note(self, key: str, member: str, seconds: float) -> None:
        with contextlib.suppress(Exception):  # Redis away: only this worker will know it
            self.client.pipeline().sadd(self.prefix + key, member).pexpire(
                self.prefix + key, _ms(seconds)
            ).execute()

    def members(self, key: str) -> set[str]:
        try:
            return {m.decode() for m in self.client.smembers(self.prefix + key)}
        except Exception:
            return set()

    def ping(self) -> None:
        self.client.ping()


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


def init_app(app: Flask) -> None:
    """Attach the claims store; with Redis configured, refuse to start if it does not answer."""
    url = app.config.get("REDIS_URL")
    if not url:
        app.extensions["mixer_claims"] = MemoryClaims()
        return
    claims = RedisClaims(url, f"{app.config['SOCKETIO_CHANNEL']}:")
    try:
        claims.ping()
    except Exception as exc:
        raise RedisUnavailable(
            f"Cannot reach Redis at MIXER_REDIS_URL={_redacted(url)} ({str(exc).rstrip('.')}). "
            "Start Redis, correct MIXER_REDIS_URL, or unset it to run as one process."
        ) from exc
    app.extensions["mixer_claims"] = claims


def _redacted(url: str) -> str:
    """Never print a password from the URL."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return parts.geturl()


def claims(app: Flask | None = None) -> MemoryClaims | RedisClaims:
    return (app or current_app).extensions["mixer_claims"]
