"""Stories: articles that report the same event, grouped so that "compare" means something on a
corpus of many events.

Two articles tell the same event when their headline and lede say the same thing, however worded,
and name the same people, places and values. Each article therefore carries two views of its lead:
a paraphrase-robust sentence embedding of its headline and of its lede (``analysis.similarity``,
the claims' own similarity) and a TF-IDF vector of the lead's content stems with names counted
twice. A story's score for an article mixes the two cosines against the story's centroids.

Events are separated by time as well as by words: articles are taken in date order and may join
only a story that is still open (its last article at most ``GAP_DAYS`` before, its first at most
``SPAN_DAYS`` before), so an accusation and the hearing weeks later, which share every name, are
two stories. Within that window, an article that would carry a story into a third day must also
report what the story reports, not only its topic (``_Groups.reports_the_same``): successive events
on one topic share their lasting names, not what each adds; and a story over three days or more is
split at the day where its articles fall into two groups by their words (``_split_successive``).
Undated articles join a story only on a stronger match and on what they share beside
names (``_Groups.beyond_names``: a 2019 piece on Sanders is not his 2020 drop-out), and an undated story
of one outlet alone takes only near-copies (an outlet's template is not an event). Corrections a user
made (``analysis.story_corrections``) are applied to the result by the caller.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise, repeat
from typing import TYPE_CHECKING

from sco_tui.analysis.story_features import Features, compute, day_of
from sco_tui.corpus.model import Article

__all__ = ["STORIES_VERSION", "Features", "Story", "fill_absent", "group_stories", "make_story", "story_id"]

if TYPE_CHECKING:
    import numpy as np

STORIES_VERSION = 4
EMBED_WEIGHT = 0.6  # the score: this much embedding cosine, the rest lexical (TF-IDF) cosine
THRESHOLD = 0.38  # score to join an open story (calibrated on the full AllSides set, see benchmarks/story_proxy.py)
UNDATED_THRESHOLD = 0.55  # an undated article (or story) needs a stronger match: it has no date to agree on
SAME_OUTLET_THRESHOLD = 0.8  # and, to join an undated story of its own outlet alone, a near-copy's (an outlet's
# template, "From the Left ... From the Right", otherwise holds its undated pieces together)
EMBED_FLOOR = 0.25  # stories below this embedding cosine are not scored at all (a cheap pre-filter)
GAP_DAYS = 2  # an article may follow a story's last article by at most this many days
SPAN_DAYS = 4  # and its first by at most this many: a later development is a new story
LATE_DAYS = 14  # up to this many days after its last article, a story takes only a near-copy
LATE_THRESHOLD = 0.65  # (one event's articles score 0.65-0.8 on the seeds; Kavanaugh's accusation and testimony ~0.5)
LATE_FLOOR = 0.6  # (the embedding cosine such a near-copy needs before it is scored at all)
NOVEL_AFTER = 2  # an article dated more than this many days after a story's first must also report what it reports:
NOVEL_SHARE = 0.3  # when this share of its weight lies beyond the story's lasting words (those of 2+ days),
NOVEL_THRESHOLD = 0.3  # those words must meet the story's own beyond-lasting words at this cosine (both calibrated
# on the full AllSides set, benchmarks/story_proxy.py: triples whole 81 of 250, stories over 3+ days 1,055 -> 130)
NEAR_DAYS = 1  # "not covered by": outlets that published within this many days of the story's window
UNDATED_BEYOND = 0.4  # and joins another outlet's story only if what they say beside names meets at this cosine
# (_best): calibrated by hiding the dates of 3,536 articles of the full set (benchmarks/story_proxy.py --hide-dates):
# at 0.4 a hidden article joins a story holding its own mates 1.6 times as often as a dated story without them
# (2.7 times for proxy triples); on the score alone (names enough) 0.85 times
SPLIT_DAYS = 3  # a story over this many days or more may be successive events (_split_successive):
SPLIT_SIDE = 2  # split where both sides hold this many articles or more
SPLIT_MARGIN: float | None = 0.2  # and lie apart by their words by this margin (None: no split). On the full
# AllSides set (benchmarks/story_proxy.py): 21 stories split, no proxy triple lost; at 0.1 one triple is lost
CANDIDATES = 8  # an undated article is scored against the stories nearest by embedding
UNDATED_FLOOR = 0.4  # (and only those this near: below it, a score of 0.55 needs a lexical cosine above 0.78)
BLOCK = 2048  # undated articles scored against the stories at a time (one matrix product)
BACKGROUND_DOCS = 200  # below this many articles, word rarity comes from English at large (wordfreq)


@dataclass(slots=True)
class Story:
    id: str
    label: str  # the headline of the article nearest the story's centre
    articles: list[str]
    outlets: dict[str, int]
    first: str | None  # ISO dates
    last: str | None
    terms: list[str] = field(default_factory=list)  # the most telling words, as the articles write them
    absent: list[str] = field(default_factory=list)  # outlets that published around these dates but not this
    corrected: bool = False  # a user's merge or move changed this story

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "articles": self.articles, "outlets": self.outlets,
                "first": self.first, "last": self.last, "terms": self.terms, "absent": self.absent,
                "corrected": self.corrected}


Lexical = tuple[list[int], list[float]]  # an article's TF-IDF vector: stem numbers and unit-length weights


class _Groups:
    """The stories being built: member lists, date spans, embedding sums (one matrix) and lexical sums."""

    def __init__(self, n: int, dim: int) -> None:
        import numpy as np

        self.members: list[list[int]] = []
        self.first: list[int | None] = []
        self.last: list[int | None] = []
        self.lexical: list[dict[int, float]] = []
        self.lexical_norm2: list[float] = []
        self.seen: list[dict[int, int | None]] = []  # per story: the day each stem first came
        self.lasting: list[set[int]] = []  # and the stems its articles carry on two or more days
        self.named: list[set[int]] = []  # the stems its articles write as names
        self.sums = np.zeros((max(n, 1), dim), dtype=np.float32)  # at most one story per article
        self.norms = np.zeros(max(n, 1), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.members)

    def new(self) -> int:
        self.members.append([])
        self.first.append(None)
        self.last.append(None)
        self.lexical.append({})
        self.lexical_norm2.append(0.0)
        self.seen.append({})
        self.lasting.append(set())
        self.named.append(set())
        return len(self.members) - 1

    def add(self, g: int, k: int, lexical: Lexical, vector: np.ndarray, day: int | None,
            names: Iterable[int] = ()) -> None:
        self.members[g].append(k)
        self.named[g].update(names)
        c, n2 = self.lexical[g], self.lexical_norm2[g]
        for t, w in zip(*lexical, strict=True):
            old = c.get(t, 0.0)
            c[t] = old + w
            n2 += 2 * old * w + w * w
        self.lexical_norm2[g] = n2
        seen, lasting = self.seen[g], self.lasting[g]
        for t in lexical[0]:
            if t not in seen:
                seen[t] = day
            elif seen[t] != day and day is not None:
                lasting.add(t)
        self.sums[g] += vector
        self.norms[g] = float(self.sums[g] @ self.sums[g]) ** 0.5
        if day is not None:
            self.first[g] = day if self.first[g] is None else min(self.first[g], day)
            self.last[g] = day if self.last[g] is None else max(self.last[g], day)

    def reset(self, g: int) -> None:
        """Empty story ``g`` (to fill it again)."""
        self.members[g], self.first[g], self.last[g] = [], None, None
        self.lexical[g], self.lexical_norm2[g], self.seen[g] = {}, 0.0, {}
        self.lasting[g], self.named[g] = set(), set()
        self.sums[g] = 0.0
        self.norms[g] = 0.0

    def unit(self, g: int) -> np.ndarray:
        n = float(self.norms[g])
        return self.sums[g] / n if n > 0 else self.sums[g]

    def lexical_cosine(self, g: int, v: Lexical) -> float:
        n2 = self.lexical_norm2[g]
        if n2 <= 0:
            return 0.0
        return sum(map(operator.mul, v[1], map(self.lexical[g].get, v[0], repeat(0.0, len(v[0]))))) / math.sqrt(n2)


    def reports_the_same(self, g: int, v: Lexical) -> bool:
        """Whether an article reports what the story reports, not only its topic: the story's lasting
        stems (carried on two or more days: its names and topic) set apart, does most of the article's
        weight lie there, or do its other stems meet the story's other stems? An accusation and the
        hearing a week later share every lasting name; what each adds differs."""
        lasting, c = self.lasting[g], self.lexical[g]
        if not lasting:
            return True
        a = [(t, w) for t, w in zip(*v, strict=True) if t not in lasting]
        na2 = sum(w * w for _, w in a)
        if na2 < NOVEL_SHARE:  # (the article's vector has unit length)
            return True
        nc = math.sqrt(sum(x * x for t, x in c.items() if t not in lasting))
        return nc > 0 and sum(w * c.get(t, 0.0) for t, w in a) / (math.sqrt(na2) * nc) >= NOVEL_THRESHOLD


    def beyond_names(self, g: int, v: Lexical, names: frozenset[int]) -> float:
        """The lexical cosine of an article and a story on what they say beside names (theirs and
        the story's): a 2019 Sanders piece and his 2020 drop-out story share "Sanders", "Bernie",
        "campaign"; the drop-out's own report is what an undated article must share."""
        skip, c = names | self.named[g], self.lexical[g]
        a = [(t, w) for t, w in zip(*v, strict=True) if t not in skip]
        na = math.sqrt(sum(w * w for _, w in a))
        nc = math.sqrt(sum(x * x for t, x in c.items() if t not in skip))
        return sum(w * c.get(t, 0.0) for t, w in a) / (na * nc) if na > 0 and nc > 0 else 0.0


def group_stories(articles: list[Article], cached: Mapping[str, Features] | None = None
                  ) -> tuple[list[Story], dict[str, Features]]:
    """Stories over ``articles`` (covered by most outlets first), and the features used (by content
    hash, to cache)."""
    import numpy as np

    cached = cached or {}
    hashes = [a.content_hash for a in articles]
    found = [cached.get(h) for h in hashes]
    missing = [k for k, f in enumerate(found) if f is None or f.vector is None]
    for k, f in zip(missing, compute([articles[k] for k in missing]), strict=True):
        found[k] = f
    feats: list[Features] = found  # type: ignore[assignment]
    by_hash = dict(zip(hashes, feats, strict=True))
    if not articles:
        return [], by_hash
    lexical, vocab = _vectors(feats)
    number = {s: t for t, s in enumerate(vocab)}
    names = [frozenset(map(number.__getitem__, f.names)) for f in feats]
    emb = np.stack([f.vector for f in feats]).astype(np.float32)
    groups = _assign(feats, lexical, emb, [a.outlet.value for a in articles], names)
    stories = [build_story([articles[k] for k in groups.members[g]], groups, g, lexical, emb,
                           _terms([feats[k] for k in groups.members[g]], groups.lexical[g], vocab))
               for g in range(len(groups))]
    fill_absent(stories, [(a.outlet_name, a.date.value) for a in articles])
    stories.sort(key=lambda s: (-len(s.outlets), -len(s.articles), s.first or "", s.id))
    return stories, by_hash


def _assign(feats: Sequence[Features], lexical: Sequence[Lexical], emb: np.ndarray,
            outlets: Sequence[str | None] | None = None, names: Sequence[frozenset[int]] | None = None) -> _Groups:
    """Leader-follower in date order over open stories; then the undated, against every story."""
    import numpy as np

    groups = _Groups(len(feats), emb.shape[1])
    checked = names is not None  # (without names, undated articles join on the score alone: for calibrating)
    names = names if names is not None else [frozenset()] * len(feats)
    dated = sorted((f.day, k) for k, f in enumerate(feats) if f.day is not None)
    recent: list[int] = []
    open_: list[int] = []
    shut: list[int] = []
    today = None
    for day, k in dated:
        if day != today:  # which stories are open changes only with the day (or when one is joined, below)
            today = day
            recent = [g for g in recent if day - groups.last[g] <= LATE_DAYS]
            open_ = [g for g in recent if day - groups.last[g] <= GAP_DAYS and day - groups.first[g] <= SPAN_DAYS]
            shut = [g for g in recent if day - groups.last[g] > GAP_DAYS or day - groups.first[g] > SPAN_DAYS]
        best = _best(k, open_, groups, lexical, emb, THRESHOLD, day=day)
        if best is None:  # a page's date may be off by days: a near-copy of a recent story still joins it
            best = _best(k, shut, groups, lexical, emb, LATE_THRESHOLD, LATE_FLOOR, day=day)
            if best is not None and day - groups.first[best] <= SPAN_DAYS:  # joined today: open again
                shut.remove(best)
                open_.append(best)
        if best is None:
            best = groups.new()
            recent.append(best)
            open_.append(best)
        groups.add(best, k, lexical[k], emb[k], day, names[k])
    if SPLIT_MARGIN is not None:
        for g in range(len(groups)):
            _split_successive(groups, g, feats, lexical, emb, names)
    undated = [k for k, f in enumerate(feats) if f.day is None]
    if not undated:
        return groups
    # candidates by blocked matrix products: the dated stories nearest each undated article, and the
    # stories of the undated articles before it nearest to it; then the usual score on those alone
    base = len(groups)
    dated_units = groups.sums[:base] / np.maximum(groups.norms[:base], 1e-12)[:, None]
    own = emb[undated]
    story_of: list[int] = []
    for lo in range(0, len(undated), BLOCK):
        block = undated[lo:lo + BLOCK]
        near_dated = _nearest(own[lo:lo + BLOCK] @ dated_units.T, UNDATED_FLOOR)
        before = own[lo:lo + BLOCK] @ own[:lo + len(block)].T
        before[:, lo:][np.triu_indices(len(block))] = -1.0  # an article and those after it: not before it
        near_before = _nearest(before, UNDATED_FLOOR)
        for r, k in enumerate(block):
            pool = near_dated[r] + [story_of[j] for j in near_before[r]]
            pool = list(dict.fromkeys(pool))
            alone = [] if outlets is None or outlets[k] is None else [  # an undated story of this outlet alone:
                g for g in pool if groups.first[g] is None  # a near-copy only (unattributed pieces share no template)
                and all(outlets[m] == outlets[k] for m in groups.members[g])]
            best = _best(k, alone, groups, lexical, emb, SAME_OUTLET_THRESHOLD)
            if best is None:
                best = _best(k, [g for g in pool if g not in alone], groups, lexical, emb, UNDATED_THRESHOLD,
                             names=names[k] if checked else None)
            if best is None:
                best = groups.new()
            groups.add(best, k, lexical[k], emb[k], None, names[k])
            story_of.append(best)
    return groups


def _split_successive(groups: _Groups, g: int, feats: Sequence[Features], lexical: Sequence[Lexical],
                      emb: np.ndarray, names: Sequence[frozenset[int]]) -> None:
    """Split a story of successive events on one topic (an outcry, then an order, then a visit) at the
    day where its articles fall into two groups by their words: each article nearer (lexical cosine)
    the centroid of its own side, less itself, than the other side's, by ``SPLIT_MARGIN`` on average.
    The later part is split again the same way."""
    first, last = groups.first[g], groups.last[g]
    if first is None or last is None or last - first < SPLIT_DAYS - 1 or len(groups.members[g]) < 2 * SPLIT_SIDE:
        return
    members = sorted(groups.members[g], key=lambda k: feats[k].day)
    days = [feats[k].day for k in members]
    best, cut = SPLIT_MARGIN, None
    for i in range(SPLIT_SIDE, len(members) - SPLIT_SIDE + 1):
        if days[i] == days[i - 1]:
            continue
        margin = _margin([lexical[k] for k in members[:i]], [lexical[k] for k in members[i:]])
        if margin > best:
            best, cut = margin, i
    if cut is None:
        return
    groups.reset(g)
    later = groups.new()
    for n, k in enumerate(members):
        groups.add(g if n < cut else later, k, lexical[k], emb[k], days[n], names[k])
    _split_successive(groups, g, feats, lexical, emb, names)
    _split_successive(groups, later, feats, lexical, emb, names)


def _margin(left: Sequence[Lexical], right: Sequence[Lexical]) -> float:
    """How much nearer each article lies to its own side's centroid (less itself) than to the other's."""
    sides = []
    for vs in (left, right):
        c: dict[int, float] = defaultdict(float)
        for ts, ws in vs:
            for t, w in zip(ts, ws, strict=True):
                c[t] += w
        sides.append(c)
    total = 0.0
    for own, other, vs in ((sides[0], sides[1], left), (sides[1], sides[0], right)):
        n_own = sum(x * x for x in own.values())
        n_other = math.sqrt(sum(x * x for x in other.values())) or 1.0
        for ts, ws in vs:
            dot_own = sum(w * own[t] for t, w in zip(ts, ws, strict=True))
            rest = math.sqrt(max(n_own - 2 * dot_own + 1.0, 1e-12))  # |own - v| (v has unit length)
            total += (dot_own - 1.0) / rest - sum(w * other.get(t, 0.0) for t, w in zip(ts, ws, strict=True)) / n_other
    return total / (len(left) + len(right))


def _nearest(sims: np.ndarray, floor: float) -> list[list[int]]:
    """For each row, the columns of its ``CANDIDATES`` highest values that reach ``floor`` (found
    among the few that pass it: a full sort of each row costs more than the product)."""
    import numpy as np

    rows, cols = np.nonzero(sims >= floor)
    order = np.lexsort((-sims[rows, cols], rows))
    rows, cols = rows[order], cols[order]
    starts = np.searchsorted(rows, np.arange(sims.shape[0] + 1))
    return [cols[a:min(b, a + CANDIDATES)].tolist() for a, b in pairwise(starts)]


def _best(k: int, pool: Sequence[int], groups: _Groups, lexical: Sequence[Lexical], emb: np.ndarray,
          threshold: float, floor: float = EMBED_FLOOR, day: int | None = None,
          names: frozenset[int] | None = None) -> int | None:
    """The pooled story scoring highest for article ``k``, if it reaches ``threshold``; an article
    that would extend a story into later days must also pass the novelty check (``_Groups.reports_the_same``),
    and an undated article (``names``: its name stems) joins another outlet's story only on what they
    share beside names (``_Groups.beyond_names``)."""
    import numpy as np

    if not pool:
        return None
    index = np.fromiter(pool, dtype=np.int64, count=len(pool))
    norms = groups.norms[index]
    sims = (groups.sums[index] @ emb[k]) / np.where(norms > 0, norms, 1.0)
    scored = []
    for g, s in zip(pool, sims.tolist(), strict=True):
        if s < floor:
            continue
        score = EMBED_WEIGHT * s + (1 - EMBED_WEIGHT) * groups.lexical_cosine(g, lexical[k])
        if score >= threshold:
            scored.append((score, g))
    for _, g in sorted(scored, reverse=True):
        first = groups.first[g]
        if names is not None:  # (an undated article)
            if groups.beyond_names(g, lexical[k], names) >= UNDATED_BEYOND:
                return g
            continue
        if day is None or first is None or day - first <= NOVEL_AFTER or groups.reports_the_same(g, lexical[k]):
            return g
    return None


def score(a: Features, b: Features, idf: Mapping[str, float]) -> float:
    """The grouping's similarity of two articles (for explaining and calibrating)."""
    va, vb = _weights(a, idf), _weights(b, idf)
    emb = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
    return EMBED_WEIGHT * emb + (1 - EMBED_WEIGHT) * sum(x * vb.get(s, 0.0) for s, x in va.items())


def _idf(feats: Sequence[Features]) -> dict[str, float]:
    """How telling each stem is: rare in the corpus and, for a small corpus, rare in English too
    (five articles on one event share their names, which would otherwise count for nothing)."""
    n = len(feats) or 1
    df = Counter(s for f in feats for s in f.counts)
    idf = {s: math.log((n + 1) / (k + 0.5)) for s, k in df.items()}
    lam = BACKGROUND_DOCS / (BACKGROUND_DOCS + n)
    if lam < 0.01:
        return idf
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # optional resource: the corpus alone then
        return idf
    surface = _surfaces(feats)
    for s in idf:
        rarity = max(0.0, 8.0 - zipf_frequency(surface.get(s, s).lower(), "en", wordlist="small"))  # zipf 8 = "the"
        idf[s] = lam * rarity + (1 - lam) * idf[s]
    return idf


def _weights(f: Features, idf: Mapping[str, float]) -> dict[str, float]:
    v = {s: (1 + math.log(c)) * idf[s] for s, c in f.counts.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {s: x / norm for s, x in v.items()}


def _vectors(feats: Sequence[Features]) -> tuple[list[Lexical], list[str]]:
    """Every article's TF-IDF vector over numbered stems, and the stems by number (the weights of
    ``_weights``, computed for all articles at once)."""
    import numpy as np

    idf = _idf(feats)
    vocab = list(idf)
    number = {s: k for k, s in enumerate(vocab)}
    lengths = np.fromiter((len(f.counts) for f in feats), dtype=np.int64, count=len(feats))
    total = int(lengths.sum())
    ids = np.fromiter(chain.from_iterable(map(number.__getitem__, f.counts) for f in feats), dtype=np.int64,
                      count=total)
    tf = np.fromiter(chain.from_iterable(f.counts.values() for f in feats), dtype=np.float64, count=total)
    w = (1 + np.log(tf)) * np.fromiter(idf.values(), dtype=np.float64, count=len(vocab))[ids]
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    norms = np.zeros(len(feats))
    nonempty = lengths > 0
    norms[nonempty] = np.sqrt(np.add.reduceat(w * w, starts[nonempty]))
    w /= np.repeat(np.where(norms > 0, norms, 1.0), lengths)
    ids_list, w_list = ids.tolist(), w.tolist()
    return [(ids_list[a:a + n], w_list[a:a + n]) for a, n in zip(starts.tolist(), lengths.tolist(), strict=True)], vocab


def _surfaces(feats: Sequence[Features]) -> dict[str, str]:
    """Each stem as the articles write it, a capitalised form (a name) preferred."""
    out: dict[str, str] = {}
    for f in feats:
        for s, w in f.surface.items():
            have = out.get(s)
            if have is None or (w[:1].isupper() and not have[:1].isupper()):
                out[s] = w
    return out


def _terms(members: Sequence[Features], weights: Mapping[int, float], vocab: Sequence[str], n: int = 4) -> list[str]:
    """A story's ``n`` heaviest stems, as its articles write them (a name's capitals preferred)."""
    out = []
    for t, _ in heapq.nlargest(n, weights.items(), key=lambda p: (p[1], -p[0])):
        forms = [w for f in members if (w := f.surface.get(vocab[t]))]
        out.append(next((w for w in forms if w[:1].isupper()), forms[0] if forms else vocab[t]))
    return out


def story_id(members: Sequence[str]) -> str:
    return "s" + hashlib.blake2b(min(members).encode(), digest_size=4).hexdigest()


def build_story(members: Sequence[Article], groups: _Groups, g: int, lexical: Sequence[Lexical],
                emb: np.ndarray, terms: list[str]) -> Story:
    """A story of grouped articles, labelled by the headline of its most central article."""
    if len(members) == 1:
        return make_story(members, label=headline_label(members[0]), terms=terms)
    centre = groups.unit(g)
    central = max(zip(groups.members[g], members, strict=True),
                  key=lambda p: (float(emb[p[0]] @ centre) + groups.lexical_cosine(g, lexical[p[0]]), p[1].id))[1]
    return make_story(members, label=headline_label(central), terms=terms)


def headline_label(article: Article) -> str:
    title = " ".join(article.title.split())
    return title or " ".join(article.body.split()[:12])


def make_story(members: Sequence[Article], label: str, terms: list[str], corrected: bool = False) -> Story:
    ordered = sorted(members, key=lambda a: (a.date.value or "", a.id))
    outlets = Counter(a.outlet_name for a in ordered)
    dates = sorted(a.date.value[:10] for a in ordered if day_of(a.date.value) is not None)
    return Story(story_id([a.id for a in ordered]), label, [a.id for a in ordered], dict(outlets.most_common()),
                 dates[0] if dates else None, dates[-1] if dates else None, terms, [], corrected)


def fill_absent(stories: Sequence[Story], dated: Iterable[tuple[str, str | None]]) -> None:
    """Each story's "not covered by": outlets (of ``dated``, pairs of outlet and date) with an article
    within ``NEAR_DAYS`` of the story's dates. An undated story has no window, so no such list."""
    by_day: dict[int, set[str]] = defaultdict(set)
    for outlet, value in dated:
        d = day_of(value)
        if d is not None:
            by_day[d].add(outlet)
    for s in stories:
        first, last = day_of(s.first), day_of(s.last)
        if first is None or last is None:
            s.absent = []
            continue
        near = set().union(*(by_day.get(d, ()) for d in range(first - NEAR_DAYS, last + NEAR_DAYS + 1)))
        s.absent = sorted(near - set(s.outlets), key=lambda o: (o == "Unattributed", o.lower()))
