"""The OpenAPI 3.1 document, built from the pydantic models that validate the bodies
(`mixer.shapes.inputs`) and shape the answers (`envelopes.py` and the nouns they hold)."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic.json_schema import models_json_schema

from ..shapes.fields import MAX_ID
from ..shapes.inputs import Input
from .envelopes import ErrorOut
from .operations import JSON, OPERATIONS, REF, Op

ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
PARAMS: dict[str, dict[str, Any]] = {"code": {"type": "string"}, "attendee_id": ID, "id": ID}
QUERY: dict[str, dict[str, Any]] = {
    "q": {
        "type": "string",
        "description": "What is being typed: part of a name or headline (its first 80"
        " characters), or of a topic (its first 40)",
    },
    "side": {
        "type": "string",
        "enum": ["offers", "seeks"],
        "default": "seeks",
        "description": "The field being typed in: what you offer, or what you seek",
    },
    "preview": {"type": "string", "enum": ["0", "1", "true", "false"],
                "description": "1: store nothing, answer what an import would do"},
    "valid_only": {"type": "string", "enum": ["0", "1", "true", "false"],
                   "description": "1: import the valid rows even when others have problems"},
    "status": {"type": "string", "enum": ["invited", "joined", "arrived"]},
    "limit": {"type": "string", "pattern": "^[0-9]{1,6}$",
              "description": "At most this many (the counts still count all)"},
} | {
    role: {"type": "string", "maxLength": 200, "description": f"The header of the {role} column"}
    for role in ("name", "first_name", "last_name", "email", "headline", "organisation")
}  # fmt: skip


def _json(model: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": REF.format(model=model)}}}}


def _operation(op: Op) -> dict[str, Any]:
    success: dict[str, Any] = {"description": "Success"}
    if op.out is not None:
        success |= _json(op.out.__name__)
    elif op.media is not None:
        kind = "object" if op.media == JSON else "string"
        success["content"] = {op.media: {"schema": {"type": kind}}}
    errors = {str(code): {"description": "Error"} | _json("ErrorOut") for code in op.errors}
    slug = op.path.strip("/").replace("/", "_").replace(".", "_").replace("{", "").replace("}", "")
    doc: dict[str, Any] = {
        "summary": op.summary,
        "description": f"Who: {op.who}.",
        "operationId": f"{op.method}_{slug}",
        "responses": {str(op.status): success, **dict.fromkeys(map(str, op.also), success)}
        | errors,
    }
    names = [part.strip("{}") for part in op.path.split("/") if part.startswith("{")]
    parameters = [{"name": n, "in": "path", "required": True, "schema": PARAMS[n]} for n in names]
    parameters += [{"name": n, "in": "query", "schema": QUERY[n]} for n in op.query]
    if parameters:
        doc["parameters"] = parameters
    if op.upload is not None:
        doc["requestBody"] = {
            "required": True,
            "content": {op.upload: {"schema": {"type": "string"}}},
        }
    if op.body is not None:
        # No body reads as {} (see api.blueprint.parse): required only where {} would be refused.
        needed = any(field.is_required() for field in op.body.model_fields.values())
        doc["requestBody"] = {"required": needed} | _json(op.body.__name__)
    if op.who != "public" and not op.who.startswith("anyone"):
        doc["security"] = [{"bearer": []}, {"cookie": []}]
    return doc


@cache
def document() -> dict[str, Any]:
    """Built once per process: the models do not change while it runs."""
    models = {m for op in OPERATIONS for m in (op.body, op.out) if m is not None} | {ErrorOut}
    modes = sorted(
        ((m, "validation" if issubclass(m, Input) else "serialization") for m in models),
        key=lambda pair: pair[0].__name__,
    )
    _, defs = models_json_schema(modes, ref_template=REF)
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Mixer API",
            "version": "1",
            "description": "Two-way job networking at in-person events.",
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
