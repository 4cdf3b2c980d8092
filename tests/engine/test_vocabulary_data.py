"""The built-in vocabulary keeps the rules reading relies on (see engine/vocabulary_check.py)."""

from __future__ import annotations

import json

from tests.engine.vocabulary_check import VOCABULARY, check


def test_the_vocabulary_file_keeps_its_rules() -> None:
    errors, _notes = check(json.loads(VOCABULARY.read_text(encoding="utf-8")))
    assert errors == []


def test_the_checker_finds_a_broken_file() -> None:
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    data["topics"][0]["broader"] = ["no such topic"]
    data["topics"][1]["aliases"].append(data["topics"][2]["label"])
    errors, _notes = check(data)
    assert len(errors) >= 2
