"""3000: thousands of phones on one worker, and how long an announcement takes to reach them."""

from __future__ import annotations

import time
from typing import Any

from loadkit.announce import ANN_HEAD, announce_rounds, last_phone_s
from loadkit.context import Ctx
from loadkit.crowd import join_crowd
from loadkit.databases import sqlite_db
from loadkit.health import report_server_health
from loadkit.http_driver import create_event
from loadkit.monitor import ClientCpu
from loadkit.report import client_cols, log, others, sockets_per_s, table
from loadkit.rig import mixer_running
from loadkit.servers import free_port, serving_mode


def run(ctx: Ctx) -> None:
    """An announcement to --big-phones phones, three times: time until the last one got it."""
    a = ctx.args
    db = sqlite_db(ctx.tmp, "big")
    out = ctx.results_for("3000")
    with mixer_running(ctx, "big", db, [free_port()]) as (servers, mon):
        (server,) = servers
        code, org = create_event(server.url, giver_capacity=10, mode="rounds")
        n = a.big_phones
        log(f"3000: joining {n} phones (rounds mode)")
        phones, _ = join_crowd([server.url], code, n, 0.3)
        log(f"3000: connecting {n} sockets")
        conn = ctx.swarm.connect(phones, concurrency=a.concurrency)
        time.sleep(3)
        win: dict[str, Any] = {}
        with mon.window(win), ClientCpu(ctx.swarm).window(win):
            rows = announce_rounds(ctx, server.url, code, org, {p[0] for p in phones})
        out["last"] = last_phone_s(rows)
        out["reached_all"] = all(r[1] == f"{n}/{n}" for r in rows)
        out["rss"] = mon.rss_now()[0]
        title = f"3000: announcement to {n} phones on one {serving_mode()} worker (SQLite)"
        table(title, ANN_HEAD, rows)
        table(
            "3000: resources",
            [
                "RSS with all connected MB",
                "server CPU % max",
                "client CPU % (whole block)",
                "others CPU %",
                "sockets/s at connect",
            ],
            [
                [
                    f"{out['rss']:.0f}",
                    f"{win['cpu_max'][0]:.0f}",
                    client_cols(win),
                    f"{others(win):.0f}",
                    f"{sockets_per_s(conn):.0f} ({conn['ok']}/{n})",
                ]
            ],
        )
        report_server_health(servers, ctx.swarm, out)
