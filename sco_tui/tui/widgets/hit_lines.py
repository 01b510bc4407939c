"""A hit drawn as ready-made lines: a Textual Visual that wraps its text once per width, by itself.

Drawing the hits used to cost more than finding them: an option list measures the height of every
option it holds (20 hits, each a Rich group of three wrapped texts) and renders the visible ones
again through Rich. This visual wraps with a plain greedy word wrap (a few microseconds a text),
keeps the line breaks per width, and turns into segments only the hits that are drawn.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from sco_tui.index.api import Hit, Snippet

MATCH_STYLE = RichStyle.parse("bold reverse")
SNIPPET_STYLE = RichStyle.parse("dim")
BOLD = RichStyle(bold=True)
DIM = RichStyle(dim=True)
INDENT = 2  # snippets sit under the headline, indented
_WORD = re.compile(r"\S+\s*")
_SPACE = re.compile(r"\s")


def snippet_text(snippet: Snippet) -> Text:
    """The snippet on one line (newlines become spaces), its matches in reverse video."""
    text = Text(_SPACE.sub(" ", snippet.text), style=SNIPPET_STYLE)
    for s, e in snippet.highlights:
        text.stylize(MATCH_STYLE, s, e)
    return text


def wrap_offsets(plain: str, width: int) -> list[int]:
    """Where a greedy word wrap of ``plain`` (one line, no newlines) at ``width`` cells starts each
    line after the first. A word longer than a line is cut where the line ends."""
    if width < 1:
        return []
    measure = len if plain.isascii() or cell_len(plain) == len(plain) else cell_len
    cuts: list[int] = []
    x = len(plain) - len(plain.lstrip(" "))
    for match in _WORD.finditer(plain):
        start, word = match.start(), match.group()
        stem = word.rstrip()
        w = measure(stem)
        if x and x + w > width:
            cuts.append(start)
            x = 0
        if w > width:
            for i, ch in enumerate(stem, start):
                c = measure(ch)
                if x and x + c > width:
                    cuts.append(i)
                    x = 0
                x += c
            x += len(word) - len(stem)
        else:
            x += w + len(word) - len(stem)
    return cuts


class TextLines(Visual):
    """Texts drawn one under another, then ``gap`` blank lines. Each part is (text, indent, wrap):
    wrapped by word under its indent, or cut to the width with an ellipsis. Line breaks are kept per
    width; segments are made only for what is drawn."""

    def __init__(self, console: Console, parts: list[tuple[Text, int, bool]], gap: int = 0) -> None:
        self._console = console  # for the styles of the texts' spans
        self._parts = parts
        self._gap = gap
        self._cuts: dict[int, list[list[int]]] = {}
        self._lines: dict[int, list[tuple[list[Segment], int]]] = {}

    @classmethod
    def of(cls, console: Console, *texts: Text) -> TextLines:
        """``texts``, each line of each wrapped by word."""
        return cls(console, [(line, 0, True) for text in texts for line in text.split("\n", allow_blank=True)])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The same texts through Rich (for exports and tests; the screen uses ``render_strips``)."""
        for text, indent, wrap in self._parts:
            line = Text(" " * indent).append_text(text)
            if not wrap:
                line.no_wrap, line.overflow = True, "ellipsis"
            yield line
        for _ in range(self._gap):
            yield Text("")

    def _breaks(self, width: int) -> list[list[int]]:
        if (cuts := self._cuts.get(width)) is None:
            cuts = self._cuts[width] = [wrap_offsets(text.plain, width - indent) if wrap else []
                                        for text, indent, wrap in self._parts]
        return cuts

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap | None, width: int) -> int:
        return sum(len(c) + 1 for c in self._breaks(width)) + self._gap

    def lines(self, width: int) -> list[tuple[list[Segment], int]]:
        """Each line as (segments, cells), at ``width``."""
        if (lines := self._lines.get(width)) is None:
            lines = []
            for (text, indent, wrap), cuts in zip(self._parts, self._breaks(width), strict=True):
                pad = [Segment(" " * indent)] if indent else []
                if not wrap and text.cell_len > width - indent:
                    text = text.copy()
                    text.truncate(max(width - indent, 1), overflow="ellipsis")
                for line in text.divide(cuts) if cuts else [text]:
                    line.rstrip()
                    lines.append(([*pad, *line.render(self._console)], indent + line.cell_len))
            lines.extend(([], 0) for _ in range(self._gap))
            self._lines[width] = lines
        return lines

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        base = style.rich_style
        strips = [Strip(Segment.apply_style(segments, base), cells) for segments, cells in self.lines(width)]
        return strips if height is None else strips[:height]


def hit_visual(console: Console, hit: Hit) -> TextLines:
    """A hit: outlet · headline · score, then its first two snippets, then a blank line."""
    head = Text.assemble((hit.outlet, BOLD), " · ", _SPACE.sub(" ", hit.title), (f"  {hit.score:.1f}", DIM))
    head.truncate(200)
    return TextLines(console, [(head, 0, True), *((snippet_text(s), INDENT, True) for s in hit.snippets[:2])], gap=1)

