"""The matching engine: who should meet whom, and why.

A pure core: it imports no Flask, no SQLAlchemy and does no I/O. Plain dataclasses go in,
plain suggestions come out, so it can be tested and benchmarked on its own and the web
app, the CLI and any background worker share exactly the same rules.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .fairness import Reclaim, reclaim_for_firsts, waiting_for_first
from .model import Group, Member, Pair, Rebalance, RoundPlan, Suggestion, pair_key
from .opener import follow_up, opener, questions
from .scoring import round_pair, score_pair, topic_weights, value
from .suggest import suggest
from .topics import TopicCounts

if TYPE_CHECKING:
    from .bound import PlanBound, plan_bound
    from .round_plan import plan_round

# The solvers need numpy, scipy and networkx (about 70 MB); a server process only hands
# them to the solver process by name, so they are imported on first use, not here. The
# re-balance is `mixer.matching.rebalance_plan.rebalance`: lazily here, its name would clash
# with its module's.
_HEAVY = {"PlanBound": ".bound", "plan_bound": ".bound", "plan_round": ".round_plan"}


def __getattr__(name: str) -> Any:
    if name in _HEAVY:
        return getattr(import_module(_HEAVY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Group",
    "Member",
    "Pair",
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
    "reclaim_for_firsts",
    "round_pair",
    "score_pair",
    "suggest",
    "topic_weights",
    "value",
    "waiting_for_first",
]
