"""Tables. Models hold data only: services commit, then publish (services/publishing.py)."""

from .acquaintance import Known, MeetCode, WarmRequest
from .attendee import Attendee
from .event import (
    EVENT_STATUSES,
    INTENTS,
    INTRO_STATUSES,
    MODES,
    OPEN_STATUSES,
    PRESENCES,
    WARM_STATUSES,
    Announcement,
    Event,
    Handover,
    Round,
    utcnow,
)
from .introduction import OUTCOMES, Introduction
from .registration import REGISTRATION_STATUSES, Registration

__all__ = [
    "EVENT_STATUSES",
    "INTENTS",
    "INTRO_STATUSES",
    "MODES",
    "OPEN_STATUSES",
    "OUTCOMES",
    "PRESENCES",
    "REGISTRATION_STATUSES",
    "WARM_STATUSES",
    "Announcement",
    "Attendee",
    "Event",
    "Handover",
    "Introduction",
    "Known",
    "MeetCode",
    "Registration",
    "Round",
    "WarmRequest",
    "utcnow",
]
