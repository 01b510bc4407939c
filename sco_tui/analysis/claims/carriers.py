"""What each article carries of the claims: those only it carries and those most carry that it leaves out
(``coverage``), and the share of its sentences aligned with another article's (``aligned_share``)."""

from __future__ import annotations

from sco_tui.analysis.claims.model import Claim
from sco_tui.analysis.claims.rules import MIN_WORDS
from sco_tui.analysis.text import sentences
from sco_tui.corpus.model import Article


def _most(n: int) -> int:
    """How many of ``n`` articles carry a claim that the others are said to leave out."""
    return max(2, n // 2 + 1)


def coverage(claims: list[Claim], article_ids: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """``(unique, omitted)``: per article, the claims only it carries, and the claims most articles
    carry that it leaves out."""
    most = _most(len(article_ids))
    unique: dict[str, list[str]] = {a: [] for a in article_ids}
    omitted: dict[str, list[str]] = {a: [] for a in article_ids}
    for c in claims:
        carriers = set(c.sentences)
        if len(carriers) == 1:
            unique[next(iter(carriers))].append(c.id)
        elif len(carriers) >= most:
            for a in article_ids:
                if a not in carriers and a not in c.near:  # a clause close to it: carried in other words or in part
                    omitted[a].append(c.id)
    return unique, omitted


def aligned_share(claims: list[Claim], articles: list[Article]) -> float:
    """Share of the articles' sentences (of ``MIN_WORDS`` words or more) that some claim aligns with
    another article's sentence."""
    total = sum(1 for a in articles for s in sentences(a.body) if len(s.text.split()) >= MIN_WORDS)
    aligned = {(a, e.sentence) for c in claims if len(c.sentences) > 1 for a, evs in c.carried.items() for e in evs}
    return len(aligned) / total if total else 0.0
