"""How people phrase a topic: filler words around it, two topics in one, slips of a finger.

"help with my CV", "senior data engineer", "Python and SQL", "Pyhton": the words that
say nothing about the topic come off, a pair of topics splits, and a near miss of a
known word is told apart from another word. `understanding` reads what is left.
"""

from __future__ import annotations

import re

# Words around a topic that say nothing about it ("help with my CV", "senior data engineer").
_LEADING = re.compile(
    r"^(?:i can help with|i can help|can help with|happy to help with|happy to help|i can|i am"
    r"|i m|im|someone to|someone who can|someone for|want to learn|how to|to"
    r"|looking for|look for|seeking|want|need|wanted|help(?: me)? (?:with|on|in|finding|find)"
    r"|help|advice (?:on|about|for|in)|tips (?:on|for)|experience (?:in|with)|interested in"
    r"|knowledge of|expert in|expertise in|skilled in|into|intro to|introduction to|talk about"
    r"|chat about|learn(?:ing)? about|learn|career in|careers in|career(?:s)? as|job(?:s)? in"
    r"|job(?:s)? as|role(?:s)? in|role(?:s)? as|work(?:ing)? in|work(?:ing)? as|getting into"
    r"|get into|breaking into|break into|moving into|move into|transition(?:ing)? (?:in)?to"
    r"|switch(?:ing)? to|some|any|a|an|the|my|our|good|great|more|better|basic|basics of"
    r"|senior|sr|junior|jr|lead|principal|staff|head of|chief|entry level|mid level"
    r"|experienced|aspiring|freelance|remote)\s+"
)
_TRAILING = re.compile(
    r"\s+(?:\d+(?:\.\d+)*|v\d+|skills?|stuff|basics|jobs?|roles?|positions?|opportunit(?:y|ies)"
    r"|work|career|careers|experience|expertise|knowledge|questions?|help|advice|tips|etc|and more"
    r"|in general|industry|space|world|field|please|pls|plz|thanks|thx|needed|wanted)$"
)
# "review my resume", "feedback on my portfolio": the help asked for is a review of it.
_REVIEW = re.compile(
    r"^(?:review(?:ing)?|fix(?:ing)?|feedback on|feedback for|check(?:ing)?|improv(?:e|ing)"
    r"|polish(?:ing)?|proofread(?:ing)?|critique|tweak(?:ing)?|rewrit(?:e|ing)|look at|eyes on)"
    r"(?: of)?(?: my| our| a| the)? (.+)$"
)
_ROLE = re.compile(
    r"\s+(?:engineers?|developers?|devs?|specialists?|experts?|consultants?|practitioners?"
    r"|professionals?|people|folks?|team|teams|lead|leads|managers?)$"
)
# Two topics typed as one ("Python and SQL", "UX/UI"): split only when the whole is unknown.
_SPLIT = re.compile(r"\s+(?:and|or|plus|\+|vs\.?)\s+|\s*[/&;|]\s*", re.IGNORECASE)


def pieces(typed: str) -> list[str]:
    """Two topics typed as one ("Python and SQL", "UX/UI"), as their pieces."""
    return _SPLIT.split(typed)


def trimmed(key: str) -> list[tuple[str, float]]:
    """The phrase, then without filler words around it, then without a role word."""
    tried = [(key, 1.0)]
    text = key
    while True:
        shorter = _TRAILING.sub("", _LEADING.sub("", text))
        if shorter == text or not shorter:
            break
        text = shorter
    review = _REVIEW.match(text)
    if review:
        tried.append((f"{review.group(1)} review", 0.9))
        text = review.group(1)
    if text != key:
        tried.append((text, 0.9))
    role = _ROLE.sub("", text)
    if role and role != text:
        tried.append((role, 0.8))
    return tried


_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_ROW_OF = {ch: (r, i) for r, row in enumerate(_KEYBOARD) for i, ch in enumerate(row)}


def _neighbours(a: str, b: str) -> bool:
    """Keys next to each other on a QWERTY keyboard (a finger's slip)."""
    if a not in _ROW_OF or b not in _ROW_OF:
        return False
    (ra, ia), (rb, ib) = _ROW_OF[a], _ROW_OF[b]
    return abs(ra - rb) <= 1 and abs(ia - ib) <= 1


def slip(typed: str, key: str, distance: int) -> bool:
    """Whether one edit in a short word looks like a slip rather than another word.

    Swapped, doubled or missing letters are slips; a letter replaced by another is one
    only when the two keys are neighbours: "hiking" is not a slip for "hiring".
    """
    if distance > 1 or len(typed) >= 8 or len(typed) != len(key):
        return True
    diff = [(x, y) for x, y in zip(typed, key, strict=True) if x != y]
    return len(diff) != 1 or _neighbours(*diff[0])
