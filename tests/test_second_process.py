"""The comparison's second process: the same findings with it and without, and nothing lost when it fails."""

from __future__ import annotations

import json
import os
import sys

import pytest
from conftest import SAMPLE, needs_sample

from sco_tui.analysis import claims, second_process, text
from sco_tui.analysis.comparison import compare
from sco_tui.corpus.load import load_corpus

pytestmark = pytest.mark.skipif(second_process.cores() < 2, reason="one core: the comparison runs in one process")


@pytest.fixture(scope="module")
def seeds():
    return list(load_corpus())


def findings(articles, parallel: bool) -> str:
    text.sentences.cache_clear()
    claims.clear_caches()
    return json.dumps(compare(articles, ["Ukraine"], parallel=parallel).as_dict(), sort_keys=True)


def shout(word: str) -> str:
    """Prints on both streams in the worker (neither may reach this process's terminal or the answers)."""
    print(word)
    print(word, file=sys.stderr)
    return word.upper()


def fails() -> None:
    raise ValueError("no")


def test_the_seeds_compare_the_same_in_two_processes_as_in_one(seeds) -> None:
    one = findings(seeds, parallel=False)
    second_process.shutdown()
    two = findings(seeds, parallel=True)
    assert second_process._PROCESS is not None and second_process._PROCESS.poll() is None  # the worker did run
    assert two == one
    assert findings(seeds, parallel=True) == one  # the worker kept, warm


@needs_sample
def test_sample_articles_compare_the_same_in_two_processes() -> None:
    corpus = load_corpus([SAMPLE])
    group = [a for a in corpus if dict(a.extra).get("topic") == "immigration"][:12]
    assert findings(group, parallel=True) == findings(group, parallel=False)


def test_a_killed_worker_costs_nothing_but_time(seeds) -> None:
    one = findings(seeds, parallel=False)
    pending = second_process.submit(shout, "x")
    pending.process.kill()
    assert second_process.result(pending) is None  # the caller does the work itself
    assert second_process._PROCESS is None
    assert findings(seeds, parallel=True) == one  # a new worker


def test_the_worker_answers_one_call_at_a_time_and_keeps_its_streams(capfd) -> None:
    pending = second_process.submit(shout, "hello")
    assert pending is not None
    assert second_process.submit(shout, "busy") is None  # busy: the second caller works alone
    assert second_process.result(pending) == "HELLO"
    assert "hello" not in capfd.readouterr().err
    failed = second_process.submit(fails)
    assert second_process.result(failed) is None  # the caller redoes it and sees the error itself
    assert second_process.result(second_process.submit(shout, "again")) == "AGAIN"  # still serving


def test_the_worker_ends_with_its_pipe_and_ignores_ctrl_c() -> None:
    import signal

    pending = second_process.submit(shout, "x")
    assert second_process.result(pending) == "X"
    process = second_process._PROCESS
    assert os.getsid(process.pid) != os.getsid(0)  # a session of its own: a terminal's Ctrl-C is not for it
    process.send_signal(signal.SIGINT)
    assert second_process.result(second_process.submit(shout, "y")) == "Y"
    process.stdin.close()  # what this process's exit does
    assert process.wait(timeout=10) == 0
    second_process.shutdown()


def test_one_core_means_one_process(monkeypatch, seeds) -> None:
    monkeypatch.setattr(second_process, "cores", lambda: 1)
    assert second_process.submit(shout, "x") is None


def test_the_split_is_dealt_by_characters_in_order(seeds) -> None:
    from sco_tui.analysis.comparison import _shares

    bodies = [f"{k} {a.body}" for k in range(4) for a in seeds]
    first, second = _shares(bodies, 0.6)
    assert sorted(first + second) == sorted(bodies)
    assert first == [b for b in bodies if b in first] and second == [b for b in bodies if b in second]
    share = sum(map(len, first)) / sum(map(len, bodies))
    assert 0.5 < share < 0.7
    assert _shares([], 0.6) == ([], [])


def test_ready_says_when_the_answer_has_arrived() -> None:
    import time

    assert second_process.ready(None)
    pending = second_process.submit(shout, "ready")
    assert pending is not None
    deadline = time.monotonic() + 60
    while not second_process.ready(pending):  # a fresh worker starts up first: not ready at once
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert second_process.result(pending) == "READY"


def test_own_claim_units_made_while_waiting_change_nothing(monkeypatch, seeds) -> None:
    from sco_tui.analysis import comparison

    made = []
    real = comparison.prepare_claims
    monkeypatch.setattr(comparison, "prepare_claims", lambda arts: (made.append(len(arts)), real(arts)))
    monkeypatch.setattr(second_process, "ready", lambda pending: False)  # the split never seems to arrive early
    monkeypatch.setattr(comparison, "PREPARE_ARTICLES", 2)
    assert findings(seeds, parallel=True) == findings(seeds, parallel=False)
    assert made and sum(made) >= 2  # this process's share was prepared, a few articles at a time
