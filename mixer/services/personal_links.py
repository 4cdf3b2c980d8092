"""Personal links of registrations: derived, never stored, so an export can list them again.

The token is an HMAC of the event and the address under the app's secret key: the same
registration always gets the same link (a re-import or a second export changes nothing),
and only the token's hash is stored, so a copy of the database opens no phone.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from ..domain.models import Event, Registration
from ..domain.tokens import derived_token, hash_token
from ..infra.extensions import db
from ..infra.links import absolute

# The page that opens a personal link (mixer/web/arrival.py).
ENDPOINT = "arrival.personal"


def email_key(address: str) -> str:
    """An address as compared: "Ana@X.org " and "ana@x.org" are one registration."""
    return address.strip().lower()


def token_for(event: Event, key: str) -> str:
    return derived_token(current_app.secret_key or "", "registration", event.code, key)


def token_hash_for(event: Event, key: str) -> str:
    return hash_token(token_for(event, key))


def link_for(event: Event, registration: Registration) -> str:
    """The absolute personal link, as the mail-merge export and the invitation carry it."""
    return absolute(ENDPOINT, token=token_for(event, registration.email_key))


def find(token: str) -> Registration | None:
    """The registration a personal link opens, or None (a wrong or an old link)."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(
        select(Registration).where(Registration.token_hash == hash_token(token))
    )
