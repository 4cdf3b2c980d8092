"""The organizer's pages: console, projector screen and poster are for this event's organizer."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.conftest import Room
from tests.pages.test_pwa import assert_no_inline_script

PAGES = ["", "/screen", "/poster"]


def signed_in(room: Room) -> FlaskClient:
    """A browser that opened the organizer link once (the cookie now carries it)."""
    client = room.app.test_client()
    assert client.get(f"/console/{room.code}?token={room.organizer_token}").status_code == 303
    return client


@pytest.mark.parametrize("page", PAGES)
def test_organizer_pages_need_the_organizer(room: Room, page: str) -> None:
    stranger = room.app.test_client().get(f"/console/{room.code}{page}")
    assert stranger.status_code == 401
    assert "Organizers only" in stranger.text and "organizer link" in stranger.text

    other = room.app.test_client()
    created = other.post("/api/v1/events", json={"name": "Another Night"})
    assert created.status_code == 201
    assert other.get(f"/console/{room.code}{page}").status_code == 401  # its cookie: not ours
    wrong = room.app.test_client().get(
        f"/console/{room.code}{page}",
        headers={"Authorization": f"Bearer {created.json['organizer_token']}"},
    )
    assert wrong.status_code == 403 and "not for this event" in wrong.text

    phone = room.join("Ana", "seek", [], ["python"])
    assert phone.client.get(f"/console/{room.code}{page}").status_code == 401


@pytest.mark.parametrize("page", PAGES)
def test_unknown_event_is_the_not_found_page(client: FlaskClient, page: str) -> None:
    response = client.get(f"/console/nosuchevent{page}")
    assert response.status_code == 404 and "No such event" in response.text


@pytest.mark.parametrize("page", PAGES)
def test_organizer_pages_show_the_join_link_and_qr(room: Room, page: str) -> None:
    client = signed_in(room)
    response = client.get(f"/console/{room.code}{page}")
    assert response.status_code == 200
    html = response.text
    assert "Test Mixer" in html
    # The join link, without its scheme where it is read off a wall (break points only at "/").
    assert f"localhost/e/{room.code}" in html.replace("<wbr>", "")
    assert 'href="/static/css/console.css"' in html
    if page:
        assert f'src="/e/{room.code}/qr.svg"' in html
    assert_no_inline_script(html)
    assert "javascript:" not in html


def test_console_has_every_control(room: Room) -> None:
    html = signed_in(room).get(f"/console/{room.code}").text
    for text in (
        "Pause matching",
        "Resume matching",
        "Close the event…",
        "Seekers still without an introduction",
        "Givers at capacity",
        "Start a round",
        "Send to everyone",
        "Save settings",
        "Search by name, role or topic",
        "Nobody has joined yet — put the QR on the screen",
    ):
        assert text in html, text
    assert f'href="/console/{room.code}/screen"' in html
    assert f'href="/console/{room.code}/poster"' in html
    assert f'href="/console/{room.code}/impact"' in html
    for export in ("attendees.csv", "introductions.csv", "event.json", "impact.csv"):
        assert f'href="/api/v1/events/{room.code}/export/{export}"' in html
    assert html.count("<dialog") == 3  # closing and removing both ask first; a person opens
    assert 'maxlength="280"' in html


def test_screen_reads_from_across_the_room(room: Room) -> None:
    html = signed_in(room).get(f"/console/{room.code}/screen").text
    assert 'class="screen-page"' in html
    for label in ("in the room", "givers", "seekers", "both", "introductions made", "met"):
        assert f'<span class="label">{label}</span>' in html
    assert 'role="timer"' in html
    assert "/static/js/screen.js" in html


def test_poster_has_the_three_steps_and_print_styles(room: Room) -> None:
    client = signed_in(room)
    room.organizer.patch(
        f"/api/v1/events/{room.code}", json={"venue": "Hall 2"}, headers=room.org_headers()
    )
    html = client.get(f"/console/{room.code}/poster").text
    steps = re.findall(r"<li>([^<]+)</li>", html)
    assert steps == [
        "Scan",
        "Say if you're here to give, to seek, or both",
        "Meet the people Mixer suggests",
    ]
    assert "Hall 2" in html
    with client.get("/static/css/console.css") as response:  # closes the served file
        css = response.text
    assert "@page" in css and "@media print" in css
    print_rules = css[css.index("@media print") :]
    assert ".bar" in print_rules and "display: none" in print_rules


def test_names_are_text_not_markup_on_organizer_pages(room: Room) -> None:
    client = signed_in(room)
    room.organizer.patch(
        f"/api/v1/events/{room.code}",
        json={"name": "<b>Bold</b> night"},
        headers=room.org_headers(),
    )
    for page in PAGES:
        html = client.get(f"/console/{room.code}{page}").text
        assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; night" in html


def test_console_export_links_download_with_the_cookie(room: Room) -> None:
    client = signed_in(room)
    html = client.get(f"/console/{room.code}").text
    links = re.findall(r'href="(/api/v1/events/[^"]+/export/[^"]+)" download', html)
    assert {link.rsplit("/", 1)[1] for link in links} == {
        "attendees.csv",
        "introductions.csv",
        "event.json",
        "impact.csv",
        "invitations.csv",
    }
    for link in links:
        with client.get(link) as response:  # a plain link: the cookie is the only credential
            assert response.status_code == 200, link
