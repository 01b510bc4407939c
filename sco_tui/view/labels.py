"""Names people recognise: a column per outlet, told apart by site or headline, never by an id."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlsplit

from sco_tui.corpus.model import Article

SHORT_HEADLINE = 28


def site(url: str | None) -> str:
    """``www.presstv.ir/Detail/…`` -> ``presstv.ir``; '' when there is no usable address."""
    if not url:
        return ""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.")


def clip(text: str, most: int) -> str:
    """``text`` on one line, cut at a word to at most ``most`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    return text[: max(1, most - 1)].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def short_headline(title: str, most: int = SHORT_HEADLINE) -> str:
    """The headline's first words, cut at a word, for telling two columns apart."""
    return clip(title, most)


def column_labels(articles: Sequence[Article]) -> dict[str, str]:
    """The outlet, alone where it is unique and known; else the outlet with the site (when that
    tells them apart) or a short headline."""
    outlets = Counter(a.outlet_name for a in articles)
    sites = Counter((a.outlet_name, site(a.url)) for a in articles)
    labels: dict[str, str] = {}
    for a in articles:
        name = a.outlet_name
        if outlets[name] == 1 and a.outlet.value:  # a known outlet of its own: its name says it
            labels[a.id] = name
        elif (host := site(a.url)) and sites[(name, host)] == 1 and host.casefold() != name.casefold():
            labels[a.id] = f"{name} · {host}"
        else:
            labels[a.id] = f"{name} · {short_headline(a.title)}"
    seen: Counter[str] = Counter(labels.values())
    count: Counter[str] = Counter()
    for aid, label in labels.items():  # the same outlet and the same headline: number them
        if seen[label] > 1:
            count[label] += 1
            labels[aid] = f"{label} ({count[label]})"
    return labels


_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_FILLER = frozenset("""a an the and or but of in on at to for from with by as is are was were be been its it
this that these those their his her after before over amid into up says said say new""".split())


def event_title(articles: Sequence[Article], story_label: str | None = None) -> str:
    """A title that names the event: the story's label, else the headline that shares the most
    words with the other headlines (the most central one)."""
    if story_label:
        return story_label
    if not articles:
        return "No articles"
    if len(articles) == 1:
        return articles[0].title
    bags = [{w.casefold() for w in _WORD.findall(a.title)} - _FILLER for a in articles]
    df = Counter(w for bag in bags for w in bag)

    def centrality(i: int) -> tuple[float, int]:
        shared = sum(df[w] - 1 for w in bags[i])
        return shared / (len(bags[i]) ** 0.5 or 1.0), -len(articles[i].title)

    best = max(range(len(articles)), key=centrality)
    return articles[best].title


def date_range(articles: Sequence[Article]) -> tuple[str, str] | None:
    """The first and last day the articles carry (undated ones aside)."""
    days = sorted(a.date.value[:10] for a in articles if a.date.value)
    return (days[0], days[-1]) if days else None
