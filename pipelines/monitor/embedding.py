"""Sentence embeddings for the intent model: WordLlama's static token embeddings, offline.

Why: the n-gram model knows only the words its training sessions used; a new author who writes
"special-case the fixture inputs" for "hardcode the expected output" shares no n-gram with it. Static
embeddings place such words near each other, so a sentence said in other words lands near the
training sentences that meant the same (docs/metrics.md, "Sentence embeddings").

The model is WordLlama `l2_supercat` at 256 dimensions (MIT licence): a 32,000-token table
distilled from large language models' input embeddings, and its tokenizer. Both files ship inside
the `wordllama` wheel on PyPI, so nothing is downloaded at run time. We read the two files
ourselves instead of calling `WordLlama.load()`: that looks for the tokenizer in a folder the wheel
does not have and then tries huggingface.co, and importing `wordllama.inference` configures the
root logger at INFO for the whole process. A sentence's vector is the mean of its tokens' rows,
scaled to unit length, which is what `WordLlamaInference.embed(norm=True)` computes
(tests/monitor/test_embedding.py checks both against each other).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import itertools
from pathlib import Path

import numpy as np

MODEL_NAME = "wordllama l2_supercat 256"
TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
WEIGHTS_FILE = "weights/l2_supercat_256.safetensors"
TENSOR_KEY = "embedding.weight"
DIM = 256
MAX_TOKENS = 256  # a sentence is at most MAX_SENTENCE_CHARS (600) characters: about 150 tokens


class EmbeddingUnavailable(RuntimeError):
    """The wordllama package, or a file the embedder reads from it, is not installed."""


def package_dir() -> Path:
    """The installed wordllama package's folder, found without importing it."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingUnavailable(
            "the intent model needs sentence embeddings from the `wordllama` package, which is not "
            "installed: run `uv sync` (it is a dependency of cotwatch)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


class SentenceEmbedder:
    """Unit-length mean of the token embeddings of each text; deterministic, no network."""

    def __init__(self, root: Path | None = None) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        root = root or package_dir()
        tokenizer_path, weights_path = root / TOKENIZER_FILE, root / WEIGHTS_FILE
        for path in (tokenizer_path, weights_path):
            if not path.is_file():
                raise EmbeddingUnavailable(
                    f"wordllama is installed without {path}: reinstall it with `uv sync`"
                )
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        with safe_open(str(weights_path), framework="np") as f:
            self.table = np.ascontiguousarray(f.get_tensor(TENSOR_KEY), dtype=np.float32)
        if self.table.shape[1] != DIM:
            raise EmbeddingUnavailable(
                f"{weights_path}: expected {DIM} dimensions, found {self.table.shape[1]}"
            )
        self.weights_path = weights_path

    @functools.cached_property
    def version(self) -> str:
        """A short hash of the table file: read only when a model file is written or checked, not on
        every run that scores sentences (16 MB)."""
        return hashlib.sha256(self.weights_path.read_bytes()).hexdigest()[:10]

    def embed(self, texts: list[str]) -> np.ndarray:
        """(len(texts), DIM) float32; a text with no token gets the zero vector.

        The sums are one sparse (texts x tokens) by dense (tokens x DIM) product: gathering each
        token's row first would hold every token's 256 floats at once (1 GB for 50,000 sentences)."""
        from scipy import sparse

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        ids_of = [e.ids for e in self.tokenizer.encode_batch(texts, add_special_tokens=False)]
        lengths = np.fromiter(map(len, ids_of), dtype=np.int64, count=len(texts))
        nonempty = lengths > 0
        if not nonempty.any():
            return out
        total = int(lengths.sum())
        ids = np.fromiter(itertools.chain.from_iterable(ids_of), dtype=np.int64, count=total)
        np.clip(ids, 0, self.table.shape[0] - 1, out=ids)
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        counts = sparse.csr_matrix(
            (np.ones(total, dtype=np.float32), ids, indptr), shape=(len(texts), self.table.shape[0])
        )
        sums = np.asarray(counts @ self.table)[nonempty]
        means = sums / lengths[nonempty, None].astype(np.float32)
        norms = np.linalg.norm(means, axis=1, keepdims=True)
        out[nonempty] = means / np.where(norms > 0, norms, 1)
        return out


@functools.cache
def default_embedder() -> SentenceEmbedder:
    """One embedder per process (loading the table takes about 0.1 s)."""
    return SentenceEmbedder()
