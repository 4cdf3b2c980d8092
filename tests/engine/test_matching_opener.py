"""Guide the target: opening lines and questions built from the shared topics."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixer.matching import Member, opener, questions, round_pair, score_pair, topic_weights


def test_two_way_opener_leads_with_the_rarest_topic_each_way() -> None:
    line = opener("Dana Lee", ["hiring", "python"], ["data engineering"])
    assert line == (
        "Hi Dana! I'd love to hear how you think about hiring"
        " — and I'm happy to share what I know about data engineering."
    )


def test_mentor_offers_help_when_nothing_comes_back() -> None:
    line = opener("Sam", [], ["interviewing"], one_way=True, mentor=True)
    assert "pay it forward" in line
    assert line.startswith("Hi Sam!") and "interviewing" in line and "help" in line


def test_mentored_side_thanks_and_asks() -> None:
    line = opener("Sam", ["negotiation"], [], one_way=True)
    assert line.startswith("Hi Sam!") and "Thanks" in line and "negotiation" in line
    assert line.endswith("?")


def test_opener_without_topics_or_name_still_greets() -> None:
    assert opener("  ", [], []).startswith("Hi there!")


def test_names_are_plain_text() -> None:
    assert opener("<b>Ana</b>", ["sql"], ["ml"]).startswith("Hi <b>Ana</b>!")


def test_questions_cover_both_sides_and_are_stable() -> None:
    asked = questions(["hiring", "python"], ["sql"])
    assert len(asked) == 3
    assert any("hiring" in q for q in asked) and any("sql" in q for q in asked)
    assert asked == questions(["hiring", "python"], ["sql"])


def test_one_topic_still_gives_two_different_questions() -> None:
    asked = questions(["hiring"], [])
    assert len(asked) == 2 and len(set(asked)) == 2
    assert all("hiring" in q for q in asked)


def test_no_topics_falls_back_to_icebreakers() -> None:
    assert len(questions([], [])) == 2


topics = st.lists(st.text("abcdefgh ", min_size=1, max_size=12), max_size=5, unique=True)


@settings(max_examples=200, deadline=None)
@given(topics, topics)
def test_always_two_or_three_distinct_short_questions(
    for_you: list[str], for_them: list[str]
) -> None:
    asked = questions(for_you, for_them)
    assert 2 <= len(asked) <= 3
    assert len(set(asked)) == len(asked)
    assert all(q.endswith("?") for q in asked)
    assert asked == questions(list(for_you), list(for_them))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), topics, topics, st.booleans())
def test_opener_is_one_friendly_line(
    name: str, for_you: list[str], for_them: list[str], one_way: bool
) -> None:
    line = opener(name, for_you, for_them, one_way=one_way)
    assert line.startswith("Hi ") and "\n" not in line.strip()
    assert line == opener(name, for_you, for_them, one_way=one_way)


# ---- every opener against who each side is -------------------------------------------

SIDES = [  # (intent, mentor, offers, seeks): every intent, opted in or not
    (intent, mentor, offers, seeks)
    for intent in ("give", "seek", "both")
    for mentor in (False, True)
    for offers in ("", "sql")
    for seeks in ("", "ml")
]


@pytest.mark.parametrize("rounds", [False, True], ids=["continuous", "round"])
def test_openers_match_who_each_side_is(rounds: bool) -> None:
    """Over every pair of sides (intent, mentor flag, gives or not, gains or not), both ways."""
    checked = 0
    for x_side, y_side in product(SIDES, repeat=2):
        x = Member(
            1,
            x_side[0],
            frozenset(x_side[2].split()),
            frozenset(x_side[3].split()),
            capacity=2,
            mentor=x_side[1],
        )
        # The other side offers what x seeks and seeks what x offers, where they list any.
        y = Member(
            2,
            y_side[0],
            frozenset(y_side[2].replace("sql", "ml").split()),
            frozenset(y_side[3].replace("ml", "sql").split()),
            capacity=2,
            mentor=y_side[1],
        )
        weights = topic_weights([x, y])
        pair = round_pair(x, y, weights) if rounds else score_pair(x, y, weights)
        if pair is None:
            continue  # continuous mode makes no such introduction
        for me, other, for_you, for_them in (
            (x, y, pair.a_gets, pair.b_gets),
            (y, x, pair.b_gets, pair.a_gets),
        ):
            line = opener("Sam", for_you, for_them, one_way=pair.one_way, mentor=me.gives_freely)
            checked += 1
            who = (me, other, for_you, for_them, pair.one_way)
            assert ("pay it forward" in line) == (
                me.gives_freely and pair.one_way and bool(for_them) and not for_you
            ), who
            assert ("pay it forward" not in line) or me.mentor or me.intent == "give", who
            assert ("Thanks for making time" in line) == (bool(for_you) and not for_them), who
            assert ("happy to share" in line) == (bool(for_you) and bool(for_them)), who
            for topic in (*for_you[:1], *for_them[:1]):
                assert topic in line, who
            if pair.one_way:  # one-way only where the giving side opted in
                giver = x if pair.b_gets else y
                assert giver.gives_freely, who
    assert checked > 100


def test_a_seeker_who_offers_something_is_not_cast_as_a_mentor_in_a_round() -> None:
    seeker = Member(1, "seek", frozenset({"sql"}), frozenset({"design"}), capacity=2)
    other = Member(2, "seek", frozenset({"python"}), frozenset({"sql"}), capacity=2)
    pair = round_pair(seeker, other, topic_weights([seeker, other]))
    assert pair.score == 0 and not pair.one_way  # a wildcard: no mentor here
    line = opener("Sam", pair.a_gets, pair.b_gets, one_way=pair.one_way, mentor=False)
    assert "pay it forward" not in line and "sql" in line
