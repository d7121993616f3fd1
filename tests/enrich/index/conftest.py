"""Three sessions we wrote on one topic (North Korean launches seen from Seoul), saved
through the real annotator and session store into a private KONTEXT_HOME."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from enrich import annotate
from enrich.card import Card
from enrich.model import Annotation, Article
from enrich.session import Correction, EntityNote, Session, SessionStore, new_session
from enrich.session.model import CorrectionOp
from tests.helpers import make_article

TITLES = ("Raketenstarts vor Südkorea", "Artillerie an der Grenze", "Manöver vor Yeonpyeong")
TEXTS = (
    "Der Vereinigte Generalstab Südkoreas (JCS) meldete am Montag den Start mehrerer Raketen.\n"
    "Nach Angaben des JCS feuerte Nordkorea die Geschosse aus 240-mm-Raketenwerfern ab.\n"
    "Die Abgeordnete Park Ji-won verlangte in Seoul eine Sondersitzung des "
    "Verteidigungsausschusses.",
    "Nordkorea hat erneut Artillerie an die Grenze verlegt, berichtete der JCS am Mittwoch.\n"
    "Mehrere Abgeordnete forderten daraufhin Auskunft von Verteidigungsminister Shin Won-sik.\n"
    "Der JCS sprach von 240-mm-Raketenwerfern nahe der Insel Yeonpyeong.",
    "Am Freitag beobachtete der JCS bei einem Manöver vor Yeonpyeong neue Raketenstarts aus "
    "Nordkorea.\n"
    "Die Abgeordneten des Ausschusses in Seoul wollen Shin Won-sik kommende Woche befragen.\n"
    "Ein Sprecher nannte erneut 240-mm-Raketenwerfer als Gefahr für die Insel.",
)
NAMES = ("raketenstarts", "artillerie", "manoever")
DATES = ("2026-11-02T08:00:00+00:00", "2026-11-09T08:00:00+00:00", "2026-11-16T08:00:00+00:00")
JCS_PAGE = "Vereinigter Generalstab (Südkorea)"
JCS_KEY = f"wiki:de:{JCS_PAGE}"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("KONTEXT_HOME", str(path))
    return path


def article(i: int) -> Article:
    return make_article(TEXTS[i], "de", TITLES[i])


def correction(i: int, op: CorrectionOp, text: str, label: str = "", day: int = 0) -> Correction:
    start = TEXTS[i].index(text)
    stamp = DATES[i].replace("T08", f"T{9 + day:02d}")
    return Correction(op=op, start=start, end=start + len(text), text=text, label=label, at=stamp)


def entity_id(annotation: Annotation, surface: str) -> str:
    hits = [e.id for e in annotation.entities if any(m.text == surface for m in e.mentions)]
    assert len(hits) == 1, (surface, [e.name for e in annotation.entities])
    return hits[0]


def wiki_card(title: str, status: str = "found") -> Card:
    """The card a session keeps, decoded from its JSON shape."""
    raw = {
        "term": "JCS",
        "lang": "de",
        "glossary": None,
        "wikipedia": {
            "status": status,
            "title": title,
            "summary": f"{title}: Ein Artikel, den wir für diesen Test geschrieben haben.",
            "description": "Militär",
            "url": "https://de.wikipedia.org/wiki/Test",
            "confidence": 0.9,
            "alternatives": [{"title": JCS_PAGE, "description": "Südkoreas Generalstab"}],
            "langlinks": {},
            "from_cache": False,
            "stale": False,
            "message": "",
            "preferred": None,
        },
        "facts": None,
        "errors": [],
    }
    return msgspec.convert(raw, Card)


def note(
    annotation: Annotation, surface: str, text: str, stamp: str, tags: list[str]
) -> EntityNote:
    eid = entity_id(annotation, surface)
    return EntityNote(entity_id=eid, name=surface, label="ORG", note=text, tags=tags, updated=stamp)


def first_session(store: SessionStore) -> Session:
    """Reject "Abgeordnete", relabel the rocket launchers as MISC, pick the JCS page, a note."""
    ann = annotate(article(0))
    s = new_session(NAMES[0], ann)
    s.created = DATES[0]
    jcs = entity_id(ann, "JCS")
    s.enrichment[jcs] = wiki_card("Joint Chiefs of Staff")  # the US body: wrong
    s.wiki_choices[jcs] = JCS_PAGE
    s.notes[jcs] = note(
        ann, "JCS", "Südkoreas Generalstab, nicht der US-JCS.", DATES[0], ["militär"]
    )
    s.corrections += [
        correction(0, "reject", "Abgeordnete"),
        correction(0, "relabel", "240-mm-Raketenwerfern", "MISC"),
    ]
    return store.save(s)


def second_session(store: SessionStore) -> Session:
    """The JCS again (same choice), a later note, and "Yeonpyeong" added as a place."""
    ann = annotate(article(1))
    s = new_session(NAMES[1], ann)
    s.created = DATES[1]
    jcs = entity_id(ann, "JCS")
    s.wiki_choices[jcs] = JCS_PAGE
    s.notes[jcs] = note(ann, "JCS", "Meldet jeden Start zuerst.", DATES[1], ["quelle"])
    s.corrections.append(correction(1, "add", "Yeonpyeong", "LOC"))
    return store.save(s)


def third_session(store: SessionStore) -> Session:
    """The lookup now resolves the JCS to the right page by itself."""
    ann = annotate(article(2))
    s = new_session(NAMES[2], ann)
    s.created = DATES[2]
    s.enrichment[entity_id(ann, "JCS")] = wiki_card(JCS_PAGE)
    return store.save(s)


SAVES: tuple[Callable[[SessionStore], Session], ...] = (
    first_session,
    second_session,
    third_session,
)


@pytest.fixture
def three_sessions(home: Path) -> list[Session]:
    store = SessionStore()
    return [save(store) for save in SAVES]
