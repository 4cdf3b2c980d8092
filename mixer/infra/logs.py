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


def _kind(exc: BaseException) -> tuple[type[BaseException], tuple[str, int | None] | None]:
    """A failure's kind: its type and the line that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    return type(exc), ((frames[-1].filename, frames[-1].lineno) if frames else None)


def failure(log: logging.Logger, what: str, exc: BaseException) -> None:
    """One line for a failure a client caused; its traceback only the first time a minute."""
    line = f"{what}: {type(exc).__name__}: {str(exc)[:160]}"
    if _tracebacks.due(_kind(exc)):
        log.error("%s", line, exc_info=exc)
    else:
        log.error("%s (traceback shown before)", line)


class SparseTracebacks(logging.Filter):
    """On a library's logger: a frame that does not decode (ValueError) logs one line, and any
    other traceback is shown once a minute for its kind, one line otherwise."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is None:
            return True
        if isinstance(exc, ValueError):
            note = f"{type(exc).__name__} (a malformed frame)"
        elif _tracebacks.due(_kind(exc)):
            return True
        else:
            note = f"{type(exc).__name__} (traceback shown before)"
        record.msg, record.args = f"{record.getMessage()}: {note}", ()
        record.exc_info, record.exc_text = None, None
        return True


SPARSE = SparseTracebacks()


def spare(*names: str) -> None:
    """Put the filter on these loggers (once: a filter is added only if not there yet)."""
    for name in names:
        logging.getLogger(name).addFilter(SPARSE)
