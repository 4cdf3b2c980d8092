"""Migrations: an empty database upgrades, downgrades and upgrades again, keeping data."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, make_url, text

from mixer import create_app
from mixer.infra.extensions import db
from tests.conftest import BASE_CONFIG, make_app

TABLES = {
    "events",
    "attendees",
    "introductions",
    "known",
    "rounds",
    "announcements",
    "handovers",
    "meet_codes",
    "warm_requests",
    "registrations",
    "alembic_version",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """An app on an empty database, nothing migrated: on SQLite and on a PostgreSQL database
    of its own (the DDL each migration emits differs from one database to the other)."""
    if request.param == "sqlite":
        app = make_app(tmp_path / "empty.sqlite")
        yield app
        with app.app_context():
            db.engine.dispose()
        return
    server = make_url(request.getfixturevalue("postgres_url"))
    name = f"mixer_migrations_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    app = create_app(BASE_CONFIG | {"SQLALCHEMY_DATABASE_URI": url})
    try:
        yield app
    finally:
        with app.app_context():
            db.engine.dispose()  # the pool's connections, before the database goes (the
            # tests leave this to the fixture: a pool disposed while a session still holds
            # a connection would orphan that connection)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_downgrade_upgrade(empty: Flask) -> None:
    app = empty
    with app.app_context():
        upgrade()
        assert set(inspect(db.engine).get_table_names()) == TABLES
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        upgrade()
        assert set(inspect(db.engine).get_table_names()) == TABLES


def test_upgrade_is_idempotent_and_keeps_events(empty: Flask) -> None:
    app = empty
    with app.app_context():
        upgrade()
    client = app.test_client()
    code = client.post("/api/v1/events", json={"name": "Kept"}).json["event"]["code"]
    with app.app_context():
        upgrade()
        assert db.session.execute(text("select name from events")).scalar_one() == "Kept"
    assert client.get(f"/api/v1/events/{code}").status_code == 200


def test_models_and_migrations_agree(empty: Flask) -> None:
    """A model change without a migration would fail here (autogenerate finds a diff)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    app = empty
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diff == []


def test_upgrading_an_older_database_keeps_its_introductions(empty: Flask) -> None:
    """An event running on the first schema survives every later migration intact."""
    app = empty
    with app.app_context():
        upgrade(revision="0001")
        db.session.execute(
            text(
                "insert into events (id, code, name, venue, status, mode, topics, giver_capacity,"
                " meeting_spots, organizer_token_hash, seq, created_at) values (1, 'oldcode1',"
                " 'Old', '', 'open', 'continuous', '[]', 3, '[]', 'h', 0, '2026-01-01')"
            )
        )
        for pid in (1, 2):
            db.session.execute(
                text(
                    "insert into attendees (id, event_id, name, headline, intent, offers,"
                    " seeks, offers_note, seeks_note, capacity, mentor, presence, email, phone,"
                    " profile_url, share_contact, token_hash, joined_at) values (:id, 1, :name,"
                    " '', 'seek', '[]', '[]', '', '', 2, false, 'here', '', '', '', false, :hash,"
                    " '2026-01-01')"
                ),
                {"id": pid, "name": f"P{pid}", "hash": f"h{pid}"},
            )
        db.session.execute(
            text(
                "insert into introductions (event_id, a_id, b_id, status, a_accepted, b_accepted,"
                " score, a_gets, b_gets, one_way, created_at) values (1, 1, 2, 'accepted', true,"
                " true, 1.0, '[]', '[]', false, '2026-01-01')"
            )
        )
        db.session.commit()
        upgrade()
        consents = db.session.execute(text("select share_with_organizer from attendees")).all()
        assert [bool(c[0]) for c in consents] == [False, False]  # nobody was asked
        row = db.session.execute(
            text("select status, a_followed_up, b_followed_up from introductions")
        ).one()
        assert (row[0], bool(row[1]), bool(row[2])) == ("accepted", False, False)
