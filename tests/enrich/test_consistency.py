"""Document-level consistency of names, on texts we wrote (issue 14, §2).

The unit tests feed the mentions a sentence-level model typically produces
(including its mistakes) and check what the article as a whole makes of
them; the end-to-end ones run the shipped pipeline.
"""

from __future__ import annotations

from enrich import annotate
from enrich.model import Label
from enrich.nlp.clustering import RawMention, cluster
from enrich.nlp.consistency import apply
from tests.helpers import entity_of, make_article


def found(text: str, surface: str, label: str, nth: int = 0, source: str = "model") -> RawMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return RawMention(start, start + len(surface), surface, label, source, "ner")


def surfaces(mentions: list[RawMention]) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in mentions]


def test_surname_and_genitive_of_a_full_name_are_that_person_everywhere() -> None:
    text = (
        "Die Ministerin Katrin Holzapfel flog nach Rom. Holzapfel sprach dort lange. "
        "Am Abend lobten alle Holzapfels Rede."
    )
    model = [found(text, "Katrin Holzapfel", "PER"), found(text, "Rom", "LOC")]
    mentions = apply(text, model, "de")
    assert ("Holzapfel", "PER") in surfaces(mentions)  # sentence-initial, untagged by the model
    assert ("Holzapfels", "PER") in surfaces(mentions)
    (person,) = [e for e in cluster(mentions, {}, "de") if e.label == Label.PER]
    assert [m.text for m in person.mentions] == ["Katrin Holzapfel", "Holzapfel", "Holzapfels"]


def test_a_surname_the_model_called_a_place_becomes_the_person() -> None:
    text = "Premierministerin Theresa Marlow reiste ab. Marlow cut short the visit."
    mentions = [found(text, "Theresa Marlow", "PER"), found(text, "Marlow", "LOC", nth=1)]
    assert surfaces(apply(text, mentions, "en"))[1] == ("Marlow", "PER")


def test_a_split_name_is_joined_over_the_known_first_name() -> None:
    text = "Yesterday Theresa Marlow resigned, and Marlow left London."
    mentions = [found(text, "Theresa", "PER"), found(text, "Marlow", "PER")]
    result = surfaces(apply(text, mentions, "en"))
    assert result[0] == ("Theresa Marlow", "PER")
    assert ("Theresa", "PER") not in result
    assert result[1] == ("Marlow", "PER")  # and the later surname follows


def test_a_person_span_extends_leftward_over_a_first_name() -> None:
    text = "Gestern sagte Michael Brandtner im Interview, er bleibe."
    (person,) = apply(text, [found(text, "Brandtner", "PER")], "de")
    assert person.text == "Michael Brandtner"


def test_a_lone_first_name_runs_on_over_a_surname_that_is_also_a_word() -> None:
    """ "Meister" is a surname in the name lists and a noun; after "Tobias" it is the name."""
    text = "Im Mai wurde Tobias Meister gewählt, und Jonas Cousine gratulierte."
    mentions = [found(text, "Tobias", "PER"), found(text, "Jonas", "PER")]
    result = surfaces(apply(text, mentions, "de"))
    assert ("Tobias Meister", "PER") in result
    assert ("Jonas", "PER") in result  # "Cousine" is no surname


def test_another_first_name_before_the_surname_is_another_person() -> None:
    text = "Sabine Kreuzer kam zuerst. Später kam auch Jonas Kreuzer."
    mentions = apply(text, [found(text, "Sabine Kreuzer", "PER")], "de")
    assert surfaces(mentions) == [("Sabine Kreuzer", "PER"), ("Jonas Kreuzer", "PER")]


def test_sentence_initial_function_words_and_common_nouns_are_never_names_alone() -> None:
    text = "Solange der Streit dauert, bleibt alles offen. Jede Woche gibt es neue Gespräche."
    mentions = [found(text, "Solange", "PER"), found(text, "Jede Woche", "MISC")]
    assert apply(text, mentions, "de") == []


def test_an_article_still_starts_a_name_at_the_sentence_start() -> None:
    text = "Die Grünen stimmten zu. Der Spiegel berichtete darüber."
    mentions = [found(text, "Die Grünen", "ORG"), found(text, "Der Spiegel", "ORG")]
    assert surfaces(apply(text, mentions, "de")) == [("Die Grünen", "ORG"), ("Der Spiegel", "ORG")]


def test_a_confident_model_label_spreads_to_the_same_word_alone() -> None:
    text = "Der Konzern Veltrona meldete Gewinne. Später sagte ein Sprecher, Veltrona wachse."
    mentions = apply(text, [found(text, "Veltrona", "ORG")], "de")
    assert surfaces(mentions) == [("Veltrona", "ORG"), ("Veltrona", "ORG")]


def test_no_label_spreads_into_a_longer_capitalised_name() -> None:
    text = "Der Konzern Veltrona meldete Gewinne. Die Veltrona Stiftung schwieg."
    mentions = apply(text, [found(text, "Veltrona", "ORG")], "de")
    assert len(mentions) == 1


def test_surname_consistency_end_to_end_with_the_shipped_model() -> None:
    text = (
        "Die Außenministerin Annalena Wegener reiste am Montag nach Kiew.\n"
        "Wegener traf dort den Präsidenten. Wegeners Besuch war lange geplant.\n"
        "Solange der Krieg dauert, will sie wiederkommen."
    )
    annotation = annotate(make_article(text, "de"), glossary=())
    person = entity_of(annotation, "Annalena Wegener")
    assert {m.text for m in person.mentions} == {"Annalena Wegener", "Wegener", "Wegeners"}
    assert not any(m.text == "Solange" for e in annotation.entities for m in e.mentions)


def test_a_name_inside_a_hyphenated_compound_is_a_related_mention() -> None:
    text = "Die NM wählte. Der NM-Vorsitzende sprach. Die Norwegen-Reise fiel aus. Norwegen wartet."
    mentions = [found(text, "NM", "ORG"), found(text, "Norwegen", "LOC", nth=1)]
    result = apply(text, mentions, "de")
    related = [(m.text, m.label, m.start) for m in result if m.kind == "related"]
    assert related == [
        ("NM", "ORG", text.index("NM-Vorsitzende")),
        ("Norwegen", "LOC", text.index("Norwegen-Reise")),
    ]
    entities = cluster(result, {}, "de")
    assert [len(e.mentions) for e in entities] == [2, 2]  # each name with its compound


def test_the_head_noun_of_a_company_is_not_its_short_form() -> None:
    text = "Die Nordische Bank meldet Gewinne. Die Bank will weiter wachsen."
    annotation = annotate(make_article(text, "de"), glossary=(), rules=())
    assert not any(m.text == "Bank" for e in annotation.entities for m in e.mentions)


def test_a_sentence_initial_acronym_is_no_function_word() -> None:
    text = "MAN und die Nordbank verlieren. Man sagt, es liege am Zins."
    mentions = [
        RawMention(0, 3, "MAN", "ORG", "model", "ner"),
        RawMention(32, 35, "Man", "PER", "model", "ner"),
    ]
    kept = apply(text, mentions, "de")
    assert [(m.text, m.label) for m in kept] == [("MAN", "ORG")]


def test_a_korean_name_cut_after_one_given_syllable_runs_on_over_the_second() -> None:
    text = (
        "In Seoul empfing Moon Jae In die Delegation. "
        "Am Abend sprach Kim Yo Jong in Pjöngjang. Danach reiste Park In Berlin ab."
    )
    model = [
        found(text, "Moon Jae", "PER"),
        found(text, "Kim Yo", "PER"),
        found(text, "Park", "PER"),
        found(text, "Berlin", "LOC"),
    ]
    got = surfaces(apply(text, model, "de"))
    assert ("Moon Jae In", "PER") in got
    assert ("Kim Yo Jong", "PER") in got
    # Only a surname and one syllable run on: "Park" alone does not swallow "In".
    assert ("Park", "PER") in got and ("Berlin", "LOC") in got


def test_a_korean_name_does_not_run_into_a_word_that_is_no_syllable() -> None:
    text = "Gestern sagte Lee Min Bericht zufolge nichts."
    got = surfaces(apply(text, [found(text, "Lee Min", "PER")], "de"))
    assert got == [("Lee Min", "PER")]


def test_a_hyphenated_word_of_common_nouns_is_no_name() -> None:
    text = (
        "Das alte Stadt-Museum und die Landes-Bibliothek bleiben zu. Das Brahms-Museum ist offen."
    )
    model = [
        found(text, "Stadt-Museum", "ORG"),
        found(text, "Landes-Bibliothek", "ORG"),
        found(text, "Brahms-Museum", "ORG"),
    ]
    assert surfaces(apply(text, model, "de")) == [("Brahms-Museum", "ORG")]


def test_a_name_after_st_or_sankt_starts_there_and_a_person_so_named_is_a_place() -> None:
    text = (
        "Die Gruppe fuhr von St. Ulrich nach Sankt Veitsberg. In der Kirche St. Agnes sang der "
        "Chor des FC St. Gregor. Gast war Jonas Augusti."
    )
    model = [
        found(text, "Ulrich", "PER"),
        found(text, "Veitsberg", "LOC"),
        found(text, "Agnes", "PER"),
        found(text, "FC St. Gregor", "ORG"),
        found(text, "Jonas Augusti", "PER"),
    ]
    got = surfaces(apply(text, model, "de"))
    assert got == [
        ("St. Ulrich", "LOC"),
        ("Sankt Veitsberg", "LOC"),
        ("St. Agnes", "LOC"),
        ("FC St. Gregor", "ORG"),  # already whole: nothing moves
        ("Jonas Augusti", "PER"),  # no "St." before it: still a person
    ]
    english = "They drove from St. Ulrich home."
    assert surfaces(apply(english, [found(english, "Ulrich", "PER")], "en")) == [("Ulrich", "PER")]
