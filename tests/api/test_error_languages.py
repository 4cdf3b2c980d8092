"""Error messages speak the asker's language; the codes programs read stay the same."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from tests.api.test_limits import limited_app
from tests.conftest import Room, form_post

GERMAN = {"Accept-Language": "de"}
ARABIC = {"Accept-Language": "ar"}


def test_a_refusal_is_said_in_the_askers_language(room: Room) -> None:
    url = f"/api/v1/events/{room.code}/rounds"
    said = {}
    for language in ("en", "de", "ar"):
        headers = room.org_headers() | {"Accept-Language": language}
        answer = room.organizer.post(url, json={}, headers=headers)
        assert answer.status_code == 409
        assert answer.json["error"]["code"] == "too_few"
        said[language] = answer.json["error"]["message"]
    assert said["en"] == "A round needs at least two people present."
    assert said["de"] == "Für eine Runde müssen mindestens zwei Personen anwesend sein."
    assert said["ar"] == "تحتاج الجولة إلى شخصين حاضرين على الأقل."


def test_validation_errors_and_their_fields_are_translated(client: object) -> None:
    body = {"name": "", "giver_capacity": 0, "mode": "never", "colour": "red"}
    answers = {
        lang: client.post("/api/v1/events", json=body, headers={"Accept-Language": lang})  # type: ignore[attr-defined]
        for lang in ("en", "de", "ar")
    }
    for answer in answers.values():
        assert answer.status_code == 422 and answer.json["error"]["code"] == "invalid"
        assert set(answer.json["error"]["fields"]) == {"name", "giver_capacity", "mode", "colour"}
    english, german, arabic = (answers[k].json["error"] for k in ("en", "de", "ar"))
    assert english["fields"]["giver_capacity"] == "Use 1 or more."
    assert english["fields"]["mode"] == "Choose 'continuous', 'rounds' or 'both'."
    assert german["message"] == "Einige Felder müssen korrigiert werden."
    assert german["fields"]["name"] == "Geben Sie der Veranstaltung einen Namen."
    assert german["fields"]["giver_capacity"] == "Verwenden Sie 1 oder mehr."
    assert german["fields"]["mode"] == "Wählen Sie 'continuous', 'rounds' oder 'both'."
    assert german["fields"]["colour"] == "Dieses Feld ist hier unbekannt: Prüfen Sie seinen Namen."
    assert arabic["fields"]["giver_capacity"] == "استخدم 1 أو أكثر."
    assert arabic["fields"]["colour"] == "هذا الحقل غير معروف هنا: تحقّق من اسمه."
    for said in (*german["fields"].values(), *arabic["fields"].values()):
        assert "should" not in said and "Field required" not in said


def test_our_own_validators_speak_the_language_too(client: object) -> None:
    body = {"name": "\u200b"}  # no visible character
    answer = client.post("/api/v1/events", json=body, headers=GERMAN)  # type: ignore[attr-defined]
    assert answer.json["error"]["fields"]["name"].startswith("Geben Sie einen lesbaren Namen")


def test_the_topic_rules_speak_the_language_with_their_numbers(room: Room) -> None:
    url = f"/api/v1/events/{room.code}/attendees"
    many = [f"Thema {n}" for n in range(13)]
    body = {"name": "Greta Berg", "intent": "seek", "offers": [], "seeks": many}
    german = room.app.test_client().post(url, json=body, headers=GERMAN).json["error"]
    assert german["fields"]["seeks"] == "Höchstens 12 Themen, bitte: Sie haben 13 angegeben."
    english = room.app.test_client().post(url, json=body).json["error"]
    assert english["fields"]["seeks"] == "At most 12 tags, please: you gave 13."
    giver = {"name": "Amal Haddad", "intent": "give", "offers": [], "seeks": []}
    arabic = room.app.test_client().post(url, json=giver, headers=ARABIC).json["error"]
    assert arabic["fields"]["offers"] == "أضف موضوعًا واحدًا على الأقل يمكنك تقديمه."
    dots = {"name": "Amal Haddad", "intent": "give", "offers": ["..."], "seeks": []}
    german = room.app.test_client().post(url, json=dots, headers=GERMAN).json["error"]
    assert german["fields"]["offers"].startswith("„...“ enthält keine Buchstaben")


def test_a_missing_event_is_a_404_in_the_askers_language(client: object) -> None:
    url = "/api/v1/events/NOSUCH"
    said = {}
    for language in ("de", "ar", "xx"):
        answer = client.get(url, headers={"Accept-Language": language})  # type: ignore[attr-defined]
        assert answer.status_code == 404 and answer.json["error"]["code"] == "not_found"
        said[language] = answer.json["error"]["message"]
    assert said["de"] == "Diese Veranstaltung gibt es nicht. Prüfen Sie den Link oder den Code."
    assert said["ar"] == "لا توجد فعالية بهذا الاسم. تحقّق من الرابط أو الرمز."
    assert said["xx"] == "No such event. Check the link or code."  # unknown: English


def test_an_unknown_address_is_a_translated_404(client: object) -> None:
    answer = client.get("/api/v1/nothing-here", headers=GERMAN)  # type: ignore[attr-defined]
    assert answer.status_code == 404 and answer.json["error"]["code"] == "not_found"
    assert answer.json["error"]["message"] == "Hier ist nichts: Prüfen Sie die Adresse."
    english = client.get("/api/v1/nothing-here", headers={"Accept-Language": "xx"})  # type: ignore[attr-defined]
    assert english.json["error"]["message"] == "Nothing here: check the address."


def test_too_many_requests_says_so_in_the_askers_language(
    migrated_db: Path, tmp_path: Path
) -> None:
    app = limited_app(migrated_db, tmp_path, LIMIT_CREATE="1 per minute")
    client = app.test_client()
    assert client.post("/api/v1/events", json={"name": "Fair"}).status_code == 201
    german = client.post("/api/v1/events", json={"name": "Fair"}, headers=GERMAN)
    arabic = client.post("/api/v1/events", json={"name": "Fair"}, headers=ARABIC)
    for answer in (german, arabic):
        assert answer.status_code == 429
        assert answer.json["error"]["code"] == "too_many_requests"
    assert german.json["error"]["message"].startswith("Gerade zu viele Anfragen")
    assert arabic.json["error"]["message"] == "طلبات كثيرة جدًا الآن: انتظر لحظة ثم حاول مرة أخرى."
    page = form_post(client, "/?lang=ar", {"name": "Form"})
    assert page.status_code == 429 and 'dir="rtl"' in page.text
    assert "لحظة من فضلك" in page.text and "wait a moment" not in page.text


def test_a_form_error_page_is_in_the_readers_language(app: Flask) -> None:
    room = Room(app)
    client = app.test_client()
    german = form_post(client, f"/e/{room.code}?lang=de", {"name": "", "intent": "seek"})
    assert german.status_code == 422
    assert "Bitte ausfüllen." in german.text or "Geben Sie" in german.text
    arabic = form_post(client, f"/e/{room.code}?lang=ar", {"name": "Ana", "intent": "never"})
    assert arabic.status_code == 422 and 'dir="rtl"' in arabic.text
    english = form_post(client, f"/e/{room.code}?lang=en", {"name": "", "intent": "seek"})
    assert "Enter your name." in english.text


def test_an_unknown_page_is_a_translated_page(client: object) -> None:
    page = client.get("/no/such/page?lang=de")  # type: ignore[attr-defined]
    assert page.status_code == 404
    assert "Nicht gefunden" in page.text and "Hier ist nichts" in page.text
