"""Who "he", "she", "it" and "the senator" are when they speak: the person (or, for "it", the
organisation) the same article names, found only when one candidate fits.

- A pronoun looks back from where it stands, sentence by sentence (at most `WINDOW` sentences), for
  the nearest sentence naming someone of a fitting kind, names inside quotation marks left out. One
  candidate there: resolved. Several: resolved only if the text's own pronouns after each name
  ("Kashuv apologized …, saying he …") leave exactly one of the pronoun's gender; otherwise left
  unattributed. No gender is guessed from first names. A sentence that opens with the same pronoun
  ("He faulted Barr and Trump") continues the chain: its names are objects, not antecedents. A sentence
  that opens with a name of unknown kind stops the search (it may be the antecedent we cannot type).
- A role ("the senator", "the Russian president", "the spokeswoman") resolves to the one person the
  article introduced with that role before ("Sen. Lindsey Graham", "Lindsey Graham, a senator from …",
  "spokesman John Kirby"), its qualifiers included ("the foreign minister" needs "Foreign Minister").
  Two people with the role: left unattributed.

Each resolution carries the sentence that names the speaker, so the screen can show why.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from sco_tui.analysis.actors import Actor
from sco_tui.analysis.lexicon import TITLES
from sco_tui.analysis.text import Sentence

WINDOW = 3  # sentences a pronoun may look back, besides its own
_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "herself": "f"}
_GENDERED = re.compile(r"\b(he|his|him|himself|she|herself)\b", re.IGNORECASE)  # not "her": "calling her stance"
_HONORIFIC = {"mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "spokesman": "m", "congressman": "m",
              "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f", "queen": "f", "princess": "f",
              "spokeswoman": "f", "congresswoman": "f", "chairwoman": "f"}
_OPENS = re.compile(r"^(?:[“\"]\s*)?(?:(?:but|and|yet|still|later|then|so)\s+)?(he|she)\b", re.IGNORECASE)
# role words as the texts write them -> one head ("Sen." and "senator", "Rep." and "congresswoman")
ROLE_HEADS = {
    "sen": "senator", "senator": "senator", "rep": "representative", "representative": "representative",
    "congressman": "representative", "congresswoman": "representative", "gov": "governor", "governor": "governor",
    "president": "president", "pres": "president", "minister": "minister", "premier": "premier",
    "chancellor": "chancellor", "secretary": "secretary", "secretary-general": "secretary-general",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "judge": "judge", "justice": "justice", "mayor": "mayor", "ambassador": "ambassador", "envoy": "envoy",
    "director": "director", "chairman": "chair", "chairwoman": "chair", "chair": "chair", "ceo": "ceo",
    "commissioner": "commissioner", "sheriff": "sheriff", "general": "general", "gen": "general",
    "prince": "prince", "king": "king", "queen": "queen", "pope": "pope", "leader": "leader",
    "attorney": "attorney", "adviser": "adviser", "advisor": "adviser", "professor": "professor",
    "prosecutor": "prosecutor", "economist": "economist", "lawyer": "lawyer", "attorney-general": "attorney",
}
_RANKS = frozenset({"vice", "deputy", "assistant", "associate", "under", "lieutenant", "co", "sub"})  # another role
_SKIP = frozenset({"the", "a", "an", "former", "then", "outgoing", "new", "current", "acting", "top", "u.s.", "us",
                   "u.n.", "un"})
_HEADS = "|".join(sorted((re.escape(h) for h in ROLE_HEADS), key=len, reverse=True))
ROLE_OPENS = re.compile(rf"^(?:But\s+|And\s+)?(the\s+(?:[\w’'.-]+\s+){{0,3}}?(?:{_HEADS}))\b", re.IGNORECASE)
UNNAMED_OPENS = re.compile(r"^(?:But\s+|And\s+)?(?:The|A|An)\s+(?:[a-z][\w’'-]*\s+){1,3}(?:also\s+)?"
                           r"(?:said|says|told|tells|added|adds|explained|noted|argued|wrote|insisted)\b")
ROLE_SPEAKER = re.compile(rf"^the\s+((?:[\w’'.-]+\s+){{0,3}}?)({_HEADS})$", re.IGNORECASE)
APPOSITIVE = re.compile(rf"^,\s+(?:who is\s+|who was\s+)?(?:a|an|the)\s+((?:[\w’'.-]+\s+){{0,5}}?)({_HEADS})\b",
                        re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Resolved:
    actor: Actor
    via: str  # pronoun | role
    sentence: int  # the sentence that names the speaker


@dataclass(frozen=True, slots=True)
class _Name:
    sentence: int
    start: int
    end: int
    actor: Actor


def role_words(text: str) -> tuple[str, frozenset[str]] | None:
    """(head, qualifiers) of a role: "the Russian president" -> ("president", {"russian"})."""
    words = [w.strip(",.").lower() for w in text.split()]
    words = [w for w in words if w and w not in _SKIP]
    if not words:
        return None
    heads = [i for i, w in enumerate(words) if w.rstrip(".") in ROLE_HEADS]
    if not heads:
        return None
    i = heads[-1]
    return ROLE_HEADS[words[i].rstrip(".")], frozenset(w.rstrip(".") for w in words[:i])


class ArticleSpeakers:
    """One article's named people and organisations by sentence, their genders as the text shows them,
    and the roles it gives them: what a pronoun or a role speaker can resolve to."""

    def __init__(self, article_id: str, body: str, sents: tuple[Sentence, ...], actors: list[Actor],
                 quoted: list[tuple[int, int]]) -> None:
        self.sents = sents
        self.body = body
        inside = _Inside(quoted)
        self.names: dict[int, list[_Name]] = defaultdict(list)
        self.roles: dict[int, list[tuple[int, str, frozenset[str]]]] = defaultdict(list)  # id(actor) -> roles
        self.people: dict[int, Actor] = {}
        self.titled: dict[int, Counter[str]] = defaultdict(Counter)
        for actor in actors:
            for sentence, start, end, role in actor.spans.get(article_id, ()):
                if sentence < 0 or inside(start):
                    continue
                if actor.kind in ("person", "organisation", "country", "other"):
                    self.names[sentence].append(_Name(sentence, start, end, actor))
                if actor.kind == "person":
                    self.people[id(actor)] = actor
                    honorifics = {_HONORIFIC[w] for w in re.findall(r"[a-z]+", role.lower()) if w in _HONORIFIC}
                    if len(honorifics) == 1:  # "Mr Harrington", "spokeswoman Mao Ning": the text says the gender
                        self.titled[id(actor)][honorifics.pop()] += 2
                    for found in (role_words(role) if role else None, self._appositive(end)):
                        if found:
                            self.roles[id(actor)].append((sentence, *found))
        for ns in self.names.values():
            ns.sort(key=lambda n: n.start)
        self.gender = self._genders(inside)

    def _appositive(self, end: int) -> tuple[str, frozenset[str]] | None:
        m = APPOSITIVE.match(self.body[end:end + 90])
        return role_words(m.group(1) + m.group(2)) if m else None

    def _genders(self, inside: _Inside) -> dict[int, str]:
        """Each person's gender from the pronouns that follow its name before anyone else is named."""
        votes: dict[int, Counter[str]] = defaultdict(Counter, {k: Counter(v) for k, v in self.titled.items()})
        flat = sorted((n for ns in self.names.values() for n in ns), key=lambda n: n.start)
        for k, n in enumerate(flat):
            if n.actor.kind != "person":
                continue
            stop = flat[k + 1].start if k + 1 < len(flat) else len(self.body)
            nxt = min(n.sentence + 1, len(self.sents) - 1)
            following = self.sents[nxt].end
            for m in _GENDERED.finditer(self.body, n.end, min(stop, following)):
                if not inside(m.start()):
                    votes[id(n.actor)][_GENDER[m.group(1).lower()]] += 1
                    break
        self.votes = votes
        out = {}
        for key, v in votes.items():
            (top, count), total = v.most_common(1)[0], sum(v.values())
            if count * 3 >= total * 2:
                out[key] = top
        return out

    def _fits(self, actor: Actor, gender: str) -> bool:
        """The text's pronouns after this person's name do not speak against the gender (none is fine)."""
        v = self.votes.get(id(actor))
        if not v:
            return True
        return v[gender] > 0 and v[gender] >= max(v.values())

    def pronoun(self, word: str, sentence: int, offset: int) -> Resolved | None:
        """The one person ("he", "she") or organisation ("it") the pronoun at `offset` can mean, else None."""
        word = word.lower()
        if word not in ("he", "she", "it"):
            return None  # "they": a group as often as an organisation; left unattributed
        gender = _GENDER.get(word, "")
        skipped = False
        for j in range(sentence, max(-1, sentence - WINDOW - 1), -1):
            names = [n for n in self.names.get(j, ()) if j < sentence or n.start < offset]
            if word == "it":
                fitting = [n for n in names if n.actor.kind in ("organisation", "country")]
                if fitting and self._subject(j, fitting[0]):
                    return self._one([fitting[0].actor], "", j)  # the subject: "The NRA said it would work with …"
                if names:
                    return None  # the nearest names are not a subject that fits: do not reach past them
                continue
            fitting = [n for n in names if n.actor.kind == "person" and self._fits(n.actor, gender)
                       and not self._modifier(n)]
            s = self.sents[j]
            if j < sentence and _OPENS.match(s.text) and _GENDER[_OPENS.match(s.text).group(1).lower()] == gender:
                skipped = True
                continue  # "He faulted Barr and Trump …": the chain goes on past its objects
            opener = ROLE_OPENS.match(s.text) if j < sentence else None
            if opener:  # "The prime minister said she …": the role is the antecedent, if anyone is
                found = self.role(opener.group(1), j)
                return found if found is not None and self._fits(found.actor, gender) else None
            if j < sentence and UNNAMED_OPENS.match(s.text):
                return None  # "The police chief says he …": an unnamed speaker holds the pronoun
            first = fitting[0] if fitting else None
            if (j < sentence and not skipped and len({id(n.actor) for n in fitting}) > 1 and first is names[0]
                    and self._subject(j, first) and self.body[first.end:first.end + 2] not in ("’s", "'s")):
                # "Michael Dowling, chief executive of Northwell Health, appeared with Zucker … At the conference,
                # he said": the person who opens the sentence before, its subject, goes on ("Grassley's office" is
                # the office, not Grassley)
                return Resolved(first.actor, "pronoun", j)
            if any(n.actor.kind == "other" and len(n.actor.name.split()) >= 2 and not self._modifier(n) for n in names):
                return None  # "… Trump—Lyndon Baines Johnson": a name we cannot type may be the one meant
            if not fitting:
                if names and names[0].actor.kind == "other" and names[0].start - s.start <= 4:
                    return None  # opens with a name we cannot type: it may be the speaker
                if any(n.actor.kind == "person" for n in names):
                    return None  # a person of the other gender
                continue
            return self._one([n.actor for n in fitting], gender, j)
        return None

    def _modifier(self, name: _Name) -> bool:
        """A name used as a modifier, not a person acting: "the Clinton campaign", "the Trump administration", "the
        early Obama administration"."""
        before = self.body[max(0, name.start - 24):name.start]
        return bool(re.search(r"\bthe\s+(?:[a-z]+\s+)?$", before, re.IGNORECASE)
                    and re.match(r"\s+[a-z]", self.body[name.end:name.end + 3]))

    def _subject(self, j: int, name: _Name) -> bool:
        """The name opens its sentence, alone or after "the" and up to two lower-case words ("The powerful National
        Rifle Association said it …")."""
        lead = [w for w in self.body[self.sents[j].start:name.start].split()
                if w.lower() not in ("but", "and", "meanwhile,") and w.lower().rstrip(".") not in TITLES]
        return not lead or (lead[0].lower() == "the" and len(lead) <= 3 and all(w.islower() for w in lead[1:]))

    def _one(self, actors: list[Actor], gender: str, sentence: int) -> Resolved | None:
        unique = list({id(a): a for a in actors}.values())
        if len(unique) == 1:
            return Resolved(unique[0], "pronoun", sentence)
        known = [a for a in unique if self.gender.get(id(a)) == gender] if gender else []
        if len(known) == 1 and all(self.gender.get(id(a)) not in (None, gender) for a in unique if a is not known[0]):
            return Resolved(known[0], "pronoun", sentence)
        return None

    def introduced(self, phrase: str) -> bool:
        """Whether the article introduced anyone with this role's head ("the minister": "Minister …" somewhere)."""
        wanted = role_words(phrase)
        return wanted is not None and any(h == wanted[0] for found in self.roles.values() for _, h, _ in found)

    def anaphor(self, sentence: int, offset: int, kind: str) -> Resolved | None:
        """The one person (``kind`` "person") or organisation the sentences up to ``offset`` name, looking back as a
        pronoun does (`WINDOW`), for a speaker written as "the" and a noun no one was introduced with ("the home
        minister", "the author", "the company"); None when none or several are named there. A body may be any name
        no word list typed ("Voatz", "Facebook"): two such names leave "the company" open."""
        kinds = ("organisation", "other") if kind == "organisation" else (kind,)
        found: dict[int, tuple[Actor, int]] = {}
        for j in range(max(0, sentence - WINDOW), sentence + 1):
            for n in self.names.get(j, ()):
                if (j < sentence or n.start < offset) and n.actor.kind in kinds and not self._modifier(n):
                    found[id(n.actor)] = (n.actor, j)
        if len(found) != 1:
            return None
        actor, at = next(iter(found.values()))
        return Resolved(actor, "role", at)

    def role(self, phrase: str, sentence: int) -> Resolved | None:
        """The one person introduced with this role before `sentence`, else None."""
        m = ROLE_SPEAKER.match(phrase.strip())
        if m is None:
            return None
        wanted = role_words(phrase)
        if wanted is None:
            return None
        head, qualifiers = wanted
        found: dict[int, tuple[Actor, int]] = {}
        for key, actor in self.people.items():
            for at, h, q in self.roles.get(key, ()):
                if at <= sentence and h == head and qualifiers <= q and q & _RANKS <= qualifiers:
                    found[key] = (actor, min(at, found.get(key, (actor, at))[1]))
        if len(found) != 1:
            return None
        actor, at = next(iter(found.values()))
        return Resolved(actor, "role", at)


class _Inside:
    """Whether an offset falls inside one of the article's quotations."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)

    def __call__(self, offset: int) -> bool:
        import bisect

        i = bisect.bisect_right(self.spans, (offset, float("inf"))) - 1
        return i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]
