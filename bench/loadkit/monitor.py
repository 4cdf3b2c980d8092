"""CPU and memory over a block of a scenario: the servers', the client side's, the machine's.

Printed next to each latency so a reader can tell whether the server, the client or a
neighbouring job was the bottleneck.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import psutil
from swarm import Swarm


class Monitor:
    """Samples RSS and CPU % of the server processes (each with its child processes, e.g.
    Mixer's solver) every `every` seconds in a thread."""

    def __init__(self, procs: list[psutil.Process], every: float = 0.5):
        self.procs, self.every = procs, every
        self.samples: list[tuple[float, list[tuple[float, float]]]] = []  # t, [(cpu%, rss)]
        self._known: dict[int, psutil.Process] = {}
        self._stop = threading.Event()
        self._last = (time.time(), [self._cpu(p) for p in procs])
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self, root: psutil.Process) -> list[psutil.Process]:
        try:
            kids = root.children(recursive=True)
        except psutil.Error:
            kids = []
        # keep one Process object per pid so cpu_times stay comparable
        return [root] + [self._known.setdefault(k.pid, k) for k in kids]

    def _cpu(self, root: psutil.Process) -> float:
        total = 0.0
        for p in self._tree(root):
            with contextlib.suppress(psutil.Error):
                total += sum(p.cpu_times()[:2])
        return total

    def _rss(self, root: psutil.Process) -> float:
        total = 0.0
        for p in self._tree(root):
            with contextlib.suppress(psutil.Error):
                total += p.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            t = time.time()
            cpu = [self._cpu(p) for p in self.procs]
            t0, cpu0 = self._last
            row = [
                (100 * (c - c0) / max(t - t0, 1e-9), self._rss(p))
                for p, c, c0 in zip(self.procs, cpu, cpu0, strict=True)
            ]
            self._last = (t, cpu)
            self.samples.append((t, row))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)

    def rss_now(self) -> list[float]:
        return [self._rss(p) / 2**20 for p in self.procs]

    @contextlib.contextmanager
    def window(self, out: dict[str, Any]) -> Iterator[None]:
        """Fills `out` with per-server CPU % (average from CPU time, and max sample) and
        max RSS over the block, children included."""
        t0 = time.time()
        cpu0 = [self._cpu(p) for p in self.procs]
        yield
        t1 = time.time()
        cpu1 = [self._cpu(p) for p in self.procs]
        inside = [row for t, row in self.samples if t0 <= t <= t1]
        out["cpu_avg"] = [100 * (b - a) / (t1 - t0) for a, b in zip(cpu0, cpu1, strict=True)]
        out["cpu_max"] = [
            max((r[i][0] for r in inside), default=0.0) for i in range(len(self.procs))
        ]
        out["rss_max_mb"] = [
            max((r[i][1] for r in inside), default=0.0) / 2**20 for i in range(len(self.procs))
        ]
        out["seconds"] = t1 - t0


def _busy(t: Any) -> float:
    return (
        t.user
        + t.nice
        + t.system
        + getattr(t, "irq", 0)
        + getattr(t, "softirq", 0)
        + getattr(t, "steal", 0)
    )


class ClientCpu:
    """CPU used by the client side (swarm processes + this driver) over a block."""

    def __init__(self, swarm: Swarm):
        self.procs = [psutil.Process(pid) for pid in swarm.pids] + [psutil.Process()]

    @contextlib.contextmanager
    def window(self, out: dict[str, Any]) -> Iterator[None]:
        t0, s0 = time.time(), psutil.cpu_times()
        c0 = [sum(p.cpu_times()[:2]) for p in self.procs]
        yield
        t1, s1 = time.time(), psutil.cpu_times()
        c1 = [sum(p.cpu_times()[:2]) for p in self.procs]
        each = [100 * (b - a) / (t1 - t0) for a, b in zip(c0, c1, strict=True)]
        out["client_cpu"] = each  # swarm processes..., driver last
        busy = (_busy(s1) - _busy(s0)) / (t1 - t0) * 100  # % of one core, whole machine
        out["machine_busy"] = busy
