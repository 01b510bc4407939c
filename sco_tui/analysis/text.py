"""Sentences and tokens, shared by every analysis (sentence splitting by syntok)."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
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


#: Abbreviations that end with a full stop but not a sentence when a name follows ("Gov. Jerry Brown").
TITLES = frozenset("""Gov Govs Sen Sens Rep Reps Lt Gen Col Maj Sgt Capt Cmdr Adm Supt Atty Pres Amb Dr Drs Mr Mrs Ms
Messrs Prof Rev Hon St Mt Ft Gens Cpl Pvt Insp Det Dist Sec Secs Treas Del Assemb Sup Ct Fr""".split())
#: Abbreviations that a number follows ("Jan. 6", "No. 2", "Art. 5").
BEFORE_NUMBERS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Nos Art Vol Fig Ch Sec Para pp".split())
_LAST_WORD = re.compile(r"(?:^|[\s(“\"'])([A-Za-z]+)\.$")
_FIRST = re.compile(r"[\s“\"'(]*(\S)")


def _joins(before: str, after: str) -> bool:
    """Whether a segmenter cut between ``before`` and ``after`` falls inside a sentence: after a title,
    an initial ("John F. Kennedy"), or an abbreviation a number follows."""
    m = _LAST_WORD.search(before)
    first = _FIRST.match(after)
    if not m or not first:
        return False
    word, nxt = m.group(1), first.group(1)
    if word in TITLES or (len(word) == 1 and word.isupper() and len(before.split()) > 1):
        return nxt.isupper()
    return word in BEFORE_NUMBERS and nxt.isdigit()


_SPLITS: OrderedDict[str, tuple[Sentence, ...]] = OrderedDict()  # body -> its sentences, the latest used last
_SPLITS_LOCK = threading.Lock()
_SPLITS_KEPT = 4096


def sentences(body: str) -> tuple[Sentence, ...]:
    """Split a body into sentences with their offsets; paragraphs never run together (remembered per body).

    syntok segments; its cuts after titles ("Gov.", "Sen.", "Rep."), initials and "Jan."/"No." before
    a number are joined again.
    """
    with _SPLITS_LOCK:
        found = _SPLITS.get(body)
        if found is not None:
            _SPLITS.move_to_end(body)
            return found
    found = _from_spans(body, split_spans(body))
    _remember({body: found})
    return found


def _remember(splits: dict[str, tuple[Sentence, ...]]) -> None:
    with _SPLITS_LOCK:
        _SPLITS.update(splits)
        while len(_SPLITS) > _SPLITS_KEPT:
            _SPLITS.popitem(last=False)


def _clear() -> None:
    """Forget every remembered split (benchmarks time a cold start with it)."""
    with _SPLITS_LOCK:
        _SPLITS.clear()


sentences.cache_clear = _clear  # type: ignore[attr-defined]  # as functools.lru_cache names it


def known(body: str) -> bool:
    """Whether the body's split is remembered."""
    with _SPLITS_LOCK:
        return body in _SPLITS


def _from_spans(body: str, spans: list[tuple[int, int]]) -> tuple[Sentence, ...]:
    return tuple(Sentence(k, s, e, body[s:e]) for k, (s, e) in enumerate(spans))


def spans_of(bodies: list[str]) -> list[list[tuple[int, int]]]:
    """Each body's sentence spans (remembered here too): what another process hands to ``seed``."""
    return [[(s.start, s.end) for s in sentences(body)] for body in bodies]


def seed(splits: dict[str, list[tuple[int, int]]]) -> None:
    """Remember splits another process made (``spans_of``): the same sentences ``sentences`` would give."""
    _remember({body: _from_spans(body, spans) for body, spans in splits.items()})


def split_spans(body: str) -> list[tuple[int, int]]:
    """The sentence spans of a body, not remembered (``sentences`` is the one to call)."""
    import syntok.segmenter as segmenter

    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(body):
        joinable = False
        for tokens in paragraph:
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            if not body[start:end].strip():
                continue
            if joinable and spans and _joins(body[spans[-1][0]:spans[-1][1]], body[start:end]):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
            joinable = True
    return spans


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
