"""Continuous-mode suggestions: every seeker's first introduction, then the most value.

Warm pairs: between two pairs of exactly the same score (in the same fairness tier), the
one whose two people know someone in common (`model.warm`) goes first. Only a tie is
broken so: a warm pair never passes a cold one that scores higher by any amount, and a
room where no two people share an acquaintance gets the very same suggestions. Every
path (`newcomers`, `candidates`, `whole_room`) orders by the same key, `ranking`'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

from .candidates import Candidate, blocked_test, candidates
from .model import Member, Suggestion, warm
from .newcomers import best_for_one, indexed, scan_candidates
from .scoring import topic_weights, value
from .topics import TopicCounts

TIERS = (2, 1, 0)  # how many seekers a pair gives their first introduction
SCAN_LIMIT = 8  # up to this many people in focus, one pass over the room beats an index


def _never(blocked: Collection[tuple[int, int]]) -> dict[int, set[int]]:
    """Blocked pairs as id -> ids, both ways, so either order of a pair is honoured."""
    never: dict[int, set[int]] = defaultdict(set)
    for x, y in blocked:
        never[x].add(y)
        never[y].add(x)
    return never


def suggest(
    people: Sequence[Member],
    blocked: Collection[tuple[int, int]],
    focus: Collection[int] | None = None,
    weights: Mapping[str, float] | None = None,
    index: TopicCounts | None = None,
) -> list[Suggestion]:
    """New introductions to make now, in the order chosen.

    Greedy by (needy seekers served, score, warm, a, b): a pair that gives two seekers
    their first introduction beats one that gives one, which beats any other; within a
    tier the higher score wins, then a warm pair (someone both know) over a cold one of
    the very same score, and ids break what ties remain. Neediness changes as the batch grows, but
    only downwards: a pair can drop a tier, never climb one. So one pass down the pairs
    in score order per tier, each re-checking neediness at the moment it looks, picks
    exactly what re-ranking everything after every choice would, without the re-ranking.
    `weights` default to the whole list, present or not, so they stay stable as people
    come and go. Counting them is most of a newcomer's cost in a big room (about 2 ms at
    5,000 people, against a fraction of that for the rest): keep a `TopicCounts` per
    event and pass its weights, and itself as `index`: a newcomer's partners are then
    found through who offers and seeks their topics, not by a pass over everyone.
    """
    weights = topic_weights(people) if weights is None else weights
    if focus is None:  # the whole room: each person's best partners, walked lazily
        from .whole_room import whole_room  # numpy: loaded by the solver process only

        return [
            _suggestion(a, b, score, one_way, weights)
            for a, b, score, one_way in whole_room(people, blocked, weights, TIERS)
        ]
    found, room = _candidates(people, blocked, focus, weights, index)
    free = {i: p.free for i, p in room.items()}
    needy = {i for i, p in room.items() if p.seeker and p.received == 0}
    ranked = sorted(ranking(found, room))
    chosen: list[Suggestion] = []
    for tier in TIERS:
        waiting = []
        for pair in ranked:
            neg_score, _cold, a, b, one_way = pair
            if not (free[a] and free[b]):
                continue  # places only shrink: this pair is gone for good
            if (a in needy) + (b in needy) < tier:
                waiting.append(pair)  # its turn comes in a lower tier
                continue
            chosen.append(_suggestion(room[a], room[b], -neg_score, one_way, weights))
            for i in (a, b):
                free[i] -= 1
                needy.discard(i)
        ranked = waiting
    return chosen


def ranking(
    found: Iterable[Candidate], room: Mapping[int, Member]
) -> Iterator[tuple[float, bool, int, int, bool]]:
    """Each candidate as its sort key: (-score, cold, a, b, one_way).

    A warm pair (someone both know: `model.warm`) goes before a cold one of exactly the
    same score, and only then: a better score always wins. Nobody in the room knowing
    anyone (the usual case) skips the test per pair.
    """
    if not any(p.acquaintances for p in room.values()):
        return ((-score, True, a, b, one_way) for score, a, b, one_way in found)
    return ((-score, not warm(room[a], room[b]), a, b, one_way) for score, a, b, one_way in found)


def _candidates(
    people: Sequence[Member],
    blocked: Collection[tuple[int, int]],
    focus: Collection[int] | None,
    weights: Mapping[str, float],
    index: TopicCounts | None = None,
) -> tuple[list[Candidate], dict[int, Member]]:
    """Allowed pairs touching the focus, and the people they involve, by id.

    A newcomer (a small focus) is served through the kept index when there is one, else
    by one pass over the room; a big focus or the whole room by an inverted index built
    here. All find the same pairs with the same scores.
    """
    if focus is not None and len(focus) <= SCAN_LIMIT:
        if index is not None:
            by_id = {p.id: p for p in people}
            if len(focus) == 1:
                [pid] = focus
                return best_for_one(by_id, pid, blocked_test(blocked), weights, index)
            return indexed(by_id, focus, blocked_test(blocked), weights, index)
        return scan_candidates(people, focus, blocked_test(blocked), weights)
    room = {p.id: p for p in people if p.available and p.free > 0}
    return list(candidates(room, focus, _never(blocked), weights)), room


def _suggestion(
    a: Member, b: Member, score: float, one_way: bool, weights: Mapping[str, float]
) -> Suggestion:
    """Spell out what each side gets; done only for chosen pairs, as sorting topics costs."""
    a_gets = value(a.seeks, b.offers, weights)[1]
    b_gets = value(b.seeks, a.offers, weights)[1]
    return Suggestion(a.id, b.id, score, a_gets, b_gets, one_way)
