"""The title and body postings in one pass over the text, and the vocabulary that pass sees.

Whoosh analyses a field through a chain of generators (``index.analysis``: words, stemmer),
one ``Token`` object per word and a cache in front of the stemmer that evicts, then encodes the
positions and characters of each word. ``OnePassCharacters`` does exactly what
the fields' analyzer (``analysis.analyzer()``) and ``Characters`` do (same tokens, same renumbered positions, same
bytes: a test holds them equal) in one loop with a dict memo of stems. The memo is the
vocabulary: every surface form the index saw, with its stem, which prefixes, wildcards, fuzzy terms
and "did you mean" expand from (``sco_tui.index.vocabulary``) instead of a second, unstemmed copy
of every body. Queries are parsed with the same analyzer (the field's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from whoosh.formats import Characters

from sco_tui.index.analysis import words


def _english() -> tuple[frozenset[str], Callable[[str], str]]:
    from sco_tui.index.analysis import STOPS, stemmer

    return STOPS, stemmer()


class OnePassCharacters(Characters):
    """``Characters`` postings of English text analysed like ``analysis.analyzer()``, in one
    loop; ``vocabulary`` maps each lower-case surface form seen since this object was made (or
    unpickled) to its stem, ``documents`` counts the texts each stem occurs in. Neither is pickled
    with the schema."""

    def __init__(self, field_boost: float = 1.0, **options) -> None:
        super().__init__(field_boost=field_boost, **options)
        self._ready()

    def _ready(self) -> None:
        self.vocabulary: dict[str, str] = {}
        self.documents: dict[str, int] = {}  # stem -> how many texts it occurs in (ranks prefix expansions)
        self._stops, self._stem = _english()

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("vocabulary", "documents", "_stops", "_stem")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._ready()

    def word_values(self, value, analyzer, **kwargs) -> Iterator[tuple[str, int, float, bytes]]:
        if not isinstance(value, str):  # a pre-split value: Whoosh's own way
            yield from super().word_values(value, analyzer, **kwargs)
            return
        memo, stem = self.vocabulary, self._stem
        seen: dict[str, list[tuple[int, int, int]]] = {}
        for pos, start, end, word in words(value):
            s = memo.get(word)
            if s is None:
                s = memo[word] = stem(word)
            found = seen.get(s)
            if found is None:
                seen[s] = [(pos, start, end)]
            else:
                found.append((pos, start, end))
        fb = self.field_boost
        encode = self.encode
        documents = self.documents
        for w, poslist in seen.items():
            documents[w] = documents.get(w, 0) + 1
            yield w, len(poslist), len(poslist) * fb, encode(poslist)
