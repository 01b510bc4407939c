"""Boilerplate removal for raw page text that records everything it removes, and why.

The rules are about the shape of page furniture (comment forms, link lines, share widgets,
breadcrumbs, teasers after the end of a story), not lists of one site's strings, so that they
hold on pages from any outlet. A line is removed whole or kept whole: cleaning never edits the
story's own sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sco_tui.corpus.model import Removed

_I = re.IGNORECASE
_END_PUNCT = tuple('.!?"”’\')')

#: Lines that are page furniture wherever they stand: (reason, pattern). Patterns are matched at
#: the start of the line (``re.match``); a pattern that starts with ``.*`` looks anywhere in it.
LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, flags)) for reason, pattern, flags in (
        ("advertisement", r"(advertisement|advertisment|ads?|sponsored( content)?|(story|article) continues? below"
         r"|story continued below|continue reading( the main story)?)([\s:.]*(advertisement|continue reading"
         r"( the main story)?))*[\s:.]*$", _I),
        ("comment form", r"(leave a (reply|comment)|post a comment|add a comment|\d+ comments?|comments?( \(\d+\))?"
         r"|join the (conversation|discussion)|your email address will not be published.*"
         r"|required fields are marked.*|cancel reply|post comment)$", _I),
        ("share widget", r"(share|tweet|email|print|pin|share this( article| story| page| post)?|share on \w+"
         r"|listen to (this )?article[\s\d:]*)(\s+(share|tweet|post|email|print|pin|whatsapp|facebook|twitter"
         r"|linkedin|reddit|copy link|share this (article|story)))*$", _I),
        ("share widget", r".{0,80}\bshare this (article|story)\b.{0,40}\b(tweet|email|share)\b", _I),
        ("link to other stories", r"(read more|also read|read also|see also|related( stories| articles?)?|more on this"
         r"|more|watch|listen|recommended|further reading|click here to read)\s*(:|…|\.\.\.|\s-\s|\s–\s)", _I),
        ("newsletter or subscription prompt", r"(sign up\b|subscribe\b|get (our|the) .{0,40}newsletter"
         r"|manage newsletters|support .{1,40} journalism|become a (member|subscriber)|click here\b"
         r"|download the .{1,30} app|watch the latest video at).{0,120}$", _I),
        ("social media prompt", r"[-–•]?\s*follow (us|@\w+|[\w ]{1,30} on (twitter|x|facebook|instagram|telegram))"
         r".{0,80}$", _I),
        ("copyright line", r"(copyright\b|©|\(c\) \d{4})", _I),
        ("copyright line", r".*(all rights reserved|reprint permission)", _I),
        ("photo caption or credit", r"(enlarge this image|hide caption|photos?: |image (copyright|caption|source)"
         r"|slideshow \(\d+ images?\)$"
         r"|photo( credit)?:?$|(x )?youtube video$|getty images$)", _I),
        ("photo caption or credit", r".*(\((ap |afp |reuters )?photos?( by|:|/)[^)]*\)\s*$|toggle caption)", _I),
        # a video player's caption: "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 01:29"
        ("video player", r"JUST WATCHED\b.{0,300}\bReplay More Videos\b.*", 0),
        ("time stamp", r"((last )?updated|published|posted)( at| on)?:? *[\d(]|\d+ (seconds?|minutes?|hours?|days?"
         r"|weeks?|months?|years?) ago$|this article is more than .{1,20} old$", _I),
        ("separator", r"[\W_]+$", 0),
        ("bare web address", r"(https?://\S+|www\.\S+|[\w-]+(\.[\w-]+)+/\S*)$", _I),
        ("label", r"\[[\w ]{1,30}\]$|[A-Z][A-Z/ &-]{2,30}:$", 0),
        ("markup left in the text", r'<[^>]{1,200}>$|\w[\w-]*="[^"]*"', 0),
    )
)

#: A photo credit at the end of a line makes the line a caption: "… on Friday. Photograph: Name/Reuters",
#: "(Name/Reuters)", "Name/Getty Images", "REUTERS/Name/File Photo". A name and a slash alone are not enough
#: ("an ABC News/Washington Post poll released Wednesday."): the credit must end the line, and a bare
#: "Name/Name" must end in a picture agency's word.
_CREDIT_NAME = r"[A-Z][\w.'’-]*(?:\s(?:[A-Z][\w.'’-]*|de|van|von|da|del|la))*"
_CREDIT_AGENCY = (r"[\w.&'’ /-]{0,40}\b(?:Images?|Photos?|Press|Reuters|AP|AFP|Bloomberg|EPA|Newscom|Landov"
                  r"|Shutterstock|Getty|Alamy|Corbis|ZUMA|SIPA|Xinhua|TASS|Sputnik|Anadolu|Pool|Handout|Wire|Agency"
                  r"|Agence France-Presse)(?:,? (?:FILE|File|File Photos?|North America))?")
_CREDIT_TAIL = re.compile(
    r"(?:^|\s)(?:"
    r"\((?:[^()]{0,40}\bphoto\b[^()]*|[A-Za-z][^()/]{0,40}[A-Za-z.]\s?/\s?[A-Za-z@][^()]{0,60}[^().!?\s])\)"
    r"|(?:photo(?:graph(?:er)?)?s?|image|picture)(?:\scredit)?:\s*[^.?!]{2,80}"
    rf"|{_CREDIT_NAME}\s?/\s?{_CREDIT_AGENCY}"
    r")\s*$", _I)
#: Captions are short; a long paragraph that ends in a credit is left whole rather than lost.
_CAPTION_WORDS = 50
#: A credit is at most this long: only a line's end is searched for one (the search is costly on long lines).
_CREDIT_CHARS = 160


def _is_caption(line: str) -> bool:
    tail = line[-_CREDIT_CHARS:]
    if "/" not in tail and not any(w in tail.lower() for w in ("photo", "image", "picture")):
        return False  # most lines: no credit can end them
    return len(line.split()) <= _CAPTION_WORDS and _CREDIT_TAIL.search(tail) is not None

#: Lines after which the story is over: what follows is teasers, links or comments.
END_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, _I)) for reason, pattern in (
        ("comment form", r"(leave a (reply|comment)|post a comment|add a comment|\d+ comments?"
         r"|join the (conversation|discussion)|comments?)$"),
        ("related-links heading", r"(related|latest|more|top|recommended|trending|popular|further|other|similar"
         r"|most (popular|read|viewed|shared))(\s+(articles?|stories|posts|news|reads?|reading|headlines|coverage"
         r"|videos?|content|in \w+))?:?$"),
        ("related-links heading", r"(you (may|might) (also )?(like|enjoy|be interested in)|read next|up next"
         r"|editor'?s picks|recommended for you|trending now|more from .{1,40})$"),
        ("mirror-site notice", r".{0,80}can (also )?be accessed at\b"),
    )
)

_SECTION_WORDS = frozenset({
    "news", "top", "breaking", "latest", "world", "europe", "eu", "asia", "africa", "americas", "middle",
    "east", "us", "uk", "politics", "business", "opinion", "home", "sport", "sports", "analysis", "features",
    "feature", "international", "national", "local", "region", "regions", "economy", "tech", "technology",
    "science", "health", "culture", "entertainment", "live", "video", "videos", "updates", "exclusive",
    "editorial", "global", "nation", "markets", "lifestyle", "environment", "climate", "defence", "defense",
    "security", "diplomacy",
})
_MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"^((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?({_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?"
    rf"\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})([\s,|-]+\d{{1,2}}:\d{{2}}.*)?$", _I)
_LINK_TITLE = re.compile(r"^(?P<head>[^\"“'‘].{10,}?)\s[-|]\s(?P<site>(The\s)?([A-Z][\w&'’]*\s?){1,4})$")
_TRUNCATED = re.compile(r"(…|\.\.\.)\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
#: News API exports end a cut text with "… [+2140 chars]".
_CUT_MARK = re.compile(r"\s*\[\+(\d[\d,]*) chars?\]\s*$")


@dataclass(frozen=True, slots=True)
class Cleaned:
    title: str
    body: str
    removed: tuple[Removed, ...]
    date_line: str | None = None  # a date printed in the page furniture above the headline
    lines: tuple[int, ...] = ()  # the raw line of each paragraph of ``body``


def norm(line: str) -> str:
    """A line reduced for comparison: lower case, letters and digits only."""
    return " ".join(re.findall(r"\w+", line.lower()))


def _first(rules: tuple[tuple[str, re.Pattern[str]], ...], line: str) -> str | None:
    for reason, pattern in rules:
        if pattern.match(line):
            return reason
    return None


def line_reason(line: str) -> str | None:
    """Why this line is page furniture, or None when it may be part of the story."""
    if (reason := _first(LINE_RULES, line)) is not None:
        return reason
    if _is_caption(line):
        return "photo caption or credit"
    m = None if line.endswith(_END_PUNCT) else _LINK_TITLE.match(line)
    if m and len(m["head"].split()) >= 3 and ". " not in m["head"]:
        return "link to another page"
    return None


def end_reason(line: str) -> str | None:
    """Why the story ends at this line, or None."""
    return _first(END_RULES, line)


def is_sentence_like(line: str) -> bool:
    return line.endswith(_END_PUNCT) and len(line.split()) >= 6


def breadcrumb_reason(line: str) -> str | None:
    """Why a line above the headline is navigation rather than story, or None."""
    if _DATE_LINE.match(line):
        return "date line"
    words = line.split()
    if len(words) > 8 or line.endswith(_END_PUNCT):
        return None
    if line[0] in "-–—•›»|>" or re.search(r"\s[/|»›>]\s|\s[/|»›>]$", line):
        return "section breadcrumb"
    if all(w.lower().strip("-:|") in _SECTION_WORDS for w in words):
        return "section label"
    return None


def clean(text: str, title: str | None = None, markdown: bool = False) -> Cleaned:
    """Split raw text into the title, the story, and the furniture removed from it."""
    lines: list[tuple[int, str]] = []
    removed: list[Removed] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if markdown:
            line = _MD_HEADING.sub("", line)
        if (cut := _CUT_MARK.search(line)) is not None:
            removed.append(Removed(cut[0].strip(), f"the source's mark of a cut text: {cut[1]} more characters "
                                   "were not exported", n))
            line = line[:cut.start()].rstrip()
        if line:
            lines.append((n, line))

    kept: list[str] = []
    kept_lines: list[int] = []
    date_line: str | None = None
    seen: set[str] = set()
    if title:
        seen.add(norm(title))

    in_story = False
    ended = False
    for n, line in lines:
        key = norm(line)
        if not in_story:
            reason = breadcrumb_reason(line) or line_reason(line)
            if reason:
                if reason == "date line" and date_line is None:
                    date_line = line
                removed.append(Removed(line, reason, n))
                continue
            in_story = True
            if title is None:
                only = n == lines[-1][0]
                paragraph = only or (line.endswith(".") and len(line.split()) >= 25)
                title = _shorten(line) if paragraph or len(line.split()) > 40 else line
                if title == line and not only:  # a headline: it leads the text and is not part of the story
                    seen.add(key)
                    continue
        if key in seen and key:
            removed.append(Removed(line, "repeated headline" if key == norm(title) else "repeated line", n))
            continue
        if (reason := end_reason(line)) is not None:
            ended = True
            removed.append(Removed(line, reason, n))
            continue
        if (reason := line_reason(line)) is not None:
            removed.append(Removed(line, reason, n))
            continue
        if ended:
            if _TRUNCATED.search(line) or not is_sentence_like(line):
                removed.append(Removed(line, "after the end of the story (teasers, links)", n))
                continue
            ended = False  # a full paragraph: the end marker was a false alarm
        seen.add(key)
        kept.append(line)
        kept_lines.append(n)

    return Cleaned(title=title or "", body="\n\n".join(kept), removed=tuple(removed), date_line=date_line,
                   lines=tuple(kept_lines))


def _shorten(line: str, words: int = 14) -> str:
    parts = line.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
