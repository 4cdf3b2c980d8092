"""Events: create, view, change, stats, attendees, removal."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.conftest import Room


def test_create_event_returns_token_once_and_public_view_has_no_secrets(
    client: FlaskClient,
) -> None:
    response = client.post(
        "/api/v1/events",
        json={
            "name": "  Data Careers Night ",
            "topics": ["Python", " data  Science "],
            "mode": "both",
        },
    )
    assert response.status_code == 201
    body = response.json
    event = body["event"]
    assert event["name"] == "Data Careers Night"
    assert event["topics"] == ["Python", "data Science"]  # as typed, spaces tidied
    assert len(event["code"]) >= 8
    assert event["join_url"].endswith(f"/e/{event['code']}")
    assert len(body["organizer_token"]) >= 43  # 32 random bytes, URL-safe
    assert body["console_url"].endswith(f"/console/{event['code']}?token={body['organizer_token']}")
    public = client.get(f"/api/v1/events/{event['code']}").json
    assert public == {"event": event}
    assert body["organizer_token"] not in str(public)


def test_event_codes_are_unguessable_and_distinct(client: FlaskClient) -> None:
    codes = {
        client.post("/api/v1/events", json={"name": "E"}).json["event"]["code"] for _ in range(20)
    }
    assert len(codes) == 20


def test_bad_event_input_is_refused_with_field_messages(client: FlaskClient) -> None:
    cases = [
        ({}, "name"),
        ({"name": "x" * 81}, "name"),
        ({"name": "E", "mode": "chaos"}, "mode"),
        ({"name": "E", "giver_capacity": 0}, "giver_capacity"),
        ({"name": "E", "giver_capacity": "three"}, "giver_capacity"),
        ({"name": "E", "surprise": 1}, "surprise"),
    ]
    for body, field in cases:
        response = client.post("/api/v1/events", json=body)
        assert response.status_code == 422, body
        assert response.json["error"]["code"] == "invalid"
        assert field in response.json["error"]["fields"], response.json


def test_malformed_json_and_wrong_content_type(client: FlaskClient) -> None:
    bad = client.post("/api/v1/events", data="{name:", content_type="application/json")
    assert bad.status_code == 400
    assert bad.json["error"]["code"] == "bad_json"
    not_object = client.post("/api/v1/events", json=["a"])
    assert not_object.status_code == 400
    form = client.post("/api/v1/events", data="name=E", content_type="text/plain")
    assert form.status_code == 415


def test_unknown_event_and_unknown_route_are_json_404(client: FlaskClient) -> None:
    for path in ("/api/v1/events/nope12345", "/api/v1/nothing-here"):
        response = client.get(path)
        assert response.status_code == 404
        assert set(response.json["error"]) == {"code", "message", "fields"}
    wrong_method = client.put("/api/v1/events")
    assert wrong_method.status_code == 405
    assert wrong_method.json["error"]["code"] == "method_not_allowed"


def test_patch_needs_the_organizer_of_this_event(room: Room, client: FlaskClient) -> None:
    url = f"/api/v1/events/{room.code}"
    assert client.patch(url, json={"name": "Hijack"}).status_code == 401
    other = client.post("/api/v1/events", json={"name": "Other"}).json
    foreign = {"Authorization": f"Bearer {other['organizer_token']}"}
    assert client.patch(url, json={"name": "Hijack"}, headers=foreign).status_code == 403
    seeker = room.join("Sam", "seek", [], ["python"])
    assert client.patch(url, json={"name": "Hijack"}, headers=seeker.headers()).status_code == 403
    assert client.get(url).json["event"]["name"] == "Test Mixer"
    ok = client.patch(url, json={"name": "Renamed", "status": "paused"}, headers=room.org_headers())
    assert ok.status_code == 200
    assert ok.json["event"]["name"] == "Renamed"
    assert ok.json["event"]["status"] == "paused"


def test_patch_with_bad_status_changes_nothing(room: Room, client: FlaskClient) -> None:
    url = f"/api/v1/events/{room.code}"
    response = client.patch(
        url, json={"status": "exploded", "name": "New"}, headers=room.org_headers()
    )
    assert response.status_code == 422
    assert client.get(url).json["event"]["name"] == "Test Mixer"


def test_stats_count_people_and_introductions(room: Room, client: FlaskClient) -> None:
    room.join("Gia", "give", ["hiring"], ["design"], capacity=1)
    room.join("Sam", "seek", ["design"], ["hiring"])
    room.join("Sue", "seek", ["design"], ["hiring"])
    stats = client.get(f"/api/v1/events/{room.code}/stats", headers=room.org_headers()).json
    assert stats["attendees"]["give"] == 1
    assert stats["attendees"]["seek"] == 2
    assert stats["attendees"]["here"] == 3
    assert stats["introductions"]["suggested"] == 1
    assert [p["name"] for p in stats["givers_at_capacity"]] == ["Gia"]
    assert [p["name"] for p in stats["seekers_without_introduction"]] == ["Sue"]
    assert stats["balance"]["seekers_waiting"] == 1
    assert isinstance(stats["seq"], int)
    assert client.get(f"/api/v1/events/{room.code}/stats").status_code == 401


def test_attendee_list_shows_contact_only_where_shared(room: Room, client: FlaskClient) -> None:
    """With the organizer, that is: sharing with people one meets does not include them."""
    both = {"share_contact": True, "share_with_organizer": True}
    room.join("Open", "give", ["hiring"], ["design"], email="open@example.com", **both)
    room.join("Private", "seek", ["design"], ["hiring"], email="private@example.com")
    room.join("Mutual", "seek", ["x"], ["y"], email="mutual@example.com", share_contact=True)
    rows = client.get(f"/api/v1/events/{room.code}/attendees", headers=room.org_headers()).json[
        "attendees"
    ]
    by_name = {r["name"]: r for r in rows}
    assert by_name["Open"]["email"] == "open@example.com"
    assert by_name["Private"]["email"] is None
    assert by_name["Mutual"]["email"] is None
    assert "private@example.com" not in str(rows) and "mutual@example.com" not in str(rows)


def test_removing_an_attendee_ends_their_introductions_and_is_idempotent(
    room: Room, client: FlaskClient
) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["hiring"])
    [intro] = seeker.intros()
    url = f"/api/v1/events/{room.code}/attendees/{giver.id}"
    assert client.delete(url).status_code == 401
    assert client.delete(url, headers=room.org_headers()).status_code == 204
    assert client.delete(url, headers=room.org_headers()).status_code == 204
    assert seeker.intros()[0]["status"] == "expired"
    assert giver.client.get("/api/v1/me", headers=giver.headers()).status_code == 403
    missing = client.delete(
        f"/api/v1/events/{room.code}/attendees/99999", headers=room.org_headers()
    )
    assert missing.status_code == 404
    names = [
        r["name"]
        for r in client.get(
            f"/api/v1/events/{room.code}/attendees", headers=room.org_headers()
        ).json["attendees"]
    ]
    assert names == ["Sam"]
    assert intro["other"]["name"] == "Gia"


def test_openapi_document_lists_every_operation(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    assert "/events/{code}/attendees" in doc["paths"]
    assert set(doc["paths"]["/me"]) == {"get", "patch", "delete"}
    join = doc["paths"]["/events/{code}/attendees"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    assert join["$ref"].endswith("/JoinIn")
    fields = doc["components"]["schemas"]["JoinIn"]["properties"]
    assert fields["name"]["maxLength"] == 80
    assert fields["headline"]["maxLength"] == 120


def test_oversized_body_is_413_json(client: FlaskClient) -> None:
    response = client.post("/api/v1/events", json={"name": "E", "venue": "x" * 100_000})
    assert response.status_code == 413
    assert response.json["error"]["code"] == "request_entity_too_large"


def test_api_errors_say_what_to_do(client: FlaskClient) -> None:
    response = client.post("/api/v1/events", json={"name": "", "giver_capacity": 21, "mode": "x"})
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert fields["name"] == "Give the event a name."
    assert fields["giver_capacity"] == "Use 20 or less."
    assert fields["mode"] == "Choose 'continuous', 'rounds' or 'both'."
