"""What the phones heard: first pushes per key, and introductions that never arrived."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from swarm import Received


def first_receipts(
    received: list[Received], event: str, key_of: Callable[[Any], str | None]
) -> dict[str, Received]:
    """key -> earliest receipt of `event` whose payload carries that key."""
    first: dict[str, Received] = {}
    for r in received:
        if r.event != event:
            continue
        key = key_of(r.payload)
        if key is not None and (key not in first or r.t < first[key].t):
            first[key] = r
    return first


def other_name(payload: Any) -> str | None:
    """The counterpart's name in an `introduction` payload (None for anything else)."""
    try:
        return payload["other"]["name"]
    except (TypeError, KeyError):
        return None


def delivery_check(
    received: list[Received], me: dict[str, Any], newcomers: set[str]
) -> tuple[int, int, int]:
    """From each newcomer's own view (GET /me): introductions made with someone other than
    a newcomer, and how many of those the counterpart's phone never heard of.
    Returns (newcomers with such an introduction, introductions, pushes missing)."""
    heard = {(r.phone, (r.payload or {}).get("id")) for r in received if r.event == "introduction"}
    with_intro = made = missing = 0
    for answer in me.values():
        intros = [
            i
            for i in (answer or {}).get("introductions", [])
            if i["other"]["name"] not in newcomers
        ]
        with_intro += bool(intros)
        for i in intros:
            made += 1
            missing += (i["other"]["name"], i["id"]) not in heard
    return with_intro, made, missing
