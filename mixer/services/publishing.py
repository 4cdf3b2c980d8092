"""Finishing a change: commit it, then tell everyone.

Every use case that changes the room ends the same way: the pushes it planned inside its
transaction (`broadcast.Outbox`) are sent only once the commit has succeeded, so a change
that was rolled back is never announced, and the console's numbers are scheduled (at
most twice a second per event, `live_stats.changed`).
"""

from __future__ import annotations

from ..domain.models import Event
from ..infra.extensions import db
from . import live_stats
from .outbox import Outbox


def finish(event: Event, outbox: Outbox, *, numbers: bool = True) -> None:
    """Commit, send what `outbox` planned, then (unless `numbers` is False: nothing the
    console counts changed) schedule the console's numbers."""
    db.session.commit()
    outbox.send()
    if numbers:
        live_stats.changed(event)
