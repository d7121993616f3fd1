"""Choose and build the spaCy pipeline: installed model, bundled model, or rules.

Order of preference for the statistical NER:
1. ``--model`` (a package name or a pipeline directory);
2. an installed trained pipeline for the language (largest first), then the
   multilingual ``xx_ent_wiki_sm``;
3. Kontext's bundled model for the language (``enrich/nlp/models/<lang>``);
4. none: rules and gazetteers only.
Kontext's rule components are added after the NER in every case.
"""

from __future__ import annotations

import functools
import gc
import re
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language

import enrich.nlp.components  # noqa: F401  (registers the component factories)
from enrich.errors import ModelError
from enrich.nlp.components.acronyms import MODEL_MIN_USES
from enrich.nlp.components.glossary import GlossaryTerm, add_glossary_ruler, add_glossary_terms
from enrich.versions import installed_version

MULTILINGUAL = "xx_ent_wiki_sm"


def installed_candidates(lang: str) -> tuple[str, ...]:
    """spaCy's trained pipelines for ``lang``, largest first, then the multilingual one.

    English pipelines are trained on web text, the others on news; both
    namings are tried so any language with an installed pipeline works.
    """
    sizes = ("lg", "md", "sm")
    return (*(f"{lang}_core_{genre}_{s}" for genre in ("news", "web") for s in sizes), MULTILINGUAL)


# Places run before titles, so a name after a title stops at a known place.
RULE_PIPES = (
    "kontext_terms",
    "kontext_places",
    "kontext_titles",
    "kontext_acronyms",
    "kontext_sources",
    "kontext_typed_names",
    "kontext_abbreviations",
    "kontext_merge",
)
# Components an installed pipeline does not need for NER; leaving them out saves time.
_NOT_NEEDED = ["parser", "lemmatizer", "morphologizer", "tagger", "attribute_ruler", "senter"]
RULES_VERSION = "0.2"


@dataclass(frozen=True, slots=True)
class Recognizer:
    """A ready pipeline and the human-readable name of what runs in it."""

    nlp: Language
    description: str
    has_model: bool


def _bundled_model_dir(lang: str) -> Path | None:
    try:
        path = Path(str(resources.files("enrich.nlp").joinpath("models", lang)))
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    return path if (path / "config.cfg").is_file() else None


RULES_ONLY = "rules"  # --model rules: no statistical NER at all


def _load_statistical(lang: str, model: str | None) -> tuple[Language | None, str]:
    if model == RULES_ONLY:
        return None, ""
    if model:
        path = Path(model).expanduser()
        target: str | Path = path if path.exists() else model
        if not path.exists() and not spacy.util.is_package(model):
            raise ModelError(
                f"cannot load spaCy pipeline '{model}': it is neither an installed package "
                "nor a pipeline directory (see 'python -m spacy info')"
            )
        try:
            nlp = spacy.load(target, exclude=_NOT_NEEDED)
        except Exception as exc:  # spaCy raises many kinds, with multi-line messages
            reason = " ".join(str(exc).split())
            if len(reason) > 160:
                reason = reason[:157] + "..."
            raise ModelError(f"cannot load spaCy pipeline '{model}': {reason}") from exc
        return nlp, _describe(nlp, str(model))
    for name in installed_candidates(lang):
        if spacy.util.is_package(name):
            nlp = spacy.load(name, exclude=_NOT_NEEDED)
            return nlp, _describe(nlp, name)
    bundled = _bundled_model_dir(lang)
    if bundled is not None:
        nlp = spacy.load(bundled)
        return nlp, _describe(nlp, f"kontext-{lang}")
    return None, ""


def _describe(nlp: Language, name: str) -> str:
    """ "de_core_news_sm 3.8.0", or "en_pipeline 0.0.0 (from /path)" for a directory."""
    version = nlp.meta.get("version", "")
    if Path(name).exists():
        return (
            f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', 'pipeline')} {version} (from {name})"
        )
    return f"{name} {version}".strip()


def _blank(lang: str) -> Language:
    try:
        return spacy.blank(lang)
    except (ImportError, KeyError, ValueError):
        return spacy.blank("xx")


def _keep_slash_words(nlp: Language) -> None:
    """German: a slash between two words stays inside one token ("Köln/Hannover").

    spaCy's German tokenizer splits "Köln/Hannover", "CDU/CSU" and "dpa/bb"
    into three tokens; GermEval, the data the bundled model learned from,
    keeps each as one token and one name (a dateline's "Köln/Hannover" is one
    LOC, "CDU/CSU" one ORG). Tagging spaCy's pieces cost the pipeline 0.7
    points on the held-out training data (docs/model-card.md). Dates and
    fractions ("1/2") were never split.
    """
    if nlp.lang != "de":
        return
    defaults = [p for p in nlp.Defaults.infixes or () if isinstance(p, str)]
    infixes = [p for p in defaults if ")\\/(?=" not in p]
    if len(infixes) == len(defaults):
        return  # a spaCy without that rule: nothing to undo
    # spaCy's Tokenizer is a Cython class without a stub (Language types it as a callable).
    tokenizer = cast(Any, nlp.tokenizer)
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


_HYPHEN_INFIX = "(?:-|–|—|--|---|——|~)"


def _keep_hyphenated_words(nlp: Language) -> None:
    """English: a hyphen between two words stays inside one token ("Liberal-Labour").

    spaCy's English tokenizer splits "Liberal-Labour", "Danish-German" and
    "2-foot" into three tokens; wikigold, which the bundled English model
    learned from, keeps each as one token, and names such as "F-16 Fighting
    Falcon" or "Anglo-Irish Bank" are found whole only then. Dashes ("--",
    "–") and hyphens next to spaces still split.
    """
    if nlp.lang != "en":
        return
    defaults = [p for p in nlp.Defaults.infixes or () if isinstance(p, str)]
    infixes = [p.replace(_HYPHEN_INFIX, "(?:–|—|--|---|——|~)") for p in defaults]
    if infixes == defaults:
        return  # a spaCy without that rule: nothing to undo
    # spaCy's Tokenizer is a Cython class without a stub (Language types it as a callable).
    tokenizer = cast(Any, nlp.tokenizer)
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def _split_brackets(nlp: Language) -> None:
    """Square brackets inside a word become tokens of their own.

    spaCy splits them off only at a word's edges, so text pasted with markup
    ("[b]Macron[/b] traf") gave the name "Macron[/b". Names do not contain
    square brackets, in any language Kontext reads.
    """
    # spaCy's Tokenizer is a Cython class without a stub (Language types it as a callable).
    tokenizer = cast(Any, nlp.tokenizer)
    current = getattr(tokenizer.infix_finditer, "__self__", None)
    if isinstance(current, re.Pattern) and current.pattern:
        tokenizer.infix_finditer = re.compile(rf"{current.pattern}|[\[\]]").finditer
    else:
        tokenizer.infix_finditer = re.compile(r"[\[\]]").finditer


@functools.lru_cache(maxsize=8)
def load_recognizer(
    lang: str, model: str | None = None, glossary: tuple[GlossaryTerm, ...] = ()
) -> Recognizer:
    """Build (once per arguments) the pipeline for ``lang``.

    Raises ``ModelError`` when an explicitly requested model cannot be loaded.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # version-mismatch chatter from spaCy
        nlp, described = _load_statistical(lang, model)
    has_model = nlp is not None and bool({"ner", "kontext_crf_ner"} & set(nlp.pipe_names))
    if nlp is None:
        nlp = _blank(lang)
    nlp.max_length = 10**8  # annotate() chunks long articles itself
    if "ner" not in nlp.pipe_names:
        # Tokenise as the bundled models' corpora do; a spaCy pipeline keeps the
        # tokenizer its own NER was trained with.
        _keep_slash_words(nlp)
        _keep_hyphenated_words(nlp)
    _split_brackets(nlp)
    if glossary:  # an empty span ruler only warns on every document
        add_glossary_ruler(nlp)
        add_glossary_terms(nlp, glossary)
    for pipe in RULE_PIPES:
        # The article's language, not the pipeline's: xx_ent_wiki_sm or an
        # English model on a German article must still get German rules.
        config: dict[str, object] = (
            {"lang": lang} if pipe not in ("kontext_terms", "kontext_merge") else {}
        )
        if pipe == "kontext_acronyms" and has_model:
            config["min_uses"] = MODEL_MIN_USES
        nlp.add_pipe(pipe, config=config)
    # One word through every component builds their lazy tables (gazetteers,
    # lexicons, the tagger). These are millions of long-lived objects:
    # freezing them keeps the cyclic GC from rescanning them during every
    # annotation (about a tenth of annotate's time on a long article).
    nlp("Kontext")
    gc.freeze()
    rules = f"kontext-rules {RULES_VERSION}"
    if has_model:
        description = f"{described} + {rules}"
    else:
        description = f"{rules} (no statistical model for '{lang}')"
    return Recognizer(nlp, description, has_model)


def spacy_version() -> str:
    return installed_version("spacy")
