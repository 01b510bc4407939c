"""A second process for analysis work that can run beside this one, on a machine with two cores or more.

One worker: a fresh interpreter (not a fork, so the app's threads and a loaded model never come along) started
on first use in a session of its own (Ctrl-C is for this process) and kept for later calls; it ends when this
process closes the pipe to it (on exit, or killed). It answers one call at a time: a call made while it is busy,
or anything going wrong there (no second core, the worker killed, a result that cannot travel), gets ``None``
from ``result`` and the caller does the work itself, so the findings are the same either way.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

_HEADER = struct.Struct("<Q")


@dataclass(slots=True)
class Pending:
    """A call sent to the worker; ``result`` collects it (or ``abandon`` drops it)."""

    process: subprocess.Popen
    sent: threading.Thread
    failed: list[BaseException]


_PROCESS: subprocess.Popen | None = None
_BUSY = threading.Lock()


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _start() -> subprocess.Popen:
    """The worker, with this process's import path (so it imports the same ``sco_tui``)."""
    boot = (f"import sys; sys.path[:0] = {[p for p in sys.path if p]!r}; "
            "from sco_tui.analysis.second_process import serve; serve()")
    return subprocess.Popen([sys.executable, "-c", boot], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)


def _kill(process: subprocess.Popen) -> None:
    global _PROCESS
    if _PROCESS is process:
        _PROCESS = None
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):  # already gone, or past help
        process.kill()
        process.wait(timeout=5)
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def shutdown() -> None:
    """End the worker if it is idle (the next ``submit`` starts another): benchmarks time a cold start with it."""
    if _BUSY.acquire(blocking=False):
        try:
            if _PROCESS is not None:
                _kill(_PROCESS)
        finally:
            _BUSY.release()


def submit(fn: Callable, *args) -> Pending | None:
    """``fn(*args)`` (a module-level function, picklable arguments) sent to the worker, or ``None`` when no second
    process can take it now (one core, or the worker is busy with another call)."""
    global _PROCESS
    if cores() < 2 or not _BUSY.acquire(blocking=False):
        return None
    try:
        payload = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        if _PROCESS is None or _PROCESS.poll() is not None:
            _PROCESS = _start()
        process = _PROCESS
    except (OSError, pickle.PicklingError, TypeError, AttributeError):  # no worker, or a call that cannot travel
        _BUSY.release()
        return None
    failed: list[BaseException] = []

    def send() -> None:  # in a thread: the pipe takes the request while the worker starts up
        try:
            process.stdin.write(_HEADER.pack(len(payload)) + payload)
            process.stdin.flush()
        except BaseException as error:  # noqa: BLE001 - handed to ``result``
            failed.append(error)

    sent = threading.Thread(target=send, name="second-process-send", daemon=True)
    sent.start()
    return Pending(process, sent, failed)


def _read(pipe, size: int) -> bytes:
    data = pipe.read(size)
    if data is None or len(data) != size:
        raise EOFError("the second process ended")
    return data


def result(pending: Pending | None):
    """What the worker made, or ``None`` when it could not (the caller then does the work itself)."""
    if pending is None:
        return None
    try:
        pending.sent.join()
        if pending.failed:
            raise pending.failed[0]
        (size,) = _HEADER.unpack(_read(pending.process.stdout, _HEADER.size))
        ok, value = pickle.loads(_read(pending.process.stdout, size))
        return value if ok else None
    except BaseException as error:
        _kill(pending.process)
        if isinstance(error, Exception):
            return None
        raise
    finally:
        _BUSY.release()


def ready(pending: Pending | None) -> bool:
    """Whether the worker's answer has begun to arrive (``result`` would not wait for the work); ``True`` without a
    call, or when that cannot be told (then ``result`` says what happened)."""
    if pending is None:
        return True
    import select

    try:
        readable, _, _ = select.select([pending.process.stdout], [], [], 0)
    except (OSError, ValueError):  # a closed pipe, or a platform whose select takes no pipes
        return True
    return bool(readable)


def abandon(pending: Pending | None) -> None:
    """Drop a call whose result is no longer wanted (the worker is ended rather than waited for)."""
    if pending is not None:
        _kill(pending.process)
        _BUSY.release()


def serve() -> None:
    """The worker's loop: read a call, answer ``(True, value)`` or ``(False, why)``; end when the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    requests = sys.stdin.buffer
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # a stray print cannot corrupt the answers
    while True:
        header = requests.read(_HEADER.size)
        if len(header) != _HEADER.size:
            return
        (size,) = _HEADER.unpack(header)
        try:
            fn, args = pickle.loads(requests.read(size))
            answer = (True, fn(*args))
        except Exception as error:  # noqa: BLE001 - the caller redoes the work and sees the error itself
            answer = (False, repr(error))
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001
            data = pickle.dumps((False, repr(error)))
        try:
            answers.write(_HEADER.pack(len(data)) + data)
            answers.flush()
        except OSError:
            return
