"""Replacing the organizer token: a leaked console link stops working at once, everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from mixer.domain.errors import Forbidden
from mixer.domain.models import Event
from mixer.domain.tokens import hash_token
from mixer.infra.extensions import db, socketio
from mixer.services import events
from tests.conftest import Room
from tests.pages.test_console_pages import signed_in

ORGANIZER_CALLS = [
    ("get", "/stats"),
    ("get", "/attendees"),
    ("patch", ""),
    ("get", "/export/attendees.csv"),
    ("get", "/export/introductions.csv"),
    ("get", "/export/event.json"),
    ("post", "/organizer-token"),
]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def call(client: FlaskClient, room: Room, method: str, path: str, **kwargs: Any) -> int:
    """One organizer request; PATCH carries a harmless change."""
    if method == "patch":
        kwargs["json"] = {"venue": "Hall 2"}
    with getattr(client, method)(f"/api/v1/events/{room.code}{path}", **kwargs) as response:
        return response.status_code


def replace(room: Room, client: FlaskClient | None = None, **kwargs: Any) -> Any:
    client = client or room.app.test_client()
    return client.post(f"/api/v1/events/{room.code}/organizer-token", **kwargs)


def stored_hash(room: Room) -> str:
    with room.app.app_context():
        return db.session.scalars(
            select(Event.organizer_token_hash).where(Event.code == room.code)
        ).one()


def test_the_answer_carries_a_new_token_and_link_stored_only_hashed(room: Room) -> None:
    answer = replace(room, headers=room.org_headers())
    assert answer.status_code == 200, answer.json
    assert set(answer.json) == {"organizer_token", "console_url"}
    token = answer.json["organizer_token"]
    assert token != room.organizer_token and len(token) >= 40
    assert answer.json["console_url"] == f"http://localhost/console/{room.code}?token={token}"
    assert stored_hash(room) == hash_token(token)


def test_the_old_bearer_token_is_refused_everywhere_and_the_new_one_works(room: Room) -> None:
    room.join("Ana", "seek", ["sql"], ["design"])
    new = replace(room, headers=room.org_headers()).json["organizer_token"]
    client = room.app.test_client()
    for method, path in ORGANIZER_CALLS:
        old = call(client, room, method, path, headers=room.org_headers())
        assert old == 403, (method, path, old)
    for method, path in ORGANIZER_CALLS[:-1]:
        assert call(client, room, method, path, headers=bearer(new)) == 200, (method, path)
    assert stored_hash(room) == hash_token(new)  # the refused replacement changed nothing


def test_an_old_cookie_is_refused_and_the_replacing_browser_stays_signed_in(room: Room) -> None:
    laptop = signed_in(room)  # replaces the link
    leaked = signed_in(room)  # opened the same link elsewhere
    answer = replace(room, laptop)
    assert answer.status_code == 200
    for method, path in ORGANIZER_CALLS[:-1]:
        assert call(laptop, room, method, path) == 200, (method, path)
        assert call(leaked, room, method, path) == 403, (method, path)
    assert laptop.get(f"/console/{room.code}").status_code == 200
    page = leaked.get(f"/console/{room.code}")
    assert page.status_code == 403
    assert "Organizers only" in page.text and "replaced by a newer one" in page.text
    assert replace(room, leaked).status_code == 403
    assert stored_hash(room) == hash_token(answer.json["organizer_token"])


def test_the_old_link_opens_a_refusal_page_and_signs_nobody_out(room: Room) -> None:
    old_link = f"/console/{room.code}?token={room.organizer_token}"
    new = replace(room, headers=room.org_headers()).json["organizer_token"]
    stranger = room.app.test_client()
    page = stranger.get(old_link)
    assert page.status_code == 403
    assert "Organizers only" in page.text and "replaced by a newer one" in page.text
    assert stranger.get(f"/console/{room.code}").status_code == 401  # no sign-in was kept

    organizer = room.app.test_client()
    assert organizer.get(f"/console/{room.code}?token={new}").status_code == 303
    assert organizer.get(old_link).status_code == 403
    assert organizer.get(f"/console/{room.code}").status_code == 200  # still signed in
    for path in ("/screen", "/poster"):
        assert stranger.get(f"/console/{room.code}{path}").status_code == 401
        assert organizer.get(f"/console/{room.code}{path}").status_code == 200


def test_nobody_but_the_organizer_replaces_the_link_and_nothing_changes(room: Room) -> None:
    before = stored_hash(room)
    phone = room.join("Ana", "seek", ["sql"], ["design"])
    other = Room(room.app)
    refusals = [
        (replace(room), 401),
        (replace(room, headers=phone.headers()), 403),
        (replace(room, phone.client), 401),  # an attendee's cookie holds no organizer sign-in
        (replace(room, headers=bearer(other.organizer_token)), 403),
        (replace(room, other.organizer), 401),  # its cookie signs in to another event only
        (replace(room, headers=bearer("not-a-token")), 403),
        (replace(room, signed_in(room), headers={"Origin": "https://evil.example"}), 403),
    ]
    assert [r.status_code for r, _ in refusals] == [status for _, status in refusals]
    for response, _ in refusals:
        assert set(response.json) == {"error"} and "organizer_token" not in response.text
    assert refusals[-1][0].json["error"]["code"] == "cross_origin"
    assert stored_hash(room) == before
    assert call(room.app.test_client(), room, "get", "/stats", headers=room.org_headers()) == 200


def test_an_unknown_event_is_refused(client: FlaskClient) -> None:
    assert client.post("/api/v1/events/nosuchevent/organizer-token").status_code == 401
    created = client.post("/api/v1/events", json={"name": "Mine"}).json
    elsewhere = client.post(
        "/api/v1/events/nosuchevent/organizer-token", headers=bearer(created["organizer_token"])
    )
    assert elsewhere.status_code == 403


def test_a_closed_event_s_link_can_still_be_replaced(room: Room) -> None:
    """After the event the console still hands out exports with shared contacts."""
    closed = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    assert closed.status_code == 200
    new = replace(room, headers=room.org_headers()).json["organizer_token"]
    assert call(room.app.test_client(), room, "get", "/stats", headers=room.org_headers()) == 403
    assert call(room.app.test_client(), room, "get", "/stats", headers=bearer(new)) == 200


def test_of_two_replacements_with_the_same_link_only_the_first_succeeds(room: Room) -> None:
    """Both were let in with the old token; the second finds it replaced under the lock."""
    old_hash = hash_token(room.organizer_token)
    with room.app.app_context():
        new = events.replace_organizer_token(room.code, old_hash)
        with pytest.raises(Forbidden):
            events.replace_organizer_token(room.code, old_hash)
    assert stored_hash(room) == hash_token(new)


def test_consoles_let_in_by_the_old_link_stop_hearing_the_room(room: Room) -> None:
    old_console = socketio.test_client(room.app, auth={"token": room.organizer_token})
    phone = room.join("Ana", "seek", ["sql"], ["design"])
    phone_socket = phone.socket()
    old_console.get_received()
    new = replace(room, headers=room.org_headers()).json["organizer_token"]
    [told] = old_console.get_received()
    assert told["name"] == "organizer_link_replaced"  # connect again, if you still can
    assert set(told["args"][0]) == {"seq"}
    assert phone_socket.get_received() == []  # nothing for attendees

    new_console = socketio.test_client(room.app, auth={"token": new})
    assert new_console.is_connected()
    assert not socketio.test_client(room.app, auth={"token": room.organizer_token}).is_connected()
    room.join("Ben", "give", ["design"], ["sql"])
    assert [m["name"] for m in old_console.get_received()].count("stats") == 0
    assert [m["name"] for m in new_console.get_received()].count("stats") >= 1


def test_the_openapi_document_describes_the_operation(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").json
    operation = doc["paths"]["/events/{code}/organizer-token"]["post"]
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer["$ref"].endswith("/OrganizerTokenOut")
    assert {"401", "403"} <= set(operation["responses"])
    assert "requestBody" not in operation
    fields = doc["components"]["schemas"]["OrganizerTokenOut"]
    assert set(fields["properties"]) == {"organizer_token", "console_url"}
    assert set(fields["required"]) == {"organizer_token", "console_url"}
