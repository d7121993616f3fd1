"""How many times an entity is mentioned, said in words a student reads.

An entity seen only in a derived form ("deutsche" for Deutschland) has no
direct mention; "0" would read as "not in the article", so it says which forms
it was seen as instead.
"""

from __future__ import annotations

from enrich.model import Entity

_SHOWN_FORMS = 3


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 session``, ``2 sessions`` (``words`` for irregular plurals: ``entity``/``entities``)."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def related_forms(entity: Entity) -> list[str]:
    """The distinct derived forms of the entity, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in sorted(entity.mentions, key=lambda m: m.start):
        if m.kind == "related":
            seen.setdefault(" ".join(m.text.split()), None)
    return list(seen)


def only_as(entity: Entity) -> str:
    """``only as: deutsche, deutschen`` (a few forms, "…" when there are more)."""
    forms = related_forms(entity)
    shown = ", ".join(forms[:_SHOWN_FORMS]) + (", …" if len(forms) > _SHOWN_FORMS else "")
    return f"only as: {shown}"


def count_cell(entity: Entity) -> str:
    """A table cell: ``3``, ``3 +1`` (one related form), or ``only as: deutsche``."""
    direct = len(entity.direct_mentions)
    related = len(entity.mentions) - direct
    if not direct and related:
        return only_as(entity)
    return str(direct) + (f" +{related}" if related else "")


def count_words(entity: Entity) -> str:
    """A card line: ``3 mentions + 1 related``, or ``only as: deutsche``."""
    direct = len(entity.direct_mentions)
    related = len(entity.mentions) - direct
    if not direct and related:
        return only_as(entity)
    words = plural(direct, "mention")
    return words + (f" + {related} related" if related else "")
