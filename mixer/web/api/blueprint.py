"""The API's one blueprint, `api`, and what every view of it shares: reading a JSON body
into its shape (one place, so every operation refuses bad bodies alike) and answering
with a shape as JSON. The resource modules beside it add the views.
"""

from __future__ import annotations

import json
from typing import TypeVar

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from pydantic import BaseModel

from ...shapes.fields import MAX_ID
from .. import openapi
from ..errors import ApiError

bp = Blueprint("api", __name__, url_prefix="/api/v1")
ID = f"int(min=1, max={MAX_ID})"  # a larger id names nobody: 404 without asking the database
M = TypeVar("M", bound=BaseModel)


# No body the API takes nests deeper than an object of lists; a little room for mistakes that
# deserve a field error (a list inside a tag list) rather than this refusal.
MAX_NESTING = 8
TOO_DEEP = N_(
    "The body nests lists or objects too deeply: at most %(levels)s levels.", levels=MAX_NESTING
)


def nesting(data: object) -> int:
    """How deep lists and objects nest in `data`, counted without recursion (no stack to blow)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_NESTING:
                break
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    return deepest


def parse(model: type[M]) -> M:
    """The body as `model`; malformed JSON is 400, wrong fields 422 (via the error handler)."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        data: object = {}
    else:
        if not request.is_json:
            raise ApiError(
                415,
                "unsupported_media_type",
                gettext("Send JSON with Content-Type: application/json."),
            )
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            said = gettext("The body is not valid JSON: %(reason)s.", reason=exc)
            raise ApiError(400, "bad_json", said) from exc
        except RecursionError as exc:  # nested past the interpreter's stack: never a 500
            raise ApiError(400, "bad_json", TOO_DEEP) from exc
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", gettext("The body must be a JSON object."))
    if nesting(data) > MAX_NESTING:
        raise ApiError(400, "bad_json", TOO_DEEP)
    # Strict: JSON types as documented, so "3" is no number, 0 no "false", 0 no time. (The
    # HTML forms send text and are validated leniently in pages.py.)
    return model.model_validate_json(raw if raw.strip() else b"{}", strict=True)


def reply(model: BaseModel, status: int = 200) -> tuple[Response, int]:
    """A shape as its JSON, with the status to answer."""
    return jsonify(model.model_dump(mode="json")), status


@bp.get("/openapi.json")
def openapi_document() -> Response:
    """The machine-readable contract, generated from the same models that validate input."""
    return jsonify(openapi.document())
