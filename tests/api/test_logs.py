"""Nothing a person typed, and no token, ever reaches the log."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import text

from mixer.infra.extensions import db
from mixer.services import live_stats
from tests.conftest import Room


class Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    """Everything logged at any level by any logger that lets it through."""
    root = logging.getLogger()
    handler, level = Recorder(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


def test_a_join_and_its_introductions_log_no_personal_data_or_tokens(
    room: Room, recorder: Recorder
) -> None:
    logging.getLogger("mixer").debug("recording")  # the recorder hears Mixer's loggers
    giver = room.join(
        "Gia Unique-Name",
        "give",
        ["hiring"],
        ["design"],
        email="gia.private@example.org",
        phone="+44 7700 900123",
        headline="Secret Headline Ltd",
        share_contact=True,
    )
    seeker = room.join("Sam Other-Name", "seek", ["design"], ["hiring"], offers_note="my note")
    (card,) = seeker.intros()
    seeker.respond(card["id"], "accept")
    giver.respond(card["id"], "accept")
    seeker.client.get("/api/v1/me/contacts.vcf", headers=seeker.headers())
    room.organizer.get(f"/console/{room.code}?token={room.organizer_token}")
    logged = "\n".join(recorder.lines)
    assert "recording" in logged
    for secret in (
        "Gia Unique-Name",
        "Sam Other-Name",
        "gia.private@example.org",
        "7700 900123",
        "Secret Headline",
        "my note",
        giver.token,
        seeker.token,
        room.organizer_token,
    ):
        assert secret not in logged, f"{secret!r} reached the log"


PRIVATE = {
    "name": "Gia Unique-Name",
    "intent": "give",
    "offers": ["hiring"],
    "seeks": ["design"],
    "email": "gia.private@example.org",
    "phone": "+44 7700 900123",
    "share_contact": True,
}
SQL_WORDS = ("[SQL", "[parameters", "INSERT INTO", "UPDATE ", "SELECT ")


def refuse_joins(app: Flask) -> None:
    """A database that fails every new attendee row: a full disk, a broken replica."""
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            db.session.execute(
                text(
                    "CREATE TRIGGER refuse_joins BEFORE INSERT ON attendees"
                    " BEGIN SELECT RAISE(ABORT, 'refused by the database'); END"
                )
            )
        else:
            db.session.execute(
                text(
                    "CREATE FUNCTION refuse_joins() RETURNS trigger LANGUAGE plpgsql AS"
                    " $$ BEGIN RAISE EXCEPTION 'refused by the database'; END $$"
                )
            )
            db.session.execute(
                text(
                    "CREATE TRIGGER refuse_joins BEFORE INSERT ON attendees"
                    " FOR EACH ROW EXECUTE FUNCTION refuse_joins()"
                )
            )
        db.session.commit()


def allow_joins(app: Flask) -> None:
    with app.app_context():
        db.session.execute(
            text("DROP TRIGGER IF EXISTS refuse_joins ON attendees")
            if db.engine.dialect.name == "postgresql"
            else text("DROP TRIGGER IF EXISTS refuse_joins")
        )
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP FUNCTION IF EXISTS refuse_joins()"))
        db.session.commit()


def test_a_failing_database_logs_no_statement_and_no_personal_values(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    """The whole log, tracebacks included, of a join the database refuses (a 500)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False  # log it as a server would, not raise it here
    room = Room(app)
    refuse_joins(app)
    try:
        with caplog.at_level(logging.DEBUG):
            response = app.test_client().post(f"/api/v1/events/{room.code}/attendees", json=PRIVATE)
    finally:
        allow_joins(app)
    assert response.status_code == 500
    logged = caplog.text
    assert "refused by the database" in logged  # the cause is still there to read
    for leak in (*SQL_WORDS, "Gia Unique-Name", "gia.private@example.org", "7700 900123"):
        assert leak not in logged, f"{leak!r} reached the log:\n{logged}"


def test_a_stats_push_the_database_refuses_logs_one_line_without_sql(
    app: Flask, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The join is stored; the failed push says what failed and nothing of what was sent."""
    room = Room(app)

    def refused(_event_id: int) -> None:
        db.session.execute(
            text("SELECT * FROM nowhere WHERE name = :name"), {"name": "Gia Unique-Name"}
        )

    monkeypatch.setattr(live_stats, "push", refused)
    with caplog.at_level(logging.DEBUG):
        response = app.test_client().post(f"/api/v1/events/{room.code}/attendees", json=PRIVATE)
    assert response.status_code == 201
    [line] = [r for r in caplog.records if "stats push failed" in r.getMessage()]
    assert "nowhere" in line.getMessage() or "Error" in line.getMessage()
    for leak in (*SQL_WORDS, "Gia Unique-Name", "gia.private@example.org", "7700 900123"):
        assert leak not in caplog.text, f"{leak!r} reached the log:\n{caplog.text}"


def test_numbers_the_database_refuses_in_their_own_thread_log_one_line_without_sql(
    app: Flask,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under gevent the numbers are computed off the loop: a refusal there reaches the log
    as one line without SQL, the join is stored, and the next push works."""
    pytest.importorskip("gevent")
    from mixer.infra.extensions import socketio

    room = Room(app)
    monkeypatch.setattr(socketio, "async_mode", "gevent")
    real_compute = live_stats.compute

    def refused(event: object) -> object:
        db.session.execute(
            text("SELECT * FROM nowhere WHERE name = :name"), {"name": "Gia Unique-Name"}
        )
        return real_compute(event)  # never reached

    monkeypatch.setattr(live_stats, "compute", refused)
    with caplog.at_level(logging.DEBUG):
        response = app.test_client().post(f"/api/v1/events/{room.code}/attendees", json=PRIVATE)
    assert response.status_code == 201
    [line] = [r for r in caplog.records if "stats push failed" in r.getMessage()]
    assert "\n" not in line.getMessage() and line.exc_info is None
    assert "Traceback" not in capfd.readouterr().err  # nothing printed past the log
    for leak in (*SQL_WORDS, "Gia Unique-Name", "gia.private@example.org", "7700 900123"):
        assert leak not in caplog.text, f"{leak!r} reached the log:\n{caplog.text}"
    monkeypatch.setattr(live_stats, "compute", real_compute)
    console = socketio.test_client(app, auth={"token": room.organizer_token})
    room.join("Sam", "seek", ["design"], ["hiring"])
    [stats] = [m["args"][0] for m in console.get_received() if m["name"] == "stats"]
    assert stats["attendees"]["total"] == 2
