"""Real worker processes (`mixer serve`, gevent) and a Redis of our own, for scale-out tests."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A port nobody listens on, and never one this test run handed out before (the OS may
    offer a just-closed port twice, and two workers would then race for it)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


def wait_until(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def call(
    method: str,
    url: str,
    body: dict[str, Any] | None = None,
    token: str | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, Any]]:
    """One JSON request; returns (status, body) for errors too."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"{}")


class Worker:
    """`mixer serve --no-migrate` on a port of its own, with the given environment."""

    def __init__(self, env: dict[str, str], log: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._out = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mixer.run.launch", "serve", "--no-migrate"]
            + ["--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT,
            env=os.environ | {"OPENBLAS_NUM_THREADS": "1"} | env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    @staticmethod
    def migrate(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        """`mixer db upgrade` against the given database, as an operator would run it."""
        return subprocess.run(
            [sys.executable, "-m", "mixer.run.launch", "db", "upgrade"],
            cwd=ROOT,
            env=os.environ | env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def ready(self, timeout: float = 30) -> Worker:
        def up() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited:\n{self.log.read_text()}")
            return call("GET", f"{self.url}/healthz")[0] in (200, 503)

        wait_until(up, timeout, f"worker on port {self.port}")
        if self.process.poll() is not None:  # someone else answered on our port
            raise AssertionError(f"worker exited:\n{self.log.read_text()}")
        return self

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._out.close()

    def errors(self) -> list[str]:
        """Tracebacks the worker logged, each whole: a test that saw none expects none here."""
        lines = self.log.read_text().splitlines()
        found = []
        for n, line in enumerate(lines):
            if "Traceback" in line:
                end = next((m for m in range(n + 1, len(lines)) if not lines[m].startswith(" ")), n)
                found.append("\n".join(lines[n : end + 1]))
        return found


class RedisServer:
    """A throwaway redis-server on its own port, so a test may stop and restart it."""

    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server is not installed")
        self.binary = binary
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def answers() -> bool:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")

        wait_until(answers, 10, "redis-server")
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
