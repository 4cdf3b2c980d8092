"""--profile: py-spy on each Mixer worker during a join phase, and where its time went."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psutil

from loadkit.report import table
from loadkit.servers import ROOT, VENV_BIN


def start_spies(
    procs: list[psutil.Process], tmp: Path, prefix: str, duration: float
) -> list[tuple[Path, subprocess.Popen[bytes]]]:
    """py-spy on each worker for the phase: raw collapsed stacks, one file per worker."""
    spies = []
    for proc in procs:
        path = tmp / f"pyspy-{prefix}-{proc.pid}.txt"
        spies.append(
            (
                path,
                subprocess.Popen(
                    [
                        str(VENV_BIN / "py-spy"),
                        "record",
                        "-p",
                        str(proc.pid),
                        "-f",
                        "raw",
                        "-r",
                        "100",
                        "-d",
                        str(int(duration) + 2),
                        "-o",
                        str(path),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                ),
            )
        )
    return spies


def print_profile(path: Path, title: str, top: int = 25) -> None:
    """Inclusive share of samples per Mixer function (and the top self-time frames)."""
    if not path.exists():
        print(f"\n(no profile at {path})")
        return
    total, incl, own = 0, {}, {}
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n, frames = int(count), stack.split(";")
        total += n
        own[frames[-1]] = own.get(frames[-1], 0) + n
        for f in set(frames):
            incl[f] = incl.get(f, 0) + n
    idle = sum(n for f, n in own.items() if "hub.py" in f or "_threading.py" in f)
    rows = [
        [f"{n / total:.1%}", f.replace(str(ROOT) + "/", "")]
        for f, n in sorted(incl.items(), key=lambda kv: -kv[1])
        if "mixer/" in f
    ][:top]
    rows += [
        [f"{n / total:.1%}", "self: " + f]
        for f, n in sorted(own.items(), key=lambda kv: -kv[1])[:8]
    ]
    table(
        f"{title}: {total} samples, {idle / max(total, 1):.0%} idle in the gevent hub",
        ["share", "function (file:line)"],
        rows,
    )
