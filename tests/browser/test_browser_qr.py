"""The join QR code as a browser draws it (SVG), read back with a real QR reader (zxing-cpp)."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image

from tests.browser.chromium import Browser
from tests.browser.test_browser_flow import create_event


def test_svg_scans_when_drawn_by_a_browser(live_url: str, browser: Browser) -> None:
    event = create_event(live_url)["event"]
    page = browser.browser.new_page(viewport={"width": 800, "height": 800})
    page.goto(f"{live_url}/e/{event['code']}/qr.svg")
    picture = Image.open(io.BytesIO(page.screenshot()))
    [found] = zxingcpp.read_barcodes(picture)
    assert found.text == event["join_url"]
    page.close()
