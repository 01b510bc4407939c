"""Lexical cues (how it is said): words from the shipped lists, matched by stem, and scare quotes."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sco_tui.analysis.cues.model import KINDS, QUOTED_FACTOR, Cue
from sco_tui.analysis.quotes import QUOTE, SCARE_MAX_WORDS
from sco_tui.analysis.text import Sentence

_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Entries by each form of their first word: ``{form: [(kind, forms of each word, entry)]}``."""

    entries: dict[str, list[tuple[str, tuple[frozenset[str], ...], str]]]
    why: dict[str, str]


_VOWELS = "aeiou"


def forms(word: str) -> set[str]:
    """A list word and its regular inflections ("slam": slams, slammed, slamming; "bully": bullied)."""
    out = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        out |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) >= 3 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS:
        out |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return out


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped word lists (sco_tui/analysis/data/cue_words.toml)."""
    raw = resources.files("sco_tui.analysis").joinpath("data/cue_words.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    entries: dict[str, list[tuple[str, tuple[frozenset[str], ...], str]]] = {}
    why: dict[str, str] = {}
    for kind, table in data.items():
        if kind not in KINDS:
            raise ValueError(f"cue_words.toml: unknown kind {kind!r}")
        why[kind] = table["why"]
        for entry in table["words"]:
            words = tuple(frozenset(forms(_norm(w))) for w in _WORD.findall(entry))
            for first in words[0] if words else ():
                entries.setdefault(first, []).append((kind, words, entry))
    for options in entries.values():
        options.sort(key=lambda o: -len(o[1]))  # the longest phrase first
    return Lexicon(entries, why)


def quoted_spans(sentence: Sentence) -> list[tuple[int, int, bool]]:
    """``(start, end, scare)`` of the quoted stretches of a sentence, in body offsets."""
    text = sentence.text
    out = []
    for m in QUOTE.finditer(text):
        inner = m.group(1) or m.group(2) or ""
        out.append((sentence.start + m.start(), sentence.start + m.end(), len(inner.split()) <= SCARE_MAX_WORDS))
    # a quote the sentence splitter cut: an opening mark never closed runs to the sentence's end, a closing
    # mark never opened from its start (the rest of someone's words; never a scare quote)
    opened, closed = text.rfind("“"), text.find("”")
    if opened >= 0 and text.find("”", opened) < 0 and not any(q[0] == sentence.start + opened for q in out):
        out.append((sentence.start + opened, sentence.end, False))
    if closed >= 0 and text.rfind("“", 0, closed) < 0 and not any(q[1] == sentence.start + closed + 1 for q in out):
        out.append((sentence.start, sentence.start + closed + 1, False))
    return out


def word_cues(sentence: Sentence, spoken: bool = False) -> list[Cue]:
    """Cues from the word lists; a word inside someone's quote weighs ``QUOTED_FACTOR`` as much. A long
    quote is someone's; a short one is when the sentence says who spoke (``spoken``), else a scare quote."""
    lex = lexicon()
    low = sentence.text.lower().replace("’", "'")  # same length: offsets hold
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(low)]
    quoted = quoted_spans(sentence)
    found: list[Cue] = []
    i = 0
    while i < len(words):
        hit = None
        for kind, wanted, _entry in lex.entries.get(words[i][2], ()):
            got = words[i:i + len(wanted)]
            if len(got) == len(wanted) and all(w[2] in f for w, f in zip(got, wanted, strict=True)):
                hit = (kind, len(wanted))
                break
        if hit is None:
            i += 1
            continue
        kind, n = hit
        start, end = sentence.start + words[i][0], sentence.start + words[i + n - 1][1]
        text = sentence.text[words[i][0]:words[i + n - 1][1]]
        weight = KINDS[kind][1]
        why = lex.why[kind]
        inside = next((q for q in quoted if q[0] <= start and end <= q[1]), None)
        if inside is not None and (spoken or not inside[2]):
            weight *= QUOTED_FACTOR
            why += " (inside a quote: the speaker's word, which the outlet chose to carry)"
        found.append(Cue(kind, (text,), why, ((start, end),), weight))
        i += n
    return found


def scare_cues(sentence: Sentence, scare_texts: list[str]) -> list[Cue]:
    """Scare quotes found by the quote analysis (short quoted phrases with no speaker)."""
    out = []
    for text in scare_texts:
        pos = sentence.text.find(text)
        span = ((sentence.start + pos, sentence.start + pos + len(text)),) if pos >= 0 else ()
        out.append(Cue("scare_quote", (text,), "a phrase in quotation marks with no speaker named: the outlet "
                       "marks the words as someone else's term, to keep its distance from it or to adopt it as "
                       "that side's name for things", span, KINDS["scare_quote"][1]))
    return out
