"""HTML form fields to the same pydantic inputs the API validates."""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

CHECKBOXES = ("share_contact", "share_with_organizer", "mentor")


def form_data(form: MultiDict[str, str], fields: tuple[str, ...]) -> dict[str, Any]:
    """Keep only known fields; empty numbers become absent, checkboxes become booleans."""
    data: dict[str, Any] = {}
    for name in fields:
        if name in CHECKBOXES:
            data[name] = name in form
        elif name in form:
            value = form.get(name, "")
            if name == "nonce" and not value.strip():
                continue  # a page from before nonces: the form still works, just without one
            if name in ("capacity", "giver_capacity") and not value.strip():
                continue
            if name == "meeting_spots":
                data[name] = [s.strip() for s in value.replace("\n", ",").split(",") if s.strip()]
                continue
            data[name] = value
    return data
