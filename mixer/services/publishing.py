"""Finishing a change: commit it, then tell everyone.

Every use case that changes the room ends the same way, here: the pushes it planned
inside its transaction (`pushes.Outbox`) are numbered (`sequence`), the change is
committed, and only then are they sent, so a change that was rolled back is never
announced; last, the console's numbers are scheduled (at most twice a second per event,
`live_stats.changed`).
"""

from __future__ import annotations

from ..domain.models import Event
from ..infra.extensions import db
from . import live_stats, sequence
from .pushes import Outbox


def finish(event: Event, outbox: Outbox, *, numbers: bool = True) -> None:
    """Commit, send what `outbox` planned, then (unless `numbers` is False: nothing the
    console counts changed) schedule the console's numbers."""
    sequence.numbered(event, [payload for _room, _name, payload in outbox.planned])
    db.session.commit()
    outbox.send()
    if numbers:
        live_stats.changed(event)
