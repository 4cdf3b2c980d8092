"""Tables. Models hold data only: services commit, then publish (services/publishing.py)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..infra.extensions import db

EVENT_STATUSES = ("open", "paused", "closed")
MODES = ("continuous", "rounds", "both")
INTENTS = ("give", "seek", "both")
PRESENCES = ("here", "busy", "left")
OPEN_STATUSES = ("suggested", "accepted")
INTRO_STATUSES = ("suggested", "accepted", "met", "declined", "expired")


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

    attendees: Mapped[list[Attendee]] = relationship(back_populates="event")


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

    event: Mapped[Event] = relationship(back_populates="attendees")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def active(self) -> bool:
        """Still part of the event: neither removed nor forgotten."""
        return self.removed_at is None and self.forgotten_at is None

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

    event: Mapped[Event] = relationship()
    a: Mapped[Attendee] = relationship(foreign_keys=[a_id])
    b: Mapped[Attendee] = relationship(foreign_keys=[b_id])
    round: Mapped[Round | None] = relationship()

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

    def accepted_by(self, attendee_id: int) -> bool:
        return bool(getattr(self, f"{self.side(attendee_id)}_accepted"))

    def gets(self, attendee_id: int) -> list[str]:
        return list(getattr(self, f"{self.side(attendee_id)}_gets"))

    @property
    def mutual(self) -> bool:
        """Both accepted: the two may keep each other's (shared) contact after the event."""
        return bool(self.a_accepted and self.b_accepted)


class Known(db.Model):
    """Someone an attendee already knows: shown first, never introduced."""

    __tablename__ = "known"
    __table_args__ = (UniqueConstraint("attendee_id", "known_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"))
    known_id: Mapped[int] = mapped_column(ForeignKey("attendees.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


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
