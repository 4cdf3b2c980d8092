"""Incoming Socket.IO: connecting puts a phone or console into the rooms it may hear.

Nothing else is received: every action goes through the HTTP API, and pushes go out
through services/pushes.py, so a handler never loops back through itself.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask_socketio import ConnectionRefusedError, join_room

from ..infra import coordination
from ..infra.extensions import socketio
from ..services.pushes import (
    SOCKETS_KEPT,
    attendee_room,
    attendee_sockets,
    event_room,
    organizer_room,
)
from . import doorman
from .auth import socket_identity


def register(app: Flask) -> None:
    """Attach the handlers, and the doorman that closes sessions which never sign in."""
    socketio.on_event("connect", connect)
    doorman.watch(socketio.server, float(app.config["SOCKET_SIGN_IN_SECONDS"]))


def connect(auth: Any = None) -> None:
    """Sent by a phone (attendee token or cookie) or a console (organizer token or cookie).

    An attendee hears its event's room and its own; an organizer hears the event's room
    and the organizer room. Anything else is refused.
    """
    who = socket_identity(auth)
    if who is None:
        # The second argument reaches the browser as `err.data`: the phone then resyncs over
        # HTTP and learns why (left, removed, forgotten: it shows the join form again).
        raise ConnectionRefusedError("Join the event first.", {"code": "unauthorized"})
    role, subject = who
    if role == "attendee":
        join_room(event_room(subject.event.code))
        join_room(attendee_room(subject.id))
        # So that removing the person can close this socket from any worker.
        coordination.claims().note(attendee_sockets(subject.id), request.sid, SOCKETS_KEPT)
    else:
        join_room(event_room(subject.code))
        join_room(organizer_room(subject.code))
