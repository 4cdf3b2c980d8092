"""storm: how many new sockets per second one worker accepts, token auth included."""

from __future__ import annotations

import time
from typing import Any

from loadkit.context import Ctx
from loadkit.health import report_server_health
from loadkit.monitor import ClientCpu
from loadkit.report import (
    CONNECT_HEAD,
    client_cols,
    connect_report,
    cpu_cols,
    log,
    others,
    sockets_per_s,
    table,
)
from loadkit.rig import crowd_in_rounds
from loadkit.servers import serving_mode


def run(ctx: Ctx) -> None:
    """All phones open their sockets at once, twice; the better attempt is judged."""
    a = ctx.args
    out = ctx.results_for("storm")
    n = a.storm_phones
    with crowd_in_rounds(ctx, "storm", "storm", n) as (server, mon, _code, _org, phones):
        rows = []
        rates = []
        for attempt in range(2):
            time.sleep(2)
            win: dict[str, Any] = {}
            log(f"storm: connecting {n} sockets at once (attempt {attempt + 1})")
            with mon.window(win), ClientCpu(ctx.swarm).window(win):
                conn = ctx.swarm.connect(phones, concurrency=a.storm_concurrency)
            rates.append(sockets_per_s(conn))
            rows.append(
                [
                    *connect_report(f"attempt {attempt + 1}", conn, n),
                    cpu_cols(win),
                    client_cols(win),
                    f"{others(win):.0f}",
                ]
            )
            ctx.swarm.close_all()
        out["accept"] = max(rates)
        out["accept_all"] = rates
        table(
            f"storm: Mixer 1 {serving_mode()} worker (SQLite), {n} phones open sockets at once "
            f"({a.storm_concurrency} in flight per client process)",
            [*CONNECT_HEAD, "server CPU %", "client CPU %", "others CPU %"],
            rows,
        )
        report_server_health([server], ctx.swarm, out)
