"""Letting others run between the steps of a long task in a server process.

Under gevent one thread serves every request and socket: a task of many steps (an export
page by page, a plan applied in batches) must hand the loop back between steps. gevent's
`sleep(0)` is not enough: it resumes greenlets already woken, but the loop does not poll
sockets or fire timers before the task resumes, so nobody waiting on the network gets
in. `gevent.idle()` waits until the loop has done that. With threads, a zero sleep lets
another thread take the interpreter. A task that cannot be cut into steps (the console's
numbers: one pass over the whole room) runs in a thread of its own instead (`off_loop`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Flask

from .extensions import db, socketio

T = TypeVar("T")

# How long a thread that computes may keep the interpreter while the loop asks for it (s).
# Python's default, 5 ms, comes on top of each tick the loop waits for; 1 ms brought a
# 10,000-person room's numbers push from 6-8 ms of loop held down to 3-4 ms (median).
# Only threads that compute compete for it: the loop itself waits in the kernel.
SWITCH_INTERVAL = 0.001


def loop_first() -> None:
    """Let the loop take the interpreter back quickly from a thread computing off it
    (`off_loop`): for a gevent server, before serving."""
    sys.setswitchinterval(SWITCH_INTERVAL)


def let_others_run() -> None:
    """Hand the server's loop to everyone else waiting, then carry on."""
    if socketio.async_mode == "gevent":
        import gevent  # only a gevent server gets here, with gevent installed

        gevent.idle()
    else:
        time.sleep(0)


def off_loop(app: Flask, work: Callable[..., T], *args: Any) -> T:
    """`work(*args)` in an app context of its own, so with a database session of its own
    (removed when done, whatever happened); under gevent in a real thread of gevent's
    threadpool, while the loop serves everyone else.

    For reading and walking a whole room in Python: on the loop that held every socket for
    as long; in a thread, Python hands the interpreter back to the loop every few
    milliseconds (`sys.getswitchinterval`), and the database waits release it entirely.
    The caller's greenlet waits for the result without holding the loop; an exception is
    raised again there, for the caller to log as it does (never printed by gevent).
    `work` must not emit: sockets belong to the loop, so send what it returns from there.
    With threads (werkzeug, tests) it runs right here, in the same fresh context.
    """

    def run() -> tuple[T | None, Exception | None]:
        with app.app_context():
            try:
                return work(*args), None
            except Exception as exc:  # the caller's to log: gevent would print it whole
                return None, exc
            finally:
                db.session.remove()  # the thread's connection back to the pool, rolled back

    if socketio.async_mode == "gevent":
        import gevent  # only a gevent server gets here, with gevent installed

        result, failed = gevent.get_hub().threadpool.apply(run)
    else:
        result, failed = run()
    if failed is not None:
        raise failed
    return cast(T, result)
