"""The pair rule as matrices is the pair rule for one pair, on every pair of random rooms."""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixer.matching import Member, score_pair, topic_weights, value
from mixer.matching.pairs import block_values, givers, incidence, pair_values, value_blocks
from mixer.matching.scoring import verdict, verdicts

TAGS = ["python", "sql", "hiring", "design", "ml", "rust", "≈2:python", "≈4:sql"]
Room = tuple[list[Member], dict[str, float]]


@st.composite
def rooms(draw: st.DrawFn) -> Room:
    """Up to 12 people on a few tags (markers too), and weights that may miss some."""
    tags = st.frozensets(st.sampled_from(TAGS), max_size=4)
    people = [
        Member(
            pid,
            intent=draw(st.sampled_from(["give", "seek", "both"])),
            offers=draw(tags),
            seeks=draw(tags),
            capacity=2,
            mentor=draw(st.booleans()),
        )
        for pid in range(1, draw(st.integers(1, 12)) + 1)
    ]
    weights = dict(topic_weights(people))
    for tag in draw(st.sets(st.sampled_from(TAGS))):
        weights.pop(tag, None)  # an unknown topic counts like the commonest one
    return people, weights


@settings(max_examples=200, deadline=None)
@given(rooms())
def test_the_matrix_rule_is_the_one_pair_rule_bit_for_bit(room: Room) -> None:
    people, weights = room
    gains = [[value(p.seeks, q.offers, weights)[0] for q in people] for p in people]
    gets = np.array(gains, dtype=float).reshape(len(people), len(people))
    free = givers(people)
    whole_room = verdicts(gets, None, free[:, None], free[None, :])
    in_blocks = verdicts(gets, gets.T.copy(), free[:, None], free[None, :])
    for i, j in permutations(range(len(people)), 2):
        ruled = verdict(people[i], people[j], gets[i, j], gets[j, i])
        assert whole_room[i, j] == in_blocks[i, j] == (0.0 if ruled is None else ruled[0])


@settings(max_examples=200, deadline=None)
@given(rooms())
def test_every_matrix_form_values_pairs_as_score_pair_does(room: Room) -> None:
    people, weights = room
    n = len(people)
    whole = pair_values(people, weights)
    seeks, offers = incidence(people, weights)
    rows, cols = np.arange(n), np.arange(n)[::-1]
    by_rows = block_values(seeks, offers, givers(people), rows)
    by_cols = block_values(seeks, offers, givers(people), rows, cols)
    blocks = np.vstack([values for _rows, values in value_blocks(people, weights)])
    for i, j in permutations(range(n), 2):
        scored = score_pair(people[i], people[j], weights)
        expected = pytest.approx(scored.score if scored else 0.0, abs=1e-12)
        assert whole[i, j] == expected
        assert by_rows[i, j] == expected
        assert by_cols[i, n - 1 - j] == expected
        assert blocks[i, j] == expected
    assert not blocks.diagonal().any()  # nobody meets themselves
