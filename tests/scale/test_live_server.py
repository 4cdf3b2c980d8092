"""A real server on a real port: WebSocket transport, origin check, pushes end to end."""

from __future__ import annotations

import json
import threading
import urllib.request
from typing import Any

import pytest
import socketio as sio


def post(url: str, body: dict[str, Any], token: str | None = None) -> dict[str, Any]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_websocket_push_reaches_a_connected_phone(live_url: str) -> None:
    event = post(f"{live_url}/api/v1/events", {"name": "Live"})["event"]
    giver = post(
        f"{live_url}/api/v1/events/{event['code']}/attendees",
        {"name": "Gia", "intent": "give", "offers": ["hiring"], "seeks": ["design"]},
    )
    got = threading.Event()
    pushes: list[dict[str, Any]] = []
    client = sio.Client(reconnection=False)

    @client.on("introduction")
    def on_intro(data: dict[str, Any]) -> None:
        pushes.append(data)
        got.set()

    client.connect(
        live_url, auth={"token": giver["token"]}, transports=["websocket"], wait_timeout=10
    )
    try:
        assert client.transport() == "websocket"
        post(
            f"{live_url}/api/v1/events/{event['code']}/attendees",
            {"name": "Sam", "intent": "seek", "offers": ["design"], "seeks": ["hiring"]},
        )
        assert got.wait(10)
        assert pushes[0]["other"]["name"] == "Sam"
        assert pushes[0]["for_them"] == ["hiring"]
    finally:
        client.disconnect()


def test_handshake_from_a_foreign_origin_is_refused(live_url: str) -> None:
    event = post(f"{live_url}/api/v1/events", {"name": "Live"})["event"]
    person = post(
        f"{live_url}/api/v1/events/{event['code']}/attendees",
        {"name": "Gia", "intent": "give", "offers": ["hiring"], "seeks": []},
    )
    client = sio.Client(reconnection=False)
    with pytest.raises(sio.exceptions.ConnectionError):
        client.connect(
            live_url,
            auth={"token": person["token"]},
            headers={"Origin": "http://evil.example"},
            transports=["polling"],
            wait_timeout=5,
        )
    same_origin = sio.Client(reconnection=False)
    same_origin.connect(
        live_url, auth={"token": person["token"]}, headers={"Origin": live_url}, wait_timeout=5
    )
    assert same_origin.connected
    same_origin.disconnect()


def test_a_refused_phone_learns_why_so_it_can_resync(live_url: str) -> None:
    """The browser client resyncs over HTTP only when the refusal says `unauthorized`."""
    refusals: list[Any] = []
    client = sio.Client(reconnection=False)
    client.on("connect_error", refusals.append)
    with pytest.raises(sio.exceptions.ConnectionError):
        client.connect(live_url, auth={"token": "not-a-token"}, wait_timeout=5)
    assert refusals == [{"message": "Join the event first.", "data": {"code": "unauthorized"}}]
