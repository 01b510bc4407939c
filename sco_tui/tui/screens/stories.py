"""The stories screen: the events in the corpus, who covered each and when, and who did not."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from sco_tui.analysis.stories import Story
from sco_tui.corpus.model import Corpus

ALL = "\x00all"
TIMELINE = 20


class StoriesScreen(Screen[None]):
    """Pick a story: the list and the search then cover its articles only."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="stories.back", tooltip="Back to the articles"),
        Binding("q", "app.pop_screen", "Back", show=False, id="stories.back_q",
                tooltip="Back to the articles (q quits only from the explorer)"),
        Binding("s", "sort", "Sort", id="stories.sort", tooltip="Sort stories by coverage or by date"),
        Binding("c", "compare", "Compare", id="stories.compare", tooltip="Compare the highlighted story's articles"),
        Binding("m", "merge", "Merge", id="stories.merge",
                tooltip="Mark this story; m on another story merges the two (one event); kept across refreshes"),
        Binding("x", "move_out", "Move out", id="stories.move_out",
                tooltip="Pick an article of this story that reports something else: it becomes a story of its own"),
        Binding("j", "cursor(1)", "Down", show=False, id="stories.down", tooltip="Next story"),
        Binding("k", "cursor(-1)", "Up", show=False, id="stories.up", tooltip="Previous story"),
    ]

    @dataclass
    class Chosen(Message):
        story: Story | None  # None: all articles
        compare: bool = False

    def __init__(self, corpus: Corpus, library) -> None:
        super().__init__()
        self.corpus = corpus
        self.library = library
        self.stories: list[Story] = []
        self.by_date = False
        self.marked: Story | None = None  # the story ``m`` marked for merging

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Stories ", "bold"), "the events in this corpus",
                                   ("  ·  enter filters the articles and search · c compares · s sorts · "
                                    "m merges two stories · x moves an article out", "dim")),
                     id="stories-title")
        yield LoadingIndicator(id="stories-loading")
        with Horizontal(id="stories-body"):
            yield OptionList(id="story-list")
            with VerticalScroll(id="coverage-pane"):
                yield Static(id="coverage")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def load(self) -> None:
        stories = self.library.stories()
        self.app.call_from_thread(self.show, stories)

    def show(self, stories: list[Story], keep: str | None = None) -> None:
        """Show ``stories``; ``keep``: an article whose story stays highlighted."""
        self.stories = stories
        self.query_one("#stories-loading").display = False
        self._fill()
        options = self.query_one("#story-list", OptionList)
        if keep is not None:
            story = next((s for s in self.stories if keep in s.articles), None)
            if story is not None:
                options.highlighted = options.get_option_index(story.id)
        options.focus()

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def correct(self, correction: dict[str, object], keep: str, done: str) -> None:
        """Record a user's correction with the corpus's caches, then show the stories it gives."""
        store = self.library.story_store()
        store.add_correction(correction)
        stories = self.library.stories()
        self.app.call_from_thread(self.show, stories, keep)
        self.app.call_from_thread(self.notify, done, timeout=4)

    def _fill(self) -> None:
        options = self.query_one("#story-list", OptionList)
        options.clear_options()
        options.add_option(Option(Text(f"All {len(self.corpus)} articles", style="bold"), id=ALL))
        ordered = sorted(self.stories, key=lambda s: (s.first or "9999", s.id)) if self.by_date else self.stories
        for s in ordered:
            when = s.first or "undated"
            prompt = Text.assemble((f"{len(s.outlets):>3} outlets ", "bold"), (f"{len(s.articles):>3} art. ", "dim"),
                                   (f"{when}  ", "dim"), s.label)
            options.add_option(Option(prompt, id=s.id))
        options.highlighted = 1 if self.stories else 0

    def _story(self, option_id: str | None) -> Story | None:
        return next((s for s in self.stories if s.id == option_id), None)

    @on(OptionList.OptionHighlighted, "#story-list")
    def _coverage(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#coverage", Static).update(self.coverage(self._story(event.option.id)))

    def coverage(self, story: Story | None) -> Text:
        """Who covered the story, when (a small timeline), and which outlets of the corpus did not."""
        if story is None:
            return Text(f"{len(self.corpus)} articles from {len(self.corpus.outlets())} outlets. "
                        "Choose a story to see its coverage.", style="dim")
        text = Text.assemble((story.label + "\n", "bold"),
                             f"{len(story.articles)} articles · {len(story.outlets)} outlets · ",
                             f"{story.first or 'undated'}" + (f" to {story.last}" if story.last != story.first else ""),
                             "\n\n")
        days = _days(story)
        for aid in story.articles:
            a = self.corpus.get(aid)
            if a is None:
                continue
            text.append_text(Text.assemble(_mark(a.date.value, days), " ", (a.date.value or "undated", "dim"),
                                           "  ", (a.outlet_name, "bold"), "  ", a.title, "\n"))
        if story.absent:
            more = len(story.absent) - 25
            shown = ", ".join(story.absent[:25]) + (f" and {more} more" if more > 0 else "")
            text.append_text(Text.assemble("\n", ("Not covered by: ", "bold"), shown,
                                           ("  (outlets that published within a day of these dates)", "dim")))
        elif story.first is None:
            text.append_text(Text("\nUndated: no window to tell which outlets could have covered it.", style="dim"))
        if story.corrected:
            text.append_text(Text("\nCorrected by you (merge or move).", style="dim"))
        return text

    def _selected(self) -> tuple[bool, Story | None]:
        options = self.query_one("#story-list", OptionList)
        option = options.highlighted_option
        return option is not None, self._story(option.id if option else None)

    @on(OptionList.OptionSelected, "#story-list")
    def _choose(self, event: OptionList.OptionSelected) -> None:
        self.post_message(self.Chosen(self._story(event.option.id)))

    def action_compare(self) -> None:
        ok, story = self._selected()
        if ok and story is not None:
            self.post_message(self.Chosen(story, compare=True))

    def action_merge(self) -> None:
        _, story = self._selected()
        if story is None:
            self.notify("Move onto a story first", timeout=3)
            return
        if self.marked is None or self.marked.id == story.id:
            self.marked = story
            self.notify(f"Marked: {story.label}. Move to the story of the same event and press m to merge.", timeout=5)
            return
        first, self.marked = self.marked, None
        from sco_tui.analysis.story_corrections import merge

        self.correct(merge(first.articles[0], story.articles[0]), story.articles[0],
                     f"Merged into one story: {first.label} + {story.label}")

    def action_move_out(self) -> None:
        _, story = self._selected()
        if story is None or len(story.articles) < 2:
            self.notify("Move onto a story of two or more articles first", timeout=3)
            return
        articles = [a for i in story.articles if (a := self.corpus.get(i)) is not None]
        self.app.push_screen(MoveOutScreen(story, articles), self._moved)

    def _moved(self, article_id: str | None) -> None:
        if article_id is None:
            return
        from sco_tui.analysis.story_corrections import move

        title = self.corpus.get(article_id).title if self.corpus.get(article_id) else article_id
        self.correct(move(article_id), article_id, f"Moved out into a story of its own: {title}")

    def action_sort(self) -> None:
        self.by_date = not self.by_date
        self._fill()
        self.notify("Stories by date" if self.by_date else "Stories by coverage", timeout=2)

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#story-list", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()


class MoveOutScreen(ModalScreen[str | None]):
    """Pick the article of a story that reports something else; it becomes a story of its own."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="move_out.cancel", tooltip="Move nothing")]

    def __init__(self, story: Story, articles: list) -> None:
        super().__init__()
        self.story = story
        self.articles = articles

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="move-out-body"):
            yield Static(Text.assemble(("Move an article out of: ", "bold"), self.story.label, "\n",
                                       ("enter moves the highlighted article into a story of its own · escape cancels",
                                        "dim")))
            yield OptionList(*[Option(Text.assemble((a.date.value or "undated", "dim"), "  ", (a.outlet_name, "bold"),
                                                    "  ", a.title), id=a.id) for a in self.articles],
                             id="move-out-list")

    def on_mount(self) -> None:
        self.query_one("#move-out-list").focus()

    @on(OptionList.OptionSelected, "#move-out-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _days(story: Story) -> tuple[str, int] | None:
    from datetime import date

    if not story.first or not story.last:
        return None
    span = (date.fromisoformat(story.last) - date.fromisoformat(story.first)).days
    return story.first, span


def _mark(value: str | None, days: tuple[str, int] | None) -> Text:
    """A timeline cell: where in the story's span this article's date falls."""
    from datetime import date

    line = ["·"] * TIMELINE
    if value and days and len(value) >= 10:
        first, span = days
        offset = (date.fromisoformat(value[:10]) - date.fromisoformat(first)).days
        line[min(TIMELINE - 1, round(offset / span * (TIMELINE - 1))) if span else 0] = "█"
    return Text("".join(line), style="bold")
