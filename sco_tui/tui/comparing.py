"""The explorer's comparison and story actions (``c``, ``g``, export), kept apart from app.py."""

from __future__ import annotations

from textual import work

from sco_tui.analysis.limits import UNCHOSEN_LIMIT
from sco_tui.corpus.model import Article
from sco_tui.tui.widgets.article_list import ArticleList
from sco_tui.tui.widgets.hit_list import HitOptions
from sco_tui.view.plural import counted

#: The most articles ``c`` compares when nothing was chosen (no story, no marks, no search): a whole
#: corpus of unrelated articles is no event, and comparing it would take minutes to say nothing.
#: What ``compare_set`` calls the list when nothing narrower was chosen.
LISTED = "the listed articles"


class CompareActions:
    """Mixed into ScoApp: what to compare, the comparison and stories screens, and export."""

    def action_stories(self) -> None:
        from sco_tui.tui.screens.stories import StoriesScreen

        if self.corpus is None or not self.corpus.articles or self.library is None:
            self.notify("The articles are still being read", timeout=3)
            return
        self.push_screen(StoriesScreen(self.corpus, self.library))

    def on_stories_screen_chosen(self, message) -> None:
        """A story was chosen: the list and the search cover its articles (None: all of them).
        ``c`` there compares the story's articles: what the user sees, not hits still being redone."""
        self.pop_screen()
        if message.compare and message.story is not None:  # a look at the story: the explorer stays as it was
            wanted = set(message.story.articles)
            self._compare([a for a in self.corpus if a.id in wanted], f"the story {message.story.label}")
            return
        self._set_story(message.story)

    def clear_story(self) -> None:
        self._set_story(None)
        self.notify("All articles again (g chooses a story)", timeout=3)

    def _set_story(self, story) -> None:
        self.story = story
        self._show_articles()
        self._research()
        if self.story is not None:
            self._status(self._summary(f"story: {self.story.label} ({len(self.story.articles)} articles)"))
        else:
            self._status(self._summary("index ready" if self.index_ready else "indexing…"))

    def compare_set(self) -> tuple[list[Article], str]:
        """The articles ``c`` compares, and in words which ones."""
        if self.corpus is None:
            return [], ""
        marked = self.query_one(ArticleList).marked
        if len(marked) >= 2:
            return [a for a in self.corpus if a.id in marked], "the marked articles"
        hits = self.query_one(HitOptions)
        hit_ids = [hits.get_option_at_index(i).id for i in range(hits.option_count)]
        if self.query_text.strip() and len(hit_ids) >= 2:
            return [a for a in self.corpus if a.id in set(hit_ids)], f"the hits for {self.query_text.strip()}"
        which = f"the story {self.story.label}" if self.story is not None else LISTED
        return self._visible_articles(), which

    def _too_many_unchosen(self, articles: list[Article], which: str) -> bool:
        """True (and the user told how to choose) when ``c`` would compare a whole unchosen list."""
        if which != LISTED or len(articles) <= UNCHOSEN_LIMIT:
            return False
        self.notify(f"{counted(len(articles), 'listed article')} are not one event: choose a story (g), "
                    "search, or mark articles (space), then compare", severity="warning", timeout=6)
        return True

    def action_compare(self) -> None:
        articles, which = self.compare_set()
        if not self._too_many_unchosen(articles, which):
            self._compare(articles, which)

    def _compare(self, articles: list[Article], which: str) -> None:
        from sco_tui.tui.screens.compare import CompareScreen

        if len(articles) < 2:
            self.notify("Compare needs two articles or more: mark some with space", severity="warning")
            return
        self.notify(f"Comparing {counted(len(articles), 'article')}: {which}", timeout=3)
        self.push_screen(CompareScreen(articles, story_label=self.story.label if self.story is not None else None))

    def export_comparison(self) -> None:
        articles, which = self.compare_set()  # read the widgets here, on the UI thread
        if self._too_many_unchosen(articles, which):
            return
        if len(articles) < 2:
            self.notify("Export needs two articles or more", severity="warning")
            return
        self._export(articles)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, articles: list[Article]) -> None:
        from sco_tui.analysis.comparison import cached_compare
        from sco_tui.tui.export import export
        from sco_tui.view.comparison import build_view

        story = self.story.label if self.story is not None else None
        self.call_from_thread(export, self, build_view(cached_compare(articles), articles, story))

