"""The engine's inputs and outputs: plain, frozen values, so a batch can never change under it."""

from __future__ import annotations

from dataclasses import dataclass

INTENTS = ("give", "seek", "both")


def pair_key(x: int, y: int) -> tuple[int, int]:
    """A pair of people as one key, whatever order they come in."""
    return (x, y) if x < y else (y, x)


@dataclass(frozen=True, slots=True)
class Member:
    """Someone in the room, as far as matching needs to know them."""

    id: int
    intent: str  # "give" | "seek" | "both"
    offers: frozenset[str]  # canonical topics (and markers of related ones: markers.py)
    seeks: frozenset[str]
    capacity: int  # most open introductions at once
    open_count: int = 0  # open (suggested, or accepted but not met) introductions right now
    received: int = 0  # introductions that count for fairness so far (open or met)
    mentor: bool = False  # opted in to one-way help ("pay it forward")
    available: bool = True  # False: left, removed, paused or forgotten
    # Ids of people they know (either marked the other) who are still in the event: two
    # people with one in common can be introduced through them, a tie-break (see `warm`).
    acquaintances: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        # An unknown intent would silently drop someone from the fairness rule; refuse it.
        if self.intent not in INTENTS:
            raise ValueError(f"intent must be one of {INTENTS}, not {self.intent!r}")
        if min(self.capacity, self.open_count, self.received) < 0:
            raise ValueError("capacity, open_count and received cannot be negative")

    @property
    def seeker(self) -> bool:
        """Seekers are the people the fairness rule protects."""
        return self.intent in ("seek", "both")

    @property
    def gives_freely(self) -> bool:
        """Open to one-way introductions: a mentor, or a giver who came seeking nothing."""
        return self.mentor or (self.intent == "give" and not self.seeks)

    @property
    def free(self) -> int:
        """Introductions they can still take; never negative, even if capacity was lowered."""
        return max(0, self.capacity - self.open_count)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An introduction worth making, with what is in it for each side."""

    a: int  # the smaller id
    b: int  # the larger id
    score: float  # total value both ways (one-way discounted)
    a_gets: tuple[str, ...]  # topics b offers that a seeks, most valuable (rarest) first
    b_gets: tuple[str, ...]  # topics a offers that b seeks, rarest first
    one_way: bool  # only one side gains: the giver opted in as a mentor


Pair = tuple[int, int]


def warm(x: Member, y: Member) -> bool:
    """Someone both know could introduce them: between pairs of equal score, warm first."""
    return not x.acquaintances.isdisjoint(y.acquaintances)


@dataclass(frozen=True, slots=True)
class Group:
    """People who meet in this round: a pair, or the one trio when the count is odd."""

    members: tuple[int, ...]  # 2 ids (a pair) or 3 (the trio), ascending
    score: float  # total value within the group (sum over its pairs)


@dataclass(frozen=True, slots=True)
class RoundPlan:
    """Who meets whom in one round, and how close to the best possible that is."""

    groups: list[Group]
    unpaired: list[int]  # present people who could not be placed (all partners blocked)
    total: float  # sum of group scores
    upper_bound: float | None  # a proven upper bound on the best total (None when exact)
    exact: bool  # a proven optimum: most people placed, fewest pairs of no value, most value


@dataclass(frozen=True, slots=True)
class Rebalance:
    """Unanswered suggestions to end (as an expiry would) and new ones to make instead."""

    withdraw: list[Pair]  # pair_key order, sorted
    make: list[Suggestion]  # most valuable first
    served: tuple[int, int]  # seekers with an introduction: before, after
    value: tuple[float, float]  # total value of the re-choosable suggestions: before, after
