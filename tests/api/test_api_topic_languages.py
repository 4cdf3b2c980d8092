"""Built-in topics typed in another language meet the English ones, through the API."""

from __future__ import annotations

from typing import Any

from tests.conftest import Room


def understood(phone_me: dict[str, Any], side: str) -> dict[str, list[str]]:
    return {u["typed"]: u["as"] for u in phone_me["attendee"]["understood"][side]}


def test_a_german_seeker_and_an_english_giver_meet_on_the_same_topic(room: Room) -> None:
    giver = room.join("Gia", "give", ["Data Analysis", "Salary negotiation"], [], capacity=4)
    seeker = room.join("Sam", "seek", [], ["Datenanalyse & BI", "Gehaltsverhandlung"])
    arabic = room.join("Amal", "seek", [], ["تحليل البيانات"])
    [intro] = seeker.intros()
    assert intro["other"]["id"] == giver.id
    assert set(intro["for_you"]) == {"data analysis", "salary negotiation"}
    me = seeker.me()
    assert me["attendee"]["seeks"] == ["Datenanalyse & BI", "Gehaltsverhandlung"]  # as typed
    assert understood(me, "seeks") == {
        "Datenanalyse & BI": ["data analysis", "business intelligence"],
        "Gehaltsverhandlung": ["salary negotiation"],
    }
    [other] = arabic.intros()
    assert other["other"]["id"] == giver.id and other["for_you"] == ["data analysis"]


def test_typeahead_finds_a_topic_by_its_german_name(room: Room) -> None:
    room.join("Gia", "give", ["data analysis"], [])
    seeker = room.join("Sam", "seek", [], ["python"])
    response = seeker.client.get(
        f"/api/v1/events/{room.code}/topics?q=Datenanalyse&side=seeks", headers=seeker.headers()
    )
    assert response.status_code == 200, response.json
    assert response.json["topics"][0] == {"topic": "data analysis", "offers": 1, "seeks": 0}
