"""Word-level differences between one outlet's sentence and the others' (compared by stem)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sco_tui.analysis.lexicon import STOPWORDS
from sco_tui.analysis.text import stem

_WORD = re.compile(r"[\w'’-]+")


def _stems(text: str) -> set[str]:
    return {stem(w.lower().replace("’", "'").removesuffix("'s")) for w in _WORD.findall(text)}


def own_words(text: str, others: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of the words of ``text`` that none of ``others`` uses: what this outlet
    alone says in a sentence the others share (content words only: "the" or "on" tell nothing).
    Empty when there is nothing to compare against."""
    theirs: set[str] = set()
    for other in others:
        theirs |= _stems(other)
    if not theirs:
        return []
    return [(m.start(), m.end()) for m in _WORD.finditer(text)
            if (w := m.group(0).lower().replace("’", "'")) not in STOPWORDS and len(w) > 1
            and stem(w.removesuffix("'s")) not in theirs]
