"""The names this server answers to.

Without MIXER_PUBLIC_URL, join links and QR codes are built from the request's Host
header, which the client chooses: a request naming another site would get links to it.
So a request must name one of MIXER_HOSTS (and MIXER_PUBLIC_URL's host); loopback names
always pass. With neither set, as on a laptop at a venue, IP addresses pass (phones reach
the laptop by its address) and the first other name seen becomes the server's name (a
proxy in front of a fresh server sends its own first). Any other name: 400.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
from urllib.parse import urlsplit

from flask import Flask, abort, g, request
from flask_babel import lazy_gettext as N_

from ..infra import links

log = logging.getLogger(__name__)

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
UNKNOWN = N_("This server does not answer to that name. Use the address on the poster or QR code.")


def hostname(host: str) -> str | None:
    """The name in a Host header, without port or brackets, lower case; None if malformed."""
    try:
        return urlsplit("//" + host).hostname
    except ValueError:
        return None


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class Names:
    """The configured names, or the one learned from the first request naming one."""

    def __init__(self, configured: set[str]) -> None:
        self.configured = configured
        self.learned: str | None = None
        self._lock = threading.Lock()

    def accepts(self, name: str | None) -> bool:
        if name is None:
            return False
        if name in LOOPBACK or name in self.configured:
            return True
        if self.configured:
            return False
        if _is_address(name):
            return True
        with self._lock:
            if self.learned is None:
                self.learned = name
                log.warning(
                    "answering to the name %s from now on (MIXER_HOSTS or MIXER_PUBLIC_URL "
                    "name the server yourself)",
                    name,
                )
            return name == self.learned


def configured_names(app: Flask) -> set[str]:
    """MIXER_HOSTS (comma-separated, or a list) and the host of MIXER_PUBLIC_URL."""
    hosts = app.config.get("HOSTS") or []
    if isinstance(hosts, str):
        hosts = hosts.split(",")
    names = {name for h in hosts if (name := hostname(h.strip()))}
    public = app.config.get("PUBLIC_URL")
    if public and (name := urlsplit(public).hostname):
        names.add(name.lower())
    return names


def init_app(app: Flask) -> None:
    """Refuse (400) requests naming a host this server does not answer to."""
    names = Names(configured_names(app))

    @app.before_request
    def known_host() -> None:
        if request.blueprint == "health":  # health checks name whatever they like; no links
            return
        if not names.accepts(hostname(request.host)):
            abort(400, UNKNOWN)
        g.mixer_links = links.note_request(request.host_url)

    @app.teardown_request
    def links_done(_exc: BaseException | None) -> None:
        token = g.pop("mixer_links", None)
        if token is not None:
            links.forget_request(token)
