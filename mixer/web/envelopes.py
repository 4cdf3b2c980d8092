"""The API's answers as sent: each wraps the contract's nouns (`mixer.shapes`) under a name,
`{"event": {...}}`, `{"attendee": {...}, "token": "..."}`, or in a list; and the error body,
which the error handlers write and the OpenAPI document describes.

Only the JSON API and its OpenAPI document use these: the use cases and the pushes speak in
the nouns themselves.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, create_model

from ..shapes.event import AnnouncementOut, EventOut, RoundInfo
from ..shapes.fields import Output
from ..shapes.introduction import IntroductionOut
from ..shapes.people import AttendeeDetail, AttendeeRow, Me, Person, RemovedRow
from ..shapes.registrations import ProblemOut
from ..shapes.stats import RebalanceOut, Stats, TopicCount
from ..shapes.warm import WarmRequestOut


def envelope(name: str, **field: Any) -> type[BaseModel]:
    """An answer holding one thing under one key, as `envelope("EventEnvelope", event=EventOut)`
    answers `{"event": {...}}`; documented in OpenAPI under `name`, as a class would be.

    Typed as a plain model: a type checker cannot see the field a call makes."""
    ((key, kind),) = field.items()
    required: dict[str, Any] = {key: (kind, ...)}
    return create_model(name, __base__=Output, **required)


class MeOut(Output):
    attendee: Me
    event: EventOut
    introductions: list[IntroductionOut]
    announcements: list[AnnouncementOut] = Field(description="The latest, newest first")
    seq: int
    round: RoundInfo | None = Field(
        default=None, description="The round running (or paused) now, if any"
    )


class JoinOut(Output):
    attendee: Me
    token: str


class EventCreated(Output):
    event: EventOut
    organizer_token: str
    console_url: str


class OrganizerTokenOut(Output):
    """A new organizer token: the old one, and every console signed in with it, stop working."""

    organizer_token: str = Field(description="Shown in this answer only; stored hashed")
    console_url: str = Field(description="The new console link; it carries the token once")


class AnswerEnvelope(Output):
    introduction: IntroductionOut
    seq: int = Field(description="the event's seq when the answer was read, as in GET /me")


class AttendeeList(Output):
    attendees: list[AttendeeRow]
    removed: list[RemovedRow] = Field(
        default_factory=list, description="People removed from the event, newest first"
    )


class RemovedList(Output):
    removed: list[RemovedRow] = Field(description="Those removed now (not those removed before)")


class StatsOut(Stats):
    seq: int


class ErrorDetail(Output):
    code: str
    message: str
    fields: dict[str, str]


EventEnvelope = envelope("EventEnvelope", event=EventOut)
MeEnvelope = envelope("MeEnvelope", attendee=Me)
AttendeeRowEnvelope = envelope("AttendeeRowEnvelope", attendee=AttendeeRow)
AttendeeEnvelope = envelope("AttendeeEnvelope", attendee=AttendeeDetail)
AnnouncementEnvelope = envelope("AnnouncementEnvelope", announcement=AnnouncementOut)
RoundEnvelope = envelope("RoundEnvelope", round=RoundInfo)
RebalanceEnvelope = envelope("RebalanceEnvelope", rebalance=RebalanceOut)
TopicsOut = envelope("TopicsOut", topics=list[TopicCount])
KnownOut = envelope("KnownOut", known=list[int])
PeopleOut = envelope("PeopleOut", people=list[Person])
WarmEnvelope = envelope("WarmEnvelope", warm=WarmRequestOut)


class ErrorOut(Output):
    error: ErrorDetail
    problems: list[ProblemOut] | None = Field(
        default=None, description="A refused import of registrations: what is wrong, by row"
    )
