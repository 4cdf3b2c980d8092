"""Headers on every response: a Content-Security-Policy with no inline script, and friends.

Names, headlines and notes come from anyone in the room. Templates escape them and the
scripts set them as text; the policy is the second wall: even if some markup slipped
through, no script but Mixer's own files would run, and no other site may frame a page.
"""

from __future__ import annotations

from flask import Flask, Response, request

STATIC_POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)


def content_security_policy(host: str) -> str:
    """The policy; sockets may connect to this host only (ws/wss named for older Safari)."""
    return "; ".join((*STATIC_POLICY, f"connect-src 'self' ws://{host} wss://{host}"))


def register(app: Flask) -> None:
    """Attach the headers to every response."""

    @app.after_request
    def secure(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy(request.host))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        # Console and join links may carry a token: never send them on to another site.
        headers.setdefault("Referrer-Policy", "no-referrer")
        return response
