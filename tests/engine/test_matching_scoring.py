"""Scoring: topic weights, value each way, and which pairs may be introduced at all."""

from __future__ import annotations

import math

import pytest

from mixer.matching import Member, Suggestion, pair_key, score_pair, topic_weights, value
from mixer.matching.scoring import ONE_WAY_DISCOUNT


def person(pid: int, intent: str, offers: str = "", seeks: str = "", **kw: object) -> Member:
    """A person from space-separated tags; capacity defaults as the event does."""
    kw.setdefault("capacity", 3 if intent == "give" else 2)
    return Member(pid, intent, frozenset(offers.split()), frozenset(seeks.split()), **kw)  # type: ignore[arg-type]


def test_pair_key_sorts() -> None:
    assert pair_key(7, 3) == pair_key(3, 7) == (3, 7)


def test_person_seeker_and_free() -> None:
    assert person(1, "seek").seeker and person(2, "both").seeker
    assert not person(3, "give").seeker
    assert person(4, "give", capacity=3, open_count=1).free == 2
    assert person(5, "give", capacity=1, open_count=3).free == 0  # capacity lowered later


@pytest.mark.parametrize(
    "kw", [{"intent": "lurk"}, {"capacity": -1}, {"open_count": -1}, {"received": -1}]
)
def test_person_refuses_nonsense(kw: dict[str, object]) -> None:
    fields: dict[str, object] = {"id": 1, "intent": "seek", "offers": frozenset()}
    fields |= {"seeks": frozenset(), "capacity": 2} | kw
    with pytest.raises(ValueError):
        Member(**fields)  # type: ignore[arg-type]


def test_rarer_topic_weighs_more() -> None:
    room = [
        person(1, "seek", "", "python hiring"),
        person(2, "seek", "", "python"),
        person(3, "give", "python rust"),
        person(4, "give", "python"),
    ]
    weights = topic_weights(room)
    assert weights["python"] == 1.0  # everyone mentions it
    assert weights["rust"] == weights["hiring"] == pytest.approx(1 + math.log(4))
    assert weights["rust"] > weights["python"]


def test_weights_count_offers_and_seeks_once_per_person() -> None:
    weights = topic_weights([person(1, "both", "sql", "sql"), person(2, "seek", "", "ml")])
    assert weights["sql"] == weights["ml"] == pytest.approx(1 + math.log(2))


def test_weights_of_an_empty_room() -> None:
    assert topic_weights([]) == {}


def test_value_lists_matching_topics_rarest_first_then_by_name() -> None:
    weights = {"python": 1.0, "rust": 3.0, "go": 2.0, "c": 2.0}
    total, topics = value(
        {"python", "rust", "go", "c", "art"}, {"python", "go", "c", "rust"}, weights
    )
    assert topics == ("rust", "c", "go", "python")
    assert total == 8.0


def test_value_is_zero_without_shared_topics() -> None:
    assert value({"python"}, {"sales"}, {"python": 2.0, "sales": 2.0}) == (0.0, ())


def test_unknown_topic_counts_as_common() -> None:
    assert value({"new"}, {"new"}, {}) == (1.0, ("new",))


def test_two_way_pair_says_what_each_side_gets() -> None:
    seeker = person(9, "seek", "design", "hiring python")
    giver = person(4, "give", "hiring python", "design")
    weights = {"hiring": 2.0, "python": 1.5, "design": 1.0}
    s = score_pair(seeker, giver, weights)
    assert s == Suggestion(4, 9, 4.5, ("design",), ("hiring", "python"), one_way=False)
    assert score_pair(giver, seeker, weights) == s  # order of arguments does not matter


def test_one_way_is_refused_without_a_mentor() -> None:
    giver = person(1, "give", "hiring", "design")  # seeks something the seeker lacks
    seeker = person(2, "seek", "", "hiring")
    assert score_pair(giver, seeker, topic_weights([giver, seeker])) is None


def test_a_giver_who_seeks_nothing_came_to_give() -> None:
    giver = person(1, "give", "hiring")
    seeker = person(2, "seek", "", "hiring")
    s = score_pair(giver, seeker, {"hiring": 2.0})
    assert s == Suggestion(1, 2, 2.0 * ONE_WAY_DISCOUNT, (), ("hiring",), one_way=True)


def test_two_way_beats_a_giver_who_seeks_nothing() -> None:
    silent = person(1, "give", "hiring")
    curious = person(3, "give", "hiring", "design")
    seeker = person(2, "seek", "design", "hiring")
    weights = {"hiring": 2.0, "design": 2.0}
    one_way, two_way = score_pair(silent, seeker, weights), score_pair(curious, seeker, weights)
    assert one_way is not None and two_way is not None
    assert two_way.score > one_way.score and not two_way.one_way


def test_one_way_with_a_mentor_is_flagged_and_discounted() -> None:
    mentor = person(5, "give", "hiring", mentor=True)
    seeker = person(2, "seek", "", "hiring")
    s = score_pair(mentor, seeker, {"hiring": 2.0})
    assert s == Suggestion(2, 5, 2.0 * ONE_WAY_DISCOUNT, ("hiring",), (), one_way=True)


def test_the_mentor_must_be_the_side_that_gives() -> None:
    giver = person(1, "give", "hiring", "design")
    keen = person(2, "seek", "", "hiring", mentor=True)
    assert score_pair(giver, keen, {"hiring": 1.0}) is None


def test_two_way_outscores_one_way_on_the_same_topics() -> None:
    seeker = person(1, "seek", "design", "hiring")
    two_way = score_pair(seeker, person(2, "give", "hiring", "design"), {})
    one_way = score_pair(seeker, person(3, "give", "hiring", mentor=True), {})
    assert two_way is not None and one_way is not None
    assert two_way.score > one_way.score


def test_no_value_either_way_is_no_pair() -> None:
    assert (
        score_pair(person(1, "give", "sales", "art"), person(2, "seek", "ml", "hiring"), {}) is None
    )


def test_never_self() -> None:
    me = person(1, "both", "python", "python", mentor=True)
    assert score_pair(me, me, {"python": 1.0}) is None
