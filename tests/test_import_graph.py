"""The import graph of ``enrich``, ``tui`` and ``training``: no circles, nothing imports upward.

Built from the source with ``ast``, so an import inside a function counts as
much as one at the top of a module (both run). Imports under
``if TYPE_CHECKING:`` are left out: they never run, and they are how a
controller names the app it holds without importing it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("enrich", "tui", "training")

# Which first-party modules each package may import (by module-name prefix).
# The runtime (``enrich``, ``tui``) never imports ``training``, which is outside the wheel.
ALLOWED: dict[str, tuple[str, ...]] = {
    "enrich": ("enrich",),
    # Training builds on the runtime's features, corpus readers and scorer; never on the UI.
    "training": ("enrich", "training"),
    "tui.reader": (
        "enrich",
        "tui.reader",
        # Card rendering shared with the CLI's `kontext lookup` (plain rich, no textual).
        "tui.card_text",
        # The start-up measures (the GC resumed after the first paint).
        "tui.startup",
        # The plain copy of the bindings that the help screen writes.
        "tui.key_table",
        # The interface's words in German and English.
        "tui.ui_text",
    ),
    # The command line: never the reader, except the one entry that starts it
    # (checked on its own below).
    "tui.cli": (
        "enrich",
        "tui.cli",
        "tui.card_text",
        "tui.startup",
        "tui.key_table",
        "tui.ui_text",
        "tui.reader.app",
    ),
    # The two shared modules beside the programs: card rendering and start-up measures.
    "tui.card_text": ("enrich", "tui.ui_text"),
    "tui.ui_text": ("enrich",),
    "tui.startup": ("enrich",),
    "tui.key_table": (),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """Every module named by an import in ``tree`` that runs (at any depth).

    ``from pkg import sub`` imports the module ``pkg.sub``; ``from pkg import name``
    imports ``pkg``. (A package's own ``__init__`` running first is not counted.)
    """
    found: set[str] = set()
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")
                if not is_package:
                    package = package[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
        todo.extend(ast.iter_child_nodes(node))
    return found


def import_graph() -> dict[str, set[str]]:
    """First-party module -> the first-party modules it imports."""
    sources = {
        _module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for module, path in sources.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        named = _imports(tree, module, path.name == "__init__.py", set(sources))
        graph[module] = {m for m in named if m in sources and m != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The graph's circles: strongly connected components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _inside(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_the_graph_sees_imports_inside_functions() -> None:
    """The test is meaningful: the reader is started from inside a CLI function."""
    graph = import_graph()
    assert "tui.reader.app" in graph["tui.cli.read"]
    assert "enrich.model" in graph["tui.reader.widgets.article_view"]
    assert "enrich.nlp.evaluate" in graph["training.train"]


def test_the_runtime_never_imports_training() -> None:
    """A student's install has no ``training`` package (nor faker): nothing may need it."""
    wrong = sorted(
        (module, imported)
        for module, imports in import_graph().items()
        if not _inside(module, "training")
        for imported in imports
        if _inside(imported, "training")
    )
    assert wrong == []


def test_cycles_are_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_command_line_enters_the_reader_in_one_place() -> None:
    """`kontext read` starts the reader; nothing else in tui/cli reaches into it."""
    graph = import_graph()
    entries = sorted(
        (module, imported)
        for module, imports in graph.items()
        if _inside(module, "tui.cli")
        for imported in imports
        if _inside(imported, "tui.reader")
    )
    assert entries == [("tui.cli.read", "tui.reader.app")]


def test_no_import_circles() -> None:
    assert cycles(import_graph()) == []


def test_the_reader_has_no_import_circles() -> None:
    assert [c for c in cycles(import_graph()) if any(_inside(m, "tui.reader") for m in c)] == []


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_nothing_imports_upward(package: str) -> None:
    allowed = ALLOWED[package]
    wrong = sorted(
        (module, imported)
        for module, imports in import_graph().items()
        if _inside(module, package)
        for imported in imports
        if not any(_inside(imported, prefix) for prefix in allowed)
    )
    assert wrong == []
