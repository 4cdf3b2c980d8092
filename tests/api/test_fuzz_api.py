"""Property-based fuzzing of the documented JSON API: every operation of /api/v1/openapi.json.

Schemathesis reads the OpenAPI document from the app and generates requests from it: valid
and invalid bodies, boundary values, odd path parameters, unexpected methods and content
types. They go to the WSGI app in-process, on SQLite and on PostgreSQL. Each operation is
called as the caller it documents (organizer or attendee token), mostly on the real event
code and real ids so that requests reach real logic, sometimes on random ones. Every answer
must be documented: never a 5xx, a documented status code, content type, headers and body;
invalid input refused with a 4xx; and a refusal must leave the stored data as it was.

Run with -s to see how many requests were sent. The tests after the fuzzer pin what it found.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import select

from mixer.infra.extensions import db
from mixer.web import openapi
from tests.conftest import Room, app_on, make_app

# Fuzzing-phase examples per operation; the coverage phase adds its boundary cases on top.
# This is CI's budget; MIXER_FUZZ_EXAMPLES=500 digs deeper on a quiet afternoon.
EXAMPLES = int(os.environ.get("MIXER_FUZZ_EXAMPLES", "30"))
# An operation that got fewer requests than this was not really fuzzed: the test fails.
MINIMUM_REQUESTS = 20
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.negative_data_rejection,  # invalid input is refused with a 4xx
]
# Most cases are aimed at real things; every fourth keeps the generated code or id instead,
# and every other one of those the generated credentials too (none, or random ones).
AIMS = ("real", "real", "real", "random", "real", "real", "real", "stranger")
ROTATE = ("POST", "/events/{code}/organizer-token")  # the organizer token changes: follow it

# Times at the ends of the calendar, where an offset carries them past year 1 or 9999: the
# fuzzer draws them often, and any time in between with any whole-minute offset.
EXTREME_TIMES = ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00")
OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
schemathesis.openapi.format(
    "date-time",
    st.one_of(
        st.sampled_from(EXTREME_TIMES),
        st.datetimes(min_value=datetime(1, 1, 1), timezones=OFFSETS).map(datetime.isoformat),
    ),
)
# Deeper than the interpreter's stack lets json.loads go from inside a request.
DEEP = 1000

# Read from the app as a client would; each test then sends its requests to an app of its
# own, on a fresh database (`case.call(app=...)`).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", make_app(Path(":memory:")))
SENT: Counter[str] = Counter()
KINDS: Counter[str] = Counter()
STATUSES: Counter[int] = Counter()


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    """Print how many requests were fuzzed, per operation and in all."""
    yield
    if SENT:
        for label, sent in sorted(SENT.items()):
            print(f"  {sent:5d}  {label}")
        print(f"fuzzed requests: {SENT.total()} over {len(SENT)} operations")
        print("by phase and mode:", dict(sorted(KINDS.items())))
        print("by status:", dict(sorted(STATUSES.items())))


@pytest.fixture(params=["sqlite", "postgresql"])
def fuzz_app(request: pytest.FixtureRequest, migrated_db: Path, tmp_path: Path) -> Iterator[Flask]:
    """A fresh database; rate limits off, since the fuzzer is one client sending hundreds
    (and its joins, all from one address, are no burst to hold back from suggestions).

    PostgreSQL too: it refuses what SQLite takes (a NUL in text, an id past 32 bits).
    """
    yield from app_on(request, migrated_db, tmp_path, RATELIMIT_ENABLED=False, JOIN_BURST_SIZE=0)


@pytest.fixture
def stage(fuzz_app: Flask) -> Iterator[Stage]:
    stage = Stage(fuzz_app)
    yield stage
    assert stage.sent >= MINIMUM_REQUESTS, f"only {stage.sent} requests were fuzzed"


class Stage:
    """The event the fuzzer plays in, and its people; set up through the API, not counted."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.client = app.test_client()
        self.tags = count()
        self.sent = 0
        self.code, self.organizer_token = self.create_event()
        self.giver_id, self.giver_token = self.join("give", ["hiring"], ["mentoring"])
        self.seeker_id, self.seeker_token = self.join("seek", ["mentoring"], ["hiring"])

    def topic(self) -> str:
        return f"topic {next(self.tags)}"

    def create_event(self) -> tuple[str, str]:
        body = {"name": "Fuzz Night", "meeting_spots": ["Table 1", "Table 2"], "mode": "both"}
        answer = self.app.test_client().post("/api/v1/events", json=body)
        assert answer.status_code == 201, answer.json
        return answer.json["event"]["code"], answer.json["organizer_token"]

    def join(
        self, intent: str, offers: list[str], seeks: list[str], code: str | None = None
    ) -> tuple[int, str]:
        body = {"name": f"Fuzz {intent}", "intent": intent, "offers": offers, "seeks": seeks}
        url = f"/api/v1/events/{code or self.code}/attendees"
        answer = self.app.test_client().post(url, json=body)
        assert answer.status_code == 201, answer.json
        return answer.json["attendee"]["id"], answer.json["token"]

    def introduction(self, mutual: bool) -> tuple[int, str]:
        """A fresh introduction (two-way, on topics of its own), and its seeker's token.

        Suggested, or accepted by both (`mutual`), as marking it met or followed up needs.
        """
        offer, seek = self.topic(), self.topic()
        _, giver = self.join("give", [offer], [seek])
        _, token = self.join("seek", [seek], [offer])
        intros = self.client.get("/api/v1/me", headers=bearer(token)).json["introductions"]
        assert intros, "a giver and a seeker of one topic were not introduced"
        intro = intros[0]["id"]
        for side in (giver, token) if mutual else ():
            answer = self.client.post(f"/api/v1/introductions/{intro}/accept", headers=bearer(side))
            assert answer.status_code == 200, answer.json
        return intro, token

    def spare_event(self) -> tuple[str, str]:
        """Another event with a giver and a seeker, for changes that may close it for good."""
        code, token = self.create_event()
        offer, seek = self.topic(), self.topic()
        self.join("give", [offer], [seek], code)
        self.join("seek", [seek], [offer], code)
        return code, token


def stored(app: Flask) -> str:
    """A digest of every stored row: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table).order_by(*table.primary_key)):
                digest.update(repr(tuple(row)).encode())
        db.session.remove()
    return digest.hexdigest()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def who(case: Any) -> str:
    """The caller the document names for this operation ("Who: organizer.")."""
    return case.operation.definition.raw.get("description", "").removeprefix("Who: ").rstrip(".")


def generated_valid(case: Any, location: str) -> bool:
    """Whether Schemathesis meant this part ("path", "body") to be valid: then a real value
    may replace it without making a case meant to be refused acceptable."""
    meta = case.meta
    if meta is None or location not in meta.components:
        return True
    return meta.components[location].mode.is_positive


def aim(case: Any, stage: Stage, how: str) -> None:
    """Authorize the case as its documented caller; on real cases, use real codes and ids."""
    token = {"organizer": stage.organizer_token, "attendee": stage.seeker_token}.get(who(case))
    path = case.path_parameters if case.path_parameters is not None else {}
    real = how == "real" and generated_valid(case, "path")
    operation = (case.method, case.path)
    if real and "code" in path:
        path["code"] = stage.code
    if real and operation == ("PATCH", "/events/{code}"):
        path["code"], token = stage.spare_event()
    if real and "attendee_id" in path:
        path["attendee_id"], _ = stage.join("seek", ["mentoring"], [stage.topic()])
    if real and "id" in path and case.path.startswith("/introductions/"):
        mutual = case.path.endswith(("/met", "/followed_up", "/outcome"))
        path["id"], token = stage.introduction(mutual=mutual)
        if case.path.endswith("/outcome"):  # told once they met
            met = stage.client.post(
                f"/api/v1/introductions/{path['id']}/met", headers=bearer(token)
            )
            assert met.status_code == 200, met.json
    if operation == ("DELETE", "/me"):
        _, token = stage.join("seek", ["mentoring"], [stage.topic()])
    body = case.body
    known = isinstance(body, dict) and "attendee_id" in body
    if how == "real" and known and generated_valid(case, "body"):
        body["attendee_id"] = stage.giver_id
    if token is not None and how != "stranger":
        if case.headers is None:
            case.headers = {}
        case.headers["Authorization"] = f"Bearer {token}"


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,  # a request that joins and matches may take a while on a busy machine
    derandomize=True,  # the same cases on every run: a red CI reproduces, a green one stays
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one stage per operation, on purpose
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_operation_answers_as_documented(case: Any, stage: Stage) -> None:
    aim(case, stage, AIMS[stage.sent % len(AIMS)])
    before = stored(stage.app)
    try:
        response = case.call(app=stage.app)
    finally:
        stage.sent += 1
        SENT[case.operation.label] += 1
        if case.meta is not None:
            KINDS[f"{case.meta.phase.name} {case.meta.generation.mode}"] += 1
    STATUSES[response.status_code] += 1
    changed = stored(stage.app) != before
    if (case.method, case.path) == ROTATE and response.status_code == 200:
        stage.organizer_token = response.json()["organizer_token"]
    case.validate_response(response, checks=CHECKS)
    if response.status_code >= 400:
        assert not changed, f"a {response.status_code} answer changed stored data"


# What the fuzzer found, pinned; and what PostgreSQL refuses, which it seldom draws.


BODY_OPERATIONS = [
    (path, method.upper())
    for path, methods in openapi.document()["paths"].items()
    for method, spec in methods.items()
    if "application/json" in spec.get("requestBody", {}).get("content", {})
]


def test_deeply_nested_json_is_refused_by_every_operation_with_a_body(fuzz_app: Flask) -> None:
    """1,000 levels of lists, or of objects, in any JSON body: a documented 400, never a 500."""
    stage = Stage(fuzz_app)
    bodies = {
        "lists": b'{"name": ' + b"[" * DEEP + b"]" * DEEP + b"}",
        "objects": b'{"name": ' + b'{"a": ' * DEEP + b"1" + b"}" * DEEP + b"}",
    }
    for path, method in BODY_OPERATIONS:
        for kind, raw in bodies.items():
            names = re.findall(r"{(\w+)}", path)  # placeholders: `aim` puts real ones in
            case = schema[path][method].Case(
                path_parameters=dict.fromkeys(names, 1), body={}, media_type="application/json"
            )
            aim(case, stage, "real")
            before = stored(stage.app)
            response = stage.client.open(
                "/api/v1" + case.formatted_path,
                method=method,
                data=raw,
                headers=case.headers or {},
                content_type="application/json",
            )
            where = f"{method} {path} ({kind})"
            assert response.status_code == 400, (where, response.json)
            assert response.json["error"]["code"] == "bad_json", where
            assert "too deeply" in response.json["error"]["message"], where
            case.validate_response(response, checks=CHECKS)
            assert stored(stage.app) == before, where


@pytest.mark.parametrize("field", ["starts_at", "ends_at"])
@pytest.mark.parametrize("moment", EXTREME_TIMES)
def test_times_past_the_calendar_in_utc_are_a_field_error(
    room: Room, field: str, moment: str
) -> None:
    """Year 1 at +14:00 is year 0 in UTC, 9999-12-31 at -14:00 year 10000: neither exists."""
    before = stored(room.app)
    answer = room.organizer.post("/api/v1/events", json={"name": "Edge", field: moment})
    assert answer.status_code == 422, answer.json
    assert list(answer.json["error"]["fields"]) == [field]
    assert "outside the calendar" in answer.json["error"]["fields"][field]
    assert stored(room.app) == before
    # The same instants written in UTC are taken (and read back as sent).
    utc_moment = datetime.fromisoformat(moment).replace(tzinfo=None).isoformat()
    kept = room.organizer.post("/api/v1/events", json={"name": "Edge", field: utc_moment})
    assert kept.status_code == 201, kept.json
    assert kept.json["event"][field].startswith(utc_moment)


def test_json_bodies_are_taken_as_documented(room: Room) -> None:
    phone = room.join("Ana", "seek", ["design"], ["python"])
    me = phone.headers()
    refused = {
        "giver_capacity": room.organizer.post(
            "/api/v1/events", json={"name": "E", "giver_capacity": "3"}
        ),
        "starts_at": room.organizer.post("/api/v1/events", json={"name": "E", "starts_at": 0}),
        "share_contact": phone.client.patch("/api/v1/me", json={"share_contact": 0}, headers=me),
        "offers": phone.client.patch("/api/v1/me", json={"offers": [""] * 13}, headers=me),
    }
    for field, answer in refused.items():
        assert answer.status_code == 422, answer.json
        assert list(answer.json["error"]["fields"]) == [field]
    # Documented alternatives: tags as one string with commas; no body where nothing is needed.
    created = room.organizer.post("/api/v1/events", json={"name": "E", "topics": "Python, SQL"})
    assert created.json["event"]["topics"] == ["Python", "SQL"]
    assert phone.client.patch("/api/v1/me", headers=me).status_code == 200
    paths = openapi.document()["paths"]
    assert paths["/me"]["patch"]["requestBody"]["required"] is False
    assert paths["/events"]["post"]["requestBody"]["required"] is True


def test_what_postgresql_cannot_hold_is_refused_not_a_500(room: Room) -> None:
    phone = room.join("Ana", "seek", ["design"], ["python"])
    org, me = room.org_headers(), phone.headers()
    before = stored(room.app)
    big = 2**31  # past PostgreSQL's integer; 2**64 past SQLite's
    answers = {
        422: [
            room.organizer.post("/api/v1/events", json={"name": "A\x00B"}),
            phone.client.patch("/api/v1/me", json={"headline": "x\x00"}, headers=me),
            phone.client.patch("/api/v1/me", json={"offers": ["x\x00"]}, headers=me),
            room.organizer.post(
                f"/api/v1/events/{room.code}/announcements", json={"message": "\x00"}, headers=org
            ),
            phone.client.post("/api/v1/me/known", json={"attendee_id": big}, headers=me),
        ],
        404: [
            phone.client.post(f"/api/v1/introductions/{big}/accept", headers=me),
            phone.client.post(f"/api/v1/introductions/{2**64}/decline", headers=me),
            room.organizer.delete(f"/api/v1/events/{room.code}/attendees/{big}", headers=org),
            room.organizer.get(f"/api/v1/events/{room.code}%00"),
            room.organizer.get(f"/e/{room.code}%00"),
        ],
    }
    for status, refused in answers.items():
        for answer in refused:
            assert answer.status_code == status, (answer.request.path, answer.json)
    assert stored(room.app) == before


def test_an_app_with_limits_off_leaves_the_next_one_limited(
    migrated_db: Path, tmp_path: Path
) -> None:
    """The fuzzer's app switches limits off; the one limiter of the process must not stay off."""
    make_app(tmp_path / "unused.sqlite", RATELIMIT_ENABLED=False)
    path = tmp_path / "mixer.sqlite"
    shutil.copy(migrated_db, path)
    app = make_app(path, LIMIT_CREATE="1 per hour")
    client = app.test_client()
    assert client.post("/api/v1/events", json={"name": "A"}).status_code == 201
    assert client.post("/api/v1/events", json={"name": "B"}).status_code == 429
    with app.app_context():
        db.engine.dispose()
