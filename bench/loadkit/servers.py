"""Server processes the bench starts (`mixer serve` or the floor app), each logging to a file."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
from swarm import raise_fd_limit

from loadkit.databases import Database

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
MIXER = str(VENV_BIN / "mixer") if (VENV_BIN / "mixer").exists() else shutil.which("mixer")

# --server-env KEY=VALUE, for every Mixer worker. The bench joins hundreds of phones a
# second from one address: far over the abuse limits (and one long burst of joins, held
# back from suggestions), which are not what it measures.
SERVER_ENV: dict[str, str] = {"MIXER_RATELIMIT_ENABLED": "false", "MIXER_JOIN_BURST_SIZE": "0"}


def serving_mode() -> str:
    """How the Mixer workers serve sockets in this run, for the tables' titles."""
    return "threading" if SERVER_ENV.get("MIXER_ASYNC_MODE") == "threading" else "gevent"


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(extra: dict[str, str]) -> dict[str, str]:
    """This environment without any MIXER_ setting of the caller's, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIXER_")}
    env.update({"OPENBLAS_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


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


def start_floor(tmp: Path) -> list[Server]:
    """The bare Flask-SocketIO app (bench/floor_app.py), answering."""
    port = free_port()
    server = Server(
        "floor",
        [sys.executable, str(ROOT / "bench" / "floor_app.py"), "--port", str(port)],
        env_for({}),
        port,
        tmp,
    )
    server.wait_ready()
    return [server]


def start_mixer(
    name: str, db: Database, tmp: Path, ports: list[int], extra: dict[str, str] | None = None
) -> list[Server]:
    """Migrates `db`, then one `mixer serve` worker per port, all answering."""
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
