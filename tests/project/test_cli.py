"""The `mixer` command: demo seeding and database upgrade."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from mixer.domain.models import Attendee, Event, Introduction
from mixer.infra.extensions import db
from mixer.run.cli import main


def test_demo_creates_a_populated_event(tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    monkeypatch.setenv("MIXER_DATABASE_URL", url)
    monkeypatch.setenv("MIXER_SECRET_KEY", "cli-test")
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Organizer console: http://127.0.0.1:8000/console/" in result.output
    assert "Join link:" in result.output
    assert "█" in result.output or "▀" in result.output  # the QR drawn in the terminal
    from tests.conftest import make_app

    app = make_app(tmp_path / "demo.sqlite")
    with app.app_context():
        event = db.session.scalars(select(Event)).one()
        assert event.name.startswith("Demo")
        people = db.session.scalars(select(Attendee)).all()
        assert len(people) == 40
        assert {p.intent for p in people} == {"give", "seek", "both"}
        assert db.session.scalar(select(func.count(Introduction.id))) > 10
        db.engine.dispose()


def test_db_upgrade_command(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MIXER_DATABASE_URL", f"sqlite:///{tmp_path / 'up.sqlite'}")
    monkeypatch.setenv("MIXER_SECRET_KEY", "cli-test")
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "up.sqlite").exists()
