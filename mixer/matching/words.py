"""Typed text to comparable keys: case, accents, punctuation, plurals and stems.

Two people rarely type a topic the same way ("Machine-Learning", "machine learning",
"Machine learnings"). Everything that compares typed topics goes through `normalise`
(what the text says, in one spelling) and `stem_key` (the same, with word endings
removed), so the vocabulary's aliases and people's words meet on equal keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
# Inside a word these carry meaning (c#, c++, .net, node.js); any other mark separates words.
_KEEP_INSIDE = "#+."
_AMPERSAND = re.compile(r"\s*&\s*")
# Arabic is typed with and without its optional marks and in several spellings of a letter:
# vowel marks and the stretching tatweel off, hamza carriers and alef forms to plain alef,
# alef maqsura to ya, ta marbuta to ha, so "الذكاء الاصطناعي" meets "الذكاء الإصطناعى".
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans("أإآٱىةؤئ", "اااايهوي")
# The definite article: "البيانات" and "بيانات" are one word to someone looking for it.
_ARTICLE = re.compile(r"(?<![\w\u0600-\u06ff])(?:ال)(?=[\u0621-\u064a]{2})")


def _strip_latin_accents(text: str) -> str:
    """é to e, ü to u, but never a mark that belongs to a non-Latin script's letter."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _in_word(ch: str) -> bool:
    """Letters, digits, the marks of scripts that write vowels as marks (हिंदी), and #+."""
    return ch.isalnum() or ch in _KEEP_INSIDE or unicodedata.category(ch)[0] == "M"


def _clean_word(word: str) -> str:
    """Drop punctuation around a word, keep what makes c#, c++ and .net what they are."""
    word = "".join(ch for ch in word if _in_word(ch))
    word = word.rstrip(".")
    if word.startswith(".") and not (len(word) > 1 and word[1].isalpha()):
        word = word.lstrip(".")
    if word and not any(ch.isalnum() for ch in word):
        return ""  # "+", "#", "..." alone say nothing
    return word


@lru_cache(maxsize=65_536)
def normalise(text: str) -> str:
    """One spelling of what was typed: NFKC, case-folded, Latin accents off, words only."""
    if text.isascii():
        text = text.lower()
    else:
        text = _strip_latin_accents(unicodedata.normalize("NFKC", text).casefold())
        if _ARABIC.search(text):
            text = _arabic(text)
    text = _AMPERSAND.sub(" and ", text)
    spaced = "".join(ch if _in_word(ch) else " " for ch in text)
    words = (_clean_word(w) for w in spaced.split())
    return " ".join(w for w in words if w)


def _arabic(text: str) -> str:
    """Arabic in one spelling: optional marks off, letter variants as one, no article."""
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return _ARTICLE.sub("", text)


@lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    if not word.isalpha() or not word.isascii() or len(word) <= 3:
        return word  # c#, 3d, non-Latin words and short acronyms stay as they are
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=65_536)
def stem_key(normalised: str) -> str:
    """The normalised words with their endings off: "data engineers" and "data engineering"."""
    return " ".join(_stem(w) for w in normalised.split())


def singular(normalised: str) -> str:
    """A readable label for a topic nobody's vocabulary knows: plurals off, words kept.

    Two people typing "Quantum Widgets" and "quantum widget" meet on it. Only plain
    English plurals are touched; anything else stays as typed.
    """
    return " ".join(_singular_word(w) for w in normalised.split())


def _singular_word(word: str) -> str:
    if not word.isascii() or not word.isalpha() or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
        return word[:-1]
    return word
