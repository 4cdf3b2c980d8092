"""Fairness across arrivals: a waiting seeker gets a place held by someone's second."""

from __future__ import annotations

import dataclasses
from collections import Counter

from hypothesis import given, settings

from mixer.matching import Person, pair_key, reclaim_for_firsts, score_pair, suggest, topic_weights
from tests.test_matching_suggest import Room, person, rooms


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


def _after(people: list[Person], made: list[tuple[int, int]]) -> list[Person]:
    """The room once a batch of suggestions is counted in."""
    load = Counter(i for pair in made for i in pair)
    return [
        dataclasses.replace(
            p, open_count=p.open_count + load[p.id], received=p.received + load[p.id]
        )
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
