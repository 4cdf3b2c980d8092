"""Announcements, closed-event rules, follow-ups with one reminder, landed jobs, purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from mixer.domain.models import Attendee, Event, utcnow
from mixer.infra.extensions import db
from mixer.run.cli import main
from mixer.services import periodic, retention
from tests.conftest import Phone, Room


def met_pair(room: Room) -> tuple[Phone, Phone, int]:
    giver = room.join(
        "Gia Lead", "give", ["hiring"], ["design"], email="gia@example.com", share_contact=True
    )
    seeker = room.join(
        "Sam Seeker", "seek", ["design"], ["hiring"], email="sam@example.com", share_contact=True
    )
    [intro] = seeker.intros()
    seeker.respond(intro["id"], "accept")
    giver.respond(intro["id"], "accept")
    return giver, seeker, intro["id"]


def close(room: Room) -> None:
    response = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    assert response.status_code == 200


def test_announcement_reaches_every_phone_and_is_kept_for_resync(room: Room) -> None:
    phone = room.join("Ana", "seek", [], ["python"])
    sock = phone.socket()
    url = f"/api/v1/events/{room.code}/announcements"
    assert (
        room.organizer.post(url, json={"message": "Hi"}).status_code == 201
    )  # the creator's cookie
    assert room.app.test_client().post(url, json={"message": "Hi"}).status_code == 401
    assert (
        phone.client.post(url, json={"message": "Hi"}, headers=phone.headers()).status_code == 403
    )
    response = room.organizer.post(
        url, json={"message": "Pizza is here!"}, headers=room.org_headers()
    )
    assert response.status_code == 201
    assert response.json["announcement"]["message"] == "Pizza is here!"
    pushed = [m["args"][0] for m in sock.get_received() if m["name"] == "announcement"]
    assert [p["message"] for p in pushed] == ["Hi", "Pizza is here!"]
    assert phone.me()["announcements"][0]["message"] == "Pizza is here!"
    for bad in ({"message": ""}, {"message": "x" * 281}, {}):
        assert room.organizer.post(url, json=bad, headers=room.org_headers()).status_code == 422
    assert len(phone.me()["announcements"]) == 2


def test_controls_on_a_closed_event_answer_409(room: Room) -> None:
    close(room)
    url = f"/api/v1/events/{room.code}"
    renamed = room.organizer.patch(url, json={"name": "New"}, headers=room.org_headers())
    assert renamed.status_code == 409 and "closed" in renamed.json["error"]["message"]
    announced = room.organizer.post(
        f"{url}/announcements", json={"message": "x"}, headers=room.org_headers()
    )
    assert announced.status_code == 409
    assert (
        room.organizer.post(f"{url}/rounds", json={}, headers=room.org_headers()).status_code == 409
    )
    assert room.organizer.get(url).json["event"]["name"] == "Test Mixer"
    reopened = room.organizer.patch(url, json={"status": "open"}, headers=room.org_headers())
    assert reopened.status_code == 200


def test_after_the_event_contacts_stay_with_a_follow_up_message(room: Room) -> None:
    giver, seeker, intro_id = met_pair(room)
    close(room)
    [card] = seeker.intros()
    assert card["contact"]["email"] == "gia@example.com"
    assert (
        "Gia" in card["follow_up"]
        and "Test Mixer" in card["follow_up"]
        and "hiring" in card["follow_up"]
    )
    assert card["followed_up"] is False and card["reminder"] is False
    done = seeker.respond(intro_id, "followed_up")
    assert done.status_code == 200 and done.json["introduction"]["followed_up"] is True
    assert seeker.respond(intro_id, "followed_up").status_code == 200  # idempotent
    assert giver.intros()[0]["followed_up"] is False  # each side ticks its own


def test_follow_up_needs_both_to_have_accepted(room: Room) -> None:
    room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    assert seeker.respond(intro["id"], "followed_up").status_code == 409


def test_exactly_one_reminder_and_only_to_who_has_not_followed_up(room: Room) -> None:
    giver, seeker, intro_id = met_pair(room)
    close(room)
    seeker.respond(intro_id, "followed_up")
    giver_sock = giver.socket()
    later = utcnow() + timedelta(days=2)
    with room.app.app_context():
        assert periodic.remind_follow_ups(utcnow()) == 0  # too early
        assert periodic.remind_follow_ups(later) == 1
        assert periodic.remind_follow_ups(later + timedelta(days=5)) == 0  # never more
    pushed = [m["args"][0] for m in giver_sock.get_received() if m["name"] == "introduction"]
    assert len(pushed) == 1 and pushed[0]["reminder"] is True
    assert giver.intros()[0]["reminder"] is True
    assert seeker.intros()[0]["reminder"] is False
    giver.respond(intro_id, "followed_up")
    assert giver.intros()[0]["reminder"] is False


def test_landed_a_job_can_be_said_after_the_event(room: Room) -> None:
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    close(room)
    response = seeker.client.patch("/api/v1/me", json={"landed": True}, headers=seeker.headers())
    assert response.status_code == 200 and response.json["attendee"]["landed"] is True
    refused = seeker.client.patch("/api/v1/me", json={"headline": "New"}, headers=seeker.headers())
    assert refused.status_code == 409


def test_purge_erases_personal_data_after_retention_only(room: Room) -> None:
    giver, seeker, _ = met_pair(room)
    room.organizer.delete(
        f"/api/v1/events/{room.code}/attendees/{giver.id}", headers=room.org_headers()
    )
    close(room)
    with room.app.app_context():
        assert retention.purge(utcnow()) == []  # still within retention
        assert retention.purge(utcnow() + timedelta(days=31)) == [room.code]
        people = db.session.scalars(select(Attendee)).all()
        stored = " ".join(f"{p.name} {p.email} {p.offers} {p.seeks} {p.headline}" for p in people)
        for secret in ("Gia", "Sam", "example.com", "hiring", "design"):
            assert secret not in stored
        event = db.session.scalars(select(Event)).one()
        assert event.purged_at is not None and event.name == "Test Mixer"
    assert seeker.client.get("/api/v1/me", headers=seeker.headers()).status_code == 401


def test_purge_command(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    close(room)
    monkeypatch.setattr("mixer.run.cli.create_app", lambda: room.app)
    result = CliRunner().invoke(main, ["purge"])
    assert result.exit_code == 0, result.output
    assert "Nothing to erase" in result.output
    room.app.config["RETENTION_DAYS"] = 0
    result = CliRunner().invoke(main, ["purge"])
    assert "Erased attendees' personal data in 1 event(s)" in result.output


def test_forgotten_partner_offers_no_follow_up(room: Room) -> None:
    giver, seeker, _ = met_pair(room)
    giver.client.delete("/api/v1/me", headers=giver.headers())
    [card] = seeker.intros()
    assert card["follow_up"] is None and card["contact"] is None


def test_people_who_met_after_a_purge_and_a_reopen_are_reminded_and_the_erased_never(
    room: Room,
) -> None:
    """A purged event reopened for a second evening: its new contacts get their one
    reminder like any other; the people the purge erased get none."""
    met_pair(room)
    close(room)
    with room.app.app_context():
        assert retention.purge(utcnow() + timedelta(days=31)) == [room.code]
    reopened = room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "open"}, headers=room.org_headers()
    )
    assert reopened.status_code == 200
    giver = room.join("Hal Lead", "give", ["hiring"], ["design"])
    seeker = room.join("Sue Seeker", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    seeker.respond(intro["id"], "accept")
    giver.respond(intro["id"], "accept")
    close(room)
    with room.app.app_context():
        assert periodic.remind_follow_ups(utcnow() + timedelta(days=2)) == 2
    assert giver.intros()[0]["reminder"] is True and seeker.intros()[0]["reminder"] is True
