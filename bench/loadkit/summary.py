"""The last table of a run: each target the load bench exists to check, met or missed."""

from __future__ import annotations

from loadkit.context import Ctx
from loadkit.report import table

TARGETS = {
    "p99_ms": 100.0,
    "floor_factor": 2.0,
    "rss_mb": 400.0,
    "accept_per_s": 250.0,
    "broadcast_3000_s": 1.0,
}


def summary(ctx: Ctx) -> None:
    """Verdicts for the scenarios that ran (a target whose scenario did not run is left out)."""
    R = ctx.results
    rows = []
    floor = R.get("floor", {}).get("p99")
    for label in ("one-worker-sqlite", "one-worker-postgres"):
        if label in R and "p99" in R[label]:
            p99 = R[label]["p99"]
            rows.append(
                [
                    f"{label}: join -> intro p99 ≤ {TARGETS['p99_ms']:.0f} ms",
                    f"{p99 * 1000:.1f} ms",
                    "met" if p99 * 1000 <= TARGETS["p99_ms"] else "MISSED",
                ]
            )
            if floor:
                ratio = p99 / floor
                rows.append(
                    [
                        f"{label}: p99 ≤ 2x floor p99 ({floor * 1000:.1f} ms)",
                        f"{ratio:.1f}x",
                        "met" if ratio <= TARGETS["floor_factor"] else "MISSED",
                    ]
                )
            else:
                rows.append([f"{label}: p99 ≤ 2x floor", "floor not run", "—"])
            rss = R[label]["rss"]
            rows.append(
                [
                    f"{label}: RSS ≤ {TARGETS['rss_mb']:.0f} MB",
                    f"{rss:.0f} MB",
                    "met" if rss <= TARGETS["rss_mb"] else "MISSED",
                ]
            )
    if "accept" in R.get("storm", {}):
        acc = R["storm"]["accept"]
        rows.append(
            [
                f"storm: ≥ {TARGETS['accept_per_s']:.0f} sockets/s",
                f"{acc:.0f}/s (attempts: "
                + ", ".join(f"{x:.0f}" for x in R["storm"]["accept_all"])
                + ")",
                "met" if acc >= TARGETS["accept_per_s"] else "MISSED",
            ]
        )
    if "last" in R.get("3000", {}):
        last = R["3000"]["last"]
        ok = last <= TARGETS["broadcast_3000_s"] and R["3000"]["reached_all"]
        rows.append(
            [
                f"3000: last phone ≤ {TARGETS['broadcast_3000_s']:.0f} s (worst of 3)",
                f"{last:.2f} s{'' if R['3000']['reached_all'] else ' (not all reached)'}",
                "met" if ok else "MISSED",
            ]
        )
        rows.append(
            [
                "3000: RSS with 3,000 connected ≤ 400 MB",
                f"{R['3000']['rss']:.0f} MB",
                "met" if R["3000"]["rss"] <= TARGETS["rss_mb"] else "MISSED",
            ]
        )
    if "last" in R.get("two-workers", {}):
        tw = R["two-workers"]
        rows.append(
            [
                "two-workers: announcement, last phone (worst)",
                f"{tw['last']:.2f} s",
                "(no target; ≤ 1 s as for 3000)" if tw["last"] <= 1 else "slower than 1 s",
            ]
        )
        if "p99" in tw:
            rows.append(
                [
                    "two-workers: join -> intro p99",
                    f"{tw['p99'] * 1000:.1f} ms",
                    "met (≤ 100 ms)" if tw["p99"] <= 0.1 else "over 100 ms",
                ]
            )
    if rows:
        table("summary against the targets", ["target", "measured", "verdict"], rows)
