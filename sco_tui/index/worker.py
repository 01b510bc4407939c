"""Build or refresh an index in a process of its own, reporting progress as JSON lines on stdout.

    python -m sco_tui.index.worker [PATH...] [--field ROLE=NAME]...

The app runs this so that indexing (pure Python, CPU-bound) uses the second core and never holds
the interpreter lock the screen and the searches need.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sco_tui.index.library import Library
from sco_tui.index.store import SyncReport


class ChildIndexer:
    """Runs this module in a child process and relays its progress; ``stop`` ends it early."""

    def __init__(self, paths: Sequence[Path], fields: dict[str, str]) -> None:
        self.command = [sys.executable, "-m", "sco_tui.index.worker", *map(str, paths),
                        *(f"--field={k}={v}" for k, v in fields.items())]
        self.process: subprocess.Popen[str] | None = None

    def run(self, on_progress: Callable[[int, int], None], should_stop: Callable[[], bool]) -> SyncReport | None:
        """The child's report, or None when it could not run (the caller then indexes itself)."""
        report = None
        try:
            self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                            text=True)
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
                elif "report" in message:
                    report = SyncReport(**message["report"])
            self.process.wait()
        except OSError:
            return None
        return report

    def stop(self) -> None:
        """End the child; a half-built index resumes next time, as every batch is committed."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sco_tui.index.worker")
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--field", action="append", default=[])
    args = ap.parse_args(argv)
    fields = dict(f.split("=", 1) for f in args.field if "=" in f)
    library = Library(args.paths, fields)

    def progress(done: int, total: int) -> None:
        print(json.dumps({"done": done, "total": total}), flush=True)

    report = library.ensure_index(progress)
    print(json.dumps({"report": {"added": report.added, "removed": report.removed, "total": report.total,
                                 "rebuilt": report.rebuilt, "seconds": report.seconds,
                                 "notices": report.notices}}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
