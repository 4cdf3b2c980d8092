"""A scenario's servers for the length of a `with` block, watched, and torn down after.

However the block ends, the monitor stops, every phone's socket closes, the servers stop
and the database is dropped, so one failed scenario does not spoil the next.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from swarm import Swarm

from loadkit.context import Ctx
from loadkit.crowd import join_crowd
from loadkit.databases import Database, sqlite_db
from loadkit.http_driver import create_event
from loadkit.monitor import Monitor
from loadkit.report import log
from loadkit.servers import Server, free_port, start_floor, start_mixer

Rig = tuple[list[Server], Monitor]


@contextlib.contextmanager
def running(
    swarm: Swarm, start: Callable[[], list[Server]], db: Database | None = None
) -> Iterator[Rig]:
    """(servers, a Monitor on them) from `start()`, for the block."""
    servers: list[Server] = []
    mon = None
    try:
        servers = start()
        mon = Monitor([s.ps for s in servers])
        yield servers, mon
    finally:
        if mon:
            mon.stop()
        swarm.close_all()
        for s in servers:
            s.stop()
        if db:
            db.drop()


def floor_running(ctx: Ctx) -> contextlib.AbstractContextManager[Rig]:
    """The floor app, for the block."""
    return running(ctx.swarm, lambda: start_floor(ctx.tmp))


def mixer_running(
    ctx: Ctx, name: str, db: Database, ports: list[int], extra: dict[str, str] | None = None
) -> contextlib.AbstractContextManager[Rig]:
    """One `mixer serve` worker per port on `db`, for the block; `db` dropped after."""
    return running(ctx.swarm, lambda: start_mixer(name, db, ctx.tmp, ports, extra), db)


@contextlib.contextmanager
def crowd_in_rounds(
    ctx: Ctx, name: str, label: str, n: int
) -> Iterator[tuple[Server, Monitor, str, str, list]]:
    """One worker on its own SQLite, an event and `n` phones joined through the API.

    The event is in rounds mode, so joining matches nobody: what is measured is sockets.
    Yields (server, monitor, event code, organizer token, phones).
    """
    with mixer_running(ctx, name, sqlite_db(ctx.tmp, name), [free_port()]) as (servers, mon):
        (server,) = servers
        code, org = create_event(server.url, giver_capacity=10, mode="rounds")
        log(f"{label}: joining {n} phones (rounds mode: no matching on join)")
        phones, _ = join_crowd([server.url], code, n, 0.3)
        yield server, mon, code, org, phones
