"""Someone registered for the event before it (a ticketing tool's list), and their personal link."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...infra.extensions import db
from .event import utcnow

# invited: on the list (a link exists); joined: its phone joined; arrived: checked in.
REGISTRATION_STATUSES = ("invited", "joined", "arrived")


class Registration(db.Model):
    __tablename__ = "registrations"
    __table_args__ = (
        # One registration per address and event, however the address was typed.
        UniqueConstraint("event_id", "email_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(254))
    # The address as compared: trimmed and lower-cased, so "Ana@X.org " is "ana@x.org".
    email_key: Mapped[str] = mapped_column(String(254))
    headline: Mapped[str] = mapped_column(String(120), default="")
    # Hash of the personal link's token: the link itself is derived, never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The last invitation sent by mail, and how many: never twice unless the organizer asks.
    invited_at: Mapped[datetime | None]
    invitations_sent: Mapped[int] = mapped_column(default=0, server_default="0")
    # The attendee this registration became, once its phone joined.
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendees.id"), index=True)
