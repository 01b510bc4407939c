"""One Comparison of a set of articles: the object the screen, the reports and ``--json`` all show."""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sco_tui.analysis.actors import Actor, find_actors
from sco_tui.analysis.claims import Claim, claims_note, coverage, find_claims, prepare_claims
from sco_tui.analysis.cues.model import SentenceCues
from sco_tui.analysis.discrepancies import Discrepancy, find_discrepancies
from sco_tui.analysis.distinctive import Term, distinctive
from sco_tui.analysis.quotes import Quote, ScareQuote, Speakers, find_quotes
from sco_tui.analysis.reuse import Reuse, find_reuse
from sco_tui.analysis.text import sentences
from sco_tui.analysis.wording import TermUses, concordance, contested_terms, word_counts
from sco_tui.corpus.model import Article

ANALYSIS_VERSION = 2
LEDE_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class Column:
    """One article's head: who published it, its headline and its lede."""

    id: str
    outlet: str
    title: str
    date: str | None
    lede: tuple[str, ...]
    label: str = ""  # the outlet, with the id when two columns share an outlet

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "outlet": self.outlet, "title": self.title, "date": self.date,
                "lede": " ".join(self.lede)}


@dataclass(slots=True)
class Voice:
    """A speaker as one article quotes them."""

    speaker: str
    quotes: int
    words: int


@dataclass(slots=True)
class Comparison:
    articles: list[Column]
    actors: list[Actor]
    quotes: list[Quote]
    scare_quotes: list[ScareQuote]
    terms: list[TermUses]
    distinctive: dict[str, list[Term]]
    claims: list[Claim] = field(default_factory=list)
    unique: dict[str, list[str]] = field(default_factory=dict)
    omitted: dict[str, list[str]] = field(default_factory=dict)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    reuse: list[Reuse] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cues: list[SentenceCues] = field(default_factory=list)  # sentences with framing cues (analysis/cues)

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.id == claim_id)

    def voices(self, article_id: str) -> list[Voice]:
        """Who this article quotes, most words first."""
        by: dict[str, Voice] = {}
        for q in self.quotes:
            if q.article != article_id:
                continue
            name = q.speaker or "(unattributed)"
            v = by.setdefault(name, Voice(name, 0, 0))
            v.quotes += 1
            v.words += q.words if q.kind == "direct" else 0
        return sorted(by.values(), key=lambda v: (-v.words, -v.quotes, v.speaker))

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": [c.as_dict() for c in self.articles],
            "actors": [a.as_dict() for a in self.actors],
            "quotes": [q.as_dict() for q in self.quotes],
            "scare_quotes": [s.as_dict() for s in self.scare_quotes],
            "terms": [t.as_dict() for t in self.terms],
            "distinctive": {aid: [t.as_dict() for t in terms] for aid, terms in self.distinctive.items()},
            "claims": [c.as_dict() for c in self.claims],
            "unique": self.unique,
            "omitted": self.omitted,
            "discrepancies": [d.as_dict() for d in self.discrepancies],
            "reuse": [r.as_dict() for r in self.reuse],
            "notes": self.notes,
            "cues": [c.as_dict() for c in self.cues],
        }


def lede(article: Article, most: int = LEDE_SENTENCES) -> tuple[str, ...]:
    """The first sentences of the story proper (a Title Case standfirst is not the lede)."""
    out = []
    for s in sentences(article.body):
        words = s.text.split()
        if len(words) >= 6 and s.text.rstrip("”\"’')").endswith((".", "!", "?")):
            out.append(s.text)
            if len(out) == most:
                break
    return tuple(out)


#: Inputs holding at least this many characters of article text have their lexical findings (actors, quotes,
#: word choice, distinctive terms, discrepancies, reuse) made in a second process while this one aligns claims.
PARALLEL_CHARS = 150_000


def compare(articles: Sequence[Article], terms: Sequence[str] = (), parallel: bool | None = None) -> Comparison:
    """Everything part 1 of the comparison finds, each finding with its sentences.

    ``parallel``: make the lexical findings in a second process while the claims are aligned here (``None``:
    when the input is long enough); the findings are the same either way (see ``second_process``)."""
    arts = list(articles)
    if parallel is None:
        parallel = sum(len(a.body) for a in arts) >= PARALLEL_CHARS
    from sco_tui.analysis import second_process

    pending = _lexical_beside(arts, tuple(terms)) if parallel else None
    try:
        claims = find_claims(arts)
    except BaseException:
        second_process.abandon(pending)
        raise
    found = second_process.result(pending)
    actors, quotes, scare, asked, found_terms, distinct, prior, discrepancies, reuse, local = (
        found if found is not None else lexical(arts, tuple(terms)))
    notes = [
        "Actors: capitalised names split at titles and merged by shared name, acronym and role; "
        "'other' means the kind could not be told, not a guess.",
        "Distinctive terms: log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008), "
        f"each article against the rest; prior: {prior}. z >= 1.96 is marked significant.",
    ]
    short = [a.id for a in arts if not any(t.significant for t in distinct.get(a.id, []))]
    if short:
        notes.append(f"No term reaches z >= 1.96 in {len(short)} of {len(arts)} articles: too little text to call "
                     "any word distinctive there; the top terms are shown with their z.")
    outlets = [a.outlet_name for a in arts]
    columns = [Column(a.id, a.outlet_name, a.title, a.date.value, lede(a),
                      a.outlet_name if outlets.count(a.outlet_name) == 1 else f"{a.outlet_name} · {a.id[:10]}")
               for a in arts]
    unique, omitted = coverage(claims, [a.id for a in arts])
    notes.append(claims_note() + " Unique: carried by one article; omitted: carried by most, left out by this one. "
                 "Discrepancies pair values of one kind whose surrounding words overlap.")
    result = Comparison(columns, actors, quotes, scare, asked + [t for t in found_terms if t.term not in terms],
                        distinct, claims, unique, omitted, discrepancies, reuse, notes)
    return with_cues(result, arts, local)


#: The share of the sentence splitting (by characters) the second process takes before its lexical findings. Claims
#: start here once both halves are split, so the two should end together: this one splits its half and loads the
#: embedding model while the second one starts up (~0.15 s) and splits its own; half each comes closest.
SECOND_SHARE = 0.5


#: Articles whose claim units are made at a time while this process waits for the second one's split.
PREPARE_ARTICLES = 8


def _shares(bodies: list[str], share: float) -> tuple[list[str], list[str]]:
    """``bodies`` dealt into two lists, in order, the first holding about ``share`` of their characters."""
    first: list[str] = []
    second: list[str] = []
    held = [0, 0]
    for body in bodies:
        mine = held[0] * (1 - share) <= held[1] * share  # the side furthest below its share takes it
        (first if mine else second).append(body)
        held[0 if mine else 1] += len(body)
    return first, second


def _lexical_beside(arts: list[Article], terms: tuple[str, ...]):
    """``lexical`` started in the second process, after both processes split the bodies into sentences
    (``SECOND_SHARE`` of them there) and swapped the splits; ``None`` when no second process can take it (then
    this one does it all)."""
    from sco_tui.analysis import second_process, text

    todo = list(dict.fromkeys(a.body for a in arts if not text.known(a.body)))
    theirs, ours = _shares(todo, SECOND_SHARE)
    split = second_process.submit(text.spans_of, theirs) if theirs else None
    if theirs and split is None:
        return None
    try:
        mine = dict(zip(ours, text.spans_of(ours), strict=True))
        _load_model()
        # while the second process still splits its share: this share's claim units and embeddings, a few articles at
        # a time (remembered: the claims step starts with them made), until its answer arrives; neither waits idle
        own = [a for a in arts if a.body in mine]
        for at in range(0, len(own), PREPARE_ARTICLES):
            if second_process.ready(split):
                break
            prepare_claims(own[at:at + PREPARE_ARTICLES])
    except BaseException:
        second_process.abandon(split)
        raise
    got = second_process.result(split)
    if theirs:
        if got is None:
            return None
        text.seed(dict(zip(theirs, got, strict=True)))
    return second_process.submit(seeded_lexical, arts, terms, mine)


def _load_model() -> None:
    """The embedding model loaded now, while the second process splits (claims would load it on first use)."""
    from sco_tui.analysis import similarity

    with contextlib.suppress(similarity.ModelUnavailable):  # claims then work on the lexical signals alone
        similarity.load()


def seeded_lexical(arts: list[Article], terms: tuple[str, ...], splits: dict[str, list[tuple[int, int]]]) -> tuple:
    """``lexical`` in the second process, with the sentence splits the first one made."""
    from sco_tui.analysis import text

    text.seed(splits)
    return lexical(arts, terms)


def lexical(arts: list[Article], terms: tuple[str, ...]) -> tuple:
    """The findings that need no claims and no model: actors, quotes and scare quotes, the terms asked for,
    contested terms, distinctive terms and their prior, discrepancies, reuse, and the part of each sentence's
    framing cues that needs nothing else (what a second process makes)."""
    from sco_tui.analysis.cues import local_cues
    from sco_tui.analysis.cues.context import year_of

    actors = find_actors(arts)
    speakers = Speakers(actors)
    quotes: list[Quote] = []
    scare: list[ScareQuote] = []
    for a in arts:
        q, s = find_quotes(a, speakers)
        quotes.extend(q)
        scare.extend(s)
    corpus = word_counts(arts)
    found = contested_terms(arts, actors)
    asked = [concordance(arts, t, corpus=corpus) for t in terms if t.strip()]
    distinct, prior = distinctive(arts)
    local = [local_cues(a, year_of(a)) for a in arts]
    return actors, quotes, scare, asked, found, distinct, prior, find_discrepancies(arts), find_reuse(arts), local


def with_cues(result: Comparison, articles: list[Article], local: list | None = None) -> Comparison:
    """The comparison with its framing cues (they need its claims and quotes as context; ``local``: each
    article's ``cues.local_cues`` in article order, when made ahead)."""
    from sco_tui.analysis.cues import find_cues

    result.cues = find_cues(articles, result, local)
    result.notes.append("Cues: word lists (loaded words, labels, intensifiers, hedges, factive and assertive verbs), "
                        "scare quotes, forecasts, vague attribution, background far from the shared claims, content "
                        "only one outlet carries and one-sided sourcing; a sentence is flagged when its cues' "
                        "combined weight reaches 0.5.")
    return result


_CACHE: OrderedDict[str, Comparison] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def cached_compare(articles: Sequence[Article], terms: Sequence[str] = ()) -> Comparison:
    """``compare`` remembered by the articles' content hashes (and the terms asked for)."""
    h = hashlib.blake2b(digest_size=12)
    h.update(str(ANALYSIS_VERSION).encode())
    for a in articles:
        h.update(a.content_hash.encode())
    for t in terms:
        h.update(b"\x1f" + t.encode())
    key = h.hexdigest()
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    result = compare(articles, terms)
    with _CACHE_LOCK:
        _CACHE[key] = result
        while len(_CACHE) > 16:
            _CACHE.popitem(last=False)
    return result
