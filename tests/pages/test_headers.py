"""Every response carries the policy: no inline script, no framing, no sniffing, no referrer.

On SQLite only: headers, cookies and links are set the same whichever database answers.
"""

from __future__ import annotations

import pytest
from flask import Flask

from mixer import create_app
from mixer.infra.extensions import db
from tests.conftest import Room

pytestmark = pytest.mark.parametrize("app", ["sqlite"], indirect=True)


def paths(room: Room) -> list[str]:
    code = room.code
    return [
        "/",
        f"/e/{code}",
        f"/e/{code}/qr.svg",
        f"/console/{code}",
        f"/console/{code}/screen",
        "/manifest.webmanifest",
        "/sw.js",
        f"/api/v1/events/{code}",
        "/api/v1/openapi.json",
        "/api/v1/me",  # 401
        "/e/no-such-event",  # 404 page
        "/healthz",
    ]


@pytest.mark.parametrize("index", range(12))
def test_every_response_carries_the_security_headers(room: Room, index: int) -> None:
    path = paths(room)[index]
    response = room.organizer.get(path)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["connect-src"] == "'self' ws://localhost wss://localhost"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_the_policy_names_the_host_the_phone_used(app: Flask) -> None:
    response = app.test_client().get("/", base_url="http://192.168.1.20:8000")
    assert (
        "connect-src 'self' ws://192.168.1.20:8000 wss://192.168.1.20:8000"
        in (response.headers["Content-Security-Policy"])
    )


def test_behind_a_proxy_links_use_the_address_phones_used(app: Flask) -> None:
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "mixer.example.org"}
    plain = app.test_client().post("/api/v1/events", json={"name": "Fair"}, headers=forwarded)
    assert plain.json["event"]["join_url"].startswith("http://localhost/")  # not trusted
    app.config["PROXIES"] = 1
    behind = create_app(dict(app.config))
    response = behind.test_client().post("/api/v1/events", json={"name": "Fair"}, headers=forwarded)
    with behind.app_context():
        db.engine.dispose()  # its own connection pool: close it, as the fixture does for `app`
    assert response.json["event"]["join_url"].startswith("https://mixer.example.org/e/")


def sign_in_cookies(app: Flask) -> list[str]:
    """The Set-Cookie lines of an organizer's console link and of a phone's join."""
    client = app.test_client()
    created = client.post("/api/v1/events", json={"name": "Fair"}).json
    code, token = created["event"]["code"], created["organizer_token"]
    body = {"name": "Sam", "intent": "seek", "offers": ["x"], "seeks": ["y"]}
    joined = app.test_client().post(f"/api/v1/events/{code}/attendees", json=body)
    console = app.test_client().get(f"/console/{code}?token={token}")
    return [r.headers["Set-Cookie"] for r in (joined, console)]


def test_sign_in_cookies_are_out_of_scripts_reach_and_stay_on_this_site(app: Flask) -> None:
    for line in sign_in_cookies(app):
        attributes = [a.strip().lower() for a in line.split(";")]
        assert "httponly" in attributes and "samesite=lax" in attributes, line
        assert "secure" not in attributes, line  # plain http at a venue: it must still work


def test_over_https_the_cookies_are_sent_only_over_https(app: Flask) -> None:
    secure = create_app(dict(app.config) | {"PUBLIC_URL": "https://mixer.example.org"})
    try:
        lines = sign_in_cookies(secure)
    finally:
        with secure.app_context():
            db.engine.dispose()
    for line in lines:
        assert "secure" in [a.strip().lower() for a in line.split(";")], line
