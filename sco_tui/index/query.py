"""sco-tui's own query tree, parsed once from the syntax users know, then rendered per backend.

Syntax (Whoosh's default, which the app and the CLI have always taken): words (all must match),
``AND`` / ``OR`` / ``NOT`` / ``ANDNOT`` (upper case; ``NOT`` binds tightest, then ``AND``, then
``OR``, then plain juxtaposition), ``"phrases"``, ``field:term`` / ``field:"phrase"`` /
``field:(group)``, ``prefix*`` (``?`` and ``*`` inside a word are wildcards), ``fuzzy~`` (one
edit), ``fuzzy~2`` (two) and ``fuzzy~2/3`` (the first three letters fixed), ``( groups )``.

Before parsing, the text is normalised the way users mean it: curly quotes become straight, an
unclosed phrase or group is closed, a dangling operator at the end is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sco_tui.index.analysis import nothing_left, query_words
from sco_tui.index.api import QueryError
from sco_tui.index.schema import QUERY_FIELDS

#: Fields a user may name in a query (``outlet:press``), with what they search.
FIELDS = {"title": "headline", "body": "article text", "outlet": "outlet name", "date": "ISO date (2024-07-03)",
          "id": "article id", "exact": "article text, unstemmed"}
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
LIVE_PREFIX_MIN = 3  # a word being typed is a prefix from this many letters

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_TOKEN = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<field>\w+):(?=[^\s)])|"(?P<phrase>[^"]*)"'
                    r'|(?P<word>[^\s()"]+))')
#: A date as the index holds it, or its start: 2024, 2024-07, 2024-07-03 (a date: value matches every
#: article dated within it; ``date:>=2024-07``, ``>``, ``<``, ``<=`` compare, a partial date standing for
#: its whole span).
DATE_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
DATE_COMPARISON = re.compile(r"(?P<op>[<>]=?)(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)")
_FUZZY = re.compile(r"^(?P<text>.+?)~(?P<dist>\d+)?(?:/(?P<prefix>\d+))?$")
_WORD = re.compile(r"[^\W_][\w'-]*")


@dataclass(frozen=True, slots=True)
class Term:
    """One leaf. ``kind``: word, phrase, prefix (``text`` without the ``*``), wildcard (``?``/``*``
    inside), fuzzy (``maxdist`` edits, the first ``prefixlength`` letters fixed)."""

    text: str
    field: str | None = None  # None: the default fields, title and body
    kind: str = "word"
    maxdist: int = 1
    prefixlength: int = 1

    def syntax(self) -> str:
        head = f"{self.field}:" if self.field else ""
        if self.kind == "phrase":
            return f'{head}"{self.text}"'
        if self.kind == "prefix":
            return f"{head}{self.text}*"
        if self.kind == "fuzzy":
            return f"{head}{self.text}~{self.maxdist}/{self.prefixlength}"
        return head + self.text


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]

    def syntax(self) -> str:
        return "(" + " AND ".join(c.syntax() for c in self.children) + ")"


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]

    def syntax(self) -> str:
        return "(" + " OR ".join(c.syntax() for c in self.children) + ")"


@dataclass(frozen=True, slots=True)
class Not:
    child: Node

    def syntax(self) -> str:
        return f"NOT {self.child.syntax()}"


Node = Term | And | Or | Not


def normalise(text: str) -> str:
    """Straight quotes for curly ones; invisible characters pasted with a word (zero-width spaces, soft
    hyphens) out and control characters as spaces; close an unclosed phrase or group; drop a dangling
    operator."""
    text = _FIELD_GAP.sub(r"\1:", _invisible_out(text).translate(_QUOTES)).strip()
    if text.count('"') % 2:
        text += '"'
    text = _minus_is_not(text)
    depth = 0
    for ch in text:
        depth = max(0, depth + (ch == "(") - (ch == ")"))
    text += ")" * depth
    words = text.split()
    while words and (words[-1] in OPERATORS or _EMPTY_FIELD.fullmatch(words[-1])):
        words.pop()  # a dangling operator, or a field still waiting for its value as the user types
    return " ".join(words)


#: ``title: Xi`` is ``title:Xi`` (a known field's name, a colon and a space before its value).
_FIELD_GAP = re.compile(rf'(?<![\w"])({"|".join(QUERY_FIELDS)}):\s+(?=[^\s()"]|"[^"]*")')


_EMPTY_FIELD = re.compile(rf'(?<![\w"])(?:{"|".join(QUERY_FIELDS)}):(?:[<>]=?)?(?=[\s)]|$)')


def check_field_values(text: str) -> None:
    """QueryError when a field is named with nothing to search in it (``outlet:``, ``date:>``)."""
    outside = re.sub(r'"[^"]*"', "P", _FIELD_GAP.sub(r"\1:", _invisible_out(text)))
    if m := _EMPTY_FIELD.search(outside):
        name = m[0].split(":")[0]
        example = {"date": "date:2024-07 or date:>=2024-07-01", "outlet": 'outlet:reuters or outlet:"press tv"'}
        raise QueryError(f"{m[0]} needs something after it, e.g. {example.get(name, name + ':Xi')}")


def _invisible_out(text: str) -> str:
    if text.isascii() and text.isprintable():
        return text
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text
                   if unicodedata.category(ch) != "Cf")


_MINUS = re.compile(r"(?<!\S)-(?=[^\W\d_])")


def _minus_is_not(text: str) -> str:
    """A word or phrase with a leading ``-`` is left out, as search engines do: ``Astana -Belarus`` is
    ``Astana NOT Belarus`` (a hyphen inside a word, ``e-mail``, or inside a phrase is kept)."""
    parts = text.split('"')
    for k in range(0, len(parts), 2):
        parts[k] = _MINUS.sub("NOT ", parts[k])
        if k + 1 < len(parts) and (parts[k] == "-" or parts[k].endswith((" -", "(-"))):
            parts[k] = parts[k][:-1] + "NOT "  # -"a phrase"
    return '"'.join(parts)


def live_text(text: str) -> str:
    """What to search while the user is still typing: the last word is a prefix from 3 letters."""
    if not text or text[-1].isspace() or text.count('"') % 2:
        return text
    head, _, last = text.rpartition(" ")
    if not re.fullmatch(r"[^\W_][\w'-]*", last) or last in OPERATORS:
        return text
    if "-" in last:  # "Ocasio-Cor": the index holds "ocasio" and "cortez", so the prefix is the last part's
        *before, last = [p for p in last.split("-") if p]
        head = " ".join([head, *before]).strip()
    if len(last) >= LIVE_PREFIX_MIN:
        return f"{head} {last}*".strip()
    return head if head.strip() else text


def finished_words(text: str) -> str:
    """The query without the word being typed (the last one, unless a space follows it)."""
    return normalise(text) if text[-1:].isspace() else normalise(text.rpartition(" ")[0])


def suggestable_words(text: str) -> list[str]:
    """The plain words of a query a 'did you mean' may correct (no fields, operators, prefixes, fuzzy terms)."""
    plain = re.sub(r"\b\w+:", " ", text)
    return [m[0] for m in _WORD.finditer(plain)
            if m[0] not in OPERATORS and len(m[0]) >= 3 and plain[m.end():m.end() + 1] not in ("~", "*", "?")]


def replace_word(text: str, word: str, by: str) -> str:
    """``text`` with the first whole-word ``word`` replaced by ``by``."""
    return re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lambda _m: by, text, count=1)


def parse(text: str, *, live: bool = False) -> tuple[Node, str]:
    """The tree of a user's query and its normalised text; QueryError with a clear reason when
    there is nothing to search. ``live``: the last word is still being typed."""
    norm = normalise(text)
    searched = normalise(live_text(text)) if live else norm
    if not live:
        check_field_values(text)
    tree = _Parser(query_words(searched)).parse()
    if tree is None:
        if _WORD.search(searched):
            raise QueryError(nothing_left(text))
        raise QueryError("type some words to search for")
    return tree, norm


def leaves(node: Node, positive: bool = True) -> list[tuple[Term, bool]]:
    """Every term with whether it counts for a match (False under a NOT)."""
    if isinstance(node, Term):
        return [(node, positive)]
    if isinstance(node, Not):
        return leaves(node.child, not positive)
    return [leaf for child in node.children for leaf in leaves(child, positive)]


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        for m in _TOKEN.finditer(text):
            kind = m.lastgroup or ""
            value = m.group(kind) if kind else ""
            if kind == "word" and value in OPERATORS:
                kind = "op"
            self.tokens.append((kind, value))
        self.pos = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        self.pos += 1
        return tok

    def parse(self) -> Node | None:
        node = self.sequence(None)
        while self.pos < len(self.tokens):  # a stray ")": carry on after it
            self.take()
            more = self.sequence(None)
            node = _join(And, [n for n in (node, more) if n is not None])
        return node

    def sequence(self, field: str | None) -> Node | None:
        items = []
        while self.peek()[0] not in ("end", "close"):
            kind, value = self.peek()
            if kind == "op" and value not in ("NOT",):
                self.take()  # an operator with nothing on its left: ignored
                continue
            item = self.disjunction(field)
            if item is not None:
                items.append(item)
        return _join(And, items)

    def disjunction(self, field: str | None) -> Node | None:
        items = [self.conjunction(field)]
        while self.peek() == ("op", "OR"):
            self.take()
            items.append(self.conjunction(field))
        return _join(Or, [i for i in items if i is not None])

    def conjunction(self, field: str | None) -> Node | None:
        node = self.unary(field)
        while self.peek()[0] == "op" and self.peek()[1] in ("AND", "ANDNOT", "ANDMAYBE"):
            op = self.take()[1]
            right = self.unary(field)
            if right is None:
                continue
            if op == "ANDNOT":
                right = Not(right)
            if op == "ANDMAYBE":  # the right side only ranks: the matches are the left side's
                continue
            node = right if node is None else _join(And, [node, right])
        return node

    def unary(self, field: str | None) -> Node | None:
        if self.peek() == ("op", "NOT"):
            self.take()
            child = self.unary(field)
            return Not(child) if child is not None else None
        return self.atom(field)

    def atom(self, field: str | None) -> Node | None:
        kind, value = self.peek()
        if kind == "field":
            self.take()
            if value not in FIELDS:
                known = ", ".join(f"{k}:" for k in FIELDS)
                raise QueryError(f"unknown field '{value}:' (fields: {known})")
            if self.peek()[0] in ("field", "op", "close", "end"):
                return None
            return self.atom(value)
        if kind == "open":
            self.take()
            node = self.sequence(field)
            if self.peek()[0] == "close":
                self.take()
            return node
        if kind in ("close", "end", "op"):
            return None
        self.take()
        if kind == "phrase":
            words = value.split()
            if not words:
                return None
            return Term(" ".join(words), field, "word" if len(words) == 1 and _WORD.fullmatch(words[0]) else "phrase")
        return _word(value, field)


def _word(value: str, field: str | None) -> Term:
    if field == "date":
        if DATE_VALUE.fullmatch(value):
            return Term(value, field, "prefix")  # 2024 is every date in 2024
        if m := DATE_COMPARISON.fullmatch(value):
            return Term(m["date"], field, "compare:" + m["op"])
    m = _FUZZY.match(value)
    if m and not any(c in m["text"] for c in "*?"):
        return Term(m["text"], field, "fuzzy", int(m["dist"] or 1), int(m["prefix"] if m["prefix"] else 1))
    if value.endswith("*") and not any(c in value[:-1] for c in "*?"):
        return Term(value[:-1], field, "prefix") if value[:-1] else Term(value, field)
    if "*" in value or "?" in value:
        return Term(value, field, "wildcard")
    return Term(value, field)


def _join(kind, items: list[Node]) -> Node | None:
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    flat: list[Node] = []
    for item in items:
        flat.extend(item.children if isinstance(item, kind) else (item,))
    return kind(tuple(flat))
