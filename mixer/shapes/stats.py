"""The organizer's numbers: the console's live stats (answered and pushed alike), topic
supply and demand, and what a re-balance changed."""

from __future__ import annotations

from pydantic import Field

from .event import RoundInfo
from .fields import Output
from .profile import Named


class TopicCount(Output):
    topic: str
    offers: int = Field(description="People here who offer it")
    seeks: int = Field(description="People here who seek it")


class TopicSupply(TopicCount):
    waiting: int = Field(description="Seekers of it still without an introduction")


class WarmStats(Output):
    """Warm introductions against cold ones: are introductions through people both know
    accepted more often?"""

    asked: int = Field(default=0, description="Warm requests asked of brokers")
    introduced: int = Field(default=0, description="Warm introductions made")
    accepted: int = Field(default=0, description="Warm introductions both sides accepted")
    acceptance_rate: float | None = Field(
        default=None, description="Warm introductions both accepted / warm introductions made"
    )
    cold_acceptance_rate: float | None = Field(
        default=None, description="The same for the other introductions"
    )


class Stats(Output):
    """The console's numbers; pushed as `stats` and returned by GET …/stats alike."""

    attendees: dict[str, int] = Field(description="Counts by intent and by presence, and total")
    introductions: dict[str, int] = Field(description="Counts by status")
    seekers_without_introduction: list[Named]
    givers_at_capacity: list[Named]
    balance: dict[str, int | float] = Field(
        description="Givers' free capacity against seekers waiting; seekers_no_topic_match:"
        " waiting seekers whose topics nobody here offers (free places will not help them)"
    )
    acceptance_rate: float | None
    met_rate: float | None
    round: RoundInfo | None = Field(description="The round running now, if any")
    topics: list[TopicSupply] = Field(
        description="Supply and demand per canonical topic, the most wanted first"
    )
    warm: WarmStats = Field(default_factory=WarmStats, description="Warm introductions")
    arrivals: dict[str, int] = Field(
        default_factory=lambda: {"registered": 0, "arrived": 0, "at_the_door": 0},
        description="registered: the event's registrations; arrived: people who came through"
        " a registration and checked in; at_the_door: people who joined without one",
    )


class RebalanceOut(Output):
    withdrawn: int = Field(description="Unanswered suggestions ended (shown as 'not this time')")
    made: int = Field(description="New suggestions made instead")
    seekers_served_before: int = Field(description="Seekers with an introduction, before")
    seekers_served_after: int = Field(description="Seekers with an introduction, after")
