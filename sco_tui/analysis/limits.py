"""Limits the app and the command line share, importable without loading any analysis."""

#: Articles a comparison takes without being told which (a story, chosen articles, hits): more is a whole corpus,
#: not one event, and both the app and ``sco-tui compare`` ask the user to choose.
UNCHOSEN_LIMIT = 200
