"""floor: the bare Flask-SocketIO app, the yardstick Mixer's push latency is judged against."""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any

from loadkit.announce import ANN_HEAD, announce_rounds
from loadkit.context import Ctx
from loadkit.health import report_server_health
from loadkit.http_driver import steady
from loadkit.monitor import ClientCpu
from loadkit.receipts import first_receipts, other_name
from loadkit.report import (
    CONNECT_HEAD,
    LAT_HEAD,
    client_cols,
    connect_report,
    cpu_cols,
    lat_row,
    ms,
    others,
    pct,
    sockets_per_s,
    table,
)
from loadkit.rig import floor_running


def run(ctx: Ctx) -> None:
    """POSTs at a steady rate each push to one phone's room; also accept rate and broadcast."""
    a = ctx.args
    with floor_running(ctx) as ([server], mon):
        out = ctx.results_for("floor")
        n = a.phones
        phones = [(f"f{i}", server.url, {"token": f"f{i}"}) for i in range(n)]
        conn = ctx.swarm.connect(phones, concurrency=a.concurrency)
        out["accept"] = sockets_per_s(conn)
        time.sleep(2)
        ctx.swarm.drain()
        rng = random.Random(1)
        win: dict[str, Any] = {}

        def make(i: int) -> tuple[str, str, dict[str, Any]]:
            key = f"k{i}"
            return key, f"{server.url}/emit", {"room": f"f{rng.randrange(n)}", "key": key}

        with mon.window(win), ClientCpu(ctx.swarm).window(win):
            res = asyncio.run(steady(a.rate, a.duration, make))
            time.sleep(2)
        first = first_receipts(ctx.swarm.drain(), "introduction", other_name)
        lat = [first[k].t - t for k, t in res.sent.items() if k in first]
        out["lat"] = lat
        out["p99"] = pct(lat, 99)
        table(
            f"floor: bare Flask-SocketIO (gevent, socketio.run), {n} phones, "
            f"{a.rate:g} POST/s for {a.duration:g} s; POST -> push at the phone",
            [
                *LAT_HEAD,
                "missing",
                "HTTP p99 ms",
                "server CPU %",
                "client CPU % (procs + driver)",
                "others CPU %",
            ],
            [
                lat_row(
                    "POST -> push",
                    lat,
                    [
                        len(res.sent) - len(lat),
                        ms(pct(list(res.answered.values()), 99)),
                        cpu_cols(win),
                        client_cols(win),
                        f"{others(win):.0f}",
                    ],
                )
            ],
        )
        table("floor: accepting sockets", CONNECT_HEAD, [connect_report(f"{n} phones", conn, n)])
        rows = announce_rounds(ctx, server.url, None, None, {p[0] for p in phones}, times=2)
        table(f"floor: broadcast to all {n}", ANN_HEAD, rows)
        table(
            "floor: server",
            ["RSS MB", "driver lag p99 ms", "HTTP errors"],
            [[f"{mon.rss_now()[0]:.0f}", ms(pct(res.lag, 99)), len(res.errors)]],
        )
        report_server_health([server], ctx.swarm, out)
