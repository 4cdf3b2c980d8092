"""MIXER_CREATE_KEY: when a site sets it, only those who know it create events."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from mixer.domain.models import Event
from mixer.infra.extensions import db
from tests.conftest import form_post, make_app


def app_on_copy(migrated_db: Path, tmp_path: Path, **config: object) -> Flask:
    path = tmp_path / "mixer.sqlite"
    path.write_bytes(migrated_db.read_bytes())
    return make_app(path, **config)


def events_stored(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Event)) or 0


def test_the_api_asks_for_the_key(migrated_db: Path, tmp_path: Path) -> None:
    app = app_on_copy(migrated_db, tmp_path, CREATE_KEY="s3cret-key")
    client = app.test_client()
    for headers in ({}, {"X-Mixer-Create-Key": "guess"}):
        refused = client.post("/api/v1/events", json={"name": "Fair"}, headers=headers)
        assert refused.status_code == 403
        assert refused.json["error"]["code"] == "create_key"
    assert events_stored(app) == 0
    made = client.post(
        "/api/v1/events", json={"name": "Fair"}, headers={"X-Mixer-Create-Key": "s3cret-key"}
    )
    assert made.status_code == 201
    assert events_stored(app) == 1


def test_the_form_asks_for_the_key_and_keeps_what_was_typed(
    migrated_db: Path, tmp_path: Path
) -> None:
    app = app_on_copy(migrated_db, tmp_path, CREATE_KEY="s3cret-key")
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    assert 'name="create_key"' in page and "Creation key" in page
    refused = form_post(client, "/", {"name": "Autumn fair", "create_key": "guess"})
    assert refused.status_code == 403
    html = refused.get_data(as_text=True)
    assert "creation key (ask whoever runs it)" in html and 'value="Autumn fair"' in html
    assert 'value="guess"' not in html  # the key is never echoed back
    made = form_post(client, "/", {"name": "Autumn fair", "create_key": "s3cret-key"})
    assert made.status_code == 303 and events_stored(app) == 1


def test_without_a_key_anyone_creates_and_no_field_shows(migrated_db: Path, tmp_path: Path) -> None:
    client = app_on_copy(migrated_db, tmp_path).test_client()
    assert 'name="create_key"' not in client.get("/").get_data(as_text=True)
    assert client.post("/api/v1/events", json={"name": "Fair"}).status_code == 201
