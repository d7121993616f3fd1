"""docs/architecture.md is the map of the code: it names only paths that exist,
and every package of ``enrich`` and ``tui`` is on it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
PATH = re.compile(r"`((?:enrich|tui|tests|training)/[\w/.]+)`")


def _named() -> set[str]:
    return {m.rstrip("/") for m in PATH.findall(DOC.read_text(encoding="utf-8"))}


def test_every_path_on_the_map_exists() -> None:
    missing = sorted(p for p in _named() if not (ROOT / p).exists())
    assert missing == []


def test_every_package_is_on_the_map() -> None:
    named = _named()
    packages = sorted(
        str(init.parent.relative_to(ROOT))
        for top in ("enrich", "tui", "training")
        for init in (ROOT / top).rglob("__init__.py")
        if not {"data", "configs", "samples", "models"} & set(init.parent.relative_to(ROOT).parts)
    )
    unmapped = [
        p
        for p in packages
        if p not in ("enrich", "tui") and not any(n.startswith(p) for n in named)
    ]
    assert unmapped == []


def test_the_map_catches_a_wrong_path(tmp_path: Path) -> None:
    assert PATH.findall("see `enrich/nowhere.py`") == ["enrich/nowhere.py"]
    assert not (ROOT / "enrich/nowhere.py").exists()
