"""Topics as people type them, through the API: reading, giving, typeahead, waiting, supply."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from mixer.domain.models import Attendee, Event
from mixer.infra.extensions import db
from mixer.services import waiting as waiting_service
from tests.conftest import Room


def understood(phone_me: dict[str, Any], side: str) -> dict[str, list[str]]:
    return {u["typed"]: u["as"] for u in phone_me["attendee"]["understood"][side]}


def test_messy_words_meet_and_are_stored_as_typed(room: Room) -> None:
    giver = room.join("Gia", "give", ["Python", "Machine Learning"], ["Design Systems"], capacity=4)
    seekers = [
        room.join(f"S{i}", "seek", ["design systems"], [typed])
        for i, typed in enumerate(["ML", "machine-learning", "Pyhton", "Python 3"])
    ]
    for seeker in seekers:
        [intro] = seeker.intros()
        assert intro["other"]["id"] == giver.id
        assert set(intro["for_you"]) <= {"python", "machine learning"}
    me = seekers[0].me()
    assert me["attendee"]["seeks"] == ["ML"]  # the person's words, as typed
    assert understood(me, "seeks") == {"ML": ["machine learning"]}
    assert understood(giver.me(), "offers")["Machine Learning"] == ["machine learning"]


def test_an_unknown_topic_is_the_person_s_own_and_still_meets_the_same_words(room: Room) -> None:
    room.join("Gia", "give", ["Quantum Widgets"], [])
    seeker = room.join("Sam", "seek", ["design"], ["quantum  widgets"])
    assert understood(seeker.me(), "seeks") == {"quantum widgets": []}
    [intro] = seeker.intros()
    assert intro["for_you"] == ["quantum widgets"]


def test_a_giver_who_leaves_looking_for_empty_came_to_give(room: Room) -> None:
    giver = room.join("Hana Hiring", "give", ["referrals"], [])
    seeker = room.join("Sam", "seek", ["sql"], ["referrals"])
    [intro] = seeker.intros()
    assert intro["other"]["id"] == giver.id and intro["one_way"] is True
    curious = room.join("Cy", "give", ["referrals"], ["sql"])  # seeks what Sam offers
    newcomer = room.join("Nia", "seek", ["sql"], ["referrals"], capacity=1)
    [two_way] = newcomer.intros()  # two-way beats one-way
    assert two_way["other"]["id"] == curious.id and two_way["one_way"] is False


def test_a_topic_without_letters_is_refused_and_nothing_is_stored(app: Flask, room: Room) -> None:
    phone = app.test_client()
    body = {"name": "Ema", "intent": "seek", "offers": [], "seeks": ["🚀🚀", "python"]}
    response = phone.post(f"/api/v1/events/{room.code}/attendees", json=body)
    assert response.status_code == 422
    assert "letters or digits" in response.json["error"]["fields"]["seeks"]
    with app.app_context():
        assert db.session.scalars(select(Attendee)).all() == []


def test_the_same_topic_twice_in_other_case_is_kept_once(room: Room) -> None:
    phone = room.join("Sam", "seek", [], ["Python", "python ", "PYTHON", "SQL"])
    assert phone.me()["attendee"]["seeks"] == ["Python", "SQL"]


def test_typeahead_puts_the_room_s_other_side_first_with_counts_only(room: Room) -> None:
    room.join("Gia", "give", ["JavaScript"], [])
    room.join("Gus", "give", ["javascript", "java"], [])
    seeker = room.join("Sam", "seek", [], ["go"])
    response = seeker.client.get(
        f"/api/v1/events/{room.code}/topics?q=jav&side=seeks", headers=seeker.headers()
    )
    assert response.status_code == 200, response.json
    topics = response.json["topics"]
    assert topics[0] == {"topic": "javascript", "offers": 2, "seeks": 0}
    assert topics[1] == {"topic": "java", "offers": 1, "seeks": 0}
    assert "Gia" not in response.get_data(as_text=True)
    empty = seeker.client.get(f"/api/v1/events/{room.code}/topics", headers=seeker.headers())
    assert [t["topic"] for t in empty.json["topics"]][:2] == ["javascript", "java"]
    gia = room.join("Gil", "give", ["Java"], [])
    mine = gia.client.get(f"/api/v1/events/{room.code}/topics?q=java", headers=gia.headers())
    assert {"topic": "java", "offers": 1, "seeks": 0} in mine.json["topics"]  # not counting Gil
    by_organizer = room.organizer.get(
        f"/api/v1/events/{room.code}/topics?q=ML&side=offers", headers=room.org_headers()
    )
    assert by_organizer.json["topics"][0]["topic"] == "machine learning"


def test_typeahead_is_for_the_event_s_people_only(app: Flask, room: Room) -> None:
    url = f"/api/v1/events/{room.code}/topics?q=py"
    assert app.test_client().get(url).status_code == 401
    other = Room(app)
    stranger = other.join("Sam", "seek", [], ["python"])
    assert stranger.client.get(url, headers=stranger.headers()).status_code == 403
    assert other.organizer.get(url, headers=other.org_headers()).status_code == 403
    member = room.join("Ana", "seek", [], ["python"])
    bad = member.client.get(url + "&side=both", headers=member.headers())
    assert bad.status_code == 422 and bad.json["error"]["code"] == "invalid"


def waiting(phone: Any) -> dict[str, Any] | None:
    return phone.me()["attendee"]["waiting"]


def test_a_seeker_nobody_can_help_is_told_why_and_what_is_close(room: Room) -> None:
    room.join("Gia", "give", ["deep learning", "sql"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["Kubernetes"])
    why = waiting(seeker)
    assert why is not None and why["reason"] == "no_topic_match"
    assert "kubernetes" in why["message"]
    assert set(why["topics"]) == {"deep learning", "sql"}


def test_helpers_are_counted_a_few_at_a_time_until_one_is_free(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a big room thousands may offer a topic: their open introductions are counted a
    chunk at a time, and every chunk is looked at before saying that all of them are busy."""
    monkeypatch.setattr(waiting_service, "CHUNK", 2)
    givers = [room.join(f"Gia {n}", "give", ["hiring"], ["design"], capacity=1) for n in range(3)]
    for n in range(3):
        room.join(f"Sam {n}", "seek", ["design"], ["hiring"])

    def open_count(phone: Any) -> int:
        return sum(i["status"] in ("suggested", "accepted") for i in phone.intros())

    assert [open_count(p) for p in givers] == [1, 1, 1]  # every helper is full
    late = room.join("Ana", "seek", ["design"], ["hiring"])
    why = waiting(late)
    assert why is not None and why["reason"] == "helpers_busy"  # three helpers, two chunks


def test_a_seeker_whose_helpers_are_full_is_next(room: Room) -> None:
    room.join("Gia", "give", ["hiring"], ["design"], capacity=1)
    first = room.join("Sam", "seek", ["design"], ["hiring"])
    assert waiting(first) is None  # an introduction is open: nothing to explain
    second = room.join("Ana", "seek", ["design"], ["hiring"])
    why = waiting(second)
    assert why is not None and why["reason"] == "helpers_busy"
    assert "next" in why["message"]


def test_a_seeker_who_has_nothing_the_helpers_seek_is_told_what_they_seek(room: Room) -> None:
    room.join("Gia", "give", ["fundraising"], ["kubernetes"])
    seeker = room.join("Sam", "seek", ["design"], ["fundraising"])
    why = waiting(seeker)
    assert why is not None and why["reason"] == "no_two_way"
    assert why["topics"] == ["kubernetes"]


def test_a_giver_nobody_seeks_hears_what_seekers_ask_for(room: Room) -> None:
    room.join("Sam", "seek", ["design"], ["fundraising"])
    giver = room.join("Gia", "give", ["kubernetes"], [])
    why = waiting(giver)
    assert why is not None and why["reason"] == "nobody_seeks_yours"
    assert why["topics"] == ["fundraising"]


def test_pause_and_absence_are_reasons_too(room: Room) -> None:
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    away = seeker.client.patch("/api/v1/me", json={"presence": "busy"}, headers=seeker.headers())
    assert away.json["attendee"]["waiting"]["reason"] == "not_present"
    seeker.client.patch("/api/v1/me", json={"presence": "here"}, headers=seeker.headers())
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "paused"}, headers=room.org_headers()
    )
    assert waiting(seeker)["reason"] == "paused"  # type: ignore[index]


def test_stats_show_supply_and_demand_per_topic(room: Room) -> None:
    room.join("Gia", "give", ["ML"], ["design"], capacity=1)
    room.join("Sam", "seek", ["design"], ["machine learning"])
    room.join("Ana", "seek", ["design"], ["Machine-Learning"])
    room.join("Cy", "seek", ["design"], ["rust"])
    stats = room.organizer.get(f"/api/v1/events/{room.code}/stats", headers=room.org_headers())
    topics = {t["topic"]: t for t in stats.json["topics"]}
    assert topics["machine learning"] == {
        "topic": "machine learning", "offers": 1, "seeks": 2, "waiting": 1,
    }  # fmt: skip
    assert topics["rust"]["waiting"] == 1 and topics["rust"]["offers"] == 0
    assert stats.json["topics"][0]["waiting"] == 1
    assert stats.json["balance"]["seekers_no_topic_match"] == 1  # Cy; Ana waits for a place


def test_declaring_two_topics_the_same_rematches_the_room(app: Flask, room: Room) -> None:
    room.join("Gia", "give", ["blorp ops"], [])
    seeker = room.join("Sam", "seek", ["design"], ["blorpops"])
    assert seeker.intros() == []
    response = room.organizer.patch(
        f"/api/v1/events/{room.code}",
        json={"topic_aliases": {"blorpops": "blorp ops"}},
        headers=room.org_headers(),
    )
    assert response.status_code == 200, response.json
    assert response.json["event"]["topic_aliases"] == {"blorpops": "blorp ops"}
    [intro] = seeker.intros()
    assert intro["for_you"] == ["blorp ops"]
    assert understood(seeker.me(), "seeks") == {"blorpops": ["blorp ops"]}


def test_bad_aliases_are_refused_and_change_nothing(app: Flask, room: Room) -> None:
    for body in (
        {"topic_aliases": {"x": 3}},
        {"topic_aliases": {"🚀": "python"}},
        {"topic_aliases": {"a" * 41: "python"}},
        {"topic_aliases": ["python"]},
    ):
        response = room.organizer.patch(
            f"/api/v1/events/{room.code}", json=body, headers=room.org_headers()
        )
        assert response.status_code == 422, body
    with app.app_context():
        event = db.session.scalars(select(Event)).one()
        assert event.topic_aliases == {}


def test_the_join_form_s_vocabulary_is_public_small_and_holds_no_room_data(
    app: Flask, room: Room
) -> None:
    room.join("Gia", "give", ["Quantum Widgets"], [])
    browser = app.test_client()
    plain = browser.get(f"/e/{room.code}/vocabulary.json")
    assert plain.status_code == 200
    topics = {t["topic"]: t["aliases"] for t in plain.json["topics"]}
    assert "ml" in topics["machine learning"]
    assert "quantum widgets" not in topics and "Gia" not in plain.get_data(as_text=True)
    zipped = browser.get(
        f"/e/{room.code}/vocabulary.json", headers={"Accept-Encoding": "gzip, deflate"}
    )
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert len(zipped.get_data()) < len(plain.get_data()) / 2
