"""Migrations: an empty database upgrades, downgrades and upgrades again, keeping data."""

from __future__ import annotations

from pathlib import Path

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from mixer.extensions import db
from tests.conftest import make_app

TABLES = {"events", "attendees", "introductions", "known", "rounds", "alembic_version"}


def test_upgrade_downgrade_upgrade(tmp_path: Path) -> None:
    app = make_app(tmp_path / "fresh.sqlite")
    with app.app_context():
        upgrade()
        assert set(inspect(db.engine).get_table_names()) == TABLES
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        upgrade()
        assert set(inspect(db.engine).get_table_names()) == TABLES
        db.engine.dispose()


def test_upgrade_is_idempotent_and_keeps_events(tmp_path: Path) -> None:
    app = make_app(tmp_path / "keep.sqlite")
    with app.app_context():
        upgrade()
    client = app.test_client()
    code = client.post("/api/v1/events", json={"name": "Kept"}).json["event"]["code"]
    with app.app_context():
        upgrade()
        assert db.session.execute(text("select name from events")).scalar_one() == "Kept"
        db.engine.dispose()
    assert client.get(f"/api/v1/events/{code}").status_code == 200


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    """A model change without a migration would fail here (autogenerate finds a diff)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    app = make_app(tmp_path / "diff.sqlite")
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    assert diff == []
