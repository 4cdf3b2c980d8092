"""Forms sent twice make one thing: one event per create form, one person per join form.

A reload of the ready page makes no second event and shows the console link no more; a
double tap, a resend or two copies of the same request racing make one attendee.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from mixer.domain.models import Attendee, Event, Handover, utcnow
from mixer.infra.extensions import db
from tests.conftest import Room

SEEKER = {"name": "Sam", "intent": "seek", "offers": ["design"], "seeks": ["hiring"]}


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def page_form(client: FlaskClient, path: str) -> dict[str, str]:
    """The hidden fields a page's form carries (its CSRF token and one-time nonce)."""
    html = client.get(path).text
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


def nonce() -> str:
    return secrets.token_urlsafe(16)


# ---- the API ---------------------------------------------------------------------------


def test_the_same_join_sent_twice_is_one_person_with_one_token(room: Room) -> None:
    body = SEEKER | {"nonce": nonce()}
    path = f"/api/v1/events/{room.code}/attendees"
    first = room.app.test_client().post(path, json=body)
    again = room.app.test_client().post(path, json=body)
    assert first.status_code == again.status_code == 201
    assert again.json == first.json  # the first answer again: same person, same token
    assert count(room.app, Attendee) == 1
    me = room.app.test_client().get(
        "/api/v1/me", headers={"Authorization": f"Bearer {again.json['token']}"}
    )
    assert me.status_code == 200 and me.json["attendee"]["id"] == first.json["attendee"]["id"]


def test_without_a_nonce_or_with_a_new_one_each_join_is_a_new_person(room: Room) -> None:
    path = f"/api/v1/events/{room.code}/attendees"
    for body in (SEEKER, SEEKER, SEEKER | {"nonce": nonce()}, SEEKER | {"nonce": nonce()}):
        assert room.app.test_client().post(path, json=body).status_code == 201
    assert count(room.app, Attendee) == 4


def test_a_nonce_counts_per_event(room: Room) -> None:
    other = room.organizer.post("/api/v1/events", json={"name": "Other"}).json["event"]["code"]
    body = SEEKER | {"nonce": nonce()}
    here = room.app.test_client().post(f"/api/v1/events/{room.code}/attendees", json=body)
    there = room.app.test_client().post(f"/api/v1/events/{other}/attendees", json=body)
    assert here.status_code == there.status_code == 201
    assert here.json["token"] != there.json["token"]
    assert count(room.app, Attendee) == 2


def test_an_old_repeat_gives_no_token_and_makes_nobody(room: Room) -> None:
    """A nonce is no password: minutes after the join, sending it again is refused."""
    body = SEEKER | {"nonce": nonce()}
    path = f"/api/v1/events/{room.code}/attendees"
    first = room.app.test_client().post(path, json=body)
    with room.app.app_context():
        db.session.execute(update(Attendee).values(joined_at=utcnow() - timedelta(minutes=11)))
        db.session.commit()
    late = room.app.test_client().post(path, json=body)
    assert late.status_code == 409 and late.json["error"]["code"] == "already_joined"
    assert first.json["token"] not in late.text
    assert count(room.app, Attendee) == 1


def test_a_repeat_after_forget_me_or_removal_gives_nothing(room: Room) -> None:
    path = f"/api/v1/events/{room.code}/attendees"
    gone, removed = SEEKER | {"nonce": nonce()}, SEEKER | {"nonce": nonce()}
    first = room.app.test_client().post(path, json=gone).json
    auth = {"Authorization": f"Bearer {first['token']}"}
    assert room.app.test_client().delete("/api/v1/me", headers=auth).status_code == 204
    again = room.app.test_client().post(path, json=gone)
    assert again.status_code == 409 and first["token"] not in again.text
    person = room.app.test_client().post(path, json=removed).json
    room.organizer.delete(
        f"/api/v1/events/{room.code}/attendees/{person['attendee']['id']}",
        headers=room.org_headers(),
    )
    refused = room.app.test_client().post(path, json=removed)
    assert refused.status_code == 403 and person["token"] not in refused.text
    assert count(room.app, Attendee) == 2


def test_a_short_or_odd_nonce_is_refused_and_stores_nothing(room: Room) -> None:
    path = f"/api/v1/events/{room.code}/attendees"
    short = room.app.test_client().post(path, json=SEEKER | {"nonce": "abc"})
    odd = room.app.test_client().post(path, json=SEEKER | {"nonce": "x" * 30 + "!"})
    assert short.status_code == odd.status_code == 422
    assert short.json["error"]["fields"]["nonce"] == "Use at least 22 characters."
    assert odd.json["error"]["fields"]["nonce"] == "Use letters, digits, - and _ only."
    assert count(room.app, Attendee) == 0


def test_the_same_create_request_twice_makes_one_event(client: FlaskClient) -> None:
    body = {"name": "Careers Night", "nonce": nonce()}
    first = client.post("/api/v1/events", json=body)
    again = client.post("/api/v1/events", json=body)
    assert first.status_code == 201 and "organizer_token" in first.json
    assert again.status_code == 409 and again.json["error"]["code"] == "already_created"
    assert first.json["event"]["code"] in again.json["error"]["message"]
    assert first.json["organizer_token"] not in again.text
    assert count(client.application, Event) == 1


# ---- the create form: Post/Redirect/Get, the link shown once ---------------------------


def create_by_form(client: FlaskClient, **fields: str) -> Any:
    form = page_form(client, "/") | {"name": "Careers Night"} | fields
    return client.post("/", data=form)


def test_the_create_form_redirects_and_a_reload_shows_the_link_no_more(
    client: FlaskClient,
) -> None:
    made = create_by_form(client)
    assert made.status_code == 303
    ready = made.headers["Location"]
    assert "/created/" in ready and "token" not in ready
    first = client.get(ready)
    assert first.headers["Cache-Control"] == "no-store"  # no cache, no offline copy keeps it
    link = re.search(r'href="(http://localhost/console/[^"?]+\?token=[^"]+)"', first.text)
    assert first.status_code == 200 and link is not None
    reload = client.get(ready)
    assert reload.status_code == 200 and "?token=" not in reload.text
    assert "shown once" in reload.text and "stays signed in to the console" in reload.text
    code = ready.split("/created/")[1].split("?")[0]
    assert client.get(f"/console/{code}").status_code == 200  # by its cookie
    assert count(client.application, Event) == 1
    assert count(client.application, Handover) == 0


def test_another_browser_with_the_ready_address_gets_no_link(client: FlaskClient) -> None:
    ready = create_by_form(client).headers["Location"]
    assert "?token=" in client.get(ready).text
    stranger = client.application.test_client().get(ready)
    assert stranger.status_code == 200 and "?token=" not in stranger.text
    assert "not signed in" in stranger.text and "button primary" not in stranger.text


def test_the_same_create_form_sent_twice_makes_one_event(client: FlaskClient) -> None:
    """A double click whose first answer never arrived still gets the link, once."""
    form = page_form(client, "/") | {"name": "Careers Night"}
    first = client.post("/", data=form)
    again = client.post("/", data=form)
    assert first.status_code == again.status_code == 303
    assert count(client.application, Event) == 1
    assert "again=1" in again.headers["Location"]
    shown = client.get(again.headers["Location"])
    assert "?token=" in shown.text and "already sent" in shown.text
    assert "?token=" not in client.get(first.headers["Location"]).text
    late = client.post("/", data=form)  # back, and send it once more
    assert "?token=" not in client.get(late.headers["Location"]).text
    assert count(client.application, Event) == 1


def test_a_hand_over_nobody_came_for_expires(client: FlaskClient) -> None:
    ready = create_by_form(client).headers["Location"]
    with client.application.app_context():
        db.session.execute(update(Handover).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert "?token=" not in client.get(ready).text
    assert count(client.application, Handover) == 0  # purged


def test_a_create_form_error_keeps_its_nonce(client: FlaskClient) -> None:
    form = page_form(client, "/")
    refused = client.post("/", data=form | {"name": ""})
    assert refused.status_code == 422 and f'value="{form["nonce"]}"' in refused.text
    assert client.post("/", data=form | {"name": "Fixed"}).status_code == 303
    assert count(client.application, Event) == 1


def test_the_ready_page_warns_when_phones_cannot_reach_the_join_link(app: Flask) -> None:
    for public, warned in (("http://127.0.0.1:5000", True), ("http://192.168.1.20:5000", False)):
        app.config["PUBLIC_URL"] = public
        client = app.test_client()
        page = client.get(create_by_form(client).headers["Location"]).text
        assert ('id="local-warning"' in page) is warned
        assert ("mixer serve --host 0.0.0.0" in page) is warned


# ---- the join form ---------------------------------------------------------------------


def test_the_same_join_form_sent_twice_signs_the_phone_in_as_one_person(room: Room) -> None:
    phone = room.app.test_client()
    form = page_form(phone, f"/e/{room.code}") | {
        "name": "Sam",
        "intent": "seek",
        "seeks": "hiring",
    }
    assert len(form["nonce"]) >= 22
    first = phone.post(f"/e/{room.code}", data=form)
    again = phone.post(f"/e/{room.code}", data=form)
    assert first.status_code == again.status_code == 303
    assert count(room.app, Attendee) == 1
    assert phone.get(f"/api/v1/me?event={room.code}").json["attendee"]["name"] == "Sam"


def test_a_join_form_error_keeps_its_nonce_and_an_old_repeat_joins_nobody(room: Room) -> None:
    phone = room.app.test_client()
    form = page_form(phone, f"/e/{room.code}") | {"intent": "seek", "seeks": "hiring"}
    refused = phone.post(f"/e/{room.code}", data=form | {"name": ""})
    assert refused.status_code == 422 and f'value="{form["nonce"]}"' in refused.text
    assert phone.post(f"/e/{room.code}", data=form | {"name": "Sam"}).status_code == 303
    with room.app.app_context():
        db.session.execute(update(Attendee).values(joined_at=utcnow() - timedelta(minutes=11)))
        db.session.commit()
    # The same phone, still signed in: just its home. Another one: a plain word, nobody new.
    assert phone.post(f"/e/{room.code}", data=form | {"name": "Sam"}).status_code == 303
    other = room.app.test_client()
    stale = page_form(other, f"/e/{room.code}") | {"nonce": form["nonce"], "name": "Eve"}
    late = other.post(f"/e/{room.code}", data=stale | {"intent": "seek", "seeks": "x"})
    assert late.status_code == 409 and "already sent" in late.text
    assert form["nonce"] not in late.text  # a fresh nonce, so sending it again joins anew
    assert count(room.app, Attendee) == 1
