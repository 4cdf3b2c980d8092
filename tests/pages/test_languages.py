"""Which language a page speaks: the person's choice, their phone's, the event's; and the
catalogs: every message the pages ask for is translated in every shipped language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from mixer.domain.languages import SHIPPED
from tests.conftest import Room
from tests.pages.test_console_pages import signed_in
from tests.pages.test_pwa import assert_no_inline_script

ROOT = Path(__file__).parents[2]
CATALOGS = ROOT / "mixer" / "data" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|%d")


def html_tag(text: str) -> str:
    """The page's <html> tag, without the address of its words (a digest that changes)."""
    tag = re.search(r"<html[^>]*>", text).group(0)  # type: ignore[union-attr]
    return re.sub(r' data-words="[^"]*"', "", tag)


def legend(text: str) -> str:
    return re.search(r"<legend>([^<]*)", text).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("accept", "lang", "direction", "question"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "de", "ltr", "Warum sind Sie hier?"),
        ("fr-CA", "fr", "ltr", "Pourquoi êtes-vous là ?"),
        ("es-419,es;q=0.9", "es", "ltr", "¿Por qué estás aquí?"),
        ("ar-EG,ar;q=0.9", "ar", "rtl", "لماذا أنت هنا؟"),
        ("ja-JP,ja;q=0.9", "en", "ltr", "Why are you here?"),  # not shipped: English
        ("", "en", "ltr", "Why are you here?"),
    ],
)
def test_the_join_page_speaks_the_phones_language(
    room: Room, accept: str, lang: str, direction: str, question: str
) -> None:
    page = room.app.test_client().get(f"/e/{room.code}", headers={"Accept-Language": accept})
    assert page.status_code == 200
    assert html_tag(page.text) == f'<html lang="{lang}" dir="{direction}" data-time-zone="UTC">'
    assert legend(page.text) == question
    headline = re.search(r'<input id="f-headline"[^>]*>', page.text).group(0)  # type: ignore[union-attr]
    assert 'maxlength="120"' in headline and 'placeholder="' in headline  # attributes intact


def test_a_page_loads_its_scripts_words_from_its_languages_file(room: Room) -> None:
    phone = room.app.test_client()
    german = phone.get(f"/e/{room.code}", headers={"Accept-Language": "de"})
    assert_no_inline_script(german.text)
    address = re.search(r'data-words="([^"]+)"', german.text)
    assert address is not None and address.group(1).startswith("/i18n/de.json?v=")
    assert f'<link rel="preload" href="{address.group(1)}" as="fetch" crossorigin>' in german.text
    served = phone.get(address.group(1).replace("&amp;", "&"))
    assert served.status_code == 200 and served.mimetype == "application/json"
    assert "immutable" in served.headers["Cache-Control"]  # a new catalog is a new address
    words = served.get_json()["messages"]
    assert words["Joining…"] == "Beitritt läuft…"
    assert words["%(count)s suggestion: up and down arrows to choose, Enter to add."]["other"]
    assert "Why are you here?" not in words  # the template's words are already in the page
    # Without the current digest the file may have changed: asked again each time.
    assert "no-cache" in phone.get("/i18n/de.json?v=old").headers["Cache-Control"]
    assert phone.get("/i18n/xx.json").status_code == 404
    english = phone.get(f"/e/{room.code}", headers={"Accept-Language": "en"})
    assert "data-words" not in english.text  # English: the scripts' own words
    # The service worker keeps every language's words for an offline phone.
    worker = phone.get("/sw.js").text
    for code in ("de", "fr", "es", "ar"):
        assert f'"/i18n/{code}.json?v=' in worker, code


def test_a_chosen_language_is_remembered_over_the_phones(room: Room) -> None:
    phone = room.app.test_client()
    german = {"Accept-Language": "de"}
    chosen = phone.get(f"/e/{room.code}?lang=es", headers=german)
    assert 'lang="es"' in html_tag(chosen.text)
    assert "mixer_lang=es" in chosen.headers["Set-Cookie"]
    again = phone.get(f"/e/{room.code}", headers=german)
    assert legend(again.text) == "¿Por qué estás aquí?"
    # Each shipped language is offered at the foot of the page, in its own name.
    for code, name in SHIPPED.items():
        assert f'lang="{code}"' in again.text and name in again.text
    # A language Mixer does not ship changes nothing, and is not remembered.
    odd = phone.get(f"/e/{room.code}?lang=xx", headers=german)
    assert 'lang="es"' in html_tag(odd.text) and "Set-Cookie" not in odd.headers


def test_the_event_sets_the_rooms_language_for_the_poster_and_screen(room: Room) -> None:
    patch = f"/api/v1/events/{room.code}"
    changed = room.organizer.patch(
        patch, json={"language": "de", "time_zone": "Europe/Berlin"}, headers=room.org_headers()
    )
    assert changed.status_code == 200, changed.json
    assert changed.json["event"]["language"] == "de"
    assert changed.json["event"]["time_zone"] == "Europe/Berlin"
    laptop = signed_in(room)
    english = {"Accept-Language": "en-GB"}
    for page, words in (("/screen", "im Raum"), ("/poster", "Treffen Sie die Menschen")):
        shown = laptop.get(f"/console/{room.code}{page}", headers=english)
        assert (
            html_tag(shown.text) == '<html lang="de" dir="ltr" data-time-zone="Europe/Berlin">'
        ), page
        assert words in shown.text, page
    # A phone still speaks its own language; one that sends none gets the event's.
    assert 'lang="en"' in html_tag(
        room.app.test_client().get(f"/e/{room.code}", headers=english).text
    )
    assert 'lang="de"' in html_tag(room.app.test_client().get(f"/e/{room.code}").text)


@pytest.mark.parametrize(
    "body",
    [{"language": "xx"}, {"language": "EN"}, {"time_zone": "Mars/Olympus"}, {"time_zone": "../x"}],
)
def test_an_unknown_language_or_time_zone_is_a_clear_422(room: Room, body: dict[str, str]) -> None:
    patch = f"/api/v1/events/{room.code}"
    answer = room.organizer.patch(patch, json=body, headers=room.org_headers())
    assert answer.status_code == 422
    assert answer.json["error"]["message"]
    event = room.organizer.get(patch).json["event"]
    assert (event["language"], event["time_zone"]) == ("en", "UTC")  # nothing changed


def extracted() -> dict[str, tuple[str, int]]:
    """Every message the code and the templates ask to translate, where it was found."""
    found: dict[str, tuple[str, int]] = {}
    methods = [
        ("mixer/**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("static/js/**.js", "javascript"),
    ]
    for filename, line, message, _comments, _context in extract_from_dir(
        ROOT, method_map=methods, options_map={}, directory_filter=_skip_dirs
    ):
        text = message[0] if isinstance(message, tuple) else message  # plurals: by singular
        if text:
            found.setdefault(text, (filename, line))
    return found


def _skip_dirs(path: str) -> bool:
    skipped = {"build", "tests", "vendor", "node_modules"}
    return not any(part.startswith(".") or part in skipped for part in Path(path).parts)


@pytest.mark.parametrize("language", sorted(set(SHIPPED) - {"en"}))
def test_every_message_is_translated_in_every_shipped_language(language: str) -> None:
    """Extract, then compare: a new message without its translation, a fuzzy one, an empty
    one or one that lost a placeholder fails here, naming where it is asked for."""
    with (CATALOGS / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source, locale=language)
    problems = []
    for text, (filename, line) in sorted(extracted().items()):
        entry = catalog.get(text)
        forms = entry.string if entry is not None and isinstance(entry.id, tuple) else None
        where = f"{filename}:{line} {text!r}"
        if entry is None or not entry.string or (forms is not None and not all(forms)):
            problems.append(f"untranslated: {where}")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {where}")
        elif any(
            set(PLACEHOLDER.findall(said)) - set(PLACEHOLDER.findall(text))
            or (
                forms is None
                and sorted(PLACEHOLDER.findall(said)) != sorted(PLACEHOLDER.findall(text))
            )
            for said in (forms or (str(entry.string),))
        ):
            problems.append(f"placeholders differ: {where}")
    assert problems == [], "\n".join(problems)


def test_links_stay_left_to_right_on_a_right_to_left_poster_and_screen(room: Room) -> None:
    """An address read right to left would come out backwards ("e/abc/host")."""
    patch = f"/api/v1/events/{room.code}"
    changed = room.organizer.patch(patch, json={"language": "ar"}, headers=room.org_headers())
    assert changed.status_code == 200
    laptop = signed_in(room)
    poster = laptop.get(f"/console/{room.code}/poster").text
    screen = laptop.get(f"/console/{room.code}/screen").text
    assert html_tag(poster) == '<html lang="ar" dir="rtl" data-time-zone="UTC">'
    assert re.search(r'<strong dir="ltr">[^<]*/e/' + re.escape(room.code), poster)
    assert '<p class="screen-url" dir="ltr">' in screen
