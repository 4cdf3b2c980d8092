"""A proven upper bound on what any set of suggestions can achieve in a room.

The re-balance is exact on a shortlist of pairs; how much better any plan could be,
whatever pairs it used, is answered by LP duality (see `programme.priced_lp`): the
shortlist's LP prices places and first introductions, every pair of the room is priced
with them, and pairs that pay are added until none does (or the rounds run out: the
bound stays valid, only less tight).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .model import Person
from .programme import priced_lp
from .rebalance import shortlist
from .scoring import topic_weights

ROUNDS = 40  # LP solves at most


@dataclass(frozen=True, slots=True)
class PlanBound:
    """For every plan: bonus * (needy seekers it serves) + (its value) <= total."""

    total: float
    bonus: float  # above the value of any plan
    served: int  # hence no plan serves more needy seekers than this
    exact: bool  # the LP optimum over all pairs (no pair left that pays)

    def value_for(self, served: int) -> float:
        """The most value a plan serving `served` needy seekers can have."""
        return self.total - self.bonus * served


def plan_bound(
    people: Sequence[Person],
    blocked: Collection[tuple[int, int]],
    weights: Mapping[str, float] | None = None,
    *,
    partners: int = 8,
) -> PlanBound:
    """Bound the plans of new suggestions in the room as it is (open ones stay)."""
    weights = topic_weights(people) if weights is None else weights
    room = sorted((p for p in people if p.available and p.free > 0), key=lambda p: p.id)
    free = {p.id: p.free for p in room}
    needy = {p.id for p in room if p.seeker and p.received == 0}
    edges, never = shortlist(room, weights, partners, blocked, {})
    if not edges:
        return PlanBound(0.0, 1.0, 0, True)
    priced = priced_lp(room, weights, never, edges, free, needy, rounds=ROUNDS)
    bound = float(priced.bound)
    return PlanBound(bound, priced.bonus, int(bound // priced.bonus), priced.exact)
