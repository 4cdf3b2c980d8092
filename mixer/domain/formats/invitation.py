"""The invitation mail: plain text and HTML (every value escaped), the personal link in both,
and a List-Unsubscribe header (mail to the sender, subject "unsubscribe") as mail providers
ask of messages sent in bulk. Pure: values in, an `EmailMessage` out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr
from html import escape

from .text import clean_text


@dataclass(frozen=True)
class Invitation:
    event: str
    venue: str
    starts_at: datetime | None
    name: str
    email: str
    link: str
    sender: str


def _one_line(text: str) -> str:
    """Header-safe: no line break can start a header of its own."""
    return " ".join(clean_text(text, newlines=False).split())


def _when(invitation: Invitation) -> str:
    parts = []
    if invitation.starts_at is not None:
        parts.append(invitation.starts_at.strftime("%A %d %B %Y, %H:%M"))
    if invitation.venue:
        parts.append(invitation.venue)
    return " · ".join(_one_line(part) for part in parts)


def text_body(invitation: Invitation) -> str:
    when = _when(invitation)
    lines = [
        f"Hello {_one_line(invitation.name)},",
        "",
        f"You are registered for {_one_line(invitation.event)}" + (f" ({when})." if when else "."),
        "",
        "Your personal link signs your phone in before the night, so at the door you only",
        "confirm you are there and the introductions can start:",
        "",
        invitation.link,
        "",
        "The link is yours alone: please do not share it.",
    ]
    return "\n".join(lines) + "\n"


def html_body(invitation: Invitation) -> str:
    when = _when(invitation)
    link = escape(invitation.link, quote=True)
    event = escape(_one_line(invitation.event))
    return (
        '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">'
        f"<p>Hello {escape(_one_line(invitation.name))},</p>"
        f"<p>You are registered for <strong>{event}</strong>"
        + (f" ({escape(when)})" if when else "")
        + ".</p><p>Your personal link signs your phone in before the night, so at the door "
        "you only confirm you are there and the introductions can start:</p>"
        f'<p><a href="{link}">Open my link for {event}</a></p>'
        f'<p style="color:#555;font-size:90%">{link}<br>The link is yours alone: please do'
        " not share it.</p></body></html>"
    )


def invitation_message(invitation: Invitation) -> EmailMessage:
    """The message to send: text first, HTML as its alternative."""
    message = EmailMessage()
    message["Subject"] = f"Your personal link for {_one_line(invitation.event)}"
    message["From"] = invitation.sender
    message["To"] = formataddr((_one_line(invitation.name), invitation.email))
    address = parseaddr(invitation.sender)[1] or invitation.sender  # "Mixer <m@x.org>": m@x.org
    message["Message-ID"] = make_msgid(domain=address.rpartition("@")[2] or None)
    message["List-Unsubscribe"] = f"<mailto:{address}?subject=unsubscribe>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text_body(invitation))
    message.add_alternative(html_body(invitation), subtype="html")
    return message
