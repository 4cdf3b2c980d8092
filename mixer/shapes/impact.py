"""After the night: what one side says came of an introduction, what a giver gave, and the
event's impact (the funnel and the outcomes, counts only, never names)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from ..domain.models import OUTCOMES
from .fields import Output
from .inputs import Input

Outcome = Literal["referral", "interview", "offer", "advice", "nothing"]
assert get_args(Outcome) == OUTCOMES  # one list: the model's

# Outcomes that say the introduction helped ("nothing" does not).
HELPED = tuple(o for o in OUTCOMES if o != "nothing")


class OutcomeIn(Input):
    outcome: Outcome = Field(
        description="What came of it for me: referral, interview, offer (a job offer), advice"
        " (advice that helped) or nothing (nothing yet)"
    )


class Gave(Output):
    """A giver's evening, seen after it: whom they met and what those people told."""

    met: int = Field(description="People I met (or both accepted, once the event closed)")
    outcomes: dict[str, int] = Field(
        description="How many of them told each outcome (only what they chose to tell)"
    )


class Funnel(Output):
    suggested: int = Field(description="Introductions suggested")
    accepted: int = Field(description="Both accepted (a round's pairs: once they met)")
    met: int = Field(description="Marked met")
    followed_up: int = Field(description="At least one side followed up after the event")
    helped: int = Field(
        description="At least one side told of a referral, interview, offer or advice"
    )


class TopicHelped(Output):
    topic: str
    helped: int = Field(description="Introductions about this topic that helped someone")


class Impact(Funnel):
    """GET …/impact: what came of the evening, counts only."""

    outcomes: dict[str, int] = Field(
        description="Sides that told each outcome (every name of the list, 0 included)"
    )
    told: int = Field(description="Sides that told an outcome at all")
    seekers: int = Field(description="People who came seeking (seek or both)")
    seekers_reached: int = Field(
        description="Of them, people who met someone (marked met, or both accepted)"
    )
    warm: Funnel = Field(description="Warm introductions (made by someone both know)")
    cold: Funnel = Field(description="The other introductions")
    topics: list[TopicHelped] = Field(
        description="Topics of the introductions that helped, the most helped first"
    )
