"""At the door: personal links, homework before the night, and checking in."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from sqlalchemy import select

from mixer.domain.models import Registration
from mixer.infra.extensions import db
from tests.api.test_warm import answer, ask, knows, rounds_only
from tests.conftest import Phone, Room
from tests.registrations import csrf_and_nonce, link_join, register


def checkin(phone: Phone) -> Any:
    return phone.client.post(f"/api/v1/me/checkin?event={phone.code}", headers=phone.headers())


def organizer_checkin(room: Room, attendee_id: int, **headers: str) -> Any:
    path = f"/api/v1/events/{room.code}/attendees/{attendee_id}/checkin"
    return room.organizer.post(path, headers=headers or room.org_headers())


def test_a_personal_link_shows_the_join_form_filled_in_without_door_code(room: Room) -> None:
    door = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"door_code": "tulip"}, headers=room.org_headers()
    )
    assert door.status_code == 200, door.json
    token = register(room.app, room.code, "Ana Link", "Ana@X.org", "Analyst at Acme")
    page = room.app.test_client().get(f"/r/{token}")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert 'value="Ana Link"' in page.text and 'value="Ana@X.org"' in page.text
    assert 'value="Analyst at Acme"' in page.text
    assert 'name="door_code"' not in page.text
    assert f'action="/r/{token}"' in page.text
    phone = link_join(room, token, "seek", [], ["python"])  # no door code asked
    assert phone.me()["attendee"]["name"] == "Ana Link"


def test_joining_through_the_link_is_not_arriving(room: Room, app: Flask) -> None:
    bob = room.join("Bob Door", "give", ["python"], ["design"])
    token = register(app, room.code, "Ana Link", "ana@x.org")
    ana = link_join(room, token, "both", ["design"], ["python"])
    me = ana.me()
    assert me["attendee"]["arrived"] is False
    assert me["introductions"] == [] and bob.intros() == []  # nobody introduced before
    assert me["attendee"]["waiting"]["reason"] == "not_arrived"
    assert "Check in when you arrive" in me["attendee"]["waiting"]["message"]
    with app.app_context():
        reg = db.session.scalars(select(Registration)).one()
        assert reg.attendee_id == ana.id
    # Someone who joins at the door is arriving: at once in the room.
    assert bob.me()["attendee"]["arrived"] is True
    assert bob.me()["attendee"]["homework"] == []
    stats = room.organizer.get(f"/api/v1/events/{room.code}/stats", headers=room.org_headers())
    assert stats.json["arrivals"] == {"registered": 1, "arrived": 0, "at_the_door": 1}


def test_checking_in_matches_at_once_and_twice_changes_nothing(room: Room, app: Flask) -> None:
    bob = room.join("Bob Door", "give", ["python"], ["design"])
    ana = link_join(
        room, register(app, room.code, "Ana", "ana@x.org"), "both", ["design"], ["python"]
    )
    sock = ana.socket(auth={"event": room.code})
    done = checkin(ana)
    assert done.status_code == 200, done.json
    assert done.json["attendee"]["arrived"] is True and done.json["attendee"]["homework"] == []
    [intro] = ana.intros()
    assert intro["other"]["id"] == bob.id and bob.intros()[0]["id"] == intro["id"]
    seq = ana.me()["seq"]
    again = checkin(ana)
    assert again.status_code == 200 and again.json["attendee"]["arrived"] is True
    assert ana.me()["seq"] == seq and len(ana.intros()) == 1
    names = [m["name"] for m in sock.get_received()]
    assert "arrived" in names and "introduction" in names
    stats = room.organizer.get(f"/api/v1/events/{room.code}/stats", headers=room.org_headers())
    assert stats.json["arrivals"] == {"registered": 1, "arrived": 1, "at_the_door": 1}


def test_the_organizer_checks_someone_in_and_the_phone_hears_it(room: Room, app: Flask) -> None:
    room.join("Bob Door", "give", ["python"], [])
    ana = link_join(room, register(app, room.code, "Ana", "ana@x.org"), "seek", [], ["python"])
    listed = room.organizer.get(f"/api/v1/events/{room.code}/attendees", headers=room.org_headers())
    assert [p["arrived"] for p in listed.json["attendees"] if p["id"] == ana.id] == [False]
    sock = ana.socket(auth={"event": room.code})
    done = organizer_checkin(room, ana.id)
    assert done.status_code == 200, done.json
    assert done.json["attendee"]["arrived"] is True and done.json["attendee"]["id"] == ana.id
    assert "arrived" in [m["name"] for m in sock.get_received()]
    assert ana.me()["attendee"]["arrived"] is True and len(ana.intros()) == 1
    assert organizer_checkin(room, ana.id).status_code == 200  # again: nothing new
    stats = room.organizer.get(f"/api/v1/events/{room.code}/stats", headers=room.org_headers())
    assert stats.json["arrivals"] == {"registered": 1, "arrived": 1, "at_the_door": 1}


def test_homework_lists_best_two_way_matches_only_without_contacts(room: Room, app: Flask) -> None:
    contact = {"share_contact": True, "email": "x@y.org", "phone": "+44 1"}
    two_way = [
        room.join(
            f"Giver {n}", "both", ["python", *(["sql"] if n < 3 else [])], ["design"], **contact
        )
        for n in range(7)
    ]
    room.join("One Way", "give", ["python"], ["cooking"], mentor=True)
    room.join("Nothing", "give", ["knitting"], ["pottery"])
    ana = link_join(
        room, register(app, room.code, "Ana", "ana@x.org"), "both", ["design"], ["python", "sql"]
    )
    homework = ana.me()["attendee"]["homework"]
    assert 1 <= len(homework) <= 5
    ids = [h["other"]["id"] for h in homework]
    assert set(ids) <= {p.id for p in two_way}
    assert ids[:3] == sorted(p.id for p in two_way[:3])  # both topics first
    for h in homework:
        assert h["for_you"] and h["for_them"] == ["design"]
        assert set(h["other"]) == {"id", "name", "headline", "intent", "offers", "seeks"}
    assert "x@y.org" not in str(homework) and "+44" not in str(homework)
    assert checkin(ana).json["attendee"]["homework"] == []


def test_nobody_is_paired_in_a_round_before_arriving(room: Room, app: Flask) -> None:
    rounds = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"mode": "rounds"}, headers=room.org_headers()
    )
    assert rounds.status_code == 200
    bob = room.join("Bob", "give", ["python"], ["design"])
    cy = room.join("Cy", "seek", ["design"], ["python"])
    ana = link_join(
        room, register(app, room.code, "Ana", "ana@x.org"), "both", ["design"], ["python"]
    )
    started = room.organizer.post(
        f"/api/v1/events/{room.code}/rounds", json={"minutes": 5}, headers=room.org_headers()
    )
    assert started.status_code == 201, started.json
    assert ana.intros() == []
    assert [i["other"]["id"] for i in bob.intros()] == [cy.id]
    assert ana.me()["attendee"]["waiting"]["reason"] == "not_arrived"


def test_the_same_phone_goes_home_another_phone_is_told_the_link_is_in_use(
    room: Room, app: Flask
) -> None:
    token = register(app, room.code, "Ana", "ana@x.org")
    ana = link_join(room, token, "seek", [], ["python"])
    again = ana.client.get(f"/r/{token}")
    assert again.status_code == 303 and again.headers["Location"].endswith(f"/e/{room.code}")
    other = app.test_client().get(f"/r/{token}")
    assert other.status_code == 409
    assert "already in use on another phone" in other.text and "organizer" in other.text
    assert other.headers["Cache-Control"] == "no-store"
    # A form sent from a second phone that opened the link before the first one joined.
    second = app.test_client()
    with app.app_context():
        reg = db.session.scalars(select(Registration)).one()
        reg.attendee_id = None
        db.session.commit()
        db.session.remove()
    form = csrf_and_nonce(second.get(f"/r/{token}").text)
    with app.app_context():
        reg = db.session.scalars(select(Registration)).one()
        reg.attendee_id = ana.id
        db.session.commit()
        db.session.remove()
    sent = second.post(f"/r/{token}", data=form | {"name": "Eve", "intent": "seek", "seeks": "x"})
    assert sent.status_code == 409 and "another phone" in sent.text
    assert second.get("/api/v1/me").status_code == 401


def test_a_wrong_or_old_link_is_a_plain_404(room: Room, app: Flask) -> None:
    register(app, room.code, "Ana", "ana@x.org")
    client = app.test_client()
    for token in ("nope", "x" * 43, "y" * 300):
        page = client.get(f"/r/{token}")
        assert page.status_code == 404 and "This link does not work" in page.text
        assert page.headers["Cache-Control"] == "no-store"
    posted = client.post("/r/nope", data={"name": "Eve"})
    assert posted.status_code in (400, 404)  # the CSRF check, or the unknown link


def test_who_may_check_in_whom(room: Room, app: Flask) -> None:
    bob = room.join("Bob", "give", ["python"], ["design"])
    ana = link_join(room, register(app, room.code, "Ana", "ana@x.org"), "seek", [], ["python"])
    other = Room(app)
    ola = other.join("Ola", "give", ["python"], ["design"])
    # Another attendee, or the organizer of another event, cannot check Ana in.
    assert organizer_checkin(room, ana.id, Authorization=f"Bearer {bob.token}").status_code == 403
    refused = organizer_checkin(room, ana.id, Authorization=f"Bearer {other.organizer_token}")
    assert refused.status_code == 403
    # This event's organizer cannot reach someone of another event through it.
    assert organizer_checkin(room, ola.id).status_code == 404
    assert app.test_client().post("/api/v1/me/checkin").status_code == 401
    assert ana.me()["attendee"]["arrived"] is False
    assert organizer_checkin(room, 99999999999).status_code == 404


def test_a_closed_event_takes_no_check_in(room: Room, app: Flask) -> None:
    ana = link_join(room, register(app, room.code, "Ana", "ana@x.org"), "seek", [], ["python"])
    closed = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    assert closed.status_code == 200, closed.json
    refused = checkin(ana)
    assert refused.status_code == 409 and refused.json["error"]["code"] == "event_closed"
    assert organizer_checkin(room, ana.id).status_code == 409
    assert ana.me()["attendee"]["arrived"] is False


def test_the_home_page_asks_for_a_confirmed_check_in_and_works_without_script(
    room: Room, app: Flask
) -> None:
    bob = room.join("Bob", "give", ["python"], ["design"])
    assert 'id="arrival-box"' not in bob.client.get(f"/e/{room.code}").text
    ana = link_join(
        room, register(app, room.code, "Ana", "ana@x.org"), "both", ["design"], ["python"]
    )
    home = ana.client.get(f"/e/{room.code}")
    assert 'id="arrival-box"' in home.text and "Check in" in home.text
    assert ana.me()["attendee"]["arrived"] is False  # opening the page checks nobody in
    form = re.search(r'name="csrf_token" value="([^"]+)"', home.text)
    assert form is not None
    done = ana.client.post(f"/e/{room.code}/checkin", data={"csrf_token": form.group(1)})
    assert done.status_code == 303 and done.headers["Location"].endswith(f"/e/{room.code}")
    assert ana.me()["attendee"]["arrived"] is True
    assert 'id="arrival-box"' not in ana.client.get(f"/e/{room.code}").text
    no_token = ana.client.post(f"/e/{room.code}/checkin", data={})
    assert no_token.status_code == 400  # the CSRF check: a form of another site checks nobody in


def test_a_warm_introduction_waits_until_both_are_in_the_room(room: Room, app: Flask) -> None:
    rounds_only(room)  # no cold suggestion: the pair meets only through Kemi
    kemi = room.join("Kemi", "both", ["baking"], ["climbing"])
    gareth = room.join("Gareth", "give", ["hiring"], ["ux research"])
    token = register(app, room.code, "Priya", "priya@x.org")
    priya = link_join(room, token, "seek", ["ux research"], ["hiring"], name="Priya")
    knows(priya, kemi)
    knows(kemi, gareth)
    asked = ask(priya, gareth, kemi)
    assert asked.status_code == 201, asked.json
    done = answer(kemi, asked.json["warm"]["id"], "introduce", "You two should talk.")
    assert done.status_code == 200, done.json
    assert done.json["warm"]["waiting_for_place"] is True
    assert priya.intros() == [] and gareth.intros() == []
    assert checkin(priya).status_code == 200
    [intro] = priya.intros()
    assert intro["other"]["id"] == gareth.id and intro["via"]["name"] == "Kemi"
