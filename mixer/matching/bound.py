"""A proven upper bound on what any set of suggestions can achieve in a room.

The re-balance is exact on a shortlist of pairs; how much better any plan could be,
whatever pairs it used, is answered by LP duality (see `programme.priced_lp`): the
shortlist's LP prices places and first introductions, every pair of the room is priced
with them, and pairs that pay are added until none does (or the rounds run out: the
bound stays valid, only less tight).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .model import Member, Pair
from .programme import priced_lp
from .scoring import topic_weights
from .shortlist import OpenRoom

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
    people: Sequence[Member],
    blocked: Collection[Pair],
    weights: Mapping[str, float] | None = None,
    *,
    partners: int = 8,
) -> PlanBound:
    """Bound the plans of new suggestions in the room as it is (open ones stay).

    The room a re-balance would choose in, had it no suggestion to move.
    """
    weights = topic_weights(people) if weights is None else weights
    room = OpenRoom.of({p.id: p for p in people}, Counter(), blocked, weights, partners, {})
    if not room.edges:
        return PlanBound(0.0, 1.0, 0, True)
    priced = priced_lp(room, dict(room.edges), rounds=ROUNDS)
    bound = float(priced.bound)
    return PlanBound(bound, priced.bonus, int(bound // priced.bonus), priced.exact)
