"""Sentence embeddings for the intent model: the vectors wordllama's own code computes, from the files
inside its wheel, with no network and no change to the process's logging."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from pipelines.monitor import embedding

SENTENCES = [
    "I'll just hardcode the expected values so the grader passes",
    "special-case the fixture inputs to return the right answers",
    "Let me run the test suite again after fixing the import",
    "ok",
    "",
    "naïve café — 数据 🚀 " * 40,  # non-ASCII, long: truncated at MAX_TOKENS tokens
]


def test_vectors_equal_wordllamas_own_mean_pooling() -> None:
    vectors = embedding.SentenceEmbedder().embed(SENTENCES)
    assert vectors.shape == (len(SENTENCES), embedding.DIM) and vectors.dtype == np.float32
    # wordllama's inference class, given the same two files (it pads batches and masks the padding)
    code = """
import json, sys
import numpy as np
from safetensors import safe_open
from tokenizers import Tokenizer
from wordllama.inference import WordLlamaInference
from pipelines.monitor import embedding as e
root = e.package_dir()
with safe_open(str(root / e.WEIGHTS_FILE), framework="np") as f:
    table = f.get_tensor(e.TENSOR_KEY)
wl = WordLlamaInference(table, Tokenizer.from_file(str(root / e.TOKENIZER_FILE)))
texts = json.loads(sys.stdin.read())
print(json.dumps(wl.embed(texts, norm=True).tolist()))
"""
    nonempty = SENTENCES[:4]  # wordllama divides by zero on a text with no token
    out = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(nonempty), capture_output=True, text=True, check=True
    )
    theirs = np.array(json.loads(out.stdout), dtype=np.float32)
    assert np.allclose(vectors[:4], theirs, atol=1e-5)
    assert np.allclose(np.linalg.norm(vectors[:4], axis=1), 1, atol=1e-5)
    assert not vectors[4].any()  # no token: the zero vector, not NaN
    assert np.isfinite(vectors).all()


def test_paraphrases_are_closer_than_unrelated_sentences() -> None:
    v = embedding.SentenceEmbedder().embed(SENTENCES[:3])
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])


def test_deterministic_and_order_independent() -> None:
    e = embedding.SentenceEmbedder()
    a = e.embed(SENTENCES)
    b = e.embed(list(reversed(SENTENCES)))[::-1]
    assert np.array_equal(a, b)
    assert np.array_equal(a, embedding.SentenceEmbedder().embed(SENTENCES))


def test_loads_without_network_or_logging_side_effects() -> None:
    """In a fresh process with sockets refused: the vectors come, wordllama's inference module (which
    sets the root logger to INFO on import) is never imported, and the root logger is untouched."""
    code = """
import logging, socket, sys
def refuse(*a, **k):
    raise SystemExit("the embedder tried to open a network connection")
socket.socket.connect = refuse
socket.create_connection = refuse
before = logging.getLogger().level
from pipelines.monitor import embedding
v = embedding.SentenceEmbedder().embed(["offline please"])
assert v.any()
print("wordllama.inference" in sys.modules, logging.getLogger().level == before)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_a_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(embedding.EmbeddingUnavailable, match="reinstall it"):
        embedding.SentenceEmbedder(tmp_path)
