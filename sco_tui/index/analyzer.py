"""The Whoosh analyzer of the title and body fields, for the index and for queries alike: the words
of ``index.analysis`` (accents folded, US / U.S. / WHO kept, stop words dropped), stemmed."""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import CompositeAnalyzer, StemFilter, Token, Tokenizer

from sco_tui.index.analysis import fold, words


class NewsTokenizer(Tokenizer):
    """Whoosh tokens of ``analysis.words``: folded, stop words and initialisms as above, positions renumbered."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:  # a range's ends: the value whole
            t.original = value
            t.text = fold(value)
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        for pos, start, end, form in words(value):
            t.text = form
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


def analyzer() -> CompositeAnalyzer:
    """The analyzer of the title and body fields (index and queries): ``words`` then Snowball English."""
    return NewsTokenizer() | StemFilter(lang="en")
