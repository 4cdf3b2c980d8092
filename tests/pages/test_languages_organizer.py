"""The organizer's own pages in their language: the front page that creates an event and the
impact page after the night (its server-drawn charts included), in German and in Arabic."""

from __future__ import annotations

import re

import pytest

from tests.api.test_api_after_event import met_pair
from tests.api.test_outcomes import tell
from tests.conftest import Room
from tests.pages.test_console_pages import signed_in
from tests.pages.test_languages import html_tag


def heading(text: str, level: int = 1) -> str:
    found = re.search(rf"<h{level}[^>]*>([^<]*)</h{level}>", text)
    assert found is not None, f"no h{level}"
    return found.group(1)


@pytest.mark.parametrize(
    ("lang", "direction", "title", "button", "label"),
    [
        (
            "de",
            "ltr",
            "Networking, das in beide Richtungen wirkt",
            "Anlegen",
            "Name der Veranstaltung",
        ),
        ("ar", "rtl", "تواصل مهني يفيد الطرفين", "إنشاء الفعالية", "اسم الفعالية"),
        ("en", "ltr", "Networking that works both ways", "Create event", "Event name"),
    ],
)
def test_the_front_page_speaks_the_visitors_language(
    room: Room, lang: str, direction: str, title: str, button: str, label: str
) -> None:
    page = room.app.test_client().get("/", headers={"Accept-Language": lang})
    assert page.status_code == 200
    assert html_tag(page.text).startswith(f'<html lang="{lang}" dir="{direction}"')
    assert heading(page.text) == title
    assert f'<button class="primary" type="submit">{button}</button>' in page.text
    assert f'<label for="f-name">{label}</label>' in page.text
    assert 'maxlength="80"' in page.text  # the field's attributes intact


def test_the_front_pages_script_words_come_with_it(room: Room) -> None:
    """The button says it is creating in the page's language: the page names its words."""
    laptop = room.app.test_client()
    page = laptop.get("/?lang=de")
    address = re.search(r'data-words="([^"]+)"', page.text)
    assert address is not None
    words = laptop.get(address.group(1).replace("&amp;", "&")).get_json()
    assert words["messages"]["Creating…"] == "Wird angelegt…"


@pytest.mark.parametrize(
    ("lang", "direction", "title", "empty"),
    [
        ("de", "ltr", "Was aus Test Mixer wurde", "Noch nichts zu zeigen"),
        ("ar", "rtl", "ما الذي نتج عن Test Mixer", "لا شيء لعرضه بعد"),
    ],
)
def test_an_empty_impact_page_in_the_organizers_language(
    room: Room, lang: str, direction: str, title: str, empty: str
) -> None:
    page = signed_in(room).get(f"/console/{room.code}/impact?lang={lang}")
    assert page.status_code == 200
    assert html_tag(page.text).startswith(f'<html lang="{lang}" dir="{direction}"')
    assert heading(page.text) == title
    assert heading(page.text, 2) == empty


@pytest.mark.parametrize(
    ("lang", "funnel", "outcome", "share", "mirrored"),
    [
        ("de", "Beide angenommen", "Eine Empfehlung", "100\u00a0%", False),
        ("ar", "قبلها الطرفان", "ترشيح", "100", True),
        ("en", "Both accepted", "A referral", "100%", False),
    ],
)
def test_the_impact_charts_speak_it_too_and_mirror_right_to_left(
    room: Room, lang: str, funnel: str, outcome: str, share: str, mirrored: bool
) -> None:
    _giver, seeker, intro_id = met_pair(room)
    assert seeker.respond(intro_id, "met").status_code == 200
    assert tell(seeker, intro_id, "referral").status_code == 200
    page = signed_in(room).get(f"/console/{room.code}/impact?lang={lang}").text
    labels = re.findall(r'<text class="bar-label"[^>]*>([^<]*)</text>', page)
    assert funnel in labels and outcome in labels
    assert f"{outcome}: 1" in page  # the chart's description, for screen readers
    assert share in page  # a percentage written the language's way
    # Right to left the labels sit on the right of the bars: 490 wide, labels 160.
    xs = [int(x) for x in re.findall(r'<text class="bar-label" x="(\d+)"', page)]
    assert all(x == (340 if mirrored else 150) for x in xs), xs
    assert f'direction="{"rtl" if mirrored else "ltr"}"' in page


def test_the_impact_page_dates_the_evening_in_its_language_and_time_zone(room: Room) -> None:
    client = room.app.test_client()
    created = client.post(
        "/api/v1/events",
        json={
            "name": "Spätschicht",
            "starts_at": "2026-12-05T23:30:00Z",
            "time_zone": "Europe/Berlin",
        },
    )
    assert created.status_code == 201, created.json
    code, token = created.json["event"]["code"], created.json["organizer_token"]
    assert client.get(f"/console/{code}?token={token}").status_code == 303
    german = client.get(f"/console/{code}/impact?lang=de").text
    assert "6. Dezember 2026 · nur Zahlen, keine Namen" in german  # Berlin: after midnight
    english = client.get(f"/console/{code}/impact?lang=en").text
    assert "December 6, 2026 · counts only, no names" in english
