"""docs/nginx.conf, as written, in front of two workers: sticky sessions and WebSocket."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import socketio as sio

from tests.conftest import unavailable
from tests.scale.workers import ROOT, Worker, call, free_port, wait_until

CONFIG = ROOT / "docs" / "nginx.conf"


@pytest.fixture
def nginx(two_workers: tuple[Worker, Worker], tmp_path: Path) -> Iterator[str]:
    """nginx with the documented site config; only the ports are swapped."""
    yield from run_nginx(two_workers, tmp_path, CONFIG.read_text())


PER_ADDRESS = "limit_conn mixer_per_address 500;"


@pytest.fixture
def nginx_capped(two_workers: tuple[Worker, Worker], tmp_path: Path) -> Iterator[str]:
    """The documented config with its per-address connection cap lowered to 3."""
    site = CONFIG.read_text()
    assert PER_ADDRESS in site, "the documented config caps connections per address"
    yield from run_nginx(
        two_workers, tmp_path, site.replace(PER_ADDRESS, PER_ADDRESS.replace("500", "3"))
    )


def run_nginx(two_workers: tuple[Worker, Worker], tmp_path: Path, site: str) -> Iterator[str]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        unavailable("nginx", "not installed (apt-get install nginx)")
    port = free_port()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    upstreams = re.findall(r"server 127\.0\.0\.1:\d+;", site)
    assert len(upstreams) == 2, "the documented config lists two workers"
    for line, worker in zip(upstreams, two_workers, strict=True):
        site = site.replace(line, f"server 127.0.0.1:{worker.port};", 1)
    (tmp_path / "mixer.conf").write_text(site)
    temp = "".join(
        f"{kind}_temp_path {tmp_path / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"worker_processes 1;\ndaemon off;\npid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\naccess_log off;\n{temp}include {tmp_path / 'mixer.conf'};\n}}\n"
    )
    process = subprocess.Popen(
        [binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # it logs to error.log in tmp_path
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: call("GET", f"{url}/healthz")[0] == 200, 15, "nginx")
        yield url
    finally:
        process.terminate()
        process.wait(10)


def test_long_polling_phones_stay_with_their_worker_and_hear_announcements(
    nginx: str, two_workers: tuple[Worker, Worker]
) -> None:
    status, created = call("POST", f"{nginx}/api/v1/events", {"name": "Behind nginx"})
    assert status == 201
    code, organizer = created["event"]["code"], created["organizer_token"]
    heard: list[str] = []
    lock = threading.Lock()
    phones = []
    for n in range(12):
        body = {"name": f"P{n}", "intent": "seek", "offers": ["python"], "seeks": ["hiring"]}
        status, joined = call("POST", f"{nginx}/api/v1/events/{code}/attendees", body)
        assert status == 201
        phone = sio.Client(reconnection=False)

        def record(data: dict[str, str], n: int = n) -> None:
            with lock:
                heard.append(f"{n}:{data['message']}")

        phone.on("announcement", record)
        # Polling only: every request of the session must reach the same worker.
        phone.connect(nginx, auth={"token": joined["token"]}, transports=["polling"])
        phones.append(phone)
    try:
        url = f"{nginx}/api/v1/events/{code}/announcements"
        assert call("POST", url, {"message": "Coffee is served"}, token=organizer)[0] in (200, 201)
        wait_until(lambda: len(heard) == 12, 15, "every phone to hear the announcement")
        assert all(phone.connected for phone in phones)  # no "invalid session" on the way
    finally:
        for phone in phones:
            phone.disconnect()
    assert all(w.errors() == [] for w in two_workers)


def test_phones_upgrade_to_websocket_through_nginx(nginx: str) -> None:
    status, created = call("POST", f"{nginx}/api/v1/events", {"name": "Upgrade"})
    assert status == 201
    console = sio.Client(reconnection=False)
    console.connect(nginx, auth={"token": created["organizer_token"]})
    try:
        wait_until(lambda: console.transport() == "websocket", 10, "the upgrade to WebSocket")
    finally:
        console.disconnect()


def test_phones_whose_worker_dies_reconnect_through_nginx_to_the_other(
    nginx: str, two_workers: tuple[Worker, Worker]
) -> None:
    """20 phones spread at random over two workers (all on one: one chance in a million)."""
    status, created = call("POST", f"{nginx}/api/v1/events", {"name": "Failover"})
    assert status == 201
    code, organizer = created["event"]["code"], created["organizer_token"]
    heard: list[int] = []
    connects: list[int] = []
    phones = []
    for n in range(20):
        body = {"name": f"P{n}", "intent": "seek", "offers": ["python"], "seeks": ["hiring"]}
        status, joined = call("POST", f"{nginx}/api/v1/events/{code}/attendees", body)
        assert status == 201
        phone = sio.Client(reconnection=True, reconnection_delay=0.5, reconnection_delay_max=1)
        phone.on("connect", lambda n=n: connects.append(n))
        phone.on("announcement", lambda _data, n=n: heard.append(n))
        phone.connect(nginx, auth={"token": joined["token"]})
        phones.append(phone)
    try:
        wait_until(lambda: all(p.transport() == "websocket" for p in phones), 10, "upgrades")
        dead = two_workers[0].process
        dead.kill()
        dead.wait()
        wait_until(lambda: len(connects) > 20, 20, "some phone to lose its worker and reconnect")
        wait_until(lambda: all(p.connected for p in phones), 20, "every phone to be back")
        url = f"{nginx}/api/v1/events/{code}/announcements"
        assert call("POST", url, {"message": "Still here"}, token=organizer)[0] in (200, 201)
        wait_until(lambda: sorted(heard) == list(range(20)), 10, "all to hear the survivor")
    finally:
        for phone in phones:
            phone.disconnect()


def test_one_address_holds_at_most_its_share_of_connections(nginx_capped: str) -> None:
    port = int(nginx_capped.rsplit(":", 1)[1])
    # Three requests whose bodies never come: nginx holds each as a connection in progress.
    held = []
    for _ in range(3):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n\r\n")
        held.append(s)
    try:
        wait_until(lambda: status(f"{nginx_capped}/healthz") == 503, 15, "the cap")
    finally:
        for s in held:
            s.close()
    wait_until(lambda: status(f"{nginx_capped}/healthz") == 200, 15, "room again")


def status(url: str) -> int:
    """The status of a GET, whatever its body (nginx answers its refusals in HTML)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code
