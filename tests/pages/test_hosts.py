"""Links and QR codes never name a host the server was not meant to answer to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from mixer import create_app
from mixer.infra.extensions import db
from tests.conftest import BASE_CONFIG, app_on


@pytest.fixture(params=["sqlite", "postgresql"])
def named(request: pytest.FixtureRequest, migrated_db: Path, tmp_path: Path) -> Iterator[Flask]:
    """An app told its name: MIXER_HOSTS=mixer.example.org."""
    yield from app_on(request, migrated_db, tmp_path, HOSTS="mixer.example.org")


def event_code(app: Flask, host: str = "localhost") -> str:
    created = app.test_client().post(
        "/api/v1/events", json={"name": "Fair"}, base_url=f"http://{host}"
    )
    assert created.status_code == 201, created.json
    return str(created.json["event"]["code"])


def test_a_named_server_refuses_other_names_and_links_use_its_own(named: Flask) -> None:
    client = named.test_client()
    created = client.post(
        "/api/v1/events", json={"name": "Fair"}, base_url="http://mixer.example.org"
    )
    assert created.json["event"]["join_url"].startswith("http://mixer.example.org/e/")
    code = created.json["event"]["code"]
    for host in ("evil.example", "mixer.example.org.evil.example", "10.0.0.66"):
        api = client.get(f"/api/v1/events/{code}", base_url=f"http://{host}")
        assert api.status_code == 400, host
        assert api.json["error"]["code"] == "bad_request"
        qr = client.get(f"/e/{code}/qr.svg", base_url=f"http://{host}")
        assert qr.status_code == 400 and b"evil" not in qr.data
    # Loopback names stay open (the operator's own browser); health checks name anything.
    assert client.get("/healthz", base_url="http://mixer_workers").status_code == 200
    assert client.get(f"/e/{code}/qr.svg", base_url="http://localhost").status_code == 200


def test_an_unnamed_server_takes_addresses_and_the_first_name_it_sees(app: Flask) -> None:
    code = event_code(app)
    client = app.test_client()
    venue = client.get(f"/api/v1/events/{code}", base_url="http://192.168.1.20:8000")
    assert venue.status_code == 200  # phones at a venue reach a laptop by its address
    assert client.get(f"/e/{code}", base_url="http://mixer.example.org").status_code == 200
    for host in ("evil.example", "other.example:8000"):
        assert client.get(f"/e/{code}/qr.png", base_url=f"http://{host}").status_code == 400
        api = client.get(f"/api/v1/events/{code}", base_url=f"http://{host}")
        assert api.status_code == 400 and api.json["error"]["code"] == "bad_request"
    assert client.get(f"/e/{code}", base_url="http://MIXER.example.org").status_code == 200


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_a_qr_built_from_the_request_is_not_kept_for_others(app: Flask) -> None:
    code = event_code(app)
    qr = app.test_client().get(f"/e/{code}/qr.svg")
    assert "private" in qr.headers["Cache-Control"]
    public = create_app(dict(app.config) | {"PUBLIC_URL": "https://mixer.example.org"})
    try:
        fixed = public.test_client().get(f"/e/{code}/qr.svg")
    finally:
        with public.app_context():
            db.engine.dispose()
    assert fixed.status_code == 200
    assert fixed.headers["Cache-Control"] == "max-age=3600"  # the same code for everyone


def test_the_public_url_names_the_server(tmp_path: Path) -> None:
    app = create_app(
        BASE_CONFIG
        | {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"}
        | {"PUBLIC_URL": "https://mixer.example.org"}
    )
    client = app.test_client()
    assert client.get("/", base_url="https://mixer.example.org").status_code == 200
    assert client.get("/", base_url="http://evil.example").status_code == 400
    assert client.get("/", base_url="http://192.168.1.20").status_code == 400
    with app.app_context():
        db.engine.dispose()
