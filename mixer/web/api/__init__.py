"""The JSON API under /api/v1: parse, call one service, serialise.

One module per resource: events, the organizer's list of attendees, rounds, the attendee's
own state (me), introductions. Each adds its views to the one blueprint, `api`, as it is
imported here, so every endpoint keeps its name (`api.join`, `api.me`…) for `url_for`.
Where two modules' views share a path (GET …/attendees lists, POST joins), the module
imported first lists its method first in a 405's Allow header.
"""

from __future__ import annotations

from . import (  # noqa: F401  (views join bp)
    arrivals,
    attendees,
    codes,
    events,
    introductions,
    me,
    outcomes,
    registrations,
    rounds,
    warm,
)
from .blueprint import bp

__all__ = ["bp"]
