"""A clause's words as the claims step sees them: its content words and its names as stems (each token's verdict
remembered), and how a stem or a clause is shown in a reason (its first word of that stem; clipped)."""

from __future__ import annotations

import re
from functools import lru_cache

from sco_tui.analysis.lexicon import STOPWORDS
from sco_tui.analysis.text import stem, tokens

_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+|\b[A-Z]{2,}\b")

_WORDS_OF = re.compile(r"[\w’'-]+")

_CONTENT: dict[str, str | None] = {}  # token -> its stem when it carries content, else None (remembered)


def _content_words(text: str) -> tuple[tuple[str, str], ...]:
    """``(stem, word)`` of each content word of ``text`` (no stop words, one-letter words or numbers), in order;
    each token's verdict and stem remembered (the same as ``content_stems``, a dict look-up a word)."""
    out = []
    memo = _CONTENT
    for w in tokens(text):
        st = memo.get(w, _UNSEEN)
        if st is _UNSEEN:
            if len(memo) > 400_000:
                memo.clear()
            st = memo[w] = stem(w) if w not in STOPWORDS and len(w) > 1 and not w.isdigit() else None
        if st is not None:
            out.append((st, w))
    return tuple(out)


_UNSEEN = object()
_NAMES: dict[str, str | None] = {}  # a capitalised word -> its stem, None for a stop word (remembered)


def _name_stems(text: str) -> list[str]:
    """The stems of the capitalised words of ``text`` (``_NAME``) that are not stop words, each word's stem
    remembered."""
    out = []
    memo = _NAMES
    for m in _NAME.finditer(text):
        word = m.group(0)
        st = memo.get(word, _UNSEEN)
        if st is _UNSEEN:
            if len(memo) > 400_000:
                memo.clear()
            low = word.lower()
            st = memo[word] = None if low in STOPWORDS else stem(low)
        if st is not None:
            out.append(st)
    return out


def _clip(text: str, most: int = 80) -> str:
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def _surface(text: str, s: str) -> str:
    """The first word of ``text`` whose stem is ``s`` (``s`` when none is)."""
    return _surfaces(text).get(s, s)


@lru_cache(maxsize=4096)
def _surfaces(text: str) -> dict[str, str]:
    """Each stem of ``text``'s words -> its first word (remembered: a claim's links ask for many stems of one text)."""
    out: dict[str, str] = {}
    for w in _WORDS_OF.findall(text):
        out.setdefault(stem(w.lower()), w)
    return out
