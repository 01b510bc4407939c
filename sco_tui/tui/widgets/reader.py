"""The reader: the cleaned article, every match of the query highlighted, removed lines on demand."""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual.worker import get_current_worker

from sco_tui.corpus.model import Article
from sco_tui.view.plural import counted

if TYPE_CHECKING:
    from sco_tui.analysis.cues.model import SentenceCues

MATCH = "reverse"
CURRENT = "bold reverse underline"


class Paragraph(Static):
    """One paragraph of the body, knowing where it starts in the body text."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"para--cue-word", "para--cue-cued", "para--cue-flagged",
                                             "para--cue-current"}

    def __init__(self, text: str, start: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = text
        self.start = start
        self.cue_spans: list[tuple[int, int, str]] = []  # (start, end, component class) in body offsets

    def paint(self, spans: list[tuple[int, int]], current: tuple[int, int] | None) -> None:
        text = Text(self.text)
        self._paint_cues(text)
        for s, e in spans:
            text.stylize(CURRENT if (s, e) == current else MATCH, s - self.start, e - self.start)
        self.update(text)


    def _paint_cues(self, text: Text) -> None:
        """The framing lens: sentences shaded by score, cue words underlined (styles from app.tcss)."""
        end = self.start + len(self.text)
        for s, e, cls in self.cue_spans:
            if s < end and e > self.start:
                text.stylize(self.get_component_rich_style(cls, partial=True),
                             max(s, self.start) - self.start, min(e, end) - self.start)


class Reader(VerticalScroll, can_focus=True):
    """Shows one article. ``n``/``N`` move between matches; ``r`` shows what cleaning removed;
    ``f`` turns on the framing lens, ``]``/``[`` move between the sentences it marks."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="reader.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up", tooltip="Scroll up"),
        Binding("f", "lens", "Framing", id="reader.lens",
                tooltip="Underline framing cues and shade sentences by how much they call for a second look"),
        Binding("right_square_bracket", "cue(1)", "Next cue", key_display="]", show=False, id="reader.next_cue",
                tooltip="With the framing lens on: the next sentence with a cue, and why"),
        Binding("left_square_bracket", "cue(-1)", "Prev cue", key_display="[", show=False,
                id="reader.previous_cue",
                tooltip="With the framing lens on: the previous sentence with a cue"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.spans: list[tuple[int, int]] = []
        self.current = -1
        self.starts: list[int] = []
        self._at_first = False  # just opened: the first spans to arrive bring their first match into view
        self.cue_rows: list[SentenceCues] = []  # the framing lens: this article's sentences with cues
        self.cue_article: str | None = None
        self.cue_cursor = -1

    def compose(self) -> ComposeResult:
        yield Static(Text("Choose an article or a hit and press enter to read it here.", style="dim"),
                     id="reader-head")
        yield Static("", id="reader-cues")

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
        self._lens_follow()

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
            head.append(f"\nCleaning removed {counted(len(a.removed), 'line')} ({state})", style="dim")
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

    # -- the framing lens ----------------------------------------------------------------------
    @property
    def lens(self) -> bool:
        return self.has_class("-lens")

    def action_lens(self) -> None:
        self.toggle_class("-lens")
        if not self.lens:
            self.cue_cursor = -1
            self._set_cue_spans()
            self.notify("Framing lens off", timeout=2)
        elif self.article is None:
            self.notify("Framing lens on: open an article to see its cues", timeout=3)
        else:
            self._lens_follow()

    def _lens_follow(self) -> None:
        """With the lens on, find the shown article's cues (in a thread) unless they are known."""
        if not self.lens or self.article is None:
            self._set_cue_spans()
            return
        if self.cue_article == self.article.id:
            self._set_cue_spans()
            self._announce()
            return
        self.cue_rows, self.cue_cursor = [], -1
        self._set_cue_spans()
        self._find_cues(self.article)

    @work(thread=True, exclusive=True, group="framing cues", exit_on_error=False)
    def _find_cues(self, article: Article) -> None:
        from sco_tui.analysis.cues import find_cues

        rows = find_cues([article])
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply_cues, article.id, rows)

    def _apply_cues(self, article_id: str, rows: list[SentenceCues]) -> None:
        if self.article is None or self.article.id != article_id:
            return
        self.cue_article, self.cue_rows, self.cue_cursor = article_id, rows, -1
        self._set_cue_spans()
        self._announce()

    def _announce(self) -> None:
        flagged = sum(1 for r in self.cue_rows if r.flagged)
        self.notify(f"Framing lens: {flagged} sentences to look at twice, {len(self.cue_rows) - flagged} more with "
                    "a cue; ] and [ move between them", timeout=4)
        self._show_cue_detail()

    def _set_cue_spans(self) -> None:
        spans: list[tuple[int, int, str]] = []
        if self.lens and self.cue_article is not None and self.article is not None \
                and self.cue_article == self.article.id:
            for i, row in enumerate(self.cue_rows):
                e = row.evidence
                shade = "para--cue-current" if i == self.cue_cursor else (
                    "para--cue-flagged" if row.flagged else "para--cue-cued")
                spans.append((e.start, e.end, shade))
                spans.extend((s, t, "para--cue-word") for c in row.cues for s, t in c.spans)
        for para in self.query(Paragraph):
            para.cue_spans = spans
        self._paint_all()
        self._show_cue_detail()

    def action_cue(self, step: int) -> None:
        if not self.lens:
            self.notify("Press f for the framing lens first", timeout=3)
            return
        if not self.cue_rows:
            self.notify("No framing cues in this article" if self.cue_article else "Finding cues…", timeout=2)
            return
        if self.cue_cursor < 0:
            self.cue_cursor = 0 if step > 0 else len(self.cue_rows) - 1
        else:
            self.cue_cursor = (self.cue_cursor + step) % len(self.cue_rows)
        self._set_cue_spans()
        start = self.cue_rows[self.cue_cursor].evidence.start
        index = bisect.bisect_right(self.starts, start) - 1
        paras = list(self.query(Paragraph))
        if 0 <= index < len(paras):
            self.call_after_refresh(self.scroll_to_center, paras[index], animate=False)

    def cue_detail(self) -> Text:
        """The sentence under the lens cursor: its score and each cue with its words and why."""
        if not (0 <= self.cue_cursor < len(self.cue_rows)):
            flagged = sum(1 for r in self.cue_rows if r.flagged)
            return Text(f"Framing lens: {flagged} flagged, {len(self.cue_rows)} with a cue · ] next, [ previous, "
                        "f off", style="dim")
        row = self.cue_rows[self.cue_cursor]
        head = "Look twice" if row.flagged else "A cue"
        text = Text.assemble((f"{head} · score {row.score:.2f} ", "bold"),
                             (f"(sentence {row.evidence.sentence + 1}; {self.cue_cursor + 1} of "
                              f"{len(self.cue_rows)})", "dim"))
        for cue in row.cues:
            words = ", ".join(f"“{w}”" for w in cue.words)
            text.append_text(Text.assemble("\n", (cue.kind.replace("_", " "), "bold"), (f" {cue.family}  ", "dim"),
                                           words + (" — " if words else ""), (cue.why, "italic")))
        return text

    def _show_cue_detail(self) -> None:
        self.query_one("#reader-cues", Static).update(self.cue_detail() if self.lens else "")
