"""The matching engine: who should meet whom, and why.

A pure core: it imports no Flask, no SQLAlchemy and does no I/O. Plain dataclasses go in,
plain suggestions come out, so it can be tested and benchmarked on its own and the web
app, the CLI and any background worker share exactly the same rules.
"""

from .fairness import Reclaim, reclaim_for_firsts
from .model import Person, Suggestion, pair_key
from .opener import opener, questions
from .scoring import score_pair, topic_weights, value
from .suggest import suggest

__all__ = [
    "Person",
    "Reclaim",
    "Suggestion",
    "opener",
    "pair_key",
    "questions",
    "reclaim_for_firsts",
    "score_pair",
    "suggest",
    "topic_weights",
    "value",
]
