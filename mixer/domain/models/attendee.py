"""One person at one event: their profile, their phone's token, and the room's marks on them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...infra.extensions import db
from .event import utcnow

if TYPE_CHECKING:
    from .event import Event


class Attendee(db.Model):
    __tablename__ = "attendees"
    __table_args__ = (
        # One person per join form, however often it is sent (NULLs never collide).
        Index("ix_attendees_join_nonce", "event_id", "join_nonce_hash", unique=True),
        # Every column of the room's fingerprint (services/engine_view/refresh.py), read from the
        # index alone: the rows are wide (topics, notes, contact fields).
        Index("ix_attendees_room", "event_id", "removed_at", "forgotten_at", "id", "version"),
        # Few rows hold a mark or a hold, and only briefly: found without a scan per join.
        Index("ix_attendees_join_mark", "event_id", "join_mark", "joined_at"),
        Index("ix_attendees_held", "event_id", "held_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    headline: Mapped[str] = mapped_column(String(120), default="")
    intent: Mapped[str] = mapped_column(String(4))
    offers: Mapped[list[str]] = mapped_column(JSON, default=list)
    seeks: Mapped[list[str]] = mapped_column(JSON, default=list)
    offers_note: Mapped[str] = mapped_column(Text, default="")
    seeks_note: Mapped[str] = mapped_column(Text, default="")
    # Most open (suggested or accepted, not yet met) introductions at once.
    capacity: Mapped[int]
    # Opted in to one-way help: may be introduced to someone who has nothing they seek.
    mentor: Mapped[bool] = mapped_column(default=False)
    presence: Mapped[str] = mapped_column(String(4), default="here")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    profile_url: Mapped[str] = mapped_column(String(500), default="")
    share_contact: Mapped[bool] = mapped_column(default=False)
    # A separate yes: the organizer's list and exports show the contact fields only then.
    share_with_organizer: Mapped[bool] = mapped_column(default=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Present at the venue since then. Joining at the door is arriving; joining from a
    # personal link before the night leaves it None until check-in: no introductions
    # (nor round partners) for someone who is not in the room.
    arrived_at: Mapped[datetime | None] = mapped_column(default=utcnow)
    landed_at: Mapped[datetime | None]  # "I landed a job": invited back as a giver
    removed_at: Mapped[datetime | None]  # by the organizer (moderation)
    forgotten_at: Mapped[datetime | None]  # by the attendee: personal data erased
    # Raised by the ORM on every UPDATE of the row: a worker compares the room's sum of
    # versions with the one its cached view of the room was built from.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Hash of the join form's one-time nonce: a repeat of the same join finds this person.
    join_nonce_hash: Mapped[str | None] = mapped_column(String(64))
    # Keyed, truncated hash of the joining address (never the address), kept only for the
    # seconds a burst is looked for, then cleared: many joins from one address at once.
    join_mark: Mapped[str | None] = mapped_column(String(16))
    # Joined in such a burst: flagged for the organizer (kept; says nothing of the address).
    join_burst: Mapped[bool] = mapped_column(default=False, server_default=false())
    # No suggestions until then: a burst's newcomers wait briefly for the organizer to look.
    held_until: Mapped[datetime | None]
    # The language their phone last spoke (a shipped code), so that pushes to them speak it
    # whoever caused the change; None: the event's language.
    language: Mapped[str | None] = mapped_column(String(8))

    event: Mapped[Event] = relationship(back_populates="attendees")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def active(self) -> bool:
        """Still part of the event: neither removed nor forgotten."""
        return self.removed_at is None and self.forgotten_at is None

    @property
    def arrived(self) -> bool:
        """In the room: may be introduced."""
        return self.arrived_at is not None

    @property
    def shares(self) -> bool:
        """Contact details may be shown to others: the one rule for every face."""
        return self.share_contact and self.active

    def shared(self, field: str) -> str:
        """A contact field ("email", "phone", "profile_url"), or "" when not shared."""
        return str(getattr(self, field)) if self.shares else ""

    def shared_with_organizer(self, field: str) -> str:
        """A contact field as the organizer may see it: only with that separate consent
        (sharing with people one agrees to meet does not include the organizer)."""
        active = self.share_with_organizer and self.active
        return str(getattr(self, field)) if active else ""
