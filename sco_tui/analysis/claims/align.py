"""Claims from the kept pairs (``find_claims``): units grouped best pair first with average linkage, a sentence joining
every claim it states, other sentences stating a claim again, near misses, pairs kept apart with why, repeats dropped
and overlaps marked; ``claims_note`` says how, in a sentence."""

from __future__ import annotations

from collections import Counter, defaultdict

from sco_tui.analysis.claims.carriers import _most
from sco_tui.analysis.claims.cutter import clauses
from sco_tui.analysis.claims.embeddings import _vectors
from sco_tui.analysis.claims.model import Apart, Claim, Near, Restated
from sco_tui.analysis.claims.pairs import candidates, distinct
from sco_tui.analysis.claims.rules import AGREE, CORE, EVENT_VERB, FLOOR, MARGIN, PREDICATE_AGREE, RATIO, THRESHOLD
from sco_tui.analysis.claims.scorer import _Scorer
from sco_tui.analysis.claims.units import _units
from sco_tui.analysis.claims.words import _clip, _surface
from sco_tui.corpus.model import Article


def _joins(scorer: _Scorer, unit: int, members: list[int], threshold: float) -> bool:
    scores = [scorer.score(unit, m) for m in members[:CORE]]
    if min(scores) < FLOOR or sum(scores) / len(scores) < threshold:
        return False
    scorer.agreements([(unit, m) for m in members[:CORE]])
    return all(scorer.agrees(unit, m) for m in members[:CORE])


def _two_facts(scorer: _Scorer, s: float, i: int, j: int, apart: dict[int, list[Apart]]) -> None:
    """Record that a pair scoring ``s`` was kept apart because what it says beyond the subject disagrees."""
    units = scorer.units
    common = sorted((units[i].stems & units[j].stems) & scorer.subject(), key=lambda x: (-scorer.idf.get(x, 0.0), x))
    about = ", ".join(_surface(units[i].text, x) for x in common[:4]) or "the story"
    predicates = scorer.other_predicates(i, j)
    if predicates:
        why = (f"score {s:.2f}, but they share little beyond the story's words ({about}) and say different things of "
               f"it: “{predicates[0]}” / “{predicates[1]}” (verb and object agree under {PREDICATE_AGREE}): one "
               "subject, different predicates")
    elif scorer.told_as_event(i, j) is False:
        noun = units[i] if units[i].event else units[j]
        why = (f"score {s:.2f}, but “{_clip(noun.text)}” names a fact as a noun and the other "
               + ("does so too (two mentions, not a stated fact)" if units[i].event and units[j].event else
                  f"has no verb telling it (none derived from “{noun.event}” or within {EVENT_VERB} of it)")
               + ": different facts")
    elif (beyond := scorer.beyond_list(i, j)) is not None and beyond < AGREE:
        listed = sorted(scorer.listed(i) & scorer.listed(j), key=lambda x: (-scorer.idf.get(x, 0.0), x))
        names = ", ".join(_surface(units[i].text, x) for x in listed[:4]) + (", …" if len(listed) > 4 else "")
        why = (f"score {s:.2f}, but what they share is a list of names ({names}) and what they say of it agrees only "
               f"{beyond:.2f} (at least {AGREE} counts): one list, different facts")
    elif scorer.conflicting(i, j):
        why = (f"score {s:.2f}, but their figures are too far apart to be one quantity told differently "
               f"({', '.join(scorer.conflicts(i, j)[:3])}; within a ratio of {RATIO} counts): different facts")
    else:
        why = (f"score {s:.2f}, but beyond the story's subject ({about}) what they say agrees only "
               f"{scorer.agreement(i, j):.2f} (at least {AGREE} counts): one subject, different facts")
    apart[i].append(Apart(units[i].article, units[j].article, s, why))
    apart[j].append(Apart(units[j].article, units[i].article, s, why))


def find_claims(articles: list[Article], threshold: float = THRESHOLD) -> list[Claim]:
    """Claims, the most widely carried first; a sentence joins every claim it carries."""
    units = _units(articles)
    scorer = _Scorer(units, _vectors(articles))
    found = candidates(scorer)
    pairs, apart = distinct(scorer, found)
    cluster: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    arts: dict[int, set[str]] = {}  # a cluster's articles (clusters of one unit: looked up when needed)
    owner = list(range(len(units)))
    for sc, i, j in pairs:
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        a, b = cluster[ci], cluster[cj]
        arts_a = arts.get(ci) or {units[ci].article}
        arts_b = arts.get(cj) or {units[cj].article}
        if not arts_a.isdisjoint(arts_b):
            continue
        scores = [scorer.score(x, y) for x in a[:CORE] for y in b[:CORE]]
        if min(scores) < FLOOR or sum(scores) / len(scores) < threshold:
            continue  # average linkage between the two groups, and no pair below the floor
        if not scorer.agrees(i, j):  # one fact, not one subject (checked only for pairs that would merge: fast)
            _two_facts(scorer, sc, i, j, apart)
            continue
        scorer.agreements([(x, y) for x in a[:CORE] for y in b[:CORE]])
        if not all(scorer.agrees(x, y) for x in a[:CORE] for y in b[:CORE]):
            continue
        a.extend(b)
        for k in b:
            owner[k] = ci
        arts[ci] = arts_a | arts_b
        arts.pop(cj, None)
        del cluster[cj]
    # many-to-many: a unit also joins every other claim it matches as well as the members match each other
    extra: dict[int, list[int]] = defaultdict(list)
    partners: dict[int, set[int]] = defaultdict(set)
    for _, i, j in pairs:
        partners[i].add(owner[j])
        partners[j].add(owner[i])
    for i in range(len(units)):
        for c in partners[i]:
            if owner[i] == c or len(cluster[c]) < 2 or units[i].article in arts[c]:
                continue
            if _joins(scorer, i, cluster[c], threshold):
                extra[c].append(i)
                arts[c].add(units[i].article)
    order = {a.id: k for k, a in enumerate(articles)}
    claims: list[Claim] = []
    close: dict[int, list[tuple[float, int]]] = defaultdict(list)  # every pair above the floor, kept or not
    for sc, i, j in found:
        close[i].append((sc, j))
        close[j].append((sc, i))
    restated = {c: _restatements(scorer, members + extra.get(c, []), close, threshold)
                for c, members in cluster.items() if len(members) + len(extra.get(c, ())) > 1}
    told_again = {r for found_in in restated.values() for rs in found_in.values() for r, _, _ in rs}
    for c, members in cluster.items():
        if len(members) == 1 and c not in extra and members[0] in told_again:
            continue  # a clause another claim holds as its article telling that claim again is not unique
        claim = _claim(scorer, members + extra.get(c, []), order)
        claim.restated = {a: [Restated(units[r].evidence, units[r].text, mean, own) for r, mean, own in rs]
                          for a, rs in restated.get(c, {}).items()}
        if len(claim.sentences) >= _most(len(articles)):  # a claim some may leave out: who carries it in part
            claim.near = _near(scorer, members + extra.get(c, []), close)
        claim.apart = sorted((x for m in members for x in apart.get(m, ()) if x.b not in claim.sentences),
                             key=lambda x: -x.score)[:3]  # the closest calls
        claims.append(claim)
    claims = _drop_repeats(_merge_same_sentence_singletons(claims))
    claims.sort(key=lambda c: (-len(c.sentences), min(order[a] for a in c.sentences),
                               min(e.sentence for e in c.sentences.values())))
    for k, c in enumerate(claims, 1):
        c.id = f"c{k}"
    _mark_overlaps(claims)
    return claims


def _restatements(scorer: _Scorer, members: list[int], close: dict[int, list[tuple[float, int]]],
                  threshold: float) -> dict[str, list[tuple[int, float, float]]]:
    """Other sentences of the claim's articles that state it again (a lede told again in the body): a clause
    joins as its article's members would, on average at least ``threshold`` against the other articles'
    members with none under ``FLOOR`` and agreeing with each (``_joins``), and scores ``FLOOR`` or more against
    its own article's member (it restates that sentence, at least in part). Per article, ``(unit, mean, own)``
    for the best clause of each such sentence, in sentence order."""
    units = scorer.units
    mine = {units[m].article: m for m in members}
    held = {(units[m].article, units[m].evidence.sentence) for m in members}
    best: dict[tuple[str, int], tuple[int, float, float]] = {}
    for j in sorted({j for m in members for _, j in close.get(m, ())}):
        u = units[j]
        key = (u.article, u.evidence.sentence)
        own = mine.get(u.article)
        if own is None or key in held:
            continue
        others = [m for m in members if units[m].article != u.article]
        own_score = scorer.score(j, own)
        if own_score < FLOOR or not _joins(scorer, j, others, threshold):
            continue
        mean = sum(scorer.score(j, m) for m in others[:CORE]) / len(others[:CORE])
        if key not in best or mean > best[key][1]:
            best[key] = (j, mean, own_score)
    out: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
    for (article, _), found in sorted(best.items()):
        out[article].append(found)
    return dict(out)


def _claim(scorer: _Scorer, members: list[int], order: dict[str, int]) -> Claim:
    units = scorer.units
    members = sorted(members, key=lambda k: (order[units[k].article], units[k].evidence.sentence))
    links = [scorer.link(x, y) for k, x in enumerate(members) for y in members[k + 1:]]
    best = max(members, key=lambda x: sum(scorer.score(x, y) for y in members if y != x))
    score = sum(link.score for link in links) / len(links) if links else 1.0
    return Claim("", units[best].evidence.text, {units[k].article: units[k].evidence for k in members},
                 {units[k].article: units[k].text for k in members}, links, score)


def _near(scorer: _Scorer, members: list[int], close: dict[int, list[tuple[float, int]]]) -> dict[str, Near]:
    """Articles outside the claim with a clause that scores above the floor against the claim (on average
    over its members) without joining it: they carry it in other words or in part, so they do not leave it
    out."""
    units = scorer.units
    inside = {units[m].article for m in members}
    core = members[:CORE]
    out: dict[str, Near] = {}
    for j in {j for m in members for _, j in close.get(m, ()) if units[j].article not in inside}:
        scores = [scorer.score(j, m) for m in core]
        mean = sum(scores) / len(scores)
        article = units[j].article
        if mean >= FLOOR and (article not in out or mean > out[article].score):
            best = max(core, key=lambda m: scorer.score(j, m))
            out[article] = Near(units[j].evidence, units[j].text, mean, units[best].article)
    return out


def _mark_overlaps(claims: list[Claim]) -> None:
    """A sentence is in several claims rightly when it states several facts, that is through different clauses.
    Two shared claims that hold two or more of the same sentences otherwise (through the same clause, or either
    through the whole sentence, which carries all its facts) may be one fact aligned twice, or one of them
    may hold a sentence it should not: each records the other (``overlaps``) so the screen says so."""
    def whole(c: Claim, a: str) -> bool:
        return c.clauses[a] == c.sentences[a].text or len(clauses(c.sentences[a].text)) < 2

    holders: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        if len(c.sentences) > 1:
            for a, e in c.sentences.items():
                holders[(a, e.sentence)].append(c)
    count: dict[tuple[str, str], int] = Counter()
    for (a, _), held in holders.items():
        for k, x in enumerate(held):
            for y in held[k + 1:]:
                if whole(x, a) or whole(y, a) or x.clauses[a] == y.clauses[a]:
                    count[(x.id, y.id)] += 1
    by_id = {c.id: c for c in claims}
    for (x, y), n in count.items():
        if n >= 2:
            by_id[x].overlaps[y] = n
            by_id[y].overlaps[x] = n
            by_id[x].overlap_texts[y] = _clip(by_id[y].text, 60)
            by_id[y].overlap_texts[x] = _clip(by_id[x].text, 60)


def _drop_repeats(claims: list[Claim]) -> list[Claim]:
    """A claim whose very clauses another (larger or better-scored) claim already aligns tells nothing new."""
    keep: list[Claim] = []
    holding: dict[tuple[str, str], set[int]] = defaultdict(set)  # (article, clause) -> the kept claims with it
    for c in sorted(claims, key=lambda c: (-len(c.sentences), -c.score)):
        mine = set(c.clauses.items())
        if len(mine) > 1:
            # a kept claim holding all of ``mine`` is among those holding each of its clauses (no pass over all kept)
            held = set.intersection(*(holding.get(x, set()) for x in mine))
            if held:
                continue
        for x in mine:
            holding[x].add(len(keep))
        keep.append(c)
    return keep


def _merge_same_sentence_singletons(claims: list[Claim]) -> list[Claim]:
    """Clauses of one sentence that matched nothing make one unique claim, not one per clause."""
    out: list[Claim] = []
    alone: dict[tuple[str, int], Claim] = {}
    for c in claims:
        if len(c.sentences) > 1:
            out.append(c)
            continue
        [(article, evidence)] = c.sentences.items()
        key = (article, evidence.sentence)
        if key in alone:
            alone[key].clauses[article] = c.clauses[article] if c.clauses[article] == evidence.text else \
                f"{alone[key].clauses[article]} | {c.clauses[article]}"
            continue
        alone[key] = c
        out.append(c)
    return out


def claims_note() -> str:
    """How claims were aligned, in a sentence for the comparison's notes."""
    from sco_tui.analysis import similarity

    how = (f"embedding cosine ({similarity.MODEL}, offline)" if similarity.loaded()
           else "word overlap only (the embedding model could not be loaded)")
    return (f"Claims: clauses aligned across articles on {how}, IDF-weighted word overlap and shared names and "
            f"values; a claim's pairs average at least {THRESHOLD} and none is under {FLOOR} (average linkage, no "
            "chaining), thresholds set where chance matches between different events stay under 1 in 100; "
            f"a pair must also beat the best other sentence of the other article by {MARGIN} (what they share is "
            "then more than the story's subject); a sentence joins every claim it states; an outlet with a "
            "sentence close to a claim carries it in other words or in part and is not said to leave it out.")
