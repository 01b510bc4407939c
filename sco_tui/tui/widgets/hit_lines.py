"""Hits and the hit summary drawn as ready-made lines: a Textual Visual that wraps plain strings
once per width, by itself, and makes segments only for the lines that are drawn.

Drawing the hits used to cost more than finding them: an option list measured the height of every
option (20 hits, each a Rich group of three wrapped texts) and rendered the visible ones again
through Rich. Here a part is a plain string with styled spans; its height comes from a greedy word
wrap (tens of microseconds), and a drawn line is cut straight into segments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from rich.cells import cell_len, get_character_cell_size
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
PLAIN = RichStyle()
INDENT = 2  # snippets sit under the headline, indented
ELLIPSIS = "…"
_WORD = re.compile(r"\S+\s*")
_SPACE = re.compile(r"\s")

Span = tuple[int, int, RichStyle]


def _narrow(plain: str) -> bool:
    """Every character one cell wide (then lengths are widths)."""
    return plain.isascii() or cell_len(plain) == len(plain)


def wrap_offsets(plain: str, width: int) -> list[int]:
    """Where a greedy word wrap of ``plain`` (one line, no newlines) at ``width`` cells starts each
    line after the first. A word longer than a line is cut where the line ends."""
    if width < 1:
        return []
    measure = len if _narrow(plain) else cell_len
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


def _cut(plain: str, width: int) -> str:
    """``plain`` cut to ``width`` cells, an ellipsis where it was cut."""
    if (len(plain) if _narrow(plain) else cell_len(plain)) <= width:
        return plain
    out, x = [], 0
    for ch in plain:
        c = get_character_cell_size(ch)
        if x + c > width - 1:
            break
        out.append(ch)
        x += c
    return "".join(out) + ELLIPSIS


@dataclass(slots=True)
class Part:
    """A plain string (one line, no newlines) with styled spans (sorted, apart), drawn under
    ``indent`` spaces: wrapped by word, or cut to the width with an ellipsis."""

    plain: str
    spans: tuple[Span, ...] = ()
    style: RichStyle = PLAIN
    indent: int = 0
    wrap: bool = True

    @classmethod
    def of(cls, text: Text, indent: int = 0, wrap: bool = True) -> Part:
        """A Rich text (its style and spans) as a part; newlines become spaces."""
        def style(s: str | RichStyle) -> RichStyle:
            return RichStyle.parse(s) if isinstance(s, str) else s

        spans = sorted((s.start, s.end, style(s.style)) for s in text.spans if s.end > s.start)
        kept: list[Span] = []
        for start, end, st in spans:  # overlapping spans: the later one starts where the earlier ended
            start = max(start, kept[-1][1]) if kept else start
            if end > start:
                kept.append((start, end, st))
        return cls(_SPACE.sub(" ", text.plain), tuple(kept), style(text.style) if text.style else PLAIN, indent, wrap)

    def segments(self, start: int, end: int) -> list[Segment]:
        """Segments for ``plain[start:end]``: the part's style, a span's style on top."""
        out: list[Segment] = []
        at = start
        base = self.style
        for s, e, st in self.spans:
            if e <= start or s >= end:
                continue
            s, e = max(s, start), min(e, end)
            if s > at:
                out.append(Segment(self.plain[at:s], base))
            out.append(Segment(self.plain[s:e], base + st))
            at = e
        if at < end:
            out.append(Segment(self.plain[at:end], base))
        return out


class TextLines(Visual):
    """Parts drawn one under another, then ``gap`` blank lines. Line breaks are kept per width;
    segments are made only for what is drawn."""

    def __init__(self, parts: Iterable[Part], gap: int = 0) -> None:
        self._parts = list(parts)
        self._gap = gap
        self._cuts: dict[int, list[list[int]]] = {}
        self._lines: dict[int, list[tuple[list[Segment], int]]] = {}

    def same_as(self, other: TextLines | None) -> bool:
        """Whether ``other`` draws exactly the same lines (then a widget showing it need not redraw)."""
        return other is not None and self._gap == other._gap and self._parts == other._parts

    @classmethod
    def of(cls, *texts: Text) -> TextLines:
        """``texts``, each line of each wrapped by word."""
        return cls(Part.of(line) for text in texts for line in text.split("\n", allow_blank=True))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The same parts through Rich (for exports and tests; the screen uses ``render_strips``)."""
        for part in self._parts:
            line = Text(" " * part.indent + part.plain, style=part.style, no_wrap=not part.wrap,
                        overflow="fold" if part.wrap else "ellipsis")
            for s, e, st in part.spans:
                line.stylize(st, s + part.indent, e + part.indent)
            yield line
        for _ in range(self._gap):
            yield Text("")

    def _breaks(self, width: int) -> list[list[int]]:
        if (cuts := self._cuts.get(width)) is None:
            cuts = self._cuts[width] = [wrap_offsets(p.plain, width - p.indent) if p.wrap else []
                                        for p in self._parts]
        return cuts

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap | None, width: int) -> int:
        return sum(len(c) + 1 for c in self._breaks(width)) + self._gap

    def lines(self, width: int) -> list[tuple[list[Segment], int]]:
        """Each line as (segments, cells), at ``width``."""
        if (lines := self._lines.get(width)) is None:
            lines = []
            for part, cuts in zip(self._parts, self._breaks(width), strict=True):
                pad = [Segment(" " * part.indent)] if part.indent else []
                if not part.wrap:
                    shown = _cut(part.plain, max(width - part.indent, 1))
                    if shown is not part.plain:  # cut: the ellipsis takes the style of the last character
                        cut = Part(shown, part.spans, part.style, part.indent, False)
                        segments = cut.segments(0, len(shown))
                    else:
                        segments = part.segments(0, len(shown))
                    lines.append(([*pad, *segments], part.indent + cell_len(shown)))
                    continue
                bounds = [0, *cuts, len(part.plain)]
                for start, end in pairwise(bounds):
                    while end > start and part.plain[end - 1] == " ":
                        end -= 1
                    text = part.plain[start:end]
                    cells = len(text) if _narrow(text) else cell_len(text)
                    lines.append(([*pad, *part.segments(start, end)], part.indent + cells))
            lines.extend(([], 0) for _ in range(self._gap))
            self._lines[width] = lines
        return lines

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        base = style.rich_style
        strips = [Strip(Segment.apply_style(segments, base), cells) for segments, cells in self.lines(width)]
        return strips if height is None else strips[:height]


def snippet_part(snippet: Snippet) -> Part:
    """A snippet under the headline, its matches in reverse video."""
    spans = sorted((s, e, MATCH_STYLE) for s, e in snippet.highlights if e > s)
    kept: list[Span] = []
    for s, e, st in spans:
        s = max(s, kept[-1][1]) if kept else s
        if e > s:
            kept.append((s, e, st))
    return Part(_SPACE.sub(" ", snippet.text), tuple(kept), SNIPPET_STYLE, INDENT)


def hit_visual(hit: Hit) -> TextLines:
    """A hit: outlet · headline · score, then its first two snippets, then a blank line."""
    outlet = _SPACE.sub(" ", hit.outlet)
    head = f"{outlet} · {_SPACE.sub(' ', hit.title)[:200]}  {hit.score:.1f}"
    score = len(head) - len(f"{hit.score:.1f}")
    spans = ((0, len(outlet), BOLD), (score, len(head), DIM))
    return TextLines([Part(head, spans), *(snippet_part(s) for s in hit.snippets[:2])], gap=1)
