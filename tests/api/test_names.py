"""Names people read on each other's phones and on the projector: readable, one line, and
never turning the text around them (bidi overrides), in every script people write."""

from __future__ import annotations

import html

from flask.testing import FlaskClient
from sqlalchemy import func, select

from mixer.domain.models import Attendee
from mixer.infra.extensions import db
from tests.conftest import Room, form_post

# Real names in real scripts, as phones send them (decomposed accents, ZWJ emoji, a Persian
# name with its zero-width non-joiner, right-to-left names): kept exactly as typed.
REAL_NAMES = [
    "Zoë Ångström",
    "Jose\u0301 Nu\u0301n\u0303ez",  # accents typed as their own characters, one at the end
    "李小龙",
    "김민준",
    "محمد الأحمد",
    "דנה כהן",
    "علی\u200cرضا",  # noqa: RUF001 (Persian letters, not Latin look-alikes)
    "Nguyễn Thị Minh Khai",
    "श्रीनिवास",
    "Ана Петрова",
    "O'Brien-Smith",
    "👩\u200d💻 Priya",
    "Sam 🏳️\u200d🌈",
    "❤️",
    "🦊",
]
# What an impostor pastes in to look like nobody, or to paint a terminal.
UNREADABLE = {
    "\u3164": "people can read",  # Hangul filler, the classic blank game name
    "\u3164\u3164\u3164": "people can read",
    "\u115f\u1160": "people can read",
    "\uffa0": "people can read",
    "\u2800\u2800": "people can read",  # blank Braille pattern
    "\u200b\u200c\u200d\u2060": "people can read",
    "\ufeff\u00ad": "people can read",
    "\u200e\u200f": "people can read",
    "\u202e\u202d\u202c": "people can read",
    "\u2067\u2069": "people can read",
    "\u0301\u0301": "people can read",
    "\x1b[31mAdmin\x1b[0m": "control characters",
    "\x1b[2J\x1b[H": "control characters",
    "Ana\x9b31m": "control characters",
    "Ana\nOrganizer": "control characters",
    "Ana\u2028Ben": "control characters",
}


def join_body(name: str, **extra: str) -> dict[str, object]:
    return {"name": name, "intent": "seek", "offers": [], "seeks": ["python"]} | extra


def attendees(room: Room) -> int:
    with room.app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Attendee)) or 0
        db.session.remove()
    return count


def test_real_names_in_every_script_are_kept_as_typed(room: Room) -> None:
    url = f"/api/v1/events/{room.code}/attendees"
    for name in REAL_NAMES:
        answer = room.app.test_client().post(url, json=join_body(name))
        assert answer.status_code == 201, (name, answer.json)
        assert answer.json["attendee"]["name"] == name
        me = room.app.test_client().get("/api/v1/me", headers=bearer(answer.json["token"]))
        assert me.json["attendee"]["name"] == name  # stored and read back unchanged


def test_unreadable_names_are_refused_with_a_field_error(room: Room) -> None:
    url = f"/api/v1/events/{room.code}/attendees"
    ana = room.join("Ana", "seek", [], ["python"])
    for name, says in UNREADABLE.items():
        answer = room.app.test_client().post(url, json=join_body(name))
        assert answer.status_code == 422, (name, answer.json)
        assert list(answer.json["error"]["fields"]) == ["name"], name
        assert says in answer.json["error"]["fields"]["name"], name
        renamed = ana.client.patch("/api/v1/me", json={"name": name}, headers=ana.headers())
        assert renamed.status_code == 422, (name, renamed.json)
        event = room.organizer.patch(
            f"/api/v1/events/{room.code}", json={"name": name}, headers=room.org_headers()
        )
        assert event.status_code == 422, (name, event.json)
    assert attendees(room) == 1
    assert ana.me()["attendee"]["name"] == "Ana"
    assert room.organizer.get(f"/api/v1/events/{room.code}").json["event"]["name"] == "Test Mixer"


def test_bidi_overrides_are_taken_out_of_names_and_headlines(room: Room) -> None:
    """ "Ana\u202egnp.exe" would show as "Anaexe.png"; the override goes, the letters stay."""
    url = f"/api/v1/events/{room.code}/attendees"
    body = join_body("\u202eAna \u2066gnp.exe\u2069\u202c", headline="\u202dData analyst\u202c")
    answer = room.app.test_client().post(url, json=body)
    assert answer.status_code == 201, answer.json
    assert answer.json["attendee"]["name"] == "Ana gnp.exe"
    assert answer.json["attendee"]["headline"] == "Data analyst"
    headers = bearer(answer.json["token"])
    patched = room.app.test_client().patch(
        "/api/v1/me", json={"headline": "\x1b[5mHiring!\x1b[0m"}, headers=headers
    )
    assert patched.status_code == 422
    assert list(patched.json["error"]["fields"]) == ["headline"]


def test_the_join_form_says_what_is_wrong_with_an_unreadable_name(
    room: Room, client: FlaskClient
) -> None:
    for name in ("\u3164\u3164", "\x1b[31mAdmin"):
        page = form_post(client, f"/e/{room.code}", {"name": name, "intent": "seek", "seeks": "x"})
        assert page.status_code == 422
        assert 'id="e-name"' in page.text
        assert any(
            html.escape(words) in page.text
            for words in ("Enter a name people can read", "Remove the control characters")
        )
    assert attendees(room) == 0
    joined = form_post(
        client, f"/e/{room.code}", {"name": "דנה כהן", "intent": "seek", "seeks": "x"}
    )
    assert joined.status_code == 303
    assert client.get("/api/v1/me").json["attendee"]["name"] == "דנה כהן"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
