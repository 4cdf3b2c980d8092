"""Settings: defaults, then MIXER_* environment variables, then a test mapping."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext

DEFAULTS: dict[str, Any] = {
    "SQLALCHEMY_DATABASE_URI": None,  # filled from DATABASE_URL or the instance folder
    "PUBLIC_URL": None,  # absolute base for links and QR codes; None: from the request
    # Names (comma-separated) requests may give as Host; others get 400. None, and no
    # PUBLIC_URL: loopback names, IP addresses and the first other name seen (see hosts.py).
    "HOSTS": None,
    "LIMIT_CREATE": "30 per hour",  # new events per address
    "LIMIT_JOIN_ADDRESS": "600 per minute",  # joins per address (a venue may share one)
    "LIMIT_JOIN_EVENT": "1200 per minute",  # joins per event
    "LIMIT_ACTIONS": "120 per minute",  # answers, profile changes, known people per token
    "LIMIT_ANNOUNCEMENTS": "10 per minute",  # per organizer token
    "CREATE_KEY": None,  # when set, creating an event needs it (form field or X-Mixer-Create-Key)
    "PROXIES": 0,  # proxies in front (nginx: 1): trust that many X-Forwarded-* hops, no more
    # A change waits for SQLite's write lock TIMEOUT x (RETRIES + 1) seconds (~30 s), yielding
    # (see services/locking.py), then 503; other statements keep TIMEOUT as busy timeout.
    "SQLITE_BUSY_TIMEOUT": 10,
    "SQLITE_BUSY_RETRIES": 2,
    # A socket must sign in (Socket.IO CONNECT with a token or cookie) within this many
    # seconds of opening, else it is closed; a refused one a second after its refusal.
    "SOCKET_SIGN_IN_SECONDS": 10,
    # Under `mixer serve` (gevent): a connection silent this long, between requests or in the
    # middle of one, is closed (WebSockets excepted: Engine.IO pings those).
    "HTTP_IDLE_TIMEOUT": 30,
    # Open connections one address may hold (with MIXER_PROXIES: the client address the
    # proxy forwards). A venue's phones often share one address: keep this above the crowd.
    # None: half the descriptors the process may hold, so one address never takes them all.
    "SOCKETS_PER_ADDRESS": None,
    "REDIS_URL": None,  # Socket.IO message queue and shared claims; None: one process alone
    "SOCKETIO_CHANNEL": "mixer",  # the Redis channel; the same for every worker of one site
    "ASYNC_MODE": "threading",  # `mixer serve` sets gevent when installed (see launch.py)
    "OFFLOAD_SOLVES": True,  # rounds are planned in a child process, not in the server's
    "SUGGESTION_TTL_SECONDS": 15 * 60,
    "SEEKER_CAPACITY": 2,
    "STATS_MIN_INTERVAL": 0.5,  # at most two stats pushes per second per event
    "SWEEP_INTERVAL": 20,  # seconds between checks for expired suggestions
    "REBALANCE_INTERVAL": 20,  # seconds between room-wide re-balances of unanswered ones; 0: off
    # A suggestion younger than this is left alone: a card must not vanish as it is read.
    "REBALANCE_MIN_AGE": 60,
    "REMINDER_AFTER_SECONDS": 24 * 3600,  # the one follow-up reminder, after the event closed
    # A burst: this many joins from one address within JOIN_BURST_SECONDS (0: never). The
    # console flags them; a venue sharing one address may trip it, which only flags and
    # briefly holds, so keep it above a crowd arriving at the door together.
    "JOIN_BURST_SIZE": 10,
    "JOIN_BURST_SECONDS": 5,
    # A burst's newcomers get no suggestions for this long (0: no hold); the sweeper lets
    # them in after it (so within SWEEP_INTERVAL of the end).
    "BURST_HOLD_SECONDS": 90,
    # Warm introductions: a broker is asked at most this many times an hour (never twice for
    # one pair); a phone's "My code" opens once, within this many minutes.
    "WARM_PER_HOUR": 3,
    "MEET_CODE_MINUTES": 10,
    "RETENTION_DAYS": 30,  # personal data of a closed event is erased after this
    "MAX_CONTENT_LENGTH": 64 * 1024,
    # A registrations CSV may be bigger than any other body: this route alone takes this much.
    "MAX_IMPORT_LENGTH": 5 * 1024 * 1024,
    "LIMIT_IMPORTS": "60 per hour",  # registration imports (previews too) and invitation sends
    # Invitations by mail: smtp://user:pass@host:587?starttls=1 or smtps://…:465; None: no mail.
    "SMTP_URL": None,
    "MAIL_FROM": None,  # the sender's address; None: the SMTP user, else mixer@<host>
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "mixer",
    "JSON_SORT_KEYS": False,
    # A phone may keep the join form open for a long time: the token lives with the session.
    "WTF_CSRF_TIME_LIMIT": None,
}


def load(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Fill app.config; the secret key and database default live in the instance folder."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("MIXER")
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    url = app.config.get("DATABASE_URL") or app.config["SQLALCHEMY_DATABASE_URI"]
    if not url:
        url = "sqlite:///" + str(Path(app.instance_path) / "mixer.sqlite")
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if url.startswith("sqlite"):
        # Wait for the writer instead of failing at once with "database is locked".
        timeout = float(app.config["SQLITE_BUSY_TIMEOUT"])
        app.config.setdefault(
            "SQLALCHEMY_ENGINE_OPTIONS",
            {"connect_args": {"timeout": timeout}, "hide_parameters": True},
        )
    else:
        # Greenlets wait on the event lock holding a connection: allow more of them, and
        # answer 503 after a few seconds rather than queueing without end. A restart or
        # failover of PostgreSQL ends every pooled connection: test each one as it is taken
        # (a round trip) so no request is the one to find it dead and fail.
        app.config.setdefault(
            "SQLALCHEMY_ENGINE_OPTIONS",
            {
                "pool_size": 10,
                "max_overflow": 20,
                "pool_timeout": 5,
                "pool_pre_ping": True,
                "hide_parameters": True,  # values people typed never reach an error's text
            },
        )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    public = app.config.get("PUBLIC_URL")
    if public:
        app.config["PUBLIC_URL"] = public.rstrip("/")
        if public.startswith("https://"):
            app.config["SESSION_COOKIE_SECURE"] = True


def _instance_secret(instance: Path) -> str:
    """Generate the secret once and keep it, so sessions survive restarts."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets phones read while a join writes; SQLite leaves foreign keys off by default."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # With WAL, NORMAL stays consistent and only skips the fsync per commit (a power cut
        # may lose the last commits): under gevent every fsync would stall every socket.
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Erased rows are overwritten with zeros, not left in free space of the file.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()


@event.listens_for(Engine, "handle_error")
def _statement_out_of_errors(context: ExceptionContext) -> None:
    """A failed statement's error names neither the statement nor its parameters.

    Logs and tracebacks print SQLAlchemy's errors whole: `[SQL: …]` and `[parameters: …]`,
    with the names, emails and phones of the people being stored. The driver's own message
    (and the error's class) stays: that is what tells an operator what went wrong.
    """
    wrapped = context.sqlalchemy_exception
    if wrapped is not None:
        wrapped.statement = None
        wrapped.params = None
