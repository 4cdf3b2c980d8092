"""Guide the target: an opening line and questions, so nobody needs networking etiquette."""

from __future__ import annotations

from collections.abc import Sequence


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def opener(
    other_name: str, for_you: Sequence[str], for_them: Sequence[str], *, one_way: bool = False
) -> str:
    """What the viewer can say first, built from what each side gains."""
    first = other_name.split()[0] if other_name.strip() else "there"
    if for_you and for_them:
        return (
            f"Hi {first}! I'd love to hear how you think about {_join(for_you[:2])}"
            f" — and I'm happy to share what I know about {_join(for_them[:2])}."
        )
    if for_you:
        return f"Hi {first}! Thanks for making time — could I ask you about {_join(for_you[:2])}?"
    if for_them:
        topics = _join(for_them[:2])
        return f"Hi {first}! I hear you're exploring {topics} — happy to help where I can."
    return f"Hi {first}! Mixer thought we should meet."


TEMPLATES = (
    "What does a good first year in {t} look like?",
    "How did you get into {t}?",
    "What would you tell someone starting out in {t}?",
    "What is changing in {t} right now?",
)


def questions(for_you: Sequence[str], for_them: Sequence[str]) -> list[str]:
    """Two or three things to ask about, varied but stable for the same topics."""
    topics = list(for_you) + [t for t in for_them if t not in for_you]
    asked = []
    for i, topic in enumerate(topics[:3]):
        template = TEMPLATES[(sum(map(ord, topic)) + i) % len(TEMPLATES)]
        asked.append(template.format(t=topic))
    return asked
