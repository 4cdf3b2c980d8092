"""A round's plan as row numbers, the form every one of its solvers works in.

The solvers (`cycle_cover`, `blossom`, `seating`, `trios`) work on row numbers of a
value matrix `values` (symmetric, 0 for pairs allowed but of no value) and a boolean
matrix `allowed` (False on the diagonal and for pairs who have met or know each other).
`rounds` turns their plan back into groups of people.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Pair

TOLERANCE = 1e-9  # gains below this are rounding noise, not improvements


@dataclass(frozen=True, slots=True)
class Pairing:
    """Who meets whom, as row numbers; `bound` is None when proven optimal."""

    pairs: list[Pair]
    trio: tuple[int, int, int] | None
    unplaced: list[int]
    bound: float | None


def plan_value(values: np.ndarray, pairs: list[Pair], trio: tuple[int, ...] | None = None) -> float:
    """Total value of some pairs and a trio, summed over every pair within a group."""
    total = sum((float(values[pair]) for pair in pairs), 0.0)
    if trio is not None:
        x, y, z = trio
        total += float(values[x, y] + values[x, z] + values[y, z])
    return total
