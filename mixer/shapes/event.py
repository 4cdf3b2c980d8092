"""The event as the contract shows it, its running round, and the organizer's announcements:
in API answers and in the pushes alike."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from .fields import Mode, Output, Status


class EventOut(Output):
    code: str
    name: str
    venue: str
    starts_at: datetime | None
    ends_at: datetime | None
    status: Status
    mode: Mode
    topics: list[str]
    giver_capacity: int
    meeting_spots: list[str]
    topic_aliases: dict[str, str]
    join_url: str
    language: str = Field("en", description="The room's language: poster, screen, exports")
    time_zone: str = Field("UTC", description="Where the event takes place: times shown there")
    door_code_required: bool = Field(
        False, description="Joining needs the door code shown at the venue"
    )
    door_code: str | None = Field(
        None, description='The door code itself: to the event\'s organizer only ("": none)'
    )


class RoundInfo(Output):
    number: int
    ends_at: datetime = Field(
        description="When the timer runs out; while paused, when it would as of the pause"
    )
    pairs: int = Field(description="Groups in the round (the trio counts once)")
    paused: bool = Field(default=False, description="The organizer paused the timer")
    remaining: int = Field(
        default=0, description="Whole seconds left when this was read (frozen while paused)"
    )


class AnnouncementOut(Output):
    message: str
    at: datetime
