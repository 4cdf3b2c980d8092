"""An introduction between two people of one event, from suggestion to after the event."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...infra.extensions import db
from .event import OPEN_STATUSES, utcnow

# What came of an introduction, as each side tells it after the event (never shown to the other).
OUTCOMES = ("referral", "interview", "offer", "advice", "nothing")

if TYPE_CHECKING:
    from .attendee import Attendee
    from .event import Event, Round


class Introduction(db.Model):
    __tablename__ = "introductions"
    # One row per pair, ever: the database itself refuses a pair suggested twice.
    __table_args__ = (
        UniqueConstraint("event_id", "a_id", "b_id"),
        # Suggestions due to expire (and any lookup by status), without a scan.
        Index("ix_introductions_event_status_due", "event_id", "status", "expires_at"),
        # Every column of the introductions' fingerprint, read from the index alone.
        Index("ix_introductions_room", "event_id", "id", "status", "a_id", "b_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    a_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"), index=True)  # smaller id
    b_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="suggested")
    a_accepted: Mapped[bool] = mapped_column(default=False)
    b_accepted: Mapped[bool] = mapped_column(default=False)
    score: Mapped[float] = mapped_column(default=0.0)
    a_gets: Mapped[list[str]] = mapped_column(JSON, default=list)  # what b offers that a seeks
    b_gets: Mapped[list[str]] = mapped_column(JSON, default=list)
    one_way: Mapped[bool] = mapped_column(default=False)
    spot: Mapped[str | None] = mapped_column(String(60))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id"))
    # Kept private: the other side only ever sees "not this time".
    declined_by: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    met_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # After the event, per side: followed up with the other, and the one reminder sent.
    a_followed_up: Mapped[bool] = mapped_column(default=False)
    b_followed_up: Mapped[bool] = mapped_column(default=False)
    a_reminded_at: Mapped[datetime | None]
    b_reminded_at: Mapped[datetime | None]
    # What came of it, per side (one of OUTCOMES), told after the event; changeable.
    a_outcome: Mapped[str | None] = mapped_column(String(10))
    b_outcome: Mapped[str | None] = mapped_column(String(10))

    # A warm introduction: made by someone both know, with their line to both.
    via_id: Mapped[int | None] = mapped_column(ForeignKey("attendees.id"))
    via_note: Mapped[str] = mapped_column(String(200), default="", server_default="")

    event: Mapped[Event] = relationship()
    a: Mapped[Attendee] = relationship(foreign_keys=[a_id])
    b: Mapped[Attendee] = relationship(foreign_keys=[b_id])
    round: Mapped[Round | None] = relationship()
    via: Mapped[Attendee | None] = relationship(foreign_keys=[via_id])

    @property
    def is_open(self) -> bool:
        """Open introductions hold capacity on both sides."""
        return self.status in OPEN_STATUSES

    def side(self, attendee_id: int) -> str:
        """'a' or 'b' for one of the two attendees."""
        if attendee_id == self.a_id:
            return "a"
        if attendee_id == self.b_id:
            return "b"
        raise ValueError("not part of this introduction")

    def other_id(self, attendee_id: int) -> int:
        return self.b_id if self.side(attendee_id) == "a" else self.a_id

    def followed_up_by(self, attendee_id: int) -> bool:
        return bool(getattr(self, f"{self.side(attendee_id)}_followed_up"))

    def reminded(self, attendee_id: int) -> bool:
        return getattr(self, f"{self.side(attendee_id)}_reminded_at") is not None

    def outcome_of(self, attendee_id: int) -> str | None:
        return getattr(self, f"{self.side(attendee_id)}_outcome")

    def accepted_by(self, attendee_id: int) -> bool:
        return bool(getattr(self, f"{self.side(attendee_id)}_accepted"))

    def gets(self, attendee_id: int) -> list[str]:
        return list(getattr(self, f"{self.side(attendee_id)}_gets"))

    @property
    def mutual(self) -> bool:
        """Both accepted: the two may keep each other's (shared) contact after the event."""
        return bool(self.a_accepted and self.b_accepted)
