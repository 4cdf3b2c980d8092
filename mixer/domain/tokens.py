"""Secret tokens: shown once, stored only as hashes."""

import base64
import hashlib
import hmac
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


def derived_token(secret: str | bytes, purpose: str, *parts: str) -> str:
    """A token as strong as `new_token`, that the server alone can compute again from `parts`.

    Used where a repeat of the same request must get the same answer although only hashes
    are stored (a join sent twice): HMAC-SHA256 under the app's secret key, so knowing the
    parts without the key gives nothing.
    """
    key = secret.encode() if isinstance(secret, str) else secret
    message = "\0".join((purpose, *parts)).encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _xor_pad(data: bytes, key: str) -> bytes:
    pad = hashlib.shake_256(b"mixer seal\0" + key.encode()).digest(len(data))
    return bytes(a ^ b for a, b in zip(data, pad, strict=True))


def seal(text: str, key: str) -> str:
    """`text` hidden with a one-time pad drawn from `key` (SHAKE-256).

    `key` must be random and seal nothing else: then the sealed text alone reveals nothing.
    """
    return base64.urlsafe_b64encode(_xor_pad(text.encode(), key)).decode()


def unseal(sealed: str, key: str) -> str:
    """What `seal` hid with the same key."""
    return _xor_pad(base64.urlsafe_b64decode(sealed), key).decode()
