"""Absolute links (join URLs, console links, QR codes), built with or without a request.

A push may be planned by a request or by a pass beside the server, so the shapes and the
pushes cannot ask the request for its host. The base is decided here, once: MIXER_PUBLIC_URL
when set (QR codes must carry a reachable address); else the address the current request
came in by, which the web layer notes as each request begins (`note_request`); else the
address `mixer serve` listens on by default.
"""

from __future__ import annotations

from contextvars import ContextVar, Token

from flask import current_app

_REQUEST_BASE: ContextVar[str | None] = ContextVar("mixer_request_base", default=None)
FALLBACK = "http://localhost:8000"


def public_base() -> str:
    return current_app.config.get("PUBLIC_URL") or _REQUEST_BASE.get() or FALLBACK


def absolute(endpoint: str, **values: object) -> str:
    """The full address of a route; extra values become its query string, as `url_for`'s."""
    path = current_app.url_map.bind("").build(endpoint, values)
    return public_base() + path


def note_request(host_url: str) -> Token[str | None]:
    """Links built while a request is served use the address it came in by (until
    `forget_request` with the token returned)."""
    return _REQUEST_BASE.set(host_url.rstrip("/"))


def forget_request(token: Token[str | None]) -> None:
    _REQUEST_BASE.reset(token)
