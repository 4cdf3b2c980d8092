"""Plain pages: create an event, join by form, the attendee home, the console, the QR."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.conftest import Room, form_post


def test_front_page_creates_an_event_and_shows_its_links(client: FlaskClient) -> None:
    assert "Create an event" in client.get("/").text
    made = form_post(client, "/", {"name": "Careers Night", "meeting_spots": "Table 1, Bar"})
    assert made.status_code == 303 and "/created/" in made.headers["Location"]
    response = client.get(made.headers["Location"])
    assert response.status_code == 200
    assert "/console/" in response.text and "?token=" in response.text
    link = re.search(r'href="http://localhost(/console/[^"?]+\?token=[^"]+)"', response.text)
    assert link is not None
    assert client.get(link.group(1)).status_code == 303


def test_front_page_form_errors_stay_on_the_page(client: FlaskClient) -> None:
    response = form_post(client, "/", {"name": "", "venue": "Hall 2"})
    assert response.status_code == 422
    assert 'class="error"' in response.text
    assert 'value="Hall 2"' in response.text


def test_form_errors_are_in_plain_words(client: FlaskClient, room: Room) -> None:
    made = form_post(client, "/", {"name": "", "giver_capacity": "0", "venue": "x" * 121})
    assert "Give the event a name." in made.text
    assert "Use 1 or more." in made.text and "Keep it to 120 characters." in made.text
    assert "String should" not in made.text and "Input should" not in made.text
    joined = form_post(client, f"/e/{room.code}", {"name": "", "intent": "seek", "capacity": "x"})
    assert "Enter your name." in joined.text and "Enter a whole number." in joined.text


def test_join_form_shows_inline_errors_and_keeps_what_was_typed(
    room: Room, client: FlaskClient
) -> None:
    page = client.get(f"/e/{room.code}")
    assert '<label for="f-name">' in page.text and "I'm here to give" in page.text
    response = form_post(
        client, f"/e/{room.code}", {"name": "Ana Typed", "seeks": "", "email": "bad"}
    )
    assert response.status_code == 422
    assert 'value="Ana Typed"' in response.text
    assert 'id="e-email"' in response.text
    assert "Choose give, seek or both." in response.text
    assert client.get("/api/v1/me").status_code == 401  # nothing stored, not signed in


def test_join_form_signs_the_phone_in_and_shows_home(room: Room, client: FlaskClient) -> None:
    response = form_post(
        client,
        f"/e/{room.code}",
        {
            "name": "Ana",
            "intent": "seek",
            "seeks": "Python, SQL",
            "share_contact": "on",
            "share_with_organizer": "on",
            "offers": "",
            "email": "",
            "phone": "",
            "profile_url": "",
            "capacity": "",
            "headline": "",
            "offers_note": "",
            "seeks_note": "",
        },
    )
    assert response.status_code == 303
    home = client.get(f"/e/{room.code}")
    assert 'id="me-name" dir="auto">Ana<' in home.text and 'id="intros"' in home.text
    me = client.get("/api/v1/me").json["attendee"]
    assert me["seeks"] == ["Python", "SQL"] and me["share_contact"] is True
    assert me["share_with_organizer"] is True


def test_closed_event_shows_it_has_ended_instead_of_the_form(
    room: Room, client: FlaskClient
) -> None:
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    page = client.get(f"/e/{room.code}")
    assert page.status_code == 200
    assert "This event has ended" in page.text and "join-form" not in page.text


def test_stale_or_forged_cookie_drops_back_to_the_join_form(
    room: Room, client: FlaskClient
) -> None:
    phone = room.join("Ana", "seek", [], ["python"])
    phone.client.delete("/api/v1/me", headers=phone.headers())  # the cookie is now stale
    assert 'id="join-form"' in phone.client.get(f"/e/{room.code}").text
    client.set_cookie("mixer", "forged.value.signature")
    assert 'id="join-form"' in client.get(f"/e/{room.code}").text


def test_join_form_on_closed_event_says_so(room: Room, client: FlaskClient) -> None:
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    response = form_post(
        client, f"/e/{room.code}", {"name": "Late", "intent": "seek", "seeks": "x"}
    )
    assert response.status_code == 409
    assert "closed" in response.text


def test_names_are_shown_as_text_not_markup(room: Room) -> None:
    phone = room.join("<script>alert(1)</script>", "seek", [], ["python"])
    home = phone.client.get(f"/e/{room.code}").text
    assert "<script>alert(1)</script>" not in home
    assert "&lt;script&gt;" in home


def test_unknown_event_page_is_a_friendly_404(client: FlaskClient) -> None:
    response = client.get("/e/doesnotexist")
    assert response.status_code == 404
    assert "No such event" in response.text


def test_console_link_sets_cookie_then_drops_the_token(room: Room, client: FlaskClient) -> None:
    response = client.get(f"/console/{room.code}?token={room.organizer_token}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/console/{room.code}"
    page = client.get(f"/console/{room.code}")
    assert page.status_code == 200 and "Seekers still without an introduction" in page.text
    assert client.get(f"/api/v1/events/{room.code}/stats").status_code == 200
    stranger = room.app.test_client().get(f"/console/{room.code}")
    assert stranger.status_code == 401


def test_qr_codes_encode_the_join_link(room: Room, client: FlaskClient) -> None:
    svg = client.get(f"/e/{room.code}/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    png = client.get(f"/e/{room.code}/qr.png")
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    assert client.get("/e/nope/qr.png").status_code == 404


def test_pages_carry_no_inline_script_so_a_strict_csp_can_be_switched_on(
    room: Room, client: FlaskClient
) -> None:
    phone = room.join("Ana", "seek", [], ["python"])
    client.get(f"/console/{room.code}?token={room.organizer_token}")
    pages = [
        client.get("/").text,
        form_post(client, "/", {"name": ""}).text,
        client.get(f"/e/{room.code}").text,
        form_post(client, f"/e/{room.code}", {"name": ""}).text,
        phone.client.get(f"/e/{room.code}").text,
        client.get(f"/console/{room.code}").text,
        client.get("/offline").text,
        client.get("/e/unknown-code").text,
    ]
    for html in pages:
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
        assert re.findall(r"\son[a-z]+\s*=", html) == []
        assert "javascript:" not in html


def test_a_form_without_its_token_is_refused_and_stores_nothing(
    room: Room, client: FlaskClient
) -> None:
    """Another site's page could post the join form from a visitor's browser: not without the
    token only Mixer's own page carries (tied to this browser's session)."""
    forged = client.post("/", data={"name": "Forged event"})
    assert forged.status_code == 400
    assert "did not come from this page" in forged.text
    other_session = re.search(
        r'name="csrf_token" value="([^"]+)"', room.app.test_client().get("/").text
    )
    assert other_session is not None
    stolen = client.post(
        f"/e/{room.code}",
        data={"name": "Eve", "intent": "seek", "seeks": "x", "csrf_token": other_session.group(1)},
    )
    assert stolen.status_code == 400
    assert client.get("/api/v1/me").status_code == 401  # nobody joined
    people = room.organizer.get(
        f"/api/v1/events/{room.code}/attendees", headers=room.org_headers()
    ).json["attendees"]
    assert people == []


def test_join_form_says_who_sees_the_contact_and_asks_the_organizer_question_apart(
    room: Room, client: FlaskClient
) -> None:
    page = client.get(f"/e/{room.code}").text
    assert 'name="share_contact"' in page and 'name="share_with_organizer"' in page
    assert "Also share with the organizer" in page
    assert "The organizer does not see it unless you tick the next box." in page
    assert 'name="share_with_organizer" checked' not in page  # nobody agrees by default
