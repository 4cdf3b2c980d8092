"""My code in real Chromium: Ana shows her code, Ben opens its link and confirms, and each
then finds the other under "People I already know here"."""

from __future__ import annotations

from tests.browser.chromium import ARTIFACTS, Browser, Watched
from tests.browser.test_browser_flow import create_event, join_by_form


def test_two_phones_know_each_other_by_code(
    live_url: str, browser: Browser, no_js_errors: list[Watched]
) -> None:
    event = create_event(live_url)["event"]
    ana = Watched(browser.phone("Pixel 7").new_page())
    ben = Watched(browser.phone("iPhone 13").new_page())
    no_js_errors.extend([ana, ben])
    join_by_form(
        ana.page, event["join_url"], "Ana Lima", "give", "hiring", "design", "ana@orbit.example"
    )
    join_by_form(
        ben.page, event["join_url"], "Ben Okafor", "seek", "design", "hiring", "ben@x.example"
    )

    ana.page.get_by_text("My code", exact=True).click()
    shown = ana.page.locator("#code-text")
    shown.filter(has_not_text="·").wait_for(timeout=10_000)
    qr = ana.page.locator("#code-qr")
    qr.wait_for()
    assert qr.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0  # the QR drew
    code = shown.inner_text().replace(" ", "")
    ARTIFACTS.mkdir(exist_ok=True)
    ana.page.locator("#code-box").screenshot(path=str(ARTIFACTS / "meet-code-card.png"))

    ben.page.goto(f"{live_url}/e/{event['code']}/k/{code}")
    ben.page.get_by_role("heading", name="Do you know Ana Lima?").wait_for()
    ben.page.get_by_label("Also swap contact details").check()
    ben.shot("meet-code-confirm")
    ben.page.get_by_role("button", name="Yes, we know each other").click()
    ben.page.get_by_role("heading", name="You know each other").wait_for()
    ben.shot("meet-code-done")
    ben.page.reload()  # a reload asks nothing twice
    ben.page.get_by_role("heading", name="You know each other").wait_for()

    # Ana's phone hears of it: a new code, and Ben among the people she knows.
    ana.page.get_by_text("Ben Okafor used your code").wait_for(timeout=10_000)
    shown.filter(has_not_text=f"{code[:3]} {code[3:]}").wait_for(timeout=10_000)
    ana.page.get_by_text("People I already know here").click()
    ana.page.locator("#people li", has_text="Ben Okafor").get_by_text("✓ Known").wait_for(
        timeout=10_000
    )
    ana.page.locator("#people li", has_text="Ben Okafor").get_by_role(
        "button", name="Swap contacts"
    ).click()
    ana.page.locator("#people li", has_text="Ben Okafor").get_by_text("ben@x.example").wait_for(
        timeout=10_000
    )
    ana.page.locator("#people-box").screenshot(path=str(ARTIFACTS / "meet-code-people.png"))

    ben.page.get_by_role("link", name="Back to my introductions").click()
    ben.page.wait_for_selector("#conn[data-state=live]", timeout=10_000)
    ben.page.get_by_text("People I already know here").click()
    ben.page.locator("#people li", has_text="Ana Lima").get_by_text("ana@orbit.example").wait_for(
        timeout=10_000
    )
    # The same code typed by hand, lowercase and spaced, on Ben's home: his own use again,
    # so nothing new, and no error.
    ben.page.get_by_text("My code", exact=True).click()
    ben.page.get_by_label("Type someone else's code").fill(f"{code[:3].lower()} {code[3:].lower()}")
    ben.page.get_by_role("button", name="We know each other").click()
    ben.page.get_by_text("Done: you know each other now").wait_for(timeout=10_000)
    assert ben.page.locator("#code-error").is_hidden()
    ben.page.locator("#code-box").screenshot(path=str(ARTIFACTS / "meet-code-typed.png"))
