"""The event and what belongs to the whole room: its rounds, announcements, console hand-over."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...infra.extensions import db

if TYPE_CHECKING:
    from .attendee import Attendee

EVENT_STATUSES = ("open", "paused", "closed")
MODES = ("continuous", "rounds", "both")
INTENTS = ("give", "seek", "both")
PRESENCES = ("here", "busy", "left")
OPEN_STATUSES = ("suggested", "accepted")
INTRO_STATUSES = ("suggested", "accepted", "met", "declined", "expired")
WARM_STATUSES = ("asked", "introduced", "declined", "ended")


def utcnow() -> datetime:
    """Naive UTC: SQLite drops offsets, so every stored time is naive UTC everywhere."""
    return datetime.now(UTC).replace(tzinfo=None)


class Event(db.Model):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    venue: Mapped[str] = mapped_column(String(120), default="")
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(10), default="open")
    mode: Mapped[str] = mapped_column(String(12), default="continuous")
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The organizer's word on the room's topics: typed text -> the topic it means.
    topic_aliases: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    giver_capacity: Mapped[int] = mapped_column(default=3)
    meeting_spots: Mapped[list[str]] = mapped_column(JSON, default=list)
    organizer_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Bumped by every change in the event; pushes carry it so phones can tell stale from new.
    seq: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    # When `mixer purge` erased its attendees' personal data, past the retention period.
    purged_at: Mapped[datetime | None]
    # Hash of the create form's one-time nonce: the same form sent again finds this event.
    create_nonce_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    # Optional word shown at the venue (projector, poster), never in the QR's link: a join
    # without it is refused, so a link passed around outside the room lets nobody in.
    door_code: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # The room's default language (poster, projector screen, exports' headers) and where it
    # takes place: people's phones follow their own language, times are shown in this zone.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")

    attendees: Mapped[list[Attendee]] = relationship(back_populates="event")


class Round(db.Model):
    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    number: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ends_at: Mapped[datetime]  # while paused: when it would end, as of the pause
    paused_at: Mapped[datetime | None]  # the timer is stopped since then (None: running)

    def remaining(self, now: datetime) -> int:
        """Whole seconds left on the timer: frozen while paused, never negative."""
        left = self.ends_at - (self.paused_at or now)
        return max(0, math.ceil(left.total_seconds()))


class Announcement(db.Model):
    """Kept so a phone that was asleep still sees the latest one when it resyncs."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    message: Mapped[str] = mapped_column(String(280))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Handover(db.Model):
    """A new event's console link, kept for one showing on its ready page, for minutes.

    Keyed by the hash of a key that only the ready page's address holds, and the token is
    sealed with that key: the row alone gives nothing, and showing it deletes it.
    """

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    sealed: Mapped[str] = mapped_column(String(200))  # the organizer token, sealed with the key
    expires_at: Mapped[datetime] = mapped_column(index=True)
