"""plv: PLOVER event typing on ZeroShotPLOVER sentences (15 roots, YIELD = RETREAT or CONCEDE).

Metrics:
- (a) ``accuracy`` and ``macro_f1`` with the marked source and target given: the trigger is
  where they meet in the parse, typed by the event typer (``types``).
- (b) ``e2e_accuracy`` and ``e2e_macro_f1`` end to end: the sentence runs through parse, link
  (when installed) and events; a sentence counts as its gold type when some event of that type
  has an actor overlapping the marked source and a recipient overlapping the marked target.
  Otherwise the sentence counts as the type of the event whose arguments overlap the marks best,
  or as no event.

On PLV_train.tsv itself (the file the shipped model learns from) every figure comes from
5-fold cross-validation: the model is retrained on four folds (the same recipe as
``tools/build/events.py``) and scores the fifth; sentences that repeat stay in one fold.
On any other file of the same format the shipped model is scored as it is.

Peers in the same run: ``lexicon`` (the PETRARCH/CAMEO verb lexicon's root for the same trigger,
else the majority class) and ``majority``. Reported, not run: zero-shot roberta-large-mnli on the
PLV test split with gold spans, accuracy 0.838 and macro-F1 0.824 (Zero-Shot-PLOVER paper).
"""

from __future__ import annotations

import hashlib
import importlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tools.build import events as build_events

from bench.common import data_path, emit, print_table, rounded
from wirewatch.records import Article, Event, Span
from wirewatch.settings import Settings
from wirewatch.stages import events, parse
from wirewatch.stages.events import types as event_types

TASK = "plv"
DEFAULT = build_events.PLV
REPORTED = {"accuracy": 0.838, "macro_f1": 0.824, "note": "zero-shot, PLV test split, reported"}


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    rows = build_events.read_plv(path, limit)
    nlp = parse.load(Settings().model)
    docs = list(nlp.pipe(r["text"] for r in rows))
    items = [i for i in (_item(r, d) for r, d in zip(rows, docs, strict=True)) if i is not None]
    topics = _topics()
    examples = [_example(item, topics) for item in items]
    cross = _is_training_file(path)
    models = _models(examples, cross)
    gold = [e.label for e in examples]
    typed = [
        _typed(item, e.features, models[n])
        for n, (item, e) in enumerate(zip(items, examples, strict=True))
    ]
    lexical = _lexicon_peer(items, gold)
    majority = [Counter(gold).most_common(1)[0][0]] * len(gold)
    e2e = _end_to_end(items, models)
    ours = {**_scores(gold, typed), **{f"e2e_{k}": v for k, v in _scores(gold, e2e).items()}}
    ours["cross_validated"] = cross
    peers = {"lexicon": _scores(gold, lexical), "majority": _scores(gold, majority)}
    _print(path, len(items), ours, peers, gold, typed)
    emit(
        TASK,
        len(items),
        rounded(ours),
        {**{k: rounded(v) for k, v in peers.items()}, "roberta-large-mnli": REPORTED},
    )
    return 0


def _item(row: dict[str, Any], doc: Any) -> dict[str, Any] | None:
    source = doc.char_span(*row["s"], alignment_mode="expand")
    target = doc.char_span(*row["t"], alignment_mode="expand")
    if source is None or target is None or not len(source) or not len(target):
        return None
    trigger = build_events.trigger_between(source, target)
    return {**row, "doc": doc, "source": source, "target": target, "trigger": trigger}


def _topics() -> dict[str, str]:
    """The topic lexicon from the NGEC stories (independent of PLV), else the shipped one."""
    try:
        return build_events.topic_lexicon(build_events.read_synthetic(data_path("")))
    except (OSError, StopIteration):
        return event_types.topic_words()


def _example(item: dict[str, Any], topics: dict[str, str]) -> build_events.Example:
    feats = event_types.features(item["trigger"], item["source"], item["target"], topics)
    return build_events.Example(tuple(feats), item["label"], group=item["text"])


def _is_training_file(path: Path) -> bool:
    """Whether ``path`` holds the shipped model's training data (same bytes as PLV_train)."""
    train = data_path(DEFAULT)
    if not train.exists():
        return True  # cannot tell: be safe and cross-validate
    return _digest(path) == _digest(train)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _models(examples: Sequence[build_events.Example], cross: bool) -> list[dict[str, list[float]]]:
    """The weights that score each example: its held-out fold's model, or the shipped one."""
    if not cross:
        return [event_types.model()] * len(examples)
    chosen: list[dict[str, list[float]]] = [{}] * len(examples)
    for fold in build_events.folds(examples):
        held = set(fold)
        model = build_events.train([e for n, e in enumerate(examples) if n not in held])
        for n in fold:
            chosen[n] = model
    return chosen


def _typed(item: dict[str, Any], feats: Sequence[str], weights: dict[str, list[float]]) -> str:
    scores = event_types.classify(list(feats), weights)
    return event_types.decide(scores, item["trigger"])[0]


def _lexicon_peer(items: Sequence[dict[str, Any]], gold: Sequence[str]) -> list[str]:
    majority = Counter(gold).most_common(1)[0][0]
    out = []
    for item in items:
        roots = event_types.lexicon_roots(item["trigger"])
        out.append(event_types.plv_label(roots[0]) if roots else majority)
    return out


# --- end to end ----------------------------------------------------------------------------


def _end_to_end(
    items: Sequence[dict[str, Any]], models: Sequence[dict[str, list[float]]]
) -> list[str]:
    linker = _linker()
    out = []
    for item, weights in zip(items, models, strict=True):
        article = linker(_article(item))
        found = events.extract(article, weights)
        out.append(_e2e_label(item, found))
    return out


def _linker() -> Callable[[Article], Article]:
    """The link stage when it is installed, else no actors at all (arguments stay uncoded)."""
    try:
        module = importlib.import_module("wirewatch.stages.link")
    except ImportError:
        return lambda article: article
    stage = module.stage(Settings())
    if stage.setup is not None:
        stage.setup()
    run: Callable[[Article], Article] = stage.run
    return run


def _article(item: dict[str, Any]) -> Article:
    text, doc = item["text"], item["doc"]
    sentence = Span(start=0, end=len(text), text=text)
    key = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return replace(Article(id=key, text=text, origin="plv"), doc=doc, sentences=(sentence,))


def _e2e_label(item: dict[str, Any], found: Sequence[Event]) -> str:
    """The gold label if some event matches type and both marks, else the best-matching type."""
    best, best_hits = "NONE", 0
    for event in found:
        label = event_types.plv_label(event.event)
        hits = _overlaps(event, "actor", item["s"]) + _overlaps(event, "recipient", item["t"])
        if hits == 2 and label == item["label"]:
            return label
        if hits > best_hits:
            best, best_hits = label, hits
    return best


def _overlaps(event: Event, role: str, mark: tuple[int, int]) -> int:
    spans = [s for r, s in event.text_info.arguments if r == role]
    return int(any(s.start < mark[1] and mark[0] < s.end for s in spans))


# --- scores ----------------------------------------------------------------------------------


def _scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    per = _per_class(gold, predicted)
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(1, len(gold))
    return {"accuracy": accuracy, "macro_f1": sum(per.values()) / max(1, len(per))}


def _per_class(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    out = {}
    for label in sorted(set(gold)):
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def _print(
    path: Path,
    n: int,
    ours: dict[str, Any],
    peers: dict[str, dict[str, float]],
    gold: Sequence[str],
    typed: Sequence[str],
) -> None:
    how = "5-fold cross-validation" if ours["cross_validated"] else "shipped model"
    rows = [{"system": "wirewatch", **{k: v for k, v in ours.items() if k != "cross_validated"}}]
    rows += [{"system": name, **scores} for name, scores in peers.items()]
    rows.append(
        {
            "system": "roberta-large-mnli (reported, test split)",
            "accuracy": 0.838,
            "macro_f1": 0.824,
        }
    )
    print_table(f"plv: {n} sentences from {path} ({how})", rows)
    per = _per_class(gold, typed)
    print_table("wirewatch F1 per root (gold spans)", [{k: round(v, 3) for k, v in per.items()}])
