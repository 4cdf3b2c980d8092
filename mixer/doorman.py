"""Engine.IO sessions that never sign in are shown the door.

Opening an Engine.IO session costs nothing and proves nothing: the Socket.IO CONNECT that
follows carries the token or cookie (sockets.connect). Engine.IO itself keeps any session
for as long as it answers pings, so strangers could hold sockets (and file descriptors) for
ever without signing in. Here every session must be signed in within
MIXER_SOCKET_SIGN_IN_SECONDS; a refused one is closed once its refusal has had time to reach
the client (which reads it as `connect_error` and resyncs over HTTP).

This wraps the Engine.IO handlers python-socketio registered, so Socket.IO sees every event
as before; the test client of Flask-SocketIO bypasses Engine.IO and is not affected.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from socketio import Server

# After a refusal, long enough for a long-polling client to fetch it before the close.
REFUSED_GRACE = 1.0
PATROL_EVERY = 0.5  # seconds between two looks at the sessions waiting to sign in


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
        self._close_at(eio_sid, time.monotonic() + self.sign_in_seconds)
        return result

    def received(self, eio_sid: str, data: Any) -> None:
        """A Socket.IO packet; a session that spoke but is still not signed in was refused."""
        self._received(eio_sid, data)
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


def watch(server: Server, sign_in_seconds: float) -> Doorman:
    """Put a doorman on this server's Engine.IO sessions."""
    return Doorman(server, sign_in_seconds)
