"""Guide the target: an opening line and questions, so nobody needs networking etiquette.

Pure text from the shared topics, rarest first: the rarest topic is the most telling
reason these two should meet, so it leads. Wording is varied per topic but never
random, so a phone that reloads shows the same words.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from itertools import zip_longest

# Questions about what the other person knows (topics in it for the viewer).
TO_LEARN = (
    "What does a good first month in {t} look like?",
    "How did you get into {t}?",
    "What would you tell someone starting out in {t}?",
    "What is changing in {t} right now?",
    "Who else here should I talk to about {t}?",
)
# Questions about what the other person needs (topics in it for them).
TO_HELP = (
    "What are you hoping to find in {t}?",
    "What would help most with {t} right now?",
    "Where are you stuck with {t}?",
)
ICEBREAKERS = ("What brings you here today?", "What are you working on right now?")


def _first_name(name: str) -> str:
    """Greet people the way they would be greeted in the room."""
    words = name.split()
    return words[0] if words else "there"


def opener(
    other_name: str,
    for_you: Sequence[str],
    for_them: Sequence[str],
    *,
    one_way: bool = False,
    mentor: bool = False,
) -> str:
    """What the viewer can say first, built from what each side gains.

    "Pay it forward" is said only by a viewer who gives freely (`mentor`: opted in, or a
    giver who came seeking nothing) on a one-way introduction: a seeker who happens to
    offer what the other seeks is not a mentor and is never cast as one.
    """
    hi = f"Hi {_first_name(other_name)}!"
    if for_you and for_them:
        return (
            f"{hi} I'd love to hear how you think about {for_you[0]}"
            f" — and I'm happy to share what I know about {for_them[0]}."
        )
    if for_them:  # the viewer gives: offer help, and ask first
        if one_way and mentor:
            return f"{hi} I'm here to pay it forward — how can I help with {for_them[0]}?"
        return f"{hi} I hear you're exploring {for_them[0]} — happy to help where I can."
    if for_you:  # the viewer receives: thank them, then ask
        return f"{hi} Thanks for making time — could I ask how you think about {for_you[0]}?"
    return f"{hi} Mixer thought we should meet — what brings you here today?"


def _pick(templates: Sequence[str], topic: str, used: set[str]) -> str | None:
    """A template chosen by the topic itself (stable), skipping any already used."""
    start = zlib.crc32(topic.encode())
    for step in range(len(templates)):
        question = templates[(start + step) % len(templates)].format(t=topic)
        if question not in used:
            return question
    return None


def questions(for_you: Sequence[str], for_them: Sequence[str]) -> list[str]:
    """Two or three short things to ask, alternating what the viewer gains and gives."""
    learn = [(TO_LEARN, t) for t in for_you]
    give = [(TO_HELP, t) for t in for_them]
    plan = [item for pair in zip_longest(learn, give) for item in pair if item is not None]
    if len(plan) == 1:  # one shared topic still deserves a second angle
        plan *= 2
    asked: list[str] = []
    for templates, topic in plan[:3]:
        question = _pick(templates, topic, set(asked))
        if question is not None:
            asked.append(question)
    for fallback in ICEBREAKERS:
        if len(asked) >= 2:
            break
        asked.append(fallback)
    return asked


def follow_up(other_name: str, event_name: str, topics: Sequence[str]) -> str:
    """A first message after the event: warm, specific, and easy to answer."""
    shared = list(dict.fromkeys(topics))[:2]
    about = f" about {' and '.join(shared)}" if shared else ""
    return (
        f"Hi {_first_name(other_name)}, great to meet you at {event_name}!"
        f" I enjoyed our talk{about}."
        " Would you have 20 minutes for a call in the next couple of weeks to continue?"
    )
