"""Framing cues: every sentence a reader should look at twice, and why.

Lexical cues (how it is said: loaded words, labels, intensifiers, hedges, factive and assertive
verbs, scare quotes) and informational cues (what is said: speculation told as news, vague or
missing attribution, background far from what the outlets share, content only one outlet carries,
one-sided sourcing). Each cue names its words and its reason; a sentence's cues add up to a score
(see ``model``) and the tool flags the sentences worth a second look.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sco_tui.analysis.cues.context import ArticleContext, Context, content_keys, from_comparison, standalone
from sco_tui.analysis.cues.informational import (
    background_cue,
    one_sided_cue,
    past_markers,
    speculation_cues,
    unattributed_quote_cue,
    unique_cue,
    vague_cues,
)
from sco_tui.analysis.cues.lexical import scare_cues, word_cues
from sco_tui.analysis.cues.model import INFORMATIONAL, KINDS, LEXICAL, THRESHOLD, Cue, SentenceCues, scored
from sco_tui.analysis.cues.summary import CueSummary, cue_summary
from sco_tui.analysis.evidence import Evidence
from sco_tui.analysis.lexicon import REPORT_VERBS, SPEECH_VERBS
from sco_tui.analysis.text import sentences, tokens
from sco_tui.corpus.model import Article

__all__ = [
    "INFORMATIONAL",
    "KINDS",
    "LEXICAL",
    "THRESHOLD",
    "Cue",
    "CueSummary",
    "SentenceCues",
    "article_cues",
    "cue_summary",
    "find_cues",
    "local_cues",
]

BACKGROUND_OVERLAP = 0.25  # below a quarter of its content words shared: far from the common story
ONE_SIDED_SHARE = 2 / 3  # one speaker holds two thirds of an article's quotes …
ONE_SIDED_MIN = 3  # … of at least three


def _one_sided(article_id: str, ctx: Context) -> tuple[str, float, list[str]] | None:
    voices = ctx.voices.get(article_id)
    if ctx.outlets < 2 or not voices:
        return None
    total = sum(voices.values())
    speaker, top = voices.most_common(1)[0]
    if total < ONE_SIDED_MIN or top / total < ONE_SIDED_SHARE:
        return None
    others = sorted({s for a, v in ctx.voices.items() if a != article_id for s in v} - set(voices))
    return (speaker, top / total, others) if others else None


_SPEECH = frozenset(SPEECH_VERBS | set("according saying asking writing adding telling noting warning stating claiming "
                                       "arguing explaining insisting calling describing quoting quoted".split()))
_PARTIAL = frozenset("said says say saying told tells wrote writes added adds asked replied tweeted according "
                     "called calls calling described describes referred refers referring dubbed dubs termed "
                     "labeled labelled labels branded brands characterized characterised".split())
#: verbs that make what follows them someone's reported words ("He said the ban probably would …")
REPORTING = frozenset(_PARTIAL | REPORT_VERBS | {"predicts", "warns", "argues", "believe", "expects", "estimated",
                                                  "estimates", "forecast", "forecasts"})


def _paragraph(body: str, start: int, end: int) -> str:
    lo = body.rfind("\n", 0, start) + 1
    hi = body.find("\n", end)
    return body[lo: hi if hi != -1 else len(body)]


def _attributed(paragraph: str) -> bool:
    """A paragraph that names how someone spoke ("said", "according to", a colon before a quote)."""
    return bool(_SPEECH & set(tokens(paragraph))) or bool(re.search(r":\s*[“\"]", paragraph))


@dataclass(frozen=True, slots=True)
class Local:
    """What one sentence's cues need of the sentence alone (no other outlet, no quote analysis): made ahead,
    in a second process for long inputs, and finished by ``article_cues`` once the comparison is known."""

    spoken: bool  # the sentence says who spoke: its short quotes are that speaker's words
    words: tuple[Cue, ...]
    speculation: tuple[Cue, ...]
    vague: tuple[Cue, ...]
    markers: tuple[tuple[str, int, int], ...]  # past markers: text, start and end in the sentence
    keys: frozenset[str] | None  # content keys (only when there are markers)


def local_cues(article: Article, year: int | None) -> tuple[Local, ...]:
    """Each sentence's ``Local`` part, in sentence order (``year``: the article's, see ``context.year_of``)."""
    out = []
    for s in sentences(article.body):
        words = set(tokens(s.text))
        spoken = bool(_PARTIAL & words)
        markers = tuple((m.group(0), m.start(), m.end()) for m in past_markers(s, year))
        out.append(Local(spoken, tuple(word_cues(s, spoken)),
                         tuple(speculation_cues(s, REPORTING if REPORTING & words else frozenset())),
                         tuple(vague_cues(s)), markers, frozenset(content_keys(s.text)) if markers else None))
    return tuple(out)


def article_cues(article: Article, ctx: ArticleContext, context: Context | None = None,
                 local: Sequence[Local] | None = None) -> list[SentenceCues]:
    """The sentences of one article that carry any cue, in text order (``local``: its ``local_cues``, when
    made ahead)."""
    context = context or Context({article.id: ctx})
    sided = _one_sided(article.id, context)
    local = local if local is not None else local_cues(article, ctx.year)
    out = []
    for s, own in zip(sentences(article.body), local, strict=True):
        found: list[Cue] = list(own.words)
        scare = [] if own.spoken else ctx.scare.get(s.index, [])
        found += scare_cues(s, scare)
        found += own.speculation
        found += own.vague
        loose = ctx.unattributed.get(s.index, [])
        if loose and not _attributed(_paragraph(article.body, s.start, s.end)):
            found += [unattributed_quote_cue(s, q) for q in loose]
        in_shared = ctx.shared is not None and s.index in ctx.shared
        if not in_shared and own.markers:
            stems = own.keys or frozenset()
            overlap = len(stems & ctx.basis) / len(stems) if stems else 1.0
            if overlap < BACKGROUND_OVERLAP:
                found.append(background_cue(s, own.markers, overlap, ctx.basis_name))
        if context.outlets >= 3 and s.index in ctx.unique:
            found.append(unique_cue(context.outlets))
        if sided and sided[0] in ctx.speakers.get(s.index, []):
            found.append(one_sided_cue(*sided))
        if found:
            found.sort(key=lambda c: (c.spans[0][0] if c.spans else s.end, c.kind))
            out.append(scored(article.id, Evidence.of(article.id, s), found))
    return out


def find_cues(articles: Sequence[Article], comparison=None,
              local: Sequence[tuple[Local, ...]] | None = None) -> list[SentenceCues]:
    """Cues in every article; with a Comparison of these articles, the informational cues that need
    the other outlets (shared background, unique content, one-sided sourcing) too. ``local``: each
    article's ``local_cues`` in article order, when made ahead (the cues are the same either way)."""
    arts = list(articles)
    context = from_comparison(arts, comparison) if comparison is not None else standalone(arts)
    ahead = list(local) if local is not None and len(local) == len(arts) else [None] * len(arts)
    out: list[SentenceCues] = []
    for a, own in zip(arts, ahead, strict=True):
        out.extend(article_cues(a, context.articles[a.id], context, own))
    return out
