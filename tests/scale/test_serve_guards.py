"""`mixer serve` (gevent) against strangers holding its sockets: what an operator would see.

Each test starts the real command on its own SQLite database and plays the stranger with
raw TCP, raw WebSocket frames or a Socket.IO client.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import resource
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import socketio as sio
import websocket

from tests.scale.workers import Worker, call, wait_until

Serve = Callable[..., Worker]


@pytest.fixture
def serve(migrated_db: Path, tmp_path: Path) -> Iterator[Serve]:
    """Start `mixer serve` with some settings; every server started is stopped after."""
    started: list[Worker] = []

    def start(**settings: object) -> Worker:
        n = len(started)
        path = tmp_path / f"serve-{n}.sqlite"
        shutil.copy(migrated_db, path)
        env = {"MIXER_DATABASE_URL": f"sqlite:///{path}", "MIXER_SECRET_KEY": "serve-test"}
        env |= {f"MIXER_{key}": str(value) for key, value in settings.items()}
        worker = Worker(env, tmp_path / f"serve-{n}.log")
        started.append(worker)
        return worker.ready()

    yield start
    for worker in started:
        worker.stop()


def engineio(worker: Worker) -> websocket.WebSocket:
    """A raw Engine.IO session over WebSocket, opened but not signed in to Socket.IO."""
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{worker.port}/socket.io/?EIO=4&transport=websocket", timeout=60
    )
    assert ws.recv().startswith("0{")  # Engine.IO's open packet
    return ws


def closed_by_server(ws: websocket.WebSocket, within: float) -> bool:
    """Answer pings as a live client would, until the server closes the session."""
    ws.settimeout(within)
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            message = ws.recv()
        except (websocket.WebSocketConnectionClosedException, ConnectionError):
            return True
        except websocket.WebSocketTimeoutException:
            return False
        if message in ("", "1"):  # the connection's end, or Engine.IO's close packet
            return True
        if message == "2":
            ws.send("3")
    return False


def joined(worker: Worker) -> str:
    """A person's token in a new event."""
    status, created = call("POST", f"{worker.url}/api/v1/events", {"name": "Guards"})
    assert status == 201
    body = {"name": "Gia", "intent": "give", "offers": ["hiring"], "seeks": []}
    status, person = call(
        "POST", f"{worker.url}/api/v1/events/{created['event']['code']}/attendees", body
    )
    assert status == 201
    return str(person["token"])


def tracebacks(worker: Worker) -> list[str]:
    return worker.errors()


def test_a_session_that_never_signs_in_is_closed_and_a_signed_in_phone_stays(
    serve: Serve,
) -> None:
    worker = serve(SOCKET_SIGN_IN_SECONDS=2)
    phone = sio.Client(reconnection=False)
    phone.connect(worker.url, auth={"token": joined(worker)}, transports=["websocket"])
    stranger = engineio(worker)
    try:
        # Engine.IO alone would keep it for as long as it answers pings (every 25 s).
        assert closed_by_server(stranger, within=20)
        assert phone.connected
    finally:
        stranger.close()
        phone.disconnect()
    assert tracebacks(worker) == []


def test_a_refused_handshake_is_closed_once_the_refusal_is_sent(serve: Serve) -> None:
    worker = serve(SOCKET_SIGN_IN_SECONDS=600)
    stranger = engineio(worker)
    try:
        stranger.send("40" + json.dumps({"token": "not-a-token"}))
        assert stranger.recv().startswith("44")  # Socket.IO's CONNECT_ERROR
        assert closed_by_server(stranger, within=20)
    finally:
        stranger.close()
    # Over long-polling too, the phone still learns why before the session closes.
    refusals: list[object] = []
    client = sio.Client(reconnection=False)
    client.on("connect_error", refusals.append)
    with pytest.raises(sio.exceptions.ConnectionError):
        client.connect(worker.url, auth={"token": "not-a-token"}, transports=["polling"])
    assert refusals == [{"message": "Join the event first.", "data": {"code": "unauthorized"}}]
    assert tracebacks(worker) == []


def test_a_silent_connection_is_closed(serve: Serve) -> None:
    worker = serve(HTTP_IDLE_TIMEOUT=1)
    with socket.create_connection(("127.0.0.1", worker.port)) as silent:
        silent.settimeout(20)
        assert silent.recv(1024) == b""  # closed by the server, nothing sent
    with socket.create_connection(("127.0.0.1", worker.port)) as slow:
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never end
        slow.settimeout(20)
        assert slow.recv(1024) == b""
    assert call("GET", f"{worker.url}/healthz")[0] == 200


def test_one_address_holds_at_most_its_share_of_sockets(serve: Serve) -> None:
    worker = serve(SOCKETS_PER_ADDRESS=5, HTTP_IDLE_TIMEOUT=120)
    held = [socket.create_connection(("127.0.0.1", worker.port)) for _ in range(5)]
    try:
        with socket.create_connection(("127.0.0.1", worker.port)) as sixth:
            sixth.settimeout(20)
            answer = sixth.recv(4096)
            assert answer.startswith(b"HTTP/1.1 503")
            assert sixth.recv(4096) in (b"", answer[len(answer) :])  # and closed
        # The five still work, and once one is let go a newcomer gets in.
        held[0].sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        held[0].settimeout(20)
        assert held[0].recv(4096).startswith(b"HTTP/1.1 200")
        held.pop(0).close()
        wait_until(lambda: call("GET", f"{worker.url}/healthz")[0] == 200, 20, "a newcomer")
    finally:
        for s in held:
            s.close()
    log = worker.log.read_text()
    assert len(re.findall(r"refusing connections from 127\.0\.0\.1", log)) == 1
    assert tracebacks(worker) == []


def test_the_log_states_the_descriptor_limit_raised_to_the_hard_one(serve: Serve) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard <= 256:
        pytest.skip("the hard limit leaves nothing to raise")
    # The server starts at a low soft limit, as many systems start every process.
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
    try:
        worker = serve()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    found = re.search(r"may hold ([\d,]+) descriptors", worker.log.read_text())
    assert found, worker.log.read_text()
    figure = int(found.group(1).replace(",", ""))
    assert figure > 256
    if hard != resource.RLIM_INFINITY:
        assert figure == hard


def test_unreadable_frames_close_their_socket_with_one_line_each(serve: Serve) -> None:
    worker = serve(SOCKET_SIGN_IN_SECONDS=600)
    before = worker.log.stat().st_size
    # A Socket.IO packet that is not JSON, an Engine.IO packet of no known type, an event
    # without a name (python-socketio trips over it: a bug's traceback, once).
    for frame in ["4{{{"] * 4 + ["garbage"] * 4 + ["4"] * 3:
        stranger = engineio(worker)
        try:
            stranger.send(frame)
            assert closed_by_server(stranger, within=20), frame
        finally:
            stranger.close()
    # The same over long-polling: the request is answered, the frame logged in one line.
    session = urllib.request.urlopen(f"{worker.url}/socket.io/?EIO=4&transport=polling")
    sid = json.loads(session.read()[1:])["sid"]
    for _ in range(4):
        urllib.request.urlopen(
            urllib.request.Request(
                f"{worker.url}/socket.io/?EIO=4&transport=polling&sid={sid}",
                data=b"garbage",
                method="POST",
            )
        ).read()
    log = worker.log.read_text()[before:]
    assert len(tracebacks(worker)) <= 1, log
    lines = [line for line in log.splitlines() if "failed" in line or "malformed" in line]
    assert len(lines) == 4 + 4 + 3 + 4, log
    assert len(log) < 6000  # a traceback per frame was about 3.3 KB


def test_frames_after_a_closed_websocket_are_not_read_as_http(serve: Serve) -> None:
    worker = serve()
    for _ in range(10):
        client = engineio(worker)
        raw = client.sock
        try:
            client.send_close()  # the WebSocket ends; this client goes on sending frames
            for _ in range(3):
                with contextlib.suppress(OSError):
                    raw.send(b"\x81\x85\x00\x00\x00\x00a b\r\n")
            raw.settimeout(20)
            with contextlib.suppress(OSError):
                while data := raw.recv(4096):
                    assert b"HTTP/1.1" not in data  # no answer as to a request
        finally:
            raw.close()
    log = worker.log.read_text()
    assert "Invalid" not in log, log
    assert tracebacks(worker) == []


def test_out_of_descriptors_the_server_says_so_once_and_recovers(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A host that allows few descriptors: the server cannot raise its limit past 64."""

    def few_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))

    popen = subprocess.Popen
    monkeypatch.setattr(subprocess, "Popen", functools.partial(popen, preexec_fn=few_descriptors))
    worker = serve(SOCKETS_PER_ADDRESS=1000, HTTP_IDLE_TIMEOUT=120)
    monkeypatch.setattr(subprocess, "Popen", popen)
    held = []
    try:
        for _ in range(120):  # more than the server can hold: accepting fails for a while
            held.append(socket.create_connection(("127.0.0.1", worker.port), timeout=5))
        wait_until(lambda: "out of file descriptors" in worker.log.read_text(), 20, "the line")
    finally:
        for s in held:
            s.close()
    wait_until(lambda: call("GET", f"{worker.url}/healthz")[0] == 200, 30, "the server back")
    log = worker.log.read_text()
    assert log.count("out of file descriptors") == 1, log
    assert tracebacks(worker) == []


def test_asking_for_a_websocket_elsewhere_does_not_lift_the_timeout(serve: Serve) -> None:
    worker = serve(HTTP_IDLE_TIMEOUT=1)
    with socket.create_connection(("127.0.0.1", worker.port)) as slow:
        slow.sendall(
            b"POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
            b"Upgrade: websocket\r\nContent-Type: application/json\r\nContent-Length: 99\r\n\r\n"
        )  # and the body never comes
        slow.settimeout(20)
        answer = b""
        while data := slow.recv(4096):
            answer += data
        assert not answer.startswith(b"HTTP/1.1 201")  # closed, nothing created
    assert tracebacks(worker) == []


def test_by_default_one_address_holds_at_most_half_the_descriptors(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No cap set: one address is refused at half what the process may hold, before the
    server runs out, so the other half stays for everyone else; the log says the figure."""

    def few_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))

    popen = subprocess.Popen
    monkeypatch.setattr(subprocess, "Popen", functools.partial(popen, preexec_fn=few_descriptors))
    worker = serve(HTTP_IDLE_TIMEOUT=120)
    monkeypatch.setattr(subprocess, "Popen", popen)
    held = []
    try:
        for _ in range(40):
            held.append(socket.create_connection(("127.0.0.1", worker.port), timeout=5))
        wait_until(
            lambda: "refusing connections from 127.0.0.1" in worker.log.read_text(), 20, "a refusal"
        )
    finally:
        for s in held:
            s.close()
    log = worker.log.read_text()
    assert "One address may hold 32 connections" in log, log
    assert "out of file descriptors" not in log
    assert tracebacks(worker) == []
