"""Abuse limits: how often one address, one event or one token may do something.

A whole venue often shares one public address behind its NAT, so limits by address are
generous and limits on actions go by token instead. Each limit is a setting
(MIXER_LIMIT_*); counts live in Redis when MIXER_REDIS_URL is set (shared by every
worker), else in this process. Over a limit: 429 with Retry-After.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from flask import Flask, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from ..domain.tokens import hash_token
from .auth import ATTENDEES, ORGANIZERS, bearer, held
from .errors import error_body

TOO_MANY = N_("Too many requests just now: wait a moment, then try again.")

limiter = Limiter(
    key_func=get_remote_address,
    swallow_errors=True,  # storage away: serve without limits rather than fail
    in_memory_fallback_enabled=True,
)


def init_app(app: Flask) -> None:
    # One limiter serves every app of the process, and it takes its on/off switch from the
    # app last set up, defaulting to its own previous state: so each app states it, lest an
    # app with limits off (a test, the bench) leave them off for the next ones.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    app.config.setdefault("RATELIMIT_KEY_PREFIX", app.config["SOCKETIO_CHANNEL"])
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, too_many)


def too_many(_exc: RateLimitExceeded) -> ResponseReturnValue:
    """429, saying when to try again (JSON under /api, a page elsewhere)."""
    current = limiter.current_limit
    wait = max(1, math.ceil(current.reset_at - time.time())) if current else 60
    headers = {"Retry-After": str(wait)}
    if request.path.startswith("/api/"):
        response = jsonify(error_body("too_many_requests", str(TOO_MANY)))
        response.status_code = 429
        response.headers.update(headers)
        return response
    page = render_template("message.html", title=gettext("One moment"), message=TOO_MANY)
    return page, 429, headers


def _setting(name: str) -> Callable[[], str]:
    return lambda: str(current_app.config[name])


def _event() -> str:
    return "event:" + str((request.view_args or {}).get("code", ""))


def _token() -> str:
    """Who is acting: their token's hash, else their signed cookie, else their address."""
    token = bearer()
    if token:
        return "token:" + hash_token(token)
    signed_in = held(ATTENDEES) or held(ORGANIZERS)
    if signed_in:
        return "cookie:" + hash_token(repr(sorted(signed_in.items())))
    return "address:" + get_remote_address()


# One count per address for the API and the create form alike: two routes, one limit.
create = limiter.shared_limit(_setting("LIMIT_CREATE"), scope="create", error_message=TOO_MANY)
join_by_address = limiter.shared_limit(
    _setting("LIMIT_JOIN_ADDRESS"), scope="join-address", error_message=TOO_MANY
)
join_by_event = limiter.shared_limit(
    _setting("LIMIT_JOIN_EVENT"), scope="join-event", key_func=_event, error_message=TOO_MANY
)
actions = limiter.shared_limit(
    _setting("LIMIT_ACTIONS"), scope="actions", key_func=_token, error_message=TOO_MANY
)
announcements = limiter.limit(
    _setting("LIMIT_ANNOUNCEMENTS"), key_func=_token, error_message=TOO_MANY
)

imports = limiter.limit(_setting("LIMIT_IMPORTS"), key_func=_token, error_message=TOO_MANY)


def join_address() -> str:
    """Where a join came from, as the limits see it (behind MIXER_PROXIES, the client's)."""
    return get_remote_address()
