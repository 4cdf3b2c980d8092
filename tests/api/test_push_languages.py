"""Every push speaks its recipient's language, whoever caused the change; GET /me speaks
the phone's language and remembers it."""

from __future__ import annotations

import time
from typing import Any

from flask_socketio import SocketIOTestClient

from mixer.domain.models import Attendee
from mixer.infra.extensions import db
from tests.conftest import Phone, Room


def received(sock: SocketIOTestClient, name: str, wait: float = 5.0) -> list[dict[str, Any]]:
    """The pushes of this name, waiting a little for a room matched away from the request."""
    deadline = time.monotonic() + wait
    while True:
        found = [m["args"][0] for m in sock.get_received() if m["name"] == name]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def join(
    room: Room, language: str, name: str, intent: str, offers: list[str], seeks: list[str]
) -> Phone:
    """Join from a phone that speaks `language` (its Accept-Language)."""
    phone = Phone(room.app.test_client(), room.code)
    response = phone.client.post(
        f"/api/v1/events/{room.code}/attendees",
        json={"name": name, "intent": intent, "offers": offers, "seeks": seeks},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 201, response.json
    phone.id, phone.token = response.json["attendee"]["id"], response.json["token"]
    return phone


def me(phone: Phone, language: str | None = None) -> dict[str, Any]:
    headers = phone.headers() | ({"Accept-Language": language} if language else {})
    response = phone.client.get("/api/v1/me", headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def status(room: Room, value: str) -> None:
    response = room.organizer.patch(
        f"/api/v1/events/{room.code}",
        json={"status": value},
        headers=room.org_headers() | {"Accept-Language": "en"},
    )
    assert response.status_code == 200, response.json


def remembered(room: Room, phone: Phone) -> str | None:
    with room.app.app_context():
        return db.session.get(Attendee, phone.id).language


def version(room: Room, phone: Phone) -> int:
    with room.app.app_context():
        return db.session.get(Attendee, phone.id).version


def test_each_side_of_an_introduction_hears_it_in_its_own_language(room: Room) -> None:
    status(room, "paused")
    giver = join(room, "de", "Greta Berg", "give", ["hiring"], ["design"])
    seeker = join(room, "ar", "Amal Haddad", "seek", ["design"], ["hiring"])
    assert (remembered(room, giver), remembered(room, seeker)) == ("de", "ar")
    giver_sock, seeker_sock = giver.socket(), seeker.socket()

    status(room, "open")  # an English console's change introduces them

    [to_giver] = received(giver_sock, "introduction")
    [to_seeker] = received(seeker_sock, "introduction")
    assert to_giver["opener"].startswith("Hallo Amal!")
    # Built-in topics by their label in the reader's language ("hiring" is "Einstellung").
    assert "Einstellung" in to_giver["opener"] and "Hi " not in to_giver["opener"]
    assert all("?" in q and "What" not in q for q in to_giver["questions"])
    assert to_seeker["opener"].startswith("مرحبًا Greta!")
    assert "التصميم" in to_seeker["opener"] and "Hi " not in to_seeker["opener"]
    assert all(q.endswith("؟") for q in to_seeker["questions"])

    # An answer from the German phone reaches the Arabic one in Arabic, and back.
    giver.client.post(
        f"/api/v1/introductions/{to_giver['id']}/accept",
        headers=giver.headers() | {"Accept-Language": "de"},
    )
    [update] = received(seeker_sock, "introduction")
    assert update["they_accepted"] and update["opener"].startswith("مرحبًا Greta!")
    seeker.client.post(
        f"/api/v1/introductions/{to_seeker['id']}/accept",
        headers=seeker.headers() | {"Accept-Language": "ar"},
    )
    both = received(giver_sock, "introduction")[-1]  # after the echo of its own answer
    assert both["opener"].startswith("Hallo Amal!")
    assert both["follow_up"].startswith("Hallo Amal, schön, Sie bei Test Mixer")


def test_me_speaks_the_phone_language_and_remembers_it(room: Room) -> None:
    status(room, "paused")
    person = join(room, "de", "Greta Berg", "seek", [], ["hiring"])
    why = me(person, "de")["attendee"]["waiting"]
    assert why["reason"] == "paused"
    assert why["message"].startswith("Der Veranstalter hat die Vorstellungen kurz pausiert.")
    # Without Accept-Language: still German, the language it spoke last.
    assert me(person)["attendee"]["waiting"]["message"].startswith("Der Veranstalter")
    # In Arabic now: remembered (not a change of the profile the room's view reads), and
    # the next request without a language speaks Arabic.
    before = version(room, person)
    arabic = me(person, "ar")["attendee"]["waiting"]["message"]
    assert arabic.startswith("أوقف المنظّم التعارف")
    assert remembered(room, person) == "ar" and version(room, person) == before
    assert me(person)["attendee"]["waiting"]["message"] == arabic
    # English by default: someone whose phone never asked for a language.
    other = room.join("Sam", "seek", [], ["hiring"])
    assert remembered(room, other) is None
    assert me(other)["attendee"]["waiting"]["message"].startswith("The organizer has paused")


def test_lists_of_topics_follow_the_language(room: Room) -> None:
    person = join(room, "de", "Greta Berg", "seek", [], ["hiring", "design", "python"])
    why = me(person, "de")["attendee"]["waiting"]
    assert why["reason"] == "no_topic_match"
    assert "Design, Einstellung und python" in why["message"]  # python: the same everywhere
    english = me(person, "en")["attendee"]["waiting"]["message"]
    assert english.startswith("Nobody here offers design, hiring and python yet.")


def test_a_push_without_a_known_language_speaks_the_event_language(room: Room) -> None:
    response = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"language": "fr"}, headers=room.org_headers()
    )
    assert response.status_code == 200, response.json
    giver = room.join("Gia", "give", ["hiring"], ["design"])  # no language of its own
    sock = giver.socket()
    join(room, "es", "Sara", "seek", ["design"], ["hiring"])
    [intro] = received(sock, "introduction")
    assert intro["opener"].startswith("Bonjour Sara !")
