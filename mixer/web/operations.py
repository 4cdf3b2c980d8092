"""The API's operations, one line each: what the OpenAPI document (openapi.py) describes.

Grouped by feature; `OPERATIONS` is all of them in the order the document lists them.
"""

from __future__ import annotations

from typing import NamedTuple

from pydantic import BaseModel

from ..shapes.impact import Impact, OutcomeIn
from ..shapes.inputs import (
    AnnouncementIn,
    EventCreate,
    EventPatch,
    ExtendIn,
    JoinIn,
    KnownIn,
    MePatch,
    RemoveIn,
    RoundIn,
    SwapIn,
    WarmAnswerIn,
    WarmIn,
)
from ..shapes.registrations import ImportOut, InvitationsIn, InvitationsOut, RegistrationList
from ..shapes.warm import MeCode
from .envelopes import (
    AnnouncementEnvelope,
    AnswerEnvelope,
    AttendeeEnvelope,
    AttendeeList,
    AttendeeRowEnvelope,
    EventCreated,
    EventEnvelope,
    JoinOut,
    KnownOut,
    MeEnvelope,
    MeOut,
    OrganizerTokenOut,
    PeopleOut,
    RebalanceEnvelope,
    RemovedList,
    RoundEnvelope,
    StatsOut,
    TopicsOut,
    WarmEnvelope,
)

REF = "#/components/schemas/{model}"
ORG = (401, 403, 404)
ME = (401, 403)
BODY = (400, 415, 422)
JSON = "application/json"
CSV = "text/csv"
VCARD = "text/vcard"


class Op(NamedTuple):
    method: str
    path: str
    summary: str
    who: str
    errors: tuple[int, ...]
    out: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    status: int = 200
    media: str | None = None  # a file download's content type; None: the JSON of `out`
    query: tuple[str, ...] = ()  # optional query parameters, described in QUERY
    also: tuple[int, ...] = ()  # other success statuses, with the same body (a repeat: 200)
    upload: str | None = None  # a body that is a file of this type (not JSON), as text


ROOM = [
    Op("post", "/events", "Create an event (with MIXER_CREATE_KEY set: X-Mixer-Create-Key)",
       "anyone allowed to create events", BODY + (403, 409), EventCreated, EventCreate, 201),
    Op("get", "/events/{code}", "Public view of an event", "public", (404,), EventEnvelope),
    Op("patch", "/events/{code}", "Change an event", "organizer", ORG + BODY + (409,),
       EventEnvelope, EventPatch),
    Op("post", "/events/{code}/organizer-token",
       "Replace the organizer token: the old console link and its cookies stop working at once",
       "organizer", ORG, OrganizerTokenOut),
    Op("get", "/events/{code}/stats", "Live numbers", "organizer", ORG, StatsOut),
    Op("get", "/events/{code}/topics",
       "Canonical topics for a typeahead, the ones the room uses on the other side first"
       " (counts, never names); no q: the room's most used", "attendees of the event and the"
       " organizer", ORG + (422,), TopicsOut, query=("q", "side")),
    Op("get", "/events/{code}/attendees",
       "Attendees (email, phone and link only of those who share them with the organizer)",
       "organizer", ORG, AttendeeList),
    Op("get", "/events/{code}/attendees/{attendee_id}",
       "One attendee: topics as typed and as read, and what they wait for", "organizer",
       ORG + (404,), AttendeeEnvelope),
    Op("delete", "/events/{code}/attendees/{attendee_id}", "Remove an attendee", "organizer",
       ORG, status=204),
    Op("post", "/events/{code}/attendees/remove",
       "Remove a selection of attendees at once, in one transaction (all or nothing: an id of"
       " nobody here is a 404); answers those removed now", "organizer", ORG + BODY,
       RemovedList, RemoveIn),
    Op("post", "/events/{code}/attendees/{attendee_id}/restore",
       "Undo a removal: the person and their phone are back (409 once they asked to be"
       " forgotten)", "organizer", ORG + (409,), AttendeeRowEnvelope),
    Op("post", "/events/{code}/announcements", "Push a message to every attendee", "organizer",
       ORG + BODY + (409,), AnnouncementEnvelope, AnnouncementIn, 201),
    Op("post", "/events/{code}/rounds",
       "Start a round: everyone present gets a partner (409 while one runs or is paused)",
       "organizer", ORG + BODY + (409,), RoundEnvelope, RoundIn, 201),
    Op("post", "/events/{code}/rounds/current/end", "End the running round now", "organizer",
       ORG + (409,), RoundEnvelope),
    Op("post", "/events/{code}/rounds/current/undo",
       "Undo the running round (a mistake): its introductions are withdrawn, counted nowhere,"
       " block no future pair, and its number is free again; every phone redraws",
       "organizer", ORG + (409,), RoundEnvelope),
    Op("post", "/events/{code}/rounds/current/swap",
       "Two people of the running round trade partners (and spots); both groups are re-formed",
       "organizer", ORG + BODY + (404, 409), RoundEnvelope, SwapIn),
    Op("post", "/events/{code}/rounds/current/pause",
       "Pause the running round's timer (phones, console and projector stop counting)",
       "organizer", ORG + (409,), RoundEnvelope),
    Op("post", "/events/{code}/rounds/current/resume", "Resume the paused round's timer",
       "organizer", ORG + (409,), RoundEnvelope),
    Op("post", "/events/{code}/rounds/current/extend",
       "Add minutes (default 2) to the running round's timer", "organizer",
       ORG + BODY + (409,), RoundEnvelope, ExtendIn),
    Op("post", "/events/{code}/rebalance",
       "Re-choose every unanswered suggestion for the whole room now", "organizer",
       ORG + (409,), RebalanceEnvelope),
    Op("post", "/events/{code}/attendees", "Join an event (the same nonce again, within"
       " minutes: the same person and token, 201 again, nothing new; 403 removed: this"
       " browser's cookie or token is of someone the organizer removed; 403 door_code: the"
       " event's door code is missing or wrong)", "anyone with the code",
       BODY + (403, 404, 409), JoinOut, JoinIn, 201),
    Op("get", "/me", "My state, to redraw from", "attendee", ME, MeOut),
    Op("patch", "/me", "Change my profile", "attendee", ME + BODY + (409,), MeEnvelope,
       MePatch),
    Op("delete", "/me", "Forget me", "attendee", ME, status=204),
    Op("post", "/me/known", "Mark someone as already known: by attendee_id (my side), or by"
       " their code (both sides; 404 unknown, of another event or of someone gone; 409 used by"
       " someone else or expired; 422 my own). swap_contact: my yes to swapping contact"
       " details (both yes and both share: each in the other's contacts)", "attendee",
       ME + BODY + (404, 409), KnownOut, KnownIn),
    Op("get", "/me/code", "My code: show it (or its link as a QR) to someone I know here; one"
       " use, minutes long, a new one once used", "attendee", ME, MeCode),
    Op("get", "/me/code.svg", "My code's link as a QR code", "attendee", ME,
       media="image/svg+xml"),
    Op("get", "/me/people", "Others at my event, those I know first (?q= filters)", "attendee",
       ME, PeopleOut, query=("q",)),
    Op("post", "/introductions/{id}/accept", "Accept an introduction", "attendee",
       ME + (404, 409), AnswerEnvelope),
    Op("post", "/introductions/{id}/decline", "Decline: the other side sees 'not this time'",
       "attendee", ME + (404, 409), AnswerEnvelope),
    Op("post", "/introductions/{id}/met", "Mark an accepted introduction as met", "attendee",
       ME + (404, 409), AnswerEnvelope),
    Op("post", "/introductions/{id}/followed_up", "After the event: I followed up with them",
       "attendee", ME + (404, 409), AnswerEnvelope),
    Op("post", "/warm", "Ask someone both of you know (`via`) to introduce you to `to`; the"
       " same request again answers the open one (200, nothing new); 409 when the broker was"
       " asked for this pair before, or they do not know you both; 429 (Retry-After) when the"
       " broker has had many requests this hour", "attendee",
       ME + BODY + (404, 409, 429), WarmEnvelope, WarmIn, 201, also=(200,)),
    Op("post", "/warm/{id}/introduce", "The broker introduces the two, with an optional line"
       " to both; the introduction waits for a free place on both sides if need be",
       "attendee", ME + BODY + (404, 409), WarmEnvelope, WarmAnswerIn),
    Op("post", "/warm/{id}/decline", "The broker says \"Not me\": the asker sees the request"
       " ended ('not this time')", "attendee", ME + (404, 409), WarmEnvelope),
    Op("get", "/events/{code}/export/attendees.csv", "Attendees as CSV (contacts only where"
       " shared with the organizer)",
       "organizer", ORG, media=CSV),
    Op("get", "/events/{code}/export/introductions.csv", "Introductions and outcomes as CSV",
       "organizer", ORG, media=CSV),
    Op("get", "/events/{code}/export/event.json", "The whole event as a JSON archive (contacts"
       " only where shared with the organizer)",
       "organizer", ORG, media=JSON),
    Op("get", "/me/contacts.vcf", "My mutual contacts as vCard 3.0", "attendee", ME,
       media=VCARD),
    Op("get", "/me/contacts.csv", "My mutual contacts as CSV", "attendee", ME, media=CSV),
]  # fmt: skip

# Before the night: registrations imported, their personal links and invitations.
IMPORT_QUERY = (
    "preview",
    "valid_only",
    "name",
    "first_name",
    "last_name",
    "email",
    "headline",
    "organisation",
)
BEFORE: list[Op] = [
    Op("post", "/events/{code}/registrations", "Import registrations from a ticketing tool's CSV"
       " export (UTF-8 or UTF-16, `,` `;` or tab; known headers in English, German, French and"
       " Spanish, or name the columns in the query): all or nothing (422 with `problems` by"
       " row) unless valid_only=1; preview=1 stores nothing; an address registered already is"
       " `unchanged`; 413 over MIXER_MAX_IMPORT_LENGTH; 415 a body that is no CSV",
       "organizer", ORG + (413, 415, 422, 429), ImportOut, query=IMPORT_QUERY, upload=CSV),
    Op("get", "/events/{code}/registrations", "Registrations with their status (invited, joined"
       " by their personal link, arrived) and the counts by status", "organizer", ORG + (422,),
       RegistrationList, query=("status", "limit")),
    Op("get", "/events/{code}/export/invitations.csv", "Registrations for a mail merge: name,"
       " email and personal link", "organizer", ORG, media=CSV),
    Op("post", "/events/{code}/invitations", "Mail each registration not invited yet its"
       " personal link (again: those invited before too); one retry after a temporary"
       " refusal; 409 when mail is not set up (MIXER_SMTP_URL)", "organizer",
       ORG + BODY + (409, 429), InvitationsOut, InvitationsIn),
]  # fmt: skip


# At the door: personal links opened (pages: GET and POST /r/{token}), check-in.
DOOR: list[Op] = [
    Op(
        "post",
        "/me/checkin",
        "I am at the venue (the join page asks me to confirm first):"
        " introductions start, matched at once as a newcomer is. Someone who joined from a"
        " personal link is not in the room until then (`arrived` false, the people to look"
        " for in `homework`); at the door, joining is arriving. Again: 200, nothing new; 409"
        " once the event closed",
        "attendee",
        ME + (409,),
        MeEnvelope,
    ),
    Op(
        "post",
        "/events/{code}/attendees/{attendee_id}/checkin",
        "Check someone in at the"
        " door: as their own check-in, and their phone redraws by itself (the `arrived`"
        " push). Again: 200, nothing new; 409 once the event closed",
        "organizer",
        ORG + (409,),
        AttendeeRowEnvelope,
    ),
]


# After the night: outcomes and the impact.
AFTER: list[Op] = [
    Op("post", "/introductions/{id}/outcome", "What came of it for me: referral, interview,"
       " offer, advice or nothing; once we met, or after the event if we both accepted (409"
       " before); the same again changes nothing, another one replaces it; never shown to"
       " the other side", "attendee", ME + BODY + (404, 409), AnswerEnvelope, OutcomeIn),
    Op("get", "/events/{code}/impact", "What came of the evening: the funnel (suggested,"
       " accepted, met, followed up, helped), the outcomes told, seekers reached, warm"
       " against cold, the topics that helped (counts only, never names)", "organizer", ORG,
       Impact),
    Op("get", "/events/{code}/export/impact.csv", "The impact as CSV, one metric a row"
       " (metric,value)", "organizer", ORG, media=CSV),
]  # fmt: skip


OPERATIONS = ROOM + BEFORE + DOOR + AFTER
