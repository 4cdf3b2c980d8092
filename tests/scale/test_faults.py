"""When a dependency is away: a clear refusal to start, or a 503 that says to try again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import Engine, text

from mixer import create_app
from mixer.infra.extensions import db
from tests.conftest import BASE_CONFIG, Room
from tests.scale.workers import ROOT, free_port


def test_health_says_ok_with_the_database_and_no_redis(app: Flask) -> None:
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "redis": "not configured"}
    assert response.headers["Cache-Control"] == "no-store"


def unreachable_database_app() -> Flask:
    url = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/gone?connect_timeout=2"
    return create_app(BASE_CONFIG | {"SQLALCHEMY_DATABASE_URI": url})


def test_an_unreachable_database_gives_503_json_not_a_stack_trace() -> None:
    client = unreachable_database_app().test_client()
    response = client.post("/api/v1/events", json={"name": "Fair"})
    assert response.status_code == 503
    assert response.json["error"]["code"] == "unavailable"
    assert "try again" in response.json["error"]["message"]
    assert response.headers["Retry-After"] == "5"
    page = client.get("/e/abcdefgh12")
    assert page.status_code == 503 and b"try again" in page.data
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json["database"] == "unreachable"


def test_an_unreachable_redis_stops_the_server_at_start_naming_the_setting(
    tmp_path: Path,
) -> None:
    env = os.environ | {
        "MIXER_REDIS_URL": f"redis://:hunter2@127.0.0.1:{free_port()}/0",
        "MIXER_DATABASE_URL": f"sqlite:///{tmp_path / 'mixer.sqlite'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "mixer.run.launch", "serve", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Cannot reach Redis at MIXER_REDIS_URL=redis://:***@127.0.0.1" in done.stderr
    assert "Traceback" not in done.stderr
    assert "hunter2" not in done.stderr + done.stdout


def test_connections_the_database_dropped_are_replaced_before_a_request_uses_them(
    pg: Engine, postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A PostgreSQL restart or failover ends every pooled connection: no phone pays a 503."""
    app = create_app(BASE_CONFIG | {"SQLALCHEMY_DATABASE_URI": postgres_url})
    room = Room(app)
    phone = room.join("Gia", "give", ["hiring"], ["design"])
    with app.app_context():
        held = [db.engine.connect() for _ in range(3)]  # the pool keeps three connections
        for connection in held:
            connection.execute(text("SELECT 1"))
        for connection in held:
            connection.close()
    with pg.connect() as admin:
        ended = admin.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar()
    assert ended and ended >= 3
    try:
        for _ in range(4):
            assert phone.me()["attendee"]["name"] == "Gia"
        joined = room.join("Sam", "seek", ["design"], ["hiring"])
        assert joined.me()["attendee"]["name"] == "Sam"
        assert "database unavailable" not in caplog.text
    finally:
        with app.app_context():
            db.engine.dispose()
