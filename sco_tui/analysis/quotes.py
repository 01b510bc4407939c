"""Voices: who each article quotes, directly or in reported speech, and the phrases it holds at a
distance in scare quotes ("special military operation") with no speaker at all.

Speakers are found next to the quote (“…,” the Russian president said / said Mao Ning / He said:
“…”) or as the subject of a speech verb in the same sentence, then resolved to an actor by name, by
role ("the Russian president" -> Vladimir Putin) or by pronoun ("he" -> the one person the preceding
sentences name), see `speakers`; the second half of a quote split by its attribution (“…,” he said.
“…”) keeps the first half's speaker. Whatever does not resolve stays unattributed, never guessed.
Direct speech is the words inside quotation marks; reported speech ("X said that …", "X says …")
is a sentence with no quotation marks, kept apart by `kind`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sco_tui.analysis.actors import Actor
from sco_tui.analysis.bylines import bylines, paragraphs, running_on, tweets
from sco_tui.analysis.evidence import Evidence
from sco_tui.analysis.lexicon import BARE_SPEECH_VERBS, CALENDAR, OPENERS, REPORT_VERBS, SPEECH_VERBS, STOPWORDS, TITLES
from sco_tui.analysis.speakers import ROLE_SPEAKER, ArticleSpeakers, Resolved
from sco_tui.analysis.text import TITLES as TEXT_TITLES
from sco_tui.analysis.text import Sentence, sentences
from sco_tui.corpus.model import Article

#: verbs that introduce a quote besides the shared speech verbs ("Nancy Pelosi responded, “…”")
MORE_SPEECH_VERBS = frozenset("responded responds answered answers testified testifies recalled recalls continued "
                              "continues retorted retorts quipped quips observed observes countered counters conceded "
                              "concedes joked jokes cautioned cautions lamented laments complained complains boasted "
                              "boasts mused muses shouted shouts yelled yells exclaimed exclaims screamed "
                              "screams".split()) | {"went on", "goes on", "shot back", "shoots back"}
_VERBS = "|".join(sorted(SPEECH_VERBS | MORE_SPEECH_VERBS, key=len, reverse=True))
QUOTE = re.compile(r"“([^”\n]{1,1200})”|\"([^\"\n]{1,1200})\"")
#: quotation marks as texts mix them (“…" and "…”, a typing or a copy's slip): a voice's words; no mark inside
QUOTED = re.compile(r"[“\"]([^“”\"\n]{1,1200})[”\"]")
AFTER = re.compile(
    rf"^[,.!?]?[”\"]?\s*(?:(?P<verb1>{_VERBS})\s+(?P<spk1>[^,.;:?!“”\"]{{2,90}}?)(?=[,.;:?!]|$)"
    rf"|(?P<spk2>[^,.;:?!“”\"]{{2,90}}?)\s+(?P<verb2>{_VERBS})\b)")  # within its sentence: "Really? Rubio said"
#: the source after a quote: "“…,” according to the Beacon."
ACCORDING_AFTER = re.compile(r"^[,.]?[”\"]?\s*according\s+to\s+(?P<spk>(?:the\s+)?[A-Z][^,.;:?!“”\"]{1,80}?)"
                             r"(?=[,.;:?!]|$)")
#: a name and what describes it, between commas, then the verb: "“…,” Sen. Bob Corker, R-Tenn., a co-sponsor of the
#: amendment, said Monday."
AFTER_LONG = re.compile(rf"^[,.!?]?[”\"]?\s*(?P<spk>[A-Z][^“”\",;:?!]{{1,40}}?,[^“”\";:?!]{{2,140}}?),?\s+"
                        rf"(?:also\s+|later\s+)?(?P<verb>{_VERBS})\b")
_INTRODUCES = re.compile(r"\s*:\s*[“\"]")
BEFORE = re.compile(rf"(?P<spk>[^,.;:“”\"]{{2,90}}?)\s+(?P<verb>{_VERBS})(?:\s+that)?\s*[:,]?\s*$")
#: "as epidemiologist Camara Jones recently told Mother Jones, “…”": the verb's listener between it and the quote
BEFORE_TOLD = re.compile(r"(?P<spk>[^,.;:“”\"]{2,90}?)\s+(?P<verb>told|tells)\s+(?:the\s+)?"
                         r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s*[:,]\s*$")
#: "… Matt Dornic, who denied that …, and that “…”": a relative clause gives its words to the name before it
WHO = re.compile(rf"(?P<spk>[A-Z][\w’'\u2024-]*(?:\s+[A-Z][\w’'\u2024-]*){{0,3}}),\s+(?:[^,“”\"]{{3,100}},\s+)?"
                 rf"who\s+(?:[a-z]+ly\s+|also\s+)?"
                 rf"(?:{_VERBS})\b[^“”\"]*$")
#: a paragraph that opens with who speaks and a colon: "Rubio, Republican of Florida: “…”", "Stoltenberg:"
COLON_LEAD = re.compile(r"^\s*(?P<spk>[A-Z][\w’'.\u2024-]*(?:\s+[A-Z][\w’'.\u2024-]*){0,3})"
                        r"(?:,\s+[^:“”\"]{0,160})?:\s*$")
#: "X argued …, telling his colleagues, “…”, the Sacramento Bee reported": the participle gives the words to the
#: sentence's subject; the outlet after the quote only reports them
PARTICIPLE = re.compile(r",\s+(?:saying|telling|adding|writing|noting|arguing|warning|declaring|insisting|explaining|"
                        r"stating|tweeting)\b")
_SOURCE_VERBS = frozenset("reported reports".split())
SUBJECT_VERB = re.compile(rf"(?P<spk>[^;“”\"]{{2,160}}?)\s+(?P<verb>{_VERBS})\b")
#: "Sen. Michael Bennet, D-Colo., defended … and said, “…”": the verb's subject opens the sentence
COORDINATED = re.compile(rf"\band\s+(?:then\s+|later\s+|also\s+)?(?:{_VERBS})(?:\s+that)?\s*[:,]?\s*$")
SUBJECT = re.compile(r"^(?:(?:[A-Z][\w’'\u2024-]*|of|de|van|von|al|bin)\s+)*[A-Z][\w’'\u2024-]*(?=[\s,]|$)")
#: a full stop that ends an abbreviation or an initial, not a clause ("Sen. Jennifer McClellan said", "Dr. Stone,
#: from UC Davis, says", "U.S. Rep. Tim Ryan"): masked while speaker phrases are matched (same length), then restored
_ABBREVIATION = re.compile(rf"\b(?:{'|'.join(sorted(TEXT_TITLES, key=len, reverse=True))}|[A-Z])\.(?=[\s,A-Z)])")
_MASK = "\u2024"
#: verbs of reported speech here besides the shared ones ("The Washington Post reported that", "Comey testified that")
_REPORT = "|".join(sorted(REPORT_VERBS | {"reported", "testified"}, key=len, reverse=True))
REPORTED = re.compile(
    rf"^(?P<spk>[^;“\"]{{2,200}}?)\s+(?:(?:later|also|has|had|have|previously|earlier|repeatedly|again|"
    rf"publicly|privately|then|once)\s+){{0,3}}(?P<verb>{_REPORT})"
    r"(?P<obj>\s+(?:(?:to|in|on|at|during|with)\s+)?(?:(?:the|a|an|his|her|its|their)\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,2}"
    r"(?=\s+that\s)|\s+(?:to\s+)?(?:[A-Z][\w’'.-]*\s?){1,5})?(?P<that>\s+that)?\s+(?P<clause>\S.+)$")
#: the attribution after the statement: "…, he said.", "…, says Thomas LaVeist, dean of …", "…, he told officers."
_TRAIL_VERBS = "says|said|adds|added|writes|wrote|argues|argued|notes|noted|explains|explained|insists|insisted"
REPORTED_AFTER = re.compile(
    rf"^(?P<clause>[^“”\"]{{20,}}?),\s+(?:(?:{_TRAIL_VERBS})\s+(?P<spk1>[^,“”\"]{{2,80}}?)"
    rf"|(?P<spk2>[^,“”\"]{{2,60}}?)\s+(?:also\s+|later\s+)?(?:{_TRAIL_VERBS}|told\s+(?:[\w’'.-]+\s?){{1,4}}))"
    r"(?:,[^,“”\"]*)?[.!]?$")
_TRAIL_HINT = re.compile(rf",\s+(?:\S+\s+){{0,8}}?(?:{_TRAIL_VERBS}|told)\b")
#: a statement that says what was not said ("House GOP leaders have not yet announced a plan"): no voice
_NEGATED = re.compile(r"\b(?:not|never|n[’']t)(?:\s+(?:yet|once|always|publicly|officially))?$", re.IGNORECASE)
#: a speaker phrase that says someone did not act ("Bruno … did not respond when told"): no voice
_NEGATED_INSIDE = re.compile(r"\b(?:did|does|do|would|could|has|have|had|will)\s+not\b|\bn[’']t\s", re.IGNORECASE)
PRONOUNS = frozenset({"he", "she", "they", "it"})


def _negated_inside(spk: str) -> bool:
    """The last clause of a speaker phrase says the speaker did not act, and no "but" turns it ("Bruno, the
    spokesman, did not respond when told …"; not "USA Cycling did not give an amount but said …")."""
    last = spk.split(",")[-1]
    neg = _NEGATED_INSIDE.search(last)
    return neg is not None and not re.search(r"\b(?:but|yet)\b", last[neg.end():])
SCARE_MAX_WORDS = 5


@dataclass(frozen=True, slots=True)
class Quote:
    article: str
    speaker: str | None  # the actor it resolves to, or the words the text uses, or None
    speaker_text: str  # as written: "the Russian president", "he", "China's foreign ministry"
    text: str
    kind: str  # direct | reported
    evidence: Evidence
    via: str = ""  # how the speaker was found: name | role | pronoun | continuation ("" when unattributed)
    named_in: Evidence | None = None  # the sentence naming the speaker, when it is not the quote's own

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def how(self) -> str:
        """How the speaker was found, in words: "‘he’ via pronoun: Kerry is named in “…”"."""
        if not self.speaker or self.via in ("", "name") or self.named_in is None:
            return ""
        named = self.named_in.text if len(self.named_in.text) <= 160 else self.named_in.text[:159] + "…"
        return f"‘{self.speaker_text or 'the quote before'}’ via {self.via}: named in “{named}”"

    def as_dict(self) -> dict[str, object]:
        return {"article": self.article, "speaker": self.speaker, "speaker_text": self.speaker_text,
                "text": self.text, "kind": self.kind, "words": self.words, "sentence": self.evidence.as_dict(),
                "via": self.via, "named_in": self.named_in.as_dict() if self.named_in else None}


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
        self.actors = list(actors)
        self.forms: list[tuple[str, Actor]] = []
        for actor in self.actors:
            if actor.kind in ("person", "organisation", "country"):
                for form in {actor.name, *actor.aliases}:
                    self.forms.append((form, actor))
        rank = {"person": 0, "organisation": 1, "country": 2}
        self.forms.sort(key=lambda fa: (rank[fa[1].kind], -len(fa[0])))
        # forms by their first word, so a phrase is matched against the few forms it could hold (a 145-article
        # story has thousands of forms; a regex per form and phrase took most of the comparison's time)
        self.by_first: dict[str, list[int]] = {}
        for i, (form, _) in enumerate(self.forms):
            self.by_first.setdefault(_first_word(form), []).append(i)
        self.patterns: dict[int, re.Pattern[str]] = {}
        self.named_in: dict[str, list[Actor]] = {}  # article id -> the actors it names, in actor order
        for actor in self.actors:
            for article_id in actor.spans:
                self.named_in.setdefault(article_id, []).append(actor)

    def resolve(self, phrase: str) -> Actor | None:
        words = {w.rstrip(".") for w in _WORD.findall(phrase.lower())} | {w for w in _WORD.findall(phrase.lower())}
        candidates = sorted(i for w in words for i in self.by_first.get(w, ()))
        for i in candidates:
            form, actor = self.forms[i]
            pattern = self.patterns.get(i)
            if pattern is None:
                escaped = re.escape(form)
                if form.split()[0].lower() in _PARTICLES:  # "De Blasio" opening a sentence, "de Blasio" inside one
                    escaped = f"[{form[0].upper()}{form[0].lower()}]{re.escape(form[1:])}"
                pattern = self.patterns[i] = re.compile(rf"(?<![\w-]){escaped}(?![\w-])",
                                                        re.IGNORECASE if form.startswith("the ") else 0)
            found = pattern.search(phrase)
            if found and not _GOES_ON.match(phrase, found.end()) and not (
                    " " not in form and _other_first_name(phrase[:found.start()], actor)):
                return actor  # "Donald Trump" is not "Donald Trump Jr."; "Tamika Palmer" is not "Ju’Niyah Palmer"
        return None

    def article(self, article: Article, quoted: list[tuple[int, int]]) -> ArticleSpeakers:
        """The names one article gives, to resolve its pronoun and role speakers."""
        mine = list(self.named_in.get(article.id, ()))
        return ArticleSpeakers(article.id, article.body, sentences(article.body), mine, quoted)


@dataclass(slots=True)
class _Context:
    """What resolving a speaker in one article needs: the article, its names, the previous quote."""

    article: Article
    sents: tuple[Sentence, ...]
    speakers: Speakers
    names: ArticleSpeakers
    previous: Quote | None = None


_WORD = re.compile(r"[\w’'.-]+")
_PARTICLES = frozenset("de van von da di del la le du al bin".split())
_GOES_ON = re.compile(r"\.?\s+(?:Jr|Sr|I{2,3}|IV)\b")  # a name's suffix after a shorter form of it


def _other_first_name(before: str, actor: Actor) -> bool:
    """A capitalised word right before a one-word form that is no title, opener or common word, where the actor's
    own names open with another word: another person's first name ("Tamika Palmer" is not "Ju’Niyah Palmer", whose
    form "Palmer" it holds; "Matt Mackowiak" is the actor the text names only "Mackowiak")."""
    from sco_tui.analysis.actors import _TITLES

    words = before.split()
    if not words or not re.fullmatch(r"[A-Z][a-z’'-]+", words[-1]) or words[-1].lower() in _PARTICLES:
        return False
    low = words[-1].lower()
    if low in _TITLES or low in STOPWORDS or low in OPENERS or low in CALENDAR or low in ("and", "but"):
        return False
    firsts = {n.split()[0] for n in (actor.name, *actor.aliases) if " " in n}
    return bool(firsts) and words[-1] not in firsts


def _first_word(form: str) -> str:
    words = _WORD.findall(form.lower())
    return words[0].rstrip(".") if words and not words[0].endswith("..") and len(words[0]) > 1 else (
        words[0] if words else "")


#: a US lawmaker's party and state after the name ("Bob Corker, R-Tenn.", "Nancy Pelosi, D-Calif."): not a speaker
_PARTY_STATE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,14}$")


def _mask(text: str) -> str:
    return _ABBREVIATION.sub(lambda m: m.group(0)[:-1] + _MASK, text)


def _unmask(text: str) -> str:
    return text.replace(_MASK, ".")


#: words that open an adverbial, never a name: "Under Obama, the Pentagon …", "On Wednesday, Mr Trump tweeted"
_ADVERBIAL = re.compile(r"^(?:under|on|in|at|after|before|during|since|until|by|for|from|with|without|amid|despite|"
                        r"meanwhile|earlier|later|last|this|next)\b", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s+(?:nonetheless|nevertheless|also|later|however|then|again|too|once|earlier|previously|"
                       r"ultimately|reportedly|repeatedly|recently|publicly|privately|famously|simply|even|still|"
                       r"(?:last|this|next)\s+(?:year|week|month|spring|summer|fall|autumn|winter)|"
                       r"on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)))+$", re.IGNORECASE)


#: a time before the subject: "On Thursday night Ryan said", "Earlier this week Pelosi told"
_TIME = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
         r"August|September|October|November|December|Jan|Feb|Aug|Sept|Oct|Nov|Dec|night|morning|afternoon|evening|"
         r"week|weekend|month|year|day|today|yesterday|\d{1,4})")
_WHEN = re.compile(rf"^(?:(?:[Oo]n|[Ii]n|[Aa]t|[Bb]y|[Dd]uring|[Ss]ince|[Ee]arlier|[Ll]ater|[Ll]ate|[Ee]arly)\s+)?"
                   rf"(?:(?:this|last|next|that)\s+)?{_TIME}\b\.?(?:[\s,]+{_TIME}\b\.?)*[\s,]+(?=(?:the\s+)?[A-Z])")
_OPENER = re.compile(r"^(?:meanwhile|separately|however|still|now|then|indeed|instead|also)[\s,]+", re.IGNORECASE)


#: a lawmaker's party and state in brackets ("Charles E. Schumer (D-N.Y.)", "Bill Monning (D)")
_BRACKETED = re.compile(r"\s*\([^()]{1,20}\)")
#: parts of a speaker phrase that describe rather than name: a relative clause ("who is also part of …"), a
#: participle ("Speaking to The Verge"), a party description ("Michigan Republican", "Republican of Florida")
_DESCRIBING = re.compile(r"^(?:(?:who|which|whose|whom)\b|[A-Z][a-z]+ing\s+(?:to|on|at|with|in|from|before|after|"
                         r"about|for)\b|(?:an?\s+|the\s+)?(?:[A-Z][\w.-]+\s+){1,2}(?:Republican|Democrat|Independent)s?$|"
                         r"(?:Republican|Democrat|Independent)\s+(?:of|from)\s+[A-Z])")


def _clean_speaker(phrase: str) -> str:
    phrase = _WHEN.sub("", _OPENER.sub("", _unmask(phrase).strip(" ,.;:—–-\u00a0")))
    phrase = _BRACKETED.sub("", phrase)
    # "Massachusetts Democrat Jim McGovern": the party description before the name
    phrase = re.sub(r"^(?:[A-Z][\w.-]+\s+){1,2}(?:Republican|Democrat|Independent)\s+(?=[A-Z][\w’'.-]+\s+[A-Z])", "",
                    phrase)
    if "," in phrase:  # "Nigel Gould-Davies, a senior fellow at …" / "Ahead of it, China's ministry"
        parts = [p.strip() for p in phrase.split(",") if p.strip()]
        parts = [p for p in parts if not _PARTY_STATE.match(p)] or parts
        if len(parts) > 1 and re.match(r"(?:who|which)$", parts[-1]):  # "…, according to the report, which notes"
            antecedent = parts[-2]
            if _ADVERBIAL.match(antecedent) or antecedent.lower().startswith("according to"):
                return ""
            parts = parts[:-1]
        parts = [p for p in parts if not _DESCRIBING.match(p)] or parts
        if len(parts) > 1 and parts[-1].lower() in PRONOUNS:
            return parts[-1]  # "Millions of Bangladeshis, he told me, had …": the pronoun speaks
        parts = [p for p in parts[:-1] if not _ADVERBIAL.match(p)] + parts[-1:]  # "Under Obama", "On Wednesday"
        if len(parts) > 1 and _ADVERBIAL.match(parts[-1]):
            parts = parts[:-1]  # "the Justice Department, in another pleading, insisted"
        named = [p for p in parts if re.match(r"(?:[A-Z]|the |he$|she$|they$)", p)]
        full = r"[A-Z][\w’'.-]+(?: (?:[A-Z][\w’'.-]+|of|and|de|van|von|al|bin|zu|da|di|del|la|le|du))+$"
        if re.match(full, parts[0]) or (re.match(r"[A-Z][\w’'-]+$", parts[0]) and names_someone(parts[0])):
            phrase = parts[0]  # "Boehner, R-Ohio", "Nancy Pelosi of California, the House minority leader"
        else:
            phrase = named[0] if named and re.match(full, named[0]) else parts[-1]
    phrase = re.sub(r"^(?:and|but|while|as|when|if|after|before|until|once|because|since|although|though|later|however|"
                    r"then)(?:\s+|-\s*)",
                    "", phrase, flags=re.IGNORECASE)  # "then- NRA-ILA Executive Director Chris Cox"
    phrase = _AUXILIARY.sub("", _TRAILING.sub("", phrase))  # "the home minister had", "Clinton's campaign has long"
    words = phrase.split()
    if len(words) > 1 and words[-1].endswith("ly") and words[-1].islower() and words[-2][:1].isupper():
        phrase = " ".join(words[:-1])  # "Beck humbly responds"
    return phrase


_AUXILIARY = re.compile(r"(?:\s+(?:has|had|have)(?:\s+long)?)+$")


def _is_speaker(phrase: str) -> bool:
    words = phrase.split()
    return 0 < len(words) <= 8 and not _ADVERBIAL.match(phrase) and (
        phrase[0].isupper() or phrase.lower() in PRONOUNS or phrase.lower().startswith(("the ", "a ", "an "))
        or bool(_UNNAMED.match(phrase))  # "one student", "another man": a speaker, unnamed
        or bool(re.search(r"^[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}(?:\s+[A-Z][\w’'.-]+){2,5}$", phrase))
        # "digital rights expert Michael Veale", "city Health Commissioner Oxiris Barbot"
        or bool(_PARTICLE_NAME.match(phrase)))  # "de Blasio"


#: a surname that opens with a lower-case particle ("de Blasio", "van Hollen")
_PARTICLE_NAME = re.compile(r"^(?:de|van|von|da|di|del|la|le|du|al|bin)\s+[A-Z][\w’'.-]+$")
#: the name that opens the words after a verb, before what follows it ("said de Blasio during a late …")
_PARTICLE = r"(?:(?:de|van|von|da|di|del|la|le|du|al|bin)\s+)?"
_NAME_FIRST = re.compile(rf"^(?:[a-z][\w-]*\s+){{0,3}}?{_PARTICLE}[A-Z][\w’'.\u2024-]*"
                         rf"(?:\s+{_PARTICLE}[A-Z][\w’'.\u2024-]*){{0,3}}"
                         r"(?=\s+(?:during|at|in|on|of|after|before|as|while|outside|from|to|with)\s)")


def find_quotes(article: Article, speakers: Speakers) -> tuple[list[Quote], list[ScareQuote]]:
    """Direct and reported quotes with their speakers, and scare quotes, in text order."""
    body = article.body
    sents = sentences(body)
    quotes: list[Quote] = []
    scare: list[ScareQuote] = []
    events: list[tuple[int, str, object]] = []
    quoted_sentences: set[int] = set()
    matches = list(QUOTED.finditer(body))
    ctx = _Context(article, sents, speakers, speakers.article(article, [(m.start(), m.end()) for m in matches]))
    for m in matches:
        events.append((m.start(), "quote", m))
        if len(m.group(1).split()) > SCARE_MAX_WORDS or _spoken(m.group(1)):
            quoted_sentences.update(_sentences_between(sents, m.start(), m.end()))
        # a sentence with a few words in quotation marks may still report speech ("Axelrod says he has “lots of
        # reasons” to be concerned"): it is read for reported speech too
    for s in sents:
        events.append((s.start, "sentence", s))
    events.sort(key=lambda e: (e[0], e[1] != "quote"))
    for _, what, item in events:
        if what == "quote":
            m = item  # type: ignore[assignment]
            sentence = _sentence_at(sents, m.start())
            q = _classify_quote(ctx, m, sentence)
            if isinstance(q, ScareQuote):
                scare.append(q)
            elif q is not None:
                quotes.append(q)
                ctx.previous = q
        else:
            s = item  # type: ignore[assignment]
            if s.index in quoted_sentences:
                continue
            q = _reported(ctx, s)
            if q is not None:
                quotes.append(q)
    return _outside_sentences(ctx, quotes, [(m.start(), m.end()) for m in matches]), scare


def _outside_sentences(ctx: _Context, quotes: list[Quote], spans: list[tuple[int, int]]) -> list[Quote]:
    """Voices whose words or speaker stand outside a sentence (see `bylines`): a quote running on over
    paragraphs, a passage's byline, an embedded tweet."""
    body, article_id = ctx.article.body, ctx.article.id
    paras = paragraphs(body)
    extra: list[tuple[int, Quote]] = []
    for start, end, goes_on in reversed(running_on(body, paras)):
        if any(s < end and start - 1 < e for s, e in spans):
            continue  # the quote pass has it
        text = body[start:end].strip(" …")
        if len(text.split()) <= SCARE_MAX_WORDS:
            continue
        evidence = Evidence.of(article_id, _sentence_at(ctx.sents, start))
        nxt = next((q for k, q in extra if k > start), None) if goes_on else None
        if goes_on:  # the quote the next paragraph opens, of the quote pass or a later running-on paragraph
            nxt = min([q for q in quotes if q.kind == "direct" and q.evidence.start >= end] +
                      ([nxt] if nxt is not None else []), key=lambda q: q.evidence.start, default=None)
        if nxt is not None and nxt.speaker:
            q = Quote(article_id, nxt.speaker, nxt.speaker_text, text, "direct", evidence, "continuation",
                      nxt.named_in or nxt.evidence)
        else:
            q = Quote(article_id, None, "", text, "direct", evidence)
        extra.append((start, q))
    quotes = sorted(quotes + [q for _, q in extra] + _after_colon(ctx, paras), key=lambda q: q.evidence.start)
    for b in bylines(body, paras):
        speaker = _line_speaker(ctx, b.speaker)
        if speaker is None:
            continue
        named_in = Evidence.of(article_id, _sentence_at(ctx.sents, b.line_start))
        written = _unmask(body[b.line_start:b.line_end]).strip(" ”\"—–-")
        quotes = [Quote(article_id, speaker, written, q.text, q.kind, q.evidence, "byline", named_in)
                  if q.kind == "direct" and q.speaker is None and b.start <= _offset(body, q) < b.end else q
                  for q in quotes]
    for t in tweets(body, paras) if "(@" in body else ():
        speaker = _line_speaker(ctx, t.name)
        named_in = Evidence.of(article_id, _sentence_at(ctx.sents, t.line_start))
        if any(t.start <= _offset(body, q) < t.line_start for q in quotes):
            continue  # a tweet that quotes someone (".@KamalaHarris: “I support busing …”"): the quote speaks
        quotes.append(Quote(article_id, speaker, f"{t.name} (@{t.handle})", t.text, "direct",
                            Evidence.of(article_id, _sentence_at(ctx.sents, t.start)), "tweet" if speaker else "",
                            named_in if speaker else None))
    best: dict[tuple[str, str, int], Quote] = {}
    for q in quotes:  # the same words found twice (as a quote and as its own continuation): the named one stays
        key = (q.kind, q.text, _offset(body, q))
        if key not in best or (best[key].speaker is None and q.speaker is not None):
            best[key] = q
    return sorted(best.values(), key=lambda q: q.evidence.start)


#: who speaks the paragraph after a colon: "Farage told the crowd:", "…, Market Watch concluded:"
_COLON_SPEAKS = re.compile(rf"^(?P<spk>(?:the\s+)?(?:[A-Z][\w’'.\u2024-]*\s+){{0,4}}[A-Z][\w’'.\u2024-]*)\s+"
                           rf"(?:also\s+|then\s+|later\s+)?(?:{_VERBS}|concluded|concludes)\b[^“”\":]{{0,60}}:$")
_COLON_PARTICIPLE = re.compile(r"^(?:saying|writing|adding|concluding|noting|declaring|explaining)\s*:$")


_RUN = re.compile(r"(?:[A-Z][\w’'.\u2024-]*\s+){0,3}[A-Z][\w’'.\u2024-]*")


def _participle_subject(ctx: _Context, sentence: str) -> str | None:
    """Who "…, saying:" gives the words to: the person the main clause names ("Appearing on Fox News Monday, former
    Utah Congressman Jason Chaffetz made the same point, saying:"; "Bloomberg writer Jonathan Bernstein took
    exception to this, saying:"), else the name that opens the sentence ("Market Watch … concluding:")."""
    parts = sentence.split(", ")
    lead = 0
    while lead < len(parts) - 1 and (re.match(r"[A-Z][a-z]+ing\b", parts[lead]) or _ADVERBIAL.match(parts[lead])):
        lead += 1
    for m in _RUN.finditer(parts[lead]):
        actor = ctx.speakers.resolve(_unmask(m.group(0)))
        if actor is not None and actor.kind == "person":
            return _unmask(m.group(0))
    return _opening_name(sentence) if lead == 0 else None


def _after_colon(ctx: _Context, paras: list[tuple[int, int]]) -> list[Quote]:
    """A paragraph printed without quotation marks after a paragraph that ends "X told the crowd:": X's words (a
    transcript, a long quote set apart). Only when X resolves to a name and the paragraph is no list or heading."""
    body, out = ctx.article.body, []
    for (start, end), (n_start, n_end) in itertools.pairwise(paras):
        if body[end - 1:end] != ":" or body[n_start:n_start + 1] in "“\"‘'•*-–—" or n_end - n_start < 60:
            continue
        sentence = _sentence_at(ctx.sents, end - 1)
        last = _mask(body[max(sentence.start, start):end]).split(", ")[-1].strip()
        m = _COLON_SPEAKS.match(last)
        phrase = _unmask(m.group("spk")) if m else None
        if phrase is None and _COLON_PARTICIPLE.match(last):
            phrase = _participle_subject(ctx, _mask(body[max(sentence.start, start):end]))
        if phrase is None or re.match(r"[A-Z][a-z]+ing\b", phrase):
            continue  # "Appearing on Fox News, …": a participle, no one named
        who = _resolve(phrase, ctx, sentence.index, end - 1)
        if who.name is None:
            continue
        text = body[n_start:n_end].strip()
        out.append(Quote(ctx.article.id, who.name, who.written, text, "direct",
                         Evidence.of(ctx.article.id, _sentence_at(ctx.sents, n_start)), "colon",
                         Evidence.of(ctx.article.id, sentence)))
    return out


def _offset(body: str, q: Quote) -> int:
    """Where a voice's words start in the body (its sentence's start if they cannot be found)."""
    at = body.find(q.text[:40], q.evidence.start)
    return at if at >= 0 else q.evidence.start


def _line_speaker(ctx: _Context, name: str) -> str | None:
    """The actor a byline's or an account's name resolves to, else the name when it names someone."""
    actor = ctx.speakers.resolve(name)
    if actor is not None:
        return actor.name
    # a byline or an account is a name by its place: "Will Bunch", "May Bulman" too
    return name if names_someone(name) or re.fullmatch(r"(?:[A-Z][\w’'-]*\.?\s+){1,3}[A-Z][\w’'-]+", name) else None


def _sentence_at(sents: tuple[Sentence, ...], offset: int) -> Sentence:
    for s in sents:
        if s.start <= offset < s.end + 1:
            return s
    return min(sents, key=lambda s: abs(s.start - offset))


def _sentences_between(sents: tuple[Sentence, ...], start: int, end: int) -> set[int]:
    return {s.index for s in sents if s.end > start and s.start < end}


_UNNAMED = re.compile(r"^(?:a|an|one|another|some|several|two|three)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str | None
    written: str
    via: str = ""
    named_in: Evidence | None = None


def _resolve(phrase: str, ctx: _Context, sentence: int, offset: int) -> _Speaker:
    if _UNNAMED.match(phrase.strip()):
        return _Speaker(None, phrase.strip(" ,"))  # "a Buttigieg aide", "a woman in Ann Arbor, Mich.": no one named
    phrase = _clean_speaker(phrase)
    if phrase.lower() in PRONOUNS:
        return _named(ctx, ctx.names.pronoun(phrase, sentence, offset), phrase)
    if re.search(r"\w[’']s\s+\w", phrase):  # "China's foreign ministry", "Putin's spokesperson": not China, not Putin
        named = re.search(r"(?<=[a-z,] )(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'.-]*$", phrase)
        if named and "’s" not in named.group(0) and "'s" not in named.group(0):
            return _resolve(named.group(0), ctx, sentence, offset)  # "Putin's spokesman Dmitry Peskov"
        owner = re.match(r"(?:the\s+)?([\w.-]+)[’']s\s", phrase)
        if _NOT_SPEAKING.search(phrase):
            return _Speaker(None, phrase)  # "Bernoulli's law says": a law speaks for no one
        if owner and owner.group(1)[0].isupper():
            return _Speaker(phrase, phrase, "name")
        return _Speaker(None, phrase)  # "the family's statement": no one named
    phrase = _head(phrase, ctx.speakers)
    role = bool(ROLE_SPEAKER.match(phrase))
    if role:
        by_role = ctx.names.role(phrase, sentence)
        if by_role is not None:
            return _named(ctx, by_role, phrase)
    elif PERSON_NOUN.match(phrase) or BODY_NOUN.match(phrase):
        # "the author" (after "Gottfried rejects …"), "the company" (after "Serco said …"): the one person or body
        # the last sentences name
        kind = "person" if PERSON_NOUN.match(phrase) else "organisation"
        return _named(ctx, ctx.names.anaphor(sentence, offset, kind), phrase)
    elif re.match(r"the\s.*\s[a-z][\w-]*$", phrase):
        return _Speaker(None, phrase)  # "the White House aide", "the Nunes memo": no one named, whatever the words
    actor = ctx.speakers.resolve(phrase)
    if actor is not None and role and phrase.lower() not in {f.lower() for f in (actor.name, *actor.aliases)}:
        actor = None  # "the CPAC spokesman" is not CPAC, "the North Korean leader" not "North Korean"
    if actor is not None:
        if role and actor.spans.get(ctx.article.id):
            first = actor.spans[ctx.article.id][0][0]  # "the Russian president" after "Russian President Putin"
            return _named(ctx, Resolved(actor, "role", first), phrase)
        if _no_name(actor.name, ctx.article.body, phrase):
            return _Speaker(None, phrase)
        return _Speaker(actor.name, phrase, "name")
    if names_someone(phrase) and not _no_name(phrase, ctx.article.body, phrase):
        # "the Minneapolis Star-Tribune": a lower-case "the" is not part of the name
        return _Speaker(phrase[4:] if phrase.startswith("the ") else phrase, phrase, "name")
    if role and not ctx.names.introduced(phrase):
        # "“…,” the home minister had said" after "a speech that Amit Shah had given": no one was introduced with
        # the role, so it names the one person the last sentences name, if one
        return _named(ctx, ctx.names.anaphor(sentence, offset, "person"), phrase)
    return _Speaker(None, phrase)


#: a person or a body written as "the" and a noun, resolved like a pronoun (``ArticleSpeakers.anaphor``)
PERSON_NOUN = re.compile(r"^the\s+(?:[\w’'-]+\s+){0,2}(?:author|founder|co-founder|writer|analyst|expert|scholar|"
                         r"historian|columnist|host|anchor|reporter|strategist|pollster|activist|researcher|scientist|"
                         r"epidemiologist|economist|ambassador)$", re.IGNORECASE)
BODY_NOUN = re.compile(r"^the\s+(?:company|firm|agency|group|organi[sz]ation|department|ministry|network|newspaper|"
                       r"bank|university|committee|council|union|charity|foundation|institute|retailer|carrier|airline|"
                       r"automaker|manufacturer|startup|website|broadcaster)$", re.IGNORECASE)


#: heads that are no one's voice though the text has them "say" things: laws, theorems, principles
_NOT_SPEAKING = re.compile(r"\b(?:law|laws|theorem|principle|rule|equation|effect|paradox|hypothesis|theory)$",
                           re.IGNORECASE)


def _no_name(name: str, body: str, written: str) -> bool:
    """A one-word speaker that names no one: a title alone ("Captain", "Sen") or a very common word (Zipf >= 5)
    the text also writes in lower case, which only opens a sentence ("Earlier", "Later", "Nobody")."""
    said = written.split()
    if " " in name.strip() or (len(said) > 1 and said[-2].lower().rstrip(".") in TITLES):
        return False  # "Mr. Way", "Sen. Paul": a name after its title
    word = name.strip(" .,").lower()
    if re.search(rf"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s+{re.escape(name.strip(' .,'))}\b", body):
        return False  # the text writes "Mr. Way" somewhere
    from wordfreq import zipf_frequency

    from sco_tui.analysis.actors import _TITLES
    from sco_tui.analysis.lexicon import ORG_WORDS

    if word in ORG_WORDS:
        return False  # "Police said": a body
    if word in _TITLES or word in TITLES or word in _RANKS or word in OPENERS or word in CALENDAR or word in STOPWORDS:
        return True
    lower = re.search(rf"(?<![\w’'-]){re.escape(word)}(?![\w’'-])", body)
    return lower is not None and zipf_frequency(word, "en") >= 5.0


_RANKS = frozenset("captain colonel lieutenant sergeant admiral commander corporal detective".split())


_PREPOSITION = re.compile(r"\s(?:of|for|at|from|in|with|on|after|about|by|over|near|inside|outside)\s")
#: heads that speak for whoever follows them ("a statement from the Pentagon", "the spokesman for Schumer")
_SPEAKS_FOR = frozenset("statement statements comment comments remark remarks letter tweet tweets post message "
                        "release report memo email note spokesman spokeswoman spokesperson aide aides lawyer lawyers "
                        "attorney attorneys representative representatives office campaign head chief director "
                        "chairman chairwoman chair president leader leaders member members official officials".split())


def _head(phrase: str, speakers: Speakers) -> str:
    """The speaker phrase without what follows its first preposition when that part is not who spoke:
    "Sarah Binder at George Washington University" is Sarah Binder, "Hoyer of Maryland" is Hoyer, "His
    brinksmanship in the Senate" is not the Senate. Cut where "the" or "a" follows the preposition, or where the
    part before it is a person the text names; kept whole in a name ("the Department of Justice"), after a title
    ("Secretary of State John Kerry"), a role ("the head of the IRS") or a head that speaks for the rest ("a
    statement from the Pentagon")."""
    m = _PREPOSITION.search(phrase)
    if m is None:
        return phrase
    head = phrase[:m.start()].rstrip(" ,")
    words = head.split()
    last = words[-1].lower().rstrip(".,") if words else ""
    if not last or last in TITLES or last in _SPEAKS_FOR or last.endswith(("’s", "'s")) or ROLE_SPEAKER.match(head):
        return phrase
    after = phrase[m.end():].split()
    determined = bool(after) and after[0].lower() in _DETERMINERS
    if not all(w[0].isupper() or w in _CONNECTORS for w in words):  # not a name: "His brinksmanship in the Senate"
        return head if determined and words[0].lower() in _DETERMINERS and ROLE_SPEAKER.match(head) is None else phrase
    actor = speakers.resolve(head)
    if (actor is not None and actor.kind == "person") or (determined and len(words) >= 2 and names_someone(head)):
        return head  # "Stan Veuger of the American Enterprise Institute", "Hoyer of Maryland"
    return phrase


_DETERMINERS = frozenset("the a an his her their its".split())


def _named(ctx: _Context, found: Resolved | None, written: str) -> _Speaker:
    if found is None:
        return _Speaker(None, written)
    s = ctx.sents[found.sentence] if 0 <= found.sentence < len(ctx.sents) else None
    return _Speaker(found.actor.name, written, found.via, Evidence.of(ctx.article.id, s) if s else None)


_CONNECTORS = frozenset("of de da del van von bin al la le du and for on".split())


_ROLE_ENDS = frozenset("republican republicans democrat democrats independent conservative liberal senator lawmaker "
                       "congressman congresswoman governor president candidate nominee leader official".split())


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
    if any(not w[0].isupper() and w.lower() not in _CONNECTORS and (k or w != "the") for k, w in enumerate(words)):
        return False  # lower-case words that are not connectors: a clause or a role, not a name ("the …" may open one)
    if words[0] == "the" and words[-1].lower() in _ROLE_ENDS:
        return False  # "the Ohio Republican", "the Texas Democrat": a description, not a name
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


def _classify_quote(ctx: _Context, m: re.Match[str], sentence: Sentence) -> Quote | ScareQuote | None:
    article, body = ctx.article, ctx.article.body
    text = m.group(1).strip()
    words = len(text.split())
    evidence = Evidence.of(article.id, sentence)
    if words == 0:
        return None
    if words <= SCARE_MAX_WORDS and _title(text) and not text.endswith(("?", "!")):
        return ScareQuote(article.id, text.strip(" ,."), evidence)  # told “Axios on HBO.”: a title, no voice
    lead = body[max(0, m.start() - 40):m.start()]
    if _TITLED.search(lead) or (_title(text.rstrip("?!")) and _ENTITLED.search(lead)):
        return None  # a story “entitled “Staying Aloft; What Does Keep Them Up There?”: a title, no voice
    paragraph_end = body.find("\n", m.end())
    after = _mask(body[m.end(): paragraph_end if paragraph_end != -1 else len(body)][:120])
    before = _mask(body[max(sentence.start, body.rfind("\n", 0, m.start()) + 1): m.start()])
    phrase = None
    source = False  # the words after the quote name who reports it ("…,” the Sacramento Bee reported)
    if text.endswith((",", "?", "!")) or after[:1] in (",", "?", "!") or words > SCARE_MAX_WORDS:
        a = AFTER.match(after)
        if a and _INTRODUCES.match(after, a.end()):
            a = None  # "” Craig replied: “…”": the next quote's speaker, not this one's
        if a and (a.group("spk1") or a.group("spk2")):
            candidate = _unmask(a.group("spk1") or a.group("spk2")).strip()
            lead = _NAME_FIRST.match(candidate) if a.group("spk1") else None
            if lead and not _is_speaker(_clean_speaker(candidate)):
                candidate = lead.group(0)  # "said de Blasio during a late Friday press conference"
            if _is_speaker(_clean_speaker(candidate)):
                phrase = candidate
                source = (a.group("verb1") or a.group("verb2")) in _SOURCE_VERBS
        if phrase is None and (text.endswith(",") or after[:1] == ","):  # the attribution goes on with the sentence
            long = AFTER_LONG.match(after)
            if long and not re.search(r"\.\s+[A-Z]", long.group("spk")) and not _INTRODUCES.match(after, long.end()):
                candidate = _unmask(long.group("spk")).strip()
                clean = _clean_speaker(candidate)
                if _is_speaker(clean) and names_someone(clean):
                    phrase = candidate
                    source = long.group("verb") in _SOURCE_VERBS
    if phrase is None:
        b = BEFORE.search(before)
        if b:
            phrase = _shortest_clause(_unmask(b.group("spk")))
    if phrase is None and COORDINATED.search(before):
        phrase = _subject(before)  # "Sen. Michael Bennet, D-Colo., defended … and said, “…”"
    if phrase is None:
        b = BEFORE_TOLD.search(before)  # "as epidemiologist Camara Jones recently told Mother Jones, “…”"
        if b:
            phrase = _shortest_clause(_unmask(b.group("spk")))
    if phrase is None:
        w = WHO.search(before)  # "… spokesperson Matt Dornic, who denied that … and that “…”"
        if w:
            phrase = _unmask(w.group("spk"))
    if phrase is None:  # "Rubio, Republican of Florida: “…”", at the sentence's or the paragraph's start
        c = COLON_LEAD.match(before) or COLON_LEAD.match(_mask(body[body.rfind("\n", 0, m.start()) + 1:m.start()]))
        if c and names_someone(_clean_speaker(c.group("spk"))):
            phrase = _unmask(c.group("spk"))
    if phrase is None and words > SCARE_MAX_WORDS and not _title(text):
        following = after.split("“")[0].split("\"")[0]
        if following.rstrip().endswith(":"):
            following = ""  # "” Craig replied: “…": the next quote's speaker, not this one's
        outside = before + " " + following.split(".")[0]
        sv = SUBJECT_VERB.search(outside)
        if sv:  # the longest ending of the words before the verb that is a speaker: "We live in what Andrew Sullivan
            phrase = _shortest_clause(_unmask(sv.group("spk")))  # warns is …", "The trial “…,” House … Fred Upton"
    if phrase is None and words > SCARE_MAX_WORDS:
        by = ACCORDING_AFTER.match(after)  # "“…,” according to the Beacon.": when nothing before names a speaker
        if by and _is_speaker(_clean_speaker(_unmask(by.group("spk")))):
            phrase = _unmask(by.group("spk"))
    spoken = words > SCARE_MAX_WORDS or _spoken(text)
    if phrase is None and spoken and not before.strip():
        phrase = _lead_speaker(ctx, sentence, m.start())  # "Chaffetz added the obvious … “They would never …”"
    if phrase is None:
        prev = ctx.previous
        if (prev is not None and prev.kind == "direct" and prev.speaker and spoken
                and _continues(body, prev, m.start())):
            return Quote(article.id, prev.speaker, prev.speaker_text, text.strip(" ,"), "direct", evidence,
                         "continuation", prev.named_in or prev.evidence)
        if _title(text) and not text.endswith(("?", "!")):
            return None  # a title in quotation marks ("Can You Feel the Love Tonight."): no voice, no distance
        if not spoken and _NAMED_BY.search(before):
            return None  # "He referred to Putin as an “old friend”": the subject's words, not the outlet's distance
        if not spoken:
            return ScareQuote(article.id, text.strip(" ,."), evidence)
        participle = PARTICIPLE.search(before)
        if participle:  # "the White House reacted sharply, saying the measure would affect … “…”"
            phrase = _opening_name(before[:participle.start()])
        if phrase is None:
            return Quote(article.id, None, "", text.strip(" ,"), "direct", evidence)
    elif source and PARTICIPLE.search(before):
        # "X argued …, telling his colleagues, “…,” the Sacramento Bee reported": X spoke, the paper reports it
        phrase = _opening_name(before[:PARTICIPLE.search(before).start()]) or phrase
    prev = ctx.previous
    if (phrase.strip().lower() in ("he", "she") and prev is not None and not prev.speaker
            and (_UNNAMED.match(prev.speaker_text) or prev.speaker_text == phrase.strip())
            and sentence.index - prev.evidence.sentence <= 1):
        # "“…,” one student said …. “…,” she continued": the unnamed speaker goes on, whoever the text named between
        return Quote(article.id, None, phrase.strip(), text.strip(" ,"), "direct", evidence)
    who = _resolve(phrase, ctx, sentence.index, m.start())
    if who.name is None and phrase.strip().lower() in PRONOUNS:
        who = _subject_of(ctx, before, phrase.strip(), sentence) or who
    return Quote(article.id, who.name, who.written, text.strip(" ,"), "direct", evidence, who.via if who.name else "",
                 who.named_in)


#: what only a title follows: "a video series titled “Where in the World is Stacey Abrams?”"
_TITLED = re.compile(r"\b(?:entitled|titled|headlined)\s*[,:]?\s*$", re.IGNORECASE)
#: what a title in quotation marks may follow: "his article", "titles like"
_ENTITLED = re.compile(r"\b(?:entitled|titled|headlined|titles?\s+like|article|essay|column|book|paper|report|"
                       r"video|film|song|episode)\s*[,:]?\s*$", re.IGNORECASE)


def _spoken(text: str) -> bool:
    """Whether a few quoted words are said, not held at a distance: a question or an exclamation ("Well, he would,
    wouldn't he?"), or a sentence of its own ("That's so ridiculous.", "This is the British problem.")."""
    text = text.strip()
    return text.endswith(("?", "!")) or (len(text.split()) >= 2 and text[:1].isupper() and text.endswith((".", "…"))
                                         and not _title(text))


def _title(text: str) -> bool:
    """Words in title case: a title ("Real Time with Bill Maher.", "Can You Feel the Love Tonight."), not speech."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words) and not text.endswith("?")


#: a name (or "the" and a name) that opens a clause: "Assemblyman Kevin McCarty (D) argued …", "the White House"
_OPENING = re.compile(r"^(?:(?:And|But|Meanwhile|So)\s+)?(?P<name>(?:the\s+)?(?:[A-Z][\w’'.\u2024-]*\s+){0,4}"
                      r"[A-Z][\w’'.\u2024-]*)")


def _opening_name(clause: str) -> str | None:
    """The name that opens a clause, when it is the clause's subject (a name, not an adverbial)."""
    m = _OPENING.match(clause.strip())
    if m is None:
        return None
    name = _unmask(m.group("name"))
    clean = _clean_speaker(name)
    return name if clean and (names_someone(clean) or clean.lower().startswith("the ")) and not _ADVERBIAL.match(
        clean) else None


def _lead_speaker(ctx: _Context, sentence: Sentence, start: int) -> str | None:
    """Who speaks a quote that opens its sentence right after a sentence of the same paragraph whose subject speaks
    ("Chaffetz added the obvious about some of these “investigators.” “They would never …”")."""
    if sentence.index == 0 or "\n" in ctx.article.body[ctx.sents[sentence.index - 1].start:start]:
        return None
    prev = _mask(ctx.sents[sentence.index - 1].text)
    m = re.match(rf"^(?P<spk>(?:[A-Z][\w’'\u2024-]*\s+){{0,3}}[A-Z][\w’'\u2024-]*)\s+(?:also\s+|later\s+)?"
                 rf"(?:{_VERBS})\b", prev)
    if m is None or len(prev) - m.end() > 200:
        return None
    return _unmask(m.group("spk")) if names_someone(_clean_speaker(_unmask(m.group("spk")))) else None


def _subject_of(ctx: _Context, before: str, pronoun: str, sentence: Sentence) -> _Speaker | None:
    """A pronoun speaker that no earlier sentence settles, read as its own sentence's subject when that subject
    is a person ("he", "she") or a body ("it") the text names: "Sanders, a Vermont independent, stressed … when he
    said, “…”"."""
    subject = _subject(before)
    if subject is None:
        return None
    actor = ctx.speakers.resolve(_clean_speaker(subject))
    wanted = ("organisation", "country") if pronoun.lower() == "it" else ("person",)
    if actor is None or actor.kind not in wanted or pronoun.lower() == "they":
        return None
    return _Speaker(actor.name, pronoun, "pronoun", Evidence.of(ctx.article.id, sentence))


_SUBORDINATE = re.compile(r"(?:when|while|as|if|although|though|because|since|until|unless|whether|after|before)\b",
                          re.IGNORECASE)


def _subject(before: str) -> str | None:
    """The name that opens the sentence, or the first of its comma-separated parts that opens with a name (past an
    adverbial or a participle: "Speaking to reporters Monday, Sen. Mitt Romney, R-Utah, called … and said")."""
    for part in before.split(","):
        part = part.strip()
        if _SUBORDINATE.match(part):
            return None  # "When Dickerson asked …, he said": not the main clause's subject
        if _ADVERBIAL.match(part) or re.match(r"[A-Z][a-z]+ing\b", part) or _PARTY_STATE.match(part):
            continue
        m = SUBJECT.match(part)
        if m is None:
            return None  # the clause opens with something else: no subject we can name
        name = _clean_speaker(m.group(0))
        return _unmask(m.group(0)) if name and names_someone(name) else None
    return None


def _shortest_clause(phrase: str) -> str | None:
    """The speaker in the words before a speech verb: the whole phrase when it is one, else its longest ending
    that is a name, a pronoun or a role ("When Dickerson asked what crime … he said": he, not Dickerson; "the
    words in the opinion where Scalia wrote": Scalia)."""
    words = phrase.split()
    for k in range(max(0, len(words) - 8), len(words)):
        if k and (words[k - 1].lower() in _INSIDE or words[k - 1][:1].isupper()):
            continue  # never inside a phrase: "a professor at the medical school of | Cornell University"
        clean = _clean_speaker(" ".join(words[k:]))
        if not clean or not _is_speaker(clean):
            continue
        if clean.lower() in PRONOUNS or ROLE_SPEAKER.match(clean) or (
                names_someone(clean) and clean.split()[-1].lower() not in _CONNECTORS):
            return clean
    return phrase if _is_speaker(_clean_speaker(phrase)) else None


#: words after which a phrase goes on (a preposition, an article, a name's connector)
_INSIDE = frozenset("of at in from with by on to for about into over under the a an de van von al bin la le du da "
                    "del".split())


#: a verb that gives the quoted words to the sentence's subject ("referred to X as", "dubbed", "termed"); not
#: "so-called", which is the outlet's own distance
_NAMED_BY = re.compile(r"(?<![\w-])(?<!so )(?:referr(?:ed|ing)\s+to|refers\s+to|call(?:ed|s|ing)|dubb(?:ed|ing)|dubs|"
                       r"termed|labell?ed|branded|describ(?:ed|es|ing)|characteri[sz]ed)\b[^“”\"\n]{0,80}$",
                       re.IGNORECASE)


_BETWEEN = re.compile(rf"^[,.!?]?[”\"]?\s*[^“”\"\n]{{0,60}}\b(?:{_VERBS})\b[^“”\"\n]{{0,240}}[.,:]\s*[“\"]?$")


def _continues(body: str, prev: Quote, start: int) -> bool:
    """Whether a quote goes on after its attribution: “…,” he said. “…” (same paragraph, nothing else between)."""
    end = body.rfind(prev.text[-20:], 0, start)
    if end < 0:
        return False
    between = body[end + len(prev.text[-20:]):start + 1]
    return len(between) <= 310 and "\n" not in between and bool(_BETWEEN.match(between))


def _reported(ctx: _Context, s: Sentence) -> Quote | None:
    return _reported_before(ctx, s) or _reported_after(ctx, s)


def _reported_before(ctx: _Context, s: Sentence) -> Quote | None:
    """"X said (that) …": the statement after its speaker and verb."""
    article = ctx.article
    m = REPORTED.match(_mask(s.text))
    if m is None:
        return None
    verb = m.group("verb")
    if not m.group("that") and verb not in BARE_SPEECH_VERBS:
        return None
    if re.search(r"\b(?:is|are|was|were|be|been|being)$", m.group("spk").strip()):
        return None  # "Fox News is told the review included …": told, not telling; who told is not said
    if re.search(r"[’']s?$", m.group("spk").strip()):
        return None  # "The Florida Department of Health’s stated rates …": an owner, not a speaker
    if _NEGATED.search(m.group("spk").strip()) or _negated_inside(m.group("spk")):
        return None  # "House GOP leaders have not yet announced a plan": nothing was said
    if re.match(r"nothing\b(?:\s+(?:about|of|on|to|at|more|else|further|publicly|in)\b|[.,;]|$)", m.group("clause")):
        return None  # "World News and Evening News said nothing about …"
    phrase = _clean_speaker(m.group("spk"))
    if not _is_speaker(phrase):
        return None
    who = _resolve(phrase, ctx, s.index, s.start + m.start("spk"))
    if who.name is None:
        return None  # "He said the bill …" with no one "he" can safely be: not a voice we can name
    clause = m.group("clause")
    if len(clause.split()) < 3 and not re.search(r"[“\"]", clause):
        return None  # "…, he told officers.": the listener ends the sentence; the statement came before it
    if m.group("obj") and not m.group("that") and verb not in ("told", "tells"):
        clause = s.text[m.end("verb"):].strip()  # "Paduchik said Trump's efforts …": no listener, the statement
    return Quote(article.id, who.name, who.written, _unmask(clause).rstrip(" ."), "reported",
                 Evidence.of(article.id, s), who.via, who.named_in)


def _reported_after(ctx: _Context, s: Sentence) -> Quote | None:
    """A statement with its attribution after it: "…, he said.", "…, says Thomas LaVeist, dean of …", whose speaker
    resolves to a name (else it is not a voice we can name)."""
    if not _TRAIL_HINT.search(s.text, max(0, len(s.text) - 200)):
        return None  # no attribution near the end: the costly match is not tried
    m = REPORTED_AFTER.match(_mask(s.text))
    if m is None:
        return None
    phrase = _clean_speaker(m.group("spk1") or m.group("spk2"))
    if not _is_speaker(phrase):
        return None
    start = m.start("spk1") if m.group("spk1") else m.start("spk2")
    who = _resolve(phrase, ctx, s.index, s.start + start)
    if who.name is None:
        return None
    return Quote(ctx.article.id, who.name, who.written, _unmask(m.group("clause")).strip(" ,"), "reported",
                 Evidence.of(ctx.article.id, s), who.via, who.named_in)
