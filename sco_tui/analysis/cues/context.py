"""What the cue finder needs to know beyond one sentence: the article's quotes, and — when the
articles were compared — which sentences the outlets share and which only one carries.

``from_comparison`` is the one adapter to the claims API (``Comparison.claims`` / ``.unique``): it
reads claims as "article -> evidence (or evidences)" so that it keeps working while that API moves.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sco_tui.analysis.lexicon import STOPWORDS
from sco_tui.analysis.text import sentences, tokens
from sco_tui.corpus.model import Article

KEY_LETTERS = 6  # content words compared by their first letters: "sanctions" ~ "sanctioned", cheaply


def content_keys(text: str) -> set[str]:
    """The content words of ``text`` (no stop words), cut to their first ``KEY_LETTERS`` letters."""
    return {w[:KEY_LETTERS] for w in tokens(text) if len(w) > 2 and w not in STOPWORDS and not w.isdigit()}


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass(slots=True)
class ArticleContext:
    """One article as the cue finder sees it."""

    year: int | None = None
    scare: dict[int, list[str]] = field(default_factory=dict)  # sentence index -> scare-quoted phrases
    unattributed: dict[int, list[str]] = field(default_factory=dict)  # sentence -> quotes with no speaker
    speakers: dict[int, list[str]] = field(default_factory=dict)  # sentence -> speakers quoted there
    shared: set[int] | None = None  # sentences in a claim other articles carry too (None: not compared)
    unique: set[int] = field(default_factory=set)  # sentences in a claim only this article carries
    basis: frozenset[str] = frozenset()  # content keys of what the outlets share (or of the title and lede)
    basis_name: str = "the headline and lede"


@dataclass(slots=True)
class Context:
    articles: dict[str, ArticleContext]
    outlets: int = 1  # how many articles were compared (1: each article alone)
    voices: dict[str, Counter[str]] = field(default_factory=dict)  # article -> speaker -> quotes


def year_of(article: Article) -> int | None:
    """The year the article was published (its date, else the latest year its text names)."""
    value = article.date.value or ""
    m = _YEAR.search(value)
    if m:
        return int(m.group(1))
    years = [int(y) for y in _YEAR.findall(article.body)]
    return max(years) if years else None


def _quotes_into(ctx: Context, article: Article, quotes: Iterable, scare: Iterable) -> None:
    ac = ctx.articles[article.id]
    voices = ctx.voices.setdefault(article.id, Counter())
    for s in scare:
        if s.article == article.id:
            ac.scare.setdefault(s.evidence.sentence, []).append(s.text)
    for q in quotes:
        if q.article != article.id:
            continue
        if q.speaker:
            ac.speakers.setdefault(q.evidence.sentence, []).append(q.speaker)
            voices[q.speaker] += 1
        elif q.kind == "direct":
            ac.unattributed.setdefault(q.evidence.sentence, []).append(q.text)


def _lede_basis(article: Article) -> frozenset[str]:
    sents = sentences(article.body)
    return frozenset(content_keys(" ".join([article.title, *(s.text for s in sents[:3])])))


def standalone(articles: list[Article]) -> Context:
    """Each article on its own: its quotes (speakers found in the text), background judged against its lede."""
    from sco_tui.analysis.quotes import Speakers, find_quotes

    ctx = Context({})
    speakers = Speakers([])
    for a in articles:
        ctx.articles[a.id] = ArticleContext(year=year_of(a), basis=_lede_basis(a))
        quotes, scare = find_quotes(a, speakers)
        _quotes_into(ctx, a, quotes, scare)
    return ctx


def _evidences(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def from_comparison(articles: list[Article], comparison) -> Context:
    """The context a Comparison gives: quotes resolved to actors, shared and unique sentences."""
    ctx = Context({}, outlets=len(articles))
    ids = {a.id for a in articles}
    shared: dict[str, set[int]] = {a.id: set() for a in articles}
    shared_stems: set[str] = set()
    claim_sentences: dict[str, dict[str, list[int]]] = {}
    for claim in getattr(comparison, "claims", []) or []:
        carried = getattr(claim, "carried", None) or getattr(claim, "sentences", {}) or {}
        per: dict[str, list[int]] = {}
        for art, value in carried.items():
            for ev in _evidences(value):
                idx = getattr(ev, "sentence", None)
                if art in ids and isinstance(idx, int):
                    per.setdefault(art, []).append(idx)
                    if len(carried) >= 2:
                        shared[art].add(idx)
                        shared_stems.update(content_keys(getattr(ev, "text", "")))
        claim_sentences[getattr(claim, "id", "")] = per
    unique: dict[str, set[int]] = {a.id: set() for a in articles}
    for art, claim_ids in (getattr(comparison, "unique", {}) or {}).items():
        for cid in claim_ids:
            for idx in claim_sentences.get(cid, {}).get(art, []):
                if art in unique:
                    unique[art].add(idx)
    for art in unique:  # a sentence with a clause other outlets carry is not "only this outlet's content"
        unique[art] -= shared.get(art, set())
    basis = frozenset(shared_stems)
    for a in articles:
        ctx.articles[a.id] = ArticleContext(year=year_of(a), shared=shared[a.id], unique=unique[a.id],
                                            basis=basis or _lede_basis(a),
                                            basis_name="what the other outlets also carry" if basis
                                            else "the headline and lede")
        _quotes_into(ctx, a, getattr(comparison, "quotes", []), getattr(comparison, "scare_quotes", []))
    return ctx
