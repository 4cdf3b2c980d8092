"""The value types the API's shapes are made of (ids, names, one-line texts, times, email
and web addresses, topic lists, the enumerations of the contract), and `Output`, the base
of every shape the API returns.

Each type carries its own check and its documented form, so a field declared with it is
validated and described the same way in every body and in the OpenAPI document.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from functools import partial
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext
from flask_babel import lazy_gettext as N_
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from ..domain.languages import SHIPPED, known_time_zone
from ..domain.topic_rules import MAX_ALIASES, MAX_TAG, MAX_TAGS, MAX_TOPICS, tag_list, topic_aliases

MAX_ID = 2**31 - 1  # ids are 32-bit integers in PostgreSQL: a larger one names nobody
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
DoorCode = Annotated[
    str,
    Field(
        max_length=40,
        description='Shown at the venue (screen, poster), never in the QR\'s link; "": none',
    ),
]


def _documented_tags(most: int) -> WithJsonSchema:
    """What the API takes: a list of tags, or one string of them separated by commas."""
    listed = {"type": "array", "items": {"type": "string", "maxLength": MAX_TAG}, "maxItems": most}
    joined = {"type": "string", "description": "Tags separated by commas, as a form field sends"}
    return WithJsonSchema({"anyOf": [listed, joined]}, mode="validation")


Tags = Annotated[
    list[str], BeforeValidator(partial(tag_list, most=MAX_TAGS)), _documented_tags(MAX_TAGS)
]
Topics = Annotated[
    list[str], BeforeValidator(partial(tag_list, most=MAX_TOPICS)), _documented_tags(MAX_TOPICS)
]
TopicAliases = Annotated[
    dict[str, str],
    BeforeValidator(topic_aliases),
    Field(
        max_length=MAX_ALIASES,
        description="Typed text -> the topic it means in this room (declare two topics the same)",
    ),
]

# Bidi embeddings, overrides and isolates (LRE…RLO, LRI…PDI): they turn the text after them
# around ("Ana\u202egnp.exe" shows as "Anaexe.png"), in the room and on the projector.
# Right-to-left names need none of them; the marks (LRM, RLM, ALM) stay.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Letters by category that show nothing: the Hangul fillers and the blank Braille pattern.
BLANKS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _visible(char: str) -> bool:
    """Shows as something: a letter, digit, punctuation or symbol (emoji are symbols)."""
    return unicodedata.category(char)[0] in "LNPS" and char not in BLANKS


def _one_line(value: str) -> str:
    """Text shown on one line to others: no bidi controls, no control characters (ANSI
    escapes, tabs, line breaks), and nothing invisible at either end."""
    value = value.translate(BIDI_CONTROLS)
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in value):
        raise ValueError(
            gettext("Remove the control characters (escape codes, tabs or line breaks).")
        )
    # Marks stay at the end (an accent typed as its own character, an emoji's style or
    # keycap); joiners stay inside (emoji sequences, Persian names).
    start, end = 0, len(value)
    while start < end and _blank(value[start]):
        start += 1
    while end > start and _blank(value[end - 1]):
        end -= 1
    return value[start:end]


def _blank(char: str) -> bool:
    """Shows nothing and means nothing at either end of a text: spaces, formats, fillers."""
    return char in BLANKS or unicodedata.category(char) in ("Cf", "Zs")


def _readable_name(value: str) -> str:
    """A name someone can read and say: at least one visible character."""
    value = _one_line(value)
    if not any(_visible(c) for c in value):
        raise ValueError(
            gettext(
                "Enter a name people can read: this one has no visible letters, digits or emoji."
            )
        )
    return value


Text80 = Annotated[str, Field(min_length=1, max_length=80)]
Name = Annotated[
    Text80,
    AfterValidator(_readable_name),
    Field(
        description="At least one visible character (a letter, digit, sign or emoji); no control"
        " characters; bidi embedding, override and isolate controls are removed"
    ),
]
Headline = Annotated[
    str,
    Field(max_length=120, description="One line: bidi controls removed, no control characters"),
    AfterValidator(_one_line),
]
Note = Annotated[str, Field(max_length=500)]
Phone = Annotated[str, Field(max_length=40, pattern=r"^[0-9+()./ \-]*$")]
Spot = Annotated[str, Field(min_length=1, max_length=60)]
Intent = Literal["give", "seek", "both"]
# A form's one-time nonce: long and random, so a repeat of the same form is told apart from
# a new one (and nobody guesses someone else's).
Nonce = Annotated[
    Annotated[str, Field(min_length=22, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")] | None,
    Field(
        description="Optional one-time nonce of this form (22 to 128 random URL-safe"
        " characters, new for each form): sending the same one again makes nothing new",
    ),
]
Mode = Literal["continuous", "rounds", "both"]
# The event's default language (its poster, projector screen and exports): one Mixer ships.
Language = Literal[tuple(SHIPPED)]  # type: ignore[valid-type]


def _time_zone(value: str) -> str:
    if not known_time_zone(value):
        raise ValueError(gettext('Use a time zone name such as "Europe/Berlin" or "UTC".'))
    return value


# Where the event takes place: its times are shown in this zone.
TimeZone = Annotated[
    str, Field(max_length=64, examples=["Europe/Berlin"]), AfterValidator(_time_zone)
]
Status = Literal["open", "paused", "closed"]
Presence = Literal["here", "busy", "left"]  # busy: in a conversation, no new suggestions


def _naive_utc(value: datetime | None) -> datetime | None:
    """Stored times are naive UTC everywhere (SQLite keeps no offsets).

    At the ends of the calendar an offset can carry the time past year 1 or 9999, which
    no date can hold: that is the sender's mistake to fix, not a server error.
    """
    if value is not None and value.tzinfo is not None:
        try:
            return value.astimezone(UTC).replace(tzinfo=None)
        except OverflowError as exc:
            raise ValueError(str(OUT_OF_RANGE)) from exc
    return value


OUT_OF_RANGE = N_("That time falls outside the calendar in UTC: enter one like 2026-12-03T18:30.")


When = Annotated[datetime | None, AfterValidator(_naive_utc)]


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _email(value: str | None) -> str | None:
    """Syntax only: a venue has no time to wait for DNS, and typos show at once."""
    if value is None:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(gettext("Enter a valid email address, like name@example.com.")) from exc


def _web_address(value: str | None) -> str | None:
    """Only http(s): a javascript: link in a profile would run in other people's phones."""
    if value is None:
        return None
    parts = urlsplit(value)
    unsafe = any(c.isspace() or ord(c) < 32 for c in value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or unsafe:
        raise ValueError(gettext("Enter a full web address starting with https://"))
    return value


def _documented_optional(**given: Any) -> WithJsonSchema:
    """What the API takes: a value, or blank or null for none (an emptied form field)."""
    blank = {"type": "string", "pattern": r"^\s*$", "description": "Blank: none"}
    return WithJsonSchema(
        {"anyOf": [{"type": "string", **given}, blank, {"type": "null"}]}, mode="validation"
    )


OptionalEmail = Annotated[
    Annotated[str, Field(max_length=254)] | None,
    BeforeValidator(_blank_to_none),
    AfterValidator(_email),
    _documented_optional(format="email", maxLength=254),
]
OptionalUrl = Annotated[
    Annotated[str, Field(max_length=500)] | None,
    BeforeValidator(_blank_to_none),
    AfterValidator(_web_address),
    # http(s) only, in any case, after any leading spaces (they are stripped)
    _documented_optional(format="uri", maxLength=500, pattern=r"^\s*[Hh][Tt][Tt][Pp][Ss]?://"),
]


class Output(BaseModel):
    model_config = ConfigDict(extra="forbid")
