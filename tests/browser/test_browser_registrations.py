"""The console's Registrations card in real Chromium at laptop size: a file previewed before
anything is stored, rows that need fixing, columns named by hand, the import, the counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.chromium import Browser, Watched
from tests.browser.test_browser_a11y import violations
from tests.browser.test_browser_console_topics import (
    SMALL_LAPTOP,
    WAIT,
    fits_the_width,
    open_console,
)
from tests.browser.test_browser_flow import create_event

MESSY = (
    "Vorname;Nachname;E-Mail;Firma\r\n"
    "Ana;Lopez;ana@example.com;Acme\r\n"
    "Ben;Okafor;ben@example;Globex\r\n"  # row 3: no domain
    "Cleo;Park;ANA@example.com;\r\n"  # row 4: Ana's address again
    "Dan;Wu;dan@example.com;Initech\r\n"
)
UNKNOWN = "Wer,Kontakt,Rolle\nEve Stone,eve@example.com,Designer\nFay Lin,fay@example.com,\n"


def choose(page: Any, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.set_input_files("#reg-file", str(path))


def test_upload_preview_fix_columns_and_import(
    live_url: str, browser: Browser, no_js_errors: list[Watched], tmp_path: Path
) -> None:
    created = create_event(live_url)
    console = open_console(browser, created["console_url"], SMALL_LAPTOP)
    no_js_errors.append(console)
    page = console.page
    page.get_by_text("Nobody registered yet.").wait_for(timeout=WAIT)
    assert page.locator("#reg-after").is_hidden()

    # A file with problems: previewed, nothing stored; the import waits for a choice.
    choose(page, tmp_path, "eventbrite.csv", MESSY)
    page.wait_for_selector("#reg-preview:not([hidden])", timeout=WAIT)
    assert page.locator("#reg-summary").inner_text() == "4 rows: 2 new, 2 problems."
    problems = page.locator("#reg-problems li").all_inner_texts()
    assert problems == [
        'Row 3: "ben@example" is not an email address.',
        "Row 4: The same address as row 2.",
    ]
    assert page.locator("#reg-rows tr").count() == 2
    assert page.locator("#reg-import").is_disabled()
    page.screenshot(path="/tmp/registrations-preview.png", full_page=True)
    page.get_by_label("Import the valid rows only").check()
    assert page.locator("#reg-import").inner_text() == "Import 2 people"
    page.locator("#reg-import").click()
    page.wait_for_function(
        "() => document.querySelector('#reg-done').textContent.startsWith('Imported 2 people')",
        timeout=WAIT,
    )
    page.wait_for_function("() => document.querySelector('#reg-count').textContent === '(2)'")
    tiles = page.locator("#reg-counts li").all_inner_texts()
    assert [" ".join(t.split()) for t in tiles][:2] == ["2 Registered", "2 Not joined yet"]
    assert page.locator("#reg-send").is_disabled()  # no mail server here: explained
    assert "MIXER_SMTP_URL" in page.locator("#reg-mail-hint").inner_text()
    href = page.locator("#reg-merge").get_attribute("href")
    assert href is not None and href.endswith("/export/invitations.csv")

    # Headers nobody recognises: the organizer names the columns, then imports.
    choose(page, tmp_path, "own.csv", UNKNOWN)
    page.wait_for_selector("#reg-columns:not([hidden])", timeout=WAIT)
    assert page.locator("#reg-import-line").is_hidden()
    page.get_by_label("Name", exact=True).select_option("Wer")
    page.get_by_label("Email address").select_option("Kontakt")
    page.get_by_label("Headline (optional)").select_option("Rolle")
    page.get_by_role("button", name="Read the file with these columns").click()
    page.wait_for_function(
        "() => document.querySelector('#reg-summary').textContent === '2 rows: 2 new.'",
        timeout=WAIT,
    )
    assert page.locator("#reg-rows tr").first.inner_text().split("\t")[1:4] == [
        "Eve Stone", "eve@example.com", "Designer",
    ]  # fmt: skip
    page.locator("#reg-import").click()
    page.wait_for_function("() => document.querySelector('#reg-count').textContent === '(4)'")
    fits_the_width(page)
    page.locator("#reg-panel").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/registrations-imported.png", full_page=True)
    assert [v for v in violations(page) if "reg-" in v] == []
