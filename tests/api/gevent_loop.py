"""Proof that work ran off a gevent server's only loop: while it ran, the loop served
someone else. Without gevent installed, the tests using this skip."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from mixer.infra.extensions import socketio


@contextmanager
def loop_served_during(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str
) -> Iterator[list[tuple[int, bool]]]:
    """Within the block, `owner.name` (the work that must leave the loop free) finishes
    only once a greenlet on the loop has run: run on the loop's own thread, it would hold
    the loop all along and its wait would end unanswered. Yields what each call saw:
    (its thread, whether the loop served someone meanwhile); see `assert_off_the_loop`."""
    gevent = pytest.importorskip("gevent")
    monkeypatch.setattr(socketio, "async_mode", "gevent")  # what cooperative code asks
    started, served = threading.Event(), threading.Event()

    def someone_else() -> None:  # a greenlet on the loop, waiting for its turn
        while not started.is_set():
            gevent.sleep(0.001)
        served.set()

    real = getattr(owner, name)
    seen: list[tuple[int, bool]] = []

    def slow(*args: Any, **kwargs: Any) -> Any:
        started.set()
        seen.append((threading.get_ident(), served.wait(timeout=10)))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, slow)
    other = gevent.spawn(someone_else)
    try:
        yield seen
    finally:
        other.kill()


def assert_off_the_loop(seen: list[tuple[int, bool]]) -> None:
    [(thread, answered)] = seen
    assert answered, "the loop served nobody while the work ran"
    assert thread != threading.get_ident()
