"""Joining, the attendee's own state, profile changes, known people, forgetting."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from mixer.domain.models import Attendee
from mixer.infra.extensions import db
from tests.conftest import Room


def test_join_returns_token_sets_cookie_and_normalises_tags(room: Room) -> None:
    phone = room.join(
        "  Ana  ", "seek", ["SQL"], ["  Data   Engineering ", "data engineering", "Python"],
        headline="Analyst", email="ana@example.com", profile_url="https://example.com/ana",
    )  # fmt: skip
    me = phone.me()["attendee"]
    assert me["name"] == "Ana"
    assert me["seeks"] == ["Data Engineering", "Python"]  # as typed, spaces tidied, once each
    assert me["capacity"] == 2  # seekers default to 2
    assert me["profile_url"] == "https://example.com/ana"
    cookie = phone.client.get_cookie("mixer")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    # The cookie alone signs the phone in.
    assert phone.client.get("/api/v1/me").json["attendee"]["id"] == phone.id


def test_giver_capacity_defaults_to_the_event_setting(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], [])
    assert giver.me()["attendee"]["capacity"] == 3


def test_join_refuses_bad_input_and_stores_nothing(room: Room, client: FlaskClient) -> None:
    url = f"/api/v1/events/{room.code}/attendees"
    base = {"name": "Ana", "intent": "seek", "offers": [], "seeks": ["python"]}
    cases = {
        "intent": base | {"intent": "lurk"},
        "name": base | {"name": "n" * 81},
        "headline": base | {"headline": "h" * 121},
        "seeks_note": base | {"seeks_note": "x" * 501},
        "seeks": base | {"seeks": [f"t{i}" for i in range(13)]},
        "email": base | {"email": "not-an-email"},
        "profile_url": base | {"profile_url": "javascript:alert(1)"},
        "offers": base | {"intent": "give", "offers": []},
        "capacity": base | {"capacity": -1},
    }
    for field, body in cases.items():
        response = client.post(url, json=body)
        assert response.status_code == 422, (field, response.json)
        assert field in response.json["error"]["fields"], (field, response.json)
    long_tag = client.post(url, json=base | {"seeks": ["x" * 41]})
    assert long_tag.status_code == 422
    wrong_type = client.post(url, json=base | {"seeks": "python" and 5})
    assert wrong_type.status_code == 422
    with room.app.app_context():
        assert db.session.scalars(select(Attendee)).all() == []


def test_join_closed_event_is_409(room: Room, client: FlaskClient) -> None:
    client.patch(
        f"/api/v1/events/{room.code}", json={"status": "closed"}, headers=room.org_headers()
    )
    response = client.post(
        f"/api/v1/events/{room.code}/attendees",
        json={"name": "Late", "intent": "seek", "seeks": ["python"]},
    )
    assert response.status_code == 409
    assert response.json["error"]["code"] == "event_closed"
    assert "closed" in response.json["error"]["message"]


def test_join_unknown_event_is_404(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/events/unknown123/attendees", json={"name": "A", "intent": "seek", "seeks": ["x"]}
    )
    assert response.status_code == 404


def test_me_needs_a_token_and_tokens_are_stored_hashed(room: Room, client: FlaskClient) -> None:
    phone = room.join("Ana", "seek", [], ["python"])
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer wrong"}).status_code == 401
    with room.app.app_context():
        row = db.session.get(Attendee, phone.id)
        assert row is not None and phone.token not in row.token_hash


def test_patch_me_changes_profile_and_validates(room: Room) -> None:
    phone = room.join("Ana", "seek", [], ["python"])
    ok = phone.client.patch(
        "/api/v1/me", json={"headline": "Engineer", "capacity": 4}, headers=phone.headers()
    )
    assert ok.status_code == 200
    assert ok.json["attendee"]["headline"] == "Engineer"
    assert ok.json["attendee"]["capacity"] == 4
    bad = phone.client.patch(
        "/api/v1/me", json={"presence": "gone", "name": "Zed"}, headers=phone.headers()
    )
    assert bad.status_code == 422
    emptied = phone.client.patch("/api/v1/me", json={"seeks": []}, headers=phone.headers())
    assert emptied.status_code == 422
    assert phone.me()["attendee"]["name"] == "Ana"
    assert phone.me()["attendee"]["seeks"] == ["python"]


def test_leaving_ends_open_introductions_and_frees_the_giver(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"], capacity=1)
    first = room.join("Sam", "seek", ["design"], ["hiring"])
    second = room.join("Sue", "seek", ["design"], ["hiring"])
    assert len(first.intros()) == 1 and second.intros() == []
    first.client.patch("/api/v1/me", json={"presence": "left"}, headers=first.headers())
    assert first.intros()[0]["status"] == "expired"
    [fresh] = second.intros()
    assert fresh["other"]["id"] == giver.id


def test_known_people_are_never_introduced(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], [], mentor=True)
    seeker = room.join("Sam", "seek", [], ["hiring"])
    [intro] = seeker.intros()
    response = seeker.client.post(
        "/api/v1/me/known", json={"attendee_id": giver.id}, headers=seeker.headers()
    )
    assert response.status_code == 200
    assert response.json["known"] == [giver.id]
    assert seeker.intros()[0]["status"] == "expired"
    assert seeker.me()["attendee"]["known"] == [giver.id]
    again = seeker.client.post(
        "/api/v1/me/known", json={"attendee_id": giver.id}, headers=seeker.headers()
    )
    assert again.json["known"] == [giver.id]
    myself = seeker.client.post(
        "/api/v1/me/known", json={"attendee_id": seeker.id}, headers=seeker.headers()
    )
    assert myself.status_code == 422
    nobody = seeker.client.post(
        "/api/v1/me/known", json={"attendee_id": 4242}, headers=seeker.headers()
    )
    assert nobody.status_code == 404
    assert intro["id"] == seeker.intros()[0]["id"]


def test_known_person_from_another_event_is_404(room: Room, client: FlaskClient) -> None:
    seeker = room.join("Sam", "seek", [], ["hiring"])
    other = Room(room.app)
    stranger = other.join("Zed", "give", ["hiring"], [])
    response = seeker.client.post(
        "/api/v1/me/known", json={"attendee_id": stranger.id}, headers=seeker.headers()
    )
    assert response.status_code == 404


def test_forget_me_erases_personal_data_and_kills_the_token(room: Room) -> None:
    giver = room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join(
        "Sam Secret", "seek", ["design"], ["hiring"], headline="Designer at Hidden Co",
        email="sam@example.com", phone="+44 1234", share_contact=True, seeks_note="private note",
    )  # fmt: skip
    assert seeker.client.delete("/api/v1/me", headers=seeker.headers()).status_code == 204
    assert seeker.client.get("/api/v1/me", headers=seeker.headers()).status_code == 401
    with room.app.app_context():
        row = db.session.get(Attendee, seeker.id)
        assert row is not None
        stored = " ".join(
            str(v)
            for v in (
                row.name,
                row.headline,
                row.email,
                row.phone,
                row.seeks_note,
                row.offers,
                row.seeks,
            )
        )
        for secret in (
            "Sam Secret",
            "Hidden",
            "sam@example.com",
            "1234",
            "private",
            "design",
            "hiring",
        ):
            assert secret not in stored
    assert giver.intros()[0]["status"] == "expired"


def test_a_phone_stays_signed_in_to_its_latest_events_with_a_cookie_that_stays_small(
    client: FlaskClient,
) -> None:
    """Browsers silently drop a cookie over 4 KB: that would sign the phone out of all."""
    body = {"name": "Sam", "intent": "seek", "offers": ["x"], "seeks": ["y"]}
    codes, sizes = [], []
    for n in range(20):
        code = client.post("/api/v1/events", json={"name": f"Fair {n}"}).json["event"]["code"]
        assert client.post(f"/api/v1/events/{code}/attendees", json=body).status_code == 201
        codes.append(code)
        sizes.append(len(client.get_cookie("mixer").value))
    assert max(sizes) < 4000
    assert sizes[-1] - sizes[12] < 100  # bounded: no longer grows with every event
    for code in codes[-12:]:  # the latest twelve: still signed in, by the cookie alone
        assert client.get(f"/api/v1/me?event={code}").status_code == 200
    assert client.get(f"/api/v1/me?event={codes[0]}").status_code == 401
    assert client.get(f"/e/{codes[0]}").status_code == 200  # the join form again, not an error


def test_a_cookie_from_an_older_mixer_still_signs_the_phone_in(room: Room) -> None:
    phone = room.join("Sam", "seek", ["x"], ["y"])
    with phone.client.session_transaction() as session:
        session["attendees"] = dict(session["attendees"])  # the earlier code -> hash mapping
    assert phone.client.get(f"/api/v1/me?event={room.code}").status_code == 200


def test_the_organizer_opens_one_person_with_topics_and_what_they_wait_for(
    room: Room, client: FlaskClient
) -> None:
    room.join("Gia", "give", ["hiring"], ["design"])
    seeker = room.join("Sam", "seek", ["design"], ["Kubernetes", "knitting circles"])
    path = f"/api/v1/events/{room.code}/attendees/{seeker.id}"

    got = room.organizer.get(path, headers=room.org_headers())
    assert got.status_code == 200
    person = got.json["attendee"]
    assert (person["name"], person["open_introductions"]) == ("Sam", 0)
    assert person["understood"]["seeks"][0] == {"typed": "Kubernetes", "as": ["kubernetes"]}
    assert person["waiting"]["reason"] == "no_topic_match"
    assert person["waiting"]["message"]
    assert person["email"] is None  # contact only where shared

    assert client.get(path).status_code == 401  # not for anyone
    assert client.get(path, headers=seeker.headers()).status_code in (401, 403)
    other = Room(room.app)
    assert other.organizer.get(path, headers=other.org_headers()).status_code in (403, 404)
    missing = room.organizer.get(
        f"/api/v1/events/{room.code}/attendees/999999", headers=room.org_headers()
    )
    assert missing.status_code == 404 and missing.json["error"]["message"]
    room.organizer.delete(path, headers=room.org_headers())
    assert room.organizer.get(path, headers=room.org_headers()).status_code == 404
