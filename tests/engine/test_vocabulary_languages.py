"""Built-in topics typed in German, French, Spanish and Arabic read as the English ones,
and show in a person's language; English reading is unchanged."""

from __future__ import annotations

import pytest

from mixer.domain.vocabulary import builtin, label_in, labels_in
from mixer.matching.words import normalise


@pytest.mark.parametrize(
    ("typed", "topics"),
    [
        # German, as people type it: capitals, umlauts or ae/oe/ue, two topics in one
        ("Datenanalyse", ["data analysis"]),
        ("Datenanalyse & BI", ["data analysis", "business intelligence"]),
        ("Künstliche Intelligenz", ["artificial intelligence"]),
        ("Kuenstliche Intelligenz", ["artificial intelligence"]),
        ("kunstliche intelligenz", ["artificial intelligence"]),
        ("Lebenslauf überarbeiten", ["cv review"]),
        ("Lebenslauf ueberarbeiten", ["cv review"]),
        ("Gehaltsverhandlung", ["salary negotiation"]),
        ("Maschinenbau", ["mechanical engineering"]),
        ("Softwareentwicklung", ["software engineering"]),
        ("Vorstellungsgespräch", ["interview preparation"]),
        ("Übersetzung", ["translation"]),
        ("Uebersetzung", ["translation"]),
        ("Steuern", ["tax"]),
        # French, with and without accents
        ("recherche d'emploi", ["job search"]),
        ("Recherche d’emploi", ["job search"]),  # noqa: RUF001 (a typographic apostrophe)
        ("analyse de données", ["data analysis"]),
        ("analyse de donnees", ["data analysis"]),
        ("Télétravail", ["remote work"]),
        ("teletravail", ["remote work"]),
        ("Lettre de motivation", ["cover letter review"]),
        ("ingénieur de données", ["data engineering"]),
        # Spanish: plurals, missing accents
        ("entrevistas de trabajo", ["interview preparation"]),
        ("Análisis de datos", ["data analysis"]),
        ("analisis de datos", ["data analysis"]),
        ("Búsqueda de empleo", ["job search"]),
        ("aprendizaje automatico", ["machine learning"]),
        ("Negociación salarial", ["salary negotiation"]),
        # Arabic: with and without the article, marks and letter variants
        ("كتابة السيرة الذاتية", ["cv review"]),
        ("كتابه السيره الذاتيه", ["cv review"]),
        ("تحليل البيانات", ["data analysis"]),
        ("تحليل بيانات", ["data analysis"]),
        ("تَحْلِيلُ الْبَيَانَاتِ", ["data analysis"]),
        ("الذكاء الاصطناعي", ["artificial intelligence"]),
        ("ذكاء إصطناعى", ["artificial intelligence"]),
        ("العمل عن بعد", ["remote work"]),
        ("بايثون", ["python"]),
        # English stays as it was
        ("Data Analysis", ["data analysis"]),
        ("ML", ["machine learning"]),
        ("help with my resume", ["cv review"]),
    ],
)
def test_a_topic_typed_in_another_language_is_the_english_topic(
    typed: str, topics: list[str]
) -> None:
    reading = builtin().read(typed)
    assert not reading.own and list(reading.topics) == topics


def test_the_typeahead_finds_a_topic_by_its_name_in_another_language() -> None:
    assert builtin().suggest("Datenanal")[0] == "data analysis"
    assert builtin().suggest("recherche d'em")[0] == "job search"
    assert builtin().suggest("تحليل البي")[0] == "data analysis"


def test_arabic_normalising_leaves_other_scripts_alone() -> None:
    assert normalise("Machine-Learning & C#") == "machine learning and c#"
    assert normalise("Résumé") == "resume"
    assert normalise("中文") == "中文"
    assert normalise("الإنجليزية") == normalise("الانجليزيه") == "انجليزيه"


def test_a_label_shows_in_a_person_s_language() -> None:
    assert label_in("data analysis", "de") == "Datenanalyse"
    assert label_in("data analysis", "fr") == "analyse de données"
    assert label_in("data analysis", "es") == "análisis de datos"
    assert label_in("data analysis", "ar") == "تحليل البيانات"
    assert label_in("job search", "fr") == "recherche d'emploi"


def test_names_and_made_up_topics_stay_as_they_are() -> None:
    assert labels_in("en") == {}
    assert label_in("data analysis", "en") == "data analysis"
    assert label_in("python", "de") == "python" and "python" not in labels_in("ar")
    assert label_in("quantum widgets", "de") == "quantum widgets"
    assert label_in("data analysis", "xx") == "data analysis"
    assert labels_in("de") is labels_in("de")  # cached
    assert len(labels_in("de")) == len(labels_in("ar")) >= 400
