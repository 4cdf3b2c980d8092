"""The trio's third: when the count is odd, who joins which pair, and trades of places.

Whoever is left over after pairing joins the pair they add most to; someone already
paired may step out to be the third elsewhere while the trade pays.
"""

from __future__ import annotations

import numpy as np

from .model import Pair
from .pairing import TOLERANCE, Pairing, plan_value


def seat_one_of(
    values: np.ndarray,
    allowed: np.ndarray,
    pairs: list[Pair],
    waiting: list[int],
    bound: float | None,
) -> Pairing:
    """Seat, as the trio's third, whichever waiting person adds most; the others stay out."""
    best: tuple[bool, float, Pairing] | None = None
    for person in waiting:
        seated, trio, left = seat(values, allowed, pairs, person)
        total = plan_value(values, seated, trio)
        out = sorted(set(waiting) - {person} | ({left} if left is not None else set()))
        if best is None or (trio is not None, total) > best[:2]:
            best = (trio is not None, total, Pairing(seated, trio, out, bound))
    return Pairing(pairs, None, [], bound) if best is None else best[2]


def seat(
    values: np.ndarray, allowed: np.ndarray, pairs: list[Pair], extra: int
) -> tuple[list[Pair], tuple[int, int, int] | None, int | None]:
    """Make `extra` the third of the pair where they add most, trading places while it pays.

    A trade: someone in a pair steps out to be the third elsewhere and `extra` takes their
    place, when the pair loses less than the better seat adds. Returns the pairs left,
    the trio (sorted) and, when nobody can be the third, who is left without a seat.
    """
    a = np.array([p[0] for p in pairs], dtype=int)
    b = np.array([p[1] for p in pairs], dtype=int)
    join = _joining(values, allowed, a, b)  # join[v, p]: what v adds as third of pair p
    for _ in range(4 * len(values)):
        if not len(a):
            break
        here = float(join[extra].max())
        members, partners = np.concatenate([a, b]), np.concatenate([b, a])
        # If a member stepped out: the most they add elsewhere, beside `extra` included.
        beside = np.where(
            allowed[members, extra], values[members, extra] + values[members, partners], -np.inf
        )
        elsewhere = np.maximum(join[members].max(axis=1), beside)
        change = values[extra, partners] - values[members, partners]
        gain = np.where(allowed[extra, partners], change + _more(elsewhere, here), -np.inf)
        pick = int(np.argmax(gain))
        if not gain[pick] > TOLERANCE:
            break
        slot = pick % len(a)
        out = int(members[pick])
        (a if pick < len(a) else b)[slot] = extra
        join[:, slot] = _joining(values, allowed, a[slot : slot + 1], b[slot : slot + 1])[:, 0]
        extra = out
    pairs = [(int(x), int(y)) for x, y in zip(a, b, strict=True)]
    if not len(a) or not np.isfinite(join[extra].max()):
        return pairs, None, extra
    slot = int(np.argmax(join[extra]))
    trio = tuple(sorted((extra, *pairs.pop(slot))))
    return pairs, trio, None  # type: ignore[return-value]


def seated_plan(values: np.ndarray, allowed: np.ndarray, pairs: list[Pair], extra: int) -> Pairing:
    """`seat`'s answer as a plan, its bound yet to be proven."""
    pairs, trio, left = seat(values, allowed, pairs, extra)
    return Pairing(pairs, trio, [] if left is None else [left], None)


def _joining(values: np.ndarray, allowed: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """What each person adds as the third of each pair (a_p, b_p); -inf where not allowed."""
    return np.where(allowed[:, a] & allowed[:, b], values[:, a] + values[:, b], -np.inf)


def _more(new: np.ndarray, old: float) -> np.ndarray:
    """new - old, where being seatable at all beats any amount of value."""
    if np.isfinite(old):
        return new - old
    return np.where(np.isfinite(new), 1e12 + new, 0.0)
