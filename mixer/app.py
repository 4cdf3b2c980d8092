"""The app factory: a table of contents of settings, extensions, faces and handlers."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .infra import config, coordination
from .infra.extensions import csrf, db, migrate, socketio
from .web import (
    api,
    arrival,
    console,
    errors,
    headers,
    health,
    hosts,
    language,
    limits,
    meeting,
    pages,
    pwa,
    sockets,
)
from .web import downloads as export_views

ROOT = Path(__file__).resolve().parent.parent


def shipped(name: str) -> Path:
    """`static`, `templates` or `migrations`: beside the package in a checkout (an editable
    install, the tests), inside it as `_<name>` once installed plainly (see pyproject)."""
    if (ROOT / "pyproject.toml").is_file() and (ROOT / name).is_dir():
        return ROOT / name
    return Path(__file__).resolve().parent / f"_{name}"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, socket handlers, errors."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        static_folder=str(shipped("static")),
        static_url_path="/static",  # not the folder's name: `_static` once installed
        template_folder=str(shipped("templates")),
    )
    config.load(app, test_config)
    if app.config["PROXIES"]:
        # Client address, scheme and host as nginx saw them (rate limits, links, cookies).
        hops = int(app.config["PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    hosts.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(shipped("migrations")))
    csrf.init_app(app)
    language.init_app(app)
    limits.init_app(app)
    csrf.exempt(api.bp)
    coordination.init_app(app)
    socketio.init_app(
        app,
        async_mode=app.config.get("ASYNC_MODE", "threading"),
        cors_allowed_origins=_allowed_origins(app),
        message_queue=app.config.get("REDIS_URL"),
        channel=app.config["SOCKETIO_CHANNEL"],
    )
    app.register_blueprint(pages.bp)
    app.register_blueprint(meeting.bp)
    app.register_blueprint(arrival.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(export_views.bp)
    app.register_blueprint(console.bp)
    app.register_blueprint(pwa.bp)
    app.register_blueprint(health.bp)
    sockets.register(app)
    errors.register(app)
    headers.register(app)
    return app


def _allowed_origins(app: Flask) -> list[str] | None:
    """Only the public origin; None keeps Engine.IO's same-origin check (never [] = any)."""
    public = app.config.get("PUBLIC_URL")
    if not public:
        return None
    parts = urlsplit(public)
    return [f"{parts.scheme}://{parts.netloc}"]
