"""The cookie cannot be spent by another site's page; bearer tokens are not ambient."""

from __future__ import annotations

from flask import Flask

from tests.conftest import Room


def test_a_cookie_request_from_another_site_is_refused_and_changes_nothing(room: Room) -> None:
    phone = room.join("Gia", "give", ["hiring"], ["design"])
    evil = {"Origin": "https://evil.example"}
    response = phone.client.patch("/api/v1/me", json={"presence": "left"}, headers=evil)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "cross_origin"
    assert phone.me()["attendee"]["presence"] == "here"
    forget = phone.client.delete("/api/v1/me", headers={"Sec-Fetch-Site": "cross-site"})
    assert forget.status_code == 403
    opaque = phone.client.delete("/api/v1/me", headers={"Origin": "null"})
    assert opaque.status_code == 403
    assert phone.me()["attendee"]["name"] == "Gia"


def test_the_organizer_cookie_is_guarded_the_same_way(room: Room) -> None:
    url = f"/api/v1/events/{room.code}"
    evil = room.organizer.patch(
        url, json={"status": "closed"}, headers={"Origin": "http://evil.example"}
    )
    assert evil.status_code == 403
    assert room.organizer.get(url).json["event"]["status"] == "open"
    assert room.organizer.patch(url, json={"name": "Renamed"}).status_code == 200  # the cookie


def test_mixer_s_own_pages_and_bearer_tokens_pass(room: Room) -> None:
    phone = room.join("Gia", "give", ["hiring"], ["design"])
    own = phone.client.patch(
        "/api/v1/me",
        json={"presence": "busy"},
        headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"},
    )
    assert own.status_code == 200
    bearer = room.app.test_client().patch(
        "/api/v1/me",
        json={"presence": "here"},
        headers={"Origin": "https://another.app", **phone.headers()},
    )
    assert bearer.status_code == 200  # a token is sent on purpose, never by the browser alone


def test_the_same_host_under_another_scheme_or_port_is_another_site(room: Room) -> None:
    """The test client is served at http://localhost: https://localhost or :8443 is not it."""
    phone = room.join("Gia", "give", ["hiring"], ["design"])
    for foreign in ("https://localhost", "http://localhost:8443", "ws://localhost"):
        response = phone.client.patch(
            "/api/v1/me", json={"presence": "left"}, headers={"Origin": foreign}
        )
        assert response.status_code == 403, foreign
    assert phone.me()["attendee"]["presence"] == "here"
    for own in ("http://localhost", "http://localhost:80", "HTTP://LOCALHOST"):
        response = phone.client.patch(
            "/api/v1/me", json={"presence": "busy"}, headers={"Origin": own}
        )
        assert response.status_code == 200, own


def test_behind_https_the_public_origin_is_mixer_s_own(app: Flask) -> None:
    app.config["PUBLIC_URL"] = "https://mixer.example.org"
    room = Room(app)
    phone = room.join("Gia", "give", ["hiring"], ["design"])
    own = {"Origin": "https://mixer.example.org"}
    assert (
        phone.client.patch("/api/v1/me", json={"presence": "busy"}, headers=own).status_code == 200
    )
    plain = {"Origin": "http://mixer.example.org"}
    assert (
        phone.client.patch("/api/v1/me", json={"presence": "left"}, headers=plain).status_code
        == 403
    )
