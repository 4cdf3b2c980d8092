"""Warm paths on the phone: whom I could meet through someone we both know."""

from __future__ import annotations

from typing import Any

from mixer.domain.models import Attendee, WarmRequest
from mixer.infra.extensions import db
from tests.conftest import Phone, Room


def paths(phone: Phone) -> list[dict[str, Any]]:
    return phone.me()["attendee"]["warm_paths"]


def mark_known(phone: Phone, other: Phone) -> None:
    response = phone.client.post(
        "/api/v1/me/known", json={"attendee_id": other.id}, headers=phone.headers()
    )
    assert response.status_code == 200, response.json


def test_a_full_recruiter_is_still_a_path_through_a_common_friend(room: Room) -> None:
    """Gwen (one place, taken by Xavi) is no suggestion for Sita; Kofi knows both."""
    gwen = room.join(
        "Gwen Okafor", "give", ["Data Engineering ", "python hiring"], ["UX research"], capacity=1
    )
    xavi = room.join("Xavi", "seek", ["ux research"], ["data engineering"], capacity=1)
    assert [i["other"]["name"] for i in xavi.intros()] == ["Gwen Okafor"]
    sita = room.join("Sita R.", "seek", ["UX Research", "figma"], ["data engineering"])
    kofi = room.join("Kofi", "both", ["event planning"], ["community building"])
    assert sita.intros() == [] and paths(sita) == []  # Kofi knows nobody yet
    mark_known(kofi, sita)
    mark_known(kofi, gwen)
    [path] = paths(sita)
    assert path["to"]["name"] == "Gwen Okafor"
    assert path["via"] == [{"id": kofi.id, "name": "Kofi"}]
    assert "data engineering" in " ".join(path["for_you"]).casefold()
    assert "ux research" in " ".join(path["for_them"]).casefold()
    assert path["asked"] is False
    assert [p["to"]["name"] for p in paths(gwen)] == ["Sita R."]  # both ways round
    assert paths(kofi) == []  # a broker is no path to the people they know
    # Gwen asks Kofi to introduce them (a row here: asking has its own API): both see it.
    with room.app.app_context():
        event_id = db.session.get(Attendee, gwen.id).event_id  # type: ignore[union-attr]
        db.session.add(
            WarmRequest(event_id=event_id, asker_id=gwen.id, target_id=sita.id, broker_id=kofi.id)
        )
        db.session.commit()
    assert [p["asked"] for p in paths(sita)] == [True]
    assert [p["asked"] for p in paths(gwen)] == [True]
    # Xavi declines: Gwen's place frees, Sita is introduced to her, the path is gone.
    (card,) = xavi.intros()
    assert xavi.respond(card["id"], "decline").status_code == 200
    assert [i["other"]["name"] for i in sita.intros()] == ["Gwen Okafor"]
    assert paths(sita) == []


def test_no_path_through_someone_who_went_home_or_to_someone_known(room: Room) -> None:
    gwen = room.join("Gwen", "give", ["data engineering"], ["ux research"], capacity=1)
    room.join("Xavi", "seek", ["ux research"], ["data engineering"], capacity=1)
    sita = room.join("Sita", "seek", ["ux research"], ["data engineering"])
    kofi = room.join("Kofi", "both", ["event planning"], ["community building"])
    mark_known(kofi, sita)
    mark_known(gwen, kofi)  # marked from Gwen's side: known either way
    assert [p["to"]["name"] for p in paths(sita)] == ["Gwen"]
    left = kofi.client.patch("/api/v1/me", json={"presence": "left"}, headers=kofi.headers())
    assert left.status_code == 200, left.json
    assert paths(sita) == []  # the only go-between went home
    kofi.client.patch("/api/v1/me", json={"presence": "here"}, headers=kofi.headers())
    assert [p["to"]["name"] for p in paths(sita)] == ["Gwen"]
    mark_known(sita, gwen)
    assert paths(sita) == []  # they know each other already


def test_a_freed_place_goes_to_the_seeker_a_friend_can_vouch_for(room: Room) -> None:
    """Two seekers alike in every way wait for Gwen's one place: when it frees, it goes
    to the one who shares a friend with her, not to whoever came first."""
    gwen = room.join("Gwen", "give", ["data engineering"], ["ux research"], capacity=1)
    xavi = room.join("Xavi", "seek", ["ux research"], ["data engineering"], capacity=1)
    early = room.join("Early Bird", "seek", ["UX research"], ["Data engineering"])
    late = room.join("Late Comer", "seek", ["ux Research"], ["data Engineering"])
    kofi = room.join("Kofi", "both", ["event planning"], ["community building"])
    mark_known(kofi, gwen)
    mark_known(late, kofi)
    (card,) = xavi.intros()
    assert xavi.respond(card["id"], "decline").status_code == 200
    assert [i["other"]["name"] for i in late.intros()] == ["Gwen"]
    assert early.intros() == []


def test_a_leader_with_nothing_to_gain_is_a_path_only_through_a_friend_who_vouches(
    room: Room,
) -> None:
    """Dana seeks nothing Omar offers, so Mixer never pairs them; Kofi knows both."""
    dana = room.join("Dana Whitfield", "give", ["Engineering leadership", "hiring"], ["sales"])
    omar = room.join("Omar", "seek", ["gardening"], ["engineering leadership"])
    kofi = room.join("Kofi", "both", ["event planning"], ["community building"])
    assert omar.intros() == []  # one-way, and Dana did not offer to mentor
    mark_known(kofi, omar)
    mark_known(kofi, dana)
    [path] = paths(omar)
    assert path["to"]["name"] == "Dana Whitfield" and path["for_them"] == []
    assert path["via"] == [{"id": kofi.id, "name": "Kofi"}]
    assert paths(dana) == []  # nothing there for Dana: no path shown to her
    asked = omar.client.post(
        "/api/v1/warm", json={"to": dana.id, "via": kofi.id}, headers=omar.headers()
    )
    assert asked.status_code == 201, asked.json
    assert asked.json["warm"]["one_way"] is True
