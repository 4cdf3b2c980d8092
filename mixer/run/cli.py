"""The `mixer` command: serve, demo, db (migrations), and Flask's own commands."""

from __future__ import annotations

import gc
import logging
import os
import socket

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from ..app import create_app
from ..domain import qr
from ..domain.models import Attendee, Event
from ..domain.vocabulary import builtin
from ..infra.coordination import RedisUnavailable
from ..infra.extensions import socketio
from ..services import retention
from . import background, demo
from .launch import raise_descriptor_limit


def _app(*_args: object) -> Flask:
    try:
        return create_app()
    except RedisUnavailable as exc:  # a setting to fix, not a crash: one clear line
        raise click.ClickException(str(exc)) from None


@click.group(cls=FlaskGroup, create_app=_app, add_version_option=False)
def main() -> None:
    """Mixer: balanced, two-way introductions at in-person job-networking events."""


def _base_url(host: str, port: int) -> str:
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return configured
    if host in ("0.0.0.0", "::"):
        host = socket.gethostbyname(socket.gethostname())
    return f"http://{host}:{port}"


def _print_links(event: Event, token: str, crowd: list[Attendee], base: str) -> None:
    join = f"{base}/e/{event.code}"
    click.echo(f"\nDemo event '{event.name}' with {len(crowd)} simulated attendees.")
    click.echo(f"  Organizer console: {base}/console/{event.code}?token={token}")
    click.echo(f"  Join link:         {join}")
    click.echo("  Scan to join:\n")
    click.echo(qr.terminal(join))


@main.command("demo")
@click.option("--size", default=40, show_default=True, help="Simulated attendees.")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True)
@with_appcontext
def demo_command(size: int, base_url: str) -> None:
    """Seed a demo event into the current database (without serving)."""
    upgrade()
    event, token, crowd = demo.seed(size)
    _print_links(event, token, crowd, current_app.config.get("PUBLIC_URL") or base_url)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--demo",
    "with_demo",
    is_flag=True,
    help="Also create a demo event with a live simulated crowd.",
)
@click.option(
    "--migrate/--no-migrate",
    default=True,
    show_default=True,
    help="Upgrade the database first (with several workers, run `mixer db upgrade` once "
    "and start each worker with --no-migrate).",
)
@with_appcontext
def serve(host: str, port: int, with_demo: bool, migrate: bool) -> None:
    """Serve the app and its live updates (gevent when installed, else threads)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if migrate:
        upgrade()
    base = _base_url(host, port)
    if with_demo:
        event, token, crowd = demo.seed()
        _print_links(event, token, crowd, base)
        background.start_demo_crowd(app, {p.id for p in crowd})
    background.start_sweeper(app)
    background.start_rebalancer(app)
    builtin()  # read the topic vocabulary now, not inside the first join's lock (about 1 s)
    mode = socketio.async_mode
    queue = "Redis message queue" if app.config.get("REDIS_URL") else "one process"
    click.echo(f"Mixer is running at {base}/  ({mode}, {queue}; Ctrl+C stops)")
    descriptors = raise_descriptor_limit()
    if descriptors is not None:
        # Each phone holds one or two: the figure says how big a crowd this process can hold.
        click.echo(f"  Open files: this process may hold {descriptors:,} descriptors.")
    if mode == "threading":
        click.echo("  Threads hold about 1,000 phones; install gevent for more.")
    # Everything loaded so far lives as long as the process: keep the collector off it, or
    # each full collection stalls every socket for 100 ms and more in a big room.
    gc.collect()
    gc.freeze()
    os.environ.pop("FLASK_RUN_FROM_CLI", None)  # else Flask refuses to serve from a command
    # Request lines would print console links with their organizer token: keep them out.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    if mode == "gevent":
        from . import serving  # imports gevent: only once it has patched the standard library

        cap = serving.per_address_cap(app.config["SOCKETS_PER_ADDRESS"])
        click.echo(f"  One address may hold {cap:,} connections (MIXER_SOCKETS_PER_ADDRESS).")
        serving.serve(app, host, port)
    else:
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, log_output=False)


@main.command("purge")
@with_appcontext
def purge_command() -> None:
    """Erase personal data of events closed longer than MIXER_RETENTION_DAYS ago."""
    codes = retention.purge()
    days = current_app.config["RETENTION_DAYS"]
    if codes:
        click.echo(
            f"Erased attendees' personal data in {len(codes)} event(s) closed over {days} days ago."
        )
    else:
        click.echo(
            f"Nothing to erase: no event closed over {days} days ago still holds personal data."
        )
