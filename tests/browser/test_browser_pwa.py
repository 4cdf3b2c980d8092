"""The installable app in real Chromium: installable, works offline, helps iPhones install."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.browser.chromium import Browser, Watched

WORKER_READY = "() => navigator.serviceWorker.ready.then((r) => r.active !== null)"
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
PAGE_KEPT = "(url) => caches.match(url, { cacheName: 'mixer-pages-v1' }).then(Boolean)"
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}"""

JOIN_FROM_PAGE = """async () => {
  const post = (url, body) => fetch(url, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  }).then((r) => r.json());
  const { event } = await post("/api/v1/events", { name: "Careers Night" });
  await post(`/api/v1/events/${event.code}/attendees`,
    { name: "Ana Seeker", intent: "seek", offers: [], seeks: ["hiring"] });
  return event.code;
}"""


def join_event(context: Any, live_url: str, name: str = "Ana Seeker") -> dict[str, Any]:
    """Create an event and join it through the API from this phone (its cookie signs it in)."""
    created = context.request.post(f"{live_url}/api/v1/events", data={"name": "Careers Night"})
    assert created.status == 201, created.text()
    event = created.json()["event"]
    body = {"name": name, "intent": "seek", "offers": [], "seeks": ["hiring"]}
    joined = context.request.post(f"{live_url}/api/v1/events/{event['code']}/attendees", data=body)
    assert joined.status == 201, joined.text()
    return event


def test_chromium_judges_mixer_installable(live_url: str, browser: Browser, tmp_path: Path) -> None:
    context = browser.persistent_phone(tmp_path / "profile")
    try:
        page = context.pages[0] if context.pages else context.new_page()
        watched = Watched(page)
        page.goto(f"{live_url}/")
        page.wait_for_function(WORKER_READY, timeout=10_000)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == f"{live_url}/manifest.webmanifest"
        assert manifest["errors"] == []
        watched.shot("pwa-front-page")
        assert watched.errors == []
    finally:
        context.close()


def test_attendee_home_opens_offline(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    context = browser.phone("Pixel 7")
    event = join_event(context, live_url)
    giver = {
        "name": "Grace Lead",
        "intent": "give",
        "offers": ["hiring"],
        "seeks": [],
        "mentor": True,
    }
    # Another phone: joined through a request context of its own, not this phone's cookie.
    other = browser.phone("Pixel 7")
    assert other.request.post(f"{live_url}/api/v1/events/{event['code']}/attendees", data=giver).ok
    other.close()
    phone = Watched(context.new_page())
    no_js_errors.append(phone)
    page = phone.page
    home = f"{live_url}/e/{event['code']}"

    page.goto(home)
    page.get_by_role("heading", name="Your introductions").wait_for()
    page.wait_for_function(WORKER_READY, timeout=10_000)
    page.reload()  # now through the worker, which keeps a copy of the page
    page.wait_for_function(CONTROLLED, timeout=10_000)
    page.wait_for_function(PAGE_KEPT, arg=home, timeout=10_000)
    page.wait_for_selector("#conn[data-state=live]", timeout=10_000)
    page.locator("#intros li.intro", has_text="Grace Lead").wait_for(timeout=10_000)
    cached = page.evaluate(CACHED_URLS)
    assert f"{live_url}/static/js/home.js" in cached and f"{live_url}/offline" in cached
    assert not [u for u in cached if "/api/" in u or "/socket.io/" in u]

    context.set_offline(True)
    page.reload()
    page.get_by_role("heading", name="Your introductions").wait_for(timeout=10_000)
    assert page.get_by_role("heading", name="Hi Ana Seeker").is_visible()
    # The last known introductions, drawn from what the phone saw before going offline.
    page.locator("#offline").wait_for(state="visible", timeout=10_000)
    assert page.locator("#intros li.intro", has_text="Grace Lead").is_visible()
    phone.shot("pwa-offline-home")

    page.goto(f"{live_url}/")  # never opened on this phone
    page.get_by_role("heading", name="You are offline").wait_for(timeout=10_000)
    assert page.url == f"{live_url}/"
    phone.shot("pwa-offline-page")

    context.set_offline(False)  # the offline page asks again by itself
    page.get_by_role("heading", name="Networking that works both ways").wait_for(timeout=15_000)
    context.close()


def test_iphone_gets_a_dismissible_home_screen_hint(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    iphone = Watched(browser.phone("iPhone 13").new_page())
    android = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.extend([iphone, android])

    iphone.page.goto(f"{live_url}/")
    hint = iphone.page.get_by_text("Add Mixer to your Home Screen: tap Share")
    hint.wait_for(timeout=10_000)
    iphone.shot("pwa-ios-hint")
    iphone.page.get_by_role("button", name="Got it").click()
    assert iphone.page.locator("#pwa-hint").is_hidden()
    iphone.page.reload()
    iphone.page.wait_for_function(WORKER_READY, timeout=10_000)
    assert iphone.page.locator("#pwa-hint").is_hidden()  # remembered

    android.page.goto(f"{live_url}/")
    android.page.wait_for_function(WORKER_READY, timeout=10_000)
    assert android.page.locator("#pwa-hint").is_hidden()  # Chromium offers its own install


def test_front_page_leads_back_to_the_one_event_joined(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    phone = Watched(browser.phone("Pixel 7").new_page())
    no_js_errors.append(phone)
    page = phone.page
    page.goto(f"{live_url}/")
    assert page.locator("#pwa-hint").is_hidden()
    saved = json.dumps({"event": {"code": "abc123xyz", "name": "Careers Night"}})
    page.evaluate("(saved) => localStorage.setItem('mixer:me:abc123xyz', saved)", saved)
    page.reload()
    link = page.get_by_role("link", name="Back to Careers Night")
    link.wait_for(timeout=10_000)
    assert link.get_attribute("href") == "/e/abc123xyz"
    phone.shot("pwa-back-to-event")


def test_plain_http_on_a_venue_address_works_without_the_worker(
    live_url: str, browser: Browser, tmp_path: Path
) -> None:
    port = live_url.rsplit(":", 1)[1]
    venue = f"http://mixer.venue:{port}"  # not localhost: no secure context, like a LAN IP
    context = browser.persistent_phone(
        tmp_path / "profile", args=("--host-resolver-rules=MAP mixer.venue 127.0.0.1",)
    )
    try:
        phone = Watched(context.pages[0] if context.pages else context.new_page())
        phone.page.goto(f"{venue}/")  # Playwright's own requests would not know this name
        code = phone.page.evaluate(JOIN_FROM_PAGE)
        phone.page.goto(f"{venue}/e/{code}")
        phone.page.wait_for_selector("#conn[data-state=live]", timeout=10_000)
        assert phone.page.evaluate("window.isSecureContext") is False
        assert phone.page.evaluate("'serviceWorker' in navigator") is False
        assert phone.errors == []
    finally:
        context.close()
