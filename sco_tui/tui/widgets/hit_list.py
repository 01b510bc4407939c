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
from sco_tui.view.plural import counted

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
        others = counted(len(items) - most, "more outlet")
        lines.append(Text(f"{'':>{BAR_WIDTH + 1}}{rest:>4} in {others}", style=DIM))
    return lines



def summary_parts(total: int, shown: int, by_outlet: dict[str, int], suggestion: str | None) -> list[Part]:
    """The lines above the hits: how many in how many outlets, a bar per outlet, 'did you mean'."""
    head = Text.assemble((f"{total} hit{'s' if total != 1 else ''}", BOLD),
                         f" in {len(by_outlet)} outlet{'s' if len(by_outlet) != 1 else ''}")
    if shown < total:
        head.append(f" · top {shown} shown (more at the end of the list)", style=DIM)
    parts = [Part.of(head), *(Part.of(bar, wrap=False) for bar in outlet_bars(by_outlet))]
    if suggestion:
        parts.append(Part.of(Text.assemble("Did you mean ", (suggestion, "bold underline"), "?")))
    return parts

class HitOptions(OptionList):
    """The hits, one option each. Its scrollbar is always there (see app.tcss) and a new number of
    lines does not lay out the screen: the list updates its own scrollbar (a layout redrew every pane)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="hits.down", tooltip="Next hit"),
        Binding("k", "cursor_up", "Up", show=False, id="hits.up", tooltip="Previous hit"),
    ]


class HitList(Vertical):
    """The hits pane. ``enter`` on a hit opens it in the reader.

    The summary above the hits keeps one height (``hold``): the tallest the articles searched can
    give at this width, within half the pane. A summary that changed height laid out and repainted
    the whole screen, on the very keystrokes that were slowest already (the first with hits), and
    made the hits jump up and down while typing."""

    @dataclass
    class Opened(Message):
        article_id: str

    class MoreWanted(Message):
        """The user asked for the hits past those shown."""

    _summary_lines = -1  # how many lines the summary takes now (-1: not known)
    _held = 0  # lines the summary keeps (0: its own height)
    _hold_key: tuple[int, int, int, int] | None = None
    _keep: str | None = None  # the hit to highlight again once the rest of a first page comes
    _summary_shown: TextLines | None = None  # what the summary draws now
    _options_shown: tuple | None = None  # (hit id, its lines) for each option the list has now

    def compose(self) -> ComposeResult:
        yield Static(id="hit-summary")
        yield HitOptions(id="hits")

    def hold(self, articles: int, outlets: int, limit: int) -> None:
        """Keep the summary as tall as the tallest that ``articles`` in ``outlets`` (the top
        ``limit`` shown) can give, within half the pane; a taller one (a 'did you mean') grows it."""
        summary = self.query("#hit-summary").first(Static) if self.children else None
        if summary is None:
            return  # the pane is being taken down (the app is closing)
        width, height = summary.content_region.width, self.content_region.height
        key = (articles, outlets, width, height)
        if width <= 0 or key == self._hold_key:
            return
        self._hold_key = key
        tallest = summary_parts(articles, min(limit, articles), {f"outlet {i}": 1 for i in range(outlets)}, None)
        most = max(height // 2 - summary.styles.gutter.height, 1)
        self._held = min(TextLines(tallest).get_height(None, width), most)

    def _summarise(self, *texts: Text, parts: list[Part] | None = None) -> None:
        """Show ``texts`` (wrapped) or ``parts`` (a result's) above the hits, padded to the held
        height; the screen is laid out again only when the summary's height changes (a layout
        repaints every pane). A result taller than held is held from then on; a taller message
        (a long error on a narrow pane) is not, as it goes with the next keystroke."""
        shown = parts if parts is not None else [Part.of(line) for text in texts
                                                 for line in text.split("\n", allow_blank=True)]
        summary = self.query_one("#hit-summary", Static)
        width = summary.content_region.width
        lines = TextLines(shown).get_height(None, width) if width > 0 else -1
        if 0 <= lines < self._held:
            shown = [*shown, *(Part("") for _ in range(self._held - lines))]
            lines = self._held
        elif lines > self._held and self._held and parts is not None:
            self._held = lines
        visual = TextLines(shown)
        if lines == self._summary_lines and visual.same_as(self._summary_shown):
            return  # the same lines (typing on within a word often finds the same): nothing to draw
        summary.update(visual, layout=lines < 0 or lines != self._summary_lines)
        self._summary_shown, self._summary_lines = visual, lines

    def on_mount(self) -> None:
        self.show_message(search_hint(getattr(self.app, "paths", ())))

    def show_message(self, message: str, style: str = "dim") -> None:
        self._summarise(Text(message, style=style))
        self._clear_options()

    def _clear_options(self) -> None:
        self.query_one(HitOptions).clear_options()
        self._options_shown = None

    def show_error(self, query: str, error: str) -> None:
        self._summarise(Text.assemble(("Can't search that yet: ", "bold"), error, "\n", (f"query: {query}", "dim")))

    def show_result(self, result: SearchResult, limit: int | None = None) -> None:
        """The hits of ``result``, which asked for ``limit`` (fewer: the first page, the rest to come)."""
        options = self.query_one(HitOptions)
        page = min(limit, result.total) if limit is not None else len(result.hits)
        previous = self._keep or (options.highlighted_option.id if options.highlighted_option else None)
        if result.total == 0:
            message = Text.assemble(("No hits for ", "bold"), (result.query, "bold"), ".")
            if result.suggestion:
                message.append_text(Text.assemble(" Did you mean ", (result.suggestion, "bold underline"), "?"))
            else:
                message.append(" Try fewer words, a prefix (summ*) or a fuzzy term (a word~).", style="dim")
            self._summarise(message)
            self._clear_options()
            return
        parts = summary_parts(result.total, max(page, len(result.hits)), result.by_outlet, result.suggestion)
        self._summarise(parts=parts)
        visuals = [(hit.id, hit_visual(hit)) for hit in result.hits]
        more = None
        if len(result.hits) >= page and (rest := result.total - len(result.hits)) > 0:
            more = Text(f"… {rest} more hit{'s' if rest != 1 else ''}: enter shows the next {min(rest, 20)}",
                        style="bold")
        ids = [hit.id for hit in result.hits]
        if not self._same_options(visuals, more):  # the same hits drawn the same (often, typing on): kept as drawn
            new = [Option(visual, id=hit_id) for hit_id, visual in visuals]
            if more is not None:
                new.append(Option(more, id=MORE))
            options.set_options(new)  # at once: a clear first would lay the screen out twice
            self._options_shown = (tuple(visuals), more)
        highlighted = ids.index(previous) if previous in ids else 0
        if options.highlighted != highlighted:
            options.highlighted = highlighted
        # a highlighted hit past the first page: highlighted again when the rest comes
        self._keep = previous if previous not in ids and len(ids) < page else None

    def _same_options(self, visuals: list[tuple[str, TextLines]], more: Text | None) -> bool:
        shown = self._options_shown
        if shown is None or len(shown[0]) != len(visuals) or shown[1] != more:
            return False
        return all(a_id == b_id and b.same_as(a) for (a_id, a), (b_id, b) in zip(shown[0], visuals, strict=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE:
            self.post_message(self.MoreWanted())
        elif event.option.id:
            self.post_message(self.Opened(event.option.id))
