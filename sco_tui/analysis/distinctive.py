"""Distinctive terms: each article against the rest by the log-odds ratio with an informative
Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words"), with z-scores; unigrams and
bigrams, no stop words. The prior comes from the corpus, mixed with English word frequencies
(wordfreq) when the corpus is small, so that five articles do not make every rare word "distinctive"."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from sco_tui.analysis.evidence import Evidence
from sco_tui.analysis.lexicon import STOPWORDS
from sco_tui.analysis.text import Sentence, sentences, tokens
from sco_tui.corpus.model import Article

Z_MIN = 1.96  # two-sided 95%
SMALL_CORPUS = 20_000  # tokens: below this the background frequencies weigh in


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    z: float
    count: int  # uses in this article
    rest: int  # uses in all the others
    evidence: tuple[Evidence, ...]

    @property
    def significant(self) -> bool:
        return self.z >= Z_MIN

    def as_dict(self) -> dict[str, object]:
        return {"term": self.term, "z": round(self.z, 2), "significant": self.significant,
                "count": self.count, "rest": self.rest,
                "evidence": [e.as_dict() for e in self.evidence]}


def _grams(article: Article) -> Counter[str]:
    counts: Counter[str] = Counter()
    for s in sentences(article.body):
        words = [w for w in tokens(s.text) if not w.isdigit()]
        for i, w in enumerate(words):
            if w not in STOPWORDS and len(w) > 2:
                counts[w] += 1
                if i + 1 < len(words) and words[i + 1] not in STOPWORDS and len(words[i + 1]) > 2:
                    counts[f"{w} {words[i + 1]}"] += 1
    return counts


def _background() -> tuple[object, str]:
    try:
        from wordfreq import word_frequency
    except ImportError:  # an optional resource: without it the prior is the corpus alone
        return None, "corpus"
    return word_frequency, "corpus + English word frequencies (wordfreq)"


def distinctive(articles: list[Article], top: int = 12) -> tuple[dict[str, list[Term]], str]:
    """Per article, its most distinctive terms, highest z first (``significant`` when z >= 1.96; short
    articles rarely reach it, and that is the honest answer), and a note of the prior used."""
    counts = {a.id: _grams(a) for a in articles}
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    n_all = sum(total.values()) or 1
    freq, prior_name = _background() if n_all < SMALL_CORPUS else (None, "corpus")
    lam = SMALL_CORPUS / (SMALL_CORPUS + n_all) if freq else 0.0
    a0 = max(500.0, 0.5 * n_all)
    vocab = len(total) or 1
    prior: dict[str, float] = {}
    for w, n in total.items():
        p = (n + 0.01) / (n_all + 0.01 * vocab)
        if freq and " " not in w:
            p = lam * max(freq(w, "en", wordlist="small"), 1e-8) + (1 - lam) * p  # type: ignore[operator]
        prior[w] = a0 * p
    out: dict[str, list[Term]] = {}
    by_id = {a.id: a for a in articles}
    for aid, c in counts.items():
        n_i = sum(c.values())
        n_j = n_all - n_i
        scored = []
        for w, y_i in c.items():
            y_j = total[w] - y_i
            alpha = prior[w]
            if y_i < 2:
                continue  # one use is no pattern
            d = (math.log((y_i + alpha) / (n_i + a0 - y_i - alpha))
                 - math.log((y_j + alpha) / (n_j + a0 - y_j - alpha)))
            z = d / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
            if z > 0:
                scored.append((z, w, y_i, y_j))
        scored.sort(key=lambda t: -t[0])
        said = _said(by_id[aid])  # each sentence's words once, not once per term
        out[aid] = [Term(w, z, y_i, y_j, _evidence(by_id[aid], w, said=said)) for z, w, y_i, y_j in scored[:top]]
    return out, prior_name


def _said(article: Article) -> list[tuple[Sentence, str]]:
    """Each sentence with its words joined by spaces and padded by one, for ``_evidence``."""
    return [(s, f" {' '.join(tokens(s.text))} ") for s in sentences(article.body)]


def _evidence(article: Article, term: str, most: int = 2,
              said: list[tuple[Sentence, str]] | None = None) -> tuple[Evidence, ...]:
    found = []
    for s, text in said if said is not None else _said(article):
        if f" {term} " in text:
            found.append(Evidence.of(article.id, s))
            if len(found) == most:
                break
    return tuple(found)
