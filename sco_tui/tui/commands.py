"""Command palette entries: every action of the explorer, by name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from sco_tui.tui.widgets.article_list import ArticleList
from sco_tui.tui.widgets.outlet_facet import OutletFacet

if TYPE_CHECKING:
    from sco_tui.tui.app import ScoApp


def explorer_commands(app: ScoApp) -> Iterable[SystemCommand]:
    yield SystemCommand("Search", "Focus the search box (/)", app.action_focus_search)
    yield SystemCommand("Next match", "Next match of the query in the reader (n)", lambda: app.action_match(1))
    yield SystemCommand("Previous match", "Previous match in the reader (N)", lambda: app.action_match(-1))
    yield SystemCommand("Framing lens", "In the reader: underline framing cues, shade sentences by score (f)",
                        lambda: app.query_one("#reader").action_lens())
    yield SystemCommand("Toggle removed text", "Show what cleaning removed, dimmed (r)", app.action_toggle_removed)
    yield SystemCommand("Compare", "Framing side by side: marked articles, else hits, else all (c)",
                        app.action_compare)
    yield SystemCommand("Export comparison", "Markdown and HTML of what c would compare, in this folder",
                        app.export_comparison)
    yield SystemCommand("Stories", "The events in the corpus; pick one to filter (g)", app.action_stories)
    if app.story is not None:
        yield SystemCommand("All articles", f"Leave the story {app.story.label}", app.clear_story)
    yield SystemCommand("Help", "Every key (?)", app.action_help)
    yield SystemCommand("Problems", "What could not be read, and why", app.action_show_problems)
    articles = app.query_one(ArticleList)
    for column in ("outlet", "title", "date", "words"):
        yield SystemCommand(f"Sort articles by {column}", "Sort the article list (s cycles)",
                            lambda c=column: articles.sort_on(c))
    yield SystemCommand("Mark article", "Mark the article under the cursor (space)", articles.action_toggle_mark)
    yield SystemCommand("All outlets", "Clear the outlet filter",
                        lambda: app.post_message(OutletFacet.Changed(None)))
    for article in app.corpus or ():
        yield SystemCommand(f"Open: {article.title}", f"{article.outlet_name} · {article.id}",
                            lambda a=article.id: app.open_article(a), discover=False)
