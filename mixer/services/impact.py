"""What came of an evening, for its organizer: the funnel from suggested to followed up,
the outcomes people told, warm against cold, seekers reached and the topics that helped.
Counts only: nothing here names anyone. Read in one pass over two narrow queries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from flask_babel import gettext
from sqlalchemy import select

from ..domain.models import OUTCOMES, Attendee, Event, Introduction
from ..infra.extensions import db
from ..shapes.impact import HELPED, Funnel, Impact, TopicHelped

SEEKERS = ("seek", "both")
TOPIC = "topics."


def csv_labels() -> dict[str, str]:
    """impact.csv's metrics as its reader names them (English keeps the metric's own name)."""
    return {
        "suggested": gettext("suggested"),
        "accepted": gettext("accepted"),
        "met": gettext("met"),
        "followed_up": gettext("followed_up"),
        "helped": gettext("helped"),
        "outcomes.referral": gettext("outcomes.referral"),
        "outcomes.interview": gettext("outcomes.interview"),
        "outcomes.offer": gettext("outcomes.offer"),
        "outcomes.advice": gettext("outcomes.advice"),
        "outcomes.nothing": gettext("outcomes.nothing"),
        "told": gettext("told"),
        "seekers": gettext("seekers"),
        "seekers_reached": gettext("seekers_reached"),
        "warm.suggested": gettext("warm.suggested"),
        "warm.accepted": gettext("warm.accepted"),
        "warm.met": gettext("warm.met"),
        "warm.followed_up": gettext("warm.followed_up"),
        "warm.helped": gettext("warm.helped"),
        "cold.suggested": gettext("cold.suggested"),
        "cold.accepted": gettext("cold.accepted"),
        "cold.met": gettext("cold.met"),
        "cold.followed_up": gettext("cold.followed_up"),
        "cold.helped": gettext("cold.helped"),
    }


TOP_TOPICS = 10
COLUMNS = (
    Introduction.status,
    Introduction.a_id,
    Introduction.b_id,
    Introduction.a_accepted,
    Introduction.b_accepted,
    Introduction.a_followed_up,
    Introduction.b_followed_up,
    Introduction.a_outcome,
    Introduction.b_outcome,
    Introduction.via_id,
    Introduction.a_gets,
    Introduction.b_gets,
)


def impact(event: Event) -> Impact:
    """The event's impact as its organizer sees it (GET …/impact, the page, impact.csv)."""
    intros = db.session.execute(select(*COLUMNS).where(Introduction.event_id == event.id)).all()
    people = db.session.execute(
        select(Attendee.id, Attendee.intent).where(
            Attendee.event_id == event.id, Attendee.removed_at.is_(None)
        )
    ).all()
    return figures(intros, {pid: intent for pid, intent in people}, event.status == "closed")


def met(row: Any, closed: bool) -> bool:
    """They met: marked met, or both accepted and the event is over, or one told what came
    of it (which they could only once they met)."""
    accepted = row.status == "accepted" and row.a_accepted and row.b_accepted
    return row.status == "met" or (closed and accepted) or bool(row.a_outcome or row.b_outcome)


def helped(row: Any) -> bool:
    return row.a_outcome in HELPED or row.b_outcome in HELPED


def funnel(rows: list[Any]) -> Funnel:
    """Each step counts introductions (a pair once), so every step is within the one before
    it: a round's pair meets without accepting first, and counts as accepted once met."""
    mutual = [r for r in rows if r.status == "met" or (r.a_accepted and r.b_accepted)]
    return Funnel(
        suggested=len(rows),
        accepted=len(mutual),
        met=sum(r.status == "met" for r in rows),
        followed_up=sum(bool(r.a_followed_up or r.b_followed_up) for r in mutual),
        helped=sum(helped(r) for r in rows),
    )


def topics_helped(rows: Iterable[Any]) -> list[TopicHelped]:
    """Each topic one side got from an introduction that helped, counted once per pair."""
    counts: Counter[str] = Counter()
    for row in rows:
        if helped(row):
            counts.update({*(row.a_gets or []), *(row.b_gets or [])})
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [TopicHelped(topic=t, helped=n) for t, n in ranked[:TOP_TOPICS]]


def figures(rows: list[Any], intents: dict[int, str], closed: bool) -> Impact:
    """The numbers from the rows: pure, so the page, the JSON and the CSV agree."""
    told = Counter(o for r in rows for o in (r.a_outcome, r.b_outcome) if o in OUTCOMES)
    reached = {
        pid
        for r in rows
        if met(r, closed)
        for pid in (r.a_id, r.b_id)
        if intents.get(pid) in SEEKERS
    }
    return Impact(
        **funnel(rows).model_dump(),
        outcomes={name: told[name] for name in OUTCOMES},
        told=sum(told.values()),
        seekers=sum(intent in SEEKERS for intent in intents.values()),
        seekers_reached=len(reached),
        warm=funnel([r for r in rows if r.via_id is not None]),
        cold=funnel([r for r in rows if r.via_id is None]),
        topics=topics_helped(rows),
    )


def csv_label(metric: str) -> str:
    """A metric of impact.csv in the request's language: `warm.met`, `topics.<topic>` (the
    topic as it was typed)."""
    labels = csv_labels()
    if metric in labels:
        return labels[metric]
    if metric.startswith(TOPIC):
        return gettext("topics.%(topic)s", topic=metric.removeprefix(TOPIC))
    return metric
