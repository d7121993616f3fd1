"""The export entry point: formats, suffixes, errors, and the JSON round trip."""

from __future__ import annotations

import msgspec
import pytest

from enrich.errors import KontextError
from enrich.export import FORMATS, default_suffix, format_for_path, render
from enrich.model import Annotation
from enrich.session import Bookmark, Session, new_session
from enrich.session.codec import decode, encode
from tests.enrich.export.conftest import OSC52
from tests.helpers import make_article


def test_json_export_is_the_session_and_loses_nothing(seed: Session) -> None:
    data = render(seed, "json")
    assert msgspec.json.decode(data, type=Session) == seed
    assert OSC52 in seed.article.text  # even the escape survives, as JSON escapes it
    assert b"\x1b" not in data and data.startswith(b'{\n  "schema": ')


def test_an_unknown_format_is_a_one_line_kontext_error(seed: Session) -> None:
    with pytest.raises(KontextError) as err:
        render(seed, "pdf")
    assert isinstance(err.value, ValueError)
    assert str(err.value) == "unknown export format 'pdf'; use one of md, html, anki, csv, json"
    with pytest.raises(KontextError):
        default_suffix("docx")


def test_suffixes_match_formats_both_ways() -> None:
    assert [default_suffix(f) for f in FORMATS] == [".md", ".html", ".apkg", ".csv", ".json"]
    assert [format_for_path(f"out/seed{default_suffix(f)}") for f in FORMATS] == list(FORMATS)
    assert format_for_path("seed.HTM") == "html" and format_for_path("seed") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_session_exports_in_every_format(fmt: str) -> None:
    """No entities, no paragraphs, no enrichment: still a valid file, not a crash."""
    empty = new_session("leer", Annotation(make_article("", "de", title=""), "test", ()))
    data = render(empty, fmt)
    assert data
    if fmt == "md":
        assert b"*No entities.*" in data and b"*No bookmarks.*" in data


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hand_edited_session_with_odd_values_still_exports(seed: Session, fmt: str) -> None:
    """Session files are untrusted: wrong types and offsets past the text are skipped."""
    first = next(iter(seed.enrichment))
    raw = msgspec.json.decode(encode(seed))
    raw["enrichment"][first] = {
        "glossary": ["not", "a", "dict"],
        "wikipedia": {"title": 42, "alternatives": 7, "url": None, "preferred": "x"},
        "facts": {"items": {"Einwohner": None}},
    }
    seed = decode(msgspec.json.encode(raw))  # what a hand-edited file loads as
    seed.wiki_choices[first] = "Etwas anderes"
    seed.bookmarks.append(Bookmark(id="far", start=10**6, end=10**6 + 5, quote="", note="weit"))
    seed.article.paragraphs.append((10**6, 10**6 + 10))
    assert render(seed, fmt)
    if fmt in ("md", "html", "csv"):
        assert "weit" in render(seed, fmt).decode("utf-8-sig")
