"""The server killed mid-event (SIGKILL) and started again on the same database: nothing is
lost, tokens still work, phones reconnect by themselves and hear what happens next."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import socketio as sio

from tests.scale.workers import Worker, call, wait_until


def start(database: Path, log: Path, port: int | None = None) -> Worker:
    env = {
        "MIXER_DATABASE_URL": f"sqlite:///{database}",
        "MIXER_SECRET_KEY": "kept-across-restarts",
        "MIXER_REDIS_URL": "",
    }
    return Worker(env, log, port).ready()


def test_sigkill_mid_event_loses_nothing_and_phones_carry_on(tmp_path: Path) -> None:
    database = tmp_path / "mixer.sqlite"
    migrate = Worker.migrate({"MIXER_DATABASE_URL": f"sqlite:///{database}"})
    assert migrate.returncode == 0, migrate.stderr
    server = start(database, tmp_path / "first.log")
    base = server.url
    status, created = call("POST", f"{base}/api/v1/events", {"name": "Kill me"})
    code, organizer = created["event"]["code"], created["organizer_token"]
    people = {}
    for name, intent, offers, seeks in [
        ("Gia", "give", ["hiring"], ["design"]),
        ("Sam", "seek", ["design"], ["hiring"]),
    ]:
        body = {"name": name, "intent": intent, "offers": offers, "seeks": seeks}
        status, joined = call("POST", f"{base}/api/v1/events/{code}/attendees", body)
        assert status == 201
        people[name] = joined["token"]
    status, me = call("GET", f"{base}/api/v1/me", token=people["Gia"])
    (card,) = me["introductions"]
    status, _ = call("POST", f"{base}/api/v1/introductions/{card['id']}/accept", {}, people["Gia"])
    assert status == 200

    heard: list[dict[str, Any]] = []
    connects = threading.Semaphore(0)
    phone = sio.Client(reconnection=True, reconnection_delay=0.5, reconnection_delay_max=1)
    phone.on("connect", connects.release)
    phone.on("announcement", heard.append)
    phone.connect(base, auth={"token": people["Sam"]}, transports=["websocket"])
    assert connects.acquire(timeout=10)

    server.process.kill()  # SIGKILL: no shutdown, no flush of anything in memory
    server.process.wait()
    server.stop()
    again = start(database, tmp_path / "second.log", port=server.port)
    try:
        assert connects.acquire(timeout=20), "the phone did not reconnect"
        status, me = call("GET", f"{base}/api/v1/me", token=people["Sam"])
        assert status == 200  # the token still works
        (card,) = me["introductions"]
        assert card["other"]["name"] == "Gia" and card["they_accepted"] is True
        assert card["status"] == "suggested" and card["you_accepted"] is False
        status, _ = call(
            "POST", f"{base}/api/v1/events/{code}/announcements", {"message": "Back"}, organizer
        )
        assert status == 201  # the organizer token too
        wait_until(lambda: [h["message"] for h in heard] == ["Back"], 10, "the announcement")
        status, _ = call(
            "POST", f"{base}/api/v1/introductions/{card['id']}/accept", {}, people["Sam"]
        )
        assert status == 200
        status, me = call("GET", f"{base}/api/v1/me", token=people["Gia"])
        assert me["introductions"][0]["status"] == "accepted"
    finally:
        phone.disconnect()
        again.stop()
