"""Creating and running an event (organizer side)."""

from __future__ import annotations

from sqlalchemy import select

from ..errors import not_found
from ..extensions import db
from ..models import Event, utcnow
from ..schemas import EventCreate, EventPatch
from ..tokens import hash_token, new_event_code, new_token
from .locking import lock_event
from .matchmaking import settle


def create_event(data: EventCreate) -> tuple[Event, str]:
    """A new open event; the organizer token is returned once and stored only hashed."""
    token = new_token()
    event = Event(
        code=new_event_code(),
        organizer_token_hash=hash_token(token),
        **data.model_dump(),
    )
    db.session.add(event)
    db.session.commit()
    return event, token


def get_event(code: str) -> Event:
    event = db.session.scalars(select(Event).where(Event.code == code)).first()
    if event is None:
        raise not_found()
    return event


def update_event(code: str, patch: EventPatch) -> Event:
    """Change settings or status; resuming or switching to continuous matches the room."""
    event = lock_event(code)
    was_matching = event.status == "open" and event.mode != "rounds"
    changes = patch.model_dump(exclude_unset=True, exclude_none=True)
    for name, value in changes.items():
        setattr(event, name, value)
    if changes.get("status") == "closed" and event.closed_at is None:
        event.closed_at = utcnow()
    elif changes.get("status") in ("open", "paused"):
        event.closed_at = None
    now_matching = event.status == "open" and event.mode != "rounds"
    settle(event, None if now_matching and not was_matching else set(), event_changed=True)
    return event
