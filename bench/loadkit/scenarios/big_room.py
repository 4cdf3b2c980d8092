"""3000: thousands of phones on one worker, and how long an announcement takes to reach them."""

from __future__ import annotations

import time
from typing import Any

from loadkit.announce import ANN_HEAD, announce_rounds, last_phone_s
from loadkit.context import Ctx
from loadkit.health import report_server_health
from loadkit.monitor import ClientCpu
from loadkit.report import client_cols, log, others, sockets_per_s, table
from loadkit.rig import crowd_in_rounds
from loadkit.servers import serving_mode


def run(ctx: Ctx) -> None:
    """An announcement to --big-phones phones, three times: time until the last one got it."""
    a = ctx.args
    out = ctx.results_for("3000")
    n = a.big_phones
    with crowd_in_rounds(ctx, "big", "3000", n) as (server, mon, code, org, phones):
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
        report_server_health([server], ctx.swarm, out)
