"""Warm requests as the contract shows them (warm.py): to the broker, and to the asker."""

from __future__ import annotations

from ..domain.models import WarmRequest
from .presenters import profile_out, utc
from .profile import Named
from .warm import WarmRequestOut


def warm_status(req: WarmRequest, viewer_id: int) -> str:
    """Graceful no: the broker's decline reads "ended" ("not this time") to anyone else."""
    if req.status == "declined" and viewer_id != req.broker_id:
        return "ended"
    return req.status


def waits_for_place(req: WarmRequest) -> bool:
    """Introduced, and the introduction waits for a free place on both sides."""
    return req.status == "introduced" and req.introduction_id is None


def warm_out(req: WarmRequest, viewer_id: int) -> WarmRequestOut:
    """One request as the broker or the asker sees it (its people loaded with it)."""
    return WarmRequestOut(
        id=req.id,
        status=warm_status(req, viewer_id),  # type: ignore[arg-type]
        from_=profile_out(req.asker),
        to=profile_out(req.target),
        via=Named(id=req.broker.id, name=req.broker.name),
        from_gets=list(req.asker_gets),
        to_gets=list(req.target_gets),
        one_way=req.one_way,
        note=req.note,
        broker_note=req.broker_note,
        waiting_for_place=waits_for_place(req),
        introduction_id=req.introduction_id,
        created_at=utc(req.created_at),  # type: ignore[arg-type]
    )
