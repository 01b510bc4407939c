"""Informational cues (what is said): speculation told as news, vague or missing attribution,
background far from what the outlets share, content only this outlet carries, one-sided sourcing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sco_tui.analysis.cues.lexical import quoted_spans
from sco_tui.analysis.cues.model import KINDS, QUOTED_FACTOR, Cue
from sco_tui.analysis.text import Sentence, tokens

# "May" the month is capitalised: modals are matched case-sensitively after the first word.
_MODAL = r"(?:could|might|may)(?!\s+(?:not\s+)?(?:be\s+)?(?:reached|have\s+been\s+reached))"
SPECULATION = re.compile(
    rf"(?<![\w-])(?:{_MODAL}(?:\s+well|\s+potentially)?"
    r"|(?:is|are|was|were|be|been)\s+(?:widely\s+|largely\s+)?(?:expected|likely|unlikely|poised|predicted|forecast|"
    r"projected|tipped)\s+to"
    r"|(?:potentially|possibly|probably|likely)"
    r"|(?:raises?|raising)\s+the\s+(?:prospect|possibility|spectre|specter)"
    r"|(?:in|over)\s+the\s+coming\s+(?:days|weeks|months|years))(?![\w-])")
_COULD_NOT = re.compile(r"\b(?:could|might)\s+not\b")  # "could not attend": a past fact, not a forecast

_GROUP = (r"(?:critics|observers|analysts|experts|sources|insiders|skeptics|sceptics|opponents|detractors|"
          r"commentators|pundits|some|many|others|people|officials|supporters|activists)")
_SAY = (r"(?:say|says|said|argue|argued|argues|believe|believed|believes|contend|contended|warn|warned|fear|feared|"
        r"note|noted|suggest|suggested|claim|claimed|worry|worried|complain|complained|point\s+out|pointed\s+out|"
        r"charge|charged|insist|insisted|think|thought)")
VAGUE = re.compile(
    rf"(?<![\w-])(?:(?:some|many|several|other|most|a\s+few|numerous)\s+{_GROUP}\s+(?:have\s+|had\s+)?{_SAY}"
    rf"|(?<![A-Z][\w.]\s)(?<!['’]s\s)(?:critics|observers|analysts|experts|insiders|skeptics|sceptics|detractors|"
    rf"commentators|pundits)\s+(?:have\s+|had\s+)?{_SAY}"
    r"|(?:people|sources|persons?|officials?)\s+(?:familiar|close)\s+(?:with|to)"
    r"|according\s+to\s+(?:sources|reports|some|many|critics|observers|experts|analysts|people)"
    r"|it\s+is\s+(?:widely\s+|generally\s+)?(?:believed|thought|said|understood|feared|alleged|rumou?red|reported|"
    r"claimed|known)"
    r"|(?:is|are|was|were)\s+widely\s+(?:seen|viewed|regarded|considered|believed|expected|criticized|criticised)"
    r"|(?:has|have|had)\s+been\s+(?:widely\s+)?(?:criticized|criticised|accused|slammed|condemned)(?!\s+by)"
    r"|(?:reports|rumou?rs)\s+(?:suggest|say|said|indicate)"
    r"|(?:there\s+(?:are|were|have\s+been)\s+(?:growing\s+)?(?:concerns|fears|questions|worries))"
    r"|(?:questions|concerns)\s+(?:have\s+been|were|are\s+being)\s+raised)(?![\w-])",
    re.IGNORECASE)

PAST = re.compile(
    r"(?<![\w-])(?:previously|formerly|historically|in\s+the\s+past|for\s+(?:years|decades)|(?:years|decades)\s+ago|"
    r"has\s+long|have\s+long|had\s+long|last\s+year|a\s+history\s+of|his\s+record|her\s+record|their\s+record|"
    r"track\s+record|once\s+(?:again\s+)?(?:was|were|had|called)|was\s+(?:convicted|accused|charged|indicted|"
    r"arrested|fired|impeached)|(?:in|since|from|until|by)\s+(?:(?:early|late|mid-?)\s*)?(?P<year>1[89]\d\d|20\d\d))"
    r"(?![\w-])", re.IGNORECASE)


def speculation_cues(sentence: Sentence, reporting: frozenset[str] = frozenset()) -> list[Cue]:
    """Forecasts and possibilities told as news. One inside a quote, or after a verb of saying
    (``reporting``: "He told the AP that recipients could rest easy"), is the speaker's forecast, which
    the outlet carries: it weighs ``QUOTED_FACTOR`` as much, and says so."""
    text = sentence.text
    hits = []
    for m in SPECULATION.finditer(text):
        word = m.group(0)
        if word.split()[0] in ("may",) and m.start() == 0:
            continue
        if _COULD_NOT.match(text, m.start()):
            continue
        hits.append(m)
    if not hits:
        return []
    quoted = quoted_spans(sentence)
    out = []
    for m in hits:
        start, end = sentence.start + m.start(), sentence.start + m.end()
        why, weight = "speculation presented as news: a forecast or possibility, not something that happened", \
            KINDS["speculation"][1]
        if any(q[0] <= start and end <= q[1] for q in quoted):
            why, weight = why + " (inside a quote: the speaker's forecast, which the outlet chose to carry)", \
                weight * QUOTED_FACTOR
        elif reporting and reporting & set(tokens(text[:m.start()])):
            why, weight = why + " (in reported speech: the speaker's forecast, which the outlet chose to carry)", \
                weight * QUOTED_FACTOR
        out.append(Cue("speculation", (m.group(0),), why, ((start, end),), weight))
    return out


def vague_cues(sentence: Sentence) -> list[Cue]:
    return [Cue("unattributed", (m.group(0),), "a vague attribution: the claim is put in unnamed mouths",
                ((sentence.start + m.start(), sentence.start + m.end()),), KINDS["unattributed"][1])
            for m in VAGUE.finditer(sentence.text)]


def unattributed_quote_cue(sentence: Sentence, quote: str) -> Cue:
    pos = sentence.text.find(quote)
    span = ((sentence.start + pos, sentence.start + pos + len(quote)),) if pos >= 0 else ()
    short = quote if len(quote) <= 60 else quote[:57] + "…"
    return Cue("unattributed", (short,), "a direct quote with no speaker named nearby", span,
               KINDS["unattributed"][1] * 0.8)


def past_markers(sentence: Sentence, year: int | None) -> list[re.Match[str]]:
    """Words that move the sentence into the past; a year counts when it is two or more before ``year``."""
    out = []
    for m in PAST.finditer(sentence.text):
        y = m.group("year")
        if y is not None and (year is None or int(y) > year - 2):
            continue
        out.append(m)
    return out


def background_cue(sentence: Sentence, markers: Sequence[tuple[str, int, int]], overlap: float, basis: str) -> Cue:
    """``markers``: each past marker's text, start and end in the sentence."""
    return Cue("background", tuple(text for text, _, _ in markers),
               f"background: it turns to the past and shares only {overlap:.0%} of its content words with {basis}",
               tuple((sentence.start + start, sentence.start + end) for _, start, end in markers),
               KINDS["background"][1])


def unique_cue(outlets: int) -> Cue:
    return Cue("unique", (), f"only this outlet carries this content (none of the other {outlets - 1} do)",
               (), KINDS["unique"][1])


def one_sided_cue(speaker: str, share: float, others: Iterable[str]) -> Cue:
    others = list(others)
    why = f"one-sided sourcing: {speaker} gets {share:.0%} of this article's quotes"
    if others:
        why += f"; other outlets also quote {', '.join(others[:3])}"
    return Cue("one_sided", (speaker,), why, (), KINDS["one_sided"][1])
