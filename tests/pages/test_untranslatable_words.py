"""Words a person reads that no catalog can translate: text written straight into a template
or a script instead of through `_()`. The extract-then-compare test sees only what is marked
for translation; this one looks for what was not marked."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").glob("*.html"))
SCRIPTS = sorted(p for p in (ROOT / "static" / "js").rglob("*.js"))
# Attributes a person reads or hears (a screen reader speaks labels and alternatives).
READ_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "content"}
# Words that are the same in every language: the product's name.
SAME_EVERYWHERE = {"Mixer"}
JINJA = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.S)
# Blocks that fill an attribute nobody reads (a class name), and `{% trans %}` blocks (their
# words are the catalogs' already).
NOT_TEXT = re.compile(
    r"\{%\s*block body_class\s*%\}.*?\{%\s*endblock\s*%\}"
    r"|\{%-?\s*trans\b.*?%\}.*?\{%-?\s*endtrans\s*-?%\}",
    re.S,
)


def _has_words(text: str) -> bool:
    """Letters left once names that are the same everywhere are taken out."""
    if re.fullmatch(r"\s*[A-Z0-9]{3} [A-Z0-9]{3}\s*", text):
        return False  # an example of a person's code ("K7M 2PQ")
    for word in SAME_EVERYWHERE:
        text = text.replace(word, "")
    return bool(re.search(r"[^\W\d_]{2,}", text))


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip = 0  # inside <script>, <style> or <code> (a command is the same everywhere)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "code"}:
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and _has_words(value):
                if name == "content" and dict(attrs).get("name") != "description":
                    continue
                self.found.append((self.getpos()[0], f'{name}="{value}"'))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "code"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and _has_words(data):
            self.found.append((self.getpos()[0], data.strip()))


def _blank_jinja(source: str) -> str:
    """Jinja's expressions and tags blanked (kept as many lines, so line numbers hold)."""
    blank = lambda m: "\n" * m.group(0).count("\n") + " "  # noqa: E731
    return JINJA.sub(blank, NOT_TEXT.sub(blank, source))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_a_template_writes_no_words_outside_the_catalogs(template: Path) -> None:
    reader = _Reader()
    reader.feed(_blank_jinja(template.read_text(encoding="utf-8")))
    reader.close()
    assert reader.found == [], "\n".join(f"{template.name}:{n}: {t!r}" for n, t in reader.found)


# In scripts: a string literal that reads as words for people (a capital and another word,
# or a sentence's punctuation), not handed to `_()` or `ngettext()`. Comments, errors for
# developers, selectors and addresses are not words for people.
LITERAL = re.compile(r"""(["'`])((?:\\.|(?!\1)[^\\])*)\1""")
MARKED = re.compile(r"(?:\b_|\bngettext)\(\s*$|ngettext\([^()]*,\s*$")
NOT_FOR_PEOPLE = re.compile(
    r"^\s*(?://|\*|/\*|import\b|export \* from)|console\.\w+\(|new Error\(|querySelector"
    r"|\.startsWith\(|\.test\("  # words compared with, not shown
)
WORDS = re.compile(r"^[A-Z\u2018\u201c\"'(][^\s]*\s+\S|[^\W\d_]{2,}\s+[^\W\d_]+.*[.…!?:]\s*$")


def _words_for_people(text: str) -> bool:
    plain = re.sub(r"\$\{[^}]*\}", "x", text)  # a template literal's values
    if not _has_words(plain) or plain.startswith(("#", ".", "[", "/", "http", "data-", "aria-")):
        return False
    return bool(WORDS.search(plain.strip()))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT / "static")))
def test_a_script_shows_no_words_outside_the_catalogs(script: Path) -> None:
    found = []
    before = ""  # the end of the code before a literal, across lines (a call split over lines)
    for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), start=1):
        if NOT_FOR_PEOPLE.search(line):
            before = ""
            continue
        position = 0
        for match in LITERAL.finditer(line):
            if "//" in line[position : match.start()]:
                break  # the rest of the line is a comment
            before = (before + " " + line[position : match.start()])[-200:]
            position = match.end()
            if not MARKED.search(before) and _words_for_people(match.group(2)):
                found.append(f"{script.name}:{number}: {match.group(2)!r}")
            before += " '…'"
        before = (before + " " + line[position:])[-200:]
    assert found == [], "\n".join(found)
