"""Exports through the API: who may download what, and only what people agreed to share."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
import vobject
from werkzeug.test import TestResponse

from mixer.domain.formats.archive import archive_json
from mixer.domain.formats.spreadsheet import attendees_csv, introductions_csv
from mixer.domain.models import utcnow
from mixer.services import events
from mixer.services import records as rows
from tests.conftest import Phone, Room

ORGANIZER_FILES = ("attendees.csv", "introductions.csv", "event.json")
SHARING = {
    "email": "gia@example.com",
    "phone": "+44 20 7946 0958",
    "profile_url": "https://example.com/gia",
    "share_contact": True,
    "share_with_organizer": True,
}


def export(room: Room, name: str, headers: dict[str, str] | None = None) -> TestResponse:
    url = f"/api/v1/events/{room.code}/export/{name}"
    return room.organizer.get(url, headers=room.org_headers() if headers is None else headers)


def table(response: TestResponse) -> list[dict[str, str]]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.content_type == "text/csv; charset=utf-8"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def cards(phone: Phone) -> list[Any]:
    response = phone.client.get("/api/v1/me/contacts.vcf", headers=phone.headers())
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.content_type == "text/vcard; charset=utf-8"
    return list(vobject.readComponents(response.get_data(as_text=True)))


def contact_rows(phone: Phone) -> list[dict[str, str]]:
    return table(phone.client.get("/api/v1/me/contacts.csv", headers=phone.headers()))


def accepted_pair(
    room: Room, seeker_shares: bool = True, **giver_extra: Any
) -> tuple[Phone, Phone, int]:
    """Gia (giver) and Sam (seeker) introduced, and both said yes."""
    giver = room.join(
        "Gia Lead", "give", ["hiring"], ["design"], headline="CTO at Acme", **giver_extra
    )
    seeker = room.join(
        "Sam Seeker", "seek", ["design"], ["hiring"], email="sam@example.com",
        share_contact=seeker_shares,
    )  # fmt: skip
    [intro] = seeker.intros()
    assert seeker.respond(intro["id"], "accept").status_code == 200
    assert giver.respond(intro["id"], "accept").status_code == 200
    return giver, seeker, intro["id"]


@pytest.mark.parametrize("name", ORGANIZER_FILES)
def test_organizer_exports_need_this_events_organizer(room: Room, name: str) -> None:
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    other = Room(room.app)
    anonymous = room.app.test_client().get(f"/api/v1/events/{room.code}/export/{name}")
    unknown = room.organizer.get(
        f"/api/v1/events/nope12345/export/{name}", headers=room.org_headers()
    )
    refusals = [
        (anonymous, 401),
        (export(room, name, other.org_headers()), 403),
        (export(room, name, seeker.headers()), 403),
        (unknown, 404),
    ]
    for response, status in refusals:
        assert response.status_code == status
        assert set(response.json["error"]) == {"code", "message", "fields"}
    assert export(room, name).status_code == 200
    cookie = room.organizer.get(f"/api/v1/events/{room.code}/export/{name}")
    assert cookie.status_code == 200  # the organizer's cookie from creating the event


def test_attendees_csv_has_contact_fields_only_where_shared(room: Room) -> None:
    room.join("Gia Lead", "give", ["hiring"], ["design"], headline="=CTO at Acme", **SHARING)
    room.join("Sam", "seek", ["design"], ["hiring"], email="sam@example.com", phone="0123")
    removed = room.join("Rex", "seek", ["finance"], ["cooking"], **SHARING)
    gone = room.join("Fay", "seek", ["finance"], ["cooking"], **SHARING)
    room.organizer.delete(
        f"/api/v1/events/{room.code}/attendees/{removed.id}", headers=room.org_headers()
    )
    assert gone.client.delete("/api/v1/me", headers=gone.headers()).status_code == 204
    response = export(room, "attendees.csv")
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="{room.code}-attendees.csv"'
    assert response.headers["Cache-Control"] == "no-store"
    gia, sam = table(response)
    assert (gia["name"], gia["headline"]) == ("Gia Lead", "'=CTO at Acme")
    assert (gia["email"], gia["phone"]) == ("gia@example.com", "'+44 20 7946 0958")
    assert gia["profile_url"] == "https://example.com/gia"
    assert gia["offers"] == "hiring" and gia["intent"] == "give" and gia["presence"] == "here"
    assert gia["joined_at"].endswith("+00:00")
    assert (sam["email"], sam["phone"], sam["profile_url"]) == ("", "", "")
    assert "sam@example.com" not in response.get_data(as_text=True)


def test_organizer_files_show_contacts_only_to_who_agreed_to_share_with_the_organizer(
    room: Room,
) -> None:
    """Sharing with people one meets is not sharing with the organizer: each is its own yes,
    and changing it (even after the event) changes the next download."""
    matches_only = SHARING | {"share_with_organizer": False}
    kim = room.join("Kim", "give", ["hiring"], ["design"], **matches_only)
    org_only = {"email": "ola@example.com", "phone": "0207", "share_with_organizer": True}
    room.join("Ola", "seek", ["finance"], ["cooking"], **org_only)

    def seen() -> dict[str, dict[str, str]]:
        csv_rows = {r["name"]: r for r in table(export(room, "attendees.csv"))}
        archive = {p["name"]: p for p in export(room, "event.json").json["attendees"]}
        for name, row in csv_rows.items():
            assert {f: archive[name][f] for f in ("email", "phone", "profile_url")} == {
                f: row[f].removeprefix("'") for f in ("email", "phone", "profile_url")
            }
        return csv_rows

    files = seen()
    assert (files["Kim"]["email"], files["Kim"]["phone"], files["Kim"]["profile_url"]) == (
        "", "", ""
    )  # fmt: skip
    assert files["Ola"]["email"] == "ola@example.com"
    assert kim.me()["attendee"]["share_with_organizer"] is False
    patch = {"share_with_organizer": True}
    agreed = kim.client.patch("/api/v1/me", json=patch, headers=kim.headers())
    assert agreed.status_code == 200 and agreed.json["attendee"]["share_with_organizer"] is True
    assert seen()["Kim"]["email"] == "gia@example.com"
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    patch = {"share_with_organizer": False}
    assert kim.client.patch("/api/v1/me", json=patch, headers=kim.headers()).status_code == 200
    assert seen()["Kim"]["email"] == ""


def test_introductions_csv_shows_every_outcome(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"], capacity=3)
    sam = room.join("Sam", "seek", ["design"], ["hiring"])
    sue = room.join("Sue", "seek", ["design"], ["hiring"])
    [with_sam] = sam.intros()
    [with_sue] = sue.intros()
    sam.respond(with_sam["id"], "accept")
    giver.respond(with_sam["id"], "accept")
    sam.respond(with_sam["id"], "met")
    sue.respond(with_sue["id"], "decline")
    rows = {int(r["id"]): r for r in table(export(room, "introductions.csv"))}
    met, declined = rows[with_sam["id"]], rows[with_sue["id"]]
    assert (met["status"], declined["status"]) == ("met", "declined")
    assert {met["a_name"], met["b_name"]} == {"Gia", "Sam"}
    assert met["spot"] in ("Table 1", "Table 2")
    assert met["accepted_at"] and met["met_at"] and not declined["accepted_at"]
    gets = {met["a_name"]: met["a_gets"], met["b_name"]: met["b_gets"]}
    assert gets == {"Sam": "hiring", "Gia": "design"}
    assert met["one_way"] == "no" and met["round"] == ""


def test_event_json_is_a_full_archive_without_unshared_contacts(room: Room) -> None:
    giver, seeker, intro_id = accepted_pair(room, seeker_shares=False, **SHARING)
    response = export(room, "event.json")
    assert response.status_code == 200
    assert response.content_type == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="{room.code}-event.json"'
    text = response.get_data(as_text=True)
    assert "sam@example.com" not in text
    archive = json.loads(text)
    assert archive["event"]["code"] == room.code
    assert archive["event"]["meeting_spots"] == ["Table 1", "Table 2"]
    people = {p["id"]: p for p in archive["attendees"]}
    assert people[giver.id]["email"] == "gia@example.com"
    assert people[seeker.id]["email"] == ""
    [intro] = archive["introductions"]
    assert intro["id"] == intro_id and intro["status"] == "accepted"
    assert archive["rounds"] == []


def test_an_event_with_nobody_still_exports_its_headers(room: Room) -> None:
    for name in ("attendees.csv", "introductions.csv"):
        response = export(room, name)
        assert table(response) == []
        assert response.get_data(as_text=True).count("\r\n") == 1
    archive = export(room, "event.json").json
    assert archive["attendees"] == archive["introductions"] == []


def test_mutual_contact_comes_as_one_card_with_where_and_why(room: Room) -> None:
    giver, seeker, _ = accepted_pair(room, **SHARING)
    response = seeker.client.get("/api/v1/me/contacts.vcf", headers=seeker.headers())
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="Test-Mixer-contacts.vcf"'
    )
    assert "\n" not in response.get_data(as_text=True).replace("\r\n", "")
    [card] = cards(seeker)
    assert card.version.value == "3.0"
    assert card.fn.value == "Gia Lead"
    assert (card.title.value, card.org.value) == ("CTO", ["Acme"])
    assert card.email.value == "gia@example.com"
    assert card.tel.value == "+44 20 7946 0958"
    assert card.url.value == "https://example.com/gia"
    assert card.note.value == "Met at Test Mixer over hiring, design."
    [row] = contact_rows(seeker)
    assert row["name"] == "Gia Lead" and row["email"] == "gia@example.com"
    assert row["event"] == "Test Mixer" and row["topics"] == "hiring; design"
    # Gia keeps Sam's card too: both share.
    assert [c.fn.value for c in cards(giver)] == ["Sam Seeker"]


def test_a_contact_file_is_an_exchange(room: Room) -> None:
    """Sam keeps his details to himself: he takes no cards home, Gia gets none of his."""
    giver, seeker, _ = accepted_pair(room, seeker_shares=False, **SHARING)
    assert cards(seeker) == [] and contact_rows(seeker) == []
    assert cards(giver) == []
    [shown] = seeker.intros()  # in the app, Gia's shared contact still shows on his card
    assert shown["contact"]["email"] == "gia@example.com"


def test_the_contact_stays_after_meeting(room: Room) -> None:
    _, seeker, intro_id = accepted_pair(room, **SHARING)
    assert seeker.respond(intro_id, "met").status_code == 200
    assert [c.fn.value for c in cards(seeker)] == ["Gia Lead"]


@pytest.mark.parametrize("first", ["giver", "seeker"])
def test_one_sided_acceptance_gives_no_contact(room: Room, first: str) -> None:
    """Both share, one accepts: neither file holds the other, read from both sides, until
    the second yes. The giver joins first (side a), the seeker second (side b), so each
    side's acceptance is the missing one once."""
    giver = room.join("Gia Lead", "give", ["hiring"], ["design"], **SHARING)
    seeker = room.join(
        "Sam Seeker", "seek", ["design"], ["hiring"], email="sam@example.com", share_contact=True
    )
    assert giver.id < seeker.id
    [intro] = seeker.intros()
    yes, waiting = (giver, seeker) if first == "giver" else (seeker, giver)
    assert yes.respond(intro["id"], "accept").status_code == 200
    for phone in (giver, seeker):
        assert cards(phone) == [] and contact_rows(phone) == []
    assert waiting.respond(intro["id"], "accept").status_code == 200
    assert [c.fn.value for c in cards(seeker)] == ["Gia Lead"]
    assert [r["name"] for r in contact_rows(seeker)] == ["Gia Lead"]
    assert [c.fn.value for c in cards(giver)] == ["Sam Seeker"]
    assert [r["name"] for r in contact_rows(giver)] == ["Sam Seeker"]


def test_a_partner_who_does_not_share_gives_no_contact(room: Room) -> None:
    _, seeker, _ = accepted_pair(room, email="gia@example.com")
    assert cards(seeker) == []
    response = seeker.client.get("/api/v1/me/contacts.vcf", headers=seeker.headers())
    assert response.get_data() == b""


def test_a_forgotten_partner_is_gone_from_contacts(room: Room) -> None:
    giver, seeker, _ = accepted_pair(room, **SHARING)
    assert len(cards(seeker)) == 1
    assert giver.client.delete("/api/v1/me", headers=giver.headers()).status_code == 204
    assert cards(seeker) == []
    assert contact_rows(seeker) == []


def test_contacts_need_an_attendee(room: Room) -> None:
    _, seeker, _ = accepted_pair(room, **SHARING)
    anonymous = room.app.test_client()
    for name in ("contacts.vcf", "contacts.csv"):
        response = anonymous.get(f"/api/v1/me/{name}")
        assert response.status_code == 401
        assert response.json["error"]["code"] == "unauthorized"
        assert seeker.client.get(f"/api/v1/me/{name}").status_code == 200  # cookie
    room.organizer.delete(
        f"/api/v1/events/{room.code}/attendees/{seeker.id}", headers=room.org_headers()
    )
    assert seeker.client.get("/api/v1/me/contacts.vcf", headers=seeker.headers()).status_code == 403


def test_openapi_lists_the_downloads(room: Room) -> None:
    paths = room.organizer.get("/api/v1/openapi.json").json["paths"]
    for path, media in [
        ("/events/{code}/export/attendees.csv", "text/csv"),
        ("/events/{code}/export/introductions.csv", "text/csv"),
        ("/events/{code}/export/event.json", "application/json"),
        ("/me/contacts.vcf", "text/vcard"),
        ("/me/contacts.csv", "text/csv"),
    ]:
        assert media in paths[path]["get"]["responses"]["200"]["content"]


def test_a_big_room_export_is_sent_page_by_page_as_the_same_file(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built whole, a 10,000-person room's file held the server for over a second: now it
    is streamed a page at a time (others run between pages), and is the same file, byte
    for byte, as the rows formatted at once."""
    givers = [room.join(f"Gia {n}", "give", ["hiring"], ["design"], capacity=3) for n in range(3)]
    seekers = [room.join(f"Sam {n}", "seek", ["design"], ["hiring"]) for n in range(4)]
    room.join("=Eve", "both", ["hiring"], ["design"], **SHARING)
    intro = seekers[0].intros()[0]
    assert seekers[0].respond(intro["id"], "accept").status_code == 200
    assert len(givers[0].intros()) + len(givers[1].intros()) + len(givers[2].intros()) >= 4
    with room.app.app_context():
        event = events.get_event(room.code)
        whole = {
            "attendees.csv": attendees_csv(rows.attendee_rows(event)),
            "introductions.csv": introductions_csv(rows.introduction_rows(event)),
            "event.json": archive_json(rows.archive(event), exported_at=utcnow()),
        }
    monkeypatch.setattr(rows, "PAGE", 2)
    for name in ORGANIZER_FILES:
        response = export(room, name)
        assert response.status_code == 200
        assert response.is_streamed, name
        pieces = [p for p in response.response if p]
        assert len(pieces) >= 4, name  # several pages, not one body
        body = b"".join(pieces).decode()
        if name == "event.json":  # the moment of export differs: all else is the same
            streamed, kept = json.loads(body), json.loads(whole[name])
            assert streamed.pop("exported_at") and kept.pop("exported_at")
            assert streamed == kept
            assert len(streamed["attendees"]) == 8
        else:
            assert body == whole[name], name
    assert [r["name"] for r in table(export(room, "attendees.csv"))][-1] == "'=Eve"
