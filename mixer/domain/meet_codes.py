""" "My code": the short code a phone shows so another attendee can say "we know each other".

Six characters from an alphabet without the look-alikes 0/O and 1/I/L, so a code read off a
screen and typed is the code shown; typed codes are compared in capitals, without the spaces
and dashes people add to keep their place.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 6
WELL_FORMED = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")
# Spaces, dashes (phones turn "-" into "\u2010" to "\u2014"), underscores and dots.
TYPED_SEPARATORS = re.compile(r"[\s\-\u2010-\u2014_.]+")


def new_code() -> str:
    """A random code (31**6, close to 900 million): unguessable within its minutes."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalized(typed: str) -> str:
    """A code as it is stored, from what was typed: "k7m-2pq" and " K7M 2PQ " are "K7M2PQ"."""
    return TYPED_SEPARATORS.sub("", typed).upper()


def well_formed(code: str) -> bool:
    """Whether a normalized code could be one Mixer gave (else it is a typo, said so)."""
    return WELL_FORMED.fullmatch(code) is not None


def spaced(code: str) -> str:
    """For reading aloud and typing: "K7M 2PQ"."""
    return f"{code[:3]} {code[3:]}"
