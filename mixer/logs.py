"""Logging what strangers cause without letting them fill the disk.

Anyone on the network can send a malformed frame or open a connection too many, as often
as they like: each such event gets one short line, and a traceback (which helps find a real
bug) at most once a minute for each kind of failure.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback

TRACEBACK_EVERY = 60.0  # seconds between two tracebacks of the same kind of failure
NOTE_EVERY = 60.0  # seconds between two lines about the same repeated refusal


class Sparing:
    """Remembers when each key was last spoken of, so that it is spoken of once per period."""

    def __init__(self, period: float) -> None:
        self.period = period
        self._last: dict[object, float] = {}
        self._lock = threading.Lock()

    def due(self, key: object) -> bool:
        """True the first time for key, then again once the period has passed."""
        now = time.monotonic()
        with self._lock:
            if now - self._last.get(key, -self.period) < self.period:
                return False
            if len(self._last) > 10_000:  # many addresses or kinds: forget the stale ones
                self._last = {k: t for k, t in self._last.items() if now - t < self.period}
            self._last[key] = now
            return True


_tracebacks = Sparing(TRACEBACK_EVERY)


def failure(log: logging.Logger, what: str, exc: BaseException) -> None:
    """One line for a failure a client caused; its traceback only the first time a minute."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = (frames[-1].filename, frames[-1].lineno) if frames else None
    line = f"{what}: {type(exc).__name__}: {str(exc)[:160]}"
    if _tracebacks.due((type(exc), where)):
        log.error("%s", line, exc_info=exc)
    else:
        log.error("%s (traceback shown before)", line)
