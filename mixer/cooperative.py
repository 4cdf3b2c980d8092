"""Letting others run between the steps of a long task in a server process.

Under gevent one thread serves every request and socket: a task of many steps (an export
page by page, a plan applied in batches) must hand the loop back between steps. gevent's
`sleep(0)` is not enough: it resumes greenlets already woken, but the loop does not poll
sockets or fire timers before the task resumes, so nobody waiting on the network gets
in. `gevent.idle()` waits until the loop has done that. With threads, a zero sleep lets
another thread take the interpreter.
"""

from __future__ import annotations

import time

from .extensions import socketio


def let_others_run() -> None:
    """Hand the server's loop to everyone else waiting, then carry on."""
    if socketio.async_mode == "gevent":
        import gevent  # only a gevent server gets here, with gevent installed

        gevent.idle()
    else:
        time.sleep(0)
