"""The comparison screen: one column per outlet, the same kind of finding lined up across columns.

It renders the core's ComparisonView (the same model the reports render). The cursor moves over
every cell; the pane below shows the whole finding under it, each outlet's own sentences side by
side; enter opens the article at that sentence, and back returns here with the cursor in place.
Headlines and ledes paint at once; the analysis runs in a thread worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from sco_tui.corpus.model import Article
from sco_tui.tui.widgets.finding import render_finding
from sco_tui.view.comparison import Cell, ComparisonView, Row, heads_only
from sco_tui.view.labels import clip as _clip

MIN_COLUMN = 22  # narrower than this a sentence is unreadable: the columns scroll instead
LABEL_WIDTH = 24
NARROW_LABEL = 16
CELL_LINES = 3  # a cell shows this many lines at most; the pane below shows the whole finding
FILTERS = {"all": "all", "unique": "only one outlet", "omitted": "left out by some", "contested": "contested"}


@dataclass(frozen=True, slots=True)
class _Header:
    """A section's first row: the section's name and what its rows mean."""

    title: str
    note: str


class CompareScreen(Screen[None]):
    """Side-by-side framing of a set of articles."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="compare.back", tooltip="Back to the articles"),
        Binding("q", "back", "Back", show=False, id="compare.back_q", tooltip="Back to the articles"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="compare.help", tooltip="All keys"),
        Binding("enter", "open", "Read", id="compare.open",
                tooltip="Open the article at the sentence behind the finding under the cursor"),
        Binding("t", "focus_term", "Term", id="compare.term", tooltip="Type a term to see how each outlet words it"),
        Binding("u", "claims('unique')", "Unique", id="compare.unique",
                tooltip="Claims: only those one outlet alone carries"),
        Binding("o", "claims('omitted')", "Omitted", id="compare.omitted",
                tooltip="Claims: only those most carry and some leave out"),
        Binding("x", "claims('contested')", "Contested", id="compare.contested",
                tooltip="Claims: only those with a discrepancy"),
        Binding("a", "claims('all')", "All claims", id="compare.all", tooltip="Claims: all of them"),
        Binding("e", "export", "Export", id="compare.export",
                tooltip="Write this comparison as a Markdown and an HTML brief (the full path is shown)"),
    ]

    def __init__(self, articles: list[Article], terms: tuple[str, ...] = (), story_label: str | None = None) -> None:
        super().__init__()
        self.articles = articles
        self.by_id = {a.id: a for a in articles}
        self.terms = terms
        self.story_label = story_label
        self.view: ComparisonView = heads_only(articles, story_label)
        self.labels = {c.id: c.label for c in self.view.columns}
        self.analysed = False
        self.comparison = None
        self.claim_filter = "all"
        self.rows: dict[str, Row | _Header] = {}
        self._built_width = 0
        self._go_to: str | None = None  # a row to bring the cursor to once the table is rebuilt

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-top"):
            yield Static(Text.assemble((self.view.title, "bold"), "\n",
                                       (f"{len(self.articles)} articles · {self.view.date_text()}", "dim")),
                         id="compare-title")
            yield Input(placeholder="t: how each outlet words a term (enter)", id="term")
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=False)
        yield LoadingIndicator(id="compare-loading")
        with VerticalScroll(id="finding-pane"):
            yield Static(id="evidence")
        yield Footer()

    def on_mount(self) -> None:
        self._build()
        table = self.query_one("#matrix", DataTable)
        table.move_cursor(row=0, column=1)
        table.focus()
        self.analyse(self.terms)

    # -- the table -------------------------------------------------------------------------------
    def _widths(self) -> tuple[int, int]:
        width = self.app.size.width
        label = LABEL_WIDTH if width >= 120 else NARROW_LABEL
        spare = width - label - 2 - 2 * (len(self.articles) + 1)  # the scrollbar; cell padding
        return label, max(MIN_COLUMN, spare // max(1, len(self.articles)))

    def _build(self) -> None:
        """(Re)fill the table from the view (or the articles alone, before the analysis is in),
        keeping the cursor on the same cell where it still exists."""
        table = self.query_one("#matrix", DataTable)
        keep = self._cursor_keys() if table.row_count else None
        table.clear(columns=True)
        self.rows = {}
        label_width, column_width = self._widths()
        self._built_width = self.app.size.width
        self.column_width = column_width
        table.fixed_columns = 1
        table.header_height = 2
        table.add_column("", key="label", width=label_width)
        for a in self.articles:
            table.add_column(Text(_clip(self.labels[a.id], 2 * column_width - 2), style="bold"), key=a.id,
                             width=column_width)
        heads = {a.id: Cell(a.title) for a in self.articles}
        self._add_row(Row("headline", "Headline", heads, "Each outlet's own headline."))
        view = self.view
        ledes = {c.id: Cell(c.lede) for c in view.columns} if self.analysed else {
            a.id: Cell(" ".join(a.body.split()[:40]) + "…") for a in self.articles}
        self._add_row(Row("lede", "Lede", ledes, "The first sentences of each story."))
        if self.analysed:
            for section in view.sections:
                rows = section.rows
                title = section.title
                if section.key == "claims":
                    rows = tuple(r for r in rows if self.claim_filter == "all" or self.claim_filter in r.tags)
                    title = f"Claims · {FILTERS[self.claim_filter]} ({len(rows)})"
                self._add_header(f"s-{section.key}", title, section.note)
                for row in rows:
                    self._add_row(row)
            self._add_header("s-notes", "How this was computed", "")
            for k, note in enumerate(view.notes):
                self._add_row(Row(f"note:{k}", _clip(note, label_width - 1), {}, note))
        target = self._go_to or (keep[0] if keep else None)
        self._go_to = None
        if target and target in self.rows:
            column = keep[1] if keep and keep[1] in self.by_id else None
            self._move_to(target, column)

    def _add_row(self, row: Row) -> None:
        table = self.query_one("#matrix", DataTable)
        lines = 1 if row.key.startswith(("actor:", "distinctive:", "note:", "scare:")) else CELL_LINES
        label = _claim_label(row, len(self.articles)) if row.key.startswith("claim:") else row.label
        values: list[Text] = [Text(label, style="bold" if row.key in ("headline", "lede") else "")]
        for a in self.articles:
            cell = row.cells.get(a.id)
            values.append(_cell_text(cell, self.column_width * lines))
        self.rows[row.key] = row
        height = None if lines > 1 else 1
        table.add_row(*values, key=row.key, height=height)

    def _add_header(self, key: str, title: str, note: str) -> None:
        table = self.query_one("#matrix", DataTable)
        self.rows[key] = _Header(title, note)
        table.add_row(Text(title, style="bold underline"), *[Text("") for _ in self.articles], key=key)

    def _cursor_keys(self) -> tuple[str, str] | None:
        table = self.query_one("#matrix", DataTable)
        if not table.row_count:
            return None
        keys = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(keys.row_key.value), str(keys.column_key.value)

    def _move_to(self, row_key: str, column: str | None = None) -> None:
        table = self.query_one("#matrix", DataTable)
        row = table.get_row_index(row_key)
        col = [str(c.value) for c in table.columns].index(column) if column else max(1, table.cursor_column)
        table.move_cursor(row=row, column=col, scroll=True)
        table.scroll_to(y=max(0, table.cursor_coordinate.row - 1), animate=False)

    def on_resize(self, _event: Resize) -> None:
        if self.app.size.width != self._built_width and self.is_mounted:
            self._build()

    # -- the analysis ------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def analyse(self, terms: tuple[str, ...]) -> None:
        from sco_tui.analysis.comparison import cached_compare
        from sco_tui.view.comparison import build_view

        comparison = cached_compare(self.articles, terms)
        view = build_view(comparison, self.articles, self.story_label)
        self.app.call_from_thread(self.fill, comparison, view)

    def fill(self, comparison, view: ComparisonView) -> None:
        self.comparison = comparison
        self.view = view
        self.analysed = True
        self.query_one("#compare-loading").display = False
        asked = self._go_to[len("term:"):] if self._go_to and self._go_to.startswith("term:") else None
        if asked is not None and any(t.term == asked and not t.uses for t in comparison.terms):
            self.notify(f"“{asked}” is in none of the {len(self.articles)} articles, in any form", timeout=6)
        self._build()
        self._show_finding()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed analysis ends in a notice and a message, never a spinner that runs forever."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.query_one("#compare-loading").display = False
            self.query_one("#evidence", Static).update(
                Text(f"The comparison failed: {type(error).__name__}: {error}", style="bold"))
            self.notify(f"The comparison failed: {type(error).__name__}: {error}", severity="error", timeout=10)

    # -- the finding under the cursor ------------------------------------------------------------
    @on(DataTable.CellHighlighted, "#matrix")
    def _show_finding(self, _event: DataTable.CellHighlighted | None = None) -> None:
        keys = self._cursor_keys()
        panel = self.query_one("#evidence", Static)
        if keys is None:
            return
        row = self.rows.get(keys[0])
        focus = keys[1] if keys[1] in self.by_id else None
        if isinstance(row, _Header):
            panel.update(Text.assemble((row.title, "bold"), "\n", (row.note or "", "dim")))
        elif row is not None:
            panel.update(render_finding(self.view, row, focus, self.size.width - 4))
        self.query_one("#finding-pane").scroll_home(animate=False)

    @on(DataTable.CellSelected, "#matrix")
    def _selected(self, _event: DataTable.CellSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Read the sentence behind the finding under the cursor, in its article."""
        from sco_tui.tui.screens.read import ReadScreen

        keys = self._cursor_keys()
        if keys is None:
            return
        row = self.rows.get(keys[0])
        if not isinstance(row, Row):
            return
        aid = keys[1] if keys[1] in self.by_id else next(iter(row.carriers()), None)
        cell = row.cells.get(aid) if aid else None
        if cell is None or cell.state == "leaves-out":
            carriers = row.carriers()
            if not carriers:
                self.notify("Nothing to read here: move onto an outlet's cell", timeout=3)
                return
            aid = carriers[0]
            cell = row.cells[aid]
            self.notify(f"This outlet does not carry it: reading {self.labels[aid]}", timeout=3)
        evidence = tuple(e for e in cell.evidence if e.article == aid)
        self.app.push_screen(ReadScreen(self.by_id[aid], evidence, self.labels[aid]))

    # -- actions ---------------------------------------------------------------------------------
    def action_back(self) -> None:
        term = self.query_one("#term", Input)
        if term.has_focus:
            self.query_one("#matrix", DataTable).focus()
        else:
            self.app.pop_screen()

    def action_focus_term(self) -> None:
        self.query_one("#term", Input).focus()

    @on(Input.Submitted, "#term")
    def _term(self, event: Input.Submitted) -> None:
        term = event.value.strip()
        self.query_one("#matrix", DataTable).focus()
        if term:
            self.terms = (term, *(t for t in self.terms if t != term))
            self.query_one("#compare-loading").display = True
            self._go_to = f"term:{term}"
            self.analyse(self.terms)

    def action_claims(self, which: str) -> None:
        self.claim_filter = which
        if not self.analysed:
            self.notify("The comparison is still being computed", timeout=3)
            return
        self._go_to = "s-claims"
        self._build()
        self._show_finding()

    def action_export(self) -> None:
        from sco_tui.tui.export import export

        if not self.analysed:
            self.notify("The comparison is still being computed", timeout=3)
            return
        export(self.app, self.view)


def _claim_label(row: Row, total: int) -> str:
    """A claim's row label: how many outlets carry it and what sets it apart (its text is in the cells)."""
    tags = [t for t in ("contested", "unique", "omitted") if t in row.tags]
    words = {"contested": "⚠ values differ", "unique": "only one outlet", "omitted": "some leave it out"}
    return f"{len(row.carriers())} of {total} outlets" + "".join(f"\n{words[t]}" for t in tags)


def _cell_text(cell: Cell | None, most: int) -> Text:
    if cell is None:
        return Text("—", style="dim")
    if cell.state == "leaves-out":
        return Text("○ leaves it out", style="dim italic")
    text = _clip(cell.text, most)
    if cell.state == "odd":
        return Text(f"{text} ⚠", style="bold")
    return Text(text)
