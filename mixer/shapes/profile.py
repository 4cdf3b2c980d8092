"""A person as others see them: the public profile, a name alone, and shared contact details."""

from __future__ import annotations

from .fields import Intent, Output


class Named(Output):
    id: int
    name: str


class PublicProfile(Output):
    id: int
    name: str
    headline: str
    intent: Intent
    offers: list[str]
    seeks: list[str]


class Contact(Output):
    email: str | None
    phone: str | None
    profile_url: str | None
