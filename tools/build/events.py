"""Train ``events_model.json``: the PLOVER event typer (see ``types``).

Run as ``python -m tools.build.events [DATA]`` after ``tools.build.events_lexicon``.
Training material, all under ``DATA/event_coding`` (``../shared/data`` by default):

- ``ZeroShotPLOVER/PLV_train.tsv``: 1,050 sentences with marked source and target, 15 roots.
  The trigger is where source and target meet in the dependency tree.
- ``NGEC/gpt_synthetic_events_*.csv.zip``: 4,500 synthetic stories, one PLOVER label each. They
  give the topic lexicon (``topic_lexicon``): words that mark one root's stories ("ceasefire",
  "sanctions", "rally"), so that words PLV never shows still count. (Training on the stories'
  sentences directly scored lower in cross-validation: one label per story is too noisy.)

The model is a multinomial logistic regression (numpy, full-batch Adam, L2, class-balanced).
Weights are rounded to integers over ``SCALE`` (near-zero ones dropped), so the JSON file is
small, readable and deterministic. ``bench plv`` scores this recipe by 5-fold cross-validation.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tools.build import RESOURCES
from wirewatch.settings import Settings
from wirewatch.stages import parse
from wirewatch.stages.events import types as event_types

OUT = RESOURCES / "events_model.json"
PLV = "event_coding/ZeroShotPLOVER/PLV_train.tsv"
SCALE = 1000
MIN_COUNT = 1
TAG = re.compile(r"</?[st]>")
WORD = re.compile(r"[a-z][a-z\-]+")
TOPIC_MIN = 10
TOPIC_LIFT = 3.0


@dataclass(frozen=True, slots=True)
class Example:
    features: tuple[str, ...]
    label: str
    weight: float = 1.0
    group: str = ""  # examples of one group (the same sentence) share a fold


# --- PLV -------------------------------------------------------------------------


def read_plv(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of a PLV file: clean text, source and target character spans, gold root."""
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            text, spans = strip_marks(row["marked_sentence"])
            if "s" in spans and "t" in spans:
                rows.append({"text": text, **spans, "label": row["gold_root"]})
            if limit is not None and len(rows) >= limit:
                break
    return rows


def strip_marks(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """``<s>A</s> hit <t>B</t>`` → ("A hit B", {"s": (0, 1), "t": (6, 7)})."""
    out: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    opened: dict[str, int] = {}
    last = 0
    for match in TAG.finditer(marked):
        out.append(marked[last : match.start()])
        position = sum(len(p) for p in out)
        name = match.group(0).strip("</>")
        if match.group(0).startswith("</"):
            spans[name] = (opened.pop(name, position), position)
        else:
            opened[name] = position
        last = match.end()
    out.append(marked[last:])
    return "".join(out), spans


def trigger_between(source: Any, target: Any) -> Any:
    """The token where source and target meet, lifted out of the argument spans."""
    above = {t.i for t in [source.root, *source.root.ancestors]}
    meet = next((t for t in [target.root, *target.root.ancestors] if t.i in above), None)
    token = meet if meet is not None else source.root.sent.root
    for _ in range(6):
        inside = any(span.start <= token.i < span.end for span in (source, target))
        if not inside and token.pos_ in ("VERB", "NOUN", "AUX", "ADJ"):
            break
        if token.head == token:
            break
        token = token.head
    return token


def plv_examples(
    nlp: Any, rows: Sequence[dict[str, Any]], topics: dict[str, str] | None = None
) -> list[Example]:
    """Featurised PLV rows (rows whose marks do not fall on token boundaries are skipped)."""
    examples = []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        source = doc.char_span(*row["s"], alignment_mode="expand")
        target = doc.char_span(*row["t"], alignment_mode="expand")
        if source is None or target is None or not len(source) or not len(target):
            continue
        trigger = trigger_between(source, target)
        feats = event_types.features(trigger, source, target, topics)
        examples.append(Example(tuple(feats), row["label"], group=row["text"]))
    return examples


# --- NGEC synthetic stories --------------------------------------------------------


def read_synthetic(data: Path) -> list[tuple[str, str]]:
    """(story text, label) from the NGEC synthetic stories (CONCEDE/RETREAT as YIELD)."""
    folder = data / "event_coding" / "NGEC"
    archive = next(iter(sorted(folder.glob("gpt_synthetic_events_*.csv.zip"))))
    with zipfile.ZipFile(archive) as zipped:
        name = next(
            n for n in sorted(zipped.namelist()) if n.endswith(".csv") and "MACOSX" not in n
        )
        text = zipped.read(name).decode("utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        label = "YIELD" if row["label"] in ("CONCEDE", "RETREAT") else row["label"]
        if row["text"].strip() and label in event_types.LABELS:
            out.append((row["text"], label))
    return out


def topic_lexicon(stories: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Word → root, for words found in at least ``TOPIC_MIN`` stories of which the share with
    one root is at least ``TOPIC_LIFT`` times that root's share of all stories."""
    seen: dict[str, Counter[str]] = {}
    labels = Counter(label for _text, label in stories)
    for text, label in stories:
        for word in set(WORD.findall(text.lower())):
            seen.setdefault(word, Counter())[label] += 1
    topics = {}
    for word, counts in sorted(seen.items()):
        total = sum(counts.values())
        label, hits = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if total >= TOPIC_MIN and hits / total >= TOPIC_LIFT * labels[label] / len(stories):
            topics[word] = label
    return topics


# --- the model ---------------------------------------------------------------------


def train(
    examples: Sequence[Example], *, l2: float = 1e-3, steps: int = 300, min_count: int = MIN_COUNT
) -> dict[str, list[float]]:
    """Multinomial logistic regression: feature → weight per label (``<bias>`` included)."""
    counts = Counter(f for e in examples for f in set(e.features))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows, cols = _sparse(examples, vocab)
    labels = np.array([event_types.LABELS.index(e.label) for e in examples])
    weights = _balanced(examples, labels)
    w, b = _fit(rows, cols, labels, weights, len(vocab), l2, steps)
    model = {f: [float(v) for v in w[i]] for f, i in vocab.items()}
    model["<bias>"] = [float(v) for v in b]
    return model


def _sparse(examples: Sequence[Example], vocab: dict[str, int]) -> tuple[Any, Any]:
    rows, cols = [], []
    for n, example in enumerate(examples):
        for f in sorted(set(example.features)):
            if f in vocab:
                rows.append(n)
                cols.append(vocab[f])
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)


def _balanced(examples: Sequence[Example], labels: Any) -> Any:
    per_class = np.bincount(labels, minlength=len(event_types.LABELS)).astype(float)
    per_class[per_class == 0] = 1.0
    balance = len(labels) / (len(event_types.LABELS) * per_class)
    return np.array([e.weight for e in examples]) * balance[labels]


def _fit(
    rows: Any, cols: Any, labels: Any, weights: Any, size: int, l2: float, steps: int
) -> tuple[Any, Any]:
    classes = len(event_types.LABELS)
    w, b = np.zeros((size, classes)), np.zeros(classes)
    onehot = np.eye(classes)[labels]
    state = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    by_col = np.argsort(cols, kind="stable")
    col_starts, row_starts = _starts(cols[by_col], size), _starts(rows, len(labels))
    total = weights.sum()
    for step in range(1, steps + 1):
        logits = b + _segment_sum(w[cols], row_starts)
        probs = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        delta = (probs - onehot) * weights[:, None] / total
        grad_w = _segment_sum(delta[rows[by_col]], col_starts) + l2 * w
        _adam(w, grad_w, state[0], state[1], step)
        _adam(b, delta.sum(axis=0), state[2], state[3], step)
    return w, b


def _starts(keys: Any, size: int) -> Any:
    """For sorted ``keys``: where each of 0..size-1 starts (empty segments allowed)."""
    return np.searchsorted(keys, np.arange(size + 1))


def _segment_sum(values: Any, starts: Any) -> Any:
    """Sum of ``values`` rows per segment ``starts[i]:starts[i+1]``."""
    padded = np.vstack([np.zeros((1, values.shape[1])), np.cumsum(values, axis=0)])
    return padded[starts[1:]] - padded[starts[:-1]]


def _adam(param: Any, grad: Any, m: Any, v: Any, step: int, rate: float = 0.05) -> None:
    m *= 0.9
    m += 0.1 * grad
    v *= 0.999
    v += 0.001 * grad**2
    param -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)


def predict(model: dict[str, list[float]], features: Sequence[str]) -> str:
    scores = list(model["<bias>"])
    for f in set(features):
        row = model.get(f)
        if row is not None:
            scores = [s + w for s, w in zip(scores, row, strict=True)]
    return event_types.LABELS[scores.index(max(scores))]


def folds(examples: Sequence[Example], k: int = 5) -> list[list[int]]:
    """Fixed folds: groups (sentences) in order of first appearance go to fold g mod k."""
    order: dict[str, int] = {}
    for n, example in enumerate(examples):
        order.setdefault(example.group or str(n), len(order))
    keys = [order[e.group or str(n)] % k for n, e in enumerate(examples)]
    return [[n for n, key in enumerate(keys) if key == fold] for fold in range(k)]


def serialise(model: dict[str, list[float]], topics: dict[str, str]) -> str:
    weights = {
        f: [round(v * SCALE) for v in ws]
        for f, ws in sorted(model.items())
        if f == "<bias>" or max(abs(v) for v in ws) * SCALE >= 1
    }
    shipped = {"scale": SCALE, "labels": list(event_types.LABELS), "topics": topics}
    return json.dumps({**shipped, "weights": weights}, sort_keys=True, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data = Path(args[0]) if args else Path(Settings().data)
    topics = topic_lexicon(read_synthetic(data))
    nlp = parse.load(Settings().model)
    plv = plv_examples(nlp, read_plv(data / PLV), topics)
    model = train(plv)
    OUT.write_text(serialise(model, topics) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(model)} features from {len(plv)} PLV sentences, {len(topics)} topics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
