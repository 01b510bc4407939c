"""Voices: who each article quotes, directly or in reported speech, and the phrases it holds at a
distance in scare quotes ("special military operation") with no speaker at all.

Speakers are found next to the quote (“…,” the Russian president said / said Mao Ning / He said:
“…”) or as the subject of a speech verb in the same sentence, then resolved to an actor by name,
role ("the Russian president" -> Vladimir Putin) or pronoun ("he" -> the last named speaker).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sco_tui.analysis.actors import Actor
from sco_tui.analysis.evidence import Evidence
from sco_tui.analysis.lexicon import BARE_SPEECH_VERBS, CALENDAR, OPENERS, REPORT_VERBS, SPEECH_VERBS, STOPWORDS, TITLES
from sco_tui.analysis.text import Sentence, sentences
from sco_tui.corpus.model import Article

_VERBS = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
QUOTE = re.compile(r"“([^”\n]{1,1200})”|\"([^\"\n]{1,1200})\"")
AFTER = re.compile(
    rf"^[,.!?]?[”\"]?\s*(?:(?P<verb1>{_VERBS})\s+(?P<spk1>[^,.;:“\"]{{2,90}}?)(?=[,.;:]|$)"
    rf"|(?P<spk2>[^,.;:“\"]{{2,90}}?)\s+(?P<verb2>{_VERBS})\b)")
BEFORE = re.compile(rf"(?P<spk>[^,.;:“\"]{{2,90}}?)\s+(?P<verb>{_VERBS})(?:\s+that)?\s*[:,]?\s*$")
SUBJECT_VERB = re.compile(rf"(?P<spk>[^;“\"]{{2,160}}?)\s+(?P<verb>{_VERBS})\b")
_REPORT = "|".join(sorted(REPORT_VERBS, key=len, reverse=True))
REPORTED = re.compile(
    rf"^(?P<spk>[^;“\"]{{2,200}}?)\s+(?:later\s+|also\s+|has\s+|had\s+)?(?P<verb>{_REPORT})"
    r"(?:\s+(?:to\s+)?(?:[A-Z][\w’'.-]*\s?){1,5})?(?P<that>\s+that)?\s+(?P<clause>\S.+)$")
PRONOUNS = frozenset({"he", "she", "they", "it"})
SCARE_MAX_WORDS = 5


@dataclass(frozen=True, slots=True)
class Quote:
    article: str
    speaker: str | None  # the actor it resolves to, or the words the text uses, or None
    speaker_text: str  # as written: "the Russian president", "he", "China's foreign ministry"
    text: str
    kind: str  # direct | reported
    evidence: Evidence

    @property
    def words(self) -> int:
        return len(self.text.split())

    def as_dict(self) -> dict[str, object]:
        return {"article": self.article, "speaker": self.speaker, "speaker_text": self.speaker_text,
                "text": self.text, "kind": self.kind, "words": self.words, "sentence": self.evidence.as_dict()}


@dataclass(frozen=True, slots=True)
class ScareQuote:
    article: str
    text: str
    evidence: Evidence

    def as_dict(self) -> dict[str, object]:
        return {"article": self.article, "text": self.text, "sentence": self.evidence.as_dict()}


class Speakers:
    """Resolves the words a text uses for a speaker to an actor."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.forms: list[tuple[str, Actor]] = []
        for actor in actors:
            if actor.kind in ("person", "organisation", "country"):
                for form in {actor.name, *actor.aliases}:
                    self.forms.append((form, actor))
        rank = {"person": 0, "organisation": 1, "country": 2}
        self.forms.sort(key=lambda fa: (rank[fa[1].kind], -len(fa[0])))

    def resolve(self, phrase: str) -> Actor | None:
        low = phrase.lower()
        for form, actor in self.forms:
            if form.lower() in low and re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", phrase,
                                                 re.IGNORECASE if form.startswith("the ") else 0):
                return actor
        return None


def _clean_speaker(phrase: str) -> str:
    phrase = phrase.strip(" ,.;:—–-\u00a0")
    if "," in phrase:  # "Nigel Gould-Davies, a senior fellow at …" / "Ahead of it, China's ministry"
        parts = [p.strip() for p in phrase.split(",") if p.strip()]
        named = [p for p in parts if re.match(r"(?:[A-Z]|the |he$|she$|they$)", p)]
        phrase = named[0] if named and re.match(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)+$", named[0]) else parts[-1]
    phrase = re.sub(r"^(?:and|but|while|as|when|if|after|because|since|although|though|later|however|then)\s+",
                    "", phrase, flags=re.IGNORECASE)
    return re.sub(r"\s+(?:nonetheless|nevertheless|also|later|however|then|again|too)$", "", phrase,
                  flags=re.IGNORECASE)


def _is_speaker(phrase: str) -> bool:
    words = phrase.split()
    return 0 < len(words) <= 8 and (phrase[0].isupper() or phrase.lower() in PRONOUNS
                                    or phrase.lower().startswith(("the ", "a ", "an ")))


def find_quotes(article: Article, speakers: Speakers) -> tuple[list[Quote], list[ScareQuote]]:
    """Direct and reported quotes with their speakers, and scare quotes, in text order."""
    body = article.body
    sents = sentences(body)
    quotes: list[Quote] = []
    scare: list[ScareQuote] = []
    last: str | None = None
    events: list[tuple[int, str, object]] = []
    quoted_sentences: set[int] = set()
    for m in QUOTE.finditer(body):
        events.append((m.start(), "quote", m))
        quoted_sentences.update(_sentences_between(sents, m.start(), m.end()))
    for s in sents:
        events.append((s.start, "sentence", s))
    events.sort(key=lambda e: (e[0], e[1] != "quote"))
    for _, what, item in events:
        if what == "quote":
            m = item  # type: ignore[assignment]
            sentence = _sentence_at(sents, m.start())
            q = _classify_quote(article, body, m, sentence, speakers, last)
            if isinstance(q, ScareQuote):
                scare.append(q)
            elif q is not None:
                quotes.append(q)
                last = q.speaker or last
        else:
            s = item  # type: ignore[assignment]
            if s.index in quoted_sentences:
                continue
            q = _reported(article, s, speakers, last)
            if q is not None:
                quotes.append(q)
                last = q.speaker or last
    return quotes, scare


def _sentence_at(sents: tuple[Sentence, ...], offset: int) -> Sentence:
    for s in sents:
        if s.start <= offset < s.end + 1:
            return s
    return min(sents, key=lambda s: abs(s.start - offset))


def _sentences_between(sents: tuple[Sentence, ...], start: int, end: int) -> set[int]:
    return {s.index for s in sents if s.end > start and s.start < end}


def _resolve(phrase: str, speakers: Speakers, last: str | None) -> tuple[str | None, str]:
    phrase = _clean_speaker(phrase)
    if phrase.lower() in PRONOUNS:
        return last, phrase
    if re.search(r"\w[’']s\s+\w", phrase):  # "China's foreign ministry", "Putin's spokesperson": not China, not Putin
        return phrase, phrase
    actor = speakers.resolve(phrase)
    if actor is not None:
        return actor.name, phrase
    return (phrase if names_someone(phrase) else None), phrase


_CONNECTORS = frozenset("of de da del van von bin al la le du and for on".split())


def names_someone(phrase: str) -> bool:
    """Whether words no actor resolves still name a person or organisation: capitalised name words
    ("Douglas Laycock", "Senate Intelligence Committee", "University of Texas"), not a title alone ("Judge",
    "Sen"), a role ("the president": unattributed unless it resolves), a fragment ("She eventually") or a
    clause ("Pew reported that only 38 percent of Americans")."""
    words = [w.strip(".,’'\"“”") for w in phrase.split()]
    words = [w for w in words if w]
    if not words or len(words) > 6:
        return False
    capitalised = [w for w in words if w[0].isupper()]
    if any(not w[0].isupper() and w.lower() not in _CONNECTORS for w in words):
        return False  # lower-case words that are not connectors: a clause or a role, not a name
    named = [w for w in capitalised if w.lower().rstrip(".") not in TITLES]
    if not named:
        return False  # a title alone: "Judge", "Sen", "Dr"
    while words and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]  # "Mr. Houlton", "Sen. Rand Paul": the name after the title
    first = words[0].lower()
    if first == "the" and len(words) > 1:
        first = words[1].lower()  # "The Nation", "The Associated Press"
    elif first in STOPWORDS or first in OPENERS or first in CALENDAR or first in PRONOUNS:
        return False  # "She eventually", "Still", "On Monday"
    if first in STOPWORDS or first in OPENERS or first in CALENDAR:
        return False
    if len(words) == 1:
        from wordfreq import zipf_frequency

        common = zipf_frequency(first, "en")  # "Critics", "Analysts", "Officials": everyday plurals, not names
        plural = first.endswith("s") and zipf_frequency(first[:-1], "en") >= 3.5  # "critic", "analyst"
        return not (plural or common >= 5.5)
    return True


def _classify_quote(article: Article, body: str, m: re.Match[str], sentence: Sentence, speakers: Speakers,
                    last: str | None) -> Quote | ScareQuote | None:
    text = (m.group(1) or m.group(2) or "").strip()
    words = len(text.split())
    evidence = Evidence.of(article.id, sentence)
    if words == 0:
        return None
    paragraph_end = body.find("\n", m.end())
    after = body[m.end(): paragraph_end if paragraph_end != -1 else len(body)][:120]
    before = body[max(sentence.start, body.rfind("\n", 0, m.start()) + 1): m.start()]
    phrase = None
    if text.endswith((",", "?", "!")) or after[:1] in (",", "?", "!") or words > SCARE_MAX_WORDS:
        a = AFTER.match(after)
        if a and (a.group("spk1") or a.group("spk2")):
            candidate = (a.group("spk1") or a.group("spk2")).strip()
            if _is_speaker(_clean_speaker(candidate)):
                phrase = candidate
    if phrase is None:
        b = BEFORE.search(before)
        if b and _is_speaker(_clean_speaker(b.group("spk"))):
            phrase = b.group("spk")
    if phrase is None and words > SCARE_MAX_WORDS:
        outside = before + " " + after.split(".")[0]
        sv = SUBJECT_VERB.search(outside)
        if sv and _is_speaker(_clean_speaker(sv.group("spk"))):
            phrase = sv.group("spk")
    if phrase is None:
        if words <= SCARE_MAX_WORDS:
            return ScareQuote(article.id, text.strip(" ,."), evidence)
        return Quote(article.id, None, "", text.strip(" ,"), "direct", evidence)
    speaker, written = _resolve(phrase, speakers, last)
    return Quote(article.id, speaker, written, text.strip(" ,"), "direct", evidence)


def _reported(article: Article, s: Sentence, speakers: Speakers, last: str | None) -> Quote | None:
    m = REPORTED.match(s.text)
    if m is None:
        return None
    verb = m.group("verb")
    if not m.group("that") and verb not in BARE_SPEECH_VERBS:
        return None
    phrase = _clean_speaker(m.group("spk"))
    if not _is_speaker(phrase):
        return None
    speaker, written = _resolve(phrase, speakers, last)
    if speaker is None:
        return None
    return Quote(article.id, speaker, written, m.group("clause").rstrip(" ."), "reported", Evidence.of(article.id, s))
