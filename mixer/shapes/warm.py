"""Warm introductions as the contract shows them: a request through someone both know, a
path to ask for one, and a phone's "My code" for saying "we know each other"."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field

from .fields import Output
from .profile import Named, PublicProfile

WarmStatus = Literal["asked", "introduced", "declined", "ended"]


class WarmRequestOut(Output):
    """One request to a broker, as the broker or the asker sees it.

    The asker never sees "declined": a broker's no reads "ended", as an introduction's
    decline reads "not this time".
    """

    model_config = ConfigDict(extra="forbid", serialize_by_alias=True, validate_by_name=True)

    id: int
    status: WarmStatus
    from_: PublicProfile = Field(alias="from", description="Who asked to be introduced")
    to: PublicProfile = Field(description="Whom they would like to meet")
    via: Named = Field(description="The person both know, asked to introduce them")
    from_gets: list[str] = Field(description="What `to` offers that `from` seeks")
    to_gets: list[str] = Field(description="What `from` offers that `to` seeks")
    one_way: bool = Field(description="Only `from` gains: `to` gives freely (a mentor)")
    note: str = Field(description="The asker's line to the broker")
    broker_note: str = Field(description="The broker's line to both, once introduced")
    waiting_for_place: bool = Field(
        default=False,
        description="Introduced, and the introduction waits for a free place on both sides",
    )
    introduction_id: int | None = Field(default=None, description="Once the introduction exists")
    created_at: datetime


class WarmPath(Output):
    """Someone worth meeting whom one can reach through people both know."""

    to: PublicProfile
    via: list[Named] = Field(description="People both know, the likeliest broker first")
    for_you: list[str] = Field(description="What they offer that you seek")
    for_them: list[str] = Field(description="What you offer that they seek")
    asked: bool = Field(description="A request for this pair is open already")


class MeCode(Output):
    """The phone's "My code": another attendee of the event opens `url` (or types `code`)."""

    code: str = Field(description="Short, to type; one use; letters and digits, no 0/O or 1/I/L")
    url: str = Field(description="Opens on another phone of the event: 'Do you know …?'")
    expires_at: datetime
