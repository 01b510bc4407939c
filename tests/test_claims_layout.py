"""The claims package stays layered: its modules import one another without a loop, none reaches back into the
package's ``__init__`` (which only hands their names on), and each says what it holds."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sco_tui" / "analysis" / "claims"
NAME = "sco_tui.analysis.claims"


def _imports(path: Path) -> set[str]:
    """The package modules ``path`` imports (at any depth of its code: lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        found.update(n for n in names if n == NAME or n.startswith(f"{NAME}."))
    return found


def test_the_modules_import_one_another_without_a_loop() -> None:
    modules = {p.stem: p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert len(modules) >= 8
    graph = {}
    for stem, path in modules.items():
        found = _imports(path)
        assert NAME not in found, f"{stem}.py imports the package itself: import the module that holds the name"
        graph[stem] = {n.rsplit(".", 1)[1] for n in found}
        assert graph[stem] <= modules.keys(), graph[stem] - modules.keys()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as loop:
        raise AssertionError(f"an import loop: {loop.args[1]}") from None
    assert set(order) == modules.keys()


def test_every_module_says_what_it_holds() -> None:
    for path in PACKAGE.glob("*.py"):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 8, path.name
