"""The floor for bench/load.py: a bare Flask-SocketIO app on the same serving path as Mixer.

gevent is patched first (as mixer.run.launch does), then `socketio.run(...)` serves it exactly
as `mixer serve` does. A phone connects with auth {"token": <room>} and joins that room and
"all"; `POST /emit {"room", "key"}` pushes an `introduction` to one room (what a join does
to one counterpart, minus the database and the matching), `POST /announce {"message"}`
pushes to everyone. No database, no auth lookup: whatever Mixer costs above this is Mixer.

Run: python bench/floor_app.py --port 8101
"""

from __future__ import annotations

import argparse
import os

if os.environ.get("MIXER_ASYNC_MODE", "gevent") == "gevent":
    from gevent import monkey

    monkey.patch_all()

import itertools
import logging

from flask import Flask, jsonify, request
from flask_socketio import ConnectionRefusedError, SocketIO, join_room

app = Flask(__name__)
socketio = SocketIO(app, async_mode=os.environ.get("MIXER_ASYNC_MODE", "gevent"))
counter = itertools.count(1)


@socketio.on("connect")
def connect(auth: object = None) -> None:
    token = auth.get("token") if isinstance(auth, dict) else None
    if not isinstance(token, str) or not token:
        raise ConnectionRefusedError({"code": "unauthorized"})
    join_room(token)
    join_room("all")


@app.post("/emit")
def emit() -> tuple[object, int]:
    body = request.get_json(force=True)
    n = next(counter)
    payload = {"id": n, "status": "suggested", "other": {"name": body["key"]}, "seq": n}
    socketio.emit("introduction", payload, to=body["room"])
    return jsonify(ok=True), 200


@app.post("/announce")
def announce() -> tuple[object, int]:
    body = request.get_json(force=True)
    socketio.emit("announcement", {"message": body["message"], "seq": next(counter)}, to="all")
    return jsonify(ok=True), 201


@app.get("/healthz")
def healthz() -> tuple[object, int]:
    return jsonify(ok=True), 200


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8101)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    print(f"floor app ({socketio.async_mode}) on {args.host}:{args.port}", flush=True)
    socketio.run(app, host=args.host, port=args.port, allow_unsafe_werkzeug=True, log_output=False)
