"""Sentences and tokens, shared by every analysis (sentence splitting by syntok)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article body: its text and character span in that body."""

    index: int
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, object]:
        return {"index": self.index, "start": self.start, "end": self.end, "text": self.text}


@lru_cache(maxsize=4096)
def sentences(body: str) -> tuple[Sentence, ...]:
    """Split a body into sentences with their offsets; paragraphs never run together."""
    import syntok.segmenter as segmenter

    out: list[Sentence] = []
    for paragraph in segmenter.analyze(body):
        for tokens in paragraph:
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            text = body[start:end]
            if text.strip():
                out.append(Sentence(len(out), start, end, text))
    return tuple(out)


_TOKEN = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (hyphens and apostrophes kept inside words)."""
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball English stem of a lower-case word ("established", "establishment" -> "establish")."""
    return _stemmer().stemWord(word)


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry content (no stop words, no one-letter words), in order."""
    from sco_tui.analysis.lexicon import STOPWORDS

    return [stem(w) for w in tokens(text) if w not in STOPWORDS and len(w) > 1 and not w.isdigit()]
