"""People as the contract shows them: to each other, to themselves (Me, with how their
topics were read and why they wait), and to the organizer (rows of the console's list)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field

from .fields import Intent, Output, Presence
from .impact import Gave
from .profile import Contact, PublicProfile
from .warm import WarmPath, WarmRequestOut


class UnderstoodTopic(Output):
    """One typed topic and how Mixer read it."""

    model_config = ConfigDict(extra="forbid", serialize_by_alias=True, validate_by_name=True)

    typed: str
    as_: list[str] = Field(
        alias="as", description="Canonical topics it was read as; empty: the person's own topic"
    )


class Understood(Output):
    offers: list[UnderstoodTopic]
    seeks: list[UnderstoodTopic]


WAITING_REASONS = (
    "no_topic_match",
    "helpers_busy",
    "already_met",
    "no_two_way",
    "paused",
    "nobody_seeks_yours",
    "not_present",
    "not_arrived",
    "next_round",
    "searching",
)


class Waiting(Output):
    """Why someone has no open introduction, and what they can do about it."""

    reason: Literal[WAITING_REASONS] = Field(  # type: ignore[valid-type]
        description=(
            "no_topic_match: nobody here offers what you seek; helpers_busy: the people who"
            " can help are at capacity (you are next); already_met: you have been introduced"
            " to everyone here who offers it; no_two_way: those who offer it seek something you"
            " do not offer (topics: what they seek); paused: the organizer paused introductions;"
            " nobody_seeks_yours: nobody here seeks what you offer yet; not_present: you are"
            " marked away or gone; not_arrived: joined from a personal link, not checked in"
            " at the venue yet; next_round: introductions come in rounds here;"
            " searching: a match exists and is on its way"
        )
    )
    message: str = Field(description="In plain words, what the person can do")
    topics: list[str] = Field(description="The closest topics the room uses, if any")


class Lookout(Output):
    """Someone worth looking for tonight: a best two-way match, before the night."""

    other: PublicProfile = Field(description="Their public profile (never contact details)")
    for_you: list[str] = Field(description="What they offer that you seek")
    for_them: list[str] = Field(description="What you offer that they seek")


class Me(PublicProfile):
    event: str
    offers_note: str
    seeks_note: str
    capacity: int
    presence: Presence
    mentor: bool
    email: str | None
    phone: str | None
    profile_url: str | None
    share_contact: bool
    share_with_organizer: bool
    known: list[int]
    landed: bool
    understood: Understood
    waiting: Waiting | None = Field(
        description="Why there is no introduction yet; null when one is open or none is due"
    )
    arrived: bool = Field(
        default=True,
        description="Checked in at the venue (joining at the door is arriving); false: joined"
        " from a personal link, no introductions until POST /api/v1/me/checkin",
    )
    homework: list[Lookout] = Field(
        default_factory=list,
        description="People to look for tonight: the best two-way matches (at most 5), shown"
        " until the person arrives",
    )
    warm_requests: list[WarmRequestOut] = Field(
        default_factory=list, description="Warm requests asked of me, still open"
    )
    warm_sent: list[WarmRequestOut] = Field(
        default_factory=list, description="Warm requests I asked, newest first"
    )
    warm_paths: list[WarmPath] = Field(
        default_factory=list,
        description="People worth meeting through someone we both know, best first",
    )
    introduced_count: int = Field(
        default=0, description="People I introduced to each other (pay it forward)"
    )
    gave: Gave | None = Field(
        default=None,
        description="A giver's evening, once the event closed: people met, and what they told"
        " came of it (counts); null for others and before the end",
    )


# Why the console marks someone for the organizer's attention.
Flag = Literal["matches_removed", "burst", "held"]


class AttendeeRow(PublicProfile):
    presence: Presence
    capacity: int
    open_introductions: int
    mentor: bool
    joined_at: datetime
    email: str | None
    phone: str | None
    profile_url: str | None
    arrived: bool = Field(default=True, description="Checked in at the venue")
    flags: list[Flag] = Field(
        default_factory=list,
        description="For the organizer's eye: matches_removed (joined after someone with the"
        " same name or email was removed), burst (one of many joins from one address within"
        " seconds), held (a burst's newcomer: no suggestions until the brief hold ends)",
    )


class RemovedRow(Output):
    """Someone the organizer removed, to undo it (POST …/attendees/{id}/restore)."""

    id: int
    name: str
    headline: str
    removed_at: datetime


class AttendeeDetail(AttendeeRow):
    """One attendee opened in the console: the row, how their topics were read, why they wait."""

    offers_note: str
    seeks_note: str
    understood: Understood
    waiting: Waiting | None = Field(
        description="Why they have no introduction yet, as their phone says it; null if one is open"
    )


class Person(Output):
    """Someone else at the event, as listed for 'people I already know here'."""

    id: int
    name: str
    headline: str
    intent: Intent
    known: bool
    swap_contact: bool = Field(
        default=False, description="I said yes to swapping contact details with them"
    )
    contact: Contact | None = Field(
        default=None,
        description="Their contact: both said yes to swapping, and both share (else null)",
    )
