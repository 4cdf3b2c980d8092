"""Forget me and purge erase everything `mixer.personal` lists, on every row that holds it.

The checks walk the same list the erasing code follows, plus a scan of every table for the
person's words, so a column or related row left behind fails here.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select, text

from mixer.domain import personal
from mixer.domain.models import (
    Announcement,
    Attendee,
    Introduction,
    Known,
    Registration,
    WarmRequest,
    utcnow,
)
from mixer.infra.extensions import db
from mixer.services import retention
from mixer.services.erasure import checkpoint
from tests.conftest import Phone, Room, app_on, make_app

# What the erased person typed; each appears nowhere else in the room.
SECRETS = {
    "name": "Zelda Quincewright",
    "headline": "Staff cartographer at Obscurica",
    "offers_note": "offernote-xyzzy",
    "seeks_note": "seeknote-plugh",
    "email": "zelda.quince@example.org",
    "phone": "+44 7700 900461",
    "profile_url": "https://example.org/zelda-profile",
}
OWN_TOPIC = "zymurgy"  # offered by nobody else
ANNOUNCEMENT = "Zelda Quincewright please come to the desk"


def _row(model: Any) -> dict[str, Any]:
    return {c.key: getattr(model, c.key) for c in model.__mapper__.column_attrs}


def _everything() -> str:
    """Every row of every table as text: what a copy of the database would show."""
    parts = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()).all():
            parts.append(json.dumps([str(v) for v in row]))
    return "\n".join(parts)


def _crowd(room: Room) -> tuple[Phone, Phone, Phone]:
    """Zelda with every personal field set, introduced to Gia, known to and knowing Kit."""
    gia = room.join("Gia Lead", "give", ["hiring"], ["design"], share_contact=True)
    kit = room.join("Kit Other", "give", ["cooking"], [])
    zelda = room.join(
        SECRETS["name"], "seek", ["design", OWN_TOPIC], ["hiring"],
        headline=SECRETS["headline"], offers_note=SECRETS["offers_note"],
        seeks_note=SECRETS["seeks_note"], email=SECRETS["email"], phone=SECRETS["phone"],
        profile_url=SECRETS["profile_url"], share_contact=True, share_with_organizer=True,
        mentor=True,
    )  # fmt: skip
    patched = zelda.client.patch(
        "/api/v1/me", json={"landed": True, "presence": "busy"}, headers=zelda.headers()
    )
    assert patched.status_code == 200, patched.json
    for me, other in ((zelda, kit), (kit, zelda)):
        marked = me.client.post(
            "/api/v1/me/known", json={"attendee_id": other.id}, headers=me.headers()
        )
        assert marked.status_code == 200, marked.json
    [intro] = gia.intros()
    assert intro["for_you"] == ["design"] and intro["for_them"] == ["hiring"]
    assert "Zelda" in intro["opener"]
    return gia, kit, zelda


def _check_erased(app: Flask, person_id: int, old_token_hash: str) -> None:
    """Every field and related row `mixer.personal` names, and nothing of theirs anywhere."""
    with app.app_context():
        row = db.session.get(Attendee, person_id)
        assert row is not None and row.forgotten_at is not None
        for field, erased in personal.ERASED_ATTENDEE.items():
            assert getattr(row, field) == erased, field
        assert row.token_hash != old_token_hash
        intros = db.session.scalars(
            select(Introduction).where(
                (Introduction.a_id == person_id) | (Introduction.b_id == person_id)
            )
        ).all()
        assert intros, "the introduction row itself stays, for the other side's history"
        for intro in intros:
            for field, erased in personal.ERASED_INTRODUCTION.items():
                assert getattr(intro, field) == erased, field
        asked = db.session.scalars(
            select(WarmRequest).where(
                (WarmRequest.asker_id == person_id)
                | (WarmRequest.target_id == person_id)
                | (WarmRequest.broker_id == person_id)
            )
        ).all()
        for req in asked:
            for field, erased in personal.ERASED_WARM_REQUEST.items():
                assert getattr(req, field) == erased, field
        for column in personal.DELETED_WITH_ATTENDEE:
            left = db.session.scalars(select(column.class_).where(column == person_id)).all()
            assert left == [], column
        stored = _everything()
        for field, secret in SECRETS.items():
            assert secret not in stored, field
        assert OWN_TOPIC not in stored


def _token_hash(app: Flask, person_id: int, *, all_set: bool = True) -> str:
    with app.app_context():
        row = db.session.get(Attendee, person_id)
        assert row is not None
        # Before erasing, every personal field differs from its erased value, so each check
        # after it proves something.
        for field, erased in personal.ERASED_ATTENDEE.items():
            assert getattr(row, field) != erased or not all_set, field
        return row.token_hash


def test_every_attendee_column_is_classified_as_erased_or_kept() -> None:
    """A new column must be put on the list (erased or kept, with why) before it ships."""
    named = (
        set(personal.ERASED_ATTENDEE)
        | set(personal.REPLACED_ATTENDEE)
        | set(personal.KEPT_ATTENDEE)
    )
    assert named == personal.attendee_columns()
    assert set(personal.ERASED_INTRODUCTION) <= personal.introduction_columns()
    assert set(personal.ERASED_WARM_REQUEST) <= personal.warm_request_columns()


WARM_NOTES = ("asknote-frobozz: Kit, could you introduce me?", "brokernote-grue: meet Zelda!")


def _warm(room: Room, gia: Phone, kit: Phone, zelda: Phone) -> None:
    """Zelda asks Kit, who knows them both, to introduce her to Gia; Kit does, with a line."""
    kit.client.post("/api/v1/me/known", json={"attendee_id": gia.id}, headers=kit.headers())
    asked = zelda.client.post(
        "/api/v1/warm",
        json={"to": gia.id, "via": kit.id, "note": WARM_NOTES[0]},
        headers=zelda.headers(),
    )
    assert asked.status_code == 201, asked.json
    done = kit.client.post(
        f"/api/v1/warm/{asked.json['warm']['id']}/introduce",
        json={"note": WARM_NOTES[1]},
        headers=kit.headers(),
    )
    assert done.status_code == 200, done.json
    assert gia.intros()[0]["via_note"] == WARM_NOTES[1]


@pytest.mark.parametrize("who", ["asker", "broker"])
def test_forget_me_erases_the_notes_of_warm_introductions(room: Room, who: str) -> None:
    gia, kit, zelda = _crowd(room)
    _warm(room, gia, kit, zelda)
    gone = zelda if who == "asker" else kit
    old = _token_hash(room.app, zelda.id)
    assert gone.client.delete("/api/v1/me", headers=gone.headers()).status_code == 204
    if gone is zelda:
        _check_erased(room.app, zelda.id, old)
    with room.app.app_context():
        stored = _everything()
        for note in WARM_NOTES:
            assert note not in stored
        [req] = db.session.scalars(select(WarmRequest)).all()
        for field, erased in personal.ERASED_WARM_REQUEST.items():
            assert getattr(req, field) == erased, field
    assert gia.intros()[0]["via_note"] == ""


def test_purge_erases_the_notes_of_warm_introductions(room: Room) -> None:
    gia, kit, zelda = _crowd(room)
    _warm(room, gia, kit, zelda)
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    with room.app.app_context():
        assert retention.purge(utcnow() + timedelta(days=31)) == [room.code]
        stored = _everything()
        for note in WARM_NOTES:
            assert note not in stored


def test_forget_me_erases_every_personal_field_and_related_row(room: Room) -> None:
    gia, kit, zelda = _crowd(room)
    old = _token_hash(room.app, zelda.id)
    assert zelda.client.delete("/api/v1/me", headers=zelda.headers()).status_code == 204
    _check_erased(room.app, zelda.id, old)
    [intro] = gia.intros()
    assert intro["for_you"] == [] and intro["for_them"] == []
    assert "Former" not in intro["opener"]
    seen = json.dumps([gia.me(), kit.me()])
    for field, secret in SECRETS.items():
        assert secret not in seen, field
    assert kit.me()["attendee"]["known"] == []


def test_purge_erases_every_personal_field_related_row_and_announcement(room: Room) -> None:
    _gia, _kit, zelda = _crowd(room)
    old = _token_hash(room.app, zelda.id)
    said = room.organizer.post(
        f"/api/v1/events/{room.code}/announcements",
        json={"message": ANNOUNCEMENT},
        headers=room.org_headers(),
    )
    assert said.status_code == 201, said.json
    registered = room.organizer.post(
        f"/api/v1/events/{room.code}/registrations",
        data="Name,Email\nRena Registered,rena@example.com\n",
        content_type="text/csv",
        headers=room.org_headers(),
    )
    assert registered.status_code == 200 and registered.json["imported"] == 1
    closed = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    assert closed.status_code == 200
    with room.app.app_context():
        assert retention.purge(utcnow() + timedelta(days=31)) == [room.code]
        assert db.session.scalars(select(Announcement)).all() == []
        assert db.session.scalars(select(Known)).all() == []
        assert db.session.scalars(select(Registration)).all() == []
    _check_erased(room.app, zelda.id, old)
    with room.app.app_context():
        assert ANNOUNCEMENT not in _everything()
        assert "rena@example.com" not in _everything()
        for person in db.session.scalars(select(Attendee)).all():
            for field, erased in personal.ERASED_ATTENDEE.items():
                assert getattr(person, field) == erased, (person.id, field)


@pytest.fixture(params=["sqlite"])
def sqlite_app(
    request: pytest.FixtureRequest, migrated_db: Path, tmp_path: Path
) -> Iterator[Flask]:
    """SQLite alone: its write-ahead log is a file next to the database."""
    yield from app_on(request, migrated_db, tmp_path)


def _on_disk(tmp_path: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in tmp_path.iterdir()
        if p.name.startswith("mixer.sqlite") and p.is_file()
    }


@pytest.mark.parametrize("how", ["forget me", "purge"])
def test_sqlite_files_keep_no_copy_of_the_erased_name_or_email(
    sqlite_app: Flask, tmp_path: Path, how: str
) -> None:
    room = Room(sqlite_app)
    _gia, _kit, zelda = _crowd(room)
    before = _on_disk(tmp_path)
    assert any(SECRETS["email"].encode() in data for data in before.values())
    if how == "forget me":
        assert zelda.client.delete("/api/v1/me", headers=zelda.headers()).status_code == 204
    else:
        room.organizer.patch(
            f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
        )
        with sqlite_app.app_context():
            assert retention.purge(utcnow() + timedelta(days=31)) == [room.code]
    with sqlite_app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        db.session.rollback()
    after = _on_disk(tmp_path)
    assert "mixer.sqlite-wal" in before
    for name, data in after.items():
        for secret in (SECRETS["name"], SECRETS["email"], SECRETS["phone"]):
            assert secret.encode() not in data, (name, secret)


def test_an_event_purged_reopened_and_closed_again_is_purged_again(room: Room) -> None:
    """Purge goes by each person's data: who joined after a reopen is erased in their turn."""
    url = f"/api/v1/events/{room.code}"

    def status(value: str) -> None:
        answer = room.organizer.patch(url, json={"status": value}, headers=room.org_headers())
        assert answer.status_code == 200, answer.json

    room.join("Early Bird", "seek", [], ["hiring"])
    status("closed")
    with room.app.app_context():
        assert retention.purge(utcnow() + timedelta(days=31)) == [room.code]
        assert retention.purge(utcnow() + timedelta(days=31)) == []  # nothing left to erase
    status("open")
    late = room.join(SECRETS["name"], "seek", [OWN_TOPIC], ["hiring"], email=SECRETS["email"])
    old = _token_hash(room.app, late.id, all_set=False)
    status("closed")
    with room.app.app_context():
        assert retention.purge(utcnow()) == []  # the new close starts its own retention
        assert retention.purge(utcnow() + timedelta(days=31)) == [room.code]
        person = db.session.get(Attendee, late.id)
        assert person is not None and person.forgotten_at is not None
        stored = _everything()
        assert SECRETS["name"] not in stored and SECRETS["email"] not in stored
        assert person.token_hash != old
    assert late.client.get("/api/v1/me", headers=late.headers()).status_code == 401


def test_inside_the_server_the_checkpoint_never_waits_for_a_reader(
    migrated_db: Path, tmp_path: Path
) -> None:
    """A reader on an old snapshot keeps the log from being emptied. In a request (gevent's
    one thread) the checkpoint gives up at once instead of busy-waiting; `mixer purge`
    waits for the reader. The reader lets go 2 s after the checkpoint starts: a checkpoint
    that waited would then succeed, so its answer tells whether it waited."""
    path = tmp_path / "mixer.sqlite"
    shutil.copy(migrated_db, path)
    app = make_app(path, SQLITE_BUSY_TIMEOUT=60)
    room = Room(app)
    room.join("Ana", "seek", [], ["design"])
    for wait in (False, True):
        reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM attendees").fetchone()  # holds this snapshot
        room.join(f"Ben {wait}", "seek", [], ["design"])  # the log moves past it
        starting = threading.Event()

        def let_go(connection: sqlite3.Connection = reader, go: threading.Event = starting) -> None:
            go.wait()
            threading.Event().wait(2)
            connection.execute("COMMIT")
            connection.close()

        thread = threading.Thread(target=let_go)
        thread.start()
        try:
            with app.app_context():
                starting.set()
                assert checkpoint(wait=wait) is wait
                assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 60_000
        finally:
            starting.set()
            thread.join()
    with app.app_context():
        db.engine.dispose()


def test_purge_also_erases_what_an_older_forget_me_left_behind(room: Room) -> None:
    """Someone forgotten before the list was complete kept their topics in introductions
    and some fields: the purge of their event erases those too."""
    gia, _kit, zelda = _crowd(room)
    assert zelda.client.delete("/api/v1/me", headers=zelda.headers()).status_code == 204
    with room.app.app_context():  # as an older version left the row
        person = db.session.get(Attendee, zelda.id)
        assert person is not None
        person.mentor, person.intent, person.offers_note = True, "seek", SECRETS["offers_note"]
        for intro in db.session.scalars(select(Introduction)).all():
            intro.a_gets, intro.b_gets = ["hiring"], ["design"]
        db.session.commit()
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    with room.app.app_context():
        assert retention.purge(utcnow() + timedelta(days=31)) == [room.code]
    _check_erased(room.app, zelda.id, "")
    assert gia.client.get("/api/v1/me", headers=gia.headers()).status_code == 401
