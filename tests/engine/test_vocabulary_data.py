"""The built-in vocabulary keeps the rules reading relies on (see engine/vocabulary_check.py)."""

from __future__ import annotations

import json

from tests.engine.vocabulary_check import TRANSLATIONS, VOCABULARY, check, check_translations


def test_the_vocabulary_file_keeps_its_rules() -> None:
    errors, _notes = check(json.loads(VOCABULARY.read_text(encoding="utf-8")))
    assert errors == []


def test_the_checker_finds_a_broken_file() -> None:
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    data["topics"][0]["broader"] = ["no such topic"]
    data["topics"][1]["aliases"].append(data["topics"][2]["label"])
    errors, _notes = check(data)
    assert len(errors) >= 2


def translations() -> dict:
    return json.loads(TRANSLATIONS.read_text(encoding="utf-8"))


def test_the_topics_names_in_other_languages_keep_the_rules() -> None:
    """Each name refers to a topic, leads to one topic only, and every topic but a proper
    name has a label in German, French, Spanish and Arabic."""
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    assert check_translations(data, translations()) == []


def test_only_proper_names_go_without_a_translation() -> None:
    same = set(translations()["same_in_every_language"])
    kinds = {t["label"]: t["kind"] for t in json.loads(VOCABULARY.read_text())["topics"]}
    assert {kinds[label] for label in same} == {"tool"}
    assert {"python", "kubernetes", "sql server", "c#"} <= same
    assert "sql" not in same  # the language is SQL everywhere, but its aliases are not


def test_the_checker_finds_broken_translations() -> None:
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    names = translations()
    names["languages"]["de"]["no such topic"] = ["Kein Thema"]
    names["languages"]["fr"]["sales"].append("analyse de données")  # data analysis's name
    names["languages"]["es"]["finance"].append("recruiting")  # another topic's label
    names["languages"]["de"]["finance"].append("datenanalyse")  # another topic's German name
    del names["languages"]["ar"]["data analysis"]
    names["same_in_every_language"].append("marketing")  # it has translations
    errors = check_translations(data, names)
    for said in (
        "'no such topic': not a label",
        "'analyse de donnees' leads to several topics",
        "'recruiting' leads to several topics",
        "'datenanalyse' leads to several topics",
        "topic 'data analysis': no label in ['ar']",
        "'marketing': listed as the same in every language",
    ):
        assert any(said in e for e in errors), (said, errors)
