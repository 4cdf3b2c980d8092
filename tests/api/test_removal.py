"""Removal is sticky: a removed person's browser cannot rejoin, and the organizer can undo it."""

from __future__ import annotations

from typing import Any

from tests.conftest import Room
from tests.pages.test_forms_once import page_form


def remove(room: Room, attendee_id: int) -> Any:
    url = f"/api/v1/events/{room.code}/attendees/{attendee_id}"
    return room.organizer.delete(url, headers=room.org_headers())


def restore(room: Room, attendee_id: int) -> Any:
    url = f"/api/v1/events/{room.code}/attendees/{attendee_id}/restore"
    return room.organizer.post(url, headers=room.org_headers())


def listing(room: Room) -> dict[str, Any]:
    url = f"/api/v1/events/{room.code}/attendees"
    response = room.organizer.get(url, headers=room.org_headers())
    assert response.status_code == 200
    return response.json


SEEK = {"intent": "seek", "offers": ["design"], "seeks": ["hiring"]}


def test_a_removed_browser_cannot_join_again_by_api_or_form(room: Room) -> None:
    room.join("Gia", "give", ["hiring"], ["design"])
    troll = room.join("Troll", "seek", ["design"], ["hiring"], email="troll@example.com")
    assert remove(room, troll.id).status_code == 204
    path = f"/api/v1/events/{room.code}/attendees"

    again = troll.client.post(path, json={"name": "Nice Person"} | SEEK)  # the same cookie
    assert again.status_code == 403 and again.json["error"]["code"] == "removed"
    assert "removed you" in again.json["error"]["message"]
    by_token = room.app.test_client().post(
        path, json={"name": "Nice Person"} | SEEK, headers=troll.headers()
    )
    assert by_token.status_code == 403 and by_token.json["error"]["code"] == "removed"

    page = troll.client.get(f"/e/{room.code}")
    assert page.status_code == 403 and "removed you" in page.text

    listed = listing(room)
    assert [p["name"] for p in listed["attendees"]] == ["Gia"]  # nobody new got in
    assert [p["name"] for p in listed["removed"]] == ["Troll"]


def test_a_removed_browser_cannot_join_again_by_the_form(room: Room) -> None:
    fresh = room.app.test_client()
    form = page_form(fresh, f"/e/{room.code}") | {"name": "Troll", "intent": "seek", "seeks": "x"}
    assert fresh.post(f"/e/{room.code}", data=form).status_code == 303
    [troll] = listing(room)["attendees"]
    assert remove(room, troll["id"]).status_code == 204
    # The removed page would not show the form; a form kept open from before is sent again.
    stale = form | {"nonce": "n" * 32, "name": "Someone Else"}
    refused = fresh.post(f"/e/{room.code}", data=stale)
    assert refused.status_code == 403 and "removed you" in refused.text
    assert listing(room)["attendees"] == []


def test_a_new_browser_with_a_removed_name_or_email_is_flagged(room: Room) -> None:
    troll = room.join("Troll  Face", "seek", ["design"], ["hiring"], email="t@example.com")
    early = room.join("troll face", "seek", ["design"], ["hiring"])  # before the removal
    assert remove(room, troll.id).status_code == 204
    same_name = room.join("TROLL FACE", "seek", ["design"], ["hiring"])
    same_email = room.join("Tee", "seek", ["design"], ["hiring"], email="T@example.com")
    other = room.join("Ada", "seek", ["design"], ["hiring"], email="ada@example.com")
    flags = {p["id"]: p["flags"] for p in listing(room)["attendees"]}
    assert flags[same_name.id] == flags[same_email.id] == ["matches_removed"]
    assert flags[other.id] == flags[early.id] == []


def test_the_organizer_can_undo_a_removal(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    assert remove(room, giver.id).status_code == 204
    assert giver.client.get("/api/v1/me", headers=giver.headers()).status_code == 403
    newcomer = room.join("Ana", "seek", ["design"], ["hiring"])  # arrives meanwhile
    assert newcomer.intros() == []

    back = restore(room, giver.id)
    assert back.status_code == 200
    assert back.json["attendee"]["name"] == "Gia" and back.json["attendee"]["presence"] == "here"
    assert restore(room, giver.id).status_code == 200  # twice changes nothing
    assert giver.me()["attendee"]["name"] == "Gia"  # the same phone works again
    assert [p["name"] for p in listing(room)["attendees"]] == ["Gia", "Sam", "Ana"]
    assert listing(room)["removed"] == []
    assert [i["other"]["name"] for i in newcomer.intros()] == ["Gia"]  # matched again
    assert seeker.intros()[0]["status"] == "expired"  # what the removal ended stays ended
    assert restore(room, 99999).status_code == 404
    assert (
        room.app.test_client()
        .post(f"/api/v1/events/{room.code}/attendees/{giver.id}/restore")
        .status_code
        == 401
    )
