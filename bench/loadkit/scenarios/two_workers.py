"""two-workers: 2 workers + Redis + PostgreSQL, phones split between them.

An announcement to all, then join -> introduction, across workers as well as within one.
"""

from __future__ import annotations

import contextlib
import time
import uuid

from loadkit.announce import ANN_HEAD, announce_rounds, last_phone_s
from loadkit.context import Ctx
from loadkit.crowd import join_crowd
from loadkit.databases import postgres_db
from loadkit.health import report_server_health
from loadkit.http_driver import create_event, patch_event
from loadkit.join_phase import (
    PHASE_HEAD,
    RES_HEAD,
    join_phase,
    phase_rows,
    print_http_errors,
    resource_row,
)
from loadkit.report import log, pct, sockets_per_s, table
from loadkit.rig import mixer_running
from loadkit.servers import free_port, serving_mode


def run(ctx: Ctx) -> None:
    """Phones on both workers; announcements, then the event switches to continuous mode."""
    a = ctx.args
    db = postgres_db()
    channel = f"mixer-bench-{uuid.uuid4().hex[:8]}"
    out = ctx.results_for("two-workers")
    extra = {"MIXER_REDIS_URL": a.redis_url, "MIXER_SOCKETIO_CHANNEL": channel}
    try:
        with mixer_running(ctx, "two", db, [free_port(), free_port()], extra) as (servers, mon):
            urls = [s.url for s in servers]
            code, org = create_event(urls[0], giver_capacity=10, mode="rounds")
            n = a.two_phones
            log(f"two-workers: joining {n} phones over both workers (rounds mode)")
            phones, setup_s = join_crowd(urls, code, n, a.two_seek_share, concurrency=8)
            port_of = {p[0]: p[1] for p in phones}
            phones.append(("organizer", urls[0], {"token": org}))
            log(f"two-workers: connecting {len(phones)} sockets, half to each worker")
            conn = ctx.swarm.connect(phones, concurrency=a.concurrency)
            time.sleep(3)
            want = {p[0] for p in phones if p[0] != "organizer"}
            rows = announce_rounds(ctx, urls[0], code, org, want, times=2)
            rows += [
                ["(via worker 2) " + r[0], *r[1:]]
                for r in announce_rounds(ctx, urls[1], code, org, want, times=1)
            ]
            out["last"] = last_phone_s(rows)
            table(
                f"two-workers: announcement to {n} phones, 2 {serving_mode()} workers + Redis "
                "+ PostgreSQL (sent via worker 1 unless noted)",
                ANN_HEAD,
                rows,
            )
            log("two-workers: switching the event to continuous matching")
            ctx.swarm.drain()
            _, switch_s = patch_event(urls[0], code, org, mode="continuous")
            time.sleep(3)
            switched = ctx.swarm.drain()
            rate = a.two_rate
            log(f"two-workers: {rate:g} joins/s for {a.duration:g} s, alternating workers")
            ph = join_phase(ctx, mon, urls, code, rate, a.duration, "n", port_of)
            out.update(lat=ph["lat"], p99=pct(ph["lat"], 99))
            table(
                f"two-workers: {rate:g} seekers/s join for {a.duration:g} s (alternating "
                "workers); join -> 1st introduction at the existing phone",
                PHASE_HEAD,
                phase_rows(f"{rate:g}/s", ph, split=True),
            )
            table("two-workers: resources (w1 / w2)", RES_HEAD, [resource_row(f"{rate:g}/s", ph)])
            table(
                "two-workers: setup",
                [
                    "setup joins/s",
                    "sockets/s at connect",
                    "PATCH mode=continuous s",
                    "pushes from the switch",
                ],
                [
                    [
                        f"{n / setup_s:.0f}",
                        f"{sockets_per_s(conn):.0f} ({conn['ok']}/{len(phones)})",
                        f"{switch_s:.2f}",
                        len(switched),
                    ]
                ],
            )
            print_http_errors(ph)
            report_server_health(servers, ctx.swarm, out)
    finally:
        forget_channel(a.redis_url, channel)


def forget_channel(redis_url: str, channel: str) -> None:
    """Deletes the run's Socket.IO channel keys from Redis, best effort."""
    with contextlib.suppress(Exception):
        import redis

        r = redis.Redis.from_url(redis_url)
        for key in r.scan_iter(f"{channel}:*"):
            r.delete(key)
