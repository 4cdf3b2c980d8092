"""The installable app: web manifest, the service worker at the root scope, the offline page."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for

from ..domain.languages import DEFAULT, SHIPPED
from .language import words_of, words_url

bp = Blueprint("pwa", __name__)

ACCENT = "#1d5fd1"  # --accent in static/css/mixer.css
BACKGROUND = "#f6f7fb"  # --bg in static/css/mixer.css
ICONS = (  # file in static/icons, size, purpose
    ("icon-192.png", 192, "any"),
    ("icon-512.png", 512, "any"),
    ("maskable-512.png", 512, "maskable"),
)
SHELL_SUFFIXES = (".css", ".js", ".svg", ".png")  # not source maps, licences, or the worker
SHELL_TEMPLATES = ("offline.html", "base.html")  # what the cached offline page is made of


@bp.get("/manifest.webmanifest")
def manifest() -> Response:
    """What a phone needs to install Mixer on its home screen."""
    body = {
        "id": "/",
        "name": "Mixer",
        "short_name": "Mixer",
        "description": "Two-way introductions at job-networking events.",
        "lang": "en",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": ACCENT,
        "background_color": BACKGROUND,
        "icons": [
            {
                "src": url_for("static", filename=f"icons/{name}"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for name, size, purpose in ICONS
        ],
    }
    response = current_app.json.response(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/sw.js")
def service_worker() -> Response:
    """The service worker, from the root so its scope covers every page."""
    static = Path(current_app.static_folder or "")
    templates = Path(current_app.template_folder or "")
    worker = static / "sw.js"
    files = shell_files(static)
    urls = [url_for("static", filename=p.relative_to(static).as_posix()) for p in files]
    # Every language's words: a phone switched to another language offline speaks it too.
    urls += [words_url(code) for code in SHIPPED if code != DEFAULT]
    stamp = [*files, worker, *(templates / name for name in SHELL_TEMPLATES)]
    # Any change to the shell gives the worker new bytes, so phones fetch a fresh cache.
    shell = _digest(tuple((p, p.stat().st_mtime_ns) for p in stamp))
    source = (
        worker.read_text(encoding="utf-8")
        .replace("__DIGEST__", _digest_of(shell, *urls))
        .replace("/* __SHELL_FILES__ */", ", ".join(json.dumps(u) for u in urls))
    )
    return Response(
        source,
        mimetype="application/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@bp.get("/i18n/<lang>.json")
def words(lang: str) -> Response:
    """A language's words for the scripts. Pages ask for it with its digest (`?v=`): that
    address never changes content, so browsers and the service worker keep it for good."""
    if lang not in SHIPPED or lang == DEFAULT:
        abort(404)
    body, digest = words_of(lang)
    current = request.args.get("v") == digest
    cache = "public, max-age=31536000, immutable" if current else "no-cache"
    return Response(body, mimetype="application/json", headers={"Cache-Control": cache})


@bp.get("/offline")
def offline() -> str:
    """Shown by the service worker for a page this phone never opened while online."""
    return render_template("offline.html")


def shell_files(static: Path) -> list[Path]:
    """The static files a phone keeps for offline use: styles, scripts and icons."""
    return [
        p
        for p in sorted(static.rglob("*"))
        if p.is_file() and p.suffix in SHELL_SUFFIXES and p.name != "sw.js"
    ]


def _digest_of(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


@lru_cache(maxsize=8)
def _digest(files: tuple[tuple[Path, int], ...]) -> str:
    """A short fingerprint of the files' contents (memoised on their modification times)."""
    h = hashlib.sha256()
    for path, _mtime in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]
