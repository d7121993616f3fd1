"""Layering rules, checked the way harlequin does: by looking at sys.modules."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _modules_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + "\nimport sys\nprint('\\n'.join(sys.modules))\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_enrich_never_imports_textual_even_when_annotating() -> None:
    modules = _modules_after(
        """
        import enrich
        from enrich import annotate, load_article
        from tests.helpers import make_article
        annotate(make_article("Die NATO tagt in Berlin.", "de"))
        """
    )
    assert "spacy" in modules  # the check is meaningful: the pipeline really ran
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)


def test_importing_enrich_is_cheap() -> None:
    """The reader must paint before spaCy loads, so `import enrich` must not pull it in."""
    modules = _modules_after("import enrich, enrich.loaders, enrich.model")
    assert "spacy" not in modules
    assert "textual" not in modules


def test_annotate_command_does_not_import_textual() -> None:
    modules = _modules_after(
        """
        import io, contextlib
        from tui.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main(["annotate", "sample:en", "--json"])
        """
    )
    assert "spacy" in modules
    assert "textual" not in modules
