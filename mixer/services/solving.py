"""A room solved in the solver process while the server's loop stays free.

Reading a room of 10,000 for a solve and pickling it for the solver process held a
gevent server's only loop for 0.2-0.4 s (a mode switch, a re-balance, a round), and
unpickling the plan that came back held it again. Here the reading and the pickling run
in a thread with a database session of its own (`cooperative.off_loop`), the loop only
waits on the solver's pipe, and the reply is unpickled in a thread too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app

from ..infra.cooperative import off_loop
from ..infra.offload import OffloadFailed, Remote, answer, pickled, solve_pickled

K = TypeVar("K")
T = TypeVar("T")

# What `gather` returns: what the caller keeps (the people, say) and the solve's arguments
# (None: nothing to solve), or None for nothing at all (suggestions are off, say).
Gathered = tuple[K, tuple[Any, ...] | None] | None


def solved(fn: Remote[T], gather: Callable[[], Gathered[K]]) -> tuple[K, T | None] | None:
    """`gather()` in a thread (it reads the room: its session is its own, gone after), then
    `fn(*args)` on what it gathered, in the solver process (MIXER_OFFLOAD_SOLVES) or, when
    that is off or fails to start, in-process. Exceptions of either are raised here."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    away = bool(app.config["OFFLOAD_SOLVES"])

    def prepare() -> tuple[K, T | None, bytes | None, tuple[Any, ...] | None] | None:
        found = gather()
        if found is None:
            return None
        kept, args = found
        if args is None:
            return kept, None, None, None
        if away:
            try:
                return kept, None, pickled(fn, *args), args
            except OffloadFailed:
                pass  # solved right here instead, as `offload.solve` does
        return kept, fn.load()(*args), None, args

    prepared = off_loop(app, prepare)
    if prepared is None:
        return None
    kept, plan, call, args = prepared
    if call is not None and args is not None:
        plan = solve_pickled(fn, call, args, lambda reply: off_loop(app, answer, reply))
    return kept, plan
