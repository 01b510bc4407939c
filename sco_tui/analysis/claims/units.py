"""Units, what the claims step aligns (``_Unit``): each sentence of ``MIN_WORDS`` words or more, its clauses that
stand alone and its facts told as nouns, with their stems, names and values; one article's units remembered."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sco_tui.analysis.claims.cutter import clauses, standalone
from sco_tui.analysis.claims.rules import MIN_WORDS
from sco_tui.analysis.claims.values import _values
from sco_tui.analysis.claims.words import _content_words, _name_stems
from sco_tui.analysis.evidence import Evidence
from sco_tui.analysis.text import sentences, stem
from sco_tui.corpus.model import Article


@dataclass(slots=True)
class _Unit:
    article: str
    evidence: Evidence
    text: str
    stems: frozenset[str]
    names: frozenset[str]
    values: dict[str, frozenset[str]]  # value -> stems next to it
    words: tuple[tuple[str, str], ...] = ()  # (stem, word) of each content word, in order
    event: str = ""  # a fact told as a noun ("Belarus’s full membership"): its head noun (``_event_units``)
    derived: tuple[str, ...] = ()  # the verbs that head noun derives from ("passage" -> pass)


def _units(articles: list[Article]) -> list[_Unit]:
    return [u for a in articles for u in _article_units(a.id, a.body)]


@lru_cache(maxsize=1024)
def _article_units(article_id: str, body: str) -> tuple[_Unit, ...]:
    """One article's units, remembered."""
    units = []
    for s in sentences(body):
        if len(s.text.split()) < MIN_WORDS:
            continue
        evidence = Evidence.of(article_id, s)
        parts = clauses(s.text)
        if len(parts) > 1:  # the whole sentence and the clauses that stand alone (a fragment stays in its sentence)
            parts = list(dict.fromkeys([s.text, *(p for p in parts if standalone(p, s.text))]))
        parts = [p for p in parts if p != s.text or standalone(p, p)]  # a sentence that is a name alone says nothing
        derived = _event_units(s.text, parts)
        for part in [*parts, *derived]:
            words = _content_words(part)
            words += tuple((stem(v), v) for v in derived.get(part, ()) if stem(v) not in {st for st, _ in words})
            stems = frozenset(st for st, _ in words)
            values = _values(part)
            if len(stems) < (2 if values else 3):
                continue
            names = frozenset(_name_stems(part))
            event = derived.get(part)
            units.append(_Unit(article_id, evidence, part, stems, names, values, words,
                               *((_head(part), event) if event is not None else ())))
    return tuple(units)


def _event_units(sentence: str, parts: list[str]) -> dict[str, tuple[str, ...]]:
    """A sentence's facts told as nouns (``nominal.event_phrases``: "Belarus’s full membership", "Xi’s visit to
    Moscow"), each a unit of its own with the verbs its noun derives from (matched as words of the unit: "passage"
    meets "passed"), so that it can align with a clause telling the fact with a verb."""
    from sco_tui.analysis.nominal import event_phrases

    if "’s " not in sentence and "'s " not in sentence:
        return {}
    return {phrase: verbs for phrase, verbs in event_phrases(sentence) if phrase not in parts}


def _head(phrase: str) -> str:
    """The head noun of an event phrase: its last lower-case word before a preposition ("visit" of "Xi’s visit to
    Moscow")."""
    words = re.findall(r"[\w’'-]+", phrase)
    head = ""
    for w in words[1:]:
        if not w.islower():
            continue
        if head and w in _PREPOSITIONS_AFTER:
            break
        head = w
    return head


_PREPOSITIONS_AFTER = frozenset("to of from in with against for on into over at the".split())
