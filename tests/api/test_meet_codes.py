"""My code: one phone shows a short code, another uses it, and both know each other.

On SQLite and PostgreSQL (the `app` fixture). The codes are typed as people type them:
lowercase, with spaces and dashes; the refusals say what went wrong and change nothing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select, update

from mixer.domain.meet_codes import ALPHABET, LENGTH
from mixer.domain.models import MeetCode, utcnow
from mixer.infra.extensions import db
from tests.conftest import Phone, Room, form_post

CONTACT = {"share_contact": True, "phone": "+44 7700 900123"}


def code_of(phone: Phone) -> dict[str, Any]:
    answer = phone.client.get("/api/v1/me/code", headers=phone.headers())
    assert answer.status_code == 200, answer.json
    return answer.json


def use(phone: Phone, code: str, **extra: Any) -> Any:
    return phone.client.post(
        "/api/v1/me/known", json={"code": code} | extra, headers=phone.headers()
    )


def known(phone: Phone) -> list[int]:
    return phone.me()["attendee"]["known"]


def contacts(phone: Phone) -> str:
    answer = phone.client.get("/api/v1/me/contacts.vcf", headers=phone.headers())
    assert answer.status_code == 200
    return answer.text


def messy(code: str) -> str:
    """As someone types a code read off another phone: lowercase, spaced, a dash."""
    return f" {code[:3].lower()} - {code[3:].lower()} "


def test_code_flow_marks_both_and_a_second_tap_changes_nothing(room: Room) -> None:
    ana = room.join("Ana Lima", "give", ["hiring"], ["design"], headline="CTO at Orbit")
    ben = room.join("Ben Okafor", "seek", ["design"], ["hiring"])
    shown = code_of(ana)
    assert len(shown["code"]) == LENGTH and set(shown["code"]) <= set(ALPHABET)
    assert shown["url"].startswith("http") and shown["url"].endswith(
        f"/e/{room.code}/k/{shown['code']}"
    )
    assert code_of(ana) == shown  # the same code until it is used
    first = use(ben, messy(shown["code"]))
    assert first.status_code == 200, first.json
    assert first.json == {"known": [ana.id]}
    again = use(ben, shown["code"])
    assert again.status_code == 200 and again.json == {"known": [ana.id]}
    assert known(ana) == [ben.id] and known(ben) == [ana.id]
    assert all(i["status"] != "suggested" for i in ana.intros())  # the pair's suggestion ended
    fresh = code_of(ana)
    assert fresh["code"] != shown["code"]  # used: the phone shows a new one
    assert "Ben" not in contacts(ana) and "Ana" not in contacts(ben)  # no contact by itself


def test_used_by_another_expired_own_and_unknown_codes_are_refused(app: Flask, room: Room) -> None:
    ana = room.join("Ana", "give", ["hiring"], ["design"])
    ben = room.join("Ben", "seek", ["design"], ["hiring"])
    cy = room.join("Cy", "seek", ["design"], ["hiring"])
    code = code_of(ana)["code"]
    assert use(ana, code).status_code == 422
    assert use(ana, code).json["error"]["code"] == "own_code"
    assert use(ben, code).status_code == 200
    taken = use(cy, code)
    assert taken.status_code == 409 and "Ana" in taken.json["error"]["message"]
    assert known(cy) == []
    later = code_of(ana)["code"]
    with app.app_context():
        db.session.execute(update(MeetCode).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    gone = use(cy, later)
    assert gone.status_code == 409 and gone.json["error"]["code"] == "code_expired"
    assert use(cy, "ZZZZZZ").status_code == 404  # nobody's
    typo = use(cy, "K0O-1IL")
    assert typo.status_code == 422 and "code" in typo.json["error"]["fields"]
    assert code_of(ana)["code"] != later  # expired: a new one
    assert known(cy) == []


def test_a_code_of_another_event_is_refused(app: Flask) -> None:
    here, there = Room(app), Room(app)
    ana = there.join("Ana", "give", ["hiring"], ["design"])
    ben = here.join("Ben", "seek", ["design"], ["hiring"])
    refused = use(ben, code_of(ana)["code"])
    assert refused.status_code == 404 and refused.json["error"]["code"] == "other_event"
    assert known(ben) == []


def test_exactly_one_of_id_and_code(room: Room) -> None:
    ana = room.join("Ana", "give", ["hiring"], ["design"])
    ben = room.join("Ben", "seek", ["design"], ["hiring"])
    both = use(ben, code_of(ana)["code"], attendee_id=ana.id)
    assert both.status_code == 422
    none = ben.client.post("/api/v1/me/known", json={}, headers=ben.headers())
    assert none.status_code == 422
    assert known(ben) == []


def test_a_removed_or_forgotten_owners_code_stops_working(app: Flask, room: Room) -> None:
    ana = room.join("Ana", "give", ["hiring"], ["design"])
    dee = room.join("Dee", "give", ["hiring"], ["design"])
    ben = room.join("Ben", "seek", ["design"], ["hiring"])
    removed, forgotten = code_of(ana)["code"], code_of(dee)["code"]
    gone = room.organizer.delete(
        f"/api/v1/events/{room.code}/attendees/{ana.id}", headers=room.org_headers()
    )
    assert gone.status_code == 204
    assert dee.client.delete("/api/v1/me", headers=dee.headers()).status_code == 204
    assert use(ben, removed).status_code == 404
    assert use(ben, forgotten).status_code == 404
    assert known(ben) == []
    assert ana.client.get("/api/v1/me/code", headers=ana.headers()).status_code == 403
    with app.app_context():  # forgotten: their codes are gone with them
        assert (
            db.session.scalars(select(MeetCode).where(MeetCode.attendee_id == dee.id)).all() == []
        )


def test_swap_needs_both_yeses_and_both_sharing(room: Room) -> None:
    ana = room.join(
        "Ana Lima", "give", ["hiring"], ["design"], email="ana@orbit.example", **CONTACT
    )
    ben = room.join("Ben Okafor", "seek", ["design"], ["hiring"], email="ben@x.example", **CONTACT)
    assert use(ben, code_of(ana)["code"], swap_contact=True).status_code == 200
    assert "ana@orbit.example" not in contacts(ben)  # Ana has not said yes yet
    assert "ben@x.example" not in contacts(ana)
    yes = ana.client.post(
        "/api/v1/me/known",
        json={"attendee_id": ben.id, "swap_contact": True},
        headers=ana.headers(),
    )
    assert yes.status_code == 200 and yes.json == {"known": [ben.id]}
    assert "ana@orbit.example" in contacts(ben)
    assert "ben@x.example" in contacts(ana)
    people = ana.client.get("/api/v1/me/people", headers=ana.headers()).json["people"]
    [row] = [p for p in people if p["id"] == ben.id]
    assert row["known"] and row["swap_contact"] and row["contact"]["email"] == "ben@x.example"
    back = ana.client.post(
        "/api/v1/me/known",
        json={"attendee_id": ben.id, "swap_contact": False},
        headers=ana.headers(),
    )
    assert back.status_code == 200
    assert "ana@orbit.example" not in contacts(ben)  # her yes taken back


def test_one_side_only_swaps_nothing(room: Room) -> None:
    ana = room.join("Ana", "give", ["hiring"], ["design"], email="ana@orbit.example", **CONTACT)
    ben = room.join("Ben", "seek", ["design"], ["hiring"], email="ben@x.example")  # shares not
    assert use(ben, code_of(ana)["code"], swap_contact=True).status_code == 200
    yes = ana.client.post(
        "/api/v1/me/known",
        json={"attendee_id": ben.id, "swap_contact": True},
        headers=ana.headers(),
    )
    assert yes.status_code == 200
    assert "ana@orbit.example" not in contacts(ben)  # Ben does not share his: no exchange
    assert "ben@x.example" not in contacts(ana)


def test_the_owners_phone_hears_that_its_code_was_used(room: Room) -> None:
    ana = room.join("Ana", "give", ["hiring"], ["design"])
    ben = room.join("Ben", "seek", ["design"], ["hiring"])
    sock = ana.socket()
    sock.get_received()
    assert use(ben, code_of(ana)["code"]).status_code == 200
    heard = [m for m in sock.get_received() if m["name"] == "known"]
    sock.disconnect()
    assert heard and heard[0]["args"][0]["by"] == {"id": ben.id, "name": "Ben"}


def test_the_page_asks_then_confirms_without_javascript(app: Flask, room: Room) -> None:
    ana = room.join("Ana Lima", "give", ["hiring"], ["design"], headline="CTO at Orbit", **CONTACT)
    ben = room.join("Ben", "seek", ["design"], ["hiring"], **CONTACT)
    url = code_of(ana)["url"]
    path = url[url.index("/e/") :]
    page = ben.client.get(path)
    assert page.status_code == 200
    assert "Do you know Ana Lima?" in page.text and "CTO at Orbit" in page.text
    assert "Also swap contact details" in page.text and "+44" not in page.text
    sent = form_post(ben.client, path, {"swap_contact": "on"})
    assert sent.status_code == 303
    again = form_post(ben.client, path, {})  # a second tap
    assert again.status_code == 303
    done = ben.client.get(path).text
    assert "You know each other" in done and "Once Ana Lima says yes too" in done
    assert known(ben) == [ana.id] and known(ana) == [ben.id]
    with app.app_context():
        assert (
            len(db.session.scalars(select(MeetCode).where(MeetCode.used_by == ben.id)).all()) == 1
        )
    stranger = app.test_client().get(path)
    assert stranger.status_code == 200 and "Join Test Mixer first" in stranger.text
    cy = room.join("Cy", "seek", ["design"], ["hiring"])
    used = cy.client.get(path)
    assert used.status_code == 409 and "ask Ana Lima to show theirs again" in used.text
