"""The rows every export is made of: what the organizer may keep of an event, and what an
attendee may keep of the people they met. Plain frozen dataclasses, built by the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class AttendeeRecord:
    """One attendee as the organizer may keep them: contact fields blank unless shared."""

    id: int
    name: str
    headline: str
    intent: str
    offers: list[str]
    seeks: list[str]
    presence: str
    capacity: int
    mentor: bool
    joined_at: datetime
    email: str
    phone: str
    profile_url: str


@dataclass(frozen=True)
class IntroductionRecord:
    """One introduction and how it ended, with what each side gets from it."""

    id: int
    created_at: datetime
    status: str
    a_id: int
    a_name: str
    a_gets: list[str]
    b_id: int
    b_name: str
    b_gets: list[str]
    one_way: bool
    spot: str | None
    round: int | None
    accepted_at: datetime | None
    met_at: datetime | None
    via: str | None = None  # who introduced them (a warm introduction), by name


@dataclass(frozen=True)
class RoundRecord:
    number: int
    started_at: datetime
    ends_at: datetime
    introductions: int


@dataclass(frozen=True)
class EventRecord:
    code: str
    name: str
    venue: str
    starts_at: datetime | None
    ends_at: datetime | None
    status: str
    mode: str
    topics: list[str]
    giver_capacity: int
    meeting_spots: list[str]
    created_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class Archive:
    """Everything the organizer keeps of one event."""

    event: EventRecord
    attendees: list[AttendeeRecord]
    introductions: list[IntroductionRecord]
    rounds: list[RoundRecord]


@dataclass(frozen=True)
class ContactRecord:
    """Someone an attendee met with consent on both sides, and what they talked about."""

    name: str
    headline: str
    email: str
    phone: str
    profile_url: str
    event: str
    venue: str
    topics: list[str]
    introduced_by: str = ""  # the person both knew, who introduced them


@dataclass(frozen=True)
class InvitationRecord:
    """One registration for a mail merge: who, where to write, and their personal link."""

    name: str
    email: str
    link: str
