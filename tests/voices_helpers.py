"""Helpers shared by the voice tests on sample text: an article's voices, and the one voice opening with words."""

from __future__ import annotations

from sco_tui.analysis.actors import find_actors
from sco_tui.analysis.quotes import Quote, Speakers, find_quotes


def voices(article) -> list[Quote]:
    return find_quotes(article, Speakers(find_actors([article])))[0]


def voice(sample, article_id: str, words: str) -> Quote:
    """The one voice of an article whose words open with ``words``."""
    found = [q for q in voices(sample.get(article_id)) if q.text.startswith(words)]
    assert len(found) == 1, (words, [(q.speaker, q.text[:60]) for q in voices(sample.get(article_id))])
    return found[0]
