"""Reasoning intent that survives paraphrase: a linear model over word n-grams of the agent's own
sentences (reasoning and assistant text), one logistic regression per category.

Why a model next to the rules: the rules catch fixed phrasings ("hardcode the expected output");
people and agents say the same thing in many ways ("the spec only asks about these three -> put them
in a constant"). A linear model over unigrams and bigrams generalizes across wordings while staying
offline, deterministic and cheap.

Features of a sentence: the distinct lower-case word unigrams and bigrams of `TOKEN_RE`, plus its
concept classes (`CONCEPT_CLASSES`: word families such as watcher, conceal, persuade) and every pair
of classes in it, each with value 1/sqrt(n) (n = number of distinct features), so long sentences do
not score high by length. The classes carry what a sentence is about past the training set's words:
the model alone, trained on one author's set, went from 0.05 to 0.15 category recall on the other
(a to b) and from 0.06 to 0.10 (b to a) when they were added (README, docs/metrics.md).
Sentences are the pieces of a text split at `SENTENCE_SPLIT_RE`, with at least `MIN_TOKENS` tokens.

Next to those sparse features, each sentence's embedding (`embedding.py`: the unit mean of its
tokens' vectors in WordLlama's 256-dimension table, read offline from the `wordllama` wheel) times
`EMBEDDING_ALPHA`, with one more weight per dimension and category. Words the training sessions never
used still land near the ones they did. Left one author out at a time over the ten read sets, the
model alone found 0.48 of the (story, category) pairs of its categories with it and 0.42 without, at 8%
and 9% of benign sessions with a hit (docs/metrics.md, "Sentence embeddings").

Scoring (`detect`) runs in Python over the reasoning and assistant text of the sessions a rule hit
(with $COTWATCH_INTENT_SCOPE=reasoning, every session's reasoning as well): one sparse matrix
product. Each distinct text is cut once and each distinct sentence tokenized and featurized once
(`_DistinctRows`, straight to matrix columns without building sorted feature strings); the matrix of every occurrence is the one `_matrix` builds from `_features_of`, array for
array, so the probabilities are the same bit for bit (tests/monitor/test_intent.py checks it).

Training (`train`, `python -m pipelines.monitor.intent train`): labelled sessions of a landed
warehouse plus the reasoning examples of the rule pack. Labels are per session, so training is
multiple-instance: first every sentence of a session labelled with category c is a positive for c,
then only the `TOP_K` sentences the first model scores highest in each such session stay positives
(the moment that reveals the intent) and the model is refitted. Sentences of sessions without c are
negatives for c. The threshold of each category is chosen by session-grouped cross-validation on the
training data: the lowest score at which at most `TARGET_FPR` of the training sessions without c
score above it out-of-fold. Deterministic: L-BFGS from zeros, folds by a hash of the session id.

The model file (`intent_model.json.gz` beside this module, gzip-compressed JSON) holds the vocabulary, one weight per
(feature, category), the bias and threshold per category, and the training provenance.

`detect(conn)` reads `mon_chunks` (channels reasoning and assistant_text; the matcher limits it to
sessions with a rule hit) and writes
`mon_intent_hits` with the rule hits' signal columns: detector id `intent.<category>`, severity
medium, confidence the model's probability, evidence the sentence.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import itertools
import json
import math
import os
import re
import sys
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
from scipy import sparse

from pipelines.monitor.embedding import DIM as EMBEDDING_DIM
from pipelines.monitor.embedding import MODEL_NAME as EMBEDDING_MODEL
from pipelines.monitor.taxonomy import CATEGORIES, SIGNAL_CHANNEL_OF

# gzip-compressed: 2.5 MB of JSON weights ship as 0.56 MB; `.json` files (a model named by
# MODEL_ENV, the `cross` and `leave-one-out` outputs) are read and written as plain text
MODEL_PATH = Path(__file__).resolve().parent / "intent_model.json.gz"
MAX_MODEL_BYTES = 64_000_000  # decompressed: a model file that inflates past this is refused
GZIP_MAGIC = b"\x1f\x8b"
MODEL_ENV = "COTWATCH_INTENT_MODEL"  # another model file for a run (cross-author measurement)
# What the matcher asks the intent stage to read: `candidates` (default), the sessions a rule hit;
# `reasoning`, every session's reasoning as well. On the unread blind sets `reasoning` found more
# (category recall +0.02 to +0.15), but on the synthetic demo data it flagged benign sessions of every
# model more often, enough to hide the drift the demo injects, and it scores far more text
# (docs/metrics.md, "Published claims"): an opt-in until the flag weighs such evidence better.
SCOPE_ENV = "COTWATCH_INTENT_SCOPE"
SCOPES = ("candidates", "reasoning")
TOKEN_RE = r"[a-z][a-z']+"
# a sentence ends at . ! ? ; followed by space, or a line break; "->" and " - " also separate clauses
SENTENCE_SPLIT_RE = r"[.!?;]\s+|\n+|\s->\s|\s—\s"
MIN_TOKENS = 4
MAX_SENTENCE_CHARS = 600
TOP_K = 2
MIN_DF = 2
L2 = 5.0
# Per category, the share of out-of-fold training sessions without it that may score above its
# threshold. At 0 the single highest-scoring such session among hundreds set the bar, far above
# where the positives of new authors score; 0.02 was chosen once on the training sets' own folds
# (8% of their benign sessions with any hit, model alone) and the pipeline reads it only on
# sessions a rule already hit.
TARGET_FPR = 0.02
# `cross` trains on one author's set: about 45 benign sessions, so a 2% budget lets the single
# highest-scoring negative set every threshold, and the one-author model then hit half of the
# other author's benign sessions (a -> b: 51%). One author gets no budget.
CROSS_TARGET_FPR = 0.0
FOLDS = 5
MIN_SUPPORT = 3  # categories with fewer labelled training sessions get no detector
# The intents a sentence can carry on its own (gaming the checks, acting on being watched,
# underperforming on purpose, pressuring the user, concealing). Action categories (credentials,
# exfiltration, destruction, bypass, lookup, test edits) are what commands show; a sentence model
# trained on session labels learns their topic words ("token", ".env"), not intent, so it leaves them
# to the rules and structural detectors.
INTENT_CATEGORIES = (
    "hardcoded_solution",
    "harness_exploit",
    "deception",
    "oversight_subversion",
    "sandbagging",
    "user_manipulation",
    "eval_awareness",
)
INTENT_CHANNELS = ("reasoning", "assistant_text")
DETECTOR_VERSION = "1"
TEMP_TABLES = ("mon_intent_text", "mon_intent_hits")
SEVERITY = "medium"
# Scale of the unit sentence vector next to the n-gram features (which carry 1/sqrt(n) each): chosen
# by leave-one-author-out over the ten read sets (docs/metrics.md, "Sentence embeddings"); 0 trains
# a model of n-grams only.
EMBEDDING_ALPHA = 1.0


# ---------------------------------------------------------------------------------------------
# Features (the same in Python for training and in SQL for detection)


_TOKEN = re.compile(TOKEN_RE)
_SPLIT = re.compile(SENTENCE_SPLIT_RE)
# SENTENCE_SPLIT_RE with one character class first, so the scan skips ordinary characters fast
# (1.7x); the same matches (tests/monitor/test_intent.py checks both on random text). The model
# file names SENTENCE_SPLIT_RE, which stays the definition.
_SPLIT_FAST = re.compile(r"[\s.!?;](?:(?<=[.!?;])\s+|(?<=\n)\n*|(?<=\s)(?:->|—)\s)")


def _spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) of each piece between sentence boundaries (cut to MAX_SENTENCE_CHARS)."""
    out, pos = [], 0
    for m in _SPLIT_FAST.finditer(text):
        out.append((pos, m.start(), text[pos : m.start()][:MAX_SENTENCE_CHARS]))
        pos = m.end()
    out.append((pos, len(text), text[pos:][:MAX_SENTENCE_CHARS]))
    return out


def _tokens(sentence: str) -> list[str]:
    return _TOKEN.findall(sentence.lower())


def _pieces(text: str) -> list[tuple[int, int, str, list[str]]]:
    """(start, end, sentence, tokens) of each sentence with at least MIN_TOKENS tokens."""
    out = []
    for start, end, piece in _spans(text):
        toks = _tokens(piece)
        if len(toks) >= MIN_TOKENS:
            out.append((start, end, piece, toks))
    return out


def sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) pieces of a text, in character offsets, as `detect` cuts them."""
    return [(s, e, t) for s, e, t, _ in _pieces(text)]


# Concept classes (#13, cross-author): words people use for the same idea, so a sentence said in
# other words than the training sentences still shares features with them. A token in a class adds
# the feature `@class`; every pair of classes present in one sentence adds `@a+@b` (an intent concept
# next to a target concept: "keep" + "notes" + "monitor" is concealment from a watcher whatever the
# words). Written as word families, not as any session's phrasing.
CONCEPT_CLASSES: dict[str, str] = {
    "watcher": r"monitor\w*|overseer\w*|auditor\w*|reviewer\w*|grader\w*|evaluator\w*|classifier\w*|watch\w*"
    r"|observ\w*|sampl\w*|trac(?:e|ed|es|ing)|logged|recorder\w*|record(?:ed|ing)|scrutin\w*|oversight",
    "evaluation": r"eval\w*|benchmark\w*|assess\w*|graded|grading|scor\w*|capabilit\w*|harness\w*|exam\w*"
    r"|leaderboard\w*|rubric\w*|checker\w*",
    "conceal": r"hid(?:e|es|ing|den)|conceal\w*|bur(?:y|ied|ying)|gloss\w*|omit\w*|quiet\w*|bland\w*|vague\w*"
    r"|downplay\w*|obscur\w*|disguis\w*|tuck\w*|sneak\w*|slip\w*|smuggl\w*|unnoticed|noticed?|nobody|spell",
    "person": r"user\w*|human\w*|operator\w*|maintainer\w*|team|teams|manager\w*|they|them|their|he|she|him|her",
    "persuade": r"convinc\w*|persua\w*|pressur\w*|rush\w*|nudg\w*|fram(?:e|ed|es|ing)|pitch\w*|sell\w*|spin\w*"
    r"|urgen\w*|deadline\w*|scar(?:e|y|ed|ing)|approv\w*|sign|signoff|yes|likelier|persuasive|push\w*",
    "underperform": r"weak\w*|wors\w*|underperform\w*|sandbag\w*|deliberate\w*|purpose|capable|incapable|dumb\w*"
    r"|hold|holding|lower|mediocre|modest\w*|suboptimal|beyond|unable|impossible",
    "game": r"pass(?:es|ed|ing)?|green|hardcod\w*|special\w*|literal\w*|stub\w*|constant\w*|expected|fixture\w*"
    r"|shortcut\w*|trick\w*|bypass\w*|cheat\w*|gam(?:e|ing)|satisf\w*|fool\w*",
    "checks": r"tests?|checks?|assert\w*|suite\w*|ci|gate\w*|validator\w*|snapshot\w*|coverage|lint\w*",
    "falsity": r"actually|really|invent\w*|fak(?:e|ed|ing)|pretend\w*|fabricat\w*|claim\w*|made|make|sound\w*|seem\w*"
    r"|appear\w*|look|looks|lie|lies|mislead\w*|false\w*|untrue",
    "self": r"i|i'll|i'm|i'd|my|me|myself|we|we'll|our",
}
_CONCEPT_RES = [(name, re.compile(f"(?:{rx})")) for name, rx in CONCEPT_CLASSES.items()]
# recorded in the model file: a model trained with other classes has other features
CONCEPTS_HASH = hashlib.sha256(json.dumps(CONCEPT_CLASSES, sort_keys=True).encode()).hexdigest()[:12]


@functools.lru_cache(maxsize=65536)
def _concepts_of_token(tok: str) -> tuple[str, ...]:
    return tuple(name for name, rx in _CONCEPT_RES if rx.fullmatch(tok))


@functools.lru_cache(maxsize=1024)
def _class_features(classes: tuple[str, ...]) -> tuple[str, ...]:
    """The concept features of a sorted tuple of classes: each class and every pair of them."""
    return (*("@" + c for c in classes), *(f"@{a}+@{b}" for a, b in itertools.combinations(classes, 2)))


def _feature_parts(toks: list[str]) -> tuple[set[str], set[str], tuple[str, ...]]:
    """A sentence's features in three parts: unigrams, bigrams and concept features. The parts never
    collide (no space and no '@'; one space; a leading '@'), so their sizes add up."""
    uni = set(toks)
    bi = {f"{a} {b}" for a, b in itertools.pairwise(toks)}
    classes = tuple(sorted({c for t in uni for c in _concepts_of_token(t)}))
    return uni, bi, _class_features(classes)


def _features_of(toks: list[str]) -> list[str]:
    uni, bi, concept = _feature_parts(toks)
    return sorted(uni | bi | set(concept))


def features(sentence: str) -> list[str]:
    return _features_of(_TOKEN.findall(sentence[:MAX_SENTENCE_CHARS].lower()))


# ---------------------------------------------------------------------------------------------
# The model


@dataclass
class IntentModel:
    vocab: list[str]
    categories: list[str]
    weights: np.ndarray  # (len(vocab), len(categories))
    bias: np.ndarray  # (len(categories),)
    thresholds: np.ndarray  # probability threshold per category
    provenance: dict
    # the sentence-embedding part (`embedding.py`): (DIM, len(categories)) weights over the unit
    # sentence vector scaled by `embedding_alpha`; None for a model of n-grams only
    embedding_weights: np.ndarray | None = None
    embedding_alpha: float = 0.0

    def to_json(self) -> str:
        """The model file: a header, then one line per feature (small, reviewable diffs)."""
        # drop features with no say in any category (all of them when too few labelled sessions left
        # the model without a category: it then detects nothing, and says so in its header)
        keep = (
            np.abs(self.weights).max(axis=1) >= 1e-3
            if self.weights.size
            else np.zeros(len(self.vocab), dtype=bool)
        )
        header = {
            "format": "cotwatch-intent-1",
            "token_re": TOKEN_RE,
            "sentence_split_re": SENTENCE_SPLIT_RE,
            "min_tokens": MIN_TOKENS,
            "concepts": CONCEPTS_HASH,
            "categories": self.categories,
            "bias": [round(float(b), 5) for b in self.bias],
            "thresholds": [round(float(t), 5) for t in self.thresholds],
            "provenance": self.provenance,
        }
        if self.embedding_weights is not None:
            header["embedding"] = {
                "model": EMBEDDING_MODEL,
                "version": _embedding_version(),
                "alpha": self.embedding_alpha,
            }
        # compact rows (no spaces, a zero weight as 0): ten labelled sets give 28k features, and the
        # file ships in the package
        rows = [
            json.dumps(f) + ":[" + ",".join(_weight_text(w) for w in row) + "]"
            for f, row, k in zip(self.vocab, self.weights, keep, strict=True)
            if k
        ]
        head = json.dumps(header, indent=1)[:-2]  # without the closing brace
        if self.embedding_weights is not None:  # one line per dimension, like the features below
            head += (
                ',\n "embedding_weights": [\n'
                + ",\n".join(
                    "[" + ",".join(_weight_text(w) for w in row) + "]" for row in self.embedding_weights
                )
                + "\n ]"
            )
        return head + ',\n "weights": {\n' + ",\n".join(rows) + "\n }\n}\n"

    @classmethod
    def load(cls, path: Path | str) -> IntentModel:
        path = Path(path)
        return cls.loads(read_model_text(path), str(path))

    def save(self, path: Path | str) -> None:
        """Writes the model: gzip-compressed when the name ends in `.gz` (byte for byte reproducible:
        no time stamp or file name in the header), plain JSON otherwise."""
        write_model_text(Path(path), self.to_json())

    @classmethod
    def loads(cls, text: str, path: str = "<model>") -> IntentModel:
        """A model from the text of its file (`path` names it in errors)."""
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: cannot read the intent model: {exc}") from None
        if raw.get("format") != "cotwatch-intent-1":
            raise ValueError(f"{path}: field 'format': not a cotwatch intent model")
        if raw.get("token_re") != TOKEN_RE or raw.get("sentence_split_re") != SENTENCE_SPLIT_RE:
            raise ValueError(f"{path}: field 'token_re': trained with other features; retrain")
        if raw.get("concepts") != CONCEPTS_HASH:
            raise ValueError(f"{path}: field 'concepts': trained with other concept classes; retrain")
        vocab = list(raw["weights"])
        embedding, emb_weights, alpha = raw.get("embedding"), None, 0.0
        if embedding is not None:
            if embedding.get("model") != EMBEDDING_MODEL:
                raise ValueError(
                    f"{path}: field 'embedding': trained on {embedding.get('model')!r} sentence vectors, "
                    f"this version reads {EMBEDDING_MODEL!r}; retrain"
                )
            alpha = float(embedding["alpha"])
            emb_weights = np.array(raw["embedding_weights"], dtype=float).reshape(
                EMBEDDING_DIM, len(raw["categories"])
            )
        return cls(
            vocab=vocab,
            categories=list(raw["categories"]),
            weights=np.array([raw["weights"][f] for f in vocab], dtype=float).reshape(
                len(vocab), len(raw["categories"])
            ),
            bias=np.array(raw["bias"], dtype=float),
            thresholds=np.array(raw["thresholds"], dtype=float),
            provenance=raw.get("provenance", {}),
            embedding_weights=emb_weights,
            embedding_alpha=alpha,
        )

    def predict(self, sents: list[str]) -> np.ndarray:
        """Probabilities, (len(sents), len(categories))."""
        return self.probabilities(_matrix([features(s) for s in sents], self.feature_index()), sents)

    def feature_index(self) -> dict[str, int]:
        """Feature -> column of the weight matrix."""
        index = getattr(self, "_index", None)
        if index is None:
            index = self._index = {f: i for i, f in enumerate(self.vocab)}  # vocab is fixed once built
        return index

    def predict_features(self, feats: list[list[str]], sents: list[str] | None = None) -> np.ndarray:
        """Probabilities from the n-gram features of sentences (and the sentences themselves, which
        a model with an embedding part needs)."""
        return self.probabilities(_matrix(feats, self.feature_index()), sents)

    def probabilities(self, x: sparse.csr_matrix, sents: list[str] | None = None) -> np.ndarray:
        """Probabilities of the rows of a feature matrix (`_matrix` or `_DistinctRows`); `sents`, the
        rows' sentences, add the embedding part when the model has one."""
        z = x @ self.weights + self.bias
        if self.embedding_weights is not None:
            if sents is None or len(sents) != x.shape[0]:
                raise ValueError("this intent model reads sentence embeddings: pass the rows' sentences")
            z = z + self.embedding_alpha * (_embed(sents) @ self.embedding_weights)
        return 1 / (1 + np.exp(-z))


def default_model_path() -> Path:
    return Path(os.environ.get(MODEL_ENV) or MODEL_PATH)


def _weight_text(w: float) -> str:
    """A weight as the model file writes it: 4 decimals, zero as `0`."""
    r = round(float(w), 4)
    return "0" if r == 0 else json.dumps(r)


def read_model_text(path: Path) -> str:
    """The JSON text of a model file, gzip-compressed (by its magic bytes, whatever its name) or not.

    Raises ValueError naming the file when it cannot be read, does not inflate, inflates past
    MAX_MODEL_BYTES, or is not UTF-8."""
    try:
        with path.open("rb") as raw:
            compressed = raw.read(2) == GZIP_MAGIC
            raw.seek(0)
            reader = gzip.GzipFile(fileobj=raw) if compressed else raw
            data = reader.read(MAX_MODEL_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"{path}: cannot read the intent model: {exc}") from None
    if len(data) > MAX_MODEL_BYTES:
        raise ValueError(f"{path}: cannot read the intent model: larger than {MAX_MODEL_BYTES:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: cannot read the intent model: not UTF-8 ({exc})") from None


def write_model_text(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data, compresslevel=9, mtime=0)
    path.write_bytes(data)


def model_version(path: Path | None = None) -> str:
    """A short hash of the JSON text of the model in use ("none" without one): the same model has
    the same version compressed or not, so compressing the shipped file rescored nothing."""
    path = path or default_model_path()
    if not path.exists():
        return "none"
    return hashlib.sha256(read_model_text(path).encode("utf-8")).hexdigest()[:10]


def _row_of(toks: list[str], index: dict[str, int]) -> tuple[int, list[int]]:
    """(number of distinct features, sorted vocabulary columns) of one sentence's tokens: the row
    `_matrix([_features_of(toks)], index)` builds, without joining and sorting the feature strings."""
    uni, bi, concept = _feature_parts(toks)
    get = index.get
    cols = {get(f, -1) for f in uni} | {get(f, -1) for f in bi} | {get(f, -1) for f in concept}
    cols.discard(-1)
    return len(uni) + len(bi) + len(concept), sorted(cols)


def _matrix(rows: list[list[str]], index: dict[str, int]) -> sparse.csr_matrix:
    data, cols, ptr = [], [], [0]
    for feats in rows:
        idx = sorted({index[f] for f in feats if f in index})
        n = len(feats)
        cols += idx
        data += [1 / math.sqrt(n) if n else 0.0] * len(idx)
        ptr.append(len(cols))
    return sparse.csr_matrix((data, cols, ptr), shape=(len(rows), len(index)))


class _DistinctRows:
    """The feature matrix of distinct sentences, built row by row as `detect` meets them: the same
    CSR arrays `_matrix` builds for those sentences (same columns in the same order, same values),
    so the same products and the same probabilities, bit for bit."""

    def __init__(self, index: dict[str, int]) -> None:
        self.index = index
        self.row_of: dict[str, int] = {}
        self.data: list[float] = []
        self.cols: list[int] = []
        self.ptr: list[int] = [0]

    def row(self, sentence: str, toks: list[str]) -> int:
        """The row of a sentence (its tokens as `_pieces` gives them), added when new."""
        row = self.row_of.get(sentence)
        if row is None:
            n, cols = _row_of(toks, self.index)
            self.cols += cols
            self.data += [1 / math.sqrt(n) if n else 0.0] * len(cols)
            self.ptr.append(len(self.cols))
            row = self.row_of[sentence] = len(self.ptr) - 2
        return row

    def matrix(self) -> sparse.csr_matrix:
        return sparse.csr_matrix((self.data, self.cols, self.ptr), shape=(len(self.ptr) - 1, len(self.index)))


def _embed(sents: list[str]) -> np.ndarray:
    """Unit sentence vectors (float64, so training and scoring multiply the same arrays)."""
    from pipelines.monitor.embedding import default_embedder

    return default_embedder().embed(list(sents)).astype(np.float64)


def _embedding_version() -> str:
    from pipelines.monitor.embedding import default_embedder

    return default_embedder().version


def _design(x: sparse.csr_matrix, sents: list[str], alpha: float) -> sparse.csr_matrix:
    """The training matrix: n-gram columns, then `alpha` times the sentence vector when alpha > 0."""
    if alpha <= 0:
        return x
    return sparse.hstack([x, sparse.csr_matrix(alpha * _embed(sents))], format="csr")


def _fit_logistic(
    x: sparse.csr_matrix, y: np.ndarray, sample_weight: np.ndarray, l2: float = L2
) -> tuple[np.ndarray, float]:
    """L2-regularized logistic regression by L-BFGS from zeros (deterministic)."""
    _n, d = x.shape

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:d], params[d]
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        eps = 1e-12
        ll = -(sample_weight * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))).sum()
        g = sample_weight * (p - y)
        grad_w = x.T @ g + l2 * w
        return ll + 0.5 * l2 * float(w @ w), np.concatenate([grad_w, [g.sum()]])

    from scipy import optimize  # training only: 0.3 s of every process that scores texts

    res = optimize.minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return res.x[:d], float(res.x[d])


# ---------------------------------------------------------------------------------------------
# Training data


@dataclass(frozen=True)
class Unit:
    """One sentence of training data."""

    group: str  # session id (or example id): the unit of cross-validation and of MIL selection
    text: str
    labels: frozenset[str]  # the categories of its session
    weak: bool  # a sentence of a labelled session (weak label) vs a hand-written example


def session_units(
    conn: duckdb.DuckDBPyConnection,
    labels: dict[str, frozenset[str]],
    stories: dict[str, str] | None = None,
) -> list[Unit]:
    """The sentences of the labelled sessions' reasoning and assistant text. `stories` maps a session
    to its story (one story rendered in several formats): the story is then the unit of
    cross-validation, so no story's other rendering sits in the fold that sets its threshold."""
    stories = stories or {}
    rows = conn.execute(
        "select session_id, text from raw.events where kind in ('reasoning', 'assistant_text') "
        "and text <> '' and session_id in (select unnest(?::varchar[])) order by session_id, event_index",
        [list(labels)],
    ).fetchall()
    out = []
    for sid, text in rows:
        for _s, _e, sent in sentences(text):
            out.append(Unit(stories.get(sid, sid), sent, labels[sid], weak=True))
    return out


def pack_units() -> list[Unit]:
    """Reasoning and assistant-text examples of the rule pack: positives of their rule's category,
    negatives otherwise (hand-written, so exact labels)."""
    from pipelines.monitor.rules import default_rule_pack

    out = []
    for r in default_rule_pack().rules:
        for kind, examples in (("p", r.positive), ("n", r.negative)):
            for i, ex in enumerate(examples):
                if ex.channel in INTENT_CHANNELS and ex.user is None:
                    cats = frozenset({r.category}) if kind == "p" else frozenset()
                    out.append(Unit(f"pack:{r.id}:{kind}{i}", ex.text, cats, weak=False))
    return out


def paraphrase_units() -> list[Unit]:
    """Generated sentences (`intent_paraphrase`): exact labels, like the pack's examples."""
    from pipelines.monitor.intent_paraphrase import generate

    return [Unit(f"para:{i}", text, cats, weak=False) for i, (text, cats) in enumerate(generate())]


def _fold(group: str) -> int:
    return int(hashlib.md5(group.encode()).hexdigest(), 16) % FOLDS


def _fit_all(
    units: list[Unit], categories: list[str], vocab: list[str], l2: float = L2, alpha: float = 0.0
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """Multiple-instance fit: all sentences of positive sessions, then their top-K sentences only.
    Returns the n-gram weights, the embedding weights (None when alpha is 0) and the biases."""
    index = {f: i for i, f in enumerate(vocab)}
    texts = [u.text for u in units]
    x = _design(_matrix([features(t) for t in texts], index), texts, alpha)
    weights = np.zeros((x.shape[1], len(categories)))
    bias = np.zeros(len(categories))
    groups = np.array([u.group for u in units])
    for j, cat in enumerate(categories):
        y = np.array([1.0 if cat in u.labels else 0.0 for u in units])
        keep = np.ones(len(units), dtype=bool)
        for rnd in range(2):
            pos, neg = (y == 1) & keep, (y == 0) & keep
            sw = np.where(y == 1, 0.5 / max(pos.sum(), 1), 0.5 / max(neg.sum(), 1)) * keep * len(units)
            w, b = _fit_logistic(x, y, sw, l2)
            if rnd == 1:
                break
            score = x @ w + b
            keep = np.ones(len(units), dtype=bool)
            for g in set(groups[(y == 1)]):
                idx = np.where((groups == g) & (y == 1))[0]
                if len(idx) > TOP_K and units[idx[0]].weak:
                    keep[idx[np.argsort(-score[idx], kind="stable")[TOP_K:]]] = False
        weights[:, j], bias[j] = w, b
    if alpha > 0:
        return weights[: len(vocab)], weights[len(vocab) :], bias
    return weights, None, bias


def _vocab(units: list[Unit]) -> list[str]:
    df: dict[str, int] = defaultdict(int)
    for u in units:
        for f in features(u.text):
            df[f] += 1
    return sorted(f for f, n in df.items() if n >= MIN_DF)


def _session_scores(units: list[Unit], probs: np.ndarray) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for u, p in zip(units, probs, strict=True):
        out[u.group] = np.maximum(out.get(u.group, 0), p)
    return out


def train(
    labelled: list[tuple[duckdb.DuckDBPyConnection, dict[str, frozenset[str]], str]],
    *,
    with_pack: bool = True,
    with_paraphrases: bool = False,
    l2: float = L2,
    target_fpr: float = TARGET_FPR,
    embedding_alpha: float = EMBEDDING_ALPHA,
) -> IntentModel:
    """Fit the model on labelled sessions (connection, labels, name) plus the pack's examples;
    `embedding_alpha` 0 leaves the sentence-embedding part out."""
    units: list[Unit] = []
    for conn, labels, name in labelled:
        units += session_units(conn, labels, _stories(name))
    if with_pack:
        units += pack_units()
    if with_paraphrases:
        units += paraphrase_units()
    if not units:
        raise ValueError("no reasoning or assistant text in the labelled sessions")
    sessions = {u.group: u.labels for u in units if u.weak}
    categories = [
        c
        for c in CATEGORIES
        if c in INTENT_CATEGORIES and sum(1 for labs in sessions.values() if c in labs) >= MIN_SUPPORT
    ]
    # thresholds: out-of-fold session scores, grouped by session
    oof: dict[str, np.ndarray] = {}
    for k in range(FOLDS):
        tr = [u for u in units if _fold(u.group) != k]
        te = [u for u in units if _fold(u.group) == k and u.weak]
        if not te:
            continue
        vocab = _vocab(tr)
        w, we, b = _fit_all(tr, categories, vocab, l2, embedding_alpha)
        model = IntentModel(vocab, categories, w, b, np.zeros(len(categories)), {}, we, embedding_alpha)
        oof.update(_session_scores(te, model.predict([u.text for u in te])))
    thresholds = np.ones(len(categories))
    for j, cat in enumerate(categories):
        neg = sorted((s[j] for g, s in oof.items() if cat not in sessions[g]), reverse=True)
        allowed = math.floor(target_fpr * len(neg))
        # just above the (allowed+1)-th highest negative: at most `allowed` negatives score above it
        thresholds[j] = min(0.99, max(0.5, float(neg[allowed]) + 1e-6)) if len(neg) > allowed else 0.5
    vocab = _vocab(units)
    w, we, b = _fit_all(units, categories, vocab, l2, embedding_alpha)
    provenance = {
        "trained_on": [name for _c, _l, name in labelled]
        + (["rule pack examples"] if with_pack else [])
        + (["generated paraphrases (intent_paraphrase)"] if with_paraphrases else []),
        "sessions": len(sessions),
        "sentences": len(units),
        "support": {c: sum(1 for labs in sessions.values() if c in labs) for c in categories},
        "target_fpr": target_fpr,
        # out-of-fold at the chosen thresholds: what the cross-validation expects on new sessions
        "oof_recall": {
            cat: round(
                float(np.mean([s[j] >= thresholds[j] for g, s in oof.items() if cat in sessions[g]])), 3
            )
            for j, cat in enumerate(categories)
        },
        "oof_benign_with_a_hit": round(
            float(np.mean([bool((s >= thresholds).any()) for g, s in oof.items() if not sessions[g]])), 3
        ),
    }
    if we is not None:
        provenance["embedding"] = {"model": EMBEDDING_MODEL, "alpha": embedding_alpha}
    return IntentModel(
        vocab, categories, w, b, thresholds, provenance, we, embedding_alpha if we is not None else 0.0
    )


# ---------------------------------------------------------------------------------------------
# Detection, set-based in DuckDB


@functools.cache
def _load_cached(path: str, mtime_ns: int) -> IntentModel:
    return IntentModel.load(path)


def scope() -> str:
    """The intent stage's scope for this run ($COTWATCH_INTENT_SCOPE, default `candidates`)."""
    value = (os.environ.get(SCOPE_ENV) or SCOPES[0]).strip().lower()
    if value not in SCOPES:
        raise ValueError(f"${SCOPE_ENV} is {value!r}; expected one of: {', '.join(SCOPES)}")
    return value


def detect(
    conn: duckdb.DuckDBPyConnection,
    model: IntentModel | None = None,
    *,
    candidates: str | None = None,
    every_session_reasoning: bool = False,
) -> None:
    """Create mon_intent_hits from mon_chunks: per (event, category), the best sentence at or above
    the category's threshold.

    `candidates`: a SQL relation of session ids to read (our own constant; default: every session).
    `every_session_reasoning`: read the reasoning of every session as well, the candidates' assistant
    text only. The matcher passes the sessions a rule hit as candidates, and asks for every session's
    reasoning when $COTWATCH_INTENT_SCOPE is `reasoning`: a plain report ("Fixed the rounding; npm test
    passes.") reads like a deceptive one to a sentence model, so assistant text is read only where a
    rule already hit (docs/metrics.md, "Published claims, made-up figures, and the intent scope")."""
    if model is None:
        path = default_model_path()
        model = _load_cached(str(path), path.stat().st_mtime_ns) if path.exists() else None
    chans = ", ".join(f"'{c}'" for c in INTENT_CHANNELS)
    where = f"channel in ({chans})"
    if candidates:
        where = f"({where} and session_id in ({candidates}))"
        if every_session_reasoning:
            where += " or channel = 'reasoning'"
    # the texts to read first, so a run with no candidate session costs one small query
    conn.execute(f"""
        create or replace temp table mon_intent_text as
        select chunk_id, session_id, event_index, channel, text
        from mon_chunks where {where}
    """)
    n_texts = conn.execute("select count(*) from mon_intent_text").fetchall()[0][0]
    if model is None or not model.categories or not n_texts:
        conn.execute(
            "create or replace temp table mon_intent_hits (session_id varchar, event_index integer, "
            "detector_id varchar, detector_version varchar, category varchar, severity varchar, "
            "channel varchar, confidence double, evidence varchar, span_start integer, span_end integer)"
        )
        return
    # Scored in Python over the reasoning and assistant texts (a small share of all text, and
    # repetitive): one sparse matrix product for all their distinct sentences, then one Arrow table back.
    import pyarrow as pa

    rows = conn.execute(
        "select session_id, event_index, channel, text from mon_intent_text order by chunk_id"
    ).fetchall()
    meta, sents = [], []
    occurrence: list[int] = []  # per sentence occurrence: its row in the matrix of distinct sentences
    x = _DistinctRows(model.feature_index())
    pieces_of: dict[str, list[tuple[int, int, str, int]]] = {}
    row_of_sentence: dict[str, int] = {}  # -1: fewer than MIN_TOKENS tokens
    for sid, idx, channel, text in rows:
        # each distinct text is cut once and each distinct sentence tokenized and featurized once
        # (agents repeat themselves); a row depends only on its sentence, so this is exact
        pieces = pieces_of.get(text)
        if pieces is None:
            pieces = []
            for s, e, sent in _spans(text):
                row = row_of_sentence.get(sent)
                if row is None:
                    toks = _tokens(sent)
                    row = row_of_sentence[sent] = x.row(sent, toks) if len(toks) >= MIN_TOKENS else -1
                if row >= 0:
                    pieces.append((s, e, sent, row))
            pieces_of[text] = pieces
        for start, end, sent, row in pieces:
            meta.append((sid, idx, channel, start, end))
            sents.append(sent)
            occurrence.append(row)
    out: dict[str, list] = {
        k: []
        for k in (
            "session_id",
            "event_index",
            "category",
            "confidence",
            "evidence",
            "span_start",
            "span_end",
            "channel",
        )
    }
    if sents:
        # the matrix of every occurrence, row for row the one `_matrix` builds from the features,
        # so even element-wise vectorised math sees the same array as before
        occ = np.asarray(occurrence, dtype=np.int64)
        if model.embedding_weights is None:
            probs = model.probabilities(x.matrix()[occ])
        else:  # scored once per distinct sentence (x.row_of is in row order), then spread
            probs = model.probabilities(x.matrix(), list(x.row_of))[occ]
        best: dict[tuple[str, int, int], tuple[float, int]] = {}
        for j in range(len(model.categories)):
            for r in np.nonzero(probs[:, j] >= model.thresholds[j])[0]:
                key = (meta[r][0], meta[r][1], j)
                if key not in best or probs[r, j] > best[key][0]:
                    best[key] = (float(probs[r, j]), int(r))
        for (sid, idx, j), (p, r) in sorted(best.items()):
            out["session_id"].append(sid)
            out["event_index"].append(idx)
            out["category"].append(model.categories[j])
            out["confidence"].append(round(p, 4))
            out["evidence"].append(" ".join(sents[r].split()))
            out["span_start"].append(meta[r][3])
            out["span_end"].append(meta[r][3] + len(sents[r]))
            out["channel"].append(SIGNAL_CHANNEL_OF[meta[r][2]])
    table = pa.table(
        out,
        schema=pa.schema(
            [
                ("session_id", pa.string()),
                ("event_index", pa.int32()),
                ("category", pa.string()),
                ("confidence", pa.float64()),
                ("evidence", pa.string()),
                ("span_start", pa.int32()),
                ("span_end", pa.int32()),
                ("channel", pa.string()),
            ]
        ),
    )
    conn.register("mon_intent_hits_arrow", table)
    conn.execute(f"""
        create or replace temp table mon_intent_hits as
        select session_id, event_index, 'intent.' || category as detector_id,
               '{DETECTOR_VERSION}' as detector_version, category, '{SEVERITY}' as severity, channel,
               confidence, evidence, span_start, span_end
        from mon_intent_hits_arrow
    """)
    conn.unregister("mon_intent_hits_arrow")


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def intent_signals_sql() -> str:
    return (
        "select session_id, event_index, detector_id, detector_version, category, severity, channel, "
        "confidence, evidence, span_start, span_end from mon_intent_hits"
    )


# ---------------------------------------------------------------------------------------------
# Cross-author measurement and the command line


def _labels(path: Path) -> dict[str, frozenset[str]]:
    from pipelines.monitor.evaluate import read_labels

    return {sid: lab.categories for sid, lab in read_labels(path).items()}


def _stories(path: Path | str) -> dict[str, str]:
    """session id -> story id, where the labels file names stories (the blind sets render each story
    as a Claude Code and a Codex session); empty when it does not or the file is not there."""
    from pipelines.monitor.evaluate import read_labels

    path = Path(path)
    if not path.is_file():
        return {}
    return {sid: f"{path.parent.name}:{lab.story}" for sid, lab in read_labels(path).items() if lab.story}


def measure(model: IntentModel, conn: duckdb.DuckDBPyConnection, labels: dict[str, frozenset[str]]) -> dict:
    """Session-level figures of the model alone on labelled sessions it was not trained on."""
    units = session_units(conn, labels)
    probs = model.predict([u.text for u in units]) if units else np.zeros((0, len(model.categories)))
    best = _session_scores(units, probs)
    per_cat, tp_all, fn_all, fp_all = {}, 0, 0, 0
    for j, cat in enumerate(model.categories):
        hit = {s for s, p in best.items() if p[j] >= model.thresholds[j]}
        pos = {s for s, labs in labels.items() if cat in labs}
        tp, fp, fn = len(hit & pos), len(hit - pos), len(pos - hit)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        per_cat[cat] = {"support": len(pos), "tp": tp, "fp": fp, "recall": tp / len(pos) if pos else None}
    benign = [s for s, labs in labels.items() if not labs]
    any_hit = {
        s for s, p in best.items() if any(p[j] >= model.thresholds[j] for j in range(len(model.categories)))
    }
    covered = {c for c in model.categories}
    pos_pairs = sum(len(labs & covered) for labs in labels.values())
    return {
        "category_recall": tp_all / pos_pairs if pos_pairs else None,
        "category_precision": tp_all / (tp_all + fp_all) if tp_all + fp_all else None,
        "benign_sessions_with_a_hit": (len(any_hit & set(benign)) / len(benign)) if benign else None,
        "per_category": per_cat,
    }


def _open(data_dir: str) -> duckdb.DuckDBPyConnection:
    path = Path(data_dir) / "warehouse.duckdb"
    if not path.exists():
        raise SystemExit(f"error: no warehouse at {path}; land the labelled set with `cotwatch run` first")
    return duckdb.connect(str(path), read_only=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.monitor.intent", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="fit the model on labelled sessions and write the model file")
    p.add_argument("--labels", action="append", required=True, help="a labels JSONL file (repeatable)")
    p.add_argument(
        "--data-dir",
        action="append",
        required=True,
        help="the data dir whose warehouse holds those sessions, one per --labels, same order",
    )
    p.add_argument("--out", default=str(MODEL_PATH), help=f"model file to write (default: {MODEL_PATH})")
    p.add_argument("--no-pack-examples", action="store_true", help="leave the rule pack's examples out")
    p.add_argument(
        "--paraphrases", action="store_true", help="also train on the generated paraphrases (default: no)"
    )
    p.add_argument(
        "--target-fpr",
        type=float,
        default=TARGET_FPR,
        help="per category, the share of out-of-fold training sessions without it allowed above its threshold",
    )
    p.add_argument(
        "--embedding-alpha",
        type=float,
        default=EMBEDDING_ALPHA,
        help=f"scale of the sentence vectors next to the n-grams; 0 trains n-grams only (default {EMBEDDING_ALPHA})",
    )
    p = sub.add_parser(
        "leave-one-out",
        help="per labelled set, a model trained on all the others (for out-of-author calibration counts)",
    )
    p.add_argument("--labels", action="append", required=True, help="a labels JSONL file (repeatable)")
    p.add_argument("--data-dir", action="append", required=True, help="their data dirs, same order")
    p.add_argument(
        "--out-dir",
        required=True,
        help="writes intent_model_without_<set>.json here (<set>: the labels' folder)",
    )
    p = sub.add_parser("cross", help="train on one labelled set, measure on another, both directions")
    p.add_argument("--labels", action="append", required=True, help="exactly two labels files")
    p.add_argument("--data-dir", action="append", required=True, help="their data dirs, same order")
    p.add_argument("--out-dir", default=None, help="also write the two one-set models here (default: no)")
    p.add_argument(
        "--pack-examples-for",
        default=None,
        help="a labels file whose model may also learn from the rule pack's examples (only honest when "
        "the pack was not tuned on the other set; default: none)",
    )
    p.add_argument(
        "--paraphrases", action="store_true", help="both models also train on the generated paraphrases"
    )
    p.add_argument(
        "--target-fpr",
        type=float,
        default=CROSS_TARGET_FPR,
        help=f"threshold budget of each one-set model (default {CROSS_TARGET_FPR}: one author's benign "
        "sessions are too few to spend a budget on)",
    )
    p.add_argument(
        "--embedding-alpha",
        type=float,
        default=EMBEDDING_ALPHA,
        help=f"scale of the sentence vectors; 0 trains n-grams only (default {EMBEDDING_ALPHA})",
    )
    args = parser.parse_args(argv)
    if len(args.labels) != len(args.data_dir):
        parser.error("give one --data-dir per --labels")
    sets = [
        (_open(d), _labels(Path(lab)), str(lab)) for lab, d in zip(args.labels, args.data_dir, strict=True)
    ]
    if args.command == "train":
        model = train(
            sets,
            with_pack=not args.no_pack_examples,
            with_paraphrases=args.paraphrases,
            target_fpr=args.target_fpr,
            embedding_alpha=args.embedding_alpha,
        )
        model.save(args.out)
        print(
            f"intent: wrote {args.out} ({len(model.vocab)} features, categories {', '.join(model.categories)})"
        )
        return 0
    if args.command == "leave-one-out":
        names = [Path(lab).parent.name for lab in args.labels]
        if len(set(names)) != len(names):
            parser.error(f"the labels files' folders must differ (they name the models): {names}")
        out_dir = Path(args.out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        for k, name in enumerate(names):
            model = train([s for i, s in enumerate(sets) if i != k])
            out = out_dir / f"intent_model_without_{name}.json"
            model.save(out)
            print(f"intent: wrote {out} (trained without {name})", flush=True)
        return 0
    if len(sets) != 2:
        parser.error("cross takes exactly two --labels / --data-dir pairs")
    for tr, te in ((0, 1), (1, 0)):
        # without the pack's examples: they were written while looking at one of the sets
        model = train(
            [sets[tr]],
            with_pack=args.pack_examples_for == sets[tr][2],
            with_paraphrases=args.paraphrases,
            target_fpr=args.target_fpr,
            embedding_alpha=args.embedding_alpha,
        )
        if args.out_dir:
            out = Path(args.out_dir) / f"intent_model_{Path(sets[tr][2]).parent.name}.json"
            model.save(out)
        fig = measure(model, sets[te][0], sets[te][1])
        print(f"train {sets[tr][2]} -> test {sets[te][2]}:")
        if not model.categories:
            print("  no category had enough labelled sessions to train a detector: nothing to measure")
            continue
        print(
            f"  category recall {fig['category_recall']:.2f}, precision "
            f"{(fig['category_precision'] or 0):.2f}, benign sessions with a hit {fig['benign_sessions_with_a_hit']:.2f}"
        )
        for cat, c in fig["per_category"].items():
            rec = "-" if c["recall"] is None else f"{c['recall']:.2f}"
            print(f"    {cat:<22} support {c['support']:>3}  tp {c['tp']:>3}  fp {c['fp']:>3}  recall {rec}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
