"""A reader over the comparison: one article opened at a finding's sentence; back returns to the
comparison with its cursor where it was."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from sco_tui.analysis.evidence import Evidence
from sco_tui.corpus.model import Article
from sco_tui.tui.widgets.reader import Reader


class ReadScreen(Screen[None]):
    """The article, the sentence behind a finding highlighted and in view."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="read.back", tooltip="Back to the comparison"),
        Binding("q", "app.pop_screen", "Back", show=False, id="read.back_q", tooltip="Back to the comparison"),
        Binding("n", "match(1)", "Next", id="read.next", tooltip="Next highlighted sentence"),
        Binding("N", "match(-1)", "Previous", key_display="N", id="read.previous",
                tooltip="Previous highlighted sentence"),
        Binding("r", "toggle_removed", "Removed", id="read.removed", tooltip="Show what cleaning removed"),
    ]

    def __init__(self, article: Article, evidence: tuple[Evidence, ...], outlet_label: str) -> None:
        super().__init__()
        self.article = article
        self.evidence = evidence
        self.outlet_label = outlet_label

    def compose(self) -> ComposeResult:
        yield Static(f"{self.outlet_label}: the sentence behind the finding · escape back to the comparison",
                     id="read-title")
        yield Reader(id="read-reader")
        yield Footer()

    def on_mount(self) -> None:
        reader = self.query_one(Reader)
        spans = tuple((e.start, e.end) for e in self.evidence if e.start >= 0)
        reader.show(self.article, spans)  # opens at the first of them
        reader.focus()

    def action_match(self, step: int) -> None:
        self.notify(self.query_one(Reader).jump(step), timeout=2)

    def action_toggle_removed(self) -> None:
        self.query_one(Reader).toggle_removed()
