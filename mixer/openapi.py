"""The OpenAPI 3.1 document, built from the pydantic models in schemas.py."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from . import schemas as s

REF = "#/components/schemas/{model}"

# (method, path, summary, who, request model, success status, response model or None, errors)
OPERATIONS: list[tuple[str, str, str, str, type[BaseModel] | None, int, type[BaseModel] | None, tuple[int, ...]]] = [
    ("post", "/events", "Create an event", "anyone", s.EventCreate, 201, s.EventCreated, (400, 415, 422)),
    ("get", "/events/{code}", "Public view of an event", "public", None, 200, s.EventEnvelope, (404,)),
    ("patch", "/events/{code}", "Change an event", "organizer", s.EventPatch, 200, s.EventEnvelope, (400, 401, 403, 404, 415, 422)),
    ("get", "/events/{code}/stats", "Live numbers", "organizer", None, 200, s.StatsOut, (401, 403, 404)),
    ("get", "/events/{code}/attendees", "Attendees", "organizer", None, 200, s.AttendeeList, (401, 403, 404)),
    ("delete", "/events/{code}/attendees/{attendee_id}", "Remove an attendee", "organizer", None, 204, None, (401, 403, 404)),
    ("post", "/events/{code}/attendees", "Join an event", "anyone with the code", s.JoinIn, 201, s.JoinOut, (400, 404, 409, 415, 422)),
    ("get", "/me", "My state, to redraw from", "attendee", None, 200, s.MeOut, (401, 403)),
    ("patch", "/me", "Change my profile", "attendee", s.MePatch, 200, s.MeEnvelope, (400, 401, 403, 409, 415, 422)),
    ("delete", "/me", "Forget me", "attendee", None, 204, None, (401, 403)),
    ("post", "/me/known", "Mark someone as already known", "attendee", s.KnownIn, 200, s.KnownOut, (400, 401, 403, 404, 415, 422)),
    ("post", "/introductions/{id}/accept", "Accept an introduction", "attendee", None, 200, s.IntroductionEnvelope, (401, 403, 404, 409)),
    ("post", "/introductions/{id}/decline", "Decline (the other side sees 'not this time')", "attendee", None, 200, s.IntroductionEnvelope, (401, 403, 404, 409)),
    ("post", "/introductions/{id}/met", "Mark an accepted introduction as met", "attendee", None, 200, s.IntroductionEnvelope, (401, 403, 404, 409)),
]

_PARAM_TYPES = {"code": {"type": "string"}, "attendee_id": {"type": "integer"}, "id": {"type": "integer"}}


@cache
def document() -> dict[str, Any]:
    models = {m for op in OPERATIONS for m in (op[4], op[6]) if m is not None} | {s.ErrorOut}
    modes = [(m, "validation" if issubclass(m, s.Input) else "serialization") for m in models]
    _, defs = models_json_schema(sorted(modes, key=lambda x: x[0].__name__), ref_template=REF)
    paths: dict[str, dict[str, Any]] = {}
    for method, path, summary, who, body, status, out, errors in OPERATIONS:
        op: dict[str, Any] = {
            "summary": summary,
            "description": f"Who: {who}.",
            "operationId": f"{method}_{path.strip('/').replace('/', '_').replace('{', '').replace('}', '')}",
            "responses": {
                str(status): {"description": "Success"}
                | ({"content": {"application/json": {"schema": {"$ref": REF.format(model=out.__name__)}}}} if out else {}),
                **{
                    str(code): {
                        "description": "Error",
                        "content": {"application/json": {"schema": {"$ref": REF.format(model="ErrorOut")}}},
                    }
                    for code in errors
                },
            },
        }
        params = [p.strip("{}") for p in path.split("/") if p.startswith("{")]
        if params:
            op["parameters"] = [
                {"name": p, "in": "path", "required": True, "schema": _PARAM_TYPES[p]} for p in params
            ]
        if body is not None:
            op["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": REF.format(model=body.__name__)}}},
            }
        if who in ("organizer", "attendee"):
            op["security"] = [{"bearer": []}, {"cookie": []}]
        paths.setdefault(path, {})[method] = op
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Mixer API",
            "version": "1",
            "description": "Two-way job networking at in-person events: balanced, consented introductions.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": defs["$defs"],
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "cookie": {"type": "apiKey", "in": "cookie", "name": "mixer"},
            },
        },
    }
