"""`mixer serve` under gevent: a WSGI server that keeps its file descriptors for real phones.

gevent's own server keeps any connection for as long as the client likes and lets one
address open as many as it likes, so a single laptop could hold every descriptor of the
process and lock the venue's phones out. This one closes connections that stay silent
(MIXER_HTTP_IDLE_TIMEOUT), caps the connections of one address (MIXER_SOCKETS_PER_ADDRESS:
by peer address, or by the forwarded client address when MIXER_PROXIES trusts a proxy) and
says so in one line per address and minute, never a traceback per refusal.

Imported only when gevent serves (launch.py has patched the standard library by then).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import resource
import threading
from collections import Counter
from typing import Any

import gevent
from flask import Flask
from gevent import pywsgi

from ..infra import cooperative
from ..infra.extensions import socketio
from ..infra.logs import NOTE_EVERY, Sparing
from ..web.doorman import SESSION_KEY, unreadable

log = logging.getLogger(__name__)

_SAID = b"Too many connections from your address just now: try again in a moment.\n"
REFUSAL = (
    b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\n"
    b"Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s" % (len(_SAID), _SAID)
)
# accept() failing for want of descriptors: pause accepting rather than spin on the error.
OUT_OF_DESCRIPTORS = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)
ACCEPT_PAUSE = 0.5


def per_address_cap(setting: int | str | None) -> int:
    """The setting, else half the descriptors this process may hold: a venue
    whose phones share one public address fits as far as the server can hold them, and one
    address still cannot take every descriptor from the others."""
    if setting not in (None, ""):
        return int(setting)  # type: ignore[arg-type]
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1 << 20
    return max(1, soft // 2)


class Quota:
    """How many connections each address holds; refuses one over the cap."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._held: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._notes = Sparing(NOTE_EVERY)

    def take(self, address: str) -> bool:
        with self._lock:
            if self._held[address] >= self.cap:
                refused = True
            else:
                self._held[address] += 1
                refused = False
        if refused and self._notes.due(address):
            log.warning(
                "refusing connections from %s: it holds %d (MIXER_SOCKETS_PER_ADDRESS)",
                address,
                self.cap,
            )
        return not refused

    def give_back(self, address: str) -> None:
        with self._lock:
            self._held[address] -= 1
            if self._held[address] <= 0:
                del self._held[address]


def forwarded_client(environ: dict[str, Any], hops: int) -> str:
    """The client address as ProxyFix reads it for `hops` trusted proxies, else the peer."""
    values = [v.strip() for v in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    values = [v for v in values if v]
    if len(values) >= hops:
        return values[-hops]
    return str(environ.get("REMOTE_ADDR", ""))


class Handler(pywsgi.WSGIHandler):
    """One connection: silent too long is closed; a WebSocket is left to Engine.IO's pings."""

    server: Server

    def read_requestline(self) -> str:
        # Waiting for the next request of a kept-alive connection, or a first that never comes.
        self.socket.settimeout(self.server.idle_timeout)
        return super().read_requestline()

    def _handle_client_error(self, ex: Exception) -> Any:
        # Silent or gone in the middle of its headers: close, with no traceback (gevent's
        # default prints one for every such connection).
        if isinstance(ex, (TimeoutError, ConnectionError)):
            self.close_connection = True
            return None
        return super()._handle_client_error(ex)

    def handle_one_response(self) -> None:
        upgrade = self._connection_upgrade_requested()
        if upgrade and self.command == "GET" and self.path.startswith("/socket.io/"):
            self.socket.settimeout(None)  # Engine.IO's pings decide when a WebSocket is dead
            self.environ[SESSION_KEY] = {}
        try:
            self._respond()
        finally:
            if upgrade:
                # What follows a WebSocket on its connection is frames, never a request: gevent
                # would read them as HTTP and log "Invalid HTTP method" for each connection.
                self.close_connection = True

    def _respond(self) -> None:
        if not self.server.proxies:
            super().handle_one_response()
            return
        address = forwarded_client(self.environ, self.server.proxies)
        if not self.server.quota.take(address):
            self.close_connection = True
            self.socket.sendall(REFUSAL)
            return
        try:
            super().handle_one_response()
        finally:
            self.server.quota.give_back(address)

    def handle_error(self, t: type[BaseException], v: BaseException, tb: Any) -> None:
        """An exception no response was made for, e.g. an unreadable WebSocket frame: one line."""
        del t, tb
        path = self.path.split("?")[0] if self.path else "?"
        if isinstance(v, Exception):
            unreadable(f"{self.command} {path} from {self.client_address[0]} failed", v)
        if self._connection_upgrade_requested():
            self.close_connection = True  # a WebSocket's stream: no HTTP answer fits in it
            # The session's writer still holds the WebSocket's other descriptor: close it.
            doorman = getattr(socketio.server, "doorman", None)
            if doorman is not None:
                doorman.close_of(self.environ)
        else:
            self._send_error_response_if_possible(500)


class Server(pywsgi.WSGIServer):
    """gevent's WSGI server with the idle timeout, the per-address cap and quiet refusals."""

    handler_class = Handler

    def __init__(self, listener: tuple[str, int], app: Flask, **kwargs: Any) -> None:
        super().__init__(listener, app, handler_class=Handler, log=None, **kwargs)
        self.idle_timeout = float(app.config["HTTP_IDLE_TIMEOUT"])
        self.proxies = int(app.config["PROXIES"])
        self.quota = Quota(per_address_cap(app.config["SOCKETS_PER_ADDRESS"]))
        self._descriptor_notes = Sparing(NOTE_EVERY)

    def handle(self, sock: Any, address: tuple[str, int]) -> None:
        """Count the connection against its address (the proxy's own is never capped)."""
        if self.proxies:
            super().handle(sock, address)
            return
        peer = address[0]
        if not self.quota.take(peer):
            sock.settimeout(1)
            with contextlib.suppress(OSError):
                sock.sendall(REFUSAL)
            return  # gevent closes the socket
        try:
            super().handle(sock, address)
        finally:
            self.quota.give_back(peer)

    def do_read(self) -> Any:
        """Accept; out of descriptors: one line, pause briefly, never a traceback per try."""
        try:
            return super().do_read()
        except OSError as exc:
            if exc.errno not in OUT_OF_DESCRIPTORS:
                raise
            if self._descriptor_notes.due("accept"):
                log.error("out of file descriptors: not accepting connections for a moment")
            self.stop_accepting()
            gevent.spawn_later(ACCEPT_PAUSE, self._resume_accepting)
            return None

    def _resume_accepting(self) -> None:
        if self.started:
            self.start_accepting()


def serve(app: Flask, host: str, port: int) -> None:
    """Serve the app (and Engine.IO, through Flask-SocketIO's middleware) until stopped."""
    cooperative.loop_first()
    Server((host, port), app).serve_forever()
