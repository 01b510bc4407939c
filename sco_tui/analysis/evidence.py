"""Evidence: the sentence a finding rests on, by article and position, so a screen can jump to it."""

from __future__ import annotations

from dataclasses import dataclass

from sco_tui.analysis.text import Sentence


@dataclass(frozen=True, slots=True)
class Evidence:
    article: str
    sentence: int  # index among the article's sentences
    start: int  # character span of the sentence in the article body
    end: int
    text: str

    @classmethod
    def of(cls, article_id: str, s: Sentence) -> Evidence:
        return cls(article_id, s.index, s.start, s.end, s.text)

    def as_dict(self) -> dict[str, object]:
        return {"article": self.article, "sentence": self.sentence, "start": self.start, "end": self.end,
                "text": self.text}
