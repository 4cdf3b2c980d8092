"""Outgoing Socket.IO pushes: room names and one planning method per domain event.

Services plan pushes inside their transaction (so payloads show exactly what is being
committed) and send them only after the commit succeeded: a rolled-back change is never
announced. The Outbox only plans: `publishing.finish` numbers the pushes (the event's
`seq`), commits and sends them.

Each push speaks its recipient's language, whoever caused the change: one person's is
built in the language their phone last spoke (`Attendee.language`), else the event's; one
to the whole room (or its consoles) in the event's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import force_locale

from ..domain.languages import DEFAULT, SHIPPED
from ..domain.models import Attendee, Event, Introduction, Round, WarmRequest
from ..infra import coordination
from ..infra.extensions import socketio
from ..shapes.presenters import event_out, introduction_out, round_info, utc
from ..shapes.warm_presenters import warm_out
from .who_knows_whom import known_by_both


def event_room(code: str) -> str:
    """Everyone of the event: attendees and organizers."""
    return f"event:{code}"


def attendee_room(attendee_id: int) -> str:
    """One attendee's phones (they may have several tabs or devices)."""
    return f"attendee:{attendee_id}"


def organizer_room(code: str) -> str:
    """Every open console of the event."""
    return f"organizer:{code}"


SOCKETS_KEPT = 24 * 3600  # seconds a person's socket ids are remembered after the last connect


def attendee_sockets(attendee_id: int) -> str:
    """The key under which a person's socket ids are noted, for every worker to find."""
    return f"sockets:{attendee_room(attendee_id)}"


def attendee_out(attendee_id: int) -> None:
    """Removed or forgotten: their open phones are disconnected (and refused on reconnect).

    Every socket the person opened is disconnected wherever it is held: this worker's at
    once, another worker's through the message queue (an id no longer connected is a
    no-op). Their own room is emptied everywhere too.
    """
    room = attendee_room(attendee_id)
    here = {sid for sid, _eio in socketio.server.manager.get_participants("/", room)}
    for sid in here | coordination.claims().members(attendee_sockets(attendee_id)):
        socketio.server.disconnect(sid, namespace="/", ignore_queue=sid in here)
    socketio.close_room(room)


@dataclass
class Outbox:
    """Pushes waiting for their transaction to commit."""

    event: Event
    planned: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def _plan(self, room: str, name: str, payload: dict[str, Any]) -> None:
        self.planned.append((room, name, payload))

    @contextmanager
    def _speaking(self, person: Attendee | None = None) -> Iterator[None]:
        """Words built inside speak `person`'s language (None: the whole room's)."""
        language = person.language if person is not None else None
        if language not in SHIPPED:
            language = self.event.language if self.event.language in SHIPPED else DEFAULT
        with force_locale(language):
            yield

    def introductions(self, intros: Iterable[Introduction]) -> None:
        """Each side gets its own view of each introduction that was made or changed."""
        ordered = sorted(set(intros), key=lambda i: i.id)
        both_know = known_by_both([(i.a_id, i.b_id) for i in ordered], self.event.id)
        for intro in ordered:
            for viewer in (intro.a_id, intro.b_id):
                self.introduction_for(intro, viewer, both_know.get((intro.a_id, intro.b_id), []))

    def introduction_for(
        self, intro: Introduction, viewer: int, known: list[Any] | None = None
    ) -> None:
        """One side only (a reminder, say, is nobody else's business)."""
        with self._speaking(intro.a if viewer == intro.a_id else intro.b):
            body = introduction_out(intro, viewer, known or []).model_dump(mode="json")
        self._plan(attendee_room(viewer), "introduction", body)

    def known_by(self, attendee_id: int, by: Attendee) -> None:
        """Someone used this person's code: their phones show a new one and list `by`."""
        self._plan(attendee_room(attendee_id), "known", {"by": {"id": by.id, "name": by.name}})

    def warm(self, requests: Iterable[WarmRequest]) -> None:
        """A warm request was made or changed: its broker and its asker, each their view."""
        for req in sorted(set(requests), key=lambda r: r.id):
            for viewer, person in ((req.broker_id, req.broker), (req.asker_id, req.asker)):
                with self._speaking(person):
                    body = warm_out(req, viewer).model_dump(mode="json")
                self._plan(attendee_room(viewer), "warm", body)

    def arrived(self, attendee_id: int) -> None:
        """Checked in (by themselves or at the door): their phones redraw from GET /me."""
        self._plan(attendee_room(attendee_id), "arrived", {"id": attendee_id})

    def announcement(self, message: str, at: datetime) -> None:
        """To every attendee (and console) of the event."""
        body = {"message": message, "at": utc(at).isoformat()}  # type: ignore[union-attr]
        self._plan(event_room(self.event.code), "announcement", body)

    def round(self, round_: Round, groups: int, **news: object) -> None:
        """A round started, changed or ended: every phone shows its number and countdown.

        `news` adds what changed beyond the timer: `undone` (the round was withdrawn: every
        phone redraws from GET /me), `changed` (ids whose partners were swapped: those
        phones redraw).
        """
        with self._speaking():
            body = round_info(round_, groups).model_dump(mode="json")
        self._plan(event_room(self.event.code), "round", {**body, **news})

    def event_changed(self) -> None:
        with self._speaking():
            body = event_out(self.event).model_dump(mode="json")
        self._plan(event_room(self.event.code), "event", body)

    def organizer_link_replaced(self) -> None:
        """Every open console: connect again (only the new link's cookie gets back in)."""
        self._plan(organizer_room(self.event.code), "organizer_link_replaced", {})

    def send(self) -> None:
        """Call only after commit (`publishing.finish` does)."""
        for room, name, payload in self.planned:
            socketio.emit(name, payload, to=room)
        self.planned.clear()


def stats(code: str, payload: dict[str, Any]) -> None:
    """The organizer's live numbers (already carrying their seq)."""
    socketio.emit("stats", payload, to=organizer_room(code))


def organizers_out(code: str) -> None:
    """Empty the organizer room: sockets let in by a replaced link hear no more numbers."""
    socketio.close_room(organizer_room(code))
