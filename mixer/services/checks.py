"""Is this worker fit to take traffic: can it reach its database and, if set, Redis?"""

from __future__ import annotations

import logging

from sqlalchemy import text

from ..infra import coordination
from ..infra.extensions import db

log = logging.getLogger(__name__)


def check() -> dict[str, str]:
    """ "ok", "not configured" or a short reason per dependency; never raises."""
    result = {"database": "ok", "redis": "not configured"}
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    except Exception as exc:
        db.session.rollback()
        log.warning("health check: database unreachable: %s", type(exc).__name__)
        result["database"] = "unreachable"
    claims = coordination.claims()
    if isinstance(claims, coordination.RedisClaims):
        try:
            claims.ping()
            result["redis"] = "ok"
        except Exception as exc:
            log.warning("health check: Redis unreachable: %s", type(exc).__name__)
            result["redis"] = "unreachable"
    return result


def healthy(result: dict[str, str]) -> bool:
    return all(state in ("ok", "not configured") for state in result.values())
