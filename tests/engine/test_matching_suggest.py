"""Suggestions: the rules by example, then their invariants over random rooms."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection

from hypothesis import given, settings
from hypothesis import strategies as st

from mixer.matching import Member, Suggestion, pair_key, score_pair, suggest, topic_weights


def person(pid: int, intent: str, offers: str = "", seeks: str = "", **kw: object) -> Member:
    """A person from space-separated tags; capacity defaults as the event does."""
    kw.setdefault("capacity", 3 if intent == "give" else 2)
    return Member(pid, intent, frozenset(offers.split()), frozenset(seeks.split()), **kw)  # type: ignore[arg-type]


def pairs(made: list[Suggestion]) -> list[tuple[int, int]]:
    return [(s.a, s.b) for s in made]


# ---- rules by example ------------------------------------------------------------------


def test_two_way_pair_is_found_with_each_sides_topics() -> None:
    room = [person(1, "seek", "design", "hiring"), person(2, "give", "hiring", "design")]
    [s] = suggest(room, set())
    assert (s.a, s.b, s.a_gets, s.b_gets, s.one_way) == (1, 2, ("hiring",), ("design",), False)
    assert s == score_pair(room[0], room[1], topic_weights(room))


def test_one_way_only_with_a_mentor_or_a_giver_seeking_nothing() -> None:
    seeker = person(1, "seek", "", "hiring")
    assert suggest([seeker, person(2, "give", "hiring", "design")], set()) == []
    [s] = suggest([seeker, person(2, "give", "hiring", "design", mentor=True)], set())
    assert s.one_way and s.a_gets == ("hiring",) and s.b_gets == ()
    [s] = suggest([seeker, person(2, "give", "hiring")], set())  # came to give
    assert s.one_way and s.a_gets == ("hiring",)


def test_capacity_counts_open_introductions() -> None:
    giver = person(1, "give", "hiring", "design", capacity=2, open_count=1)
    seekers = [person(i, "seek", "design", "hiring") for i in range(2, 6)]
    assert len(suggest([giver, *seekers], set())) == 1
    full = person(1, "give", "hiring", "design", capacity=2, open_count=2)
    assert suggest([full, *seekers], set()) == []


def test_blocked_pair_is_never_suggested_in_either_order() -> None:
    room = [person(1, "seek", "design", "hiring"), person(2, "give", "hiring", "design")]
    assert suggest(room, {(1, 2)}) == []
    assert suggest(room, {(2, 1)}) == []


def test_unavailable_people_are_never_suggested() -> None:
    room = [
        person(1, "give", "hiring", "design"),
        person(2, "seek", "design", "hiring", available=False),
    ]
    assert suggest(room, set()) == []
    assert suggest(room, set(), focus={2}) == []


def test_never_self() -> None:
    assert suggest([person(1, "both", "python", "python", mentor=True)], set()) == []


def test_focus_limits_pairs_to_those_touching_it() -> None:
    room = [
        person(1, "give", "hiring", "design"),
        person(2, "seek", "design", "hiring"),
        person(3, "give", "hiring", "design"),
        person(4, "seek", "design", "hiring"),
    ]
    made = suggest(room, set(), focus={4})
    assert made and all(4 in pair for pair in pairs(made))
    assert suggest(room, set(), focus={99}) == []
    assert suggest(room, set(), focus=set()) == []


def test_focus_on_both_sides_of_a_pair_suggests_it_once() -> None:
    room = [person(1, "seek", "design", "hiring"), person(2, "give", "hiring", "design")]
    assert pairs(suggest(room, set(), focus={1, 2})) == [(1, 2)]


def test_needy_seeker_gets_a_givers_last_place() -> None:
    giver = person(1, "give", "hiring python rust", "design sql", capacity=1)
    served = person(2, "seek", "design sql", "hiring python rust", received=1, open_count=1)
    waiting = person(3, "seek", "design", "hiring")
    room = [giver, served, waiting]
    weights = topic_weights(room)
    # Greedy by score alone would hand the place to the seeker who already has one.
    greedy_pick = score_pair(giver, served, weights)
    fair_pick = score_pair(giver, waiting, weights)
    assert greedy_pick is not None and fair_pick is not None
    assert greedy_pick.score > fair_pick.score
    assert pairs(suggest(room, set())) == [(1, 3)]


def test_neediness_is_rechecked_as_the_batch_grows() -> None:
    # Seeker 1 is needy at first, so both of their pairs rank as "first introduction".
    # Once giver 2 serves them, their pair with giver 3 is only a second, and seeker 4,
    # still waiting, must get giver 3's only place even though it scores lower.
    room = [
        person(1, "seek", "design", "hiring python"),
        person(2, "give", "hiring python", "design", capacity=1),
        person(3, "give", "hiring python", "design", capacity=1),
        person(4, "seek", "design", "hiring"),
    ]
    assert pairs(suggest(room, set())) == [(1, 2), (3, 4)]


def test_pair_of_two_needy_seekers_ranks_first() -> None:
    room = [
        person(1, "both", "design", "hiring python", capacity=1),
        person(2, "give", "hiring python", "design"),
        person(3, "both", "hiring", "design"),
    ]
    weights = topic_weights(room)
    lone, double = score_pair(room[0], room[1], weights), score_pair(room[0], room[2], weights)
    assert lone is not None and double is not None and lone.score > double.score
    assert pairs(suggest(room, set()))[0] == (1, 3)


def test_higher_score_first_within_a_tier_and_ids_break_ties() -> None:
    seeker = person(1, "seek", "design", "hiring python", capacity=3)
    room = [
        seeker,
        person(4, "give", "hiring", "design"),
        person(3, "give", "hiring", "design"),
        person(2, "give", "hiring python", "design"),
    ]
    assert pairs(suggest(room, set())) == [(1, 2), (1, 3), (1, 4)]


def test_two_way_wins_over_one_way_for_the_last_place() -> None:
    room = [
        person(1, "seek", "design", "hiring", capacity=1),
        person(2, "give", "hiring", mentor=True),
        person(3, "give", "hiring", "design"),
    ]
    assert pairs(suggest(room, set())) == [(1, 3)]


def test_weights_default_to_everyone_present_or_not() -> None:
    room = [
        person(1, "seek", "design", "hiring"),
        person(2, "give", "hiring", "design"),
        person(3, "give", "hiring", available=False),
    ]
    [s] = suggest(room, set())
    assert s == score_pair(room[0], room[1], topic_weights(room))
    [t] = suggest(room, set(), weights={"hiring": 5.0, "design": 1.0})
    assert t.score == 6.0


# ---- invariants over random rooms ------------------------------------------------------

TAGS = ["hiring", "python", "design", "sql", "ml"]
Room = tuple[list[Member], set[tuple[int, int]], set[int] | None]


@st.composite
def rooms(draw: st.DrawFn) -> Room:
    """Small rooms with few topics and scarce places, so that seekers compete for them."""
    n = draw(st.integers(0, 25))
    tags = st.frozensets(st.sampled_from(TAGS), max_size=3)
    people = [
        Member(
            id=pid,
            intent=draw(st.sampled_from(["give", "seek", "both"])),
            offers=draw(tags),
            seeks=draw(tags),
            capacity=draw(st.sampled_from([0, 1, 1, 1, 2, 3])),
            open_count=draw(st.sampled_from([0, 0, 0, 1, 2])),
            received=draw(st.sampled_from([0, 0, 0, 1, 2])),
            mentor=draw(st.booleans()),
            available=draw(st.integers(0, 9)) > 0,
        )
        for pid in range(1, n + 1)
    ]
    ids = st.integers(1, max(n, 1))
    blocked = draw(st.sets(st.tuples(ids, ids).map(lambda p: pair_key(*p)), max_size=2 * n))
    focus = draw(st.none() | st.sets(st.integers(0, n + 1), max_size=4))
    return people, blocked, focus


def eligible(
    x: Member, y: Member, blocked: Collection[tuple[int, int]], focus: Collection[int] | None
) -> bool:
    """Whether this call was allowed to consider the pair at all (value aside)."""
    return (
        x.id != y.id
        and x.available
        and y.available
        and pair_key(x.id, y.id) not in blocked
        and (focus is None or x.id in focus or y.id in focus)
    )


@settings(max_examples=200, deadline=None)
@given(rooms())
def test_every_rule_holds(room: Room) -> None:
    people, blocked, focus = room
    by_id = {p.id: p for p in people}
    weights = topic_weights(people)
    made = suggest(people, blocked, focus)
    load = Counter(i for s in made for i in (s.a, s.b))

    assert len(set(pairs(made))) == len(made), "a pair twice"
    for s in made:
        a, b = by_id[s.a], by_id[s.b]
        assert s.a < s.b, "self, or sides out of order"
        assert eligible(a, b, blocked, focus), "blocked, away or outside the focus"
        # Value both ways, or one way from someone who gives freely: what score_pair allows.
        assert s == score_pair(a, b, weights)
        assert not s.one_way or (by_id[s.b].gives_freely if s.a_gets else by_id[s.a].gives_freely)
    for pid, count in load.items():
        assert by_id[pid].open_count + count <= by_id[pid].capacity, "capacity exceeded"


@settings(max_examples=200, deadline=None)
@given(rooms())
def test_greedy_is_maximal(room: Room) -> None:
    people, blocked, focus = room
    made = suggest(people, blocked, focus)
    weights = topic_weights(people)
    left = Counter({p.id: p.free for p in people})
    left.subtract(i for s in made for i in (s.a, s.b))
    taken = set(pairs(made))
    for x in people:
        for y in people:
            still_open = x.id < y.id and left[x.id] > 0 and left[y.id] > 0
            if still_open and (x.id, y.id) not in taken and eligible(x, y, blocked, focus):
                assert score_pair(x, y, weights) is None, "an eligible pair was left out"


@settings(max_examples=200, deadline=None)
@given(rooms())
def test_no_second_introduction_while_a_seeker_could_have_had_a_first(room: Room) -> None:
    # Replay the batch. Whenever a partner P was used for someone who was not a waiting
    # seeker at that moment, no seeker Y who ends the batch with nothing (free all along,
    # since nothing was made for them) may have been able to meet P instead.
    people, blocked, focus = room
    by_id = {p.id: p for p in people}
    weights = topic_weights(people)
    made = suggest(people, blocked, focus)
    got = {p.id: p.received for p in people}
    for s in made:
        got[s.a] += 1
        got[s.b] += 1
    still_waiting = [p for p in people if p.seeker and got[p.id] == 0 and p.free > 0]

    got = {p.id: p.received for p in people}
    for s in made:
        for partner, other in ((s.a, s.b), (s.b, s.a)):
            if by_id[other].seeker and got[other] == 0:
                continue  # a first introduction: fair whoever else was waiting
            for y in still_waiting:
                if eligible(y, by_id[partner], blocked, focus):
                    assert score_pair(y, by_id[partner], weights) is None, (
                        f"{partner} gave {other} a non-first while {y.id} waited"
                    )
        got[s.a] += 1
        got[s.b] += 1


def obvious_greedy(
    people: list[Member], blocked: set[tuple[int, int]], focus: set[int] | None
) -> list[Suggestion]:
    """The rule read literally, slowly: each step re-ranks every remaining pair."""
    weights = topic_weights(people)
    free = {p.id: p.free for p in people}
    got = {p.id: p.received for p in people}
    options = [
        s
        for x in people
        for y in people
        if x.id < y.id and eligible(x, y, blocked, focus)
        for s in [score_pair(x, y, weights)]
        if s is not None
    ]
    by_id = {p.id: p for p in people}
    chosen: list[Suggestion] = []
    while True:
        open_options = [s for s in options if free[s.a] > 0 and free[s.b] > 0]
        if not open_options:
            return chosen

        def rank(s: Suggestion) -> tuple[int, float, int, int]:
            firsts = sum(by_id[i].seeker and got[i] == 0 for i in (s.a, s.b))
            return (-firsts, -s.score, s.a, s.b)

        best = min(open_options, key=rank)
        chosen.append(best)
        options.remove(best)
        for i in (best.a, best.b):
            free[i] -= 1
            got[i] += 1


@settings(max_examples=200, deadline=None)
@given(rooms())
def test_matches_the_rule_read_literally(room: Room) -> None:
    people, blocked, focus = room
    assert suggest(people, blocked, focus) == obvious_greedy(people, blocked, focus)


@settings(max_examples=100, deadline=None)
@given(rooms(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_input_order(room: Room, rng: random.Random) -> None:
    people, blocked, focus = room
    shuffled = people[:]
    rng.shuffle(shuffled)
    flipped = {(y, x) for x, y in blocked}
    assert suggest(shuffled, flipped, focus) == suggest(people, blocked, focus)


@settings(max_examples=100, deadline=None)
@given(rooms())
def test_focus_on_everyone_is_the_whole_room(room: Room) -> None:
    people, blocked, _ = room
    everyone = {p.id for p in people}
    assert suggest(people, blocked, everyone) == suggest(people, blocked, None)
