"""Train ``events_location.json``: which named place is an event's own place.

Run as ``python -m tools.build.events_location [DATA]``. The material is
``DATA/event_coding/event_location/labeled_text.jsonl.zip`` (Halterman's verb→location
annotations from AP, AFP and Xinhua sentences, MIT): each sentence marks one event verb and the
span(s) where that event happened, if any.

Every GPE/LOC/FAC entity spaCy finds in a sentence is a candidate; it is positive when it
overlaps a marked location of the verb. A binary logistic regression (numpy, L2) learns from
the grammatical path between verb and candidate (``event_places.candidate_features``), including
whether the hand-written locative rule picks it. Sentences are split in file order by n mod 5:
the model trains on 0-2, its probability threshold is chosen on 3 (best F1), the shipped model
is retrained on 0-3 with that threshold, and 4 is held out: the script prints held-out scores
for the model, the rule alone and "the first place in the sentence".
"""

from __future__ import annotations

import json
import sys
import zipfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tools.build import RESOURCES
from wirewatch.settings import Settings
from wirewatch.stages import parse
from wirewatch.stages.events import places as event_places

OUT = RESOURCES / "events_location.json"
SOURCE = "event_coding/event_location/labeled_text.jsonl.zip"
SCALE = 1000
PLACE_LABELS = ("GPE", "LOC", "FAC")


def read(data: Path) -> list[dict[str, Any]]:
    """Annotated sentences with one event verb: text, verb span, location spans."""
    with zipfile.ZipFile(data / SOURCE) as zipped:
        name = next(n for n in sorted(zipped.namelist()) if n.endswith(".jsonl") and "MAC" not in n)
        raw = json.loads(zipped.read(name).decode("utf-8"))
    out = []
    for item in raw:
        verbs = [s for s in item.get("spans", []) if s["label"] == "VERB"]
        places = [(s["start"], s["end"]) for s in item.get("spans", []) if s["label"] == "LOCATION"]
        if len(verbs) == 1 and item.get("answer") in (None, "accept"):
            out.append({"text": item["text"], "verb": (verbs[0]["start"], verbs[0]["end"]),
                        "places": places})  # fmt: skip
    return out


def examples(nlp: Any, items: Sequence[dict[str, Any]]) -> list[list[tuple[list[str], bool]]]:
    """Per sentence: (features, is the event's place) for each candidate place."""
    out: list[list[tuple[list[str], bool]]] = []
    for item, doc in zip(items, nlp.pipe(i["text"] for i in items), strict=True):
        verb = doc.char_span(*item["verb"], alignment_mode="expand")
        if verb is None or not len(verb):
            out.append([])
            continue
        candidates = [e for e in doc.ents if e.label_ in PLACE_LABELS]
        rule = event_places.rule_choice(verb.root, [(e.start, e.end) for e in candidates])
        rows = []
        for ent in candidates:
            feats = event_places.candidate_features(verb.root, ent.start, ent.end, rule)
            gold = any(ent.start_char < e and s < ent.end_char for s, e in item["places"])
            rows.append((feats, gold))
        out.append(rows)
    return out


def train(
    sentences: Sequence[Sequence[tuple[list[str], bool]]], l2: float = 1e-3
) -> dict[str, float]:
    rows = [r for s in sentences for r in s]
    vocab = sorted({f for feats, _gold in rows for f in feats if f})
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab) + 1))
    for n, (feats, _gold) in enumerate(rows):
        x[n, [index[f] for f in feats if f in index]] = 1.0
        x[n, -1] = 1.0
    y = np.array([float(gold) for _feats, gold in rows])
    w = np.zeros(len(vocab) + 1)
    for _ in range(500):
        p = 1 / (1 + np.exp(-(x @ w)))
        w -= 0.5 * (x.T @ (p - y) / len(rows) + l2 * w)
    return {**{f: float(w[i]) for f, i in index.items()}, "<bias>": float(w[-1])}


def score(weights: dict[str, float], feats: Sequence[str]) -> float:
    total = weights.get("<bias>", 0.0) + sum(weights.get(f, 0.0) for f in set(feats))
    return float(1 / (1 + np.exp(-total)))


def evaluate(
    sentences: Sequence[Sequence[tuple[list[str], bool]]], weights: dict[str, float]
) -> dict[str, dict[str, float]]:
    """Precision/recall/F1 of one chosen place per sentence, for the model, rule and first."""
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("model", "rule", "first")}
    for rows in sentences:
        has_gold = any(gold for _feats, gold in rows)
        picks = {
            "model": _best(rows, weights),
            "rule": next((r for r in rows if "rule" in r[0]), None),
            "first": rows[0] if rows else None,
        }
        for name, pick in picks.items():
            counts[name]["gold"] += has_gold
            if pick is not None:
                counts[name]["picked"] += 1
                counts[name]["hit"] += pick[1]
    return {name: _prf(c) for name, c in counts.items()}


def _best(rows: Sequence[tuple[list[str], bool]], weights: dict[str, float]) -> Any:
    scored = [(score(weights, feats), (feats, gold)) for feats, gold in rows]
    best = max(scored, default=None, key=lambda s: s[0])
    threshold = event_places.MIN_PLACE_SCORE or 0.5
    return best[1] if best is not None and best[0] >= threshold else None


def _prf(c: Counter[str]) -> dict[str, float]:
    precision = c["hit"] / c["picked"] if c["picked"] else 0.0
    recall = c["hit"] / c["gold"] if c["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data = Path(args[0]) if args else Path(Settings().data)
    items = read(data)
    sentences = examples(parse.load(Settings().model), items)
    part = [[s for n, s in enumerate(sentences) if n % 5 == k] for k in range(5)]
    threshold = choose_threshold(train([s for k in (0, 1, 2) for s in part[k]]), part[3])
    event_places.MIN_PLACE_SCORE = threshold
    weights = train([s for k in (0, 1, 2, 3) for s in part[k]])
    print(f"threshold {threshold}; held-out {len(part[4])} sentences:")
    print(json.dumps(evaluate(part[4], weights)))
    shipped = {f: round(w * SCALE) for f, w in sorted(weights.items()) if round(w * SCALE)}
    table = {"scale": SCALE, "threshold": threshold, "weights": shipped}
    OUT.write_text(json.dumps(table, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {OUT} ({len(shipped)} weights)")
    return 0


def choose_threshold(
    weights: dict[str, float], sentences: Sequence[Sequence[tuple[list[str], bool]]]
) -> float:
    """The probability threshold with the best F1 on validation sentences."""
    best = (-1.0, 0.5)
    for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        event_places.MIN_PLACE_SCORE = threshold
        best = max(best, (evaluate(sentences, weights)["model"]["f1"], threshold))
    return best[1]


if __name__ == "__main__":
    sys.exit(main())
