"""Search hits: a bar per outlet, 'did you mean', and each hit with its highlighted snippets."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sco_tui.index.api import Hit, SearchResult, Snippet

BAR_WIDTH = 10
MATCH_STYLE = "bold reverse"
MORE = "\x00more"  # the option after the last hit shown, when there are more


def snippet_text(snippet: Snippet) -> Text:
    text = Text(snippet.text, style="dim")
    for s, e in snippet.highlights:
        text.stylize(MATCH_STYLE, s, e)
    return text


def outlet_bars(by_outlet: dict[str, int], most: int = 8) -> Group:
    """One line per outlet: a bar as long as its share of the hits, the count, the name."""
    top = max(by_outlet.values(), default=1)
    items = list(by_outlet.items())
    lines = []
    for outlet, n in items[:most]:
        width = max(1, round(BAR_WIDTH * n / top))
        lines.append(Text.assemble(("█" * width, "bold"), " " * (BAR_WIDTH - width + 1), (f"{n:>4} ", "bold"),
                                   outlet, no_wrap=True, overflow="ellipsis"))
    if len(items) > most:
        rest = sum(n for _, n in items[most:])
        lines.append(Text(f"{'':>{BAR_WIDTH + 1}}{rest:>4} in {len(items) - most} more outlets", style="dim",
                          no_wrap=True, overflow="ellipsis"))
    return Group(*lines)


class HitOptions(OptionList):
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

    def _summarise(self, content: RenderableType) -> None:
        """Show ``content`` above the hits; the screen is laid out again only when its height changes
        (a layout repaints every pane: most of a keystroke's drawing time)."""
        summary = self.query_one("#hit-summary", Static)
        width = summary.content_region.width
        lines = -1
        if width > 0:
            console = self.app.console
            lines = len(console.render_lines(content, console.options.update_width(width), pad=False))
        summary.update(content, layout=lines < 0 or lines != self._summary_lines)
        self._summary_lines = lines

    def on_mount(self) -> None:
        self.show_message("Type to search. Try Belarus, \"special military operation\", outlet:press or Erdogn~.")

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
                message.append(" Try fewer words, a prefix (summ*) or a fuzzy term (Erdogn~).", style="dim")
            self._summarise(message)
            options.clear_options()
            return
        head = Text.assemble((f"{result.total} hit{'s' if result.total != 1 else ''}", "bold"),
                             f" in {len(result.by_outlet)} outlet{'s' if len(result.by_outlet) != 1 else ''}")
        if len(result.hits) < result.total:
            head.append(f" · top {len(result.hits)} shown (more at the end of the list)", style="dim")
        parts = [head, outlet_bars(result.by_outlet)]
        if result.suggestion:
            parts.append(Text.assemble("Did you mean ", (result.suggestion, "bold underline"), "?"))
        self._summarise(Group(*parts))
        options.clear_options()
        options.add_options([Option(self._prompt(hit), id=hit.id) for hit in result.hits])
        if (rest := result.total - len(result.hits)) > 0:
            options.add_option(Option(Text(f"… {rest} more hit{'s' if rest != 1 else ''}: enter shows the next "
                                           f"{min(rest, 20)}", style="bold"), id=MORE))
        ids = [hit.id for hit in result.hits]
        options.highlighted = ids.index(previous) if previous in ids else 0

    @staticmethod
    def _prompt(hit: Hit) -> Group:
        head = Text.assemble((hit.outlet, "bold"), " · ", hit.title, (f"  {hit.score:.1f}", "dim"))
        head.truncate(200)
        return Group(head, *(Text("  ").append_text(snippet_text(s)) for s in hit.snippets[:2]), Text(""))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE:
            self.post_message(self.MoreWanted())
        elif event.option.id:
            self.post_message(self.Opened(event.option.id))
