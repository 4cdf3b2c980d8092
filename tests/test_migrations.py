"""Migrations: an empty database upgrades, downgrades and upgrades again, keeping data."""

from __future__ import annotations

from pathlib import Path

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from mixer.extensions import db
from tests.conftest import make_app

TABLES = {
    "events",
    "attendees",
    "introductions",
    "known",
    "rounds",
    "announcements",
    "handovers",
    "alembic_version",
}


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


def test_upgrading_an_older_database_keeps_its_introductions(tmp_path: Path) -> None:
    """An event running on the first schema survives every later migration intact."""
    app = make_app(tmp_path / "old.sqlite")
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
        db.engine.dispose()
