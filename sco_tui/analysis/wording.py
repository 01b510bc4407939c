"""Word choice: how each outlet words the same thing. A concordance of any term (the phrase
around each use, per article), and the terms most outlets mention in different words, found by
comparing the words around each shared name ("Ukraine": "invasion" in four articles, "special
military operation" in one)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from sco_tui.analysis.actors import Actor
from sco_tui.analysis.evidence import Evidence
from sco_tui.analysis.lexicon import STOPWORDS
from sco_tui.analysis.text import sentences, tokens
from sco_tui.corpus.model import Article

WINDOW = 8  # words either side of a use


@dataclass(frozen=True, slots=True)
class Use:
    article: str
    phrase: str
    match: tuple[int, int]  # the term's span within ``phrase``
    evidence: Evidence

    def as_dict(self) -> dict[str, object]:
        return {"phrase": self.phrase, "match": list(self.match), "sentence": self.evidence.as_dict()}


@dataclass(slots=True)
class TermUses:
    """How each article words one term: its uses, and the words around them that set it apart."""

    term: str
    uses: dict[str, list[Use]] = field(default_factory=dict)
    own_words: dict[str, list[str]] = field(default_factory=dict)  # used near the term by this article only
    shared_words: list[str] = field(default_factory=list)  # used near it by most articles
    contested: float = 0.0  # 0: the articles word it alike; 1: they split evenly over a word most use

    def omits(self, article: str) -> list[str]:
        """Words most articles use around the term that this one does not."""
        mine = {w for u in self.uses.get(article, []) for w in tokens(u.phrase)}
        return [w for w in self.shared_words if w not in mine]

    def as_dict(self) -> dict[str, object]:
        return {"term": self.term, "contested": round(self.contested, 3), "shared_words": self.shared_words,
                "own_words": self.own_words, "omits": {a: self.omits(a) for a in self.uses},
                "uses": {a: [u.phrase for u in us] for a, us in self.uses.items()},
                "evidence": {a: [u.as_dict() for u in us] for a, us in self.uses.items()}}


def term_pattern(term: str, forms: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A single word matches its inflections ("Ukraine" -> Ukrainian); phrases match as written."""
    alternatives = []
    for t in (term, *forms):
        t = t.strip()
        if not t:
            continue
        if " " not in t and len(t) > 4 and t[-1] in "es":
            alternatives.append(re.escape(t[:-1]) + r"\w*")
        elif " " not in t:
            alternatives.append(re.escape(t) + r"(?:['’]s)?")
        else:
            alternatives.append(r"\s+".join(re.escape(w) for w in t.split()))
    return re.compile(r"(?<![\w-])(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?![\w-])",
                      re.IGNORECASE)


def _window(bounds: tuple[list[int], list[int]], size: int, start: int, end: int, words: int) -> tuple[int, int]:
    """Character bounds of ``words`` words either side of ``[start, end)`` in a text of ``size``
    characters whose words start and end at ``bounds`` (a word cut by the span counts on its side)."""
    starts, ends = bounds
    before = bisect_left(starts, start)  # words starting before the span
    after = bisect_right(ends, end)  # words ending inside it or before
    lo = starts[before - words] if before >= words else 0
    hi = ends[after + words - 1] if len(ends) - after >= words else size
    return lo, hi


def _word_bounds(text: str) -> tuple[list[int], list[int]]:
    found = list(re.finditer(r"\S+", text))
    return [m.start() for m in found], [m.end() for m in found]


def word_counts(articles: list[Article]) -> Counter[str]:
    """Lower-case word counts over the articles (for how tied a word is to a term)."""
    counts: Counter[str] = Counter()
    for a in articles:
        counts.update(w.replace("’", "'") for w in re.findall(r"(?<![\w-])[a-z][a-z’'-]+", a.body))
    return counts


def concordance(articles: list[Article], term: str, forms: tuple[str, ...] = (), window: int = WINDOW,
                corpus: Counter[str] | None = None) -> TermUses:
    """Every use of ``term`` (or its forms) with ``window`` words either side, per article."""
    pattern = term_pattern(term, forms)
    result = TermUses(term=term)
    for a in articles:
        for s in sentences(a.body):
            bounds = None
            for m in pattern.finditer(s.text):
                bounds = bounds or _word_bounds(s.text)  # only sentences that use the term are cut into words
                lo, hi = _window(bounds, len(s.text), m.start(), m.end(), window)
                phrase = s.text[lo:hi]
                use = Use(a.id, phrase, (m.start() - lo, m.end() - lo), Evidence.of(a.id, s))
                result.uses.setdefault(a.id, []).append(use)
    _contrast(result, pattern, corpus)
    return result


def _contrast(result: TermUses, pattern: re.Pattern[str], corpus: Counter[str] | None = None) -> None:
    """Each article's own words around the term, the words most use, and how contested it is: high
    when a word most articles put next to the term ("invasion" by "Ukraine") is missing from some."""
    near: dict[str, Counter[str]] = {}
    for article, uses in result.uses.items():
        words: Counter[str] = Counter()
        for u in uses:
            # lower-case words only: the wording, not the other names in the sentence
            found = re.findall(r"(?<![\w-])[a-z][a-z’'-]+", pattern.sub(" ", u.phrase))
            words.update(w.replace("’", "'") for w in found if w not in STOPWORDS and len(w) > 2)
        near[article] = words
    n = len(near)
    if n < 2:
        return
    df = Counter(w for words in near.values() for w in words)
    result.shared_words = sorted((w for w, k in df.items() if k >= max(2, (n + 1) // 2)),
                                 key=lambda w: (-df[w], w))[:12]
    for article, words in near.items():
        result.own_words[article] = sorted((w for w in words if df[w] == 1), key=lambda w: (-words[w], w))[:12]
    uses = Counter(w for words in near.values() for w in words.elements())
    # a split over a word tied to this term ("invasion" by "Ukraine") counts more than over one found everywhere
    tie = {w: uses[w] / max(uses[w], (corpus or uses)[w]) for w in result.shared_words}
    split = [df[w] * (n - df[w]) * tie[w] for w in result.shared_words if df[w] < n]
    result.contested = max(split, default=0) / ((n / 2) ** 2)


def contested_terms(articles: list[Article], actors: list[Actor], most: int = 6) -> list[TermUses]:
    """Names most articles mention, ranked by how differently the articles word what surrounds them."""
    n = len(articles)
    if n < 2:
        return []
    wanted = max(2, (2 * n + 2) // 3)
    candidates = [a for a in actors if a.articles >= wanted and a.kind in ("country", "organisation", "person")]
    scored = []
    corpus = word_counts(articles)
    for actor in candidates[:30]:
        forms = tuple(f for f in actor.aliases if not f.lower().startswith("the "))
        uses = concordance(articles, actor.name, forms, corpus=corpus)
        if len(uses.uses) >= wanted and uses.contested > 0:
            scored.append((uses.contested * len(uses.uses), uses))
    scored.sort(key=lambda su: -su[0])
    return [uses for _, uses in scored[:most]]
