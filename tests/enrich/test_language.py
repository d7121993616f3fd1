"""detect_language: German vs English first, other languages only when sure."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.language import SUPPORTED_DEFAULT, detect_language

GERMAN = (
    "Im Hafen von Kiel legten im vergangenen Jahr mehr Fähren an als je zuvor. "
    "Die Bürgermeisterin kündigte am Dienstag an, dass die Stadt einen zweiten "
    "Anleger bauen will, weil die Schiffe im Sommer oft warten müssen."
)
ENGLISH = (
    "More ferries called at the port of Kiel last year than ever before. On Tuesday "
    "the mayor announced that the city wants to build a second pier, because ships "
    "often have to wait during the summer."
)
FRENCH = (
    "Le port de Kiel accueille chaque année davantage de ferries. La maire a annoncé "
    "mardi que la construction d'un nouveau quai commencera au printemps prochain, "
    "car les navires doivent souvent attendre pendant l'été."
)


def test_supported_default_is_german_and_english() -> None:
    assert SUPPORTED_DEFAULT == ("de", "en")


def test_german_paragraph_is_german() -> None:
    code, probability = detect_language(GERMAN)
    assert code == "de"
    assert probability > 0.9


def test_english_paragraph_is_english() -> None:
    code, probability = detect_language(ENGLISH)
    assert code == "en"
    assert probability > 0.9


def test_probability_is_a_plain_float() -> None:
    _, probability = detect_language(ENGLISH)
    assert type(probability) is float


def test_confident_other_language_is_reported_as_such() -> None:
    code, probability = detect_language(FRENCH)
    assert code == "fr"
    assert probability >= 0.9


@pytest.mark.parametrize("text", ["Kiel, Lübeck, Rostock und Wismar", "Angela Merkel"])
def test_short_name_heavy_german_is_not_mistaken_for_another_language(text: str) -> None:
    assert detect_language(text)[0] == "de"


@pytest.mark.parametrize("text", ["", "   \n\t ", "2024 – 17:30 / 42 %", "!!! ??? ..."])
def test_text_without_letters_is_undetermined(text: str) -> None:
    assert detect_language(text) == ("und", 0.0)


def test_leading_numbers_do_not_hide_the_text() -> None:
    table = "2024 17 30 42 " * 500  # longer than the sample
    assert detect_language(table + GERMAN)[0] == "de"


def test_the_beginning_of_a_long_text_decides() -> None:
    long_german = (GERMAN + " ") * 40  # about 8,000 characters
    assert detect_language(long_german + (" " + ENGLISH) * 200)[0] == "de"


def test_a_clear_german_article_is_decided_without_loading_the_classifier() -> None:
    """The classifier costs half a second on the way to the reader's first paint."""
    from enrich import language

    article = (Path(__file__).parents[2] / "enrich" / "samples" / "article-de.txt").read_text()
    language._full_identifier.cache_clear()
    language._de_en_identifier.cache_clear()
    assert language.detect_language(article)[0] == "de"
    assert language._full_identifier.cache_info().currsize == 0


@pytest.mark.parametrize(
    "text",
    [
        # Our own sentences in languages that share single function words with German.
        "Les ministres des pays voisins ont discuté des questions des frontières et des "
        "routes, des ports et des chemins de fer, des impôts et des salaires des ouvriers.",
        "De minister zei dat die plannen niet doorgaan, want die kosten zijn te hoog en die "
        "mensen willen dat niet. Die brug is oud en die weg is smal, zei hij.",
        "Der er mange der siger at den nye bro er for dyr, og den gamle bro er der stadig. "
        "Der kommer en ny plan, og den skal der stemmes om i den kommende uge.",
    ],
)
def test_languages_sharing_a_few_function_words_go_to_the_classifier(text: str) -> None:
    from enrich.language import _quick_de_en

    assert _quick_de_en(text) is None
    assert detect_language(text)[0] not in ("de", "en")
