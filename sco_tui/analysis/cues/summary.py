"""Per article (or outlet): how many cues of each kind, and the strongest sentences — for the
comparison screen and the reports, which render it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sco_tui.analysis.cues.model import INFORMATIONAL, LEXICAL, SentenceCues
from sco_tui.analysis.text import sentences
from sco_tui.corpus.model import Article


@dataclass(slots=True)
class CueSummary:
    key: str  # an article id, or an outlet name
    outlet: str
    articles: list[str]
    sentences: int  # sentences in these articles
    cued: int  # sentences with any cue
    flagged: int
    kinds: Counter[str] = field(default_factory=Counter)  # cue kind -> sentences with it
    families: Counter[str] = field(default_factory=Counter)  # family -> flagged sentences with a cue of it
    strongest: list[SentenceCues] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.flagged / self.sentences if self.sentences else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "outlet": self.outlet, "articles": self.articles, "sentences": self.sentences,
                "cued": self.cued, "flagged": self.flagged, "share": round(self.share, 3),
                "kinds": dict(self.kinds.most_common()),
                "families": {f: self.families.get(f, 0) for f in (LEXICAL, INFORMATIONAL)},
                "strongest": [s.as_dict() for s in self.strongest]}


def cue_summary(articles: Sequence[Article], cues: Sequence[SentenceCues], by: str = "article",
                strongest: int = 3) -> list[CueSummary]:
    """Counts of cues by kind per article (``by="article"``) or per outlet (``by="outlet"``), with the
    ``strongest`` highest-scoring flagged sentences, in the articles' order."""
    if by not in ("article", "outlet"):
        raise ValueError(f"by must be 'article' or 'outlet', not {by!r}")
    key_of = {a.id: (a.id if by == "article" else a.outlet_name) for a in articles}
    out: dict[str, CueSummary] = {}
    for a in articles:
        k = key_of[a.id]
        s = out.setdefault(k, CueSummary(k, a.outlet_name, [], 0, 0, 0))
        s.articles.append(a.id)
        s.sentences += len(sentences(a.body))
    for sc in cues:
        k = key_of.get(sc.article)
        if k is None:
            continue
        s = out[k]
        s.cued += 1
        s.kinds.update({c.kind for c in sc.cues})
        if sc.flagged:
            s.flagged += 1
            s.families.update({c.family for c in sc.cues})
            s.strongest.append(sc)
    for s in out.values():
        s.strongest.sort(key=lambda sc: (-sc.score, sc.evidence.article, sc.evidence.sentence))
        del s.strongest[strongest:]
    return list(out.values())
