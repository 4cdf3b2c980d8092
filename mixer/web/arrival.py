"""The page a personal link opens (`/r/<token>`): not built yet, so every link is 404."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("arrival", __name__)


@bp.get("/r/<token>")
def personal(token: str) -> tuple[str, int]:
    """A registration's personal link: signing a phone in by it comes with the door."""
    message = "Personal links open here soon. Join with the event's QR code meanwhile."
    return render_template("message.html", title="Not yet", message=message), 404
