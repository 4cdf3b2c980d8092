"""Introductions: two-way suggestions, consent on both sides, graceful no, contacts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from mixer.domain.models import Introduction, utcnow
from mixer.infra.extensions import db
from mixer.services import periodic
from tests.conftest import Room


def test_matching_pair_gets_an_introduction_with_what_is_in_it_for_each(room: Room) -> None:
    giver = room.join(
        "Gia Lead", "give", ["hiring", "leadership"], ["design systems"], headline="CTO at Acme"
    )
    seeker = room.join("Sam", "seek", ["design systems"], ["hiring"])
    [for_seeker] = seeker.intros()
    [for_giver] = giver.intros()
    assert for_seeker["id"] == for_giver["id"]
    assert for_seeker["status"] == "suggested"
    assert for_seeker["other"] == {
        "id": giver.id, "name": "Gia Lead", "headline": "CTO at Acme", "intent": "give",
        "offers": ["hiring", "leadership"], "seeks": ["design systems"],
    }  # fmt: skip
    assert for_seeker["for_you"] == ["hiring"]
    assert for_seeker["for_them"] == ["design systems"]
    assert for_giver["for_you"] == ["design systems"]
    assert for_giver["for_them"] == ["hiring"]
    assert "Gia" in for_seeker["opener"] and "hiring" in for_seeker["opener"]
    assert for_seeker["questions"]
    assert for_seeker["contact"] is None
    assert for_seeker["expires_at"] is not None


def test_no_introduction_without_value_both_ways_unless_mentor(room: Room) -> None:
    room.join("Gia", "give", ["hiring"], ["finance"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    assert seeker.intros() == []
    mentor = room.join("Meg", "give", ["hiring"], [], mentor=True)
    [intro] = seeker.intros()
    assert intro["other"]["id"] == mentor.id
    assert intro["one_way"] is True
    assert intro["for_them"] == []


def test_both_accept_then_contact_appears_and_spot_is_given(room: Room) -> None:
    giver = room.join(
        "Gia", "give", ["hiring"], ["design"], email="gia@example.com", share_contact=True
    )
    seeker = room.join("Sam", "seek", ["design"], ["hiring"], email="sam@example.com")
    [intro] = seeker.intros()
    first = seeker.respond(intro["id"], "accept")
    assert first.status_code == 200
    body = first.json["introduction"]
    assert body["status"] == "suggested" and body["you_accepted"] and not body["they_accepted"]
    assert body["contact"] is None
    again = seeker.respond(intro["id"], "accept")
    assert again.status_code == 200 and again.json["introduction"] == body
    done = giver.respond(intro["id"], "accept").json["introduction"]
    assert done["status"] == "accepted"
    assert done["spot"] in ("Table 1", "Table 2")
    # Sam did not share, so Gia sees no contact; Gia shared, so Sam sees hers.
    assert done["contact"] is None
    [seen_by_seeker] = seeker.intros()
    assert seen_by_seeker["contact"]["email"] == "gia@example.com"
    met = seeker.respond(intro["id"], "met")
    assert met.json["introduction"]["status"] == "met"
    assert seeker.respond(intro["id"], "met").status_code == 200


def test_decline_is_shown_to_the_other_side_as_not_this_time(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    declined = giver.respond(intro["id"], "decline")
    assert declined.json["introduction"]["status"] == "declined"
    assert seeker.intros()[0]["status"] == "expired"
    assert "declin" not in str(seeker.me())
    assert seeker.respond(intro["id"], "accept").status_code == 409
    assert giver.respond(intro["id"], "decline").status_code == 200  # idempotent


def test_declined_pair_is_never_suggested_again(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    seeker.respond(intro["id"], "decline")
    giver.client.patch("/api/v1/me", json={"capacity": 5}, headers=giver.headers())
    seeker.client.patch(
        "/api/v1/me", json={"seeks": ["hiring", "leadership"]}, headers=seeker.headers()
    )
    assert len(seeker.intros()) == 1


def test_someone_elses_introduction_is_404_and_unchanged(room: Room) -> None:
    room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    outsider = room.join("Oz", "seek", ["finance"], ["cooking"])
    [intro] = seeker.intros()
    for action in ("accept", "decline", "met"):
        response = outsider.respond(intro["id"], action)
        assert response.status_code == 404
        assert response.json["error"]["code"] == "not_found"
    assert seeker.intros()[0]["status"] == "suggested"
    assert seeker.respond(99999, "accept").status_code == 404
    assert (
        seeker.client.post(f"/api/v1/introductions/{intro['id']}/accept").status_code == 200
    )  # cookie works
    anonymous = room.app.test_client().post(f"/api/v1/introductions/{intro['id']}/accept")
    assert anonymous.status_code == 401


def test_token_of_another_event_grants_nothing(room: Room) -> None:
    room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    other = Room(room.app)
    stranger = other.join("Zed", "give", ["design"], ["hiring"])
    assert stranger.respond(intro["id"], "accept").status_code == 404
    foreign = {"Authorization": f"Bearer {other.organizer_token}"}
    assert (
        room.organizer.get(f"/api/v1/events/{room.code}/stats", headers=foreign).status_code == 403
    )
    assert (
        room.organizer.get(
            f"/api/v1/events/{room.code}/attendees", headers=stranger.headers()
        ).status_code
        == 403
    )


def test_met_needs_both_to_have_accepted(room: Room) -> None:
    room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    response = seeker.respond(intro["id"], "met")
    assert response.status_code == 409
    assert seeker.intros()[0]["status"] == "suggested"


def test_capacity_is_never_exceeded_and_met_frees_a_place(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"], capacity=1)
    first = room.join("Sam", "seek", ["design"], ["hiring"])
    second = room.join("Sue", "seek", ["design"], ["hiring"])
    assert len(giver.intros()) == 1 and second.intros() == []
    [intro] = first.intros()
    first.respond(intro["id"], "accept")
    giver.respond(intro["id"], "accept")
    assert second.intros() == []  # accepted still holds Gia's only place
    first.respond(intro["id"], "met")
    [fresh] = second.intros()
    assert fresh["other"]["id"] == giver.id


def test_seekers_first_introduction_before_anyones_second(room: Room) -> None:
    room.join("Gia", "give", ["hiring"], ["design"], capacity=3)
    first = room.join("Sam", "seek", ["design"], ["hiring"], capacity=2)
    room.join("Gus", "give", ["hiring"], ["design"], capacity=1)
    late = room.join("Sue", "seek", ["design"], ["hiring"])
    assert len(first.intros()) == 2
    # Sue arrives when Gia still has places: she is served, not left waiting.
    assert len(late.intros()) == 1


def test_unanswered_suggestions_expire_and_free_capacity(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"], capacity=1)
    first = room.join("Sam", "seek", ["design"], ["hiring"])
    second = room.join("Sue", "seek", ["design"], ["hiring"])
    assert second.intros() == []
    with room.app.app_context():
        assert periodic.expire_all(utcnow() + timedelta(minutes=16)) == 1
        rows = db.session.scalars(select(Introduction).order_by(Introduction.id)).all()
        assert [r.status for r in rows] == ["expired", "suggested"]
    assert first.intros()[0]["status"] == "expired"
    assert second.intros()[0]["other"]["id"] == giver.id


def test_paused_event_makes_no_suggestions_until_resumed(room: Room) -> None:
    url = f"/api/v1/events/{room.code}"
    room.organizer.patch(url, json={"status": "paused"}, headers=room.org_headers())
    room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    assert seeker.intros() == []
    room.organizer.patch(url, json={"status": "open"}, headers=room.org_headers())
    assert len(seeker.intros()) == 1


def test_closed_event_refuses_accepting(room: Room) -> None:
    room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    response = seeker.respond(intro["id"], "accept")
    assert response.status_code == 409
    assert "closed" in response.json["error"]["message"]


def test_the_other_side_learns_the_person_left_but_never_of_a_decline(room: Room) -> None:
    gia = room.join("Gia", "give", ["hiring", "data"], ["design", "sql"], capacity=3)
    sam = room.join("Sam", "seek", ["design"], ["hiring"])
    ann = room.join("Ann", "seek", ["sql"], ["data"])
    by_name = {i["other"]["name"]: i for i in gia.intros()}
    assert by_name["Sam"]["they_left"] is False
    sock = gia.socket()
    assert (
        sam.client.patch("/api/v1/me", json={"presence": "left"}, headers=sam.headers()).status_code
        == 200
    )
    pushed = [e["args"][0] for e in sock.get_received() if e["name"] == "introduction"]
    assert [(p["other"]["name"], p["status"], p["they_left"]) for p in pushed] == [
        ("Sam", "expired", True)
    ]
    card = next(i for i in ann.intros() if i["other"]["name"] == "Gia")
    assert ann.respond(card["id"], "decline").status_code == 200
    seen = {i["other"]["name"]: i for i in gia.intros()}
    assert (seen["Ann"]["status"], seen["Ann"]["they_left"]) == ("expired", False)
    assert ann.client.delete("/api/v1/me", headers=ann.headers()).status_code == 204
    assert {i["other"]["id"]: i["they_left"] for i in gia.intros()}[ann.id] is True


def test_an_answer_carries_the_seq_that_orders_it_among_the_pushes(room: Room) -> None:
    """A phone draws the answer or a push, whichever is newer, with no extra GET /me."""
    room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    socket = seeker.socket()
    [intro] = seeker.intros()
    answer = seeker.respond(intro["id"], "accept").json
    pushed = [e["args"][0] for e in socket.get_received() if e["name"] == "introduction"]
    assert pushed[-1]["you_accepted"] and pushed[-1]["seq"] <= answer["seq"]
    assert answer["seq"] == seeker.me()["seq"]
    again = seeker.respond(intro["id"], "accept").json  # nothing changes: same seq
    assert again["seq"] == answer["seq"] and again["introduction"] == answer["introduction"]
