"""Creating and running an event (organizer side)."""

from __future__ import annotations

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..domain.errors import Forbidden, not_found
from ..domain.models import Event, Round, utcnow
from ..domain.tokens import hash_token, new_event_code, new_token
from ..infra.extensions import db
from ..shapes.inputs import EventCreate, EventPatch
from . import handovers, pushes, rebalancing
from .introductions import end_unanswered
from .locking import begin_write, lock_event, require_not_closed
from .matchmaking import matching_enabled, settle
from .publishing import finish
from .queries import current_round, group_count
from .warm_life import end_all


def create_event(data: EventCreate, hand_over: str | None = None) -> tuple[Event, str | None]:
    """A new open event; the organizer token is returned once and stored only hashed.

    A form sent again (its nonce already used) makes nothing new: the event it made is
    returned with no token, which was given once, to the first answer. With `hand_over` (a
    key), the console link is also kept for one showing on the ready page.
    """
    begin_write()
    nonce_hash = hash_token(data.nonce) if data.nonce else None
    made = _made_with(nonce_hash)
    if made is not None:
        db.session.commit()
        return made, None
    token = new_token()
    event = Event(
        code=new_event_code(),
        organizer_token_hash=hash_token(token),
        create_nonce_hash=nonce_hash,
        **data.model_dump(exclude={"nonce"}),
    )
    try:
        db.session.add(event)
        if hand_over:
            handovers.keep(event, token, hand_over)
        db.session.commit()
    except IntegrityError:  # the same form, sent at the same instant, won on another worker
        db.session.rollback()
        made = _made_with(nonce_hash)
        if made is None:
            raise
        return made, None
    return event, token


def already_created(event: Event) -> str:
    """What to tell someone who sent the same create form again."""
    return gettext(
        "This form was already sent: it created %(name)s (code %(code)s). Its"
        " organizer link was in the first answer only.",
        name=event.name,
        code=event.code,
    )


def _made_with(nonce_hash: str | None) -> Event | None:
    if nonce_hash is None:
        return None
    return db.session.scalars(select(Event).where(Event.create_nonce_hash == nonce_hash)).first()


def replace_organizer_token(code: str, presented_hash: str) -> str:
    """A new organizer token, stored only hashed; the old one stops working at once.

    `presented_hash` is the credential the request was let in with: checked again under the
    lock, so of two replacements made with the same old link only the first succeeds (the
    second would hand out a token that is already dead). Open consoles are told and leave
    the organizer room; only a browser holding the new token gets back in.
    """
    event = lock_event(code)
    if event.organizer_token_hash != presented_hash:
        db.session.rollback()
        raise Forbidden(
            "forbidden", gettext("That organizer link was just replaced by a newer one.")
        )
    token = new_token()
    event.organizer_token_hash = hash_token(token)
    outbox = pushes.Outbox(event)
    outbox.organizer_link_replaced()
    finish(event, outbox, numbers=False)
    pushes.organizers_out(code)
    return token


def get_event(code: str) -> Event:
    """The event for reading, or a 404 that says so."""
    event = db.session.scalars(select(Event).where(Event.code == code)).first()
    if event is None:
        raise not_found()
    return event


def update_event(code: str, patch: EventPatch) -> Event:
    """Change settings or status.

    Resuming (or switching to continuous mode) matches the whole room, and so does a
    change to the room's topics or aliases (people's words may now meet): after the
    change is committed, solved away from the server's loop and applied in short steps
    (`rebalancing.match_room`), so other requests go on meanwhile. Closing ends the
    suggestions and warm requests nobody has answered, so no phone is left waiting on one.
    """
    event = lock_event(code)
    was_matching = matching_enabled(event)
    changes = patch.model_dump(exclude_unset=True, exclude_none=True)
    if set(changes) - {"status"}:
        require_not_closed(event, "changes to its settings")
    for name, value in changes.items():
        setattr(event, name, value)
    ended = []
    ended_warm = []
    ended_round = None
    if changes.get("status") == "closed" and event.closed_at is None:
        event.closed_at = utcnow()
        ended = end_unanswered(event)
        ended_warm = end_all(event)
        ended_round = _end_round(event)
    elif changes.get("status") in ("open", "paused"):
        event.closed_at = None
    reread = {"topics", "topic_aliases"} & set(changes)
    whole_room = matching_enabled(event) and bool(reread or not was_matching)
    outbox = settle(event, set(), ended, event_changed=True)
    if ended_round is not None:
        outbox.round(*ended_round)
    outbox.warm(ended_warm)
    finish(event, outbox)
    if whole_room:
        rebalancing.match_room(code)
    return event


def _end_round(event: Event) -> tuple[Round, int] | None:
    """Closing ends a running round too: its timer stops (the round and its group count,
    for every screen to be told)."""
    running = current_round(event)
    if running is None:
        return None
    running.ends_at = event.closed_at or utcnow()
    running.paused_at = None
    return running, group_count(running)


def language_of(code: str) -> tuple[str, str] | None:
    """The event's default language and time zone, or None for no such event: one small
    read, for choosing a page's language before its view runs (an error page included: a
    code no event could have, a NUL in it say, is not looked up)."""
    if not (code.isascii() and code.isprintable()) or len(code) > 32:
        return None
    row = db.session.execute(
        select(Event.language, Event.time_zone).where(Event.code == code)
    ).first()
    return None if row is None else (row.language, row.time_zone)
