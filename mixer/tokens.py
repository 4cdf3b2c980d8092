"""Secret tokens: shown once, stored only as hashes."""

import hashlib
import secrets


def new_token() -> str:
    """32 random bytes, URL-safe: long enough that guessing is hopeless."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """SHA-256 suffices: the token is high-entropy, so no slow hash or salt is needed."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_event_code() -> str:
    """Unguessable, URL-safe, short enough to type from a projector (12 characters)."""
    return secrets.token_urlsafe(9)
