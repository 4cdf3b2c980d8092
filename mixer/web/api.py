"""The JSON API under /api/v1: parse, call one service, serialise."""

from __future__ import annotations

import json
from typing import TypeVar

from flask import Blueprint, Response, jsonify, request
from pydantic import BaseModel

from ..domain.topic_rules import MAX_TAG
from ..services import (
    announcements,
    attendees,
    events,
    introductions,
    live_stats,
    rebalancing,
    round_controls,
    rounds,
    topics,
)
from ..shapes.event import AnnouncementOut
from ..shapes.fields import MAX_ID
from ..shapes.inputs import (
    AnnouncementIn,
    EventCreate,
    EventPatch,
    ExtendIn,
    JoinIn,
    KnownIn,
    MePatch,
    RemoveIn,
    RoundIn,
    SwapIn,
)
from ..shapes.people import Person
from ..shapes.presenters import (
    absolute,
    attendee_detail,
    attendee_row,
    event_out,
    introduction_out,
    me_out,
    removed_row,
    round_info,
    utc,
)
from ..shapes.stats import RebalanceOut
from . import auth, limits, openapi
from .envelopes import (
    AnnouncementEnvelope,
    AnswerEnvelope,
    AttendeeEnvelope,
    AttendeeList,
    AttendeeRowEnvelope,
    EventCreated,
    EventEnvelope,
    JoinOut,
    KnownOut,
    MeEnvelope,
    MeOut,
    OrganizerTokenOut,
    PeopleOut,
    RebalanceEnvelope,
    RemovedList,
    RoundEnvelope,
    StatsOut,
    TopicsOut,
)
from .errors import ApiError

bp = Blueprint("api", __name__, url_prefix="/api/v1")
ID = f"int(min=1, max={MAX_ID})"  # a larger id names nobody: 404 without asking the database
M = TypeVar("M", bound=BaseModel)


# No body the API takes nests deeper than an object of lists; a little room for mistakes that
# deserve a field error (a list inside a tag list) rather than this refusal.
MAX_NESTING = 8
TOO_DEEP = f"The body nests lists or objects too deeply: at most {MAX_NESTING} levels."


def nesting(data: object) -> int:
    """How deep lists and objects nest in `data`, counted without recursion (no stack to blow)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_NESTING:
                break
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    return deepest


def parse(model: type[M]) -> M:
    """The body as `model`; malformed JSON is 400, wrong fields 422 (via the error handler)."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        data: object = {}
    else:
        if not request.is_json:
            raise ApiError(
                415, "unsupported_media_type", "Send JSON with Content-Type: application/json."
            )
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiError(400, "bad_json", f"The body is not valid JSON: {exc}.") from exc
        except RecursionError as exc:  # nested past the interpreter's stack: never a 500
            raise ApiError(400, "bad_json", TOO_DEEP) from exc
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "The body must be a JSON object.")
    if nesting(data) > MAX_NESTING:
        raise ApiError(400, "bad_json", TOO_DEEP)
    # Strict: JSON types as documented, so "3" is no number, 0 no "false", 0 no time. (The
    # HTML forms send text and are validated leniently in pages.py.)
    return model.model_validate_json(raw if raw.strip() else b"{}", strict=True)


def reply(model: BaseModel, status: int = 200) -> tuple[Response, int]:
    return jsonify(model.model_dump(mode="json")), status


@bp.get("/openapi.json")
def openapi_document() -> Response:
    """The machine-readable contract, generated from the same models that validate input."""
    return jsonify(openapi.document())


@bp.post("/events")
@limits.create
def create_event() -> tuple[Response, int]:
    """Create an event; the organizer token is in this answer only."""
    auth.require_create_key(request.headers.get(auth.CREATE_KEY_HEADER))
    event, token = events.create_event(parse(EventCreate))
    if token is None:
        raise ApiError(409, "already_created", events.already_created(event))
    auth.remember(auth.ORGANIZERS, event.code, token)
    console = absolute("console.console", code=event.code, token=token)
    return reply(
        EventCreated(
            event=event_out(event, organizer=True), organizer_token=token, console_url=console
        ),
        201,
    )


@bp.get("/events/<code>")
def get_event(code: str) -> tuple[Response, int]:
    """Public view of an event: no personal data (its organizer also sees the door code)."""
    event = events.get_event(code)
    return reply(EventEnvelope(event=event_out(event, organizer=auth.is_organizer(code))))


@bp.patch("/events/<code>")
@limits.actions
def update_event(code: str) -> tuple[Response, int]:
    """Organizer: change settings or status."""
    auth.current_organizer(code)
    event = events.update_event(code, parse(EventPatch))
    return reply(EventEnvelope(event=event_out(event, organizer=True)))


@bp.post("/events/<code>/organizer-token")
@limits.actions
def replace_organizer_token(code: str) -> tuple[Response, int]:
    """Organizer: a new console link; the old one and its cookies stop working at once."""
    event = auth.current_organizer(code)
    token = events.replace_organizer_token(code, event.organizer_token_hash)
    auth.remember(auth.ORGANIZERS, code, token)  # this browser stays signed in
    console = absolute("console.console", code=code, token=token)
    return reply(OrganizerTokenOut(organizer_token=token, console_url=console))


@bp.get("/events/<code>/stats")
def event_stats(code: str) -> tuple[Response, int]:
    """Organizer: the console's numbers."""
    stats, seq = live_stats.current(auth.current_organizer(code))
    return reply(StatsOut(**stats.model_dump(), seq=seq))


@bp.get("/events/<code>/topics")
def event_topics(code: str) -> tuple[Response, int]:
    """Attendees and organizer: canonical topics for a typeahead, the room's first (counts only)."""
    event, asking = auth.current_member(code)
    side = request.args.get("side", "seeks")
    if side not in ("offers", "seeks"):
        raise ApiError(422, "invalid", "side is offers or seeks.", {"side": "offers or seeks"})
    text = request.args.get("q", "")[:MAX_TAG]
    found = topics.typeahead_for(event, text, side, asking.id if asking else None)
    return reply(TopicsOut(topics=found))


@bp.get("/events/<code>/attendees")
def list_attendees(code: str) -> tuple[Response, int]:
    """Organizer: everyone in the room; contact fields only where shared."""
    event = auth.current_organizer(code)
    listed = attendees.list_attendees(event)
    rows = [attendee_row(p, n, flags) for p, n, flags in listed.people]
    return reply(AttendeeList(attendees=rows, removed=[removed_row(p) for p in listed.removed]))


# One rule for both methods: werkzeug checks an id's range after the method, so with two
# rules an id past MAX_ID would be 405 for one method instead of 404 for both.
@bp.route(f"/events/<code>/attendees/<{ID}:attendee_id>", methods=["GET", "DELETE"])
@limits.actions
def attendee(code: str, attendee_id: int) -> tuple[Response | str, int]:
    """Organizer: open one person (topics as typed and read, what they wait for), or remove
    them (their open introductions end)."""
    event = auth.current_organizer(code)
    if request.method == "DELETE":
        attendees.remove_attendee(code, attendee_id)
        return "", 204
    return reply(AttendeeEnvelope(attendee=attendee_detail(*attendees.details(event, attendee_id))))


@bp.post("/events/<code>/attendees/remove")
@limits.actions
def remove_attendees(code: str) -> tuple[Response, int]:
    """Organizer: remove a selection of people at once (one transaction)."""
    auth.current_organizer(code)
    gone = attendees.remove_attendees(code, parse(RemoveIn).ids)
    return reply(RemovedList(removed=[removed_row(p) for p in gone]))


@bp.post(f"/events/<code>/attendees/<{ID}:attendee_id>/restore")
@limits.actions
def restore_attendee(code: str, attendee_id: int) -> tuple[Response, int]:
    """Organizer: undo a removal; the person's phone works again."""
    auth.current_organizer(code)
    person, open_count = attendees.restore_attendee(code, attendee_id)
    return reply(AttendeeRowEnvelope(attendee=attendee_row(person, open_count)))


@bp.post("/events/<code>/announcements")
@limits.announcements
def announce(code: str) -> tuple[Response, int]:
    """Organizer: push a message to every attendee."""
    auth.current_organizer(code)
    row = announcements.announce(code, parse(AnnouncementIn).message)
    out = AnnouncementOut(message=row.message, at=utc(row.created_at))
    return reply(AnnouncementEnvelope(announcement=out), 201)


@bp.post("/events/<code>/rounds")
@limits.actions
def start_round(code: str) -> tuple[Response, int]:
    """Organizer: pair everyone present for a timed round."""
    auth.current_organizer(code)
    round_, groups = rounds.start_round(code, parse(RoundIn).minutes)
    return reply(RoundEnvelope(round=round_info(round_, groups)), 201)


@bp.post("/events/<code>/rebalance")
@limits.actions
def rebalance(code: str) -> tuple[Response, int]:
    """Organizer: re-choose the unanswered suggestions of the whole room now."""
    auth.current_organizer(code)
    done = rebalancing.rebalance_now(code)
    body = RebalanceOut(
        withdrawn=done.withdrawn,
        made=done.made,
        seekers_served_before=done.seekers_before,
        seekers_served_after=done.seekers_after,
    )
    return reply(RebalanceEnvelope(rebalance=body))


@bp.post("/events/<code>/rounds/current/end")
@limits.actions
def end_round(code: str) -> tuple[Response, int]:
    """Organizer: stop the running round's timer now."""
    auth.current_organizer(code)
    round_, groups = rounds.end_round(code)
    return reply(RoundEnvelope(round=round_info(round_, groups)))


@bp.post("/events/<code>/rounds/current/undo")
@limits.actions
def undo_round(code: str) -> tuple[Response, int]:
    """Organizer: withdraw the round just started, as if it never was."""
    auth.current_organizer(code)
    return reply(RoundEnvelope(round=round_info(round_controls.undo_round(code), 0)))


@bp.post("/events/<code>/rounds/current/swap")
@limits.actions
def swap_round(code: str) -> tuple[Response, int]:
    """Organizer: two people of the running round trade partners and places."""
    auth.current_organizer(code)
    first, second = parse(SwapIn).attendees
    return reply(
        RoundEnvelope(round=round_info(*round_controls.swap_partners(code, first, second)))
    )


@bp.post("/events/<code>/rounds/current/pause")
@limits.actions
def pause_round(code: str) -> tuple[Response, int]:
    """Organizer: stop the running round's timer where it is."""
    auth.current_organizer(code)
    return reply(RoundEnvelope(round=round_info(*round_controls.pause_round(code))))


@bp.post("/events/<code>/rounds/current/resume")
@limits.actions
def resume_round(code: str) -> tuple[Response, int]:
    """Organizer: start the paused round's timer again."""
    auth.current_organizer(code)
    return reply(RoundEnvelope(round=round_info(*round_controls.resume_round(code))))


@bp.post("/events/<code>/rounds/current/extend")
@limits.actions
def extend_round(code: str) -> tuple[Response, int]:
    """Organizer: add minutes (default 2) to the running round's timer."""
    auth.current_organizer(code)
    minutes = parse(ExtendIn).minutes
    return reply(RoundEnvelope(round=round_info(*round_controls.extend_round(code, minutes))))


@bp.post("/events/<code>/attendees")
@limits.join_by_address
@limits.join_by_event
def join(code: str) -> tuple[Response, int]:
    """Join an event; the token is in this answer only, and a cookie keeps the phone signed in.

    The same join sent again (same nonce, within minutes) gets this same answer again: 201,
    the same person and token, and nothing new is made.
    """
    data = parse(JoinIn)
    person, token = attendees.join(code, data, auth.held_attendee_hash(code), limits.join_address())
    auth.remember(auth.ATTENDEES, code, token)
    read, why = attendees.about(person)
    return reply(JoinOut(attendee=me_out(person, [], read, why), token=token), 201)


@bp.get("/me")
def me() -> tuple[Response, int]:
    """The attendee's whole state, with the seq to resync from."""
    snap = attendees.snapshot(auth.current_attendee())
    return reply(
        MeOut(
            attendee=me_out(snap.attendee, snap.known, snap.understood, snap.waiting),
            event=event_out(snap.attendee.event),
            introductions=[introduction_out(i, snap.attendee.id) for i in snap.introductions],
            announcements=[
                AnnouncementOut(message=a.message, at=utc(a.created_at)) for a in snap.announcements
            ],
            seq=snap.seq,
            round=round_info(*snap.round) if snap.round else None,
        )
    )


@bp.patch("/me")
@limits.actions
def update_me() -> tuple[Response, int]:
    """Change profile, intent, topics, capacity or presence."""
    person = attendees.update_me(auth.current_attendee(), parse(MePatch))
    snap = attendees.snapshot(person)
    return reply(MeEnvelope(attendee=me_out(person, snap.known, snap.understood, snap.waiting)))


@bp.delete("/me")
@limits.actions
def forget_me() -> tuple[str, int]:
    """Forget me: erase profile and contact data, end open introductions."""
    person = auth.current_attendee()
    code = person.event.code
    attendees.forget_me(person)
    auth.let_go(auth.ATTENDEES, code)
    return "", 204


@bp.post("/me/known")
@limits.actions
def mark_known() -> tuple[Response, int]:
    """Mark someone as already known: never introduced."""
    person = auth.current_attendee()
    return reply(KnownOut(known=attendees.mark_known(person, parse(KnownIn).attendee_id)))


@bp.get("/me/people")
def people() -> tuple[Response, int]:
    """Others at my event (optionally matching ?q=), the ones I know first."""
    found, known = attendees.people(auth.current_attendee(), request.args.get("q", "")[:80])
    rows = [
        Person(id=p.id, name=p.name, headline=p.headline, intent=p.intent, known=p.id in known)
        for p in found
    ]
    return reply(PeopleOut(people=rows))


@bp.post(f"/introductions/<{ID}:intro_id>/<any(accept, decline, met, followed_up):action>")
@limits.actions
def respond(intro_id: int, action: str) -> tuple[Response, int]:
    """Accept, decline, mark met, or (after the event) mark followed up."""
    person = auth.current_attendee()
    intro, seq = introductions.respond(person, intro_id, action)
    return reply(AnswerEnvelope(introduction=introduction_out(intro, person.id), seq=seq))
