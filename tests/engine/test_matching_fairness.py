"""Fairness across arrivals: a waiting seeker gets a place held by someone's second."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence

import pytest
from hypothesis import given, settings

from mixer.matching import (
    Member,
    Reclaim,
    Suggestion,
    pair_key,
    reclaim_for_firsts,
    score_pair,
    suggest,
    topic_weights,
)
from mixer.matching.model import warm
from tests.engine.test_matching_newcomer import random_room
from tests.engine.test_matching_suggest import Room, person, rooms


def test_reclaim_moves_an_unanswered_second_to_a_waiting_seeker() -> None:
    giver = person(1, "give", "hiring", "design", capacity=1, open_count=1)
    early = person(2, "seek", "design", "hiring", open_count=2, received=2)
    late = person(3, "seek", "design", "hiring")
    other_giver = person(4, "give", "hiring", "design", capacity=1, open_count=1)
    [r] = reclaim_for_firsts([giver, early, late, other_giver], {(1, 2), (2, 4)}, [(1, 2)])
    assert r.withdraw == (1, 2)
    assert {r.instead.a, r.instead.b} == {1, 3}


def test_never_takes_someones_only_introduction() -> None:
    giver = person(1, "give", "hiring", "design", capacity=1, open_count=1)
    only = person(2, "seek", "design", "hiring", open_count=1, received=1)
    late = person(3, "seek", "design", "hiring")
    assert reclaim_for_firsts([giver, only, late], {(1, 2)}, [(1, 2)]) == []


def test_answered_suggestions_are_never_withdrawn() -> None:
    giver = person(1, "give", "hiring", "design", capacity=1, open_count=1)
    early = person(2, "seek", "design", "hiring", open_count=2, received=2)
    late = person(3, "seek", "design", "hiring")
    assert reclaim_for_firsts([giver, early, late], {(1, 2)}, []) == []


def _after(people: list[Member], made: list[tuple[int, int]], step: int = 1) -> list[Member]:
    """The room once a batch of suggestions is counted in (step -1: taken out)."""
    load = Counter(i for pair in made for i in pair)
    return [
        dataclasses.replace(
            p,
            open_count=p.open_count + step * load[p.id],
            received=p.received + step * load[p.id],
        )
        if p.id in load
        else p
        for p in people
    ]


@settings(max_examples=200, deadline=None)
@given(rooms())
def test_reclaims_keep_every_rule(room: Room) -> None:
    people, blocked, focus = room
    weights = topic_weights(people)
    made = [(s.a, s.b) for s in suggest(people, blocked, focus, weights)]
    after = _after(people, made)
    by_id = {p.id: p for p in after}
    reclaims = reclaim_for_firsts(after, blocked | set(made), made, focus, weights)
    withdrawn = [r.withdraw for r in reclaims]
    assert len(set(withdrawn)) == len(withdrawn), "one suggestion withdrawn twice"
    served: Counter[int] = Counter()
    lost: Counter[int] = Counter()
    for r in reclaims:
        new = (r.instead.a, r.instead.b)
        assert r.withdraw in made, "only unanswered suggestions are withdrawn"
        assert new not in blocked and new not in made, "a pair suggested twice"
        a, b = by_id[r.instead.a], by_id[r.instead.b]
        assert a.available and b.available
        assert score_pair(a, b, weights) is not None, "no value both ways, no mentor"
        needy = [i for i in new if by_id[i].seeker and by_id[i].received == 0]
        assert len(needy) >= 1, "the freed place must give a seeker a first introduction"
        served[needy[0]] += 1
        holder = (set(new) & set(r.withdraw)).pop()
        (loser,) = set(r.withdraw) - {holder}
        lost[loser] += 1
        assert focus is None or needy[0] in focus
    assert all(n == 1 for n in served.values()), "a waiting seeker served twice"
    for pid, n in lost.items():
        assert by_id[pid].received - n >= 1, "someone lost their only introduction"
    assert all(pair_key(*w) == w for w in withdrawn)


# ---- the shortcuts change nothing ----------------------------------------------------


def original_reclaim(
    people: Sequence[Member],
    blocked: Collection[tuple[int, int]],
    unanswered: Collection[tuple[int, int]],
    focus: Collection[int] | None = None,
    weights: Mapping[str, float] | None = None,
) -> list[Reclaim]:
    """reclaim_for_firsts as first written (before its shortcuts), to compare against;
    with the warm tie-break since added (a holder sharing an acquaintance wins a tie).

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
        best: tuple[float, bool, tuple[int, int], int, Suggestion] | None = None
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
                if best is None or (s.score, warm(needy, holder)) > best[:2]:
                    best = (s.score, warm(needy, holder), pair, other, s)
        if best is None:
            continue
        _score, _warm, pair, loser, instead = best
        done.append(Reclaim(pair, instead))
        withdrawn.add(pair)
        taken.add((instead.a, instead.b))
        got[loser] -= 1
        got[needy.id] += 1
    return done


@settings(max_examples=300, deadline=None)
@given(rooms())
def test_same_reclaims_as_first_written(room: Room) -> None:
    people, blocked, focus = room
    weights = topic_weights(people)
    made = [(s.a, s.b) for s in suggest(people, blocked, focus, weights)]
    after = _after(people, made)
    # Also with unanswered suggestions made before, so that some seekers hold two.
    earlier = [(s.a, s.b) for s in suggest(after, blocked | set(made), None, weights)]
    after = _after(after, earlier)
    unanswered = made + earlier
    never = blocked | set(unanswered)
    for f in (focus, None):
        assert reclaim_for_firsts(after, never, unanswered, f, weights) == original_reclaim(
            after, never, unanswered, f, weights
        )


@pytest.mark.parametrize("seed", range(3))
def test_same_reclaims_as_first_written_as_people_arrive(seed: int) -> None:
    # Busy rooms with popular topics: many equal scores, so the order ties break in counts.
    people = [dataclasses.replace(p, open_count=0, received=0) for p in random_room(400, seed)[0]]
    weights = topic_weights(people)
    room: list[Member] = []
    unanswered: list[tuple[int, int]] = []
    compared = 0
    for p in people:
        room.append(p)
        made = [(s.a, s.b) for s in suggest(room, set(unanswered), {p.id}, weights)]
        room = _after(room, made)
        unanswered += made
        new = reclaim_for_firsts(room, set(unanswered), unanswered, {p.id}, weights)
        assert new == original_reclaim(room, set(unanswered), unanswered, {p.id}, weights)
        compared += bool(new)
        for r in new:
            unanswered.remove(r.withdraw)
            unanswered.append((r.instead.a, r.instead.b))
            room = _after(room, [(r.instead.a, r.instead.b)])
            room = _after(room, [r.withdraw], step=-1)
    assert compared > 10
