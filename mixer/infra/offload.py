"""Heavy solves run in a child process, so the seconds of GIL they hold never stall sockets.

A round for thousands of people keeps the CPU busy for a second or more. Inside the
server process that would freeze every phone's socket (gevent) or every other request
(threads) meanwhile; in a child it costs the server only a wait on a pipe, which gevent
and threads both handle without blocking anyone else. The child is started on first use
and kept: importing numpy, scipy and networkx takes longer than most solves.

Only functions of the pure engine (`mixer.matching`) may be called: they take and return
plain values, which cross the pipe pickled.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)
ALLOWED_PREFIX = "mixer.matching"
_HEADER = struct.Struct("!Q")


class OffloadFailed(RuntimeError):
    """The child died or could not be started; the caller may solve in-process instead."""


def _write(stream: IO[bytes], value: object) -> None:
    _send(stream, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _send(stream: IO[bytes], data: bytes) -> None:
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read(stream: IO[bytes]) -> Any:
    return pickle.loads(_receive(stream))


def _receive(stream: IO[bytes]) -> bytes:
    header = _read_exactly(stream, _HEADER.size)
    return _read_exactly(stream, _HEADER.unpack(header)[0])


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("the solver process ended")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class Remote(Generic[T]):
    """An engine function named by where it lives: naming it imports nothing here.

    A server process then never loads the solvers' libraries (numpy, scipy, networkx:
    about 70 MB per worker); only the solver process does, and this one on the rare
    in-process fallback (`load`).
    """

    module: str
    name: str

    def load(self) -> Callable[..., T]:
        return getattr(importlib.import_module(self.module), self.name)  # type: ignore[no-any-return]


class Solver:
    """One child process, used by one caller at a time (solves are rare and long)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None

    def call(self, fn: Callable[..., T] | Remote[T], *args: Any) -> T:
        """fn(*args) in the child; its exceptions are raised here as they were there."""
        return answer(self.exchange(pickled(fn, *args)))  # type: ignore[no-any-return]

    def exchange(self, call: bytes) -> bytes:
        """A call made by `pickled` sent to the child; its reply, still pickled (`answer`).

        Only waits on pipes: under gevent others run meanwhile."""
        with self._lock:
            child = self._running()
            try:
                _send(child.stdin, call)  # type: ignore[arg-type]
                return _receive(child.stdout)  # type: ignore[arg-type]
            except (OSError, EOFError) as exc:
                self._stop()
                raise OffloadFailed(f"the solver process failed: {exc}") from exc

    def _running(self) -> subprocess.Popen[bytes]:
        if self._child is not None and self._child.poll() is not None:
            self._stop()  # it died since the last call: close its pipes, start afresh
        if self._child is None:
            try:
                self._child = subprocess.Popen(
                    [sys.executable, "-m", __name__],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                )
            except OSError as exc:
                raise OffloadFailed(f"cannot start the solver process: {exc}") from exc
        return self._child

    def _stop(self) -> None:
        if self._child is not None:
            for pipe in (self._child.stdin, self._child.stdout):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()
            self._child.kill()
            self._child.wait()
            self._child = None

    def close(self) -> None:
        with self._lock:
            self._stop()


def pickled(fn: Callable[..., Any] | Remote[Any], *args: Any) -> bytes:
    """A call to the solver as it crosses the pipe. Pickling a room of 10,000 takes a tenth
    of a second: made ahead (in a thread, say), it costs the caller nothing at the call."""
    module, name = (
        (fn.module, fn.name) if isinstance(fn, Remote) else (fn.__module__, fn.__qualname__)
    )
    if not module.startswith(ALLOWED_PREFIX):
        raise ValueError(f"only the matching engine runs in the solver, not {module}")
    try:
        return pickle.dumps((module, name, args), protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PickleError as exc:  # the caller may solve in-process instead
        raise OffloadFailed(f"the call cannot cross to the solver process: {exc}") from exc


def answer(reply: bytes) -> Any:
    """The solver's reply to a call: its result, or its exception raised here."""
    try:
        ok, value = pickle.loads(reply)
    except pickle.PickleError as exc:
        raise OffloadFailed(f"the solver's reply could not be read: {exc}") from exc
    if not ok:
        raise value
    return value


solver = Solver()
atexit.register(solver.close)


def solve(fn: Remote[T], *args: Any, away: bool = True) -> T:
    """fn(*args) in the solver process; in this one when not `away`, or when that process
    cannot run at all (a solve in-process still beats no round)."""
    if away:
        try:
            return solver.call(fn, *args)
        except OffloadFailed:
            log.exception("solver process unavailable; running %s in-process", fn.name)
    return fn.load()(*args)


def solve_pickled(
    fn: Remote[T], call: bytes, args: tuple[Any, ...], read: Callable[[bytes], Any] = answer
) -> T:
    """As `solve`, for a call already made by `pickled` (from `args`, kept for the rare
    in-process fallback); `read` turns the reply into the result (`answer`, or the same
    in a thread: a big plan takes a while to unpickle too)."""
    try:
        reply = solver.exchange(call)
    except OffloadFailed:
        log.exception("solver process unavailable; running %s in-process", fn.name)
        return fn.load()(*args)
    return read(reply)  # type: ignore[no-any-return]


def _serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """The child's loop: read a call, run it, write (ok, result or exception)."""
    while True:
        try:
            module, name, args = _read(source)
        except EOFError:
            return
        try:
            if not module.startswith(ALLOWED_PREFIX):
                raise ValueError(f"refused: {module}")
            fn = importlib.import_module(module)
            for part in name.split("."):
                fn = getattr(fn, part)
            reply: tuple[bool, Any] = (True, fn(*args))
        except Exception as exc:
            reply = (False, exc)
        _write(sink, reply)


if __name__ == "__main__":
    # Replies own the real stdout; anything the engine might print goes to stderr instead.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    _serve(sys.stdin.buffer, replies)
