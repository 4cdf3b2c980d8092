"""The matching engine: who should meet whom, and why.

A pure core: it imports no Flask, no SQLAlchemy and does no I/O. Plain dataclasses go in,
plain suggestions come out, so it can be tested and benchmarked on its own and the web
app, the CLI and any background worker share exactly the same rules.
"""

from .bound import PlanBound, plan_bound
from .fairness import Reclaim, reclaim_for_firsts
from .model import Person, Suggestion, pair_key
from .opener import follow_up, opener, questions
from .rebalance import Rebalance, rebalance
from .rounds import Group, RoundPlan, plan_round
from .scoring import score_pair, topic_weights, value
from .suggest import suggest
from .topics import TopicCounts

__all__ = [
    "Group",
    "Person",
    "PlanBound",
    "Rebalance",
    "Reclaim",
    "RoundPlan",
    "Suggestion",
    "TopicCounts",
    "follow_up",
    "opener",
    "pair_key",
    "plan_bound",
    "plan_round",
    "questions",
    "rebalance",
    "reclaim_for_firsts",
    "score_pair",
    "suggest",
    "topic_weights",
    "value",
]
