"""How the load bench writes: Markdown tables on stdout, progress on stderr.

Every number a scenario prints goes through these helpers, so the tables in
docs/benchmarks.md keep one shape from run to run.
"""

from __future__ import annotations

import sys
import time
from typing import Any

LAT_HEAD = ["", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"]
CONNECT_HEAD = ["", "connected", "failed", "wall s", "sockets/s", "connect p50 ms", "p99 ms"]


def log(msg: str) -> None:
    """Progress on stderr, so stdout stays the report alone."""
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    """Seconds as milliseconds with one decimal; a dash for nan (nothing measured)."""
    return "—" if seconds != seconds else f"{seconds * 1000:.1f}"


def table(title: str, header: list[str], rows: list[list[Any]]) -> None:
    """A titled Markdown table, flushed at once so a long run shows its progress."""
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("| " + " | ".join("---" for _ in header) + " |")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")
    sys.stdout.flush()


def lat_row(label: str, values: list[float], extra: list[Any] | None = None) -> list[Any]:
    """A row under LAT_HEAD: count, percentiles and max of latencies in seconds."""
    return [
        label,
        len(values),
        ms(pct(values, 50)),
        ms(pct(values, 95)),
        ms(pct(values, 99)),
        ms(max(values) if values else float("nan")),
        *(extra or []),
    ]


def sockets_per_s(conn: dict[str, Any]) -> float:
    """Sockets accepted per second of a Swarm.connect result, first try to last success."""
    return conn["ok"] / max(conn["end"] - conn["start"], 1e-9)


def connect_report(label: str, res: dict[str, Any], want: int) -> list[Any]:
    """A row under CONNECT_HEAD for a Swarm.connect result."""
    wall = max(res["end"] - res["start"], 1e-9)
    took = res["took"]
    return [
        label,
        f"{res['ok']}/{want}",
        res["failed"],
        f"{wall:.2f}",
        f"{res['ok'] / wall:.0f}",
        ms(pct(took, 50)),
        ms(pct(took, 99)),
    ]


def others(win: dict[str, Any]) -> float:
    """CPU % (of one core) used by processes other than the servers and this bench."""
    return max(0.0, win["machine_busy"] - sum(win["client_cpu"]) - sum(win["cpu_avg"]))


def cpu_cols(win: dict[str, Any]) -> str:
    """Average CPU % of each server over a window, "w1 / w2"."""
    return " / ".join(f"{c:.0f}" for c in win["cpu_avg"])


def client_cols(win: dict[str, Any]) -> str:
    """CPU % of each client process and the driver over a window, "p1 + p2 + driver"."""
    return " + ".join(f"{c:.0f}" for c in win["client_cpu"])
