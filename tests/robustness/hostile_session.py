"""A session as a hand-edited or received file could hold it: hostile text everywhere."""

from __future__ import annotations

from typing import Any

from enrich.model import Annotation, Entity, Label, Mention
from enrich.session import Bookmark, EntityNote, Session, new_session
from enrich.session.codec import decode, encode
from tests.helpers import make_article
from tests.robustness.hostile import BIDI, CLEAR, CLIPBOARD, HYPERLINK, TITLE, ZERO_WIDTH

SCRIPT = "<script>alert(1)</script>"
HOSTILE = (
    f"[bold]Eve[/bold] {SCRIPT} <img src=x onerror=alert(2)> {CLEAR}{CLIPBOARD}{HYPERLINK}"
    f'{TITLE} {BIDI} Mal{ZERO_WIDTH}lory \x85\x9b31m =HYPERLINK("http://x") ]]> --> `code`'
)
FORMULAS = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def hostile_session() -> Session:
    """A session as a hand-edited file could hold it: raw hostile text everywhere."""
    text = f"Die NATO tagt in Berlin. {HOSTILE}\nOlaf Scholz kommt {SCRIPT} auch.\n" + "x" * 3000
    article = make_article(text, "de", title=f"Titel {HOSTILE}")
    entities = []
    for name, label in (("NATO", Label.ORG), ("Berlin", Label.LOC), ("Olaf Scholz", Label.PER)):
        start = text.index(name)
        mention = Mention(start, start + len(name), name, label, "model")
        entities.append(Entity(f"{label.lower()}-{len(entities)}", name, label, (mention,)))
    start = text.index("[bold]Eve")
    eve = Mention(start, start + len("[bold]Eve[/bold]"), "[bold]Eve[/bold]", Label.PER, "model")
    entities.append(Entity("per-eve", f"[bold]Eve[/bold]{CLEAR}", Label.PER, (eve,)))
    session = new_session("feind", Annotation(article, f"r{CLEAR}", tuple(entities)))
    session.article.source = f"/tmp/{TITLE}quelle.txt"
    for entity in entities:
        session.notes[entity.id] = EntityNote(
            entity_id=entity.id,
            name=entity.name,
            note=f"{HOSTILE}\n# Kopf\n- Liste [x](javascript:alert(3))",
            tags=[*FORMULAS, HOSTILE],
        )
    start = text.index("Olaf")
    session.bookmarks.append(
        Bookmark(id="b1", start=start, end=start + 11, quote=f"Olaf{CLEAR}", note=HOSTILE)
    )
    wiki: dict[str, Any] = {
        "status": "found",
        "title": f"NATO{SCRIPT}",
        "summary": HOSTILE,
        "description": f"[red]Bündnis{CLEAR}",
        "url": "javascript:alert(4)",
        "confidence": 0.9,
        "alternatives": [{"title": SCRIPT, "description": HOSTILE}],
        "langlinks": {"en": f"NATO{CLEAR}"},
        "from_cache": False,
        "stale": False,
        "message": HOSTILE,
        "preferred": None,
    }
    session.enrichment["org-0"] = {
        "term": "NATO",
        "lang": "de",
        "glossary": {"term": "NATO", "definition": HOSTILE, "source": "user", "label": "ORG"},
        "wikipedia": wiki,
        "facts": None,
        "errors": [HOSTILE],
    }
    return decode(encode(session))  # exactly what a file with this content loads as
