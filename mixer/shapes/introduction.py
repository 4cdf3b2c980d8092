"""One introduction as one of its two people sees it (GET /me, answers, pushes)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from .fields import Output
from .impact import Outcome
from .profile import Contact, Named, PublicProfile


class IntroductionOut(Output):
    id: int
    status: Literal["suggested", "accepted", "met", "declined", "expired"]
    you_accepted: bool
    they_accepted: bool
    other: PublicProfile
    for_you: list[str] = Field(description="What they offer that you seek")
    for_them: list[str] = Field(description="What you offer that they seek")
    one_way: bool
    opener: str
    questions: list[str]
    shared_topics: list[str]
    spot: str | None
    round: int | None
    wildcard: bool = Field(
        default=False,
        description="A round pair with nothing to trade either way: the room left no better"
        " choice this round (a wildcard: say hello anyway)",
    )
    created_at: datetime
    expires_at: datetime | None
    contact: Contact | None
    followed_up: bool = Field(description="You marked that you followed up after the event")
    follow_up: str | None = Field(description="A first message to send, once you both accepted")
    reminder: bool = Field(description="Mixer reminded you once to follow up (never more)")
    they_left: bool = Field(
        default=False, description="The other person left the event (or is no longer part of it)"
    )
    via: Named | None = Field(
        default=None, description="Who introduced you (a warm introduction), or null"
    )
    via_note: str = Field(default="", description="Their line to you both")
    known_by_both: list[Named] = Field(
        default_factory=list, description="People you both know (who could introduce you)"
    )
    outcome: Outcome | None = Field(
        default=None,
        description="What you told came of it (referral, interview, offer, advice, nothing),"
        " or null; never the other side's",
    )
