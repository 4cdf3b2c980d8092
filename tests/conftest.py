"""Fixtures: a migrated SQLite database per test, clients, and people who join."""

from __future__ import annotations

import os
import re
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text
from werkzeug.serving import make_server

from mixer import create_app
from mixer.infra.extensions import db, socketio

BASE_CONFIG: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "STATS_MIN_INTERVAL": 0,
    "PUBLIC_URL": None,
}


def make_app(db_file: Path, **config: Any) -> Flask:
    return create_app(BASE_CONFIG | {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}"} | config)


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the real migrations once; each test gets a copy of the result."""
    path = tmp_path_factory.mktemp("template") / "mixer.sqlite"
    app = make_app(path)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return path


STRICT = os.environ.get("MIXER_TEST_STRICT") == "1"


def unavailable(what: str, why: object) -> NoReturn:
    """In CI a missing service is a failure; on a laptop without it, a skip with the reason."""
    message = f"{what} is not reachable: {why}"
    if STRICT:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A database of its own for this test run, dropped afterwards, with migrations applied."""
    base = os.environ.get("MIXER_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    admin_url = make_url(base).set(drivername="postgresql+psycopg")
    name = f"mixer_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any failure to reach the server means: no PostgreSQL here
        unavailable("PostgreSQL", exc)
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request: pytest.FixtureRequest, migrated_db: Path, tmp_path: Path) -> Iterator[Flask]:
    """A test that uses the app runs on the embedded SQLite and on PostgreSQL, unless it
    pins SQLite (`pytest.mark.parametrize("app", ["sqlite"], indirect=True)`) because the
    database makes no difference to what it checks."""
    yield from app_on(request, migrated_db, tmp_path)


def app_on(
    request: pytest.FixtureRequest, migrated_db: Path, tmp_path: Path, **config: Any
) -> Iterator[Flask]:
    """An app on a fresh database of the kind the fixture's param names, emptied after."""
    if request.param == "sqlite":
        path = tmp_path / "mixer.sqlite"
        shutil.copy(migrated_db, path)
        app = make_app(path, **config)
    else:
        url = request.getfixturevalue("postgres_url")
        app = create_app(BASE_CONFIG | {"SQLALCHEMY_DATABASE_URI": url} | config)
    yield app
    with app.app_context():
        if request.param == "postgresql":
            tables = ", ".join(t.name for t in db.metadata.sorted_tables)
            db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            db.session.commit()
        db.engine.dispose()


@pytest.fixture
def live_url(migrated_db: Path, tmp_path: Path) -> Iterator[str]:
    """The app on a real port (threaded Werkzeug carries WebSocket too), on its own SQLite."""
    path = tmp_path / "live.sqlite"
    shutil.copy(migrated_db, path)
    app = make_app(path)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
    with app.app_context():
        db.engine.dispose()


def form_post(client: FlaskClient, path: str, data: dict[str, str]) -> Any:
    """Send a form as the browser does: with the CSRF token the page put in it."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert token is not None, "the front page's form carries no CSRF token"
    return client.post(path, data={**data, "csrf_token": token.group(1)})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Room:
    """Drives one event through the API, as an organizer and several phones would."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        organizer = app.test_client()
        response = organizer.post(
            "/api/v1/events", json={"name": "Test Mixer", "meeting_spots": ["Table 1", "Table 2"]}
        )
        assert response.status_code == 201, response.json
        self.code: str = response.json["event"]["code"]
        self.organizer_token: str = response.json["organizer_token"]
        self.organizer = organizer

    def org_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.organizer_token}"}

    def join(
        self, name: str, intent: str, offers: list[str], seeks: list[str], **extra: Any
    ) -> Phone:
        phone = Phone(self.app.test_client(), self.code)
        body = {"name": name, "intent": intent, "offers": offers, "seeks": seeks} | extra
        response = phone.client.post(f"/api/v1/events/{self.code}/attendees", json=body)
        assert response.status_code == 201, response.json
        phone.id = response.json["attendee"]["id"]
        phone.token = response.json["token"]
        return phone


class Phone:
    """One attendee's browser: a cookie jar, a token, and optionally a socket."""

    def __init__(self, client: FlaskClient, code: str) -> None:
        self.client = client
        self.code = code
        self.id = 0
        self.token = ""

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def me(self) -> dict[str, Any]:
        response = self.client.get("/api/v1/me", headers=self.headers())
        assert response.status_code == 200, response.json
        return response.json

    def intros(self) -> list[dict[str, Any]]:
        return self.me()["introductions"]

    def respond(self, intro_id: int, action: str) -> Any:
        return self.client.post(
            f"/api/v1/introductions/{intro_id}/{action}", headers=self.headers()
        )

    def socket(self, **kwargs: Any) -> Any:
        auth = kwargs.pop("auth", {"token": self.token})
        return socketio.test_client(
            self.client.application, flask_test_client=self.client, auth=auth, **kwargs
        )


@pytest.fixture
def room(app: Flask) -> Room:
    return Room(app)
