"""Who already knows whom, the codes phones show to say so, and introductions asked of them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...infra.extensions import db
from .event import utcnow

if TYPE_CHECKING:
    from .attendee import Attendee


class Known(db.Model):
    """Someone an attendee already knows: shown first, never introduced."""

    __tablename__ = "known"
    __table_args__ = (UniqueConstraint("attendee_id", "known_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"))
    known_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"), index=True)
    # This side agrees to swap contact details with the other (each side's own yes, as for
    # an introduction): both yes and both sharing, and each has the other's contact.
    swap_contact: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MeetCode(db.Model):
    """A phone's "My code": another attendee of the event opens its link to say "we know
    each other". One use, minutes long, so a screenshot posted online opens nothing."""

    __tablename__ = "meet_codes"
    __table_args__ = (UniqueConstraint("event_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"), index=True)
    code: Mapped[str] = mapped_column(String(12))  # short, to type: no 0/O or 1/I/L
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("attendees.id"))
    used_at: Mapped[datetime | None]


class WarmRequest(db.Model):
    """One attendee asks someone both know to introduce them to a third: a warm introduction."""

    __tablename__ = "warm_requests"
    # The same broker is never asked twice for the same pair (either way round: services).
    __table_args__ = (UniqueConstraint("event_id", "broker_id", "asker_id", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    asker_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"), index=True)
    broker_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="asked")
    note: Mapped[str] = mapped_column(String(200), default="")  # the asker's line to the broker
    broker_note: Mapped[str] = mapped_column(String(200), default="")  # the broker's line to both
    asker_gets: Mapped[list[str]] = mapped_column(JSON, default=list)  # what target offers asker
    target_gets: Mapped[list[str]] = mapped_column(JSON, default=list)
    one_way: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]  # introduced, declined or ended
    # Made once both have a free place (at once, or later: "waits for a free place").
    introduction_id: Mapped[int | None] = mapped_column(ForeignKey("introductions.id"))

    asker: Mapped[Attendee] = relationship(foreign_keys=[asker_id])
    target: Mapped[Attendee] = relationship(foreign_keys=[target_id])
    broker: Mapped[Attendee] = relationship(foreign_keys=[broker_id])
