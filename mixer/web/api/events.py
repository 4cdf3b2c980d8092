"""The event itself: create it, read it, change it, and the organizer's controls of the
whole room (a new console link, live numbers, topics, announcements, a re-balance)."""

from __future__ import annotations

from flask import Response, request
from flask_babel import gettext

from ...domain.topic_rules import MAX_TAG
from ...infra.links import absolute
from ...services import announcements, events, live_stats, rebalancing, topics
from ...shapes.event import AnnouncementOut
from ...shapes.inputs import AnnouncementIn, EventCreate, EventPatch
from ...shapes.presenters import event_out, utc
from ...shapes.stats import RebalanceOut
from .. import auth, limits
from ..envelopes import (
    AnnouncementEnvelope,
    EventCreated,
    EventEnvelope,
    OrganizerTokenOut,
    RebalanceEnvelope,
    StatsOut,
    TopicsOut,
)
from ..errors import ApiError
from .blueprint import bp, parse, reply


def signed_in_console(code: str, token: str) -> str:
    """Keep this browser signed in as the event's organizer; the console link, which
    carries the new token this once."""
    auth.remember(auth.ORGANIZERS, code, token)
    return absolute("console.console", code=code, token=token)


@bp.post("/events")
@limits.create
def create_event() -> tuple[Response, int]:
    """Create an event; the organizer token is in this answer only."""
    auth.require_create_key(request.headers.get(auth.CREATE_KEY_HEADER))
    event, token = events.create_event(parse(EventCreate))
    if token is None:
        raise ApiError(409, "already_created", events.already_created(event))
    console = signed_in_console(event.code, token)
    shown = event_out(event, organizer=True)
    return reply(EventCreated(event=shown, organizer_token=token, console_url=console), 201)


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
    console = signed_in_console(code, token)  # this browser stays signed in
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
        raise ApiError(
            422,
            "invalid",
            gettext("side is offers or seeks."),
            {"side": gettext("offers or seeks")},
        )
    text = request.args.get("q", "")[:MAX_TAG]
    found = topics.typeahead_for(event, text, side, asking.id if asking else None)
    return reply(TopicsOut(topics=found))


@bp.post("/events/<code>/announcements")
@limits.announcements
def announce(code: str) -> tuple[Response, int]:
    """Organizer: push a message to every attendee."""
    auth.current_organizer(code)
    row = announcements.announce(code, parse(AnnouncementIn).message)
    out = AnnouncementOut(message=row.message, at=utc(row.created_at))
    return reply(AnnouncementEnvelope(announcement=out), 201)


@bp.post("/events/<code>/rebalance")
@limits.actions
def rebalance(code: str) -> tuple[Response, int]:
    """Organizer: re-choose the unanswered suggestions of the whole room now."""
    auth.current_organizer(code)
    return reply(RebalanceEnvelope(rebalance=rebalance_out(rebalancing.rebalance_now(code))))


def rebalance_out(done: rebalancing.Outcome) -> RebalanceOut:
    """What the re-balance changed, in the API's words."""
    return RebalanceOut(
        withdrawn=done.withdrawn,
        made=done.made,
        seekers_served_before=done.seekers_before,
        seekers_served_after=done.seekers_after,
    )
