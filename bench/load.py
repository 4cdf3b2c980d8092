"""Load bench for Mixer's live pushes: phones on real sockets against real server processes.

Run by hand (not a test), from the repository root:

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/load.py                 # every scenario
    .venv/bin/python bench/load.py --scenario one-worker --db both        # one scenario

Scenarios (each starts its own server processes and database, and stops them after):

  floor        bare Flask-SocketIO app (bench/floor_app.py, gevent, socketio.run): 1,000
               phones, HTTP POSTs at a steady rate each emit to one phone's room;
               POST -> push latency. Also its accept rate and a broadcast to all.
  one-worker   `mixer serve` (one gevent worker, SQLite; --db postgres|both too): 1,000
               phones join via the API and connect, then newcomers join at a steady rate;
               join request -> first `introduction` push at the existing phone introduced.
               Server RSS and CPU during the run.
  storm        how many new sockets per second one worker accepts (token auth included).
  3000         3,000 phones on one worker; an announcement: time until the last phone got it.
  two-workers  2 workers + Redis + PostgreSQL, 4,000 phones (half on each worker's port):
               announcement to all, and join -> introduction across workers.

Client side: phones are raw Engine.IO/Socket.IO WebSocket clients on asyncio (bench/swarm.py)
split over --clients processes; their CPU is printed so a reader can judge whether the
client was the bottleneck. Latencies compare `time.time()` taken at send (driver) and at
frame receipt (swarm) on the same machine.

This file is the command (options, the scenarios by name, the run); the parts it puts
together live in bench/loadkit/, one idea a module (its __init__ lists them).

Needs the bench extra: pip install -e ".[bench]" (aiohttp, psutil, psycopg, redis, py-spy).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadkit.context import Ctx
from loadkit.report import log
from loadkit.run_header import print_header
from loadkit.scenarios import big_room, floor, one_worker, storm, two_workers
from loadkit.servers import SERVER_ENV
from loadkit.summary import summary
from swarm import Swarm, raise_fd_limit

SCENARIOS: dict[str, Callable[[Ctx], None]] = {
    "floor": floor.run,
    "one-worker": one_worker.run_each_db,
    "storm": storm.run,
    "3000": big_room.run,
    "two-workers": two_workers.run,
}


def parse_args() -> argparse.Namespace:
    """The options as documented in docs/benchmarks.md; --rates comes back as floats."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scenario", action="append", choices=["all", *SCENARIOS])
    p.add_argument(
        "--db",
        choices=["sqlite", "postgres", "both"],
        default="sqlite",
        help="database(s) for one-worker",
    )
    p.add_argument("--phones", type=int, default=1000, help="floor and one-worker")
    p.add_argument("--seek-share", type=float, default=0.4, help="seekers among the 1,000")
    p.add_argument("--rate", type=float, default=10.0, help="floor: POSTs per second")
    p.add_argument(
        "--rates",
        default="5,10",
        help="one-worker: join rates, one phase each; the first is judged",
    )
    p.add_argument("--duration", type=float, default=40.0, help="seconds of steady joins")
    p.add_argument("--two-rate", type=float, default=5.0, help="two-workers: joins per second")
    p.add_argument("--storm-phones", type=int, default=2000)
    p.add_argument("--storm-concurrency", type=int, default=100)
    p.add_argument("--big-phones", type=int, default=3000)
    p.add_argument("--two-phones", type=int, default=4000)
    p.add_argument(
        "--two-seek-share",
        type=float,
        default=0.0,
        help="seekers among the 4,000 (matched in one go when the event switches "
        "to continuous mode)",
    )
    p.add_argument(
        "--concurrency", type=int, default=50, help="sockets opening at once per client process"
    )
    p.add_argument("--clients", type=int, default=2, help="client processes")
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    p.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra environment for every Mixer worker, e.g. MIXER_STATS_MIN_INTERVAL=5",
    )
    p.add_argument(
        "--profile",
        action="store_true",
        help="py-spy record the Mixer worker(s) during each join phase and print shares",
    )
    p.add_argument("--keep", action="store_true", help="keep the temp dir (server logs, SQLite)")
    args = p.parse_args()
    args.rates = [float(x) for x in args.rates.split(",") if x]
    return args


def main() -> None:
    """Runs the chosen scenarios one after the other, then the summary."""
    args = parse_args()
    SERVER_ENV.update(kv.split("=", 1) for kv in args.server_env)
    chosen = args.scenario or ["all"]
    if "all" in chosen:
        chosen = list(SCENARIOS)

    raise_fd_limit()
    print_header(args)
    tmp = Path(tempfile.mkdtemp(prefix="mixer-load-"))
    swarm = Swarm(args.clients)
    ctx = Ctx(args, tmp, swarm)
    t_all = time.time()
    try:
        for name in chosen:
            t = time.time()
            log(f"scenario {name}")
            SCENARIOS[name](ctx)
            print(f"\n({name}: {time.time() - t:.0f} s)")
        summary(ctx)
    finally:
        swarm.stop()
        print(
            f"\ntotal {time.time() - t_all:.0f} s; logs in {tmp}"
            + ("" if args.keep else " (removed)")
        )
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
