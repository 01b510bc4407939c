"""The help screen: every key the app answers to, read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

ABOUT = (
    "sco-tui shows how different outlets framed the same event. Search as you type (Whoosh syntax: "
    'AND, OR, NOT, "phrases", outlet:press, title:xi, date:2024-07, date:>=2024-07-01, prefix*, fuzzy~); '
    "open a hit or an article to "
    "read it with every match highlighted; press r in the reader to see what cleaning removed."
)


class HelpScreen(ModalScreen[None]):
    """A modal list of keys, grouped by where they work."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close", tooltip="Close the help"),
        Binding("q", "dismiss", "Close", show=False, id="help.close_q", tooltip="Close the help"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close_help", tooltip="Close the help"),
    ]

    def __init__(self, sections: Iterable[tuple[str, Iterable[Binding]]]) -> None:
        super().__init__()
        self.sections = list(sections)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2), expand=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, bindings in self.sections:
            table.add_row(Text(title, style="bold underline"), "")
            seen: set[str] = set()
            for b in bindings:
                key = b.key_display or self.app.get_key_display(b)
                if (key, b.description) in seen:
                    continue
                seen.add((key, b.description))
                table.add_row(key, Text.assemble(b.description, (f"  {b.tooltip}" if b.tooltip else "", "dim")))
            table.add_row("", "")
        with VerticalScroll(id="help-body"):
            yield Static(Text(ABOUT), id="help-about")
            yield Static(table)
            yield Static(Text("Press escape to close.", style="dim"))
