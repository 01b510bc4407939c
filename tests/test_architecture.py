"""Layering rules of DESIGN.md that a test can hold: the core never knows the screen; code stays clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ["sco_tui.corpus.load", "sco_tui.workspace.library", "sco_tui.index.search", "sco_tui.analysis.text",
        "sco_tui.view.comparison", "sco_tui.report.html", "sco_tui.cli", "sco_tui.console"]


@pytest.mark.parametrize("module", CORE)
def test_core_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules, 'whoosh' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "False"
    if module in ("sco_tui.cli", "sco_tui.corpus.load"):
        assert out[1] == "False"  # Whoosh is imported only when an index is opened


def test_whoosh_only_under_index() -> None:
    for path in (ROOT / "sco_tui").rglob("*.py"):
        if "index" in path.relative_to(ROOT / "sco_tui").parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "import whoosh" not in text and "from whoosh" not in text, path


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("corpus", ("sco_tui.index", "sco_tui.analysis", "sco_tui.view", "sco_tui.report", "sco_tui.workspace",
                "sco_tui.tui")),
    ("index", ("sco_tui.analysis", "sco_tui.view", "sco_tui.report", "sco_tui.workspace", "sco_tui.tui")),
    ("analysis", ("sco_tui.index", "sco_tui.view", "sco_tui.report", "sco_tui.workspace", "sco_tui.tui")),
    ("view", ("sco_tui.index", "sco_tui.report", "sco_tui.workspace", "sco_tui.tui")),
    ("report", ("sco_tui.index", "sco_tui.workspace", "sco_tui.tui")),
    ("workspace", ("sco_tui.tui", "sco_tui.view", "sco_tui.report")),
])
def test_layers_import_only_what_lies_below(layer: str, forbidden: tuple[str, ...]) -> None:
    """DESIGN.md's layers: corpus < index, analysis < view < report; workspace over index and analysis."""
    for path in (ROOT / "sco_tui" / layer).rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.strip().split()
            if len(words) >= 2 and words[0] in ("import", "from"):
                assert not words[1].startswith(forbidden), f"{path.relative_to(ROOT)}: {line.strip()}"


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    result = subprocess.run([ruff, "check", str(ROOT / "sco_tui"), str(ROOT / "tests"), str(ROOT / "benchmarks")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
