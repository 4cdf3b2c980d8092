"""What the API takes: the body of each request, as the JSON API and the HTML forms parse it.

The use cases take the bodies that carry a whole change (EventCreate, EventPatch, JoinIn,
MePatch); the small ones (a message, some minutes, an id or two) are read by the faces.
"""

from __future__ import annotations

from typing import Annotated, Any

from flask_babel import gettext
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..domain.meet_codes import LENGTH, normalized, well_formed
from ..domain.topic_rules import TOPIC_NEEDED, needed_topics
from .fields import (
    DoorCode,
    Headline,
    Id,
    Intent,
    Language,
    Mode,
    Name,
    Nonce,
    Note,
    OptionalEmail,
    OptionalUrl,
    Phone,
    Presence,
    Spot,
    Status,
    Tags,
    TimeZone,
    TopicAliases,
    Topics,
    When,
)


class Input(BaseModel):
    """Strip text, refuse unknown fields: a typo in a field name is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        """Nobody types a NUL character, and PostgreSQL cannot store one in text."""
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and "\x00" in text for text in texts):
            raise ValueError(gettext("Remove the invisible NUL character: text cannot hold it."))
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
    language: Language = "en"
    time_zone: TimeZone = "UTC"

    @model_validator(mode="after")
    def _ends_after_start(self) -> EventSettings:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValueError(gettext("The event must end after it starts."))
        return self


class EventCreate(EventSettings):
    name: Name
    nonce: Nonce = None


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
    language: Language | None = None
    time_zone: TimeZone | None = None


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


MeetCodeText = Annotated[str, Field(min_length=1, max_length=20)]


class KnownIn(Input):
    """Exactly one of `attendee_id` (I know them) and `code` (their "My code": we both know
    each other); `swap_contact` is this side's yes (or no) to swapping contact details."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["attendee_id"]}, {"required": ["code"]}]}
    )

    # Absent, never null: a null would pass as "absent" where the schema's oneOf counts it.
    attendee_id: Id = None  # type: ignore[assignment]
    code: MeetCodeText = Field(  # type: ignore[assignment]
        None, description="Another attendee's code, as typed (any case, spaces and dashes)"
    )
    swap_contact: bool = Field(  # type: ignore[assignment]
        None,
        description="My yes to swapping contact details (both say yes and both share: each"
        " is in the other's contacts); false takes it back; absent leaves it as it was",
    )

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        code = normalized(value)
        if not well_formed(code):
            raise ValueError(
                gettext(
                    "A code is %(length)s letters and digits, as shown on their phone.",
                    length=LENGTH,
                )
            )
        return code

    @model_validator(mode="after")
    def _one_of(self) -> KnownIn:
        if (self.attendee_id is None) == (self.code is None):
            raise ValueError(gettext("Send either attendee_id or code (one of them)."))
        return self


WarmNote = Annotated[str, Field(max_length=200, description="One optional line")]


class WarmIn(Input):
    """Ask `via`, someone both know, to introduce me to `to`."""

    to: Id
    via: Id
    note: WarmNote = ""


class WarmAnswerIn(Input):
    note: WarmNote = ""


class RemoveIn(Input):
    ids: list[Id] = Field(min_length=1, max_length=500, description="The attendees to remove")


class SwapIn(Input):
    """Two people of the running round who trade partners (and places)."""

    attendees: list[int] = Field(
        min_length=2, max_length=2, description="The two attendees' ids, e.g. [12, 31]"
    )


class ExtendIn(Input):
    minutes: int = Field(default=2, ge=1, le=30, description="Minutes to add to the timer")
