"""Command line: ``sco-tui [PATH...]`` opens the app; subcommands serve scripts and the tests.

Exit status: 0 on success; 2 on bad usage, unreadable input, a bad query or when the machine says no
(a full disk, nothing writable) and nothing can work; 1 when ``doctor`` finds damage, or on an internal
error; 130 on Ctrl-C. Each failure is one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from sco_tui import __version__

COMMANDS = ("list", "search", "show", "index", "compare", "stories", "cues", "doctor", "merge-stories",
            "move-article")
FORMATS = ("json", "md", "html")
GLOBAL_OPTIONS = ("--field", "--database")  # also accepted before the command: sco-tui --database URL search Q
EPILOG = """\
commands (each takes PATH... too; no PATH means the bundled seed articles):
  list                 the articles: id, outlet, title, date, url, words, source
  search QUERY         full-text search: AND/OR/NOT, "phrases", outlet:press, title:xi, prefix*, fuzzy~
  show ID              an article's cleaned text, its sentences and what cleaning removed
  index                build or refresh the search index, with progress
  stories              the events in the corpus: articles grouped by what they report
  merge-stories A B    correct the stories: A and B (story or article ids) are one event
  move-article ID      correct the stories: article ID leaves its story (--forget-corrections undoes all)
  doctor               verify the index and caches of PATH... and say what is wrong (exit 1 if anything)
  compare              how each article framed the event: actors, voices, word choice, distinctive
                       terms (--articles ID,... --term T --format json|md|html -o FILE)
  cues                 sentences a reader should look at twice, and why (--story ID, --articles ID,...,
                       --all for every sentence with a cue)

With no command, sco-tui opens the explorer app over PATH... (files or folders of
.txt/.md/.html/.json/.jsonl, also gzip/xz/bzip2-compressed), or over the seeds when no PATH is given."""


class UsageError(Exception):
    """Bad usage or unreadable input: exit status 2 with this one-line message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # parse_intermixed_args names the optional PATH... among the missing arguments: it is not
        if message.startswith("the following arguments are required: "):
            head, names = message.split(": ", 1)
            missing = [n for n in names.split(", ") if n != "PATH"]
            message = f"{head}: {', '.join(missing)}" if missing else message
        raise UsageError(f"{message} (see: {self.prog} --help)")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="article files or folders (default: the seeds)")
    p.add_argument("--field", action="append", default=[], metavar="ROLE=NAME",
                   help="read a JSON field under another name, e.g. --field outlet=source (roles: "
                        "id, title, text, outlet, date, url, authors)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts instead of tables")
    _database_option(p)


def _database_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database", metavar="URL", help="search a PostgreSQL database instead of the embedded "
                   "index, e.g. postgresql://user@host/db (default: $SCO_TUI_DATABASE_URL)")


def build_parser(command: str | None) -> argparse.ArgumentParser:
    if command is None:
        p = _Parser(prog="sco-tui", description="Explore how different outlets framed the same event.",
                    epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("--version", action="version", version=f"sco-tui {__version__}")
        p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="article files or folders (default: the seeds)")
        p.add_argument("--field", action="append", default=[], metavar="ROLE=NAME", help="JSON field override")
        _database_option(p)
        return p
    p = _Parser(prog=f"sco-tui {command}")
    if command == "search":
        p.add_argument("query", help='Whoosh query, e.g. \'Belarus AND "special military operation"\'')
    elif command == "show":
        p.add_argument("id", help="article id (see: sco-tui list)")
    elif command == "merge-stories":
        p.add_argument("first", help="a story id, or the id of an article in it (see: sco-tui stories)")
        p.add_argument("second", help="the other story's id, or an article in it")
    elif command == "move-article":
        p.add_argument("article", help="the article that is not part of its story")
    _common(p)
    if command == "search":
        p.add_argument("--limit", type=_positive, default=20, help="hits to show (default 20)")
    if command == "compare":
        p.add_argument("--articles", metavar="ID,...", help="compare these articles (default: all)")
        p.add_argument("--story", metavar="ID", help="compare the articles of this story (see: sco-tui stories)")
        p.add_argument("--all-articles", action="store_true",
                       help="compare every article even when they are many and no story or articles were chosen")
        p.add_argument("--term", action="append", default=[], metavar="T",
                       help="also show how each article words T (repeatable)")
        p.add_argument("--format", choices=FORMATS, help="json, md or html (default: tables; or from -o's suffix)")
        p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report to FILE")
    if command == "stories":
        p.add_argument("--forget-corrections", action="store_true",
                       help="drop every merge and move made with merge-stories and move-article")
    if command == "cues":
        _cues_arguments(p)
    return p


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def parse_fields(items: Sequence[str]) -> dict[str, str]:
    from sco_tui.corpus.readers import FIELD_NAMES

    fields: dict[str, str] = {}
    for item in items:
        role, sep, name = item.partition("=")
        if not sep or not name or role not in FIELD_NAMES:
            raise UsageError(f"--field takes ROLE=NAME with ROLE one of {', '.join(FIELD_NAMES)}, not {item!r}")
        fields[role] = name
    return fields


def split_command(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """The command and the arguments its parser takes. Options every command shares may come before the
    command (``sco-tui --database URL search Q``); they are handed to the command's parser first."""
    args = list(args)
    i = 0
    while i < len(args):
        name, eq, _ = args[i].partition("=")
        if name not in GLOBAL_OPTIONS:
            break
        i += 1 if eq else 2
    if i < len(args) and args[i] in COMMANDS:
        return args[i], args[:i] + args[i + 1:]
    return None, args


def _dash_word(parser: argparse.ArgumentParser, args: Sequence[str]) -> str | None:
    """The first word before any ``--`` that starts with one '-' and is no option: a query meant as one."""
    known = parser._option_string_actions  # argparse's own table of option strings
    for arg in args:
        if arg == "--":
            return None
        if len(arg) > 1 and arg[0] == "-" and arg[1] != "-" and not arg[1].isdigit() and arg.split("=")[0] not in known:
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    command, args_list = split_command(sys.argv[1:] if argv is None else argv)
    _safe_streams()
    as_json = _json_asked(args_list)
    from sco_tui.index.api import BackendError

    try:
        # intermixed: options may come between and after the query and the paths (search Q --limit 5 PATH)
        parser = build_parser(command)
        try:
            args = parser.parse_args(args_list) if "--" in args_list else parser.parse_intermixed_args(args_list)
        except UsageError:
            if (word := _dash_word(parser, args_list)) is not None and Path(word).exists():
                raise UsageError(f"{word} reads as an option: to read the file of that name, write ./{word} "
                                 f"or put it after '--'") from None
            if command == "search" and (word := _dash_word(parser, args_list)) is not None:
                words = [a for a in args_list[: args_list.index(word) + 1]
                         if a == word or not (a.startswith("-") or Path(a).exists())]
                example = shlex.quote(" ".join(words))
                raise UsageError(f"{word} reads as an option: quote the query after '--' (sco-tui search -- "
                                 f"{example}), or leave the word out with NOT {word[1:]}") from None
            raise
        fields = parse_fields(args.field)
        if command is None:
            return run_app(args.paths, fields, args.database)
        _stop_on_sigterm()
        code = run_command(command, args, fields)
        sys.stdout.flush()  # here, where a reader that went away (| head) is caught, not at exit
        return code
    except (UsageError, BackendError) as exc:
        return _fail(str(exc), 2, as_json)
    except Terminated:
        return _fail("stopped (SIGTERM)", 143, as_json)
    except KeyboardInterrupt:
        return _fail("interrupted", 130, as_json)
    except BrokenPipeError:  # the reader has what it wanted; nothing more goes to the closed pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the machine said no (a full disk, a read-only folder) where nothing else could work
        where = f": {exc.filename}" if exc.filename else ""
        return _fail(f"{exc.strerror or type(exc).__name__}{where}", 2, as_json)
    except MemoryError:
        return _fail("out of memory", 2, as_json)
    except Exception as exc:  # noqa: BLE001 - a bug: one line for the user, never a traceback
        return _fail(f"internal error ({type(exc).__name__}: {_one_line(str(exc))}); please report it", 1, as_json)


class Terminated(KeyboardInterrupt):
    """SIGTERM in a command: unwinds like Ctrl-C (every ``finally`` and clean-up runs), then one line, status 143."""


def _stop_on_sigterm() -> None:
    """SIGTERM raises ``Terminated`` in this process (the main thread), so a command stopped by ``kill`` or a
    service manager says so in one line and cleans up instead of vanishing. Forked workers set it back to the
    default: they are stopped by their parent, never mid-line."""
    import signal

    def stop(signum, frame) -> None:
        raise Terminated

    with contextlib.suppress(ValueError):  # not the main thread (an embedding caller): leave it be
        signal.signal(signal.SIGTERM, stop)


def _one_line(text: str, most: int = 300) -> str:
    """``text`` on one line (control characters shown escaped), at most ``most`` characters."""
    from sco_tui.console import one_line

    text = one_line(text)
    return text if len(text) <= most else text[:most] + "…"


def _fail(message: str, status: int, as_json: bool = False) -> int:
    """The one line on stderr; with ``--json``, also the error as JSON on stdout, so a script reading
    stdout always gets JSON: ``{"error": "...", "status": 2}``."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"sco-tui: {_one_line(message, 2000)}\n")
        sys.stderr.flush()
    if as_json:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.write(json.dumps({"error": _one_line(message, 2000), "status": status}) + "\n")
            sys.stdout.flush()
    return status


def _json_asked(args: Sequence[str]) -> bool:
    """``--json`` (or ``--format json`` written to stdout) among the options, before any ``--``."""
    options = list(args[: args.index("--")] if "--" in args else args)
    if "--json" in options or "--format=json" in options:
        return True
    from itertools import pairwise

    to_file = bool({"-o", "--output"} & set(options)) or any(o.startswith(("--output=", "-o")) for o in options)
    return not to_file and any(a == "--format" and b == "json" for a, b in pairwise(options))


def _safe_streams() -> None:
    """Text that cannot be encoded (a lone surrogate in an article) is written escaped, never raised on."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


def run_app(paths: list[Path], fields: dict[str, str], database: str | None = None) -> int:
    _check_paths(paths, None)  # first: a mistyped command is that, wherever it was typed
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the explorer needs a terminal (stdin and stdout); in scripts use a command such as "
                         "list, search or compare (see: sco-tui --help)")
    from sco_tui.index.database_url import database_url
    from sco_tui.tui.app import create_app

    database = database_url(database)
    library = None
    if database:
        from sco_tui.workspace.database import make_library

        library = make_library(paths, fields, database)
    if library is not None:
        library.is_current()  # connect now: a server that is down or refuses is one line, not an app that waits
    app = create_app(paths, fields, library)
    app.run()
    from sco_tui.tui.app import STOPPED

    if app.return_code == STOPPED:  # SIGTERM: the app left as on "q", terminal given back; say why
        sys.stderr.write("sco-tui: stopped (SIGTERM)\n")
        return STOPPED
    return 0


def run_command(command: str, args: argparse.Namespace, fields: dict[str, str]) -> int:
    from sco_tui import console
    from sco_tui.index.backends import database_url
    from sco_tui.workspace.database import make_library
    from sco_tui.workspace.worker import quiet_forked_children

    quiet_forked_children()  # indexing (index, search) may fork writer processes: Ctrl-C and kill -9 end them
    _check_paths(args.paths, "--articles" if command in ("compare", "cues") else "")
    library = make_library(args.paths, fields, database_url(args.database))
    shown = list(library.notices)
    for notice in shown:
        console.warn(notice)
    library.store.on_wait = lambda: console.warn("another sco-tui is indexing these articles; waiting for it")
    if command == "doctor":
        return _doctor(library, args)
    if command == "search":
        return _search(library, args, shown)
    if command == "index":
        report = console.index_with_progress(library, quiet=args.json)
        console.warn_new_notices(report, shown)
        if report.total == 0:
            raise _unreadable(args.paths, library.corpus().problems)
        if report.total >= 0:
            console.warn_problems(library.corpus().problems)
        if library.store.memory is not None:
            raise UsageError("the index could not be saved, so there is nothing to keep; see the line above")
        if report.total < 0 and library.is_empty():
            raise _unreadable(args.paths, ())
        if args.json:
            return _emit(args, {"up_to_date": report.total < 0, "added": report.added, "removed": report.removed,
                                "total": report.total if report.total >= 0 else None, "rebuilt": report.rebuilt,
                                "seconds": round(report.seconds, 3), "index": str(library.store.current_dir())},
                         lambda: None)
        console.index_summary(report, library)
        return 0
    if command in ("stories", "merge-stories", "move-article"):
        return _stories(command, library, args, shown)
    try:
        return _read(command, args, library)
    finally:  # a cached body found damaged while answering: read again, and said
        for notice in library.notices[len(shown):]:
            console.warn(notice)


def _unreadable(paths: Sequence[Path], problems) -> UsageError:
    """Nothing could be read: one line, with the first reason why (the problems are not listed before it)."""
    where = ", ".join(map(str, paths)) or "the seeds"
    problems = list(problems)
    if not problems:
        return UsageError(f"no readable articles in {where}")
    why = str(problems[0]).removeprefix(f"{where}: ")
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return UsageError(f"no readable articles in {where}: {why}{more}")


def _read(command: str, args: argparse.Namespace, library) -> int:
    """list, compare, cues and show: the commands that read the articles themselves."""
    from sco_tui import console

    corpus = library.corpus()
    if not corpus.articles:
        raise _unreadable(args.paths, corpus.problems)
    console.warn_problems(corpus.problems)
    if command == "list":
        return _emit(args, [a.as_dict() for a in corpus], lambda: console.article_table(corpus))
    if command == "compare":
        return _compare(corpus, args, library)
    if command == "cues":
        return _cues(corpus, args, library)
    article = _article_by_id(corpus, args.id)
    from sco_tui.analysis.text import sentences

    data = console.article_details(article, sentences(article.body))
    return _emit(args, data, lambda: console.print_article(data))


def _stories(command: str, library, args: argparse.Namespace, shown: Sequence[str] = ()) -> int:
    """Stories, and the user's corrections to them; an unchanged corpus answers from the cache."""
    from sco_tui import console
    from sco_tui.analysis import story_corrections

    store = library.story_store()
    if getattr(args, "forget_corrections", False):
        n = store.forget_corrections()
        console.warn(f"forgot {n} story correction{'' if n == 1 else 's'}")
    stories = library.stories()
    for notice in library.notices[len(shown):]:
        console.warn(notice)
    if not stories:
        raise UsageError(f"no readable articles in {', '.join(map(str, args.paths))}")
    if command == "stories":
        total = sum(len(s.articles) for s in stories)
        return _emit(args, [s.as_dict() for s in stories], lambda: console.print_stories(stories, total))
    holding = {a: s for s in stories for a in s.articles}
    by_id = {s.id: s for s in stories}

    def full_id(ref: str) -> str:
        """A story or article id, or the only one that starts with ``ref`` (as ``show`` takes them)."""
        if ref in by_id or ref in holding:
            return ref
        matches = sorted(i for i in (*by_id, *holding) if ref and i.startswith(ref))
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise UsageError(f"{ref!r} could be {', '.join(matches[:5])}{' …' if len(matches) > 5 else ''}: "
                             "give more of the id")
        raise UsageError(f"no story or article with id {ref!r} (see: sco-tui stories)")

    def story_of(ref: str):
        ref = full_id(ref)
        return by_id.get(ref) or holding[ref]

    if command == "merge-stories":
        first, second = story_of(args.first), story_of(args.second)
        if first is second:
            raise UsageError(f"{args.first!r} and {args.second!r} are already one story ({first.id})")
        store.add_correction(story_corrections.merge(first.articles[0], second.articles[0]))
        changed = [s for s in library.stories() if first.articles[0] in s.articles]
    else:
        args.article = full_id(args.article)
        story = story_of(args.article)
        if args.article not in story.articles:
            raise UsageError(f"move-article takes an article id, not the story id {args.article!r}")
        if len(story.articles) < 2:
            raise UsageError(f"article {args.article!r} is already a story of its own ({story.id})")
        store.add_correction(story_corrections.move(args.article))
        rest = next(a for a in story.articles if a != args.article)
        changed = [s for s in library.stories() if args.article in s.articles or rest in s.articles]
    return _emit(args, [s.as_dict() for s in changed],
                 lambda: console.print_stories(changed, sum(len(s.articles) for s in changed)))


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


def _chosen_articles(corpus, args: argparse.Namespace, library) -> tuple[list, object | None]:
    """The articles ``--story ID`` or ``--articles ID,...`` name (ids or unique id prefixes, each
    taken once, in the order given), else the whole corpus; with the story when one was named."""
    if args.story:
        story = next((s for s in library.stories() if s.id == args.story), None)
        if story is None:
            raise UsageError(f"no story with id {args.story!r} (see: sco-tui stories)")
        return [corpus.get(i) for i in story.articles], story
    if args.articles is None:
        return list(corpus), None
    wanted = [i.strip() for i in args.articles.split(",") if i.strip()]
    if not wanted:
        raise UsageError(f"--articles needs article ids, separated by commas, not {args.articles!r} "
                         "(see: sco-tui list)")
    missing = [i for i in wanted if corpus.get(i) is None and not any(a.id.startswith(i) for a in corpus)]
    if missing:
        raise UsageError(f"no article with id {', '.join(map(repr, dict.fromkeys(missing)))} (see: sco-tui list)")
    found = [_article_by_id(corpus, i) for i in wanted]
    return list({a.id: a for a in found}.values()), None


def _search(library, args: argparse.Namespace, shown: Sequence[str] = ()) -> int:
    from sco_tui import console
    from sco_tui.index.api import QueryError

    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    if not library.is_current():
        report = console.index_with_progress(library, quiet=args.json)
        console.warn_new_notices(report, shown)
        if report.total == 0:
            raise _unreadable(args.paths, library.corpus().problems)
        console.warn_problems(library.corpus().problems)
    elif library.is_empty():  # built before, of nothing readable: said again, not searched
        raise UsageError(f"no readable articles in {', '.join(map(str, args.paths)) or 'the seeds'}")
    try:
        result = library.search(args.query, limit=args.limit)
    except QueryError as exc:
        raise UsageError(f"bad query: {exc}") from None
    for notice in result.notices:  # what this engine could not honour, one line each
        console.warn(notice)
    return _emit(args, result.as_dict(), lambda: console.print_search(result))


def _compare(corpus, args: argparse.Namespace, library) -> int:
    from sco_tui import console
    from sco_tui.analysis.comparison import compare

    if any(not t.strip() for t in args.term):
        raise UsageError("--term needs a word or a phrase, not an empty string")
    articles, story = _chosen_articles(corpus, args, library)
    from sco_tui.analysis.limits import UNCHOSEN_LIMIT

    if story is None and args.articles is None and len(articles) > UNCHOSEN_LIMIT and not args.all_articles:
        raise UsageError(f"{len(articles):,} articles are not one event: choose a story (--story ID, see: sco-tui "
                         "stories) or articles (--articles ID,...), or add --all-articles to compare them all")
    story_label = story.label if story is not None else None
    if len(articles) < 2:
        named = f": --articles names only {articles[0].id}" if args.articles and articles else ""
        raise UsageError(f"compare needs at least two different articles{named}")
    fmt = "json" if args.json else args.format
    if fmt is None and args.output is not None:
        fmt = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}.get(
            args.output.suffix.lower())
        if fmt is None:
            raise UsageError(f"cannot tell the format from {args.output.name!r}: add --format json|md|html")
    if args.output is not None:
        _check_writable(args.output, library)  # before the work, not after it
    asked = [t.strip() for t in args.term]
    result = compare(articles, asked)
    for t in result.terms:  # a term no article uses is said once, whatever the format (the row says it too)
        if t.term in asked and not t.uses:
            console.warn(f"{t.term!r} is in none of the {len(articles)} articles, in any form")
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
        write_atomically(args.output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    console.out.print(f"Wrote {args.output.resolve()} ({len(text) / 1024:.0f} KB, {fmt})")
    return 0


def _check_writable(path: Path, library=None) -> None:
    """A one-line error now for an output that cannot be written: a folder, a folder that is not there,
    or one of the articles being read (a report never replaces the user's input)."""
    import os

    target = Path(os.path.realpath(path))
    if library is not None and target.exists():
        from sco_tui.corpus.inputs import input_files

        if any(Path(os.path.realpath(f)) == target for f in input_files(library.paths)[0]):
            raise UsageError(f"cannot write {path}: it is one of the articles being read; name another file")
    if target.is_dir():
        raise UsageError(f"cannot write {path}: it is a folder; name a file in it")
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {path}: no such folder {target.parent}")
    if not os.access(target.parent, os.W_OK):
        raise UsageError(f"cannot write {path}: the folder {target.parent} is not writable")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all: a full disk leaves any earlier file as it was.

    A symlink is followed (the link stays, its target gets the text); a device or pipe (``/dev/stdout``)
    is written directly, never replaced by a file; a file that is replaced keeps its permissions, and a
    new one gets the usual ones (the umask's), not a temporary file's 0600."""
    import os
    import stat
    import tempfile

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        with open(path, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(text)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(mode))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _doctor(library, args: argparse.Namespace) -> int:
    """Verify the index (pointer, manifest, every file's size and checksum, document count) and the
    stories cache of these articles; exit 1 when something is wrong (``sco-tui index`` rebuilds it)."""
    from sco_tui import console
    from sco_tui.index.verify import stories_cache_problem

    problem, info = library.store.check()
    if problem == "no index yet" and library.store.dangling_pointer():
        problem = "its 'current' pointer names a generation that is not there"
        state = f"damaged: {problem} (sco-tui index rebuilds it)"
    elif problem == "no index yet":
        problem, state = None, "no index yet (sco-tui index builds one)"
    elif problem is None:
        state = ("current" if library.is_current()
                 else "sound, but the articles changed since (sco-tui index refreshes it)")
    else:
        state = f"damaged: {problem} (sco-tui index rebuilds it)"
    stories_path = library.store.root / "stories.json"
    stories = "none"
    if stories_path.exists():
        try:
            stories = stories_cache_problem(json.loads(stories_path.read_text(encoding="utf-8"))) or "sound"
        except (OSError, ValueError, RecursionError) as exc:
            stories = f"unreadable ({type(exc).__name__})"
    articles_state = _article_cache_state(library)
    report = {**info, "writable": library.store.writable, "index": state, "problem": problem,
              "article_cache": articles_state, "stories_cache": stories}
    if args.json:
        _emit(args, report, lambda: None)
    else:
        console.print_doctor(report)
    damaged = (problem is not None or stories not in ("none", "sound")
               or articles_state.startswith(("damaged", "unreadable")))
    return 1 if damaged else 0


def _article_cache_state(library) -> str:
    """The cleaned-article cache: none, out of date, sound (its list's digest and every body's checksum
    verified), or damaged and why (the next run reads the inputs again)."""
    from sco_tui.index.articles import HEADER_FILE, CacheDamaged, load_articles

    folder = library.store.root
    if not (folder / HEADER_FILE).exists():
        return "none"
    corpus, why = load_articles(folder, library.fingerprint)
    if corpus is None:
        return _cache_why(why) if why else "out of date (the next run writes it again)"
    try:
        for article in corpus.articles:
            article.body  # noqa: B018 - read to check its checksum
    except (CacheDamaged, OSError, ValueError) as exc:
        return _cache_why(str(exc)) if str(exc) else f"damaged ({type(exc).__name__})"
    return "sound"


def _cache_why(why: str) -> str:
    """'article cache damaged (checksum mismatch); reading…' as the doctor's row says it: 'damaged (…)'."""
    why = why.split(";")[0].removeprefix("article cache ").strip()
    why = why if why.startswith(("damaged", "unreadable")) else f"damaged ({why})"
    return f"{why}: not trusted, the inputs are read again when needed"


def _cues_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--story", metavar="ID", help="the articles of this story, read against each other")
    p.add_argument("--articles", metavar="ID,...", help="these articles (two or more: read against each other)")
    p.add_argument("--all", action="store_true", help="every sentence with a cue, not only the flagged ones")


def _cues(corpus, args: argparse.Namespace, library) -> int:
    """``sco-tui cues``: the flagged sentences; a story or chosen articles are compared first, so the
    informational cues that need the other outlets (background, unique content, one voice) are found too."""
    from sco_tui import console
    from sco_tui.analysis.cues import find_cues

    articles, _story = _chosen_articles(corpus, args, library)
    if (args.story or args.articles) and len(articles) >= 2:
        from sco_tui.analysis.comparison import compare

        found = compare(articles).cues
    else:
        found = find_cues(articles)
    shown = [c for c in found if c.flagged or args.all]
    outlets = {a.id: a.outlet_name for a in articles}
    rows = [{"outlet": outlets[c.article], **c.as_dict()} for c in shown]
    return _emit(args, rows, lambda: console.print_cues(rows, len(articles)))


def render(view, fmt: str) -> str:
    """A comparison's view as a Markdown or HTML brief."""
    if fmt == "md":
        from sco_tui.report.markdown import to_markdown

        return to_markdown(view)
    from sco_tui.report.html import to_html

    return to_html(view)


def _emit(args: argparse.Namespace, data: Any, human) -> int:
    if args.json:
        # indented for a person at a terminal; for a pipe, Python's C encoder (indenting takes its pure-Python
        # one: most of a cached `stories --json` of 37,500 articles), a list one item a line
        if sys.stdout.isatty():
            json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        elif isinstance(data, list) and data:
            sys.stdout.write("[\n" + ",\n".join(json.dumps(x, ensure_ascii=False) for x in data) + "\n]")
        else:
            json.dump(data, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        human()
    return 0


def _check_paths(paths: list[Path], ids_option: str | None = "") -> None:
    """Exit 2 at once when no path given can be opened (each missing one, or why it cannot be opened);
    names that look like article ids (``compare 000 001``) are pointed to ``ids_option``; with None (the
    app), a lone bare name is said not to be a command either (``sco-tui frobnicate``)."""
    missing, broken = [], []
    if Path("-") in paths and not Path("-").exists():
        raise UsageError("articles are read from files and folders, not standard input: save it to a file "
                         "(.jsonl, .json, .txt…; compressed ones such as .jsonl.xz are read as they are)")
    for p in paths:
        try:
            p.stat()
        except FileNotFoundError:
            (broken if p.is_symlink() else missing).append(f"{p}" if not p.is_symlink() else f"{p} (dangling link)")
        except OSError as exc:  # a link loop, a name too long, a folder that cannot be searched
            broken.append(f"{p} ({exc.strerror or type(exc).__name__})")
    if paths and len(missing) + len(broken) == len(paths):
        if broken:
            raise UsageError(f"cannot open: {', '.join(broken + missing)}")
        hint = ""
        bare = not any(os.sep in m or "." in Path(m).name for m in missing)
        if ids_option and bare:
            hint = f" (to choose articles by id: {ids_option} {','.join(missing)})"
        elif ids_option is None and bare and len(missing) == 1 and not missing[0].startswith("-"):
            hint = f"; nor is it a command ({', '.join(COMMANDS)})"
        raise UsageError(f"no such file or folder: {', '.join(missing)}{hint}")


if __name__ == "__main__":
    raise SystemExit(main())
