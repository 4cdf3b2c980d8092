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

Needs the bench extra: pip install -e ".[bench]" (aiohttp, psutil, psycopg, redis, py-spy).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from swarm import Received, Swarm, raise_fd_limit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
MIXER = str(VENV_BIN / "mixer") if (VENV_BIN / "mixer").exists() else shutil.which("mixer")
TOPICS = [
    "python",
    "design",
    "hiring",
    "data",
    "devops",
    "product",
    "marketing",
    "sales",
    "frontend",
    "backend",
    "ml",
    "security",
    "mobile",
    "cloud",
    "ux-research",
    "finance",
    "legal",
    "startups",
    "career-change",
    "mentoring",
    "leadership",
    "qa",
    "writing",
    "rust",
]

# --server-env KEY=VALUE, for every Mixer worker. The bench joins hundreds of phones a
# second from one address: far over the abuse limits, which are not what it measures.
SERVER_ENV: dict[str, str] = {"MIXER_RATELIMIT_ENABLED": "false"}

TARGETS = {
    "p99_ms": 100.0,
    "floor_factor": 2.0,
    "rss_mb": 400.0,
    "accept_per_s": 250.0,
    "broadcast_3000_s": 1.0,
}

# ----------------------------------------------------------------------------- small helpers


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return "—" if seconds != seconds else f"{seconds * 1000:.1f}"


def table(title: str, header: list[str], rows: list[list[Any]]) -> None:
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("| " + " | ".join("---" for _ in header) + " |")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")
    sys.stdout.flush()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def machine_line() -> str:
    model = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions = []
    for name in ("gevent", "flask_socketio", "socketio", "engineio", "aiohttp"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            dist = {
                "socketio": "python-socketio",
                "engineio": "python-engineio",
                "flask_socketio": "Flask-SocketIO",
            }.get(name, name)
            versions.append(f"{dist} {version(dist)}")
    return (
        f"machine: {os.cpu_count()} cores, {model}, "
        f"{psutil.virtual_memory().total / 2**30:.1f} GiB; "
        f"Python {platform.python_version()} ({platform.system()} {platform.release()}); "
        + ", ".join(versions)
    )


def git_state() -> str:
    """Commit and the files changed since (the tree may be mid-edit when this runs)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--short", "mixer"], cwd=ROOT, capture_output=True, text=True
        ).stdout.split("\n")
        changed = [line[3:] for line in dirty if line.strip()]
        return f"git {head}" + (
            f" + uncommitted changes in {', '.join(changed)}" if changed else ""
        )
    except OSError:
        return "git ?"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- processes


class Server:
    """One server process we started (mixer serve or the floor app), its log in a file."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], port: int, logdir: Path):
        self.name, self.port = name, port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = logdir / f"{name}.log"
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            argv,
            env=env,
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: raise_fd_limit(),
        )
        self.ps = psutil.Process(self.proc.pid)

    def wait_ready(self, timeout: float = 60) -> None:
        import urllib.request

        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited: see {self.log_path}\n{self.tail()}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(self.url + "/healthz", timeout=2) as r,
            ):
                if r.status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer /healthz in {timeout}s")

    def tail(self, n: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(8)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log.close()

    def problems(self) -> tuple[int, list[str]]:
        """Tracebacks and error lines in the log (first few kept)."""
        text = self.log_path.read_text(errors="replace")
        blocks = re.split(r"(?=Traceback \(most recent call last\))", text)
        tracebacks = [_short_traceback(b) for b in blocks[1:]]
        errors = [
            line
            for line in text.splitlines()
            if re.search(r"\b(ERROR|CRITICAL|Exception)\b|unavailable|Error:", line)
            and not line.startswith((" ", "Traceback"))
        ]
        return len(tracebacks) + len(errors), (tracebacks[:3] + errors[:5])


def _short_traceback(block: str) -> str:
    """First frame in mixer/, last frames, and the exception line."""
    lines = block.strip().splitlines()
    end = next(
        (i for i in range(len(lines) - 1, 0, -1) if not lines[i].startswith(" ")), len(lines) - 1
    )
    body = lines[: end + 1]
    mixer = [ln for ln in body if "/mixer/" in ln][:3]
    return "\n".join([body[0], *mixer, "  ...", *body[-5:]])


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


def env_for(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIXER_")}
    env.update({"OPENBLAS_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


@dataclass
class Database:
    url: str
    label: str
    drop: Callable[[], None] = lambda: None


def sqlite_db(tmp: Path, name: str) -> Database:
    path = tmp / f"{name}.sqlite"
    return Database(f"sqlite:///{path}", "SQLite")


def postgres_db() -> Database:
    import psycopg

    name = f"mixer_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("postgresql://postgres@127.0.0.1/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect("postgresql://postgres@127.0.0.1/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return Database(f"postgresql+psycopg://postgres@127.0.0.1/{name}", "PostgreSQL", drop)


def start_mixer(
    name: str, db: Database, tmp: Path, ports: list[int], extra: dict[str, str] | None = None
) -> list[Server]:
    env = env_for({"MIXER_DATABASE_URL": db.url, **SERVER_ENV, **(extra or {})})
    up = subprocess.run(
        [MIXER, "db", "upgrade"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    if up.returncode:
        raise RuntimeError(f"mixer db upgrade failed:\n{up.stdout}\n{up.stderr}")
    servers = [
        Server(
            f"{name}-w{i}",
            [MIXER, "serve", "--host", "127.0.0.1", "--port", str(port), "--no-migrate"],
            env,
            port,
            tmp,
        )
        for i, port in enumerate(ports)
    ]
    for s in servers:
        s.wait_ready()
    return servers


# ----------------------------------------------------------------------------- HTTP driver


def http_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0),
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=180),
    )


async def post(
    http: aiohttp.ClientSession,
    url: str,
    body: dict[str, Any],
    token: str | None = None,
    method: str = "POST",
) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with http.request(method, url, json=body, headers=headers) as r:
        text = await r.text()
        try:
            return r.status, json.loads(text)
        except ValueError:
            return r.status, text


def person(rng: random.Random, name: str, intent: str, capacity: int | None = None) -> dict:
    body: dict[str, Any] = {"name": name, "intent": intent}
    if intent == "give":
        # Mentors seeking nothing: one-way introductions to seekers only (no giver-giver
        # pairs filling every giver's capacity before the newcomers arrive).
        body.update(offers=rng.sample(TOPICS, 3), seeks=[], mentor=True)
    else:
        body.update(offers=rng.sample(TOPICS, 1), seeks=rng.sample(TOPICS, 2))
    if capacity:
        body["capacity"] = capacity
    return body


async def join_many(
    urls: list[str], code: str, bodies: list[dict[str, Any]], concurrency: int = 6
) -> list[dict[str, Any]]:
    """Setup joins through the API (round-robin over urls); returns the join answers."""
    gate = asyncio.Semaphore(concurrency)
    out: list[dict[str, Any]] = [{}] * len(bodies)
    done = 0
    t0 = time.time()

    async with http_session() as http:

        async def one(i: int, body: dict[str, Any]) -> None:
            nonlocal done
            async with gate:
                status, answer = await post(
                    http, f"{urls[i % len(urls)]}/api/v1/events/{code}/attendees", body
                )
                if status != 201:
                    raise RuntimeError(f"join {i} -> {status}: {str(answer)[:300]}")
                out[i] = answer
                done += 1
                if done % 500 == 0:
                    log(f"  joined {done}/{len(bodies)} ({time.time() - t0:.0f}s)")

        await asyncio.gather(*(one(i, b) for i, b in enumerate(bodies)))
    return out


@dataclass
class SteadyResult:
    sent: dict[str, float] = field(default_factory=dict)  # key -> send time
    answered: dict[str, float] = field(default_factory=dict)  # key -> response time
    url_of: dict[str, str] = field(default_factory=dict)  # key -> worker url it joined at
    lag: list[float] = field(default_factory=list)  # send time - scheduled time
    errors: list[str] = field(default_factory=list)


async def steady(
    rate: float,
    duration: float,
    make: Callable[[int], tuple[str, str, dict[str, Any]]],
    after: Callable[[str, str, Any], None] | None = None,
) -> SteadyResult:
    """Open loop: request i leaves at t0 + i/rate whatever the previous ones are doing.
    make(i) -> (key, url, body); after(key, url, answer) runs on a 2xx answer."""
    res = SteadyResult()
    n = int(rate * duration)
    async with http_session() as http:
        t0 = time.time() + 0.3
        tasks = []

        async def one(i: int, scheduled: float) -> None:
            key, url, body = make(i)
            res.url_of[key] = url.split("/api/")[0]
            start = time.time()
            res.sent[key] = start
            res.lag.append(start - scheduled)
            try:
                status, answer = await post(http, url, body)
            except Exception as exc:
                res.errors.append(f"{key}: {type(exc).__name__}: {exc}"[:200])
                return
            res.answered[key] = time.time() - start
            if status >= 300:
                res.errors.append(f"{key}: HTTP {status}: {str(answer)[:200]}")
            elif after:
                after(key, url, answer)

        for i in range(n):
            scheduled = t0 + i / rate
            delay = scheduled - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i, scheduled)))
        await asyncio.gather(*tasks)
    return res


def first_receipts(
    received: list[Received], event: str, key_of: Callable[[Any], str | None]
) -> dict[str, Received]:
    first: dict[str, Received] = {}
    for r in received:
        if r.event != event:
            continue
        key = key_of(r.payload)
        if key is not None and (key not in first or r.t < first[key].t):
            first[key] = r
    return first


def other_name(payload: Any) -> str | None:
    try:
        return payload["other"]["name"]
    except (TypeError, KeyError):
        return None


def lat_row(label: str, values: list[float], extra: list[Any] | None = None) -> list[Any]:
    return [
        label,
        len(values),
        ms(pct(values, 50)),
        ms(pct(values, 95)),
        ms(pct(values, 99)),
        ms(max(values) if values else float("nan")),
        *(extra or []),
    ]


LAT_HEAD = ["", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"]


def connect_report(label: str, res: dict[str, Any], want: int) -> list[Any]:
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


CONNECT_HEAD = ["", "connected", "failed", "wall s", "sockets/s", "connect p50 ms", "p99 ms"]


def others(win: dict[str, Any]) -> float:
    """CPU % (of one core) used by processes other than the servers and this bench."""
    return max(0.0, win["machine_busy"] - sum(win["client_cpu"]) - sum(win["cpu_avg"]))


def cpu_cols(win: dict[str, Any]) -> str:
    return " / ".join(f"{c:.0f}" for c in win["cpu_avg"])


def client_cols(win: dict[str, Any]) -> str:
    return " + ".join(f"{c:.0f}" for c in win["client_cpu"])


def report_server_health(servers: list[Server], swarm: Swarm, results: dict[str, Any]) -> None:
    status = swarm.status()
    rows = []
    for s in servers:
        count, samples = s.problems()
        rows.append([s.name, count, str(s.log_path)])
        results.setdefault("problems", []).extend(f"{s.name}: {x}" for x in samples)
    drops = status["dropped"]
    rows.append(
        [
            "client sockets dropped by server",
            len(drops),
            "; ".join(sorted({d[1] for d in drops})[:3])
            + (
                " — e.g. "
                + ", ".join(
                    f"{k} at {time.strftime('%H:%M:%S', time.localtime(t))}"
                    for k, _w, t in drops[:4]
                )
                if drops
                else ""
            ),
        ]
    )
    rows.append(
        ["client connect failures", status["failure_count"], "; ".join(status["failures"][:2])]
    )
    table("server log problems and dropped sockets", ["", "count", "where / what"], rows)
    for sample in results.get("problems", [])[:4]:
        print("\n```\n" + sample[:1500] + "\n```")


# ----------------------------------------------------------------------------- scenarios


@dataclass
class Ctx:
    args: argparse.Namespace
    tmp: Path
    swarm: Swarm
    results: dict[str, dict[str, Any]] = field(default_factory=dict)


def announce_rounds(
    ctx: Ctx, url: str, code: str | None, token: str | None, want: set[str], times: int = 3
) -> list[list[Any]]:
    """POST an announcement `times` times; for each: send -> last phone, how many got it."""
    rows = []
    for i in range(times):
        ctx.swarm.drain()
        message = f"bench-ann-{uuid.uuid4().hex[:8]}"

        async def send(message: str = message) -> tuple[float, int]:
            async with http_session() as http:
                start = time.time()
                if code:
                    status, _ = await post(
                        http,
                        f"{url}/api/v1/events/{code}/announcements",
                        {"message": message},
                        token,
                    )
                else:
                    status, _ = await post(http, f"{url}/announce", {"message": message})
                return start, status

        start, status = asyncio.run(send())
        deadline = time.time() + 15
        got: dict[str, float] = {}
        while time.time() < deadline:
            time.sleep(0.5)
            for r in ctx.swarm.drain():
                if r.event == "announcement" and (r.payload or {}).get("message") == message:
                    got.setdefault(r.phone, r.t)
            if want <= set(got):
                break
        delays = [t - start for p, t in got.items() if p in want]
        rows.append(
            [
                f"announcement {i + 1} (HTTP {status})",
                f"{len(delays)}/{len(want)}",
                ms(pct(delays, 50)),
                ms(pct(delays, 99)),
                ms(max(delays) if delays else float("nan")),
            ]
        )
        time.sleep(1.0)
    return rows


ANN_HEAD = ["", "phones reached", "p50 ms", "p99 ms", "last phone ms"]


def scenario_floor(ctx: Ctx) -> None:
    a = ctx.args
    port = free_port()
    server = Server(
        "floor",
        [sys.executable, str(ROOT / "bench" / "floor_app.py"), "--port", str(port)],
        env_for({}),
        port,
        ctx.tmp,
    )
    server.wait_ready()
    out: dict[str, Any] = {}
    ctx.results["floor"] = out
    mon = Monitor([server.ps])
    try:
        n = a.phones
        phones = [(f"f{i}", server.url, {"token": f"f{i}"}) for i in range(n)]
        conn = ctx.swarm.connect(phones, concurrency=a.concurrency)
        out["accept"] = conn["ok"] / max(conn["end"] - conn["start"], 1e-9)
        time.sleep(2)
        ctx.swarm.drain()
        rng = random.Random(1)
        win: dict[str, Any] = {}

        def make(i: int) -> tuple[str, str, dict[str, Any]]:
            key = f"k{i}"
            return key, f"{server.url}/emit", {"room": f"f{rng.randrange(n)}", "key": key}

        with mon.window(win), ClientCpu(ctx.swarm).window(win):
            res = asyncio.run(steady(a.rate, a.duration, make))
            time.sleep(2)
        first = first_receipts(ctx.swarm.drain(), "introduction", other_name)
        lat = [first[k].t - t for k, t in res.sent.items() if k in first]
        out["lat"] = lat
        out["p99"] = pct(lat, 99)
        table(
            f"floor: bare Flask-SocketIO (gevent, socketio.run), {n} phones, "
            f"{a.rate:g} POST/s for {a.duration:g} s; POST -> push at the phone",
            [
                *LAT_HEAD,
                "missing",
                "HTTP p99 ms",
                "server CPU %",
                "client CPU % (procs + driver)",
                "others CPU %",
            ],
            [
                lat_row(
                    "POST -> push",
                    lat,
                    [
                        len(res.sent) - len(lat),
                        ms(pct(list(res.answered.values()), 99)),
                        cpu_cols(win),
                        client_cols(win),
                        f"{others(win):.0f}",
                    ],
                )
            ],
        )
        table("floor: accepting sockets", CONNECT_HEAD, [connect_report(f"{n} phones", conn, n)])
        rows = announce_rounds(ctx, server.url, None, None, {p[0] for p in phones}, times=2)
        table(f"floor: broadcast to all {n}", ANN_HEAD, rows)
        table(
            "floor: server",
            ["RSS MB", "driver lag p99 ms", "HTTP errors"],
            [[f"{mon.rss_now()[0]:.0f}", ms(pct(res.lag, 99)), len(res.errors)]],
        )
        report_server_health([server], ctx.swarm, out)
    finally:
        mon.stop()
        ctx.swarm.close_all()
        server.stop()


def create_event(url: str, **settings: Any) -> tuple[str, str]:
    async def go() -> tuple[int, Any]:
        async with http_session() as http:
            return await post(http, f"{url}/api/v1/events", {"name": "Load bench", **settings})

    status, answer = asyncio.run(go())
    if status != 201:
        raise RuntimeError(f"create event -> {status}: {answer}")
    return answer["event"]["code"], answer["organizer_token"]


def patch_event(url: str, code: str, token: str, **changes: Any) -> tuple[int, float]:
    async def go() -> tuple[int, Any]:
        async with http_session() as http:
            return await post(http, f"{url}/api/v1/events/{code}", changes, token, method="PATCH")

    t = time.time()
    status, answer = asyncio.run(go())
    if status != 200:
        raise RuntimeError(f"patch event -> {status}: {answer}")
    return status, time.time() - t


def base_crowd(n: int, seek_share: float, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        person(rng, f"b{i:05d}", intent, capacity=10 if intent == "give" else None)
        for i, intent in enumerate(
            "seek" if rng.random() < seek_share else "give" for _ in range(n)
        )
    ]


async def fetch_me(tokens: dict[str, tuple[str, str]], concurrency: int = 4) -> dict[str, Any]:
    """key -> GET /api/v1/me answer, for (url, token) per key."""
    gate = asyncio.Semaphore(concurrency)
    out: dict[str, Any] = {}
    async with http_session() as http:

        async def one(key: str, url: str, token: str) -> None:
            async with gate:
                headers = {"Authorization": f"Bearer {token}"}
                async with http.get(f"{url}/api/v1/me", headers=headers) as r:
                    out[key] = await r.json() if r.status == 200 else None

        await asyncio.gather(*(one(k, u, t) for k, (u, t) in tokens.items()))
    return out


def delivery_check(
    received: list[Received], me: dict[str, Any], newcomers: set[str]
) -> tuple[int, int, int]:
    """From each newcomer's own view (GET /me): introductions made with someone other than
    a newcomer, and how many of those the counterpart's phone never heard of.
    Returns (newcomers with such an introduction, introductions, pushes missing)."""
    heard = {(r.phone, (r.payload or {}).get("id")) for r in received if r.event == "introduction"}
    with_intro = made = missing = 0
    for answer in me.values():
        intros = [
            i
            for i in (answer or {}).get("introductions", [])
            if i["other"]["name"] not in newcomers
        ]
        with_intro += bool(intros)
        for i in intros:
            made += 1
            missing += (i["other"]["name"], i["id"]) not in heard
    return with_intro, made, missing


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
    spies = []
    if ctx.args.profile:  # py-spy on each worker for the phase: raw collapsed stacks
        for proc in mon.procs:
            path = ctx.tmp / f"pyspy-{prefix}-{proc.pid}.txt"
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


PHASE_HEAD = [*LAT_HEAD, "newcomers introduced", "pushes missing / intros", "HTTP errors"]


def resource_row(label: str, ph: dict[str, Any]) -> list[Any]:
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


def scenario_one_worker(ctx: Ctx, db_kind: str) -> None:
    a = ctx.args
    label = f"one-worker-{db_kind}"
    db = sqlite_db(ctx.tmp, label) if db_kind == "sqlite" else postgres_db()
    out: dict[str, Any] = {}
    ctx.results[label] = out
    servers: list[Server] = []
    mon = None
    try:
        servers = start_mixer(label, db, ctx.tmp, [free_port()])
        (server,) = servers
        mon = Monitor([server.ps])
        code, org = create_event(server.url, giver_capacity=10)
        n = a.phones
        log(f"{label}: joining {n} phones through the API")
        t = time.time()
        joined = asyncio.run(join_many([server.url], code, base_crowd(n, a.seek_share)))
        setup_join_s = time.time() - t
        phones = [(j["attendee"]["name"], server.url, {"token": j["token"]}) for j in joined]
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
            f"{label}: Mixer, 1 gevent worker on {db.label}; {n} connected phones "
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
            if ph["res"].errors:
                print("\nHTTP errors (first 3):", *ph["res"].errors[:3], sep="\n  ")
        report_server_health(servers, ctx.swarm, out)
    finally:
        if mon:
            mon.stop()
        ctx.swarm.close_all()
        for s in servers:
            s.stop()
        db.drop()


def scenario_storm(ctx: Ctx) -> None:
    a = ctx.args
    db = sqlite_db(ctx.tmp, "storm")
    out: dict[str, Any] = {}
    ctx.results["storm"] = out
    servers: list[Server] = []
    try:
        servers = start_mixer("storm", db, ctx.tmp, [free_port()])
        (server,) = servers
        mon = Monitor([server.ps])
        code, _org = create_event(server.url, giver_capacity=10, mode="rounds")
        n = a.storm_phones
        log(f"storm: joining {n} phones (rounds mode: no matching on join)")
        joined = asyncio.run(join_many([server.url], code, base_crowd(n, 0.3)))
        phones = [(j["attendee"]["name"], server.url, {"token": j["token"]}) for j in joined]
        rows = []
        rates = []
        for attempt in range(2):
            time.sleep(2)
            win: dict[str, Any] = {}
            log(f"storm: connecting {n} sockets at once (attempt {attempt + 1})")
            with mon.window(win), ClientCpu(ctx.swarm).window(win):
                conn = ctx.swarm.connect(phones, concurrency=a.storm_concurrency)
            rates.append(conn["ok"] / max(conn["end"] - conn["start"], 1e-9))
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
            f"storm: Mixer 1 gevent worker (SQLite), {n} phones open sockets at once "
            f"({a.storm_concurrency} in flight per client process)",
            [*CONNECT_HEAD, "server CPU %", "client CPU %", "others CPU %"],
            rows,
        )
        mon.stop()
        report_server_health(servers, ctx.swarm, out)
    finally:
        ctx.swarm.close_all()
        for s in servers:
            s.stop()


def scenario_3000(ctx: Ctx) -> None:
    a = ctx.args
    db = sqlite_db(ctx.tmp, "big")
    out: dict[str, Any] = {}
    ctx.results["3000"] = out
    servers: list[Server] = []
    try:
        servers = start_mixer("big", db, ctx.tmp, [free_port()])
        (server,) = servers
        mon = Monitor([server.ps])
        code, org = create_event(server.url, giver_capacity=10, mode="rounds")
        n = a.big_phones
        log(f"3000: joining {n} phones (rounds mode)")
        joined = asyncio.run(join_many([server.url], code, base_crowd(n, 0.3)))
        phones = [(j["attendee"]["name"], server.url, {"token": j["token"]}) for j in joined]
        log(f"3000: connecting {n} sockets")
        conn = ctx.swarm.connect(phones, concurrency=a.concurrency)
        time.sleep(3)
        win: dict[str, Any] = {}
        with mon.window(win), ClientCpu(ctx.swarm).window(win):
            rows = announce_rounds(ctx, server.url, code, org, {p[0] for p in phones})
        lasts = [float(r[4]) / 1000 for r in rows if r[4] != "—"]
        out["last"] = max(lasts) if lasts else float("nan")
        out["reached_all"] = all(r[1] == f"{n}/{n}" for r in rows)
        out["rss"] = mon.rss_now()[0]
        table(f"3000: announcement to {n} phones on one gevent worker (SQLite)", ANN_HEAD, rows)
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
                    f"{conn['ok'] / max(conn['end'] - conn['start'], 1e-9):.0f} ({conn['ok']}/{n})",
                ]
            ],
        )
        mon.stop()
        report_server_health(servers, ctx.swarm, out)
    finally:
        ctx.swarm.close_all()
        for s in servers:
            s.stop()


def scenario_two_workers(ctx: Ctx) -> None:
    a = ctx.args
    db = postgres_db()
    channel = f"mixer-bench-{uuid.uuid4().hex[:8]}"
    out: dict[str, Any] = {}
    ctx.results["two-workers"] = out
    servers: list[Server] = []
    mon = None
    try:
        extra = {"MIXER_REDIS_URL": a.redis_url, "MIXER_SOCKETIO_CHANNEL": channel}
        servers = start_mixer("two", db, ctx.tmp, [free_port(), free_port()], extra)
        urls = [s.url for s in servers]
        mon = Monitor([s.ps for s in servers])
        code, org = create_event(urls[0], giver_capacity=10, mode="rounds")
        n = a.two_phones
        log(f"two-workers: joining {n} phones over both workers (rounds mode)")
        t = time.time()
        joined = asyncio.run(join_many(urls, code, base_crowd(n, a.two_seek_share), concurrency=8))
        setup_s = time.time() - t
        phones = [
            (j["attendee"]["name"], urls[i % 2], {"token": j["token"]})
            for i, j in enumerate(joined)
        ]
        port_of = {p[0]: p[1] for p in phones}
        phones.append(("organizer", urls[0], {"token": org}))
        log(f"two-workers: connecting {len(phones)} sockets, half to each worker")
        conn = ctx.swarm.connect(phones, concurrency=a.concurrency)
        time.sleep(3)
        want = {p[0] for p in phones if p[0] != "organizer"}
        rows = announce_rounds(ctx, urls[0], code, org, want, times=2)
        rows += [
            ["(via worker 2) " + r[0], *r[1:]]
            for r in announce_rounds(ctx, urls[1], code, org, want, times=1)
        ]
        lasts = [float(r[4]) / 1000 for r in rows if r[4] != "—"]
        out["last"] = max(lasts) if lasts else float("nan")
        table(
            f"two-workers: announcement to {n} phones, 2 gevent workers + Redis + PostgreSQL "
            "(sent via worker 1 unless noted)",
            ANN_HEAD,
            rows,
        )
        log("two-workers: switching the event to continuous matching")
        ctx.swarm.drain()
        _, switch_s = patch_event(urls[0], code, org, mode="continuous")
        time.sleep(3)
        switched = ctx.swarm.drain()
        rate = a.two_rate
        log(f"two-workers: {rate:g} joins/s for {a.duration:g} s, alternating workers")
        ph = join_phase(ctx, mon, urls, code, rate, a.duration, "n", port_of)
        out.update(lat=ph["lat"], p99=pct(ph["lat"], 99))
        table(
            f"two-workers: {rate:g} seekers/s join for {a.duration:g} s (alternating workers); "
            "join -> 1st introduction at the existing phone",
            PHASE_HEAD,
            phase_rows(f"{rate:g}/s", ph, split=True),
        )
        table("two-workers: resources (w1 / w2)", RES_HEAD, [resource_row(f"{rate:g}/s", ph)])
        table(
            "two-workers: setup",
            [
                "setup joins/s",
                "sockets/s at connect",
                "PATCH mode=continuous s",
                "pushes from the switch",
            ],
            [
                [
                    f"{n / setup_s:.0f}",
                    f"{conn['ok'] / max(conn['end'] - conn['start'], 1e-9):.0f} "
                    f"({conn['ok']}/{len(phones)})",
                    f"{switch_s:.2f}",
                    len(switched),
                ]
            ],
        )
        if ph["res"].errors:
            print("\nHTTP errors (first 3):", *ph["res"].errors[:3], sep="\n  ")
        report_server_health(servers, ctx.swarm, out)
    finally:
        if mon:
            mon.stop()
        ctx.swarm.close_all()
        for s in servers:
            s.stop()
        db.drop()
        with contextlib.suppress(Exception):
            import redis

            r = redis.Redis.from_url(a.redis_url)
            for key in r.scan_iter(f"{channel}:*"):
                r.delete(key)


def summary(ctx: Ctx) -> None:
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


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--scenario",
        action="append",
        choices=["all", "floor", "one-worker", "storm", "3000", "two-workers"],
    )
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
    SERVER_ENV.update(kv.split("=", 1) for kv in args.server_env)
    chosen = args.scenario or ["all"]
    if "all" in chosen:
        chosen = ["floor", "one-worker", "storm", "3000", "two-workers"]

    raise_fd_limit()
    print("# Mixer load bench\n")
    print(machine_line())
    print(f"code: {git_state()}")
    if SERVER_ENV:
        print(f"server env: {SERVER_ENV}")
    print("command: " + " ".join(shlex.quote(x) for x in [sys.executable, *sys.argv]))
    print(
        f"started: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; client: {args.clients} asyncio "
        f"processes (raw Socket.IO over aiohttp WebSocket) + 1 driver process"
    )
    tmp = Path(tempfile.mkdtemp(prefix="mixer-load-"))
    swarm = Swarm(args.clients)
    ctx = Ctx(args, tmp, swarm)
    t_all = time.time()
    try:
        for name in chosen:
            t = time.time()
            log(f"scenario {name}")
            if name == "floor":
                scenario_floor(ctx)
            elif name == "one-worker":
                kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
                for kind in kinds:
                    scenario_one_worker(ctx, kind)
            elif name == "storm":
                scenario_storm(ctx)
            elif name == "3000":
                scenario_3000(ctx)
            elif name == "two-workers":
                scenario_two_workers(ctx)
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
