"""Reading typed topics: a small vocabulary of our own, so each rule is seen on its own."""

from __future__ import annotations

import pytest

from mixer.matching import Member, score_pair, topic_weights
from mixer.matching.markers import BROADER, RELATED, engine_tags
from mixer.matching.understanding import TRUSTED, Entry, Vocabulary

VOCAB = Vocabulary.from_entries(
    [
        Entry("python", aliases=("python3", "py")),
        Entry("java"),
        Entry("javascript", aliases=("js", "ecmascript")),
        Entry("react", broader=("javascript", "frontend development")),
        Entry("react native", broader=("mobile development",)),
        Entry("frontend development", aliases=("front end", "frontend engineer")),
        Entry("mobile development"),
        Entry("machine learning", aliases=("ml",), broader=("artificial intelligence",)),
        Entry("artificial intelligence", aliases=("ai",)),
        Entry("ai ethics", broader=("artificial intelligence",)),
        Entry("data engineering"),
        Entry("sales"),
        Entry("sales engineering", related=("sales",)),
        Entry("cv review", aliases=("resume review", "cv feedback", "resume")),
        Entry("referrals", aliases=("referral", "job referrals")),
        Entry("go", aliases=("golang",)),
        Entry("c"),
        Entry("c#", aliases=("csharp",)),
        Entry("c++", aliases=("cpp",)),
        Entry("r", aliases=("rstats",)),
        Entry("ruby"),
    ]
)


def read(text: str) -> tuple[str, ...]:
    reading = VOCAB.read(text)
    return () if reading.own else reading.topics


@pytest.mark.parametrize(
    ("typed", "topics"),
    [
        ("Python", ("python",)),
        ("ML", ("machine learning",)),
        ("machine-learning", ("machine learning",)),
        ("machine LEARNING", ("machine learning",)),
        ("Pyhton", ("python",)),  # a slip of the finger
        ("Python 3", ("python",)),  # a version says nothing about the topic
        ("Machien Learning", ("machine learning",)),
        ("data engineer", ("data engineering",)),  # a role form
        ("Senior Data Engineers", ("data engineering",)),
        ("help with my résumé", ("cv review",)),
        ("Résumé Review", ("cv review",)),
        ("job referrals", ("referrals",)),
        ("Python & JS", ("python", "javascript")),  # two topics typed as one
        ("react/python", ("react", "python")),
        ("\uff30\uff39\uff34\uff28\uff2f\uff2e", ("python",)),  # full-width letters (NFKC)
        ("Golang", ("go",)),
        ("C#", ("c#",)),
        ("c++", ("c++",)),
        ("frontend engineers", ("frontend development",)),
    ],
)
def test_people_s_words_are_read_as_topics(typed: str, topics: tuple[str, ...]) -> None:
    assert read(typed) == topics


@pytest.mark.parametrize(
    ("typed", "topics"),
    [
        ("Java", ("java",)),
        ("JavaScript", ("javascript",)),
        ("R", ("r",)),
        ("Ruby", ("ruby",)),
        ("C", ("c",)),
        ("Go", ("go",)),
        ("Golf", ()),
        ("AI", ("artificial intelligence",)),
        ("AI ethics", ("ai ethics",)),
        ("sales engineering", ("sales engineering",)),
        ("sales", ("sales",)),
        ("react native", ("react native",)),
        ("Javas", ("java",)),
        ("Rust", ()),
        ("Rubik", ()),
    ],
)
def test_near_misses_stay_apart(typed: str, topics: tuple[str, ...]) -> None:
    assert read(typed) == topics


@pytest.mark.parametrize(
    "typed",
    ["asdfgh", "qwerty123", "x" * 40, "机器学习", "Quantum widgets", "stuff", "Julia Roberts"],
)
def test_nonsense_and_unknown_words_stay_the_person_s_own(typed: str) -> None:
    reading = VOCAB.read(typed)
    assert reading.own and reading.shown_as == []
    assert reading.confidence == 1.0 or reading.confidence >= TRUSTED


def test_own_topics_meet_the_same_words_whatever_the_case_and_spacing() -> None:
    assert VOCAB.read("Quantum  Widgets").topics == VOCAB.read("quantum widgets").topics
    assert VOCAB.read(" Quantum Widgets").topics == ("quantum widgets",)  # the words, kept


def test_nobody_types_their_way_into_a_marker() -> None:
    reading = VOCAB.read("\u22482:python")
    assert reading.own and not reading.topics[0].startswith("\u2248")


def test_emoji_alone_is_no_topic() -> None:
    assert VOCAB.read("🚀🚀").topics == ()


def test_confidence_falls_with_each_guess() -> None:
    exact, stem, typo = VOCAB.read("python"), VOCAB.read("pythons"), VOCAB.read("pyhton")
    assert exact.confidence == 1.0 > stem.confidence > typo.confidence >= TRUSTED


def test_the_organizer_s_own_topics_keep_their_words() -> None:
    room = VOCAB.with_room(["C-Suite Intros <b>"], {})
    assert room.read("c-suite intros <b>").topics == ("c-suite intros <b>",)
    assert room.read("C suite intros b").topics == ("c-suite intros <b>",)  # same words


def test_the_organizer_s_topics_and_aliases_join_the_vocabulary() -> None:
    room = VOCAB.with_room(["Fintech", "ML"], {"mlops": "machine learning", "fin tech": "fintech"})
    assert room.read("fintech").topics == ("fintech",) and not room.read("fintech").own
    assert room.read("FinTech").topics == ("fintech",)
    assert room.read("MLOps").topics == ("machine learning",)
    assert room.read("fin tech").topics == ("fintech",)
    assert VOCAB.read("mlops").own  # the event's words stay with the event


def test_declaring_a_known_topic_the_same_moves_every_word_for_it() -> None:
    room = VOCAB.with_room([], {"machine learning": "artificial intelligence"})
    for typed in ("ML", "machine-learning", "Machine Learning"):
        assert room.read(typed).topics == ("artificial intelligence",)


def test_related_topics_give_part_of_the_value() -> None:
    seeker_offers, seeker_seeks = engine_tags(VOCAB, ["sales"], ["react"])
    giver_offers, giver_seeks = engine_tags(VOCAB, ["javascript"], ["sales"])
    exact_offers, _ = engine_tags(VOCAB, ["react"], ["sales"])
    seeker = Member(1, "seek", seeker_offers, seeker_seeks, 2)
    near = Member(2, "give", giver_offers, giver_seeks, 3)
    exact = Member(3, "give", exact_offers, giver_seeks, 3)
    weights = topic_weights([seeker, near, exact])
    partial, full = score_pair(seeker, near, weights), score_pair(seeker, exact, weights)
    assert partial is not None and full is not None
    assert partial.a_gets == ("javascript",)  # shown as the topic, never as a marker
    to_seeker_partial = partial.score - weights["sales"]
    to_seeker_full = full.score - weights["sales"]
    assert to_seeker_partial == pytest.approx(BROADER * weights["javascript"])
    assert to_seeker_full == pytest.approx(weights["react"])


def test_a_related_link_is_worth_less_than_a_parent() -> None:
    _, seeks = engine_tags(VOCAB, [], ["sales engineering"])
    offers, _ = engine_tags(VOCAB, ["sales"], [])
    seeker = Member(1, "seek", frozenset(), seeks, 2)
    seller = Member(2, "give", offers, frozenset(), 3)
    weights = topic_weights([seeker, seller])
    s = score_pair(seeker, seller, weights)
    assert s is not None and s.one_way  # a giver who seeks nothing gives freely
    assert s.score == pytest.approx(RELATED * weights["sales"] * 0.5)


def test_a_topic_sought_exactly_is_not_counted_twice() -> None:
    _, seeks = engine_tags(VOCAB, [], ["react", "javascript"])
    assert "javascript" in seeks
    assert not any(t.endswith(":javascript") for t in seeks)


def test_the_typeahead_finds_topics_by_name_and_alias() -> None:
    assert VOCAB.suggest("jav")[:2] == ["java", "javascript"]
    assert VOCAB.suggest("ML")[0] == "machine learning"
    assert "cv review" in VOCAB.suggest("resume")
    assert VOCAB.suggest("") == []


def test_words_in_quotes_are_kept_as_the_person_s_own() -> None:
    reading = VOCAB.read('"ML"')
    assert reading.own and reading.topics == ("ml",)
    assert VOCAB.read('"Machine Learning"').topics == ("machine learning",)
    assert VOCAB.read('"Machine Learning"').own
    assert VOCAB.read("“ML”").own
