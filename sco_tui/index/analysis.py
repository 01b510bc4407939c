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
from functools import lru_cache

#: Combining marks of the Latin, Greek and Cyrillic scripts (what decomposed accented letters carry).
MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTER = rf"[^\W\d_][{MARKS}]*"
#: Whoosh's default word expression, with combining marks.
TOKEN = re.compile(rf"[\w*{MARKS}]+(?:\.?[\w*{MARKS}]+)*")
#: A dotted initialism as TOKEN finds it (``U.S``: its last dot, if any, follows it).
INITIALISM = re.compile(rf"{_LETTER}(?:\.{_LETTER})+")
MIN_CHARS = 2
ACRONYM_CHARS = (2, 3)  # a stop word in capitals this long is taken for an abbreviation
#: Whoosh's English stop words (its own list and NLTK's, as ``StopFilter(lang="en")`` has them).
STOPS: frozenset[str] = frozenset("""
a about above after again against all am an and any are as at be because been before being below between both
but by can did do does doing don down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just may me more most my myself no nor not now of
off on once only or other our ours ourselves out over own s same she should so some such t tbd than that the
their theirs them themselves then there these they this those through to too under until up us very was we
were what when where which while who whom why will with yet you your yours yourself yourselves""".split())
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


def words(text: str) -> list[tuple[int, int, int, str]]:
    """``(position, start, end, form)`` of each word kept: ``form`` folded and unstemmed, ``position``
    renumbered past dropped words as Whoosh's StopFilter does, ``start``/``end`` in ``text`` (an
    initialism's span takes its last dot)."""
    out: list[tuple[int, int, int, str]] = []
    append = out.append
    pos = -1
    first = True
    for i, m in enumerate(TOKEN.finditer(text)):
        raw = m.group()
        form = raw.lower()
        if "." in form and INITIALISM.fullmatch(form):
            form = form.replace(".", "")
            start, end = m.span()
            if text[end:end + 1] == ".":
                end += 1
        elif len(form) < MIN_CHARS or (form in STOPS and not (len(raw) <= ACRONYM_CHARS[1] and raw.isupper()
                                                              and _abbreviation(m, text))):
            continue
        else:
            start, end = m.span()
        if not form.isascii():
            form = _fold_other(form)
        # StopFilter(renumber=True): the first word kept keeps its place, the next ones follow it
        pos = i if first else pos + 1
        first = False
        append((pos, start, end, form))
    return out


def _caps(raw: str) -> bool:
    return len(raw) >= MIN_CHARS and raw.isupper()


def _abbreviation(m: re.Match[str], text: str) -> bool:
    """Whether a stop word in capitals of 2-3 letters (``m``) is an abbreviation, not shouting:
    neither neighbour a stop word in capitals (``JUST IN``, ``WHAT IS IT``), and not in a run of three
    words in capitals (a headline in capitals: ``AGREE TO TALK``)."""
    start, end = m.span()
    prior = TOKEN.findall(text[max(0, start - 100):start])[-2:]  # the two words before (a word may be cut)
    before, last = ([""] * (2 - len(prior)) + prior)
    after = []
    for _ in range(2):
        nxt = TOKEN.search(text, end)
        if nxt is None:
            break
        after.append(nxt.group())
        end = nxt.end()
    near = [w for w in (last, after[0] if after else "") if w]
    if any(w.isupper() and w.lower() in STOPS for w in near):
        return False
    left = _caps(last) and _caps(before)
    middle = _caps(last) and bool(after) and _caps(after[0])
    right = len(after) == 2 and _caps(after[0]) and _caps(after[1])
    return not (left or middle or right)


def query_words(text: str) -> str:
    """A query typed all in capitals (two words or more, operators aside) in lower case, its operators
    kept: each query word is analysed on its own, so ``TRUMP AND THE WALL`` would otherwise require
    ``the``. A query with any lower-case letter, or one word (``US``), is left as it is; a leading
    ``OR`` or ``AND`` is the stop word."""
    # a binary operator with nothing on its left is a word to Whoosh's parser: the stop word it spells
    text = re.sub(r"(^\s*|\(\s*)(AND|OR|ANDNOT|ANDMAYBE)(?=\s)", lambda m: m[1] + m[2].lower(), text)
    found = [w for w in re.findall(r"[^\W\d_][\w'.-]*", text) if w not in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")]
    if len(found) < 2 or not all(w.isupper() for w in found):
        return text
    return re.sub(r"[^\W\d_][\w'.-]*",
                  lambda m: m[0] if m[0] in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO") else m[0].lower(), text)


def nothing_left(text: str) -> str:
    """Why a query of stop words alone finds nothing, and, when some could be abbreviations (``us``,
    ``who``), how to search for those."""
    found = [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() in STOPS and not w.isupper()
             and ACRONYM_CHARS[0] <= len(w) <= ACRONYM_CHARS[1]]
    why = f"nothing to search for in {text!r}: operators and very common words alone match nothing"
    if not found:
        return why
    return f"{why}; a short one in capitals, such as {found[0].upper()}, is searched as an abbreviation"


def stemmer():
    """The stemmer the analyzer ends with (Snowball English), for forms already folded."""
    from whoosh.lang import stemmer_for_language

    return stemmer_for_language("en")


def search_text(text: str) -> str:
    """``text`` as PostgreSQL should read it, character for character the same length (so the offsets
    of its highlights are offsets in ``text``): only the words ``words`` keeps, everything between them
    blanked (stop words, punctuation, slashes: PostgreSQL then splits URLs and hyphenated words as
    Whoosh does), each initialism's dots made combining marks (``U.S.`` reads ``U\u0300S\u0300``,
    which ``unaccent`` makes ``US``). PostgreSQL's own stop list is not used: this one is."""
    pieces = []
    at = 0
    for _p, start, end, form in words(text):
        if start > at:
            pieces.append(" " * (start - at))
        raw = text[start:end]
        pieces.append(raw.replace(".", "\u0300") if "." in raw and "." not in form else raw)
        at = end
    pieces.append(" " * (len(text) - at))
    return "".join(pieces)


__all__ = ["MARKS", "STOPS", "TOKEN", "fold", "nothing_left", "query_words", "search_text", "stemmer", "words"]
