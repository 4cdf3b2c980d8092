"""The engine's inputs and outputs: plain, frozen values, so a batch can never change under it."""

from __future__ import annotations

from dataclasses import dataclass

INTENTS = ("give", "seek", "both")


def pair_key(x: int, y: int) -> tuple[int, int]:
    """A pair of people as one key, whatever order they come in."""
    return (x, y) if x < y else (y, x)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in the room, as far as matching needs to know them."""

    id: int
    intent: str  # "give" | "seek" | "both"
    offers: frozenset[str]  # normalised tags (already lower-case)
    seeks: frozenset[str]
    capacity: int  # most open introductions at once
    open_count: int = 0  # open (suggested, or accepted but not met) introductions right now
    received: int = 0  # introductions that count for fairness so far (open or met)
    mentor: bool = False  # opted in to one-way help ("pay it forward")
    available: bool = True  # False: left, removed, paused or forgotten

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
