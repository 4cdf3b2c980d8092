"""A join phase: seekers join at a steady rate while the room's phones listen.

Measures join request -> first `introduction` push at the existing phone introduced,
checks every introduction a newcomer's /me lists against what the phones heard, and
reports the servers' resources over the phase.
"""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any

from loadkit.context import Ctx
from loadkit.crowd import person
from loadkit.http_driver import fetch_me, steady
from loadkit.monitor import ClientCpu, Monitor
from loadkit.pyspy import print_profile, start_spies
from loadkit.receipts import delivery_check, first_receipts, other_name
from loadkit.report import LAT_HEAD, client_cols, cpu_cols, lat_row, log, ms, others, pct

PHASE_HEAD = [*LAT_HEAD, "newcomers introduced", "pushes missing / intros", "HTTP errors"]
RES_HEAD = [
    "phase",
    "server CPU % avg (incl. children)",
    "server CPU % max (0.5 s)",
    "RSS max MB (incl. children)",
    "client CPU % (procs + driver)",
    "stats pushes to console",
    "driver lag p99 ms",
    "other processes on the machine, CPU %",
    "server CPU ms per join",
]


def join_phase(
    ctx: Ctx,
    mon: Monitor,
    urls: list[str],
    code: str,
    rate: float,
    duration: float,
    prefix: str,
    port_of: dict[str, str],
) -> dict[str, Any]:
    """Seekers join at `rate` (round-robin over urls), each phone connects after its answer;
    latency of join request -> first `introduction` at the existing phone introduced."""
    rng = random.Random(hash(prefix) & 0xFFFF)
    tokens: dict[str, tuple[str, str]] = {}

    def make(i: int) -> tuple[str, str, dict[str, Any]]:
        key = f"{prefix}{i:05d}"
        return (
            key,
            f"{urls[i % len(urls)]}/api/v1/events/{code}/attendees",
            person(rng, key, "seek"),
        )

    def after(key: str, url: str, answer: Any) -> None:
        base = url.split("/api/")[0]
        port_of[key] = base
        tokens[key] = (base, answer["token"])
        ctx.swarm.connect_later(key, base, {"token": answer["token"]})

    log(f"  {rate:g} joins/s for {duration:g} s")
    win: dict[str, Any] = {}
    spies = start_spies(mon.procs, ctx.tmp, prefix, duration) if ctx.args.profile else []
    with mon.window(win), ClientCpu(ctx.swarm).window(win):
        res = asyncio.run(steady(rate, duration, make, after))
        time.sleep(3)
    # Each newcomer's own view first, then the pushes: every introduction /me lists was
    # committed before it answered, so its push has had a second to arrive when we drain
    # (a periodic re-balance may add introductions at any moment).
    me = asyncio.run(fetch_me(tokens))
    time.sleep(1)
    received = ctx.swarm.drain()
    for path, spy in spies:
        spy.wait(30)
        print_profile(path, f"py-spy of {path.name} ({rate:g} joins/s)")
    first = first_receipts(
        [r for r in received if r.phone != other_name(r.payload)], "introduction", other_name
    )
    same, cross = [], []
    for k, t0 in res.sent.items():
        if k in first:
            here = port_of.get(first[k].phone) == res.url_of[k]
            (same if here else cross).append(first[k].t - t0)
    with_intro, made, missing = delivery_check(received, me, set(res.sent))
    return {
        "res": res,
        "win": win,
        "lat": same + cross,
        "same": same,
        "cross": cross,
        "http": list(res.answered.values()),
        "with_intro": with_intro,
        "made": made,
        "missing": missing,
        "stats": sum(1 for r in received if r.event == "stats"),
    }


def phase_rows(label: str, ph: dict[str, Any], split: bool = False) -> list[list[Any]]:
    """Rows under PHASE_HEAD; `split` adds same-worker and cross-worker latencies."""
    res = ph["res"]
    extra = [
        f"{ph['with_intro']}/{len(res.sent)}",
        f"{ph['missing']}/{ph['made']}",
        len(res.errors),
    ]
    rows = [lat_row(f"{label}: join -> 1st intro at existing phone", ph["lat"], extra)]
    if split:
        rows.append(lat_row("… phone on the worker that took the join", ph["same"], ["", "", ""]))
        rows.append(lat_row("… phone on the other worker", ph["cross"], ["", "", ""]))
    rows.append(lat_row(f"{label}: join HTTP response", ph["http"], ["", "", ""]))
    return rows


def resource_row(label: str, ph: dict[str, Any]) -> list[Any]:
    """A row under RES_HEAD for one phase."""
    win = ph["win"]
    return [
        label,
        cpu_cols(win),
        " / ".join(f"{c:.0f}" for c in win["cpu_max"]),
        " / ".join(f"{r:.0f}" for r in win["rss_max_mb"]),
        client_cols(win),
        ph["stats"],
        ms(pct(ph["res"].lag, 99)),
        f"{others(win):.0f}",
        f"{sum(win['cpu_avg']) / 100 * win['seconds'] / max(len(ph['res'].sent), 1) * 1000:.0f}",
    ]


def print_http_errors(ph: dict[str, Any]) -> None:
    """The first few failed joins of a phase, if any."""
    if ph["res"].errors:
        print("\nHTTP errors (first 3):", *ph["res"].errors[:3], sep="\n  ")
