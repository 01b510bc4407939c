"""How the text of titles and bodies becomes the words the index holds, and how a query's words do.

One rule for every backend, on the index side and the query side alike:

- **Words**: runs of letters and digits (Whoosh's expression: ``3.14``, ``e.g`` stay whole), combining
  accents included (text in decomposed form, ``Erdog\u0306an``, is one word).
- **Dotted initialisms** (single letters each followed by a dot: ``U.S.``, ``U.K.``, ``a.m.``) are one
  word of their letters: ``U.S.`` is ``us``, the word ``US`` is.
- **Stop words** (Whoosh's English list, which has ``us``, ``who``, ``it``, ``am``) are dropped, with one
  exception: a stop word written in capitals of two or three letters (``US``, ``WHO``, ``IT``, ``AM``)
  among lower-case text is an abbreviation and is kept, as its lower-case form. The pronoun is never
  indexed, so ``us`` in the index only ever comes from ``US`` or ``U.S.``. Longer words in capitals
  (``MORE:``, ``JUST IN``) are labels or shouting, and a stop word in capitals next to another one in
  capitals (``WHAT IS IT``, a headline in capitals) stays a stop word.
- **Accents** are folded: lower case, Unicode NFKD, combining marks dropped, and the letters that do
  not decompose (``ł ø đ ß æ œ ı``) spelled as PostgreSQL's ``unaccent`` spells them: ``Erdoğan`` is
  ``erdogan``, ``Élysée`` is ``elysee``.
- Words of one letter are dropped; the rest are stemmed (Snowball English) by the caller.

Offsets always point at the original characters, so highlights mark the text as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import StemFilter, StopFilter, Token, Tokenizer

#: Combining marks of the Latin, Greek and Cyrillic scripts (what decomposed accented letters carry).
MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTER = rf"[^\W\d_][{MARKS}]*"
#: A dotted initialism (group ``ini``), else Whoosh's default word expression with combining marks.
TOKEN = re.compile(rf"(?P<ini>{_LETTER}(?:\.{_LETTER})+\.?)(?![\w{MARKS}])|[\w*{MARKS}]+(?:\.?[\w*{MARKS}]+)*")
MIN_CHARS = 2
ACRONYM_CHARS = (2, 3)  # a stop word in capitals this long is taken for an abbreviation
STOPS: frozenset[str] = StopFilter(lang="en").stops
#: Letters NFKD does not decompose, as PostgreSQL's unaccent writes them.
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss", "æ": "ae",
                               "œ": "oe", "þ": "th", "ð": "d", "ŧ": "t", "ĸ": "q", "ŉ": "n"})


@lru_cache(maxsize=65536)
def _fold_other(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_UNDECOMPOSED)


def fold(word: str) -> str:
    """``word`` in lower case without accents (ASCII words are returned as they are)."""
    word = word.lower()
    return word if word.isascii() else _fold_other(word)


def _shouted_stop(raw: str) -> bool:
    return raw.isupper() and raw.lower() in STOPS


def words(text: str) -> Iterator[tuple[int, int, int, str]]:
    """``(position, start, end, form)`` of each word kept: ``form`` folded and unstemmed, ``position``
    renumbered past dropped words as Whoosh's StopFilter does, ``start``/``end`` in ``text``."""
    pos = -1
    first = True
    prev_raw = ""
    for i, m in enumerate(TOKEN.finditer(text)):
        raw = m.group(0)
        if m.group("ini") is not None:
            form = fold(raw.replace(".", ""))
        else:
            form = raw.lower()
            if not form.isascii():
                form = _fold_other(form)
            if len(form) < MIN_CHARS or (form in STOPS and not _abbreviation(raw, prev_raw, text, m.end())):
                prev_raw = raw
                continue
        prev_raw = raw
        # StopFilter(renumber=True): the first word kept keeps its place, the next ones follow it
        pos = i if first else pos + 1
        first = False
        yield pos, m.start(), m.end(), form


def _abbreviation(raw: str, prev_raw: str, text: str, end: int) -> bool:
    """A stop word in capitals of 2-3 letters, neither neighbour a stop word in capitals."""
    if not (ACRONYM_CHARS[0] <= len(raw) <= ACRONYM_CHARS[1] and raw.isupper()):
        return False
    if prev_raw and _shouted_stop(prev_raw):
        return False
    following = TOKEN.search(text, end)
    return following is None or not _shouted_stop(following.group(0))


def query_words(text: str) -> str:
    """A query typed all in capitals (two words or more, operators aside) in lower case, its operators
    kept: each query word is analysed on its own, so ``TRUMP AND THE WALL`` would otherwise require
    ``the``. A query with any lower-case letter, or one word (``US``), is left as it is."""
    found = [w for w in re.findall(r"[^\W\d_][\w'.-]*", text) if w not in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")]
    if len(found) < 2 or not all(w.isupper() for w in found):
        return text
    return re.sub(r"[^\W\d_][\w'.-]*",
                  lambda m: m[0] if m[0] in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO") else m[0].lower(), text)


class NewsTokenizer(Tokenizer):
    """Whoosh tokens of ``words``: folded, stop words and initialisms as above, positions renumbered."""

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


def analyzer():
    """The analyzer of the title and body fields (index and queries): ``words`` then Snowball English."""
    return NewsTokenizer() | StemFilter(lang="en")


def stemmer():
    """The stemmer the analyzer ends with (Snowball English), for forms already folded."""
    from whoosh.lang import stemmer_for_language

    return stemmer_for_language("en")


def stem_of(word: str) -> str | None:
    """The stem a lone query word is indexed under (None when it is dropped: a stop word, one letter)."""
    found = [form for _p, _s, _e, form in words(word)]
    return _stem(found[0]) if found else None


_STEM = None


def _stem(form: str) -> str:
    global _STEM
    if _STEM is None:
        _STEM = stemmer()
    return _STEM(form)


def search_text(text: str) -> str:
    """``text`` as PostgreSQL should read it, character for character the same length (so the offsets
    of its highlights are offsets in ``text``): slashes and the words ``words`` drops blanked, each
    initialism's dots made combining marks (``U.S.`` reads ``U\u0300S\u0300``, which ``unaccent`` makes
    ``US``). PostgreSQL's own stop list is not used: this one is."""
    out = list(text.replace("/", " "))
    kept = {start: end for _p, start, end, _f in words(text)}
    for m in TOKEN.finditer(text):
        start, end = m.start(), m.end()
        if start not in kept:
            out[start:end] = " " * (end - start)
        elif m.group("ini") is not None:
            out[start:end] = ["\u0300" if c == "." else c for c in text[start:end]]
    return "".join(out)


__all__ = ["MARKS", "STOPS", "TOKEN", "NewsTokenizer", "analyzer", "fold", "query_words", "search_text",
           "stem_of", "stemmer", "words"]
