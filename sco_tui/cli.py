"""Command line: ``sco-tui [PATH...]`` opens the app; subcommands serve scripts and the tests.

Exit status: 0 on success, 2 on bad usage, unreadable input or a bad query, with one line on
stderr and never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from sco_tui import __version__

COMMANDS = ("list", "search", "show", "index", "compare", "stories")
FORMATS = ("json", "md", "html")
EPILOG = """\
commands (each takes PATH... too; no PATH means the bundled seed articles):
  list                 the articles: id, outlet, title, date, url, words, source
  search QUERY         full-text search: AND/OR/NOT, "phrases", outlet:press, title:xi, prefix*, fuzzy~
  show ID              an article's cleaned text, its sentences and what cleaning removed
  index                build or refresh the search index, with progress
  stories              the events in the corpus: articles grouped by what they report
  compare              how each article framed the event: actors, voices, word choice, distinctive
                       terms (--articles ID,... --term T --format json|md|html -o FILE)

With no command, sco-tui opens the explorer app over PATH... (files or folders of
.txt/.md/.html/.json/.jsonl), or over the seeds when no PATH is given."""


class UsageError(Exception):
    """Bad usage or unreadable input: exit status 2 with this one-line message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="article files or folders (default: the seeds)")
    p.add_argument("--field", action="append", default=[], metavar="ROLE=NAME",
                   help="read a JSON field under another name, e.g. --field outlet=source (roles: "
                        "id, title, text, outlet, date, url, authors)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts instead of tables")


def build_parser(command: str | None) -> argparse.ArgumentParser:
    if command is None:
        p = _Parser(prog="sco-tui", description="Explore how different outlets framed the same event.",
                    epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("--version", action="version", version=f"sco-tui {__version__}")
        p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="article files or folders (default: the seeds)")
        p.add_argument("--field", action="append", default=[], metavar="ROLE=NAME", help="JSON field override")
        return p
    p = _Parser(prog=f"sco-tui {command}")
    if command == "search":
        p.add_argument("query", help='Whoosh query, e.g. \'Belarus AND "special military operation"\'')
    elif command == "show":
        p.add_argument("id", help="article id (see: sco-tui list)")
    _common(p)
    if command == "search":
        p.add_argument("--limit", type=int, default=20, help="hits to show (default 20)")
    if command == "compare":
        p.add_argument("--articles", metavar="ID,...", help="compare these articles (default: all)")
        p.add_argument("--story", metavar="ID", help="compare the articles of this story (see: sco-tui stories)")
        p.add_argument("--term", action="append", default=[], metavar="T",
                       help="also show how each article words T (repeatable)")
        p.add_argument("--format", choices=FORMATS, help="json, md or html (default: tables; or from -o's suffix)")
        p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report to FILE")
    return p


def parse_fields(items: Sequence[str]) -> dict[str, str]:
    from sco_tui.corpus.readers import FIELD_NAMES

    fields: dict[str, str] = {}
    for item in items:
        role, sep, name = item.partition("=")
        if not sep or not name or role not in FIELD_NAMES:
            raise UsageError(f"--field takes ROLE=NAME with ROLE one of {', '.join(FIELD_NAMES)}, not {item!r}")
        fields[role] = name
    return fields


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = args_list[0] if args_list and args_list[0] in COMMANDS else None
    try:
        args = build_parser(command).parse_args(args_list[1:] if command else args_list)
        fields = parse_fields(args.field)
        if command is None:
            return run_app(args.paths, fields)
        return run_command(command, args, fields)
    except UsageError as exc:
        print(f"sco-tui: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sco-tui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run_app(paths: list[Path], fields: dict[str, str]) -> int:
    from sco_tui.tui.app import create_app

    create_app(paths, fields).run()
    return 0


def run_command(command: str, args: argparse.Namespace, fields: dict[str, str]) -> int:
    from sco_tui import console
    from sco_tui.index.library import Library

    _check_paths(args.paths)
    library = Library(args.paths, fields)
    for notice in library.notices:
        console.warn(notice)
    if command == "search":
        return _search(library, args)
    if command == "index":
        report = console.index_with_progress(library, quiet=args.json)
        if report.total >= 0:
            console.warn_problems(library.corpus().problems)
        if args.json:
            return _emit(args, {"up_to_date": report.total < 0, "added": report.added, "removed": report.removed,
                                "total": report.total if report.total >= 0 else None, "rebuilt": report.rebuilt,
                                "seconds": round(report.seconds, 3), "index": str(library.store.current_dir())},
                         lambda: None)
        console.index_summary(report, library)
        return 0
    corpus = library.corpus()
    console.warn_problems(corpus.problems)
    if not corpus.articles:
        raise UsageError(f"no readable articles in {', '.join(map(str, args.paths))}")
    if command == "list":
        return _emit(args, [a.as_dict() for a in corpus], lambda: console.article_table(corpus))
    if command == "compare":
        return _compare(corpus, args, library)
    if command == "stories":
        stories = library.stories()
        return _emit(args, [s.as_dict() for s in stories], lambda: console.print_stories(stories, corpus))
    article = _article_by_id(corpus, args.id)
    from sco_tui.analysis.text import sentences

    data = console.article_details(article, sentences(article.body))
    return _emit(args, data, lambda: console.print_article(data))


def _article_by_id(corpus, wanted: str):
    """The article with id ``wanted``, or the only one whose id starts with it."""
    if (article := corpus.get(wanted)) is not None:
        return article
    matches = [a for a in corpus if a.id.startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        shown = ", ".join(a.id for a in matches[:5]) + (f" and {len(matches) - 5} more" if len(matches) > 5 else "")
        raise UsageError(f"{wanted!r} could be {shown}: give more of the id")
    raise UsageError(f"no article with id {wanted!r} (see: sco-tui list)")


def _search(library, args: argparse.Namespace) -> int:
    from sco_tui import console
    from sco_tui.index.search import QueryError

    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    if not library.is_current():
        report = console.index_with_progress(library, quiet=args.json)
        console.warn_problems(library.corpus().problems)
        if report.total == 0:
            raise UsageError(f"no readable articles in {', '.join(map(str, args.paths)) or 'the seeds'}")
    try:
        result = library.search(args.query, limit=args.limit)
    except QueryError as exc:
        raise UsageError(f"bad query: {exc}") from None
    return _emit(args, result.as_dict(), lambda: console.print_search(result))


def _compare(corpus, args: argparse.Namespace, library) -> int:
    from sco_tui import console
    from sco_tui.analysis.comparison import compare

    story_label = None
    if args.story:
        story = next((s for s in library.stories() if s.id == args.story), None)
        if story is None:
            raise UsageError(f"no story with id {args.story!r} (see: sco-tui stories)")
        articles = [corpus.get(i) for i in story.articles]
        story_label = story.label
    elif args.articles:
        wanted = [i.strip() for i in args.articles.split(",") if i.strip()]
        missing = [i for i in wanted if corpus.get(i) is None]
        if missing:
            raise UsageError(f"no article with id {', '.join(map(repr, missing))} (see: sco-tui list)")
        articles = [corpus.get(i) for i in wanted]
    else:
        articles = list(corpus)
    if len(articles) < 2:
        raise UsageError("compare needs at least two articles")
    fmt = "json" if args.json else args.format
    if fmt is None and args.output is not None:
        fmt = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}.get(
            args.output.suffix.lower())
        if fmt is None:
            raise UsageError(f"cannot tell the format from {args.output.name!r}: add --format json|md|html")
    result = compare(articles, args.term)
    if fmt == "json":
        text = json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        from sco_tui.view.comparison import build_view

        view = build_view(result, articles, story_label)
        if fmt is None:
            console.print_comparison(view)
            return 0
        text = render(view, fmt)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    console.out.print(f"Wrote {args.output.resolve()} ({len(text) / 1024:.0f} KB, {fmt})")
    return 0


def render(view, fmt: str) -> str:
    """A comparison's view as a Markdown or HTML brief."""
    if fmt == "md":
        from sco_tui.report.markdown import to_markdown

        return to_markdown(view)
    from sco_tui.report.html import to_html

    return to_html(view)


def _emit(args: argparse.Namespace, data: Any, human) -> int:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        human()
    return 0


def _check_paths(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing and len(missing) == len(paths):
        raise UsageError(f"no such file or folder: {', '.join(missing)}")


if __name__ == "__main__":
    raise SystemExit(main())
