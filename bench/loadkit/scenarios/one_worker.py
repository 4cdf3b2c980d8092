"""one-worker: `mixer serve` with a connected room, then newcomers join at steady rates."""

from __future__ import annotations

import time

from loadkit.context import Ctx
from loadkit.crowd import join_crowd
from loadkit.databases import postgres_db, sqlite_db
from loadkit.health import report_server_health
from loadkit.http_driver import create_event
from loadkit.join_phase import (
    PHASE_HEAD,
    RES_HEAD,
    join_phase,
    phase_rows,
    print_http_errors,
    resource_row,
)
from loadkit.report import CONNECT_HEAD, connect_report, log, pct, table
from loadkit.rig import mixer_running
from loadkit.servers import free_port, serving_mode


def run_each_db(ctx: Ctx) -> None:
    """Once per database --db asks for ("both": SQLite, then PostgreSQL)."""
    kinds = ["sqlite", "postgres"] if ctx.args.db == "both" else [ctx.args.db]
    for kind in kinds:
        run(ctx, kind)


def run(ctx: Ctx, db_kind: str) -> None:
    """join request -> first `introduction` at the existing phone; server RSS and CPU."""
    a = ctx.args
    label = f"one-worker-{db_kind}"
    db = sqlite_db(ctx.tmp, label) if db_kind == "sqlite" else postgres_db()
    out = ctx.results_for(label)
    with mixer_running(ctx, label, db, [free_port()]) as (servers, mon):
        (server,) = servers
        code, org = create_event(server.url, giver_capacity=10)
        n = a.phones
        log(f"{label}: joining {n} phones through the API")
        phones, setup_join_s = join_crowd([server.url], code, n, a.seek_share)
        phones.append(("organizer", server.url, {"token": org}))
        port_of = {p[0]: p[1] for p in phones}
        log(f"{label}: connecting {len(phones)} sockets")
        conn = ctx.swarm.connect(phones, concurrency=a.concurrency)
        time.sleep(3)
        ctx.swarm.drain()
        rss_idle = mon.rss_now()[0]
        phases = []
        for i, rate in enumerate(a.rates):
            if i:
                time.sleep(5)
            phases.append(
                (
                    f"{rate:g}/s",
                    join_phase(ctx, mon, [server.url], code, rate, a.duration, f"n{i}x", port_of),
                )
            )
        judged = phases[0][1]
        out.update(
            lat=judged["lat"],
            p99=pct(judged["lat"], 99),
            rate=a.rates[0],
            rss=max(max(ph["win"]["rss_max_mb"][0] for _, ph in phases), rss_idle),
        )
        table(
            f"{label}: Mixer, 1 {serving_mode()} worker on {db.label}; {n} connected phones "
            f"({a.seek_share:.0%} seekers, givers: mentors, capacity 10), then seekers join at "
            f"each rate for {a.duration:g} s (phases one after the other, the room keeps growing)",
            PHASE_HEAD,
            [row for lbl, ph in phases for row in phase_rows(lbl, ph)],
        )
        table(f"{label}: resources", RES_HEAD, [resource_row(lbl, ph) for lbl, ph in phases])
        table(
            f"{label}: setup",
            [
                "setup joins/s (0 -> N, 6 in flight)",
                "RSS idle with N connected MB",
                *CONNECT_HEAD[1:],
            ],
            [
                [
                    f"{n / setup_join_s:.1f}",
                    f"{rss_idle:.0f}",
                    *connect_report("", conn, len(phones))[1:],
                ]
            ],
        )
        for _, ph in phases:
            print_http_errors(ph)
        report_server_health(servers, ctx.swarm, out)
