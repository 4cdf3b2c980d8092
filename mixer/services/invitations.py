"""Invitations by mail: each registration gets its personal link, once.

Never twice to one address unless the organizer asks (`again`): the registrations to write
to are claimed first, in one short transaction under the event's lock (their invitation
counted), and only then are the mails sent, outside the lock; a double tap finds nothing
left to claim. A mail the server refuses for good gives its claim back, so it can be sent
again later; a temporary refusal (4xx) is tried once more after a pause.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as N_
from sqlalchemy import select, update

from ..domain.errors import Conflict
from ..domain.formats.invitation import Invitation, invitation_message
from ..domain.models import Event, Registration, utcnow
from ..infra import mail
from ..infra.extensions import db
from . import exports, personal_links
from .locking import lock_event
from .publishing import finish
from .pushes import Outbox

# With `again`, who got one this recently is skipped all the same: a double tap sends once.
RESEND_AFTER = timedelta(minutes=1)
RETRY_PAUSE = 1.0  # seconds before the one retry of a temporary refusal
CHUNK = 500  # ids per UPDATE

NOT_CONFIGURED = N_(
    "Mail is not set up on this server: set MIXER_SMTP_URL (and MIXER_MAIL_FROM) to send"
    " invitations. The mail-merge CSV works without it."
)


@dataclass
class Sending:
    sent: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (email, what the server said)


@dataclass(frozen=True)
class Claim:
    id: int
    email: str
    message: EmailMessage
    before: tuple[datetime | None, int]  # invited_at and invitations_sent, to give back


def settings() -> mail.MailSettings:
    """The mail settings, or a 409 saying how to set them."""
    try:
        found = mail.settings(current_app.config)
    except ValueError as exc:
        raise Conflict("mail_not_configured", str(exc)) from exc
    if found is None:
        raise Conflict("mail_not_configured", NOT_CONFIGURED)
    return found


def mail_configured() -> bool:
    return bool(current_app.config.get("SMTP_URL"))


def _messages(event: Event, registrations: list[Registration], sender: str
              ) -> list[EmailMessage]:  # fmt: skip
    """Each one's mail in the event's language (the room's, not that of the organizer who
    sends them), the event's start in its time zone."""
    with force_locale(event.language):
        when = exports.written(event.starts_at, event, "full") if event.starts_at else ""
        words = exports.invitation_words()
    return [
        invitation_message(
            Invitation(
                event=event.name, venue=event.venue or "", starts_at=event.starts_at,
                name=r.name, email=r.email, sender=sender,
                link=personal_links.link_for(event, r), when=when,
            ),
            words,
        )
        for r in registrations
    ]  # fmt: skip


def _claim(code: str, again: bool, sender: str) -> tuple[list[Claim], int]:
    """Count an invitation for everyone to write to now, and commit: (claims, skipped)."""
    event = lock_event(code)
    now = utcnow()
    everyone = db.session.scalars(
        select(Registration).where(Registration.event_id == event.id).order_by(Registration.id)
    ).all()
    due = [
        r for r in everyone
        if r.invited_at is None or (again and r.invited_at < now - RESEND_AFTER)
    ]  # fmt: skip
    claims = [
        Claim(r.id, r.email, message, (r.invited_at, r.invitations_sent))
        for r, message in zip(due, _messages(event, due, sender), strict=True)
    ]
    ids = [c.id for c in claims]
    for start in range(0, len(ids), CHUNK):
        db.session.execute(
            update(Registration)
            .where(Registration.id.in_(ids[start : start + CHUNK]))
            .values(invited_at=now, invitations_sent=Registration.invitations_sent + 1)
        )
    finish(event, Outbox(event), numbers=False)
    return claims, len(everyone) - len(due)


def _give_back(code: str, claims: list[Claim]) -> None:
    """The invitations that did not go out are not counted: they may be sent again."""
    event = lock_event(code)
    for claim in claims:
        invited_at, sent = claim.before
        db.session.execute(
            update(Registration)
            .where(Registration.id == claim.id)
            .values(invited_at=invited_at, invitations_sent=sent)
        )
    finish(event, Outbox(event), numbers=False)


def send_invitations(code: str, again: bool = False) -> Sending:
    """Mail each registration not invited yet (all of them with `again`) its personal link."""
    found = settings()
    claims, skipped = _claim(code, again, found.sender)
    result = Sending(skipped=skipped)
    lost: list[Claim] = []
    with mail.Mailer(found) as mailer:
        for claim in claims:
            try:
                _send(mailer, claim.message)
                result.sent += 1
            except mail.MailFailed as exc:
                result.failed.append((claim.email, str(exc)))
                lost.append(claim)
    if lost:
        _give_back(code, lost)
    return result


def _send(mailer: mail.Mailer, message: EmailMessage) -> None:
    """One message, tried a second time after a temporary refusal."""
    try:
        mailer.send(message)
    except mail.MailFailed as exc:
        if not exc.temporary:
            raise
        time.sleep(RETRY_PAUSE)
        mailer.send(message)
