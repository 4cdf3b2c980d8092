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

from .candidates import shared_weight
from .model import Member, Suggestion, pair_key, warm
from .scoring import score_pair, topic_weights, verdict


@dataclass(frozen=True, slots=True)
class Reclaim:
    withdraw: tuple[int, int]  # the unanswered suggestion to end
    instead: Suggestion  # the first introduction made with the freed place


def waiting_for_first(
    people: Sequence[Member], focus: Collection[int] | None = None
) -> list[Member]:
    """Seekers (of `focus`; None: everyone) here with a free place and no introduction
    had yet: the only ones a place is reclaimed for. A caller that finds none need not
    gather the room's unanswered suggestions at all."""
    if focus is not None:
        wanted = set(focus)
        people = [p for p in people if p.id in wanted]
    return [p for p in people if p.seeker and p.available and p.free > 0 and p.received == 0]


def reclaim_for_firsts(
    people: Sequence[Member],
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
    waiting = waiting_for_first(people, focus)
    if not waiting:
        return []  # the usual case: the newcomer got a suggestion; skip indexing the room
    weights = topic_weights(people) if weights is None else weights
    by_id = {p.id: p for p in people}
    got = {p.id: p.received for p in people}
    taken = set(blocked)
    holders: dict[int, list[tuple[tuple[int, int], int]]] = defaultdict(list)
    for pair in unanswered:
        for holder, other in (pair, pair[::-1]):
            if holder in by_id and other in by_id and by_id[other].seeker:
                # Only a seeker with two or more can give a place up (counts never rise
                # here); the holder is listed anyway, as the listing order breaks ties.
                held = holders[holder]
                if got[other] >= 2:
                    held.append((pair_key(*pair), other))
    done: list[Reclaim] = []
    withdrawn: set[tuple[int, int]] = set()
    for needy in sorted(waiting, key=lambda p: p.id):
        # (score, warm, pair given up, its loser, holder): the best score wins, then a
        # holder the needy seeker shares an acquaintance with, then the listing order.
        best: tuple[float, bool, tuple[int, int], int, Member] | None = None
        for holder_id, held in holders.items():
            holder = by_id[holder_id]
            if (
                holder_id == needy.id
                or not holder.available
                or (
                    # No topic in common: no value either way (cheaper than scoring).
                    needy.seeks.isdisjoint(holder.offers) and needy.offers.isdisjoint(holder.seeks)
                )
                or pair_key(needy.id, holder_id) in taken
            ):
                continue
            # The holder's first place that may move; all of theirs score the same.
            movable = next(
                (
                    (pair, other)
                    for pair, other in held
                    if pair not in withdrawn and other != needy.id and got[other] >= 2
                ),
                None,
            )
            if movable is None:
                continue
            score = _score(needy, holder, weights)
            if score is not None and (best is None or (score, warm(needy, holder)) > best[:2]):
                best = (score, warm(needy, holder), *movable, holder)
        if best is None:
            continue
        _, _, pair, loser, holder = best
        instead = score_pair(needy, holder, weights)
        assert instead is not None
        done.append(Reclaim(pair, instead))
        withdrawn.add(pair)
        taken.add((instead.a, instead.b))
        got[loser] -= 1
        got[needy.id] += 1
    return done


def _score(x: Member, y: Member, weights: Mapping[str, float]) -> float | None:
    """`score_pair(x, y).score`, bit for bit, without spelling out the topics."""
    a, b = (x, y) if x.id < y.id else (y, x)
    judged = verdict(
        a, b, shared_weight(a.seeks, b.offers, weights), shared_weight(b.seeks, a.offers, weights)
    )
    return None if judged is None else judged[0]
