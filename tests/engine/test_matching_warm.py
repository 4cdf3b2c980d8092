"""Warm pairs (someone both know) among equals, and warm paths: by example, then as rules."""

from __future__ import annotations

import importlib
import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from mixer.matching import Member, TopicCounts, suggest, topic_weights
from mixer.matching.model import warm
from mixer.matching.warm_paths import warm_paths
from tests.engine.test_matching_newcomer import all_pairs_suggest, index_path
from tests.engine.test_matching_suggest import Room, person, rooms

whole_room = importlib.import_module("mixer.matching.whole_room")


def knowing(*ids: int) -> frozenset[int]:
    return frozenset(ids)


def every_path(people: list[Member], focus: set[int]) -> list[list[tuple[int, int]]]:
    """The pairs each path chooses: newcomer scan, kept index, inverted index, all pairs."""
    weights = topic_weights(people)
    answers = [
        suggest(people, set(), focus, weights),
        suggest(people, set(), focus, weights, TopicCounts(people)),
        index_path(people, set(), focus, weights),
        all_pairs_suggest(people, set(), focus, weights),
    ]
    return [[(s.a, s.b) for s in answer] for answer in answers]


# ---- the tie-break by example ----------------------------------------------------------


def test_a_warm_seeker_wins_a_tie_for_the_givers_only_place() -> None:
    """Two seekers alike in every way; the one who shares a friend with the recruiter
    gets the single place, whichever path chooses."""
    recruiter = person(1, "give", "hiring referrals", "ux", capacity=1, acquaintances=knowing(50))
    ana = person(2, "seek", "ux", "hiring referrals")
    bo = person(3, "seek", "ux", "hiring referrals", acquaintances=knowing(50, 51))
    room = [recruiter, ana, bo]
    assert warm(recruiter, bo) and not warm(recruiter, ana)
    for focus in ({1}, {1, 2, 3}):
        assert every_path(room, focus) == [[(1, 3)]] * 4
    assert [(s.a, s.b) for s in suggest(room, set())] == [(1, 3)]  # the whole room
    cold = [replace(p, acquaintances=frozenset()) for p in room]
    assert [(s.a, s.b) for s in suggest(cold, set())] == [(1, 2)]  # ids break the tie


def test_warm_never_beats_a_strictly_better_cold_pair() -> None:
    """A shared friend is worth less than any real difference in what people gain."""
    recruiter = person(1, "give", "hiring python", "ux data", capacity=1, acquaintances=knowing(50))
    better = person(2, "seek", "ux data", "hiring python")  # gains and gives more
    friend = person(3, "seek", "ux", "hiring", acquaintances=knowing(50))
    room = [recruiter, better, friend]
    for focus in ({1}, {1, 2, 3}):
        assert every_path(room, focus) == [[(1, 2)]] * 4
    assert [(s.a, s.b) for s in suggest(room, set())] == [(1, 2)]


def test_first_introductions_still_come_before_a_warm_pair() -> None:
    """The tie-break sits below the fairness tiers: a seeker's first beats a warm second."""
    recruiter = person(1, "give", "hiring", "ux", capacity=1, acquaintances=knowing(50))
    had_one = person(2, "seek", "ux", "hiring", received=1, acquaintances=knowing(50))
    waiting = person(3, "seek", "ux", "hiring")
    assert [(s.a, s.b) for s in suggest([recruiter, had_one, waiting], set())] == [(1, 3)]


# ---- the tie-break as a rule -----------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(rooms(), st.randoms(use_true_random=False))
def test_no_common_acquaintance_means_the_same_answer_as_none(
    room: Room, rng: random.Random
) -> None:
    """Everyone knowing someone, but no two people the same one: nothing changes."""
    people, blocked, focus = room
    lonely = [replace(p, acquaintances=knowing(1000 + p.id)) for p in people]
    weights = topic_weights(people)
    assert suggest(lonely, blocked, focus, weights) == suggest(people, blocked, focus, weights)
    if focus is not None:
        index = TopicCounts(people)
        assert suggest(lonely, blocked, focus, weights, index) == suggest(
            people, blocked, focus, weights, index
        )


@settings(max_examples=150, deadline=None)
@given(rooms(), st.randoms(use_true_random=False))
def test_every_path_agrees_with_common_acquaintances(room: Room, rng: random.Random) -> None:
    """With a few go-betweens known to many, the fast paths still choose as all pairs do."""
    people, blocked, _ = room
    people = [
        replace(p, acquaintances=frozenset(rng.sample(range(90, 94), rng.randint(0, 2))))
        for p in people
    ]
    weights = topic_weights(people)
    everyone = {p.id for p in people}
    walked = suggest(people, blocked, None, weights)
    assert walked == all_pairs_suggest(people, blocked, everyone, weights)
    for pid in everyone:
        one = suggest(people, blocked, {pid}, weights, TopicCounts(people))
        assert one == all_pairs_suggest(people, blocked, {pid}, weights)
        assert one == suggest(people, blocked, {pid}, weights)


# ---- warm paths by example ------------------------------------------------------------


ME = 1
KIM, LEE, GONE = 10, 11, 12  # people I know: Kim and Lee broker, Gone was removed


def paths_room() -> tuple[Member, dict[int, Member]]:
    """Me (seeking a data job, offering UX), the people I know, and whom they know."""
    me = person(ME, "seek", "ux research", "data hiring", acquaintances=knowing(KIM, LEE, GONE, 30))
    others = [
        person(KIM, "both", "sales", "sales", acquaintances=knowing(ME, 20, 21, 22, 23, 24, 30)),
        person(LEE, "both", "sales", "sales", acquaintances=knowing(ME, 20)),
        # At capacity: no suggestion can be made, yet Kim or Lee can still introduce us.
        person(
            20,
            "give",
            "data hiring",
            "ux",
            capacity=1,
            open_count=1,
            acquaintances=knowing(KIM, LEE),
        ),
        person(21, "give", "data", "finance", acquaintances=knowing(KIM)),  # one-way, not a mentor
        person(22, "give", "hiring", "finance", mentor=True, acquaintances=knowing(KIM)),  # mentor
        person(23, "both", "data", "research", acquaintances=knowing(KIM)),
        person(24, "seek", "sales", "ux", acquaintances=knowing(KIM)),  # nothing for me
        person(30, "both", "data", "ux", acquaintances=knowing(KIM, ME)),  # I know them already
        person(
            40, "both", "data hiring", "ux", acquaintances=knowing(GONE)
        ),  # only via the removed
    ]
    return me, {p.id: p for p in others}


def test_warm_paths_list_the_people_worth_asking_for() -> None:
    me, people = paths_room()
    found = warm_paths(me, people, never=set(), weights=topic_weights([me, *people.values()]))
    # Two-way by value, then the mentor, then one a broker may vouch for.
    assert [p.to for p in found] == [20, 23, 22, 21]
    at_capacity = found[0]
    assert set(at_capacity.for_you) == {"data", "hiring"}
    assert at_capacity.for_them == ("ux",) and not at_capacity.one_way
    assert found[2].one_way and found[2].for_them == () and not found[2].vouched
    # Gains nothing from me and did not offer to mentor: no suggestion can pair us, but
    # Kim, who knows us both, may vouch for it.
    assert found[3].one_way and found[3].vouched and found[3].for_them == ()
    assert 30 not in [p.to for p in found]  # known: no introduction needed
    assert 40 not in [p.to for p in found]  # the only go-between was removed


def test_introduced_before_is_no_path() -> None:
    me, people = paths_room()
    weights = topic_weights([me, *people.values()])
    assert 20 not in [p.to for p in warm_paths(me, people, {20}, weights)]


def test_the_likeliest_broker_comes_first() -> None:
    """Fewest open asks first; then whoever knows more people; then by id."""
    me, people = paths_room()
    weights = topic_weights([me, *people.values()])
    [first, *_] = warm_paths(me, people, set(), weights)
    assert first.via == (KIM, LEE)  # Kim knows seven people, Lee two
    [first, *_] = warm_paths(me, people, set(), weights, asks={KIM: 3, LEE: 1})
    assert first.via == (LEE, KIM)  # Kim is already asked three times
    people[LEE] = replace(people[LEE], acquaintances=people[KIM].acquaintances)
    [first, *_] = warm_paths(me, people, set(), weights)
    assert first.via == (KIM, LEE)  # alike in every way: by id


def test_at_most_five_paths() -> None:
    me = person(ME, "seek", "ux", "data", acquaintances=knowing(KIM))
    many = {i: person(i, "give", "data", "ux", acquaintances=knowing(KIM)) for i in range(20, 30)}
    people = {KIM: person(KIM, "both", "x", "y", acquaintances=frozenset({ME, *many})), **many}
    found = warm_paths(me, people, set(), topic_weights([me, *people.values()]))
    assert [p.to for p in found] == [20, 21, 22, 23, 24]
