"""A modal list of what could not be read, one line each."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sco_tui.corpus.model import Problem


class ProblemsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close", id="problems.close", tooltip="Close this list")]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        left_out = sum(p.skipped for p in self.problems)
        kept = len(self.problems) - left_out
        head = f"{left_out:,} inputs could not be read (the rest loaded)" if left_out else ""
        if kept:
            head += f"{'; ' if head else ''}{kept:,} read under a new id"
        body = Text(f"{head}:\n\n", style="bold")
        for p in self.problems:
            body.append_text(Text.assemble((p.source, "bold"), f"  {p.message}\n"))
        with VerticalScroll(id="problems-body"):
            yield Static(body)
            yield Static(Text("Press escape to close.", style="dim"))
