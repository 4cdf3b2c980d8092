"""Time a join and the console's numbers inside one process, with no HTTP or sockets.

The live load test says how long a phone waits; this says where a worker's CPU goes per
join and per stats push, on a real database, so a change to either can be judged in a
minute instead of ten.

Run: OPENBLAS_NUM_THREADS=1 python bench/in_process.py [people] [joins]
(SQLite in a temporary folder; set MIXER_DATABASE_URL to measure another database).
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flask_migrate import upgrade

from mixer.app import create_app
from mixer.domain.models import Event, Introduction
from mixer.infra.extensions import db
from mixer.run import demo
from mixer.services import joining, live_stats

sys.path.insert(0, str(Path(__file__).parent))
from machine import cpu_model


def timed(runs: int, fn: Callable[[], object]) -> list[float]:
    """Milliseconds per call, sorted."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def summary(ms: list[float]) -> str:
    p90 = ms[int(len(ms) * 0.9) - 1]
    return f"{statistics.median(ms):.1f} / {p90:.1f} / {ms[-1]:.1f}"


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    joins = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    folder = tempfile.mkdtemp(prefix="mixer-bench-")
    url = os.environ.get("MIXER_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    print(f"# {platform.python_version()}, {os.cpu_count()} cores ({cpu_model()}), {url}")
    with app.app_context():
        upgrade()
        start = time.perf_counter()
        event, _token, _crowd = demo.seed(people)
        print(f"seeded {people} people in {time.perf_counter() - start:.0f} s")
        intros = db.session.scalar(db.select(db.func.count()).select_from(Introduction))
        db.session.remove()  # as a request starts: no thousand objects from seeding in view
        event = db.session.get(Event, event.id)
        print(f"{intros} introductions, nobody has answered")
        rng = random.Random(3)
        stats = timed(30, lambda: (live_stats.compute(event), db.session.rollback()))
        newcomer = iter(range(people, people + joins))
        join = timed(joins, lambda: joining.join(event.code, demo.person(rng, next(newcomer))))
    print("| what | ms p50 / p90 / max |\n| --- | --- |")
    print(f"| console numbers (`live_stats.compute`) | {summary(stats)} |")
    print(f"| one join, matching and commit included | {summary(join)} |")


if __name__ == "__main__":
    main()
