"""The reader: the cleaned article, every match of the query highlighted, removed lines on demand."""

from __future__ import annotations

import bisect
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from sco_tui.corpus.model import Article

MATCH = "reverse"
CURRENT = "bold reverse underline"


class Paragraph(Static):
    """One paragraph of the body, knowing where it starts in the body text."""

    def __init__(self, text: str, start: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = text
        self.start = start

    def paint(self, spans: list[tuple[int, int]], current: tuple[int, int] | None) -> None:
        text = Text(self.text)
        for s, e in spans:
            text.stylize(CURRENT if (s, e) == current else MATCH, s - self.start, e - self.start)
        self.update(text)


class Reader(VerticalScroll, can_focus=True):
    """Shows one article. ``n``/``N`` move between matches; ``r`` shows what cleaning removed."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="reader.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up", tooltip="Scroll up"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.spans: list[tuple[int, int]] = []
        self.current = -1
        self.starts: list[int] = []
        self._at_first = False  # just opened: the first spans to arrive bring their first match into view

    def compose(self) -> ComposeResult:
        yield Static(Text("Choose an article or a hit and press enter to read it here.", style="dim"),
                     id="reader-head")

    @property
    def show_removed(self) -> bool:
        return self.has_class("-show-removed")

    def show(self, article: Article, spans: tuple[tuple[int, int], ...] = ()) -> None:
        """Display ``article`` with ``spans`` (character spans in its body) highlighted."""
        self.article = article
        self.query(".para, .removed").remove()
        self.query_one("#reader-head", Static).update(self._head(article))
        widgets: list[tuple[int, int, Static]] = []
        offset = 0
        self.starts = []
        for order, (line, text) in enumerate(article.paragraphs()):
            self.starts.append(offset)
            widgets.append((line, order, Paragraph(text, offset, classes="para")))
            offset += len(text) + 2
        for order, removed in enumerate(article.removed):
            label = Text.assemble(("✂ ", "bold"), (f"[{removed.reason}] ", "italic"), removed.text)
            widgets.append((removed.line, -1000 + order, Static(label, classes="removed")))
        widgets.sort(key=lambda w: (w[0], w[1]))
        self.mount_all([w for _, _, w in widgets])
        self.scroll_home(animate=False)
        self._at_first = True
        self.set_spans(spans)

    def set_spans(self, spans: tuple[tuple[int, int], ...]) -> None:
        self.spans = sorted(spans)
        self.current = -1
        self._paint_all()
        if self._at_first and self.spans:
            self.jump(1)

    def _paint_all(self) -> None:
        current = self.spans[self.current] if 0 <= self.current < len(self.spans) else None
        for para in self.query(Paragraph):
            end = para.start + len(para.text)
            para.paint([s for s in self.spans if para.start <= s[0] < end], current)

    def _head(self, a: Article) -> Text:
        head = Text(a.title + "\n", style="bold")
        head.append_text(Text.assemble(("Outlet  ", "dim"), a.outlet_name, (f"  ({a.outlet.how})\n", "dim")))
        head.append_text(Text.assemble(("Date    ", "dim"), a.date.value or "unknown", (f"  ({a.date.how})\n", "dim")))
        if a.authors:
            head.append_text(Text.assemble(("By      ", "dim"), ", ".join(a.authors), "\n"))
        if a.url:
            head.append_text(Text.assemble(("URL     ", "dim"), a.url, "\n"))
        head.append_text(Text.assemble(("Source  ", "dim"), Path(a.source).name, (f"  · {a.words} words", "dim")))
        if a.removed:
            state = "shown" if self.show_removed else "press r to show"
            head.append(f"\nCleaning removed {len(a.removed)} lines ({state})", style="dim")
        for note in a.notes:
            head.append(f"\nNote: {note}", style="italic")
        return head

    def toggle_removed(self) -> bool:
        self.toggle_class("-show-removed")
        if self.article is not None:
            self.query_one("#reader-head", Static).update(self._head(self.article))
        return self.show_removed

    def jump(self, step: int) -> str:
        """Move to the next (step 1) or previous (-1) match; return a status line."""
        if not self.spans:
            return "No matches of the current query in this article"
        self.current = (self.current + step) % len(self.spans) if self.current >= 0 else (0 if step > 0 else -1)
        self.current %= len(self.spans)
        self._at_first = False
        self._paint_all()
        start = self.spans[self.current][0]
        index = bisect.bisect_right(self.starts, start) - 1
        paras = list(self.query(Paragraph))
        if 0 <= index < len(paras):
            # after the next refresh: paragraphs mounted a moment ago have no layout yet
            self.call_after_refresh(self.scroll_to_center, paras[index], animate=False)
        return f"Match {self.current + 1} of {len(self.spans)}"
