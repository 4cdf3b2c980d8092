"""Input validation and the documented shapes: one source for both the API and OpenAPI.

Pydantic models describe every body the API takes and every object it returns; the
OpenAPI document is generated from these same classes, so the two cannot drift.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from functools import partial
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..matching.words import normalise

MAX_ID = 2**31 - 1  # ids are 32-bit integers in PostgreSQL: a larger one names nobody
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
DoorCode = Annotated[
    str,
    Field(
        max_length=40,
        description='Shown at the venue (screen, poster), never in the QR\'s link; "": none',
    ),
]
MAX_TAGS = 12
MAX_TAG = 40
_SPACES = re.compile(r"\s+")


def normalise_tag(raw: str) -> str:
    """Trim and collapse inner spaces; otherwise kept as typed (matching reads it later)."""
    return _SPACES.sub(" ", raw).strip()


def _tag_list(value: Any, most: int) -> Any:
    """A list of tags, or one comma-separated string (what a plain form field sends).

    A list is held to its documented limits as sent: at most `most` entries of at most
    MAX_TAG characters. Then tags are normalised, and empty and repeated ones dropped.
    """
    listed = isinstance(value, list)
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return value
    if not all(isinstance(v, str) for v in value):
        raise ValueError("Tags must be text.")
    if listed and len(value) > most:
        raise ValueError(f"At most {most} tags, please: you gave {len(value)}.")
    seen: list[str] = []
    folded: set[str] = set()
    for raw in value:
        tag = normalise_tag(raw)
        if len(raw if listed else tag) > MAX_TAG:
            raise ValueError(f"Keep each tag to {MAX_TAG} characters: '{tag[:20]}…' is longer.")
        if tag and not normalise(tag):
            raise ValueError(f"'{tag[:20]}' has no letters or digits: name the topic in words.")
        if tag and tag.casefold() not in folded:  # "Python" and "python" are one topic
            seen.append(tag)
            folded.add(tag.casefold())
    if len(seen) > most:
        raise ValueError(f"At most {most} tags, please: you gave {len(seen)}.")
    return seen


def _documented_tags(most: int) -> WithJsonSchema:
    """What the API takes: a list of tags, or one string of them separated by commas."""
    listed = {"type": "array", "items": {"type": "string", "maxLength": MAX_TAG}, "maxItems": most}
    joined = {"type": "string", "description": "Tags separated by commas, as a form field sends"}
    return WithJsonSchema({"anyOf": [listed, joined]}, mode="validation")


MAX_TOPICS = 60
Tags = Annotated[
    list[str], BeforeValidator(partial(_tag_list, most=MAX_TAGS)), _documented_tags(MAX_TAGS)
]
Topics = Annotated[
    list[str], BeforeValidator(partial(_tag_list, most=MAX_TOPICS)), _documented_tags(MAX_TOPICS)
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
        raise ValueError("Remove the control characters (escape codes, tabs or line breaks).")
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
            "Enter a name people can read: this one has no visible letters, digits or emoji."
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
            raise ValueError(OUT_OF_RANGE) from exc
    return value


OUT_OF_RANGE = "That time falls outside the calendar in UTC: enter one like 2026-12-03T18:30."


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
        raise ValueError("Enter a valid email address, like name@example.com.") from exc


def _web_address(value: str | None) -> str | None:
    """Only http(s): a javascript: link in a profile would run in other people's phones."""
    if value is None:
        return None
    parts = urlsplit(value)
    unsafe = any(c.isspace() or ord(c) < 32 for c in value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or unsafe:
        raise ValueError("Enter a full web address starting with https://")
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


class Input(BaseModel):
    """Strip text, refuse unknown fields: a typo in a field name is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        """Nobody types a NUL character, and PostgreSQL cannot store one in text."""
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and "\x00" in text for text in texts):
            raise ValueError("Remove the invisible NUL character: text cannot hold it.")
        return value


class EventSettings(Input):
    venue: Annotated[str, Field(max_length=120)] = ""
    starts_at: When = None
    ends_at: When = None
    topics: Topics = []
    giver_capacity: Annotated[int, Field(ge=1, le=20)] = 3
    meeting_spots: Annotated[list[Spot], Field(max_length=200)] = []
    mode: Mode = "continuous"
    door_code: DoorCode = ""

    @model_validator(mode="after")
    def _ends_after_start(self) -> EventSettings:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValueError("The event must end after it starts.")
        return self


class EventCreate(EventSettings):
    name: Name
    nonce: Nonce = None


def _aliases(value: Any) -> Any:
    """Typed text -> the topic it means; both trimmed, an alias naming itself dropped."""
    if not isinstance(value, dict):
        return value
    out = {}
    for alias, topic in value.items():
        if not isinstance(topic, str):
            raise ValueError("Each alias names one topic, as text.")
        alias, topic = normalise_tag(alias), normalise_tag(topic)
        if not normalise(alias) or not normalise(topic):
            raise ValueError("An alias and its topic need letters or digits.")
        if len(alias) > MAX_TAG or len(topic) > MAX_TAG:
            raise ValueError(f"Keep aliases and topics to {MAX_TAG} characters.")
        if normalise(alias) != normalise(topic):
            out[alias] = topic
    return out


MAX_ALIASES = 200
TopicAliases = Annotated[
    dict[str, str],
    BeforeValidator(_aliases),
    Field(
        max_length=MAX_ALIASES,
        description="Typed text -> the topic it means in this room (declare two topics the same)",
    ),
]


class EventPatch(Input):
    name: Name | None = None
    venue: Annotated[str, Field(max_length=120)] | None = None
    status: Status | None = None
    topics: Topics | None = None
    giver_capacity: Annotated[int, Field(ge=1, le=20)] | None = None
    meeting_spots: Annotated[list[Spot], Field(max_length=200)] | None = None
    mode: Mode | None = None
    topic_aliases: TopicAliases | None = None
    door_code: DoorCode | None = None


class ProfileFields(Input):
    headline: Headline = ""
    offers_note: Note = ""
    seeks_note: Note = ""
    capacity: Annotated[int, Field(ge=1, le=20)] | None = None
    email: OptionalEmail = None
    phone: Phone = ""
    profile_url: OptionalUrl = None
    share_contact: bool = False
    share_with_organizer: bool = Field(
        False, description="Also show email, phone and link to the organizer (list and exports)"
    )
    mentor: bool = False


class JoinIn(ProfileFields):
    name: Name
    intent: Intent
    nonce: Nonce = None
    door_code: Annotated[str, Field(max_length=40)] | None = Field(
        None,
        description="The door code, when the event has one (see door_code_required)",
    )
    offers: Tags = []  # checked after intent, which decides whether they may be empty
    seeks: Tags = []

    @field_validator("offers", "seeks")
    @classmethod
    def _has_topics(cls, value: list[str], info: ValidationInfo) -> list[str]:
        intent = info.data.get("intent")
        if intent and not value and info.field_name in needed_topics(intent):
            raise ValueError(TOPIC_NEEDED[info.field_name])
        return value


TOPIC_NEEDED = {
    "offers": "Add at least one topic you can offer.",
    "seeks": "Add at least one topic you are looking for.",
}


def needed_topics(intent: str) -> tuple[str, ...]:
    """Matching needs something to match on: givers offer, seekers seek, 'both' do both."""
    return {"give": ("offers",), "seek": ("seeks",), "both": ("offers", "seeks")}[intent]


def topic_errors(intent: str, offers: list[str], seeks: list[str]) -> dict[str, str]:
    lists = {"offers": offers, "seeks": seeks}
    return {name: TOPIC_NEEDED[name] for name in needed_topics(intent) if not lists[name]}


class MePatch(Input):
    name: Name | None = None
    headline: Headline | None = None
    intent: Intent | None = None
    offers: Tags | None = None
    seeks: Tags | None = None
    offers_note: Note | None = None
    seeks_note: Note | None = None
    capacity: Annotated[int, Field(ge=1, le=20)] | None = None
    presence: Presence | None = None
    email: OptionalEmail = None
    phone: Phone | None = None
    profile_url: OptionalUrl = None
    share_contact: bool | None = None
    share_with_organizer: bool | None = None
    mentor: bool | None = None
    landed: bool | None = Field(None, description="I landed a job (pay it forward next time)")


class AnnouncementIn(Input):
    message: Annotated[str, Field(min_length=1, max_length=280)]


class RoundIn(Input):
    minutes: Annotated[int, Field(ge=1, le=60)] = 8


class KnownIn(Input):
    attendee_id: Id


# ---- what the API returns ------------------------------------------------------------


class Output(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventOut(Output):
    code: str
    name: str
    venue: str
    starts_at: datetime | None
    ends_at: datetime | None
    status: Status
    mode: Mode
    topics: list[str]
    giver_capacity: int
    meeting_spots: list[str]
    topic_aliases: dict[str, str]
    join_url: str
    door_code_required: bool = Field(
        False, description="Joining needs the door code shown at the venue"
    )
    door_code: str | None = Field(
        None, description='The door code itself: to the event\'s organizer only ("": none)'
    )


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


class AnnouncementOut(Output):
    message: str
    at: datetime


class IntroductionOut(Output):
    id: int
    status: Literal["suggested", "accepted", "met", "declined", "expired"]
    you_accepted: bool
    they_accepted: bool
    other: PublicProfile
    for_you: list[str] = Field(description="What they offer that you seek")
    for_them: list[str] = Field(description="What you offer that they seek")
    one_way: bool
    opener: str
    questions: list[str]
    shared_topics: list[str]
    spot: str | None
    round: int | None
    wildcard: bool = Field(
        default=False,
        description="A round pair with nothing to trade either way: the room left no better"
        " choice this round (a wildcard: say hello anyway)",
    )
    created_at: datetime
    expires_at: datetime | None
    contact: Contact | None
    followed_up: bool = Field(description="You marked that you followed up after the event")
    follow_up: str | None = Field(description="A first message to send, once you both accepted")
    reminder: bool = Field(description="Mixer reminded you once to follow up (never more)")
    they_left: bool = Field(
        default=False, description="The other person left the event (or is no longer part of it)"
    )


class UnderstoodTopic(Output):
    """One typed topic and how Mixer read it."""

    model_config = ConfigDict(extra="forbid", serialize_by_alias=True, validate_by_name=True)

    typed: str
    as_: list[str] = Field(
        alias="as", description="Canonical topics it was read as; empty: the person's own topic"
    )


class Understood(Output):
    offers: list[UnderstoodTopic]
    seeks: list[UnderstoodTopic]


WAITING_REASONS = (
    "no_topic_match",
    "helpers_busy",
    "already_met",
    "no_two_way",
    "paused",
    "nobody_seeks_yours",
    "not_present",
    "next_round",
    "searching",
)


class Waiting(Output):
    """Why someone has no open introduction, and what they can do about it."""

    reason: Literal[WAITING_REASONS] = Field(  # type: ignore[valid-type]
        description=(
            "no_topic_match: nobody here offers what you seek; helpers_busy: the people who"
            " can help are at capacity (you are next); already_met: you have been introduced"
            " to everyone here who offers it; no_two_way: those who offer it seek something you"
            " do not offer (topics: what they seek); paused: the organizer paused introductions;"
            " nobody_seeks_yours: nobody here seeks what you offer yet; not_present: you are"
            " marked away or gone; next_round: introductions come in rounds here;"
            " searching: a match exists and is on its way"
        )
    )
    message: str = Field(description="In plain words, what the person can do")
    topics: list[str] = Field(description="The closest topics the room uses, if any")


class Me(PublicProfile):
    event: str
    offers_note: str
    seeks_note: str
    capacity: int
    presence: Presence
    mentor: bool
    email: str | None
    phone: str | None
    profile_url: str | None
    share_contact: bool
    share_with_organizer: bool
    known: list[int]
    landed: bool
    understood: Understood
    waiting: Waiting | None = Field(
        description="Why there is no introduction yet; null when one is open or none is due"
    )


class RoundInfo(Output):
    number: int
    ends_at: datetime = Field(
        description="When the timer runs out; while paused, when it would as of the pause"
    )
    pairs: int = Field(description="Groups in the round (the trio counts once)")
    paused: bool = Field(default=False, description="The organizer paused the timer")
    remaining: int = Field(
        default=0, description="Whole seconds left when this was read (frozen while paused)"
    )


class MeOut(Output):
    attendee: Me
    event: EventOut
    introductions: list[IntroductionOut]
    announcements: list[AnnouncementOut] = Field(description="The latest, newest first")
    seq: int
    round: RoundInfo | None = Field(
        default=None, description="The round running (or paused) now, if any"
    )


class MeEnvelope(Output):
    attendee: Me


class JoinOut(Output):
    attendee: Me
    token: str


class EventCreated(Output):
    event: EventOut
    organizer_token: str
    console_url: str


class OrganizerTokenOut(Output):
    """A new organizer token: the old one, and every console signed in with it, stop working."""

    organizer_token: str = Field(description="Shown in this answer only; stored hashed")
    console_url: str = Field(description="The new console link; it carries the token once")


class EventEnvelope(Output):
    event: EventOut


class AnswerEnvelope(Output):
    introduction: IntroductionOut
    seq: int = Field(description="the event's seq when the answer was read, as in GET /me")


# Why the console marks someone for the organizer's attention.
Flag = Literal["matches_removed", "burst", "held"]


class AttendeeRow(PublicProfile):
    presence: Presence
    capacity: int
    open_introductions: int
    mentor: bool
    joined_at: datetime
    email: str | None
    phone: str | None
    profile_url: str | None
    flags: list[Flag] = Field(
        default_factory=list,
        description="For the organizer's eye: matches_removed (joined after someone with the"
        " same name or email was removed), burst (one of many joins from one address within"
        " seconds), held (a burst's newcomer: no suggestions until the brief hold ends)",
    )


class RemovedRow(Output):
    """Someone the organizer removed, to undo it (POST …/attendees/{id}/restore)."""

    id: int
    name: str
    headline: str
    removed_at: datetime


class AttendeeList(Output):
    attendees: list[AttendeeRow]
    removed: list[RemovedRow] = Field(
        default_factory=list, description="People removed from the event, newest first"
    )


class RemoveIn(Input):
    ids: list[Id] = Field(min_length=1, max_length=500, description="The attendees to remove")


class RemovedList(Output):
    removed: list[RemovedRow] = Field(description="Those removed now (not those removed before)")


class AttendeeRowEnvelope(Output):
    attendee: AttendeeRow


class AttendeeDetail(AttendeeRow):
    """One attendee opened in the console: the row, how their topics were read, why they wait."""

    offers_note: str
    seeks_note: str
    understood: Understood
    waiting: Waiting | None = Field(
        description="Why they have no introduction yet, as their phone says it; null if one is open"
    )


class AttendeeEnvelope(Output):
    attendee: AttendeeDetail


class Named(Output):
    id: int
    name: str


class SwapIn(Input):
    """Two people of the running round who trade partners (and places)."""

    attendees: list[int] = Field(
        min_length=2, max_length=2, description="The two attendees' ids, e.g. [12, 31]"
    )


class ExtendIn(Input):
    minutes: int = Field(default=2, ge=1, le=30, description="Minutes to add to the timer")


class TopicCount(Output):
    topic: str
    offers: int = Field(description="People here who offer it")
    seeks: int = Field(description="People here who seek it")


class TopicsOut(Output):
    topics: list[TopicCount]


class TopicSupply(TopicCount):
    waiting: int = Field(description="Seekers of it still without an introduction")


class Stats(Output):
    """The console's numbers; pushed as `stats` and returned by GET …/stats alike."""

    attendees: dict[str, int] = Field(description="Counts by intent and by presence, and total")
    introductions: dict[str, int] = Field(description="Counts by status")
    seekers_without_introduction: list[Named]
    givers_at_capacity: list[Named]
    balance: dict[str, int | float] = Field(
        description="Givers' free capacity against seekers waiting; seekers_no_topic_match:"
        " waiting seekers whose topics nobody here offers (free places will not help them)"
    )
    acceptance_rate: float | None
    met_rate: float | None
    round: RoundInfo | None = Field(description="The round running now, if any")
    topics: list[TopicSupply] = Field(
        description="Supply and demand per canonical topic, the most wanted first"
    )


class StatsOut(Stats):
    seq: int


class ErrorDetail(Output):
    code: str
    message: str
    fields: dict[str, str]


class ErrorOut(Output):
    error: ErrorDetail


class KnownOut(Output):
    known: list[int]


class Person(Output):
    """Someone else at the event, as listed for 'people I already know here'."""

    id: int
    name: str
    headline: str
    intent: Intent
    known: bool


class PeopleOut(Output):
    people: list[Person]


class AnnouncementEnvelope(Output):
    announcement: AnnouncementOut


class RebalanceOut(Output):
    withdrawn: int = Field(description="Unanswered suggestions ended (shown as 'not this time')")
    made: int = Field(description="New suggestions made instead")
    seekers_served_before: int = Field(description="Seekers with an introduction, before")
    seekers_served_after: int = Field(description="Seekers with an introduction, after")


class RebalanceEnvelope(Output):
    rebalance: RebalanceOut


class RoundEnvelope(Output):
    round: RoundInfo
