"""The matching engine: who should meet whom, and why.

A pure core: it imports no Flask, no SQLAlchemy and does no I/O. Plain dataclasses go in,
plain suggestions come out, so it can be tested and benchmarked on its own and the web
app, the CLI and any background worker share exactly the same rules.
"""

from .fairness import Reclaim, reclaim_for_firsts
from .model import Person, Suggestion, pair_key
from .opener import follow_up, opener, questions
from .rounds import Group, RoundPlan, plan_round
from .scoring import score_pair, topic_weights, value
from .suggest import suggest

__all__ = [
    "Group",
    "Person",
    "Reclaim",
    "RoundPlan",
    "Suggestion",
    "follow_up",
    "opener",
    "pair_key",
    "plan_round",
    "questions",
    "reclaim_for_firsts",
    "score_pair",
    "suggest",
    "topic_weights",
    "value",
]
