"""The engine's inputs and outputs."""

from __future__ import annotations

from dataclasses import dataclass


def pair_key(x: int, y: int) -> tuple[int, int]:
    """A pair of people, independent of order."""
    return (x, y) if x < y else (y, x)


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    intent: str  # "give" | "seek" | "both"
    offers: frozenset[str]
    seeks: frozenset[str]
    capacity: int  # most open introductions at once
    open_count: int = 0  # open (suggested or accepted, not met) introductions now
    received: int = 0  # introductions that count for fairness so far (open or met)
    mentor: bool = False  # opted in to one-way help
    available: bool = True  # present and matchable

    @property
    def seeker(self) -> bool:
        return self.intent in ("seek", "both")

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.open_count)


@dataclass(frozen=True, slots=True)
class Suggestion:
    a: int  # the smaller id
    b: int
    score: float  # value both ways; one-way discounted
    a_gets: tuple[str, ...]  # what b offers that a seeks, rarest first
    b_gets: tuple[str, ...]
    one_way: bool
