"""After the night: what came of an introduction (told by each side, privately), what a giver
gave, and the event's impact for its organizer (JSON, page and CSV)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from mixer.domain import personal
from tests.api.test_api_after_event import close, met_pair
from tests.api.test_warm import answer, ask, knows, received, rounds_only
from tests.conftest import Phone, Room


def tell(phone: Phone, intro_id: int, outcome: Any, **kwargs: Any) -> Any:
    body = kwargs.pop("json", {"outcome": outcome})
    return phone.client.post(
        f"/api/v1/introductions/{intro_id}/outcome", json=body, headers=phone.headers(), **kwargs
    )


def test_told_once_met_kept_private_idempotent_and_changeable(room: Room) -> None:
    giver, seeker, intro_id = met_pair(room)
    assert seeker.respond(intro_id, "met").status_code == 200
    giver_sock, seeker_sock = giver.socket(), seeker.socket()
    told = tell(seeker, intro_id, "referral")
    assert told.status_code == 200, told.json
    assert told.json["introduction"]["outcome"] == "referral"
    assert seeker.intros()[0]["outcome"] == "referral"
    assert giver.intros()[0]["outcome"] is None  # the other side never sees it
    assert [p["outcome"] for p in received(seeker_sock, "introduction")] == ["referral"]
    assert received(giver_sock, "introduction") == []
    seq = seeker.me()["seq"]
    again = tell(seeker, intro_id, "referral")  # a double tap: nothing new, nothing pushed
    assert again.status_code == 200 and again.json["introduction"]["outcome"] == "referral"
    assert seeker.me()["seq"] == seq and received(seeker_sock, "introduction") == []
    changed = tell(seeker, intro_id, "offer")
    assert changed.json["introduction"]["outcome"] == "offer"
    assert tell(giver, intro_id, "advice").json["introduction"]["outcome"] == "advice"
    assert seeker.intros()[0]["outcome"] == "offer" and giver.intros()[0]["outcome"] == "advice"
    assert received(giver_sock, "introduction")[-1]["outcome"] == "advice"
    assert all(p["outcome"] == "offer" for p in received(seeker_sock, "introduction"))


def test_accepted_but_not_met_may_tell_only_after_the_event_closed(room: Room) -> None:
    _giver, seeker, intro_id = met_pair(room)  # both accepted, never marked met
    refused = tell(seeker, intro_id, "interview")
    assert refused.status_code == 409
    assert "once you have met" in refused.json["error"]["message"]
    assert seeker.intros()[0]["outcome"] is None
    close(room)
    assert tell(seeker, intro_id, "interview").status_code == 200


def test_a_suggestion_never_accepted_or_a_declined_one_cannot_be_told(room: Room) -> None:
    room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    assert tell(seeker, intro["id"], "referral").status_code == 409
    close(room)  # the unanswered suggestion ends with the event
    assert tell(seeker, intro["id"], "referral").status_code == 409
    other = Room(room.app)
    other.join("Hal", "give", ["hiring"], ["design"])
    sue = other.join("Sue", "seek", ["design"], ["hiring"])
    [passed] = sue.intros()
    assert sue.respond(passed["id"], "decline").status_code == 200
    close(other)
    assert tell(sue, passed["id"], "nothing").status_code == 409


def test_bad_outcomes_are_422_and_change_nothing(room: Room) -> None:
    _giver, seeker, intro_id = met_pair(room)
    close(room)
    for body in ({"outcome": "great"}, {"outcome": ""}, {"outcome": 3}, {}, {"outcome": None}):
        response = tell(seeker, intro_id, None, json=body)
        assert response.status_code == 422, (body, response.json)
    extra = tell(seeker, intro_id, None, json={"outcome": "offer", "why": "x"})
    assert extra.status_code == 422
    text = seeker.client.post(
        f"/api/v1/introductions/{intro_id}/outcome",
        data="offer",
        headers=seeker.headers() | {"Content-Type": "text/plain"},
    )
    assert text.status_code == 415
    assert seeker.intros()[0]["outcome"] is None


def test_only_its_two_people_may_tell(room: Room) -> None:
    _giver, seeker, intro_id = met_pair(room)
    third = room.join("Oz", "seek", ["finance"], ["cooking"])
    close(room)
    assert tell(third, intro_id, "referral").status_code == 404
    assert tell(seeker, 999_999, "referral").status_code == 404
    url = f"/api/v1/introductions/{intro_id}/outcome"
    body = {"outcome": "referral"}
    assert room.organizer.post(url, json=body, headers=room.org_headers()).status_code == 401
    assert room.app.test_client().post(url, json=body).status_code == 401
    elsewhere = Room(room.app).join("Ola", "seek", ["design"], ["hiring"])
    assert tell(elsewhere, intro_id, "referral").status_code == 404
    assert seeker.intros()[0]["outcome"] is None


def test_removed_attendee_may_not_tell(room: Room) -> None:
    giver, seeker, intro_id = met_pair(room)
    assert giver.respond(intro_id, "met").status_code == 200
    close(room)
    removal = f"/api/v1/events/{room.code}/attendees/{seeker.id}"
    assert room.organizer.delete(removal, headers=room.org_headers()).status_code == 204
    assert tell(seeker, intro_id, "offer").status_code == 403
    assert tell(giver, intro_id, "advice").status_code == 200


def evening(room: Room) -> dict[str, Any]:
    """A small evening: one cold pair that met (and followed up), one cold suggestion
    declined, a warm pair that met through Kemi, and a seeker nobody could help."""
    gia = room.join("Gia", "give", ["hiring"], ["design"])
    sam = room.join("Sam", "seek", ["design"], ["hiring"])
    [cold] = sam.intros()
    for phone in (sam, gia):
        assert phone.respond(cold["id"], "accept").status_code == 200
    assert sam.respond(cold["id"], "met").status_code == 200
    room.join("Ola", "give", ["python"], [])
    tim = room.join("Tim", "seek", ["chess"], ["python"])
    [passed] = tim.intros()
    assert tim.respond(passed["id"], "decline").status_code == 200
    room.join("Lee", "seek", ["knitting"], ["astrophysics"])  # nobody offers it
    rounds_only(room)
    priya = room.join("Priya", "seek", ["UX research"], ["hiring managers in fintech"])
    gareth = room.join("Gareth", "give", ["hiring managers in fintech"], ["UX research"])
    kemi = room.join("Kemi", "both", ["sourdough baking"], ["rock climbing"])
    knows(priya, kemi)
    knows(kemi, gareth)
    warm_id = ask(priya, gareth, kemi).json["warm"]["id"]
    assert answer(kemi, warm_id, "introduce").status_code == 200
    [warm] = priya.intros()
    assert warm["via"]["name"] == "Kemi"
    for phone in (priya, gareth):
        assert phone.respond(warm["id"], "accept").status_code == 200
    assert gareth.respond(warm["id"], "met").status_code == 200
    close(room)
    assert sam.respond(cold["id"], "followed_up").status_code == 200
    for phone, intro, outcome in (
        (sam, cold, "interview"),
        (gia, cold, "nothing"),
        (priya, warm, "referral"),
    ):
        assert tell(phone, intro["id"], outcome).status_code == 200
    topics: Counter[str] = Counter()
    for intro in (cold, warm):
        topics.update({*intro["for_you"], *intro["for_them"]})
    return {"gia": gia, "gareth": gareth, "kemi": kemi, "sam": sam, "topics": topics}


def test_impact_counts_the_evening(room: Room) -> None:
    cast = evening(room)
    response = room.organizer.get(f"/api/v1/events/{room.code}/impact", headers=room.org_headers())
    assert response.status_code == 200, response.json
    got = response.json
    assert (got["suggested"], got["accepted"], got["met"], got["followed_up"]) == (3, 2, 2, 1)
    assert got["helped"] == 2 and got["told"] == 3
    assert got["outcomes"] == {
        "referral": 1, "interview": 1, "offer": 0, "advice": 0, "nothing": 1,
    }  # fmt: skip
    assert (got["seekers"], got["seekers_reached"]) == (5, 2)  # Sam, Tim, Lee, Priya, Kemi
    assert got["warm"] == {"suggested": 1, "accepted": 1, "met": 1, "followed_up": 0, "helped": 1}
    assert got["cold"] == {"suggested": 2, "accepted": 1, "met": 1, "followed_up": 1, "helped": 1}
    assert {t["topic"]: t["helped"] for t in got["topics"]} == dict(cast["topics"])
    assert not {"Gia", "Sam", "Priya", "Gareth"} & set(str(got).split("'"))  # counts only


def test_impact_is_for_the_organizer_only(room: Room) -> None:
    giver, _seeker, _ = met_pair(room)
    url = f"/api/v1/events/{room.code}/impact"
    assert giver.client.get(url, headers=giver.headers()).status_code == 403
    assert room.app.test_client().get(url).status_code == 401
    assert room.organizer.get("/api/v1/events/NOPE99/impact").status_code == 404
    other = Room(room.app)
    assert other.organizer.get(url, headers=other.org_headers()).status_code == 403


def test_an_empty_evening_has_every_outcome_at_zero(room: Room) -> None:
    got = room.organizer.get(f"/api/v1/events/{room.code}/impact", headers=room.org_headers())
    assert got.json["outcomes"] == dict.fromkeys(
        ("referral", "interview", "offer", "advice", "nothing"), 0
    )
    assert got.json["suggested"] == 0 and got.json["topics"] == []
    page = room.organizer.get(f"/console/{room.code}/impact")
    assert page.status_code == 200 and "Nothing to show yet" in page.text


def test_impact_csv_has_the_same_figures_for_the_organizer_only(room: Room) -> None:
    cast = evening(room)
    url = f"/api/v1/events/{room.code}/export/impact.csv"
    sam: Phone = cast["sam"]
    assert sam.client.get(url, headers=sam.headers()).status_code == 403
    assert room.app.test_client().get(url).status_code == 401
    response = room.organizer.get(url, headers=room.org_headers())
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "impact.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == ["metric", "value"]
    figures = dict(rows[1:])
    assert figures["suggested"] == "3" and figures["seekers_reached"] == "2"
    assert figures["outcomes.referral"] == "1" and figures["outcomes.offer"] == "0"
    assert figures["warm.met"] == "1" and figures["cold.followed_up"] == "1"
    for topic, helped in cast["topics"].items():
        assert figures[f"topics.{topic}"] == str(helped)


def test_impact_page_draws_the_figures(room: Room) -> None:
    evening(room)
    page = room.organizer.get(f"/console/{room.code}/impact")
    assert page.status_code == 200
    assert page.text.count("<svg") >= 2 and 'role="img"' in page.text
    assert "A referral: 1" in page.text and "Suggested: 3" in page.text
    assert "Gia" not in page.text and "Priya" not in page.text
    assert room.app.test_client().get(f"/console/{room.code}/impact").status_code == 401
    console = room.organizer.get(f"/console/{room.code}")
    assert f"/console/{room.code}/impact" in console.text
    assert "/export/impact.csv" in console.text


def test_givers_see_what_they_gave_once_the_event_closed(room: Room) -> None:
    giver, seeker, intro_id = met_pair(room)
    assert giver.me()["attendee"]["gave"] is None  # not before the end
    close(room)
    gave = giver.me()["attendee"]["gave"]
    assert gave["met"] == 1 and set(gave["outcomes"].values()) == {0}
    assert tell(seeker, intro_id, "referral").status_code == 200
    assert tell(giver, intro_id, "advice").status_code == 200  # their own: not counted here
    gave = giver.me()["attendee"]["gave"]
    assert gave == {"met": 1, "outcomes": {
        "referral": 1, "interview": 0, "offer": 0, "advice": 0, "nothing": 0,
    }}  # fmt: skip
    assert seeker.me()["attendee"]["gave"] is None  # a seeker gave nothing to count


def test_every_giver_of_the_evening_sees_their_own_count(room: Room) -> None:
    cast = evening(room)
    assert cast["gia"].me()["attendee"]["gave"]["outcomes"]["interview"] == 1
    gareth = cast["gareth"].me()["attendee"]["gave"]
    assert gareth["met"] == 1 and gareth["outcomes"]["referral"] == 1
    kemi = cast["kemi"].me()["attendee"]["gave"]  # came for both: a giver too
    assert kemi == {"met": 0, "outcomes": dict.fromkeys(kemi["outcomes"], 0)}


def test_outcomes_stay_counted_when_someone_is_forgotten(room: Room) -> None:
    giver, seeker, intro_id = met_pair(room)
    close(room)
    assert tell(seeker, intro_id, "offer").status_code == 200
    assert seeker.client.delete("/api/v1/me", headers=seeker.headers()).status_code == 204
    got = room.organizer.get(f"/api/v1/events/{room.code}/impact", headers=room.org_headers())
    assert got.json["outcomes"]["offer"] == 1 and got.json["helped"] == 1
    assert giver.me()["attendee"]["gave"]["outcomes"]["offer"] == 1
    assert giver.intros()[0]["other"]["name"] == "Former attendee"
    kept = set(personal.KEPT_INTRODUCTION)
    assert kept <= personal.introduction_columns() and not kept & set(personal.ERASED_INTRODUCTION)
