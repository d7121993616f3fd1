"""Train Kontext's bundled NER model, reproducibly, from the shared corpora.

    python -m training.train --data ../shared/data --lang de --with-valid --jobs 2

German trains on GermEval 2014 ``NER-de-train.bio.tsv`` and
``NER-de-test.tsv`` (``NER-de-dev.tsv`` is the held-out evaluation set and
is never read here). 5% of the training sentences, chosen by a seeded
shuffle, are the validation split used for design choices. ``--limit N``
trains on a seeded N-sentence subset of the rest (the fast CI retrain).
The shipped German model is trained with ``--with-valid --jobs 2``: once
every choice had been made on the validation split, it is trained on too,
and its members train in two processes.
English trains on wikigold, with a seeded 20% held out for evaluation and
a seeded 10% of the rest for design choices. The Broad Twitter Corpus is an
extra (``--extra btc``): it marks only PER/LOC/ORG, so every MISC-like word
in it is trained as O; the English model is better without it (see
docs/model-card.md).
The run records seed, spaCy version, steps and data checksums in
``TRAINING.json`` beside the model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, cast

from enrich.nlp.conll import Sentence, read_conll, read_germeval, read_newseye
from training import bagging

if TYPE_CHECKING:
    from spacy.language import Language

    from enrich.nlp.components.crf_ner import CrfRecognizer

SEED = 13
# The model and its feature tables ship inside the runtime package.
NLP_DIR = Path(str(resources.files("enrich.nlp")))
MODELS = NLP_DIR / "models"
LEXICONS = NLP_DIR / "lexicons"
# The lexicons crf_features reads (the others serve rules, not the model).
FEATURE_LEXICONS = ("brown-", "clusters-", "first_names", "last_names")


@dataclass(frozen=True, slots=True)
class Splits:
    train: list[Sentence]
    valid: list[Sentence]
    files: list[Path]


def _split(sentences: list[Sentence], frac: float, seed: int) -> tuple[list, list]:
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    cut = int(len(order) * frac)
    held = set(order[:cut])
    return (
        [s for i, s in enumerate(sentences) if i not in held],
        [s for i, s in enumerate(sentences) if i in held],
    )


def english_heldout(data: Path, seed: int = SEED) -> list[Sentence]:
    """The seeded 20% of wikigold that English training never sees."""
    wikigold = list(read_conll(data / "english" / "wikigold" / "wikigold.conll.txt"))
    return _split(wikigold, 0.2, seed)[1]


GERMAN_VALID_FRACTION = 0.05


def german_sentences(data: Path) -> tuple[list[Sentence], list[Path]]:
    """GermEval train (token<TAB>BIO) then test (the original four-column TSV)."""
    train_path = data / "germeval2014" / "NER-de-train.bio.tsv"
    test_path = data / "germeval2014" / "NER-de-test.tsv"
    return [*read_conll(train_path), *read_germeval(test_path)], [train_path, test_path]


def load_splits(data: Path, lang: str, extra: Iterable[str], seed: int) -> Splits:
    if lang == "de":
        sentences, files = german_sentences(data)
        train, valid = _split(sentences, GERMAN_VALID_FRACTION, seed)
        for name in extra:
            extra_files = _extra_files(data, name)
            files += extra_files
            train += [s for f in extra_files for s in _read_extra(name, f)]
        return Splits(train, valid, files)
    if lang == "en":
        wiki_path = data / "english" / "wikigold" / "wikigold.conll.txt"
        wikigold = list(read_conll(wiki_path))
        train, _heldout = _split(wikigold, 0.2, seed)
        train, valid = _split(train, 0.1, seed)
        files = [wiki_path]
        for name in extra:
            if name != "btc":
                raise SystemExit(f"unknown extra corpus '{name}' for English (btc)")
            btc_files = sorted((data / "english" / "btc").glob("*.conll"))
            files += btc_files
            train += [s for f in btc_files for s in read_conll(f)]
        return Splits(train, valid, files)
    raise SystemExit(f"no training recipe for language '{lang}'")


def _extra_files(data: Path, name: str) -> list[Path]:
    if name == "newseye":
        return sorted((data / "newseye-de").glob("*.tsv"))
    if name == "mobie":
        return [data / "mobie-de" / "train.conll2003"]
    raise SystemExit(f"unknown extra corpus '{name}' (newseye, mobie)")


def _read_extra(name: str, path: Path) -> Iterable[Sentence]:
    if name == "newseye":
        return read_newseye(path)
    mobie = {"person": "PER", "organization": "ORG", "organization-company": "ORG"}
    mobie |= {
        k: "LOC"
        for k in ("location", "location-city", "location-street", "location-stop", "location-route")
    }
    return read_conll(path, column=3, mapping=mobie)


def to_docbin(sentences: list[Sentence], lang: str, path: Path) -> None:
    import spacy
    from spacy.tokens import Doc, DocBin, Span

    vocab = spacy.blank(lang).vocab
    db = DocBin(store_user_data=False)
    for s in sentences:
        doc = Doc(vocab, words=s.tokens, spaces=s.spaces)
        doc.ents = [Span(doc, a, b, label=label) for a, b, label in s.spans]
        db.add(doc)
    db.to_disk(path)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CRF_PARAMS: dict[str, float | int] = {"c1": 0.05, "c2": 0.01, "max_iterations": 200}
# Mention replacement: every training sentence with entities is added this many
# more times, each entity swapped for a random one of the same label from the
# training data. Measured on 4,590 German sentences: 0 → 0.602, 1 → 0.615,
# 2 → 0.613, 4 → 0.635, 8 → 0.624 (model-only micro-F1). With the 27,645
# German sentences of GermEval train + test one copy is used: four make the
# single-threaded CRFsuite run take hours on a shared 2-core machine (see
# docs/model-card.md).
# English: one copy (5-fold cross-validation inside wikigold's 80%, whole pipeline:
# 1 copy 0.744, 2 copies 0.742, 4 copies 0.739; docs/model-card.md).
AUGMENT_COPIES = {"de": 1, "en": 1}


def augment(sentences: list[Sentence], copies: int, seed: int) -> list[Sentence]:
    """Mention-replacement copies, so the CRF leans on context, not memorised names."""
    rng = random.Random(seed)
    pool: dict[str, list[list[str]]] = {}
    for s in sentences:
        for a, b, label in s.spans:
            pool.setdefault(label, []).append(s.tokens[a:b])
    out: list[Sentence] = []
    for _ in range(copies):
        for s in sentences:
            if not s.spans:
                continue
            tokens: list[str] = []
            spans: list[tuple[int, int, str]] = []
            starts = {a: (b, label) for a, b, label in s.spans}
            i = 0
            while i < len(s.tokens):
                if i in starts:
                    end, label = starts[i]
                    new = rng.choice(pool[label])
                    spans.append((len(tokens), len(tokens) + len(new), label))
                    tokens += new
                    i = end
                else:
                    tokens.append(s.tokens[i])
                    i += 1
            out.append(Sentence(tokens, [True] * len(tokens), spans))
    return out


# Per language: the tagging scheme (crf_features.SCHEMES) and what differs from
# CRF_PARAMS. German uses BILOU (docs/model-card.md, fifth version: +0.6 on the
# held-out 5%, whole pipeline); English keeps the BIO recipe it was trained with.
TAG_SCHEME = {"de": "BILOU", "en": "BIO"}


@dataclass(frozen=True, slots=True)
class Member:
    """One CRF of an averaged model: its share of the average, the sentences it
    trains on (``half`` 0 or 1 of the ``BAG_SEED`` split, or all of them) and the
    feature groups (``crf_features.FEATURE_GROUPS``) it is trained without."""

    share: float
    half: int | None = None
    without: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"share": self.share, "half": self.half, "without": list(self.without)}


# Per language: the CRFs whose weighted average is the shipped model (training/
# bagging.py); the first is the model of all sentences with all features. German
# (docs/model-card.md, seventh version; scored on 13,822 training sentences no
# member saw): the whole model + its two half-data models (sixth version, +0.4),
# and two models without the clusters or without the word's spelling
# ("feature bagging"): +0.66 over the sixth version there, +0.34 on the other half
# with models of this half (nothing chosen on it). English keeps one model.
ENSEMBLE: dict[str, tuple[Member, ...]] = {
    "de": (
        Member(0.3),
        Member(0.1, half=0),
        Member(0.1, half=1),
        Member(0.25, without=("clusters",)),
        Member(0.25, without=("spelling",)),
    ),
    "en": (),
}
# The seed of the split into halves (the split the error analysis of
# docs/model-card.md, sixth version, trained its half-models on).
BAG_SEED = 99
LANG_PARAMS: dict[str, dict[str, float | int]] = {"de": {}, "en": {}}


def train_crf_file(
    sentences: list[Sentence],
    lang: str,
    model_file: Path,
    seed: int,
    copies: int,
    *,
    scheme: str = "BIO",
    params: dict[str, float | int | bool] | None = None,
    without: tuple[str, ...] = (),
) -> list[dict[str, object]]:
    """Train a CRFsuite model on ``sentences`` plus ``copies`` augmented copies.

    ``params`` overrides ``CRF_PARAMS``; ``without`` names feature groups the
    model does not see. Returns CRFsuite's log of the L-BFGS iterations (fewer
    than ``max_iterations``: it converged), loss included.
    """
    import pycrfsuite

    from enrich.nlp.crf_features import sentence_features, tags_for, without_groups

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in [*sentences, *augment(sentences, copies, seed)]:
        features = without_groups(sentence_features(s.tokens, lang), without)
        trainer.append(features, tags_for(len(s.tokens), s.spans, scheme))
    trainer.set_params({**CRF_PARAMS, "feature.possible_transitions": True, **(params or {})})
    trainer.train(str(model_file))
    log: list[dict[str, object]] = trainer.logparser.iterations
    return log


def loss_change(trainer_log: list[dict[str, object]], last: int = 10) -> float | None:
    """Relative fall of the training loss over the last ``last`` iterations.

    Near zero: L-BFGS had converged when it stopped; larger: more iterations
    would still move the weights.
    """
    losses = [float(str(i["loss"])) for i in trainer_log if "loss" in i]
    if len(losses) <= last or not losses[-last - 1]:
        return None
    return round((losses[-last - 1] - losses[-1]) / losses[-last - 1], 6)


def _train_crf(
    splits: Splits, lang: str, out: Path, work: Path, seed: int, copies: int, jobs: int
) -> dict[str, object]:
    """Train the CRF (the average of ``ENSEMBLE[lang]``, if any) and save a spaCy
    pipeline holding it."""
    import spacy

    from enrich.nlp import crf_tagger
    from enrich.nlp.components.crf_ner import MODEL_FILE

    scheme = TAG_SCHEME.get(lang, "BIO")
    params = {**CRF_PARAMS, **LANG_PARAMS.get(lang, {})}
    ensemble = ENSEMBLE.get(lang, ())
    if ensemble and ensemble[0] != Member(ensemble[0].share):
        raise ValueError("the first member of an ensemble is the model of everything")
    members = ensemble or (Member(1.0),)
    halves = bagging.partition(splits.train, 2, BAG_SEED)
    dirs = [work / f"member-{k}" for k in range(len(members))]
    jobs_args = [
        (
            splits.train if m.half is None else halves[m.half],
            lang,
            d / MODEL_FILE,
            seed,
            copies,
            scheme,
            params,
            m.without,
        )
        for m, d in zip(members, dirs, strict=True)
    ]
    for d in dirs:
        d.mkdir()
    if jobs > 1 and len(members) > 1:
        # Each CRFsuite run is single-threaded; "spawn" starts clean interpreters.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            logs = list(pool.map(_train_member, jobs_args))
    else:
        logs = [_train_member(args) for args in jobs_args]
    nlp = spacy.blank(lang)
    # spaCy types add_pipe as a Doc -> Doc callable; this factory makes a CrfRecognizer.
    recognizer = cast(
        "CrfRecognizer",
        nlp.add_pipe("kontext_crf_ner", config={"lang": lang, "scheme": scheme}),
    )
    recognizer.path = dirs[0] / MODEL_FILE
    _save(nlp, lang, splits, out)
    if ensemble:
        # The average replaces the saved weights; it has no CRFsuite file.
        crf_dir = out / "kontext_crf_ner"
        for d in dirs[1:]:
            crf_tagger.export(d / MODEL_FILE, d)
        bagging.average([crf_dir, *dirs[1:]], [m.share for m in ensemble], work / "average")
        for name in (crf_tagger.WEIGHTS_FILE, crf_tagger.ATTRIBUTES_FILE):
            shutil.copyfile(work / "average" / name, crf_dir / name)
        (crf_dir / MODEL_FILE).unlink()
    return {
        "arch": "crf",
        "params": params,
        "scheme": scheme,
        "iterations": len(logs[0]),
        "loss_change_last_10": loss_change(logs[0]),
        "augment_copies": copies,
        "ensemble": [member.to_json() for member in ensemble],
    }


def _train_member(
    args: tuple[list[Sentence], str, Path, int, int, str, dict[str, float | int], tuple[str, ...]],
) -> list[dict[str, object]]:
    """One member of an ensemble (a top-level function, so a process pool can run it)."""
    sentences, lang, model_file, seed, copies, scheme, params, without = args
    return train_crf_file(
        sentences, lang, model_file, seed, copies, scheme=scheme, params=params, without=without
    )


def _train_cnn(
    splits: Splits, lang: str, out: Path, work: Path, seed: int, max_steps: int | None
) -> dict[str, object]:
    """The spaCy CNN we compared against (kept so the comparison is reproducible)."""
    import spacy
    from spacy.cli.train import train as spacy_train

    to_docbin(splits.train, lang, work / "train.spacy")
    to_docbin(splits.valid, lang, work / "valid.spacy")
    overrides: dict[str, object] = {
        "paths.train": str(work / "train.spacy"),
        "paths.dev": str(work / "valid.spacy"),
        "system.seed": seed,
        "nlp.lang": lang,
    }
    if max_steps:
        overrides["training.max_steps"] = max_steps
    config = Path(str(resources.files("enrich.nlp.configs").joinpath("ner.cfg")))
    spacy_train(config, work / "output", overrides=overrides)
    _save(spacy.load(work / "output" / "model-best"), lang, splits, out)
    return {"arch": "cnn", "config": "enrich/nlp/configs/ner.cfg", "max_steps": max_steps}


def _save(nlp: Language, lang: str, splits: Splits, out: Path) -> None:
    nlp.meta.update(
        name=f"kontext_{lang}",
        version="0.1.0",
        description="Kontext's bundled NER (see docs/model-card.md)",
        sources=[{"name": p.name, "license": "CC BY 4.0"} for p in splits.files],
    )
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)


def train(
    data: Path,
    lang: str,
    out: Path,
    *,
    extra: Iterable[str] = (),
    seed: int = SEED,
    arch: str = "crf",
    max_steps: int | None = None,
    limit: int | None = None,
    copies: int | None = None,
    jobs: int = 1,
    with_valid: bool = False,
) -> dict[str, object]:
    """Train, save the pipeline to ``out`` and return the training record.

    ``limit``: train on a seeded subset of that many sentences and validate
    on at most a fifth as many (the fast end-to-end retrain of the tests).
    ``jobs``: train the members of an ensemble in that many processes.
    ``with_valid``: train on the validation split too, once every design
    choice has been made on it (the shipped German model); the recorded
    validation score then reads sentences the model saw, and says so.
    """
    import spacy

    from enrich.nlp.evaluate import score

    splits = load_splits(data, lang, list(extra), seed)
    if limit:
        train_part = random.Random(seed).sample(splits.train, min(limit, len(splits.train)))
        valid_part = splits.valid[: max(1, limit // 5)]
        splits = Splits(train_part, valid_part, splits.files)
    if with_valid:
        splits = Splits(splits.train + splits.valid, splits.valid, splits.files)
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="kontext-train-") as tmp:
        if arch == "crf":
            n_copies = AUGMENT_COPIES.get(lang, 4) if copies is None else copies
            details = _train_crf(splits, lang, out, Path(tmp), seed, n_copies, jobs)
        else:
            details = _train_cnn(splits, lang, out, Path(tmp), seed, max_steps)
    trained = round(time.time() - started)
    valid = score(splits.valid, lang=lang, model=str(out)).to_json()
    record = {
        "lang": lang,
        "seed": seed,
        "spacy": spacy.__version__,
        **details,
        "extra": list(extra),
        "limit": limit,
        "train_sentences": len(splits.train),
        "valid_sentences": len(splits.valid),
        "data": {p.name: _sha256(p) for p in splits.files},
        # Feature lexicons shipped with the code (name lists, word clusters).
        "lexicons": {
            p.name: _sha256(p)
            for p in sorted(LEXICONS.glob("*"))
            if p.is_file() and p.name.startswith(FEATURE_LEXICONS)
        },
        "valid_pipeline_micro": valid["micro"],
        # True: the validation sentences were trained on, so their score is no estimate.
        "valid_in_training": with_valid,
        "seconds": trained,
        "command": " ".join(["python -m training.train", *sys.argv[1:]]),
    }
    (out / "TRAINING.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.train", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--lang", default="de", choices=["de", "en"])
    parser.add_argument("--out", type=Path, help="default: enrich/nlp/models/<lang>")
    parser.add_argument(
        "--extra", action="append", default=[], help="de: newseye and/or mobie; en: btc"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--arch", default="crf", choices=["crf", "cnn"])
    parser.add_argument("--max-steps", type=int, help="cnn only")
    parser.add_argument("--limit", type=int, help="train on a seeded subset of N sentences")
    parser.add_argument("--copies", type=int, help="augmented copies (default: de 1, en 1)")
    parser.add_argument(
        "--jobs", type=int, default=1, help="processes for the members of an ensemble"
    )
    parser.add_argument(
        "--with-valid",
        action="store_true",
        help="train on the validation split too (the shipped German model; see docs/model-card.md)",
    )
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    out = args.out or MODELS / args.lang
    record = train(
        args.data,
        args.lang,
        out,
        extra=args.extra,
        seed=args.seed,
        arch=args.arch,
        max_steps=args.max_steps,
        limit=args.limit,
        copies=args.copies,
        jobs=args.jobs,
        with_valid=args.with_valid,
    )
    print(json.dumps(record, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
