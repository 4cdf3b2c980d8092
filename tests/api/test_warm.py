"""Warm introductions: ask someone both know to introduce you, and what each phone sees."""

from __future__ import annotations

import csv
import io
from typing import Any

import vobject
from flask_socketio import SocketIOTestClient
from sqlalchemy import select

from mixer.domain.models import Introduction, WarmRequest
from mixer.infra.extensions import db
from tests.conftest import Phone, Room


def received(sock: SocketIOTestClient, name: str) -> list[dict[str, Any]]:
    return [m["args"][0] for m in sock.get_received() if m["name"] == name]


def rounds_only(room: Room) -> None:
    """No suggestions on joining: the pair meets only if someone introduces them."""
    done = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"mode": "rounds"}, headers=room.org_headers()
    )
    assert done.status_code == 200, done.json


def knows(me: Phone, other: Phone) -> None:
    done = me.client.post("/api/v1/me/known", json={"attendee_id": other.id}, headers=me.headers())
    assert done.status_code == 200, done.json


def ask(me: Phone, to: Phone, via: Phone, note: str = "") -> Any:
    body = {"to": to.id, "via": via.id} | ({"note": note} if note else {})
    return me.client.post("/api/v1/warm", json=body, headers=me.headers())


def answer(me: Phone, request_id: int, action: str, note: str = "") -> Any:
    return me.client.post(
        f"/api/v1/warm/{request_id}/{action}",
        json={"note": note} if note else None,
        headers=me.headers(),
    )


def trio(room: Room, **sharing: Any) -> tuple[Phone, Phone, Phone]:
    """Priya seeks what Gareth offers (and offers what he seeks); Kemi knows them both."""
    priya = room.join(
        "Priya Raman", "seek", ["UX research", "figma"],
        ["hiring managers in fintech", "mentoring"], **sharing,
    )  # fmt: skip
    gareth = room.join(
        "Gareth O'Neil", "give", ["Hiring managers in FinTech ", "mentoring"], ["ux Research"],
        headline="Head of Design, Monzo", **sharing,
    )  # fmt: skip
    kemi = room.join("Kemi Adeyemi", "both", ["sourdough baking"], ["rock climbing"])
    knows(priya, kemi)  # one side saying so is enough
    knows(kemi, gareth)
    return priya, gareth, kemi


def test_ask_introduce_accept_and_keep_in_touch(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room)
    asked = ask(priya, gareth, kemi, "  Could you introduce me to Gareth? Loved his talk.  ")
    assert asked.status_code == 201, asked.json
    warm = asked.json["warm"]
    assert warm["status"] == "asked" and warm["from"]["name"] == "Priya Raman"
    assert warm["to"]["id"] == gareth.id and warm["via"] == {"id": kemi.id, "name": "Kemi Adeyemi"}
    assert warm["from_gets"] and warm["to_gets"] and warm["one_way"] is False
    assert warm["note"] == "Could you introduce me to Gareth? Loved his talk."
    [pending] = kemi.me()["attendee"]["warm_requests"]
    assert pending["id"] == warm["id"] and pending["note"].startswith("Could you")
    assert priya.me()["attendee"]["warm_sent"][0]["id"] == warm["id"]
    assert gareth.me()["attendee"]["warm_requests"] == [] and gareth.intros() == []

    done = answer(kemi, warm["id"], "introduce", "You two should talk design hiring!")
    assert done.status_code == 200, done.json
    assert done.json["warm"]["status"] == "introduced"
    assert done.json["warm"]["waiting_for_place"] is False
    assert kemi.me()["attendee"]["warm_requests"] == []
    for me, other in ((priya, gareth), (gareth, priya)):
        [intro] = me.intros()
        assert intro["status"] == "suggested" and intro["other"]["id"] == other.id
        assert intro["via"] == {"id": kemi.id, "name": "Kemi Adeyemi"}
        assert intro["via_note"] == "You two should talk design hiring!"
        assert intro["known_by_both"] == [{"id": kemi.id, "name": "Kemi Adeyemi"}]
        assert intro["for_you"]
    assert kemi.me()["attendee"]["introduced_count"] == 2  # Priya and Gareth
    intro_id = priya.intros()[0]["id"]
    assert priya.respond(intro_id, "accept").status_code == 200
    accepted = gareth.respond(intro_id, "accept")
    assert accepted.json["introduction"]["status"] == "accepted"
    assert accepted.json["introduction"]["via"]["name"] == "Kemi Adeyemi"


def test_a_decline_reads_not_this_time_to_the_asker(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room)
    warm = ask(priya, gareth, kemi).json["warm"]
    declined = answer(kemi, warm["id"], "decline")
    assert declined.status_code == 200 and declined.json["warm"]["status"] == "declined"
    assert answer(kemi, warm["id"], "decline").status_code == 200  # again: nothing new
    [sent] = priya.me()["attendee"]["warm_sent"]
    assert sent["status"] == "ended" and "declin" not in str(sent)
    assert priya.intros() == [] and gareth.intros() == []
    assert answer(kemi, warm["id"], "introduce").status_code == 409
    assert answer(priya, warm["id"], "introduce").status_code == 403  # only the broker answers
    assert answer(gareth, warm["id"], "decline").status_code == 404


def test_only_someone_both_know_may_be_asked(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room)
    stranger = room.join("Tomasz Nowak", "give", ["python"], [])
    knows(priya, stranger)
    refused = ask(priya, gareth, stranger)
    assert refused.status_code == 409 and refused.json["error"]["code"] == "not_known_by_both"
    assert "Tomasz Nowak" in refused.json["error"]["message"]
    assert ask(priya, priya, kemi).status_code == 422
    assert ask(priya, gareth, gareth).status_code == 422
    assert ask(priya, gareth, priya).status_code == 422
    missing = priya.client.post(
        "/api/v1/warm", json={"to": 99999, "via": kemi.id}, headers=priya.headers()
    )
    assert missing.status_code == 404
    assert ask(priya, gareth, kemi).status_code == 201
    with room.app.app_context():
        assert len(db.session.scalars(select(WarmRequest)).all()) == 1


def test_a_broker_is_never_asked_twice_for_one_pair(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room)
    first = ask(priya, gareth, kemi)
    again = ask(priya, gareth, kemi)  # a double tap: the same open request
    assert again.status_code in (200, 201) and again.json["warm"]["id"] == first.json["warm"]["id"]
    reversed_ = ask(gareth, priya, kemi)
    assert reversed_.status_code == 409
    answer(kemi, first.json["warm"]["id"], "decline")
    for me, other in ((priya, gareth), (gareth, priya)):
        later = ask(me, other, kemi)
        assert later.status_code == 409, later.json
        assert "not asked twice" in later.json["error"]["message"]


def test_a_broker_is_asked_only_so_often_an_hour(room: Room) -> None:
    rounds_only(room)
    room.app.config["WARM_PER_HOUR"] = 2
    kemi = room.join("Kemi Adeyemi", "both", ["sourdough baking"], ["rock climbing"])
    gareth = room.join("Gareth O'Neil", "give", ["hiring managers in fintech"], ["UX research"])
    knows(kemi, gareth)
    askers = []
    for name in ("Priya Raman", "Luis Ortega", "Hannah Schulz"):
        asker = room.join(name, "seek", ["ux research"], ["Hiring managers in fintech"])
        knows(asker, kemi)
        askers.append(asker)
    assert ask(askers[0], gareth, kemi).status_code == 201
    assert ask(askers[1], gareth, kemi).status_code == 201
    busy = ask(askers[2], gareth, kemi)
    assert busy.status_code == 429
    assert "Kemi Adeyemi has had many requests" in busy.json["error"]["message"]
    assert 0 < int(busy.headers["Retry-After"]) <= 3600


def test_a_warm_introduction_waits_for_a_free_place(room: Room) -> None:
    gareth = room.join(
        "Gareth O'Neil", "give", ["hiring managers in fintech"], ["UX research"], capacity=1
    )
    ines = room.join("Inês Costa", "seek", ["ux research"], ["hiring managers in fintech"])
    [cold] = gareth.intros()
    assert cold["other"]["id"] == ines.id
    priya = room.join("Priya Raman", "seek", ["UX Research"], ["Hiring Managers in Fintech"])
    kemi = room.join("Kemi Adeyemi", "both", ["sourdough baking"], ["rock climbing"])
    knows(priya, kemi)
    knows(gareth, kemi)
    warm = ask(priya, gareth, kemi).json["warm"]
    sock = priya.socket()
    done = answer(kemi, warm["id"], "introduce")
    assert done.json["warm"]["status"] == "introduced"
    assert done.json["warm"]["waiting_for_place"] is True
    assert [i["other"]["id"] for i in priya.intros()] == []
    [pushed] = received(sock, "warm")
    assert pushed["waiting_for_place"] is True and isinstance(pushed["seq"], int)
    assert gareth.respond(cold["id"], "decline").status_code == 200
    [intro] = priya.intros()
    assert intro["other"]["id"] == gareth.id and intro["via"]["name"] == "Kemi Adeyemi"
    [sent] = priya.me()["attendee"]["warm_sent"]
    assert sent["waiting_for_place"] is False and sent["introduction_id"] == intro["id"]
    [later] = received(sock, "warm")
    assert later["introduction_id"] == intro["id"] and later["seq"] > pushed["seq"]
    assert len(gareth.intros()) == 2  # the declined one and the warm one: capacity held


def test_one_freed_place_goes_to_the_oldest_warm_yes_and_the_other_keeps_waiting(
    room: Room,
) -> None:
    """Two brokers said yes for the same full giver: one place, one introduction."""
    gareth = room.join(
        "Gareth O'Neil", "give", ["hiring managers in fintech"], ["UX research"], capacity=1
    )
    room.join("Inês Costa", "seek", ["ux research"], ["hiring managers in fintech"])
    [cold] = gareth.intros()
    priya = room.join("Priya Raman", "seek", ["UX Research"], ["Hiring Managers in Fintech"])
    tom = room.join("Tom Ng", "seek", ["UX research "], ["hiring managers in FinTech"])
    kemi = room.join("Kemi Adeyemi", "both", ["sourdough baking"], ["rock climbing"])
    lee = room.join("Lee Ortiz", "both", ["bouldering"], ["chess"])
    for friend, asker in ((kemi, priya), (lee, tom)):
        knows(asker, friend)
        knows(gareth, friend)
    first = ask(priya, gareth, kemi).json["warm"]
    second = ask(tom, gareth, lee).json["warm"]
    assert answer(kemi, first["id"], "introduce").json["warm"]["waiting_for_place"] is True
    assert answer(lee, second["id"], "introduce").json["warm"]["waiting_for_place"] is True
    assert gareth.respond(cold["id"], "decline").status_code == 200
    assert [i["other"]["id"] for i in priya.intros()] == [gareth.id]  # the older yes
    assert tom.intros() == []
    [waiting] = tom.me()["attendee"]["warm_sent"]
    assert waiting["waiting_for_place"] is True
    assert len([i for i in gareth.intros() if i["status"] == "suggested"]) == 1  # capacity 1


def test_a_suggestion_already_made_becomes_the_warm_introduction(room: Room) -> None:
    priya = room.join("Priya Raman", "seek", ["UX research"], ["hiring managers in fintech"])
    gareth = room.join("Gareth O'Neil", "give", ["hiring managers in fintech"], ["ux research"])
    kemi = room.join("Kemi Adeyemi", "both", ["sourdough baking"], ["rock climbing"])
    [cold] = priya.intros()
    knows(priya, kemi)
    knows(gareth, kemi)
    warm = ask(priya, gareth, kemi).json["warm"]
    answer(kemi, warm["id"], "introduce", "Gareth, meet Priya!")
    [intro] = gareth.intros()
    assert intro["id"] == cold["id"] and intro["via_note"] == "Gareth, meet Priya!"


def test_a_removed_broker_ends_their_requests(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room)
    warm = ask(priya, gareth, kemi).json["warm"]
    sock = priya.socket()
    gone = room.organizer.delete(
        f"/api/v1/events/{room.code}/attendees/{kemi.id}", headers=room.org_headers()
    )
    assert gone.status_code == 204
    [sent] = priya.me()["attendee"]["warm_sent"]
    assert sent["status"] == "ended" and sent["id"] == warm["id"]
    assert received(sock, "warm")[0]["status"] == "ended"
    assert ask(priya, gareth, kemi).status_code == 404  # never a broker again


def test_a_broker_who_left_ends_the_requests_asked_of_them(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room)
    warm = ask(priya, gareth, kemi).json["warm"]
    left = kemi.client.patch("/api/v1/me", json={"presence": "left"}, headers=kemi.headers())
    assert left.status_code == 200
    [sent] = priya.me()["attendee"]["warm_sent"]
    assert sent["status"] == "ended" and sent["id"] == warm["id"]
    assert answer(kemi, warm["id"], "introduce").status_code == 409


def test_forgetting_the_asker_ends_the_request_and_erases_the_notes(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room)
    warm = ask(priya, gareth, kemi, "Met Gareth at FinTech Week, keen to reconnect").json["warm"]
    assert priya.client.delete("/api/v1/me", headers=priya.headers()).status_code == 204
    assert kemi.me()["attendee"]["warm_requests"] == []
    with room.app.app_context():
        row = db.session.get(WarmRequest, warm["id"])
        assert row is not None and row.status == "ended" and row.note == ""
    assert answer(kemi, warm["id"], "introduce").status_code == 409


def test_forgetting_the_broker_erases_their_line_on_the_introduction(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room)
    warm = ask(priya, gareth, kemi).json["warm"]
    answer(kemi, warm["id"], "introduce", "Kemi here: you two must meet")
    assert kemi.client.delete("/api/v1/me", headers=kemi.headers()).status_code == 204
    [intro] = priya.intros()
    assert intro["via_note"] == "" and intro["via"]["name"] == "Former attendee"
    with room.app.app_context():
        assert db.session.scalars(select(Introduction.via_note)).all() == [""]
        assert db.session.scalars(select(WarmRequest.broker_note)).all() == [""]


def test_warm_pushes_reach_the_broker_and_the_asker_only(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room)
    socks = {p.id: p.socket() for p in (priya, gareth, kemi)}
    warm = ask(priya, gareth, kemi, "Please?").json["warm"]
    [to_kemi] = received(socks[kemi.id], "warm")
    [to_priya] = received(socks[priya.id], "warm")
    assert to_kemi["id"] == to_priya["id"] == warm["id"]
    assert isinstance(to_kemi["seq"], int) and isinstance(to_priya["seq"], int)
    assert received(socks[gareth.id], "warm") == []
    answer(kemi, warm["id"], "decline")
    [no] = received(socks[kemi.id], "warm")
    [not_this_time] = received(socks[priya.id], "warm")
    assert no["status"] == "declined" and not_this_time["status"] == "ended"
    assert not_this_time["seq"] > to_priya["seq"]
    assert received(socks[gareth.id], "warm") == []


def test_the_organizer_counts_warm_introductions_and_exports_who_made_them(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room, email="someone@example.org", share_contact=True)
    warm = ask(priya, gareth, kemi).json["warm"]
    answer(kemi, warm["id"], "introduce", "Talk about design hiring!")
    [intro] = priya.intros()
    for phone in (priya, gareth):
        assert phone.respond(intro["id"], "accept").status_code == 200
    stats = room.organizer.get(f"/api/v1/events/{room.code}/stats", headers=room.org_headers())
    assert stats.json["warm"] == {
        "asked": 1, "introduced": 1, "accepted": 1, "acceptance_rate": 1.0,
        "cold_acceptance_rate": None,
    }  # fmt: skip
    exported = room.organizer.get(
        f"/api/v1/events/{room.code}/export/introductions.csv", headers=room.org_headers()
    )
    text = exported.get_data(as_text=True).removeprefix("\ufeff")
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["via"] == "Kemi Adeyemi"
    closed = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    assert closed.status_code == 200
    vcf = priya.client.get("/api/v1/me/contacts.vcf", headers=priya.headers())
    [card] = list(vobject.readComponents(vcf.get_data(as_text=True)))
    assert card.fn.value == "Gareth O'Neil"
    assert card.note.value.endswith("Introduced by Kemi Adeyemi.")


def test_people_who_know_each_other_or_were_introduced_are_not_introduced_again(
    room: Room,
) -> None:
    priya, gareth, kemi = trio(room)
    [cold] = priya.intros()
    assert priya.respond(cold["id"], "decline").status_code == 200
    after_no = ask(gareth, priya, kemi)
    assert after_no.status_code == 409 and after_no.json["error"]["code"] == "already_introduced"
    luis = room.join("Luis Ortega", "seek", ["ux research"], ["Hiring managers in fintech"])
    knows(luis, kemi)
    knows(luis, gareth)
    known = ask(luis, gareth, kemi)
    assert known.status_code == 409 and known.json["error"]["code"] == "already_known"
    paused = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "paused"}, headers=room.org_headers()
    )
    assert paused.status_code == 200
    assert ask(luis, priya, kemi).status_code == 409
    with room.app.app_context():
        assert db.session.scalars(select(WarmRequest)).all() == []


def test_closing_the_event_ends_requests_nobody_answered(room: Room) -> None:
    rounds_only(room)
    priya, gareth, kemi = trio(room)
    warm = ask(priya, gareth, kemi, "Would love an intro before the night ends").json["warm"]
    broker, asker = kemi.socket(), priya.socket()
    broker.get_received(), asker.get_received()
    closed = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    assert closed.status_code == 200, closed.json
    [to_broker] = received(broker, "warm")
    [to_asker] = received(asker, "warm")
    assert to_broker["status"] == to_asker["status"] == "ended"
    assert kemi.me()["attendee"]["warm_requests"] == []
    assert priya.me()["attendee"]["warm_sent"][0]["status"] == "ended"
    late = answer(kemi, warm["id"], "introduce")
    assert late.status_code == 409, late.json
