"""Re-balance: the rules by example, the optimum against brute force, then invariants."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixer.matching import Member, pair_key, score_pair, suggest, topic_weights
from mixer.matching.bound import plan_bound
from mixer.matching.rebalance_plan import KEEP_BONUS, rebalance
from tests.engine.test_matching_suggest import Room, person, rooms

Pair = tuple[int, int]


def arrive(people: list[Member], blocked: set[Pair]) -> tuple[list[Member], list[Pair]]:
    """Continuous mode: people arrive one by one and each gets suggestions at once."""
    room: dict[int, Member] = {}
    made: list[Pair] = []
    for p in people:
        room[p.id] = p
        for s in suggest(list(room.values()), blocked | set(made), focus={p.id}):
            made.append((s.a, s.b))
            for i in (s.a, s.b):
                q = room[i]
                room[i] = dataclasses.replace(
                    q, open_count=q.open_count + 1, received=q.received + 1
                )
    return list(room.values()), made


def served(people: list[Member], pairs: list[Pair], held: Counter[int]) -> int:
    """Seekers with an introduction once the unanswered ones are these `pairs`."""
    got = Counter(i for pair in pairs for i in pair)
    return sum(p.seeker and (p.received - held[p.id] + got[p.id] > 0) for p in people)


def total(people: list[Member], pairs: list[Pair]) -> float:
    by_id = {p.id: p for p in people}
    weights = topic_weights(people)
    return sum(score_pair(by_id[a], by_id[b], weights).score for a, b in pairs)  # type: ignore[union-attr]


# ---- rules by example ------------------------------------------------------------------


def test_a_late_seeker_gets_the_place_an_early_one_did_not_need() -> None:
    # The early seeker took the giver's only place, though a second giver suits them
    # almost as well; the late seeker can only meet the first giver.
    early = person(1, "seek", "design", "hiring python", capacity=1)
    giver = person(2, "give", "hiring python", "design", capacity=1)
    late = person(4, "seek", "design", "python")
    other = person(3, "give", "hiring", "design", capacity=1)
    people, made = arrive([early, giver, late, other], set())
    assert made == [(1, 2)]
    r = rebalance(people, made, set(made))
    assert r.withdraw == [(1, 2)]
    assert sorted((s.a, s.b) for s in r.make) == [(1, 3), (2, 4)]
    assert r.served[1] == r.served[0] + 1


def test_a_first_introduction_beats_more_value_for_someone_served() -> None:
    giver = person(1, "give", "hiring python", mentor=True, capacity=1)
    served_already = person(2, "seek", "", "hiring python", received=1)
    waiting = person(3, "seek", "", "python")
    people = [giver, served_already, waiting]
    weights = topic_weights(people)
    assert (
        score_pair(giver, served_already, weights).score > score_pair(giver, waiting, weights).score
    )  # type: ignore[union-attr]
    r = rebalance(people, [], set())
    assert [(s.a, s.b) for s in r.make] == [(1, 3)] and r.served == (1, 2)
    # The same when the place is held by an unanswered suggestion to the served seeker.
    held = [dataclasses.replace(giver, open_count=1), served_already, waiting]
    held[1] = dataclasses.replace(served_already, open_count=1, received=2)
    r = rebalance(held, [(1, 2)], {(1, 2)})
    assert r.withdraw == [(1, 2)] and [(s.a, s.b) for s in r.make] == [(1, 3)]


def test_accepted_and_blocked_pairs_stay_as_they_are() -> None:
    early = person(1, "seek", "design", "hiring python", open_count=1, received=1)
    giver = person(2, "give", "hiring python", "design", capacity=1, open_count=1, received=1)
    late = person(4, "seek", "design", "python")
    other = person(3, "give", "hiring", "design", capacity=1)
    # (1, 2) accepted: not unanswered, so it cannot move; (3, 4) has no value.
    assert rebalance([early, giver, late, other], [], {(1, 2)}).make == [
        score_pair(early, other, topic_weights([early, giver, late, other]))
    ]
    # Blocked (they know each other): the late seeker may not meet the giver.
    r = rebalance([early, giver, late, other], [(1, 2)], {(1, 2), (2, 4)})
    assert r.withdraw == [] and all((s.a, s.b) != (2, 4) for s in r.make)


def test_small_gains_do_not_reshuffle_what_people_see() -> None:
    a = person(1, "seek", "design", "hiring python", capacity=1, open_count=1, received=1)
    b = person(2, "give", "hiring python", "design", capacity=1, open_count=1, received=1)
    c = person(3, "give", "hiring python", "design", capacity=1)
    # Swapping (1, 2) for (1, 3) gains nothing: nobody is withdrawn.
    r = rebalance([a, b, c], [(1, 2)], {(1, 2)})
    assert r.withdraw == [] and r.make == []
    # A better giver arrives: worth a swap, unless the bar is set higher than the gain.
    d = person(4, "give", "hiring python sql", "design ml", capacity=1)
    a = dataclasses.replace(a, seeks=frozenset({"hiring", "python", "sql"}))
    assert rebalance([a, b, c, d], [(1, 2)], {(1, 2)}, min_gain=10.0).withdraw == []
    r = rebalance([a, b, c, d], [(1, 2)], {(1, 2)})
    assert r.withdraw == [(1, 2)] and [(s.a, s.b) for s in r.make] == [(1, 4)]
    assert r.value[1] > r.value[0] and r.served == (1, 1)


# ---- the optimum on tiny rooms --------------------------------------------------------


def best_plan(people: list[Member], options: list[Pair], free: dict[int, int]) -> tuple[int, float]:
    """Brute force: (seekers served, value) of the best set of options within places."""
    held = Counter[int]()
    best = (-1, 0.0)
    for r in range(len(options) + 1):
        for chosen in combinations(options, r):
            load = Counter(i for pair in chosen for i in pair)
            if all(load[i] <= free[i] for i in load):
                best = max(best, (served(people, list(chosen), held), total(people, list(chosen))))
    return best


# Rooms where settling only the pairs the LP left at half lost value or a seeker: the LP
# took (3, 10) whole beside the half cycle 1-3-6; it left (2, 5) at nought, and (5, 6) at
# nought next to a whole pair the cycle's settlement gave up.
HALF_CYCLE_ROOMS = [
    [
        person(1, "give", "hiring python", "hiring", capacity=1),
        person(3, "give", "hiring python", "hiring python", capacity=2),
        person(6, "give", "hiring", "hiring python", capacity=1),
        person(10, "give", "hiring", "hiring", capacity=1),
    ],
    [
        person(1, "give", "hiring", "hiring", capacity=1, mentor=True),
        person(2, "give", "", "hiring", capacity=1),
        person(3, "seek", "", "hiring", capacity=1),
        person(5, "give", "hiring", "hiring", capacity=1, mentor=True),
    ],
    [
        person(1, "give", "hiring design", "sql", capacity=2),
        person(5, "give", "", "hiring", capacity=1),
        person(6, "give", "hiring python sql", "hiring", capacity=1, mentor=True),
        person(8, "seek", "sql design", "", capacity=1, mentor=True),
        person(9, "give", "hiring python sql", "design", capacity=1),
    ],
]


@pytest.mark.parametrize("people", HALF_CYCLE_ROOMS, ids=["whole", "left-out", "next-door"])
def test_a_half_cycle_is_settled_with_the_pairs_around_it(people: list[Member]) -> None:
    weights = topic_weights(people)
    options = [(x.id, y.id) for x, y in combinations(people, 2) if score_pair(x, y, weights)]
    want = best_plan(people, options, {p.id: p.free for p in people})
    r = rebalance(people, [], set(), min_gain=0.0)
    got = [(s.a, s.b) for s in r.make]
    assert (served(people, got, Counter()), total(people, got)) == pytest.approx(want)


@settings(max_examples=60, deadline=None)
@given(rooms())
def test_reaches_the_brute_force_optimum(room: Room) -> None:
    people, blocked, _ = room
    people = [p for p in people if p.available][:7]  # at most 6 partners each: all shortlisted
    weights = topic_weights(people)
    options = [
        (x.id, y.id)
        for x, y in combinations(people, 2)
        if pair_key(x.id, y.id) not in blocked and score_pair(x, y, weights)
    ]
    if len(options) > 12:
        return
    free = {p.id: p.free for p in people}
    want = best_plan(people, options, free)
    r = rebalance(people, [], blocked, min_gain=0.0)
    got = [(s.a, s.b) for s in r.make]
    assert served(people, got, Counter()) == want[0] == r.served[1]
    assert total(people, got) >= want[1] * (1 - KEEP_BONUS) - 1e-9


# ---- invariants over random rooms -----------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(rooms(), st.sets(st.integers(0, 40)))
def test_every_rule_holds(room: Room, accept: set[int]) -> None:
    people, blocked, _ = room
    people, made = arrive(people, blocked)
    accepted = {pair for k, pair in enumerate(made) if k in accept}
    unanswered = [pair for pair in made if pair not in accepted]
    never = blocked | set(made)
    by_id = {p.id: p for p in people}
    weights = topic_weights(people)
    r = rebalance(people, unanswered, never, weights, min_gain=0.0)

    assert set(r.withdraw) <= set(unanswered), "only unanswered suggestions are withdrawn"
    new = [(s.a, s.b) for s in r.make]
    assert len(set(new)) == len(new)
    for s in r.make:
        assert (s.a, s.b) not in never, "a blocked or already-made pair"
        assert by_id[s.a].available and by_id[s.b].available
        assert s == score_pair(by_id[s.a], by_id[s.b], weights)
    change = Counter(i for pair in new for i in pair)
    change.subtract(i for pair in r.withdraw for i in pair)
    for pid, delta in change.items():
        p = by_id[pid]
        assert delta <= 0 or p.open_count + delta <= p.capacity, "capacity exceeded"
    held = Counter(i for pair in unanswered for i in pair)
    after = [pair for pair in unanswered if pair not in r.withdraw] + new
    before_served, after_served = served(people, unanswered, held), served(people, after, held)
    assert after_served >= before_served, "fewer seekers served"
    if after_served == before_served:  # serving one more seeker may cost value, nothing else
        assert total(people, after) >= total(people, unanswered) - 1e-9, "value dropped"
    assert r.served == (served(people, unanswered, held), served(people, after, held))


# ---- the proven bound -----------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(rooms())
def test_bound_is_above_the_brute_force_optimum(room: Room) -> None:
    people, blocked, _ = room
    people = [p for p in people if p.available][:7]
    weights = topic_weights(people)
    options = [
        (x.id, y.id)
        for x, y in combinations(people, 2)
        if pair_key(x.id, y.id) not in blocked and score_pair(x, y, weights)
    ]
    if len(options) > 12:
        return
    free = {p.id: p.free for p in people}
    served_best, value_best = best_plan(people, options, free)
    already = sum(p.seeker and p.received > 0 for p in people)
    bound = plan_bound(people, blocked, weights, partners=2)  # a short list: pricing must add
    assert bound.served >= served_best - already
    assert bound.value_for(served_best - already) >= value_best - 1e-9


@pytest.mark.parametrize("seed", range(3))
def test_bound_meets_the_plan_between_givers_and_seekers(seed: int) -> None:
    # Givers offer what seekers seek and the reverse: the LP optimum is a plan, so the
    # bound, once no pair outside the shortlist pays, is what rebalance finds when it
    # may use every pair; on its shortlist it comes within a hair.
    rng = random.Random(seed)
    hire, skill = [f"h{i}" for i in range(12)], [f"s{i}" for i in range(12)]
    people = [
        Member(i, "give", frozenset(rng.sample(hire, 2)), frozenset(rng.sample(skill, 2)), 3)
        if i % 4 == 0
        else Member(i, "seek", frozenset(rng.sample(skill, 2)), frozenset(rng.sample(hire, 2)), 1)
        for i in range(1, 301)
    ]  # fmt: skip
    weights = topic_weights(people)
    bound = plan_bound(people, set(), weights, partners=3)
    r = rebalance(people, [], set(), weights, partners=len(people))
    assert bound.exact and bound.served == r.served[1]
    assert r.value[1] == pytest.approx(bound.value_for(r.served[1]), rel=1e-6)
    short = rebalance(people, [], set(), weights)
    assert short.served == r.served and short.value[1] >= 0.999 * r.value[1]
    # From each person's single best partner, LP prices bring in every pair needed.
    grown = rebalance(people, [], set(), weights, partners=1, rounds=30)
    assert grown.served == r.served and grown.value[1] == pytest.approx(r.value[1], rel=1e-9)
    assert rebalance(people, [], set(), weights, partners=1, rounds=1).value[1] < r.value[1]
