"""Search hits: a bar per outlet, 'did you mean', and each hit with its highlighted snippets."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sco_tui.index.api import SearchResult
from sco_tui.tui.widgets.hit_lines import BOLD, DIM, Part, TextLines, hit_visual
from sco_tui.view.hints import search_hint

BAR_WIDTH = 10
MORE = "\x00more"  # the option after the last hit shown, when there are more


def outlet_bars(by_outlet: dict[str, int], most: int = 8) -> list[Text]:
    """One line per outlet: a bar as long as its share of the hits, the count, the name."""
    top = max(by_outlet.values(), default=1)
    items = list(by_outlet.items())
    lines = []
    for outlet, n in items[:most]:
        width = max(1, round(BAR_WIDTH * n / top))
        lines.append(Text.assemble(("█" * width, BOLD), " " * (BAR_WIDTH - width + 1), (f"{n:>4} ", BOLD), outlet))
    if len(items) > most:
        rest = sum(n for _, n in items[most:])
        lines.append(Text(f"{'':>{BAR_WIDTH + 1}}{rest:>4} in {len(items) - most} more outlets", style=DIM))
    return lines


class HitOptions(OptionList):
    """The hits, one option each. Its scrollbar is always there (see app.tcss) and a new number of
    lines does not lay out the screen: the list updates its own scrollbar (a layout redrew every pane)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="hits.down", tooltip="Next hit"),
        Binding("k", "cursor_up", "Up", show=False, id="hits.up", tooltip="Previous hit"),
    ]


class HitList(Vertical):
    """The hits pane. ``enter`` on a hit opens it in the reader."""

    @dataclass
    class Opened(Message):
        article_id: str

    class MoreWanted(Message):
        """The user asked for the hits past those shown."""

    _summary_lines = -1  # how many lines the summary takes now (-1: not known)

    def compose(self) -> ComposeResult:
        yield Static(id="hit-summary")
        yield HitOptions(id="hits")

    def _summarise(self, *texts: Text, parts: list[Part] | None = None) -> None:
        """Show ``texts`` (wrapped) or ``parts`` above the hits; the screen is laid out again only when
        the summary's height changes (a layout repaints every pane)."""
        content = TextLines(parts) if parts is not None else TextLines.of(*texts)
        summary = self.query_one("#hit-summary", Static)
        width = summary.content_region.width
        lines = content.get_height(None, width) if width > 0 else -1
        summary.update(content, layout=lines < 0 or lines != self._summary_lines)
        self._summary_lines = lines

    def on_mount(self) -> None:
        self.show_message(search_hint(getattr(self.app, "paths", ())))

    def show_message(self, message: str, style: str = "dim") -> None:
        self._summarise(Text(message, style=style))
        self.query_one(HitOptions).clear_options()

    def show_error(self, query: str, error: str) -> None:
        self._summarise(Text.assemble(("Can't search that yet: ", "bold"), error, "\n", (f"query: {query}", "dim")))

    def show_result(self, result: SearchResult) -> None:
        options = self.query_one(HitOptions)
        previous = options.highlighted_option.id if options.highlighted_option else None
        if result.total == 0:
            message = Text.assemble(("No hits for ", "bold"), (result.query, "bold"), ".")
            if result.suggestion:
                message.append_text(Text.assemble(" Did you mean ", (result.suggestion, "bold underline"), "?"))
            else:
                message.append(" Try fewer words, a prefix (summ*) or a fuzzy term (a word~).", style="dim")
            self._summarise(message)
            options.clear_options()
            return
        head = Text.assemble((f"{result.total} hit{'s' if result.total != 1 else ''}", BOLD),
                             f" in {len(result.by_outlet)} outlet{'s' if len(result.by_outlet) != 1 else ''}")
        if len(result.hits) < result.total:
            head.append(f" · top {len(result.hits)} shown (more at the end of the list)", style=DIM)
        parts = [Part.of(head), *(Part.of(bar, wrap=False) for bar in outlet_bars(result.by_outlet))]
        if result.suggestion:
            parts.append(Part.of(Text.assemble("Did you mean ", (result.suggestion, "bold underline"), "?")))
        self._summarise(parts=parts)
        new = [Option(hit_visual(hit), id=hit.id) for hit in result.hits]
        if (rest := result.total - len(result.hits)) > 0:
            new.append(Option(Text(f"… {rest} more hit{'s' if rest != 1 else ''}: enter shows the next "
                                   f"{min(rest, 20)}", style="bold"), id=MORE))
        options.set_options(new)  # at once: a clear first would lay the screen out twice
        ids = [hit.id for hit in result.hits]
        options.highlighted = ids.index(previous) if previous in ids else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE:
            self.post_message(self.MoreWanted())
        elif event.option.id:
            self.post_message(self.Opened(event.option.id))
