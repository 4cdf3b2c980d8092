"""The load balancer's view: GET /healthz answers 200 when this worker can serve."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from ..services import checks as health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """200 with every dependency "ok" (or not configured); 503 naming the one that is not."""
    result = health.check()
    ok = health.healthy(result)
    response = jsonify({"status": "ok" if ok else "unavailable", **result})
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if ok else 503
