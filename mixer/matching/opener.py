"""Guide the target: an opening line and questions, so nobody needs networking etiquette.

Pure text from the shared topics, rarest first: the rarest topic is the most telling
reason these two should meet, so it leads. Wording is varied per topic but never
random, so a phone that reloads shows the same words. The text is English that keeps its
messages (`phrases.Phrase`): shown to a person, it is said in their language.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from itertools import zip_longest

from .phrases import N_, Phrase, joined, phrase

# Questions about what the other person knows (topics in it for the viewer).
TO_LEARN = (
    N_("What does a good first month in %(topic)s look like?"),
    N_("How did you get into %(topic)s?"),
    N_("What would you tell someone starting out in %(topic)s?"),
    N_("What is changing in %(topic)s right now?"),
    N_("Who else here should I talk to about %(topic)s?"),
)
# Questions about what the other person needs (topics in it for them).
TO_HELP = (
    N_("What are you hoping to find in %(topic)s?"),
    N_("What would help most with %(topic)s right now?"),
    N_("Where are you stuck with %(topic)s?"),
)
ICEBREAKERS = (N_("What brings you here today?"), N_("What are you working on right now?"))


def _first_name(name: str) -> str:
    """Greet people the way they would be greeted in the room."""
    words = name.split()
    return words[0] if words else ""


def _hi(name: str) -> Phrase:
    first = _first_name(name)
    return phrase(N_("Hi %(name)s!"), name=first) if first else phrase(N_("Hi there!"))


def opener(
    other_name: str,
    for_you: Sequence[str],
    for_them: Sequence[str],
    *,
    one_way: bool = False,
    mentor: bool = False,
) -> Phrase:
    """What the viewer can say first, built from what each side gains.

    "Pay it forward" is said only by a viewer who gives freely (`mentor`: opted in, or a
    giver who came seeking nothing) on a one-way introduction: a seeker who happens to
    offer what the other seeks is not a mentor and is never cast as one.
    """
    if for_you and for_them:
        line = phrase(
            N_(
                "I'd love to hear how you think about %(learn)s"
                " — and I'm happy to share what I know about %(share)s."
            ),
            learn=for_you[0],
            share=for_them[0],
        )
    elif for_them and one_way and mentor:  # the viewer gives freely: offer help, and ask
        line = phrase(
            N_("I'm here to pay it forward — how can I help with %(topic)s?"), topic=for_them[0]
        )
    elif for_them:  # the viewer gives: offer help, and ask first
        line = phrase(
            N_("I hear you're exploring %(topic)s — happy to help where I can."),
            topic=for_them[0],
        )
    elif for_you:  # the viewer receives: thank them, then ask
        line = phrase(
            N_("Thanks for making time — could I ask how you think about %(topic)s?"),
            topic=for_you[0],
        )
    else:
        line = phrase(N_("Mixer thought we should meet — what brings you here today?"))
    return joined([_hi(other_name), line])


def _pick(templates: Sequence[str], topic: str, used: set[str]) -> Phrase | None:
    """A template chosen by the topic itself (stable), skipping any already used."""
    start = zlib.crc32(topic.encode())
    for step in range(len(templates)):
        question = phrase(templates[(start + step) % len(templates)], topic=topic)
        if question not in used:
            return question
    return None


def questions(for_you: Sequence[str], for_them: Sequence[str]) -> list[Phrase]:
    """Two or three short things to ask, alternating what the viewer gains and gives."""
    learn = [(TO_LEARN, t) for t in for_you]
    give = [(TO_HELP, t) for t in for_them]
    plan = [item for pair in zip_longest(learn, give) for item in pair if item is not None]
    if len(plan) == 1:  # one shared topic still deserves a second angle
        plan *= 2
    asked: list[Phrase] = []
    for templates, topic in plan[:3]:
        question = _pick(templates, topic, set(asked))
        if question is not None:
            asked.append(question)
    for fallback in ICEBREAKERS:
        if len(asked) >= 2:
            break
        asked.append(phrase(fallback))
    return asked


def follow_up(other_name: str, event_name: str, topics: Sequence[str]) -> Phrase:
    """A first message after the event: warm, specific, and easy to answer."""
    shared = tuple(dict.fromkeys(topics))[:2]
    first = _first_name(other_name)
    hello = (
        phrase(N_("Hi %(name)s, great to meet you at %(event)s!"), name=first, event=event_name)
        if first
        else phrase(N_("Hi there, great to meet you at %(event)s!"), event=event_name)
    )
    talk = (
        phrase(N_("I enjoyed our talk about %(topics)s."), topics=shared)
        if shared
        else phrase(N_("I enjoyed our talk."))
    )
    ask = phrase(
        N_("Would you have 20 minutes for a call in the next couple of weeks to continue?")
    )
    return joined([hello, talk, ask])
