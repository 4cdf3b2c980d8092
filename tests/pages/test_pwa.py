"""The installable app: manifest and icons, the service worker, the offline page, page tags.

On SQLite only: these files and tags are the same whichever database answers.
"""

from __future__ import annotations

import re
import shutil
import struct
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import Room

pytestmark = pytest.mark.parametrize("app", ["sqlite"], indirect=True)
SHELL_NAME = re.compile(r'"(mixer-shell-v\d+-[0-9a-f]{12})"')


def png_size(data: bytes) -> str:
    """Width x height from a PNG's header (the IHDR chunk, bytes 16 to 24)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return f"{width}x{height}"


def fetch_png(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == "image/png", url
    size = png_size(response.data)
    response.close()
    return size


def test_manifest_makes_mixer_installable(client: FlaskClient) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert manifest["name"] == manifest["short_name"] == "Mixer"
    assert manifest["id"] == manifest["start_url"] == manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#1d5fd1"
    assert manifest["background_color"] == "#f6f7fb"
    icons = manifest["icons"]
    assert {(i["sizes"], i["purpose"]) for i in icons} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }
    for icon in icons:
        assert icon["type"] == "image/png"
        assert fetch_png(client, icon["src"]) == icon["sizes"], icon["src"]


def test_colours_match_the_stylesheet(app: Flask) -> None:
    css = (Path(app.static_folder or "") / "css" / "mixer.css").read_text()
    assert "--accent: #1d5fd1" in css and "--bg: #f6f7fb" in css


def test_service_worker_is_served_for_the_whole_site(client: FlaskClient) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "application/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert SHELL_NAME.search(response.text), "the shell cache needs a versioned name"
    assert "__DIGEST__" not in response.text and "__SHELL_FILES__" not in response.text


def test_every_file_the_worker_precaches_exists(client: FlaskClient) -> None:
    source = client.get("/sw.js").text
    listed = re.search(r"const SHELL_FILES = \[(.*?)\];", source, re.S)
    assert listed is not None
    urls = re.findall(r'"(/[^"]+)"', listed.group(1))
    for name in (
        "css/mixer.css",
        "js/lib/live.js",
        "js/home.js",
        "js/join.js",
        "js/console.js",
        "js/install.js",
        "vendor/socket.io-client/socket.io.min.js",
        "favicon.svg",
        "icons/icon-192.png",
        "icons/icon-512.png",
        "icons/maskable-512.png",
        "icons/apple-touch-icon-180.png",
    ):
        assert f"/static/{name}" in urls, name
    assert "OFFLINE," in listed.group(1) and 'const OFFLINE = "/offline"' in source
    assert not [u for u in urls if u.endswith((".map", "sw.js"))]
    for url in [*urls, "/offline"]:  # one missing file would make the whole install fail
        response = client.get(url)
        assert response.status_code == 200, url
        response.close()


def test_worker_leaves_live_traffic_api_and_downloads_alone(client: FlaskClient) -> None:
    source = client.get("/sw.js").text
    bypass = source[source.index("function bypass") :]
    bypass = bypass[: bypass.index("}")]
    for rule in ('!== "GET"', '"/socket.io/"', '"/api/"', '"export"', "vcf|csv"):
        assert rule in bypass, rule


def test_worker_changes_when_a_shell_file_changes(app: Flask, tmp_path: Path) -> None:
    static = tmp_path / "static"
    shutil.copytree(Path(app.static_folder or ""), static)
    app.static_folder = str(static)
    client = app.test_client()
    before = SHELL_NAME.search(client.get("/sw.js").text)
    with (static / "css" / "mixer.css").open("a") as css:
        css.write("\n.changed { color: red; }\n")
    (static / "js" / "extra.js").write_text("export const extra = 1;\n")
    after = client.get("/sw.js").text
    assert before is not None and SHELL_NAME.search(after) is not None
    assert SHELL_NAME.search(after).group(1) != before.group(1)
    assert '"/static/js/extra.js"' in after


def test_offline_page_says_what_is_going_on(client: FlaskClient) -> None:
    response = client.get("/offline")
    assert response.status_code == 200
    assert "You are offline" in response.text
    assert "reconnect by itself" in response.text
    assert_no_inline_script(response.text)


def test_pages_carry_the_manifest_and_home_screen_icon(room: Room, client: FlaskClient) -> None:
    phone = room.join("Ana", "seek", [], ["python"])
    pages = [
        client.get("/").text,
        client.get(f"/e/{room.code}").text,  # the join form
        phone.client.get(f"/e/{room.code}").text,  # the attendee's home
        client.get("/offline").text,
    ]
    for html in pages:
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
        assert '<meta name="theme-color" content="#1d5fd1">' in html
        assert '<meta name="apple-mobile-web-app-capable" content="yes">' in html
        assert '<script type="module" src="/static/js/install.js"></script>' in html
        assert '<div class="pwa-hint" id="pwa-hint" hidden></div>' in html
        touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', html)
        assert touch is not None
        assert fetch_png(client, touch.group(1)) == "180x180"
        assert_no_inline_script(html)


def assert_no_inline_script(html: str) -> None:
    """Ready for a strict Content-Security-Policy: scripts come from files only (a JSON
    data block, the translations a page embeds, is data: never run)."""
    inline = r"<script(?![^>]*\ssrc=)(?![^>]*\stype=\"application/json\")[^>]*>"
    assert not re.search(inline, html), "inline <script>"
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), "inline event handler"
