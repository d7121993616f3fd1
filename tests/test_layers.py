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


def _textual_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m == "textual" or m.startswith("textual."))


def test_the_command_line_never_imports_textual() -> None:
    """`tui/cli` reaches the reader through one import in tui/cli/read.py only: every
    other command, every tui.cli module (serve's textual-serve server too) and
    `--help` run without textual."""
    modules = _modules_after(
        """
        import contextlib, io, os, pkgutil, tempfile, importlib
        os.environ["KONTEXT_HOME"] = tempfile.mkdtemp()
        import tui.cli
        from tui.cli import main
        for info in pkgutil.iter_modules(tui.cli.__path__):
            if info.name not in ("read", "__main__"):
                importlib.import_module(f"tui.cli.{info.name}")
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            for argv in (["--help"], ["serve", "--help"], ["read", "--help"]):
                with contextlib.suppress(SystemExit):
                    main(argv)
            assert main(["annotate", "sample:de"]) == 0
            assert main(["lookup", "NATO", "--offline"]) == 0
            assert main(["sessions", "list"]) == 0
            assert main(["glossary", "list"]) == 0
        assert "usage: kontext serve" in out.getvalue()
        """
    )
    assert "tui.cli.serve_server" in modules and "textual_serve.server" in modules
    assert "tui.cli.annotate" in modules and "spacy" in modules  # the commands really ran
    assert "tui.cli.read" not in modules
    assert _textual_in(modules) == []


def test_help_and_version_import_neither_spacy_nor_textual() -> None:
    for flag in ("--help", "--version"):
        modules = _modules_after(
            f"""
            import contextlib, io
            from tui.cli import main
            with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
                main(["{flag}"])
            """
        )
        assert "tui.cli" in modules
        assert "spacy" not in modules
        assert _textual_in(modules) == []
