"""Guide the target: opening lines and questions built from the shared topics."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mixer.matching import opener, questions


def test_two_way_opener_leads_with_the_rarest_topic_each_way() -> None:
    line = opener("Dana Lee", ["hiring", "python"], ["data engineering"])
    assert line == (
        "Hi Dana! I'd love to hear how you think about hiring"
        " — and I'm happy to share what I know about data engineering."
    )


def test_mentor_offers_help_when_nothing_comes_back() -> None:
    line = opener("Sam", [], ["interviewing"], one_way=True)
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
