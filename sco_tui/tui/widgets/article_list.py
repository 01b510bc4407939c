"""The article list: outlet, headline, date, words; sortable; space marks articles to compare."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from sco_tui.corpus.model import Article

SORTS = ("outlet", "title", "date", "words")
MARK = "●"
MARKS = {True: Text(MARK, style="bold"), False: Text(" ", style="bold")}  # shared by every row


class _Cell:
    """An article's cell, drawn only when its row is on screen: 37.5k rows of ready-made Rich text
    held ~100 MB; this holds the article and the width."""

    __slots__ = ("article", "width")

    def __init__(self, article: Article, width: int) -> None:
        self.article, self.width = article, width

    def __rich__(self) -> Text:
        return ArticleList._cell(self.article, self.width)


class ArticleList(DataTable):
    """A table of articles. ``enter`` opens one; ``space`` marks it; ``s`` changes the sort."""

    BINDINGS = [
        Binding("space", "toggle_mark", "Mark", id="articles.mark",
                tooltip="Mark or unmark this article for comparison"),
        Binding("s", "cycle_sort", "Sort", id="articles.sort",
                tooltip="Sort by outlet, headline, date or length in turn"),
        Binding("j", "cursor_down", "Down", show=False, id="articles.down", tooltip="Next article"),
        Binding("k", "cursor_up", "Up", show=False, id="articles.up", tooltip="Previous article"),
    ]

    @dataclass
    class Opened(Message):
        article_id: str

    @dataclass
    class MarksChanged(Message):
        marked: frozenset[str]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.articles: list[Article] = []
        self.marked: set[str] = set()
        self.sort_by = "outlet"
        self.reverse = False
        self._open_when_listed = False  # enter came before the first rows: open the first once they come

    def on_resize(self) -> None:
        if self.articles:
            self.show(self.articles)

    def show(self, articles: list[Article]) -> None:
        """Replace the rows, keeping the cursor on the same article where it is still listed.

        Each row is two lines, the headline over outlet · date · length, so that headlines stay
        readable in a third of the screen."""
        current = self.current_id()
        self.articles = list(articles)
        self.clear(columns=True)
        width = max(self.size.width - 6, 20)  # mark column, padding, scrollbar
        self.add_column(" ", key="mark", width=1)
        self.add_column(f"Article (by {self.sort_by}{', descending' if self.reverse else ''})", key="article",
                        width=width)
        for a in self._sorted(self.articles):
            self.add_row(self._mark(a.id), _Cell(a, width), key=a.id, height=2)
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current))
        if self._open_when_listed and self.row_count:
            self._open_when_listed = False
            if self.has_focus:
                self.post_message(self.Opened(self.current_id()))

    def action_select_cursor(self) -> None:
        if not self.row_count:  # before the first rows (a first launch reads the inputs): once they come
            self._open_when_listed = True
            return
        super().action_select_cursor()

    def on_blur(self) -> None:
        self._open_when_listed = False  # the user went elsewhere meanwhile: the enter was not for the rows

    @staticmethod
    def _cell(a: Article, width: int) -> Text:
        title = Text(a.title, style="bold", no_wrap=True, overflow="ellipsis")
        title.truncate(width, overflow="ellipsis")
        meta = Text(f"{a.outlet_name} · {a.date.value or 'no date'} · {a.words} words", style="dim")
        meta.truncate(width, overflow="ellipsis")
        return Text("\n").join([title, meta])

    def _sorted(self, articles: list[Article]) -> list[Article]:
        keys = {
            "outlet": lambda a: (a.outlet.value is None, a.outlet_name.lower(), a.title.lower()),
            "title": lambda a: a.title.lower(),
            "date": lambda a: (a.date.value or "", a.title.lower()),
            "words": lambda a: a.words,
        }
        if self.sort_by == "date":  # undated articles last, whichever the direction
            dated = sorted((a for a in articles if a.date.value), key=keys["date"], reverse=self.reverse)
            return dated + sorted((a for a in articles if not a.date.value), key=lambda a: a.title.lower())
        return sorted(articles, key=keys[self.sort_by], reverse=self.reverse)

    def _mark(self, article_id: str) -> Text:
        return MARKS[article_id in self.marked]


    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def action_toggle_mark(self) -> None:
        article_id = self.current_id()
        if article_id is None:
            return
        self.marked.symmetric_difference_update({article_id})
        self.update_cell(article_id, "mark", self._mark(article_id))
        self.post_message(self.MarksChanged(frozenset(self.marked)))
        self.action_cursor_down()

    def action_cycle_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self.reverse = self.sort_by in ("date", "words")
        self.show(self.articles)

    def sort_on(self, column: str) -> None:
        if column in SORTS:
            self.reverse = not self.reverse if self.sort_by == column else column in ("date", "words")
            self.sort_by = column
            self.show(self.articles)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.action_cycle_sort()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Opened(str(event.row_key.value)))
