"""Rounds: the rules by example, the optimum against brute force, the large-room path."""

from __future__ import annotations

import random
from collections.abc import Collection
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixer.matching import Member, RoundPlan, pair_key, plan_round, score_pair, topic_weights
from mixer.matching.pairs import pair_values

Blocked = set[tuple[int, int]]


def person(pid: int, intent: str, offers: str = "", seeks: str = "", **kw: object) -> Member:
    """A person from space-separated tags; capacity as the event would set it."""
    kw.setdefault("capacity", 3 if intent == "give" else 2)
    return Member(pid, intent, frozenset(offers.split()), frozenset(seeks.split()), **kw)  # type: ignore[arg-type]


def members(plan: RoundPlan) -> list[tuple[int, ...]]:
    return [g.members for g in plan.groups]


def worth(group: Collection[int], by_id: dict[int, Member], weights: dict[str, float]) -> float:
    """A group's value as continuous mode scores it: the sum over its pairs, 0 for none."""
    scored = (score_pair(by_id[x], by_id[y], weights) for x, y in combinations(sorted(group), 2))
    return sum(s.score if s else 0.0 for s in scored)


def check_rules(
    plan: RoundPlan, people: list[Member], blocked: Collection[tuple[int, int]]
) -> None:
    """Everything a plan must satisfy, whichever path made it."""
    by_id = {p.id: p for p in people}
    weights = topic_weights(people)
    never = {pair_key(*b) for b in blocked}
    placed = [i for g in plan.groups for i in g.members]
    present = sorted(p.id for p in people if p.available)
    assert sorted(placed + plan.unpaired) == present, "someone twice, missing or absent"
    assert plan.unpaired == sorted(plan.unpaired)
    trios = [g for g in plan.groups if len(g.members) == 3]
    assert len(trios) <= 1 and bool(trios) == (len(placed) % 2 == 1), "a trio only when odd"
    for g in plan.groups:
        assert len(g.members) in (2, 3) and list(g.members) == sorted(g.members)
        assert not any(pair in never for pair in combinations(g.members, 2)), "a blocked pair"
        assert g.score == pytest.approx(worth(g.members, by_id, weights), abs=1e-9)
    assert plan.total == pytest.approx(sum(g.score for g in plan.groups), abs=1e-9)
    assert plan.exact == (plan.upper_bound is None)
    if plan.upper_bound is not None:
        assert plan.total <= plan.upper_bound + 1e-9


# ---- rules by example ------------------------------------------------------------------


def test_two_people_meet_and_three_make_the_trio() -> None:
    pair = [person(1, "seek", "design", "hiring"), person(2, "give", "hiring", "design")]
    plan = plan_round(pair, set())
    assert members(plan) == [(1, 2)] and plan.unpaired == [] and plan.exact
    trio = [*pair, person(3, "seek", "sql", "hiring")]
    assert members(plan_round(trio, set())) == [(1, 2, 3)]


def test_pairs_of_no_value_still_give_everyone_a_partner() -> None:
    room = [person(i, "seek", f"tag{i}", f"other{i}") for i in range(1, 5)]
    plan = plan_round(room, set())
    assert len(plan.groups) == 2 and plan.unpaired == []
    assert plan.total == 0.0 and all(g.score == 0.0 for g in plan.groups)


def test_givers_meet_givers_and_both_meets_anyone() -> None:
    room = [
        person(1, "give", "hiring", "python"),
        person(2, "give", "python", "hiring"),
        person(3, "both", "design", "sql"),
        person(4, "both", "sql", "design"),
    ]
    assert members(plan_round(room, set())) == [(1, 2), (3, 4)]


def test_blocked_pairs_are_never_formed_in_either_order() -> None:
    room = [
        person(1, "seek", "design", "hiring"),
        person(2, "give", "hiring", "design"),
        person(3, "seek", "sql", "ml"),
        person(4, "give", "ml", "sql"),
    ]
    assert members(plan_round(room, set())) == [(1, 2), (3, 4)]
    assert members(plan_round(room, {(2, 1), (4, 3)})) in ([(1, 3), (2, 4)], [(1, 4), (2, 3)])


def test_someone_everyone_has_met_sits_out_and_is_reported() -> None:
    room = [person(i, "seek", "a", "a") for i in range(1, 5)]
    plan = plan_round(room, {(1, 2), (1, 3), (1, 4)})
    assert plan.unpaired == [1] and members(plan) == [(2, 3, 4)]


def test_absent_people_are_left_out_and_capacity_does_not_matter() -> None:
    room = [
        person(1, "give", "hiring", "design", capacity=0),
        person(2, "seek", "design", "hiring", open_count=2),
        person(3, "seek", "design", "hiring", available=False),
    ]
    plan = plan_round(room, set())
    assert members(plan) == [(1, 2)] and plan.unpaired == []
    assert plan_round([], set()) == RoundPlan([], [], 0.0, None, True)


def test_everyone_having_a_partner_comes_before_value() -> None:
    # 1 and 2 are the best pair, but then 3 and 4, who may only meet 1 or 2, sit out.
    room = [
        person(1, "both", "hiring python", "design sql"),
        person(2, "both", "design sql", "hiring python"),
        person(3, "seek", "", "hiring"),
        person(4, "seek", "", "design"),
    ]
    plan = plan_round(room, {(3, 4), (2, 3), (1, 4)})
    assert members(plan) == [(1, 3), (2, 4)] and plan.exact


def test_the_trio_is_not_just_the_odd_one_out_added_to_a_pair() -> None:
    # 2 is worth meeting for both 4 and 5, who have nothing for each other; 1 and 3 list
    # nothing. The best pairs hold one of 4 and 5 with 2, and whoever is left over adds
    # nothing to any pair (3.43). The best plan puts 2, 4 and 5 together (6.85).
    room = [
        person(1, "seek"),
        person(2, "give", "python", "design hiring"),
        person(3, "seek"),
        person(4, "seek", "design", "python"),
        person(5, "seek", "hiring", "python"),
    ]
    plan = plan_round(room, set())
    assert members(plan) == [(1, 3), (2, 4, 5)] and plan.exact
    assert plan.total == pytest.approx(brute_force(room, set(), topic_weights(room))[1])
    assert plan_round(room, set(), exact_limit=0) == plan


def test_no_pointless_pair_while_a_valued_plan_exists() -> None:
    # 1 and 2 are the best pair (both ways), but then 3 and 4, who have nothing for each
    # other, would meet for nothing. Pairing 1 with 3 and 2 with 4 gives all four
    # something to talk about: worth less in total, but nobody's ten minutes are wasted.
    room = [
        person(1, "both", "hiring python", "design sql"),
        person(2, "both", "design sql", "hiring python"),
        person(3, "seek", "sql", "hiring"),
        person(4, "seek", "python", "design"),
    ]
    plan = plan_round(room, set())
    assert members(plan) == [(1, 3), (2, 4)] and plan.exact
    assert all(g.score > 0 for g in plan.groups)
    # The large-room path (value alone, then a repair) comes to the same pairs.
    large = plan_round(room, set(), exact_limit=0)
    assert sorted(members(large)) == [(1, 3), (2, 4)]


def test_a_large_room_leaves_no_pointless_pair_a_swap_would_fix() -> None:
    rng = random.Random(11)
    room = realistic_room(rng, 301)
    blocked = {pair_key(*rng.sample(range(1, 302), 2)) for _ in range(300)}
    plan = plan_round(room, blocked)
    by_id = {p.id: p for p in room}
    weights = topic_weights(room)
    check_rules(plan, room, blocked)

    def valued(x: int, y: int) -> bool:
        scored = score_pair(by_id[x], by_id[y], weights)
        return pair_key(x, y) not in blocked and scored is not None and scored.score > 0

    pairs = [g.members for g in plan.groups if len(g.members) == 2]
    for a, b in (pair for pair in pairs if not valued(*pair)):
        for c, d in (pair for pair in pairs if valued(*pair)):
            assert not (valued(a, c) and valued(b, d)), ((a, b), (c, d))
            assert not (valued(a, d) and valued(b, c)), ((a, b), (c, d))


def test_a_pair_of_no_value_only_when_the_room_leaves_no_other_choice() -> None:
    room = [
        person(1, "both", "hiring", "design"),
        person(2, "both", "design", "hiring"),
        person(3, "seek", "", "sales"),
        person(4, "seek", "", "legal"),
    ]
    plan = plan_round(room, set())
    assert members(plan) == [(1, 2), (3, 4)] and [g.score > 0 for g in plan.groups] == [True, False]


def test_the_plan_does_not_depend_on_input_order() -> None:
    rng = random.Random(3)
    room = realistic_room(rng, 41)
    blocked = {pair_key(*rng.sample(range(1, 42), 2)) for _ in range(40)}
    shuffled = room[:]
    rng.shuffle(shuffled)
    flipped = {(y, x) for x, y in blocked}
    for limit in (120, 0):
        plan = plan_round(room, blocked, exact_limit=limit)
        assert plan_round(shuffled, flipped, exact_limit=limit) == plan
        assert plan_round(room, blocked, exact_limit=limit) == plan


def test_pair_values_are_what_score_pair_says() -> None:
    rng = random.Random(5)
    room = realistic_room(rng, 60)
    weights = topic_weights(room)
    values = pair_values(room, weights)
    for (i, x), (j, y) in combinations(enumerate(room), 2):
        scored = score_pair(x, y, weights)
        assert values[i, j] == pytest.approx(scored.score if scored else 0.0, abs=1e-12)
        assert values[j, i] == pytest.approx(values[i, j], abs=1e-12)


# ---- the optimum, against brute force ------------------------------------------------


def brute_force(
    people: list[Member],
    blocked: Collection[tuple[int, int]],
    weights: dict[str, float],
    *,
    valued_first: bool = True,
) -> tuple[int, float, int]:
    """Most people placed, then (`valued_first`) the most valued pairs, then most value.

    Over every plan of pairs and at most one trio. `valued_first` False: the order of the
    large-room path, which looks at value alone after placing people.
    """
    here = sorted(p.id for p in people if p.available)
    by_id = {p.id: p for p in people}
    never = {pair_key(*b) for b in blocked}
    best = (0, 0, 0.0)

    def ok(*group: int) -> bool:
        return not any(pair_key(*pair) in never for pair in combinations(group, 2))

    def valued(group: tuple[int, ...]) -> int:
        if not valued_first:
            return 0
        return sum(worth(pair, by_id, weights) > 0 for pair in combinations(group, 2))

    def walk(rest: list[int], trio_free: bool, placed: int, good: int, total: float) -> None:
        nonlocal best
        if not rest:
            if (placed, good, total) > (best[0], best[1], best[2] + 1e-9):
                best = (placed, good, total)
            return
        first, others = rest[0], rest[1:]
        walk(others, trio_free, placed, good, total)  # first sits out
        for k, second in enumerate(others):
            if not ok(first, second):
                continue
            after = others[:k] + others[k + 1 :]
            pair = (first, second)
            walk(
                after,
                trio_free,
                placed + 2,
                good + valued(pair),
                total + worth(pair, by_id, weights),
            )
            for m, third in enumerate(after if trio_free else []):
                if ok(first, second, third):
                    group = (first, second, third)
                    rest3 = after[:m] + after[m + 1 :]
                    g = good + valued(group)
                    walk(rest3, False, placed + 3, g, total + worth(group, by_id, weights))

    walk(here, True, 0, 0, 0.0)
    return best[0], best[2], best[1]


def valued_pairs(plan: RoundPlan, people: list[Member], weights: dict[str, float]) -> int:
    """Pairs of value within the plan's groups (a trio holds three pairs)."""
    by_id = {p.id: p for p in people}
    pairs = [pair for g in plan.groups for pair in combinations(g.members, 2)]
    return sum(worth(pair, by_id, weights) > 0 for pair in pairs)


TAGS = ["hiring", "python", "design", "sql", "ml", "rust"]


@st.composite
def small_rooms(draw: st.DrawFn) -> tuple[list[Member], Blocked]:
    """Up to ten people, few topics, and sometimes many blocked pairs."""
    n = draw(st.integers(0, 10))
    tags = st.frozensets(st.sampled_from(TAGS), max_size=3)
    people = [
        Member(
            id=pid,
            intent=draw(st.sampled_from(["give", "seek", "both"])),
            offers=draw(tags),
            seeks=draw(tags),
            capacity=2,
            mentor=draw(st.booleans()),
            available=draw(st.integers(0, 9)) > 0,
        )
        for pid in range(1, n + 1)
    ]
    ids = st.integers(1, max(n, 1))
    blocked = draw(st.sets(st.tuples(ids, ids).map(lambda p: pair_key(*p)), max_size=3 * n))
    return people, blocked


@settings(max_examples=150, deadline=None)
@given(small_rooms())
def test_exact_plan_is_the_brute_force_optimum(room: tuple[list[Member], Blocked]) -> None:
    people, blocked = room
    weights = topic_weights(people)
    plan = plan_round(people, blocked, weights)
    check_rules(plan, people, blocked)
    placed, best, good = brute_force(people, blocked, weights)
    got = sum(len(g.members) for g in plan.groups)
    if plan.exact:
        assert (got, plan.total) == (placed, pytest.approx(best, abs=1e-9))
        assert valued_pairs(plan, people, weights) == good
    else:  # only when blocked pairs leave several out: then it says how far it may be
        assert got <= placed and plan.upper_bound is not None
        assert best <= plan.upper_bound + 1e-9
    if not blocked:
        assert plan.exact


@settings(max_examples=150, deadline=None)
@given(small_rooms())
def test_large_room_path_keeps_the_rules_and_its_bound(room: tuple[list[Member], Blocked]) -> None:
    people, blocked = room
    weights = topic_weights(people)
    plan = plan_round(people, blocked, weights, exact_limit=0)
    check_rules(plan, people, blocked)
    placed, best, _good = brute_force(people, blocked, weights, valued_first=False)
    got = sum(len(g.members) for g in plan.groups)
    assert got <= placed
    if plan.exact:
        assert (got, plan.total) == (placed, pytest.approx(best, abs=1e-9))
    else:
        assert plan.upper_bound is not None and best <= plan.upper_bound + 1e-9
        assert got < placed or plan.total <= best + 1e-9


# ---- rounds after rounds, and the large-room path on realistic rooms ------------------

TOPICS = [f"topic-{i:02d}" for i in range(40)]
POPULARITY = [1 / (rank + 1) for rank in range(len(TOPICS))]  # a few popular, a long tail


def realistic_room(rng: random.Random, n: int) -> list[Member]:
    """Mostly seekers, some givers (half of them mentors), a few "both"."""
    people = []
    for pid in range(1, n + 1):
        intent = rng.choices(["seek", "give", "both"], weights=[6, 3, 1])[0]
        people.append(
            Member(
                pid,
                intent,
                frozenset(rng.choices(TOPICS, POPULARITY, k=rng.randint(1, 4))),
                frozenset(rng.choices(TOPICS, POPULARITY, k=rng.randint(1, 4))),
                capacity=2,
                mentor=intent == "give" and rng.random() < 0.5,
            )
        )
    return people


def run_rounds(
    people: list[Member], known: Blocked, rounds: int, exact_limit: int
) -> list[RoundPlan]:
    """Several rounds, each one's pairs blocked for the next, as the app does."""
    blocked = set(known)
    plans = []
    for _ in range(rounds):
        plan = plan_round(people, blocked, exact_limit=exact_limit)
        check_rules(plan, people, blocked)
        plans.append(plan)
        blocked |= {pair_key(*p) for g in plan.groups for p in combinations(g.members, 2)}
    return plans


@pytest.mark.parametrize(("n", "exact_limit"), [(24, 120), (37, 120), (150, 0), (151, 0)])
def test_no_pair_ever_meets_twice(n: int, exact_limit: int) -> None:
    rng = random.Random(n)
    people = realistic_room(rng, n)
    known = {pair_key(*rng.sample(range(1, n + 1), 2)) for _ in range(n)}
    met: set[tuple[int, int]] = set()
    for plan in run_rounds(people, known, 4, exact_limit):
        pairs = {pair_key(*p) for g in plan.groups for p in combinations(g.members, 2)}
        assert not pairs & met and not pairs & known
        met |= pairs
        assert plan.unpaired == []  # with this much choice everyone always has a partner


def test_large_room_path_is_near_its_bound_and_the_optimum() -> None:
    # Measured over many seeds: rooms of 100 or more reach >= 98 % of the bound (value
    # alone). Under 100, trading partners away from pairs of no value costs up to ~6 % of
    # value (as valued-first costs the exact path), and odd rooms' bounds are loose.
    rng = random.Random(11)
    ratios, versus_exact = [], []
    for n in [30, 31, 45, 64, 77, 100, 121, 150, 175, 200]:
        people = realistic_room(rng, n)
        for plan in run_rounds(people, set(), 3, exact_limit=0):
            ratio = plan.total / (plan.upper_bound or plan.total)
            assert ratio >= (0.94 if n < 100 else 0.98), (n, ratio)
            ratios.append(ratio)
        if n <= 121:
            exact = plan_round(people, set(), exact_limit=n)
            assert exact.exact or n == 121  # the trio search may stop short there: bounded
            # Valued pairs first may cost the exact path some value: the cover's plan can
            # be worth more, with more pairs of no value.
            zero = sum(g.score == 0 for g in exact.groups)
            assert zero <= sum(
                g.score == 0 for g in plan_round(people, set(), exact_limit=0).groups
            )
            versus_exact.append(plan_round(people, set(), exact_limit=0).total / exact.total)
    assert float(np.mean(ratios)) >= 0.99
    assert min(versus_exact) >= 0.985
