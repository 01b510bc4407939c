"""The stories screen: the events in the corpus, who covered each and when, and who did not."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
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
        Binding("s", "sort", "Sort", id="stories.sort", tooltip="Sort stories by coverage or by date"),
        Binding("c", "compare", "Compare", id="stories.compare", tooltip="Compare the highlighted story's articles"),
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

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Stories ", "bold"), "the events in this corpus",
                                   ("  ·  enter filters the articles and search · c compares · s sorts", "dim")),
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

    def show(self, stories: list[Story]) -> None:
        self.stories = stories
        self.query_one("#stories-loading").display = False
        self._fill()
        self.query_one("#story-list").focus()

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
        missing = [o for o in self.corpus.outlets() if o not in story.outlets]
        if missing:
            shown = ", ".join(missing[:25]) + (f" and {len(missing) - 25} more" if len(missing) > 25 else "")
            text.append_text(Text.assemble("\n", ("Not covered by: ", "bold"), shown))
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

    def action_sort(self) -> None:
        self.by_date = not self.by_date
        self._fill()
        self.notify("Stories by date" if self.by_date else "Stories by coverage", timeout=2)

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#story-list", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()


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
