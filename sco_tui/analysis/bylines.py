"""Attributions that stand outside any sentence: where a text says who speaks a quoted passage on a line of its
own, and quoted passages that run on over paragraphs.

- A byline under a quoted passage, as digests of opinion pieces print them: “…” on one or more paragraphs, then
  "Elizabeth Bruenig, New York Times", "— Justin Brooks, The Appeal", or the same at the end of the passage's last
  paragraph (“…” Noah Feldman, Bloomberg).
- An embedded tweet: its text, a dash and the account ("A fantastic day … — Donald J. Trump (@realDonaldTrump)
  November 11, 2016").
- A quotation that goes on into the next paragraph: the paragraph opens a quotation mark it never closes, and the
  next paragraph opens one again (the printers' convention for a quote of several paragraphs).

Pure text functions: `quotes` turns what they find into voices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENING = "“\""
_CLOSING = "”\""
_NAME = r"(?:[A-Z][\w’'-]*\.?\s+){1,3}[A-Z][\w’'-]+"
_OUTLET = r"(?:The\s+)?[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|and|the|for|on|de)){0,5}"
#: a byline on a line of its own: "Elizabeth Bruenig, New York Times", "— Justin Brooks, The Appeal",
#: "Editorial Board, Wall Street Journal"
BYLINE_LINE = re.compile(rf"^[—–-]?\s*(?P<name>{_NAME}|Editorial Board),\s+(?P<outlet>{_OUTLET})\.?\s*$")
#: the same after the closing mark of a passage's last paragraph
BYLINE_END = re.compile(rf"[”\"]\s*(?:[—–-]\s*)?(?P<name>{_NAME}|Editorial Board),\s+(?P<outlet>{_OUTLET})\.?\s*$")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
#: an embedded tweet: its text, a dash, the account's name and handle, the date
TWEET = re.compile(rf"(?P<text>\S.{{2,600}}?)\s*[—–]\s*(?P<name>[^()\n—–]{{1,60}}?)\s*\(@(?P<handle>\w{{1,30}})\)\s*"
                   rf"{_MONTH}\.?\s+\d{{1,2}},\s+\d{{4}}\s*$")


@dataclass(frozen=True, slots=True)
class Byline:
    """Who a quoted passage is by, as its byline says: ``name`` ("Editorial Board" for an outlet's editorial) and
    ``outlet``; the passage is ``start``-``end`` of the body, the byline ``line_start``-``line_end``."""

    name: str
    outlet: str
    start: int
    end: int
    line_start: int
    line_end: int

    @property
    def speaker(self) -> str:
        """The editorial board speaks for its outlet; anyone else for themselves."""
        return self.outlet if self.name == "Editorial Board" else self.name


@dataclass(frozen=True, slots=True)
class Tweet:
    """An embedded tweet: its text at ``start``-``end``, the account's name and handle after it."""

    text: str
    start: int
    end: int
    name: str
    handle: str
    line_start: int


#: a quotation opened and opened again before any closing mark: its words up to the second opening mark
_REOPENED = re.compile(r"“([^“”\n]{20,1200}?)\s*(?=“)")


def paragraphs(body: str) -> list[tuple[int, int]]:
    """Character spans of the body's non-empty paragraphs (lines), stripped."""
    out = []
    for m in re.finditer(r"[^\n]+", body):
        text = m.group(0)
        lead = len(text) - len(text.lstrip())
        if text.strip():
            out.append((m.start() + lead, m.start() + len(text.rstrip())))
    return out


def unclosed(text: str) -> int:
    """Where a paragraph opens a quotation mark it never closes (the offset after the mark), or -1. Straight
    marks pair up in order, so an odd count leaves the last one open."""
    curly_open, curly_close = text.rfind("“"), text.rfind("”")
    if curly_open > curly_close:
        return curly_open + 1
    straight = [m.start() for m in re.finditer('"', text)]
    if len(straight) % 2 == 1 and curly_open < 0:
        return straight[-1] + 1
    return -1


def running_on(body: str, paras: list[tuple[int, int]] | None = None) -> list[tuple[int, int, bool]]:
    """Quoted passages left open at a paragraph's end: (start, end, goes_on) with the words after the open mark;
    ``goes_on`` when the next paragraph opens a quotation mark (the same quote goes on there)."""
    paras = paragraphs(body) if paras is None else paras
    out = []
    for k, (start, end) in enumerate(paras):
        curly = body.count("“", start, end)
        if not curly and body.find('"', start, end) < 0:
            continue  # no quotation mark opens here
        if curly >= 2:
            for m in _REOPENED.finditer(body, start, end):  # “… “…”: opened again before it was closed
                out.append((m.start(1), m.end(1), True))
        at = unclosed(body[start:end])
        if at < 0:
            continue
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        goes_on = nxt is not None and body[nxt[0]:nxt[0] + 1] in _OPENING
        out.append((start + at, end, goes_on))
    return out


def bylines(body: str, paras: list[tuple[int, int]] | None = None) -> list[Byline]:
    """Every byline under a quoted passage, with the passage it attributes."""
    paras = paragraphs(body) if paras is None else paras
    out = []
    for k, (start, end) in enumerate(paras):
        if body.find(",", max(start, end - 100), end) < 0:
            continue  # a byline has its comma near the paragraph's end
        line = body[start:end]
        own = BYLINE_LINE.match(line) if end - start <= 100 else None
        if own and k > 0:
            last = k - 1
            p_start, p_end = paras[last]
            text = body[p_start:p_end]
            if not (text.rstrip(" .…").endswith(tuple(_CLOSING)) or unclosed(text) >= 0):
                continue  # the line before is no quoted passage: a place and state, a caption
            first = _passage_start(body, paras, last)
            out.append(Byline(own.group("name"), own.group("outlet"), first, p_end, start, end))
            continue
        inline = BYLINE_END.search(line, max(0, len(line) - 110))
        if inline and any(c in line[:inline.start() + 1] for c in _OPENING):
            first = _passage_start(body, paras, k)
            out.append(Byline(inline.group("name"), inline.group("outlet"), first, start + inline.start() + 1,
                              start + inline.start() + 1, end))
    return out


def _passage_start(body: str, paras: list[tuple[int, int]], last: int) -> int:
    """The first paragraph of the passage ending at paragraph ``last``: back over paragraphs that open a quotation
    mark while the paragraph before them left one open."""
    k = last
    while k > 0 and body[paras[k][0]:paras[k][0] + 1] in _OPENING and unclosed(body[slice(*paras[k - 1])]) >= 0:
        k -= 1
    return paras[k][0]


def tweets(body: str, paras: list[tuple[int, int]] | None = None) -> list[Tweet]:
    """Every embedded tweet (a paragraph of its own)."""
    out = []
    for start, end in paragraphs(body) if paras is None else paras:
        if body.find("(@", start, end) < 0:
            continue
        m = TWEET.match(body, start, end)
        if m:
            out.append(Tweet(m.group("text").strip(), m.start("text"), m.end("text"), m.group("name").strip(),
                             m.group("handle"), m.start("name")))
    return out
