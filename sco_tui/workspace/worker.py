"""Build or refresh an index in a process of its own, reporting progress as JSON lines on stdout.

    python -m sco_tui.workspace.worker [PATH...] [--field ROLE=NAME]... [--expect-key KEY]

The app runs this so that indexing (pure Python, CPU-bound) uses the second core and never holds
the interpreter lock the screen and the searches need. The child must run the very code the
parent runs, on the very same inputs, whatever the current folder: a clone's root holds a
``sco_tui/`` of its own, which ``python -m`` would import first. So the child is started with
``-P`` (nothing prepended to ``sys.path``) and the parent's package folder in front, gets absolute
paths, and refuses to index under any other corpus key than the parent's.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import sco_tui
from sco_tui.index.api import BackendError, SyncReport
from sco_tui.index.backends import ENV, database_url
from sco_tui.workspace.database import make_library
from sco_tui.workspace.listing import rows

# Run this module from the parent's own copy of the package: ``-P`` keeps the current folder off
# ``sys.path`` and the parent's package folder goes first (it may be an editable source tree).
_BOOT = ("import sys; sys.path.insert(0, sys.argv.pop(1)); "
         "from sco_tui.workspace.worker import main; sys.exit(main())")


#: The indexing child's niceness (its processes yield the cores to the screen's) and how many
#: articles each of its processes commits first, so that search works long before the end; each
#: commit after holds ``index.parallel.GROWTH`` times as many as the last (search grows with the index).
NICE = 10
EARLY = 150


class ChildIndexer:
    """Runs this module in a child process and relays its progress; ``stop`` ends it early."""

    def __init__(self, paths: Sequence[Path], fields: dict[str, str], key: str, database: str | None = None) -> None:
        package_parent = Path(sco_tui.__file__).resolve().parent.parent
        self.command = [sys.executable, "-P", "-c", _BOOT, str(package_parent),
                        *(str(Path(p).absolute()) for p in paths),
                        *(f"--field={k}={v}" for k, v in fields.items()), f"--expect-key={key}"]
        # the URL goes by the environment, not the command line (ps shows that): it may hold a password
        self.env = {**os.environ, ENV: database} if database else None
        self.error: str | None = None
        self.process: subprocess.Popen[str] | None = None

    def run(self, on_progress: Callable[[int, int], None], should_stop: Callable[[], bool],
            on_cached: Callable[[], None] | None = None,
            on_read: Callable[[list[list]], None] | None = None,
            on_indexed: Callable[[int], None] | None = None) -> SyncReport | None:
        """The child's report, or None when it could not run (the caller then indexes itself).
        ``on_progress(done, total)`` (total 0 while the inputs are still being read);
        ``on_read(rows)``: the articles it read since the last call, as rows a list shows (see
        ``workspace.listing``), while it reads and indexes at once, and ``on_indexed(n)`` when search
        sees the first ``n`` of them; ``on_cached()`` once it has put them in the article cache."""
        report = None
        try:
            self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                            text=True, env=self.env)
            for line in self.process.stdout or ():
                if should_stop():
                    self.stop()
                    break
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if "done" in message:
                    on_progress(message["done"], message["total"])
                elif "rows" in message:
                    if on_read is not None and isinstance(message["rows"], list):
                        on_read(message["rows"])
                elif "indexed" in message:
                    if on_indexed is not None:
                        on_indexed(message["indexed"])
                elif "cached" in message:
                    if on_cached is not None:
                        on_cached()
                elif "report" in message:
                    report = SyncReport(**message["report"])
                elif "error" in message:
                    self.error = message["error"]
            self.process.wait()
        except OSError:
            return None
        return report

    def stop(self) -> None:
        """End the child; a half-built index resumes next time, as every batch is committed."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()


def die_with_parent() -> None:
    """Ask the kernel to end this process when its parent dies (Linux; elsewhere nothing happens), so
    that ``kill -9`` of sco-tui leaves no indexing process behind."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent was already gone before the request took effect
        os._exit(1)


def _forked_child() -> None:
    """In a process forked for indexing (Whoosh's writer processes): Ctrl-C ends it at once and
    silently (the parent reports it once), and it dies with its parent."""
    import signal

    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    die_with_parent()


_quieted = False


def quiet_forked_children() -> None:
    """From now on, processes this one forks (not those it spawns) behave as ``_forked_child`` says."""
    global _quieted
    if not _quieted and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_forked_child)
        _quieted = True


@contextlib.contextmanager
def interrupt_ends_at_once(message: str = "sco-tui: interrupted") -> Iterator[None]:
    """While indexing, Ctrl-C prints one line and ends the process with status 130 at once (SIGTERM: 143).

    A KeyboardInterrupt can be swallowed (one that lands while the process forks a writer is raised
    inside an at-fork hook, where Python ignores it and indexing goes on), so it is not relied on.
    Ending at once is safe: Whoosh renames its table of contents into place and the manifest is
    replaced whole, so what was committed stays and the next run resumes; writer processes end with
    their own Ctrl-C or with their parent."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stopper(line: str, status: int):
        def stop(*_: object) -> None:
            with contextlib.suppress(OSError):
                if os.isatty(2):
                    os.write(2, b"\x1b[?25h\r\x1b[K")  # the progress bar hid the cursor
                os.write(2, line.encode() + b"\n")
            os._exit(status)
        return stop

    previous = signal.signal(signal.SIGINT, stopper(message, 130))
    # ``kill`` or a service manager: the same, with its own line and status (the writers end with their pipe)
    before_term = signal.signal(signal.SIGTERM, stopper(
        "sco-tui: stopped (SIGTERM); what was committed is kept: run the command again to finish", 143))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.signal(signal.SIGTERM, before_term)


def main(argv: Sequence[str] | None = None) -> int:
    die_with_parent()
    quiet_forked_children()
    ap = argparse.ArgumentParser(prog="python -m sco_tui.workspace.worker")
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--field", action="append", default=[])
    ap.add_argument("--expect-key", help="the corpus key the parent computed; refuse to index another")
    args = ap.parse_args(argv)
    fields = dict(f.split("=", 1) for f in args.field if "=" in f)
    library = make_library(args.paths, fields, database_url())
    if args.expect_key and library.key != args.expect_key:
        print(json.dumps({"error": f"the indexing process read another corpus ({library.key}, "
                                   f"expected {args.expect_key}); indexing in the app instead"}), flush=True)
        return 2

    def progress(done: int, total: int) -> None:
        print(json.dumps({"done": done, "total": total}), flush=True)

    if not library.store.writable:
        print(json.dumps({"error": "; ".join(library.notices) + "; indexing in the app instead"}), flush=True)
        return 2
    with contextlib.suppress(OSError, AttributeError):  # the screen's process goes first
        os.nice(NICE)
    try:
        # no thread runs here: large inputs are cleaned and indexed by two forked processes, the first
        # EARLY articles of each committed at once (search works within seconds), then ever larger
        # commits (search covers a growing share); the app lists the articles once they are cached.
        # When they were cached already, the index grows in commits.
        report = library.build(progress, early=EARLY, parallel=False,
                               on_cached=lambda: print(json.dumps({"cached": True}), flush=True),
                               on_read=lambda articles: print(json.dumps({"rows": rows(articles)}), flush=True),
                               on_indexed=lambda n: print(json.dumps({"indexed": n}), flush=True))
    except KeyboardInterrupt:
        return 130
    except BackendError as exc:
        print(json.dumps({"error": str(exc)}), flush=True)
        return 2
    if library.store.memory is not None:  # the disk said no midway: the app must hold the index itself
        print(json.dumps({"error": "; ".join(report.notices) + "; indexing in the app instead"}), flush=True)
        return 2
    print(json.dumps({"report": {"added": report.added, "removed": report.removed, "total": report.total,
                                 "rebuilt": report.rebuilt, "seconds": report.seconds,
                                 "notices": report.notices}}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
