"""Paraphrase-robust similarity and claim alignment, on the seeds and the sample."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest

from sco_tui.analysis import similarity
from sco_tui.analysis.text import sentences
from sco_tui.corpus.seeds import seeds_dir


def _seed_sentence(prefix: str, needle: str) -> str:
    path = next(seeds_dir().glob(f"{prefix}_*.txt"))
    return next(s.text for s in sentences(path.read_text(encoding="utf-8")) if needle in s.text)


def test_importing_analysis_does_not_load_the_embedding_library() -> None:
    code = ("import sys, sco_tui.analysis.similarity, sco_tui.analysis.claims, sco_tui.analysis.comparison; "
            "print(any(m in sys.modules for m in ('tokenizers', 'safetensors', 'wordllama')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_model_loads_and_embeds_with_the_network_cut(tmp_path) -> None:
    code = textwrap.dedent("""
        import socket
        def refuse(*args, **kwargs):
            raise AssertionError("network touched")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        import numpy as np
        from sco_tui.analysis import similarity
        v = similarity.embed(["Belarus formally joined the SCO.", "Belarus became a full member of the bloc."])
        print(v.shape, round(float(np.linalg.norm(v[0])), 3))
    """)
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}  # an empty home: no Hugging Face cache to fall back on
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["(2,", f"{similarity.DIM})", "1.0"]
    assert "network" not in result.stderr.lower()


def test_paraphrases_score_above_unrelated_sentences() -> None:
    belarus = [_seed_sentence("000", "formalize its SCO membership"), _seed_sentence("004", "set to formally join")]
    guterres = [_seed_sentence("000", "Guterres"), _seed_sentence("003", "Guterres")]
    v = similarity.embed(belarus + guterres)
    sims = similarity.cosine(v)
    assert sims[0, 1] > 0.6 and sims[2, 3] > 0.6
    assert max(sims[0, 2], sims[0, 3], sims[1, 2], sims[1, 3]) < 0.5


def test_embed_rows_are_unit_or_zero_and_threads_agree() -> None:
    import numpy as np

    texts = [_seed_sentence("001", "established in 2001"), "", "   ", "Xi Jinping met Vladimir Putin."]
    v = similarity.embed(texts)
    assert v.shape == (4, similarity.DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v[[0, 3]], axis=1), 1.0, atol=1e-5)
    assert not v[1].any()
    assert similarity.embed([]).shape == (0, similarity.DIM)
    results: list[np.ndarray] = []
    threads = [threading.Thread(target=lambda: results.append(similarity.embed(texts))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(np.array_equal(r, v) for r in results)


def test_neighbours_are_the_most_similar_rows_best_first() -> None:
    import numpy as np

    texts = [_seed_sentence("000", "formalize its SCO membership"), _seed_sentence("004", "set to formally join"),
             _seed_sentence("000", "Guterres"), _seed_sentence("003", "Guterres")]
    v = similarity.embed(texts)
    near = similarity.neighbours(v, 1, block=3)
    assert [n[0][0] for n in near] == [1, 0, 3, 2]
    full = similarity.neighbours(v, 3)
    for i, row in enumerate(full):
        assert [j for j, _ in row] == [int(j) for j in np.argsort(-similarity.cosine(v)[i]) if j != i]
    assert similarity.neighbours(v, 3, floor=0.99) == [[], [], [], []]


def test_a_damaged_model_file_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    (tmp_path / "weights").mkdir()
    (tmp_path / "tokenizers").mkdir()
    (tmp_path / "weights" / "l2_supercat_256.safetensors").write_bytes(b"not a tensor file")
    (tmp_path / "tokenizers" / "l2_supercat_tokenizer_config.json").write_text("{}")
    monkeypatch.setattr(similarity, "package_dir", lambda: tmp_path)
    with pytest.raises(similarity.ModelUnavailable, match="damaged"):
        similarity._read()
