"""The words and times of every export, in the reader's language and the event's time zone.

The formats (mixer.domain.formats) are pure: they take their words and their zone from here.
A column's header and yes/no are translated (English keeps the fields' names, which scripts
and mail merges read); the values stay as stored (an intent is `give`, a status `met`), and
names, headlines and topics people typed are never translated.

Times a person reads (the vCard's note, the invitation) are written the language's way in
the event's zone. Times in a table (CSV) and in the JSON archive are ISO 8601 in the event's
zone with its offset, `2025-03-14T19:30:05+01:00`: the digits are the venue's wall clock, so
a spreadsheet reads the hour the room lived, it sorts as text, and scripts still get the
exact instant.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, dates
from flask_babel import get_locale, gettext

from ..domain.formats import invitation, spreadsheet, vcard
from ..domain.languages import DEFAULT, direction, known_time_zone
from ..domain.models import Event


def columns() -> dict[str, str]:
    """Each export's column by its field's name, in the request's language (English keeps
    the name itself)."""
    return {
        "id": gettext("id"),
        "name": gettext("name"),
        "headline": gettext("headline"),
        "intent": gettext("intent"),
        "offers": gettext("offers"),
        "seeks": gettext("seeks"),
        "presence": gettext("presence"),
        "capacity": gettext("capacity"),
        "mentor": gettext("mentor"),
        "joined_at": gettext("joined_at"),
        "email": gettext("email"),
        "phone": gettext("phone"),
        "profile_url": gettext("profile_url"),
        "created_at": gettext("created_at"),
        "status": gettext("status"),
        "a_id": gettext("a_id"),
        "a_name": gettext("a_name"),
        "a_gets": gettext("a_gets"),
        "b_id": gettext("b_id"),
        "b_name": gettext("b_name"),
        "b_gets": gettext("b_gets"),
        "one_way": gettext("one_way"),
        "spot": gettext("spot"),
        "round": gettext("round"),
        "accepted_at": gettext("accepted_at"),
        "met_at": gettext("met_at"),
        "via": gettext("via"),
        "event": gettext("event"),
        "venue": gettext("venue"),
        "topics": gettext("topics"),
        "introduced_by": gettext("introduced_by"),
        "link": gettext("link"),
        "metric": gettext("metric"),
        "value": gettext("value"),
    }


def header(kind: type[Any]) -> list[str]:
    """The header row of a table of `kind` rows, in the request's language."""
    named = columns()
    return [named.get(f.name, f.name) for f in fields(kind)]


def column(name: str) -> str:
    return columns().get(name, name)


def zone(event: Event) -> tzinfo:
    """Where the event takes place (UTC if its zone is unknown to this machine)."""
    return ZoneInfo(event.time_zone) if known_time_zone(event.time_zone) else UTC


def style(event: Event) -> spreadsheet.Style:
    """How a table's cells read for this request: yes and no in its words, the event's zone."""
    return spreadsheet.Style(zone=zone(event), yes=gettext("yes"), no=gettext("no"))


def locale() -> Locale:
    return get_locale() or Locale.parse(DEFAULT)


def written(moment: datetime, event: Event, length: str = "long") -> str:
    """A stored time (naive UTC) as the reader writes a date and an hour, in the event's
    zone: "14. März 2025, 19:30"."""
    where, language = zone(event), locale()
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(where)
    hour = dates.format_time(local, "short", tzinfo=where, locale=language)
    day = dates.format_date(local, length, locale=language)
    pattern = dates.get_datetime_format(length, locale=language)
    return str(pattern).replace("'", "").replace("{0}", hour).replace("{1}", day)


def note(event: Event) -> vcard.Note:
    """The vCard's note in the request's language, with the event's start if it has one."""
    sentences = {name: gettext(getattr(vcard.ENGLISH, name)) for name in vcard.SENTENCES}
    date = written(event.starts_at, event) if event.starts_at else ""
    return vcard.Note(**sentences, date=date)


def invitation_words() -> invitation.Words:
    """The invitation mail's sentences in the current language (see `force_locale`)."""
    code = str(locale())
    sentences = {name: gettext(getattr(invitation.ENGLISH, name)) for name in invitation.SENTENCES}
    return invitation.Words(**sentences, lang=code, dir=direction(code))
