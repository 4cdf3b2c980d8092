"""Seekers' first introductions before anyone's second, also across arrivals.

Suggestions are made as people arrive, so an early seeker can take a second place with a
leader before a later seeker has had any. When that happens and the second suggestion is
still unanswered by both sides, it is withdrawn (ended as "not this time", which is what
an expiry looks like) and the place goes to the seeker who is still waiting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .model import Person, Suggestion, pair_key
from .scoring import score_pair, topic_weights


@dataclass(frozen=True, slots=True)
class Reclaim:
    withdraw: tuple[int, int]  # the unanswered suggestion to end
    instead: Suggestion  # the first introduction made with the freed place


def reclaim_for_firsts(
    people: Sequence[Person],
    blocked: Collection[tuple[int, int]],
    unanswered: Collection[tuple[int, int]],
    focus: Collection[int] | None = None,
    weights: Mapping[str, float] | None = None,
) -> list[Reclaim]:
    """Places to move from a seeker's second (or later) suggestion to a seeker with none.

    `people` must describe the room after this round of suggestions; `unanswered` holds
    the open suggestions that neither side has accepted yet. Only needy seekers in `focus`
    (everyone when None) are served; the seeker giving up a place always keeps another.
    """
    weights = topic_weights(people) if weights is None else weights
    by_id = {p.id: p for p in people}
    got = {p.id: p.received for p in people}
    taken = set(blocked)
    holders: dict[int, list[tuple[tuple[int, int], int]]] = defaultdict(list)
    for pair in unanswered:
        for holder, other in (pair, pair[::-1]):
            if holder in by_id and other in by_id and by_id[other].seeker:
                holders[holder].append((pair_key(*pair), other))
    waiting = [
        p
        for p in people
        if p.seeker and p.available and p.free > 0 and p.received == 0
        and (focus is None or p.id in focus)
    ]  # fmt: skip
    done: list[Reclaim] = []
    withdrawn: set[tuple[int, int]] = set()
    for needy in sorted(waiting, key=lambda p: p.id):
        best: tuple[float, tuple[int, int], int, Suggestion] | None = None
        for holder_id, held in holders.items():
            holder = by_id[holder_id]
            if (
                holder_id == needy.id
                or not holder.available
                or pair_key(needy.id, holder_id) in taken
            ):
                continue
            s = score_pair(needy, holder, weights)
            if s is None:
                continue
            for pair, other in held:
                if pair in withdrawn or other == needy.id or got[other] < 2:
                    continue
                if best is None or s.score > best[0]:
                    best = (s.score, pair, other, s)
        if best is None:
            continue
        _score, pair, loser, instead = best
        done.append(Reclaim(pair, instead))
        withdrawn.add(pair)
        taken.add((instead.a, instead.b))
        got[loser] -= 1
        got[needy.id] += 1
    return done
