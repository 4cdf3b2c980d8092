"""Who may do what: every route and every Socket.IO push, for every kind of visitor.

The expectations are one table (route -> role -> status), so a refusal that goes missing,
or a new route nobody thought about, shows up as a red cell with a readable id. Each cell
runs against a fresh copy of one room, on SQLite and on PostgreSQL: the rules are the
app's, but they are kept by queries (a token's hash, an id within its event), which each
database answers in its own way. What a role *sees* inside an allowed answer is checked
at the end; contact details after a mutual
acceptance are covered in test_api_introductions.py
(test_both_accept_then_contact_appears_and_spot_is_given) and test_api_exports.py.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_socketio import SocketIOTestClient
from sqlalchemy import select, text
from werkzeug.test import TestResponse

from mixer import create_app
from mixer.infra.extensions import db, socketio
from mixer.web.limits import limiter
from tests.conftest import BASE_CONFIG, Room, make_app
from tests.registrations import register

ROLES = (
    "anonymous",
    "attendee",  # of this event, and one of the two in the introduction under test
    "attendee_not_party",  # of this event, not in that introduction
    "attendee_other",  # of another event
    "organizer",
    "organizer_other",  # of another event
    "removed",  # removed by this event's organizer
    "forgotten",  # asked to be forgotten (DELETE /api/v1/me)
)
Expect = int | tuple[int, int]  # one status, or (by bearer token, by the cookie) when they differ
Row = dict[str, Expect]
# Gia and Sam (introduced), Oz beside them: names and emails no public view may show.
NAMES = ("Gia Quell", "Sam Varga", "Oz Brandt", "gia@x.example", "sam@x.example", "oz@x.example")


def row(default: Expect, **cells: Expect) -> Row:
    assert set(cells) <= set(ROLES), set(cells) - set(ROLES)
    return {role: cells.get(role, default) for role in ROLES}


def organizer_only(ok: int) -> Row:
    """Another token is the wrong key (403); a cookie for another event holds no key (401)."""
    return row((403, 401), anonymous=401, organizer=ok)


def attendee_self(ok: int, **cells: Expect) -> Row:
    """About the caller: any active attendee, of whichever event their credential names."""
    base = dict(anonymous=401, organizer=401, organizer_other=401, removed=403, forgotten=401)
    return row(ok, **(base | cells))


INTRODUCTION = attendee_self(200, attendee_not_party=404, attendee_other=404)
ORGANIZER_PAGE = row(401, organizer=200)
PUBLIC = row(200)
INTRO = "POST /api/v1/introductions/<int:intro_id>/"
WARM = "POST /api/v1/warm/<int:request_id>/"

HTTP: dict[str, Row] = {
    "GET /": PUBLIC,
    "POST /": row(303),  # anyone may create an event (MIXER_CREATE_KEY: test_create_key.py)
    # The ready page: public facts only; the console link needs the hand-over key, once.
    "GET /created/<code>": PUBLIC,
    "GET /e/<code>": row(200, removed=403),  # the join form, or home once joined
    # Joining is for anyone holding the code, except a browser the organizer removed someone
    # from: removal is sticky (a private window would join anyway: the console flags a
    # newcomer with a removed person's name or email).
    "POST /e/<code>": row(303, removed=403),
    "GET /e/<code>/qr.svg": PUBLIC,
    "GET /e/<code>/qr.png": PUBLIC,
    "GET /e/<code>/vocabulary.json": PUBLIC,  # the vocabulary and the event's topics only
    "GET /api/v1/openapi.json": PUBLIC,
    "POST /api/v1/events": row(201),
    "GET /api/v1/events/<code>": PUBLIC,
    "PATCH /api/v1/events/<code>": organizer_only(200),
    "GET /api/v1/events/<code>/stats": organizer_only(200),
    "GET /api/v1/events/<code>/attendees": organizer_only(200),
    # The typeahead: the event's people and organizer; a key of another event opens nothing.
    "GET /api/v1/events/<code>/topics": row(
        200,
        anonymous=401,
        attendee_other=(403, 401),
        organizer_other=(403, 401),
        removed=403,
        forgotten=401,
    ),
    "GET /api/v1/events/<code>/attendees/<int:attendee_id>": organizer_only(200),
    "DELETE /api/v1/events/<code>/attendees/<int:attendee_id>": organizer_only(204),
    "POST /api/v1/events/<code>/attendees/<int:attendee_id>/restore": organizer_only(200),
    "POST /api/v1/events/<code>/attendees/remove": organizer_only(200),
    "POST /api/v1/events/<code>/announcements": organizer_only(201),
    "POST /api/v1/events/<code>/rounds": organizer_only(201),
    "POST /api/v1/events/<code>/rebalance": organizer_only(200),
    "POST /api/v1/events/<code>/rounds/current/end": organizer_only(200),
    "POST /api/v1/events/<code>/rounds/current/undo": organizer_only(200),
    # Gia and Sam met already: the round cannot give them two groups to trade, so the
    # organizer gets through to the round's own refusal, and nobody else gets that far.
    "POST /api/v1/events/<code>/rounds/current/swap": organizer_only(409),
    "POST /api/v1/events/<code>/rounds/current/pause": organizer_only(200),
    "POST /api/v1/events/<code>/rounds/current/resume": organizer_only(200),
    "POST /api/v1/events/<code>/rounds/current/extend": organizer_only(200),
    "POST /api/v1/events/<code>/organizer-token": organizer_only(200),
    "POST /api/v1/events/<code>/attendees": row(201, removed=403),
    "GET /api/v1/me": attendee_self(200),
    "PATCH /api/v1/me": attendee_self(200),
    "DELETE /api/v1/me": attendee_self(204),
    "POST /api/v1/me/known": attendee_self(200, attendee_other=404),  # Sam is not theirs
    "GET /api/v1/me/people": attendee_self(200),
    # Checking in: oneself (idempotent), or someone of the event at the door (Oz).
    "POST /api/v1/me/checkin": attendee_self(200),
    "POST /api/v1/events/<code>/attendees/<int:attendee_id>/checkin": organizer_only(200),
    # A personal link is its own proof: its form for anyone who holds it (a removed
    # person's browser cannot join through it either); the venue's check-in form sends a
    # phone of the event home, checked in, and anyone else home too (nothing checked in).
    "GET /r/<token>": PUBLIC,
    "POST /r/<token>": row(303, removed=403),
    "POST /e/<code>/checkin": row(303, removed=403),
    "GET /api/v1/me/code": attendee_self(200),
    "GET /api/v1/me/code.svg": attendee_self(200),
    # The page a code opens: anyone may see it (a phone not joined is told to join first);
    # Gia's own code refuses her (422), others of the event are asked, removed: 403.
    "GET /e/<code>/k/<meet>": row(200, attendee=422, removed=403),
    "POST /e/<code>/k/<meet>": row(200, attendee=422, attendee_not_party=303, removed=403),
    # Gia asks Oz, who knows them both, to introduce her to Sam (their suggestion becomes
    # warm); Oz himself names himself as the broker (422); Ola's event has no Sam (404).
    "POST /api/v1/warm": attendee_self(201, attendee_not_party=422, attendee_other=404),
    # Sam asked Gia, who knows him and Lee, to introduce them: only Gia answers.
    WARM + "introduce": INTRODUCTION,
    WARM + "decline": INTRODUCTION,
    INTRO + "accept": INTRODUCTION,
    INTRO + "decline": INTRODUCTION,
    INTRO + "met": INTRODUCTION,
    INTRO + "followed_up": INTRODUCTION,
    INTRO + "outcome": INTRODUCTION,
    "GET /api/v1/events/<code>/impact": organizer_only(200),
    "GET /api/v1/events/<code>/export/impact.csv": organizer_only(200),
    "GET /api/v1/events/<code>/export/attendees.csv": organizer_only(200),
    "GET /api/v1/events/<code>/export/introductions.csv": organizer_only(200),
    "GET /api/v1/events/<code>/export/event.json": organizer_only(200),
    "GET /api/v1/events/<code>/export/invitations.csv": organizer_only(200),
    "POST /api/v1/events/<code>/registrations": organizer_only(200),
    "GET /api/v1/events/<code>/registrations": organizer_only(200),
    # No mail server in this world: the organizer gets through to the clear 409 that says so.
    "POST /api/v1/events/<code>/invitations": organizer_only(409),
    "GET /api/v1/me/contacts.vcf": attendee_self(200),
    "GET /api/v1/me/contacts.csv": attendee_self(200),
    "GET /console/<code>": ORGANIZER_PAGE,
    "GET /console/<code>/screen": ORGANIZER_PAGE,
    "GET /console/<code>/poster": ORGANIZER_PAGE,
    "GET /console/<code>/impact": ORGANIZER_PAGE,
    "GET /manifest.webmanifest": PUBLIC,
    "GET /sw.js": PUBLIC,
    "GET /i18n/<lang>.json": PUBLIC,  # the scripts' words: the same for everyone
    "GET /offline": PUBLIC,
    "GET /healthz": PUBLIC,
}


@dataclass(frozen=True)
class Visitor:
    """One role: the token it holds (if any) and the signed cookie its browser was given."""

    token: str | None
    cookie: str | None


@dataclass
class World:
    """This event (Gia and Sam introduced, Oz beside them), and another event with Ola."""

    app: Flask
    code: str
    other_code: str
    intro_id: int
    ids: dict[str, int]  # gia, sam, oz
    tokens: dict[str, str]  # Sam's, who plays no role but answers introductions
    visitors: dict[str, Visitor]
    warm_id: int = 0  # a warm request asked of Gia, once `warm_asked` made it
    link: str = ""  # the personal link's token of a registration nobody joined with yet

    def call(self, token: str, method: str, path: str, body: Any = None) -> TestResponse:
        headers = {"Authorization": f"Bearer {token}"}
        return self.app.test_client().open(path, method=method, json=body, headers=headers)

    def organizer(self, method: str, path: str, body: Any = None) -> TestResponse:
        return self.call(self.token("organizer"), method, path, body)

    def token(self, role: str) -> str:
        return self.visitors[role].token or "made-up"

    def browser(self, role: str) -> FlaskClient:
        """A fresh browser holding exactly the cookie this role was given."""
        client = self.app.test_client()
        cookie = self.visitors[role].cookie
        if cookie:
            client.set_cookie(COOKIE, cookie)
        return client


COOKIE = "mixer"  # SESSION_COOKIE_NAME


def cookie_of(client: FlaskClient) -> str | None:
    found = client.get_cookie(COOKIE)
    return found.value if found else None


def console_cookie(app: Flask, room: Room) -> str | None:
    """A laptop signed in the way organizers are: by opening the console link once."""
    browser = app.test_client()
    assert browser.get(f"/console/{room.code}?token={room.organizer_token}").status_code == 303
    return cookie_of(browser)


def build(app: Flask) -> World:
    """Two events and one person (or laptop) per role, made through the API."""
    room, other = Room(app), Room(app)
    contact = {"share_contact": True}
    gia = room.join(NAMES[0], "give", ["hiring"], ["design"], email=NAMES[3], **contact)
    sam = room.join(NAMES[1], "seek", ["design"], ["hiring"], email=NAMES[4], **contact)
    oz = room.join(NAMES[2], "seek", ["finance"], ["cooking"], email=NAMES[5], **contact)
    rex = room.join("Rex", "seek", ["sailing"], ["chess"])
    fay = room.join("Fay", "seek", ["knitting"], ["pottery"])
    ola = other.join("Ola", "give", ["hiring"], ["design"])
    [intro] = gia.intros()
    removal = f"/api/v1/events/{room.code}/attendees/{rex.id}"
    assert room.organizer.delete(removal, headers=room.org_headers()).status_code == 204
    assert fay.client.delete("/api/v1/me", headers=fay.headers()).status_code == 204
    visitors = {
        "anonymous": Visitor(None, None),
        "attendee": Visitor(gia.token, cookie_of(gia.client)),
        "attendee_not_party": Visitor(oz.token, cookie_of(oz.client)),
        "attendee_other": Visitor(ola.token, cookie_of(ola.client)),
        "organizer": Visitor(room.organizer_token, console_cookie(app, room)),
        "organizer_other": Visitor(other.organizer_token, console_cookie(app, other)),
        "removed": Visitor(rex.token, cookie_of(rex.client)),
        "forgotten": Visitor(fay.token, cookie_of(fay.client)),
    }
    ids = {"gia": gia.id, "sam": sam.id, "oz": oz.id}
    world = World(app, room.code, other.code, intro["id"], ids, {"sam": sam.token}, visitors)
    world.link = register(app, room.code, "Lee Invited", "lee@x.example")
    return world


def sqlite_copy(source: Path, target: Path) -> None:
    """Through SQLite itself, so a write-ahead log is never left half copied."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def rows_of(app: Flask) -> dict[str, list[dict[str, Any]]]:
    """Every stored row, table by table: the cast as PostgreSQL restores it for each cell."""
    with app.app_context():
        rows = {
            t.name: [dict(r._mapping) for r in db.session.execute(select(t))]
            for t in db.metadata.sorted_tables
        }
        db.session.remove()
    return rows


def restore_rows(app: Flask, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Empty every table and put the cast back, ids and id sequences as they were.

    Row by row, not TRUNCATE: with a few dozen rows, deleting is many times faster.
    """
    tables = db.metadata.sorted_tables
    with app.app_context(), db.engine.begin() as connection:
        for table in reversed(tables):
            connection.execute(table.delete())
        for table in tables:
            if rows[table.name]:
                connection.execute(table.insert(), rows[table.name])
            if "id" in table.c and table.c.id.autoincrement is not False:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                        f" coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}"
                    )
                )
        db.session.remove()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stage(
    request: pytest.FixtureRequest, migrated_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """The cast is made once per database; each cell starts from a copy of it."""
    folder = tmp_path_factory.mktemp("authz")
    if request.param == "sqlite":
        shutil.copy(migrated_db, folder / "mixer.sqlite")
        app = make_app(folder / "mixer.sqlite", OFFLOAD_SOLVES=False)
    else:
        url = request.getfixturevalue("postgres_url")
        app = create_app(BASE_CONFIG | {"SQLALCHEMY_DATABASE_URI": url, "OFFLOAD_SOLVES": False})
    cast = build(app)
    with app.app_context():
        db.engine.dispose()
    if request.param == "sqlite":
        sqlite_copy(folder / "mixer.sqlite", folder / "cast.sqlite")
        app.config["CAST"] = folder / "cast.sqlite"
    else:
        app.config["CAST_ROWS"] = rows_of(app)
    yield cast
    with app.app_context():
        if request.param == "postgresql":  # the next tests find PostgreSQL empty, as always
            restore_rows(app, {t.name: [] for t in db.metadata.sorted_tables})
        db.engine.dispose()


@pytest.fixture
def world(stage: World) -> World:
    """Fresh state per cell: the cast's database restored, abuse counters emptied."""
    app = stage.app
    if "CAST_ROWS" in app.config:
        restore_rows(app, app.config["CAST_ROWS"])
    else:
        with app.app_context():
            db.engine.dispose()
            live = Path(str(db.engine.url.database))
        sqlite_copy(app.config["CAST"], live)
    limiter.reset()
    return stage


@dataclass
class Csv:
    """A file uploaded as its own body (a ticketing tool's export)."""

    text: str


@dataclass
class Form:
    """A page's form: posted as a browser posts it, with the CSRF token the page carried."""

    data: dict[str, str]


def both_accepted(w: World) -> None:
    for token in (w.token("attendee"), w.tokens["sam"]):
        path = f"/api/v1/introductions/{w.intro_id}/accept"
        assert w.call(token, "POST", path).status_code == 200


def met(w: World) -> None:
    both_accepted(w)
    path = f"/api/v1/introductions/{w.intro_id}/met"
    assert w.call(w.tokens["sam"], "POST", path).status_code == 200


def round_running(w: World) -> None:
    started = w.organizer("POST", f"/api/v1/events/{w.code}/rounds", {"minutes": 5})
    assert started.status_code == 201


def round_paused(w: World) -> None:
    round_running(w)
    paused = w.organizer("POST", f"/api/v1/events/{w.code}/rounds/current/pause")
    assert paused.status_code == 200


def known_to(w: World, token: str, *ids: int) -> None:
    for other in ids:
        marked = w.call(token, "POST", "/api/v1/me/known", {"attendee_id": other})
        assert marked.status_code == 200, marked.json


def oz_knows_both(w: World) -> None:
    known_to(w, w.token("attendee_not_party"), w.ids["gia"], w.ids["sam"])


def warm_asked(w: World) -> None:
    """Lee joins (and is suggested to Sam); Gia knows both; Sam asks her to introduce them."""
    lee = {"name": "Lee", "intent": "give", "offers": ["hiring"], "seeks": ["design"]}
    joined = w.app.test_client().post(f"/api/v1/events/{w.code}/attendees", json=lee)
    assert joined.status_code == 201
    lee_id = joined.json["attendee"]["id"]
    known_to(w, w.token("attendee"), w.ids["sam"], lee_id)
    asked = w.call(w.tokens["sam"], "POST", "/api/v1/warm", {"to": lee_id, "via": w.ids["gia"]})
    assert asked.status_code == 201, asked.json
    w.warm_id = asked.json["warm"]["id"]


JOIN = {"name": "Nia", "intent": "seek", "offers": ["design"], "seeks": ["hiring"]}
# A valid body for each route that takes one, and what must hold first: refusals are about who.
BODIES: dict[str, Callable[[World], Any]] = {
    "POST /": lambda w: Form({"name": "Another mixer"}),
    "POST /e/<code>": lambda w: Form(JOIN | {"offers": "design", "seeks": "hiring"}),
    "POST /api/v1/events": lambda w: {"name": "Another mixer"},
    "PATCH /api/v1/events/<code>": lambda w: {"name": "Renamed"},
    "POST /api/v1/events/<code>/announcements": lambda w: {"message": "Coffee is served"},
    "POST /api/v1/events/<code>/rounds": lambda w: {"minutes": 5},
    "POST /api/v1/events/<code>/attendees": lambda w: JOIN,
    "POST /api/v1/events/<code>/attendees/remove": lambda w: {"ids": [w.ids["oz"]]},
    "POST /api/v1/events/<code>/rounds/current/swap": lambda w: {
        "attendees": [w.ids["gia"], w.ids["sam"]]
    },
    "POST /api/v1/events/<code>/rounds/current/extend": lambda w: {"minutes": 2},
    "PATCH /api/v1/me": lambda w: {"headline": "Now at Acme"},
    "POST /api/v1/me/known": lambda w: {"attendee_id": w.ids["sam"]},
    "POST /e/<code>/k/<meet>": lambda w: Form({}),
    "POST /r/<token>": lambda w: Form(JOIN | {"offers": "design", "seeks": "hiring"}),
    "POST /e/<code>/checkin": lambda w: Form({}),
    "POST /api/v1/warm": lambda w: {"to": w.ids["sam"], "via": w.ids["oz"]},
    "POST /api/v1/events/<code>/registrations": lambda w: Csv("Name,Email\nAna,ana@x.org\n"),
    INTRO + "outcome": lambda w: {"outcome": "referral"},
}
BEFORE: dict[str, Callable[[World], None]] = {
    "POST /api/v1/events/<code>/rounds/current/end": round_running,
    "POST /api/v1/events/<code>/rounds/current/undo": round_running,
    "POST /api/v1/events/<code>/rounds/current/swap": round_running,
    "POST /api/v1/events/<code>/rounds/current/pause": round_running,
    "POST /api/v1/events/<code>/rounds/current/resume": round_paused,
    "POST /api/v1/events/<code>/rounds/current/extend": round_running,
    "POST /api/v1/warm": oz_knows_both,
    WARM + "introduce": warm_asked,
    WARM + "decline": warm_asked,
    INTRO + "met": both_accepted,
    INTRO + "followed_up": both_accepted,
    INTRO + "outcome": met,
}


def gias_code(w: World) -> str:
    """Gia's "My code", for the page another phone opens with it."""
    answer = w.call(w.token("attendee"), "GET", "/api/v1/me/code")
    assert answer.status_code == 200
    return str(answer.json["code"])


def prepare(key: str, w: World) -> tuple[str, str, Any]:
    """Method, concrete path and body for a table key, after setting up what it needs."""
    BEFORE.get(key, lambda _w: None)(w)
    method, path = key.split(" ", 1)
    path = path.replace("<code>", w.code).replace("<int:intro_id>", str(w.intro_id))
    path = path.replace("<int:attendee_id>", str(w.ids["oz"])).replace("<lang>", "de")
    if "<meet>" in path:
        path = path.replace("<meet>", gias_code(w))
    path = path.replace("<int:request_id>", str(w.warm_id)).replace("<token>", w.link)
    return method, path, BODIES.get(key, lambda _w: None)(w)


def send(w: World, role: str, how: str, method: str, path: str, body: Any) -> TestResponse:
    """By bearer token on a cookie-less client, or by the role's own browser and its cookie."""
    token = w.visitors[role].token
    if how == "bearer":
        client = w.app.test_client()
        headers = {"Authorization": f"Bearer {token}"} if token else {}
    else:
        client = w.browser(role)
        # A browser names the page's origin on unsafe requests; Mixer's own is accepted.
        headers = {"Origin": "http://localhost"} if method != "GET" else {}
    if isinstance(body, Csv):
        return client.open(
            path, method=method, data=body.text, content_type="text/csv", headers=headers
        )
    if isinstance(body, Form):
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
        assert csrf is not None
        return client.post(path, data=body.data | {"csrf_token": csrf.group(1)})
    return client.open(path, method=method, json=body, headers=headers)


def fingerprint(w: World) -> list[Any]:
    """What a refused change must leave alone: the event, its people, numbers and pushes' seq."""
    paths = ("", "/attendees", "/stats", "/registrations")
    return [_still(w.organizer("GET", f"/api/v1/events/{w.code}{p}").json) for p in paths]


def _still(value: Any) -> Any:
    """The answer without a running round's `remaining` seconds: the clock ticks on its own
    between two reads on a slow machine, and that is no change anybody made."""
    if isinstance(value, dict):
        return {k: _still(v) for k, v in value.items() if k != "remaining"}
    if isinstance(value, list):
        return [_still(v) for v in value]
    return value


def cells() -> Iterator[Any]:
    """API routes by bearer token and by cookie; pages by cookie, as browsers open them."""
    for key, expected in HTTP.items():
        api = key.split(" ", 1)[1].startswith("/api/")
        for role in ROLES:
            for how in ("bearer", "cookie") if api else ("cookie",):
                want = expected[role]
                status = want if isinstance(want, int) else want[how == "cookie"]
                suffix = "-cookie" if api and how == "cookie" else ""
                yield pytest.param(key, role, how, status, id=f"{key}-{role}{suffix}")


@pytest.mark.parametrize(("key", "role", "how", "status"), list(cells()))
def test_http(world: World, key: str, role: str, how: str, status: int) -> None:
    method, path, body = prepare(key, world)
    before = fingerprint(world) if status >= 400 else None
    response = send(world, role, how, method, path, body)
    assert response.status_code == status, response.text[:300]
    if before is not None:
        assert fingerprint(world) == before  # refused means: nothing changed, nothing pushed


def table_keys(app: Flask) -> set[str]:
    """Every rule x method the app serves, `<any(a, b)>` spelled out as one key per choice."""
    keys = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(\w+)\([^)]*=[^)]*\):", r"<\1:", rule.rule)  # <int(min=1):id> -> <int:id>
        choice = re.search(r"<any\(([^)]*)\):\w+>", path)
        paths = [path]
        if choice:
            options = [o.strip() for o in choice.group(1).split(",")]
            paths = [path[: choice.start()] + o + path[choice.end() :] for o in options]
        methods = (rule.methods or set()) - {"HEAD", "OPTIONS"}
        keys |= {f"{m} {p}" for m in methods for p in paths}
    return keys


def test_every_route_has_its_row(world: World) -> None:
    """A new route fails here until someone decides, role by role, who may call it."""
    served = table_keys(world.app)
    assert sorted(served - set(HTTP)) == [], "routes without matrix rows"
    assert sorted(set(HTTP) - served) == [], "matrix rows for routes that are gone"


# Socket.IO: role -> how it connects -> the pushes of THIS event it hears (None: refused).
HEARS = {"announcement", "event"}
SOCKETS: dict[str, dict[str, set[str] | None]] = {
    "anonymous": {"token": None, "cookie": None},
    "attendee": {"token": HEARS | {"introduction"}, "cookie": HEARS | {"introduction"}},
    "attendee_not_party": {"token": HEARS, "cookie": HEARS},
    "attendee_other": {"token": set(), "cookie": None},  # its own event's rooms, not ours
    "organizer": {"token": HEARS | {"stats"}, "cookie": HEARS | {"stats"}},
    "organizer_other": {"token": set(), "cookie": None},
    "removed": {"token": None, "cookie": None},
    "forgotten": {"token": None, "cookie": None},
}


def connect(w: World, role: str, how: str) -> SocketIOTestClient:
    """Asking for THIS event's rooms: a credential of another event must not get them."""
    if how == "token":
        return socketio.test_client(w.app, auth={"token": w.token(role), "event": w.code})
    organizer = role.startswith("organizer")
    auth = {"role": "organizer", "event": w.code} if organizer else {"event": w.code}
    return socketio.test_client(w.app, flask_test_client=w.browser(role), auth=auth)


def stir(w: World) -> None:
    """One of each push in this event: announcement, event, stats, and an introduction
    for Gia (Nia joins and matches her) that Oz, beside them, must not hear."""
    said = w.organizer("POST", f"/api/v1/events/{w.code}/announcements", {"message": "Hi"})
    assert said.status_code == 201
    assert w.organizer("PATCH", f"/api/v1/events/{w.code}", {"name": "Renamed"}).status_code == 200
    joined = w.app.test_client().post(f"/api/v1/events/{w.code}/attendees", json=JOIN)
    assert joined.status_code == 201


@pytest.mark.parametrize("how", ["token", "cookie"])
@pytest.mark.parametrize("role", ROLES)
def test_socket(world: World, role: str, how: str) -> None:
    expected = SOCKETS[role][how]
    sock = connect(world, role, how)
    assert sock.is_connected() == (expected is not None)
    if expected is None:
        return
    sock.get_received()  # nothing is owed on connect; start counting from here
    stir(world)
    heard = sock.get_received()
    sock.disconnect()
    assert {m["name"] for m in heard} == expected
    for message in heard:
        if message["name"] == "introduction":
            assert message["args"][0]["other"]["name"] == JOIN["name"]  # Gia's own, only


def test_the_only_incoming_socket_event_is_connect(world: World) -> None:
    """Every action goes through HTTP (and this matrix); a new handler needs its cells here."""
    assert set(socketio.server.handlers["/"]) == {"connect"}


def test_a_phone_cannot_push_through_its_socket(world: World) -> None:
    gia, oz = connect(world, "attendee", "token"), connect(world, "attendee_not_party", "token")
    oz.get_received()
    before = fingerprint(world)
    for name in ("announcement", "introduction", "event", "stats", "round"):
        gia.emit(name, {"message": "spam", "seq": 10**6})
    assert oz.get_received() == []
    assert fingerprint(world) == before
    gia.disconnect()
    oz.disconnect()


@pytest.mark.parametrize("role", ["removed", "forgotten"])
def test_an_open_socket_is_closed_once_removed_or_forgotten(world: World, role: str) -> None:
    """Removal and forgetting take effect at once, on a phone that is already connected too
    (it would otherwise keep hearing the room's announcements); others stay connected."""
    oz, gia = connect(world, "attendee_not_party", "token"), connect(world, "attendee", "token")
    if role == "removed":
        path = f"/api/v1/events/{world.code}/attendees/{world.ids['oz']}"
        assert world.organizer("DELETE", path).status_code == 204
    else:
        assert (
            world.call(world.token("attendee_not_party"), "DELETE", "/api/v1/me").status_code == 204
        )
    assert not oz.is_connected()
    assert gia.is_connected()
    gia.disconnect()


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("anonymous", "/api/v1/events/{code}"),
        ("anonymous", "/e/{code}"),
        ("attendee_other", "/e/{code}"),
        ("attendee_other", "/api/v1/me/people"),  # their own event's people only
        ("attendee_other", "/api/v1/me"),
        ("organizer", "/console/{code}/screen"),  # projected on the wall
        ("organizer", "/console/{code}/poster"),  # printed on the door
        ("organizer", "/console/{code}/impact"),  # counts only, printed for sponsors
    ],
)
def test_what_others_see_carries_no_personal_data_of_this_event(
    world: World, role: str, path: str
) -> None:
    response = world.browser(role).get(path.format(code=world.code))
    assert response.status_code == 200
    assert [n for n in NAMES if n in response.text] == []


def test_each_attendee_sees_only_their_own_introductions(world: World) -> None:
    """Contact appears only after both accept and the other shares:
    test_api_introductions.py::test_both_accept_then_contact_appears_and_spot_is_given."""
    gia = world.call(world.token("attendee"), "GET", "/api/v1/me").json["introductions"]
    oz = world.call(world.token("attendee_not_party"), "GET", "/api/v1/me")
    assert [(i["other"]["name"], i["contact"]) for i in gia] == [(NAMES[1], None)]
    assert oz.json["introductions"] == []


def test_ids_of_this_event_grant_nothing_through_another(world: World) -> None:
    """An organizer of another event names Oz's id under their own event's code."""
    path = f"/api/v1/events/{world.other_code}/attendees/{world.ids['oz']}"
    assert world.call(world.token("organizer_other"), "DELETE", path).status_code == 404
    listed = world.organizer("GET", f"/api/v1/events/{world.code}/attendees").json["attendees"]
    assert world.ids["oz"] in [a["id"] for a in listed]


def test_a_replaced_organizer_token_is_refused_everywhere(world: World) -> None:
    rotate = f"/api/v1/events/{world.code}/organizer-token"
    new = world.organizer("POST", rotate).json["organizer_token"]
    patch = f"/api/v1/events/{world.code}"
    assert world.organizer("PATCH", patch, {"name": "Old link"}).status_code == 403
    old_cookie = world.browser("organizer").patch(
        patch, json={"name": "Old cookie"}, headers={"Origin": "http://localhost"}
    )
    assert old_cookie.status_code == 403
    assert world.browser("organizer").get(f"/console/{world.code}").status_code == 403
    assert not connect(world, "organizer", "token").is_connected()
    assert world.call(new, "PATCH", patch, {"name": "New link"}).status_code == 200
