"""The pure engine: scoring, suggestion rules and their invariants over random rooms."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from mixer.matching import (
    Person,
    opener,
    pair_key,
    questions,
    reclaim_for_firsts,
    score_pair,
    suggest,
    topic_weights,
)


def person(pid: int, intent: str, offers: str = "", seeks: str = "", **kw: object) -> Person:
    capacity = kw.pop("capacity", 3 if intent == "give" else 2)
    return Person(
        id=pid,
        intent=intent,
        offers=frozenset(offers.split()),
        seeks=frozenset(seeks.split()),
        capacity=capacity,  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


def test_rarer_topics_weigh_more() -> None:
    room = [
        person(1, "seek", "", "python"),
        person(2, "seek", "", "python"),
        person(3, "give", "rust"),
    ]
    weights = topic_weights(room)
    assert weights["rust"] > weights["python"]


def test_two_way_pair_says_what_each_side_gets() -> None:
    giver = person(1, "give", "hiring leadership", "design")
    seeker = person(2, "seek", "design", "hiring")
    s = score_pair(seeker, giver, topic_weights([giver, seeker]))
    assert s is not None
    assert (s.a, s.b) == (1, 2)
    assert s.a_gets == ("design",)
    assert s.b_gets == ("hiring",)
    assert not s.one_way


def test_one_way_needs_a_mentor_and_is_flagged() -> None:
    giver = person(1, "give", "hiring")
    seeker = person(2, "seek", "", "hiring")
    weights = topic_weights([giver, seeker])
    assert score_pair(giver, seeker, weights) is None
    mentor = person(1, "give", "hiring", mentor=True)
    s = score_pair(mentor, seeker, weights)
    assert s is not None and s.one_way and s.b_gets == ("hiring",) and s.a_gets == ()
    # A seeker who is a "mentor" cannot make a one-way pair where they receive.
    assert score_pair(giver, person(2, "seek", "", "hiring", mentor=True), weights) is None


def test_two_way_beats_one_way_of_the_same_topics() -> None:
    seeker = person(1, "seek", "design", "hiring")
    two_way = person(2, "give", "hiring", "design", capacity=1)
    one_way = person(3, "give", "hiring", mentor=True, capacity=1)
    [s] = suggest([seeker, two_way, one_way][:], set(), None)[:1]
    assert {s.a, s.b} == {1, 2}


def test_never_self_blocked_or_unavailable() -> None:
    a = person(1, "both", "x", "x")
    assert score_pair(a, a, topic_weights([a])) is None
    giver = person(2, "give", "hiring", "design")
    seeker = person(3, "seek", "design", "hiring")
    away = person(4, "seek", "design", "hiring", available=False)
    made = suggest([a, giver, seeker, away], {pair_key(2, 3)}, None)
    assert all(4 not in (s.a, s.b) for s in made)
    assert all({s.a, s.b} != {2, 3} for s in made)


def test_capacity_is_respected_including_open_introductions() -> None:
    giver = person(1, "give", "hiring", "design", capacity=2, open_count=1)
    seekers = [person(i, "seek", "design", "hiring") for i in range(2, 6)]
    made = suggest([giver, *seekers], set(), None)
    assert len(made) == 1


def test_focus_limits_pairs_to_the_people_affected() -> None:
    room = [
        person(1, "give", "hiring", "design"),
        person(2, "seek", "design", "hiring"),
        person(3, "give", "hiring", "design"),
        person(4, "seek", "design", "hiring"),
    ]
    made = suggest(room, set(), focus={4})
    assert made and all(4 in (s.a, s.b) for s in made)


def test_needy_seeker_gets_the_last_place_before_a_second_for_another() -> None:
    # Greedy by score alone would give the giver's only place to seeker 2 (more topics
    # in common), who already has an introduction; fairness gives it to seeker 3.
    giver = person(1, "give", "hiring python rust", "design sql", capacity=1)
    served = person(2, "seek", "design sql", "hiring python rust", received=1, open_count=1)
    waiting = person(3, "seek", "design", "hiring")
    [s] = suggest([giver, served, waiting], set(), None)
    assert {s.a, s.b} == {1, 3}


def test_reclaim_moves_an_unanswered_second_to_a_waiting_seeker() -> None:
    giver = person(1, "give", "hiring", "design", capacity=1, open_count=1)
    early = person(2, "seek", "design", "hiring", open_count=2, received=2)
    late = person(3, "seek", "design", "hiring")
    other_giver = person(4, "give", "hiring", "design", capacity=1, open_count=1)
    [r] = reclaim_for_firsts([giver, early, late, other_giver], {(1, 2), (2, 4)}, [(1, 2)])
    assert r.withdraw == (1, 2)
    assert {r.instead.a, r.instead.b} == {1, 3}
    # Never take someone's only introduction.
    only = person(2, "seek", "design", "hiring", open_count=1, received=1)
    assert reclaim_for_firsts([giver, only, late], {(1, 2)}, [(1, 2)]) == []


def test_opener_and_questions_use_the_topics() -> None:
    line = opener("Dana Lee", ["hiring"], ["data engineering"])
    assert "Dana" in line and "hiring" in line and "data engineering" in line
    assert "Dana" in opener("Dana", ["hiring"], [], one_way=True)
    assert "python" in opener("Dana", [], ["python"], one_way=True)
    asked = questions(["hiring", "python"], ["sql"])
    assert 2 <= len(asked) <= 3 and any("hiring" in q for q in asked)
    assert asked == questions(["hiring", "python"], ["sql"])


# ---- invariants over random rooms ------------------------------------------------------

TAGS = ["hiring", "python", "design", "sql", "sales", "ml", "leadership", "rust"]


@st.composite
def rooms(draw: st.DrawFn) -> tuple[list[Person], set[tuple[int, int]], set[int] | None]:
    n = draw(st.integers(2, 18))
    people = []
    for pid in range(1, n + 1):
        capacity = draw(st.integers(0, 3))
        open_count = draw(st.integers(0, capacity))
        people.append(
            Person(
                id=pid,
                intent=draw(st.sampled_from(["give", "seek", "both"])),
                offers=frozenset(draw(st.lists(st.sampled_from(TAGS), max_size=3))),
                seeks=frozenset(draw(st.lists(st.sampled_from(TAGS), max_size=3))),
                capacity=capacity,
                open_count=open_count,
                received=open_count + draw(st.integers(0, 1)),
                mentor=draw(st.booleans()),
                available=draw(st.integers(0, 9)) > 0,
            )
        )
    pairs = [(x, y) for x in range(1, n + 1) for y in range(x + 1, n + 1)]
    blocked = set(draw(st.lists(st.sampled_from(pairs), max_size=n)))
    focus = draw(st.none() | st.sets(st.integers(1, n), max_size=3))
    return people, blocked, focus


@settings(max_examples=300, deadline=None)
@given(rooms())
def test_suggestions_keep_every_rule(
    room: tuple[list[Person], set[tuple[int, int]], set[int] | None],
) -> None:
    people, blocked, focus = room
    by_id = {p.id: p for p in people}
    weights = topic_weights(people)
    made = suggest(people, blocked, focus)
    pairs = [(s.a, s.b) for s in made]
    load = Counter(i for pair in pairs for i in pair)
    assert len(pairs) == len(set(pairs)), "a pair twice"
    for s in made:
        a, b = by_id[s.a], by_id[s.b]
        assert s.a < s.b, "self or unordered pair"
        assert (s.a, s.b) not in blocked, "blocked pair suggested"
        assert a.available and b.available, "someone away was suggested"
        assert focus is None or s.a in focus or s.b in focus, "outside the focus"
        again = score_pair(a, b, weights)
        assert again is not None and again.one_way == s.one_way, "no value both ways, no mentor"
    for pid, n in load.items():
        assert by_id[pid].open_count + n <= by_id[pid].capacity, "capacity exceeded"
    # Greedy is maximal: no eligible pair is left where both still have places.
    free = {p.id: p.free - load[p.id] for p in people}
    for x in people:
        for y in people:
            if x.id < y.id and x.available and y.available and free[x.id] > 0 and free[y.id] > 0:
                if (x.id, y.id) in blocked or (x.id, y.id) in pairs:
                    continue
                if focus is not None and x.id not in focus and y.id not in focus:
                    continue
                assert score_pair(x, y, weights) is None, "an eligible pair was left out"
    # Fairness: a seeker never gets a second introduction from a partner who could have
    # given a still-waiting seeker their first.
    got = {p.id: p.received + load[p.id] for p in people}
    waiting = [p for p in people if p.seeker and got[p.id] == 0 and p.available and p.free > 0]
    for s in made:
        for seeker_id, partner_id in ((s.a, s.b), (s.b, s.a)):
            seeker = by_id[seeker_id]
            if not seeker.seeker or (seeker.received == 0 and load[seeker_id] == 1):
                continue
            for y in waiting:
                if y.id == partner_id or pair_key(y.id, partner_id) in blocked:
                    continue
                if focus is not None and y.id not in focus and partner_id not in focus:
                    continue
                assert score_pair(y, by_id[partner_id], weights) is None, "second before a first"
