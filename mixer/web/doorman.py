"""Engine.IO sessions that never sign in are shown the door.

Opening an Engine.IO session costs nothing and proves nothing: the Socket.IO CONNECT that
follows carries the token or cookie (sockets.connect). Engine.IO itself keeps any session
for as long as it answers pings, so strangers could hold sockets (and file descriptors) for
ever without signing in. Here every session must be signed in within
MIXER_SOCKET_SIGN_IN_SECONDS; a refused one is closed once its refusal has had time to reach
the client (which reads it as `connect_error` and resyncs over HTTP).

A frame that cannot be read (or whose handling fails) closes its session with one log line,
never a traceback per frame: anyone may send such frames as fast as they like.

This wraps the Engine.IO handlers python-socketio registered, so Socket.IO sees every event
as before; the test client of Flask-SocketIO bypasses Engine.IO and is not affected.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any
from urllib.parse import parse_qs

from socketio import Server

from ..infra.logs import failure, spare

log = logging.getLogger(__name__)

# After a refusal, long enough for a long-polling client to fetch it before the close.
REFUSED_GRACE = 1.0
PATROL_EVERY = 0.5  # seconds between two looks at the sessions waiting to sign in
# A dict the server puts in a request's environ (middleware copy the environ, not the dict):
# the session a request opened is noted in it.
SESSION_KEY = "mixer.engineio_session"


class Doorman:
    """Closes the Engine.IO sessions of one Socket.IO server that stay anonymous too long."""

    def __init__(self, server: Server, sign_in_seconds: float) -> None:
        self.server = server
        self.eio = server.eio
        self.sign_in_seconds = sign_in_seconds
        self._deadlines: dict[str, float] = {}  # Engine.IO session id -> when to close it
        self._lock = threading.Lock()
        self._patrolling = False
        self._opened = self.eio.handlers["connect"]
        self._received = self.eio.handlers["message"]
        self.eio.on("connect", self.opened)
        self.eio.on("message", self.received)

    def opened(self, eio_sid: str, environ: dict[str, Any]) -> Any:
        """A new Engine.IO session: it has sign_in_seconds to sign in."""
        result = self._opened(eio_sid, environ)
        noted = environ.get(SESSION_KEY)
        if isinstance(noted, dict):  # the server's note: a failed request can close its session
            noted["sid"] = eio_sid
        self._close_at(eio_sid, time.monotonic() + self.sign_in_seconds)
        return result

    def received(self, eio_sid: str, data: Any) -> None:
        """A Socket.IO packet; a session that spoke but is still not signed in was refused."""
        try:
            self._received(eio_sid, data)
        except Exception as exc:  # a stranger's frame must not fill the log
            unreadable(f"socket {eio_sid[:8]}… sent a frame that failed", exc)
            self.close(eio_sid)
            return
        if not self.signed_in(eio_sid):
            self._close_at(eio_sid, time.monotonic() + REFUSED_GRACE)

    def signed_in(self, eio_sid: str) -> bool:
        """Connected (or being connected) to the main namespace."""
        return self.server.manager.sid_from_eio_sid(eio_sid, "/") is not None

    def close(self, eio_sid: str) -> None:
        """Close the session and its transport without waiting for the client to read."""
        session = self.eio.sockets.get(eio_sid)
        if session is not None and not session.closed:
            session.close(wait=False, reason=self.eio.reason.SERVER_DISCONNECT)

    def close_of(self, environ: dict[str, Any]) -> None:
        """Close the session a failed request belonged to (its query names it, or it opened it)."""
        query = parse_qs(str(environ.get("QUERY_STRING", "")))
        noted = environ.get(SESSION_KEY) or {}
        eio_sid = (query.get("sid") or [noted.get("sid")])[0]
        if eio_sid:
            self.close(str(eio_sid))

    def _close_at(self, eio_sid: str, when: float) -> None:
        with self._lock:
            self._deadlines[eio_sid] = min(when, self._deadlines.get(eio_sid, when))
            if self._patrolling:
                return
            self._patrolling = True
        self.eio.start_background_task(self._patrol)

    def _patrol(self) -> None:
        """One task per server, alive while some session has yet to sign in."""
        while True:
            self.eio.sleep(PATROL_EVERY)
            now = time.monotonic()
            with self._lock:
                due = []
                for eio_sid, deadline in list(self._deadlines.items()):
                    if eio_sid not in self.eio.sockets or self.signed_in(eio_sid):
                        del self._deadlines[eio_sid]
                    elif deadline <= now:
                        del self._deadlines[eio_sid]
                        due.append(eio_sid)
                if not self._deadlines and not due:
                    self._patrolling = False
                    return
            for eio_sid in due:
                self.close(eio_sid)


def unreadable(what: str, exc: Exception) -> None:
    """A frame that does not decode is the sender's doing: one line. Anything else may be a bug
    of ours: one line too, with its traceback once a minute."""
    if isinstance(exc, ValueError):  # includes JSON errors: the frame, not our code
        log.warning("%s: %s (closed)", what, type(exc).__name__)
    else:
        failure(log, what + " (closed)", exc)


def watch(server: Server, sign_in_seconds: float) -> Doorman:
    """Put a doorman on this server's Engine.IO sessions; its libraries log sparingly."""
    spare("engineio.server", "socketio.server")
    server.doorman = Doorman(server, sign_in_seconds)  # type: ignore[attr-defined]
    return server.doorman  # type: ignore[attr-defined]
