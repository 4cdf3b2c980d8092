"""The invitation mail: plain text and HTML (every value escaped), the personal link in both,
and a List-Unsubscribe header (mail to the sender, subject "unsubscribe") as mail providers
ask of messages sent in bulk. Pure: values in, an `EmailMessage` out.

Its sentences come in `Words`, translated by the caller into the event's language (English
without them), and the event's start as its reader writes it, in the event's time zone.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr
from html import escape

from .text import N_, clean_text

WIDTH = 80  # the plain text's lines, as mail readers show them


@dataclass(frozen=True)
class Invitation:
    event: str
    venue: str
    starts_at: datetime | None
    name: str
    email: str
    link: str
    sender: str
    when: str = ""  # the event's start as its reader writes it; "" for the English default


@dataclass(frozen=True)
class Words:
    """The mail's sentences, each whole with its placeholders, and the language and
    direction its HTML is written in."""

    hello: str = N_("Hello %(name)s,")
    registered: str = N_("You are registered for %(event)s.")
    registered_when: str = N_("You are registered for %(event)s (%(when)s).")
    signs_in: str = N_(
        "Your personal link signs your phone in before the night, so at the door you only"
        " confirm you are there and the introductions can start:"
    )
    open_link: str = N_("Open my link for %(event)s")
    yours_alone: str = N_("The link is yours alone: please do not share it.")
    subject: str = N_("Your personal link for %(event)s")
    lang: str = "en"
    dir: str = "ltr"


ENGLISH = Words()
SENTENCES = ("hello", "registered", "registered_when", "signs_in", "open_link", "yours_alone",
             "subject")  # fmt: skip


def _one_line(text: str) -> str:
    """Header-safe: no line break can start a header of its own."""
    return " ".join(clean_text(text, newlines=False).split())


def _when(invitation: Invitation) -> str:
    parts = []
    if invitation.when:
        parts.append(invitation.when)
    elif invitation.starts_at is not None:
        parts.append(invitation.starts_at.strftime("%A %d %B %Y, %H:%M"))
    if invitation.venue:
        parts.append(invitation.venue)
    return " · ".join(_one_line(part) for part in parts)


def text_body(invitation: Invitation, words: Words = ENGLISH) -> str:
    when = _when(invitation)
    event = _one_line(invitation.event)
    registered = words.registered_when if when else words.registered
    lines = [
        words.hello % {"name": _one_line(invitation.name)},
        "",
        registered % {"event": event, "when": when},
        "",
        textwrap.fill(words.signs_in, WIDTH),
        "",
        invitation.link,
        "",
        words.yours_alone,
    ]
    return "\n".join(lines) + "\n"


def html_body(invitation: Invitation, words: Words = ENGLISH) -> str:
    """The HTML part: the sentences escaped, then the escaped values put in their places."""
    when = escape(_when(invitation))
    link = escape(invitation.link, quote=True)
    event = escape(_one_line(invitation.event))
    registered = escape(words.registered_when if when else words.registered)
    lang, direction = escape(words.lang, quote=True), escape(words.dir, quote=True)
    return (
        f'<!doctype html><html lang="{lang}" dir="{direction}">'
        '<body style="font-family:sans-serif;line-height:1.5">'
        f"<p>{escape(words.hello) % {'name': escape(_one_line(invitation.name))}}</p>"
        f"<p>{registered % {'event': f'<strong>{event}</strong>', 'when': when}}</p>"
        f"<p>{escape(words.signs_in)}</p>"
        f'<p><a href="{link}">{escape(words.open_link) % {"event": event}}</a></p>'
        f'<p style="color:#555;font-size:90%">{link}<br>{escape(words.yours_alone)}</p>'
        "</body></html>"
    )


def invitation_message(invitation: Invitation, words: Words = ENGLISH) -> EmailMessage:
    """The message to send: text first, HTML as its alternative."""
    message = EmailMessage()
    message["Subject"] = words.subject % {"event": _one_line(invitation.event)}
    message["From"] = invitation.sender
    message["To"] = formataddr((_one_line(invitation.name), invitation.email))
    address = parseaddr(invitation.sender)[1] or invitation.sender  # "Mixer <m@x.org>": m@x.org
    message["Message-ID"] = make_msgid(domain=address.rpartition("@")[2] or None)
    message["List-Unsubscribe"] = f"<mailto:{address}?subject=unsubscribe>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text_body(invitation, words))
    message.add_alternative(html_body(invitation, words), subtype="html")
    return message
