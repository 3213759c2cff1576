"""geo: toponym resolution (gold spans given) and end-to-end geoparsing, leave-one-corpus-out.

Data: ``geoparsing/{lgl,geovirus,wiktor}.jsonl`` (id, text, toponyms[start, end, text, lat,
lon, geonameid]). ``python -m bench geo`` reads all three and reports, for each corpus:

- ``held_out``: the ranker's weights fitted (``bench/tuning.py``: coordinate ascent from a
  neutral start) on the *other two* corpora only, scored on this one;
- ``in_sample``: the weights fitted on all three (what ``tools.build.place_ranker`` ships; on
  LGL the fit sees its dev third only, so LGL's scored two thirds stay unseen documents);
- ``shipped``: the weights in ``resources/place_ranker.json`` today;
- the ``population`` peer, in the same run.

On LGL only the two thirds outside its ``dev`` third are scored: the dev third is the one part
whose errors are read when rules are written (before issue 13 the weights were tuned on it). The
errors of LGL's other two thirds, GeoVirus and WikToR are never read (GeoVirus errors were read
once, before issue 13, when the gazetteer gained Australian state abbreviations). A fit uses
about 200 documents of each corpus (``bench/tuning.py``: ``SHARE``); scores use them all.
``--data FILE`` scores the shipped weights on one corpus file only; ``--limit N`` takes the
first N documents of each corpus.

Metrics, gold spans given (the other names recognised in the text serve as context, as they
do in the stage): ``acc161`` (share of gold toponyms resolved within 161 km),
``exact_id`` (GeoNames id equal, where gold has one), ``mean_km`` (over resolved toponyms),
``resolved`` (share given a place). End to end: ``e2e_precision``, ``e2e_recall``, ``e2e_f1``
(a hit is a recognised toponym overlapping a gold one and resolved within 161 km of it;
names recognised but left unresolved have no coordinates, are not geoparser output and are not
counted as predictions, for wirewatch and the peer alike); ``e2e_f1_all_names`` counts them
(every recognised name is a prediction). The top-level figures of the JSON line are the
held-out ones, averaged over the three corpora.
Peer ``population`` (same run): the most populous gazetteer entry of the name (demonyms: their
country) for gold spans, and spaCy GPE/LOC/NORP entities resolved that way end to end.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bench import tuning
from bench.common import data_path, emit, print_table, rounded
from bench.tuning import CORPORA, KM, Doc, dev
from wirewatch.gazetteer import Entry, Gazetteer, gazetteer, km
from wirewatch.stages.place.find import Found
from wirewatch.stages.place.rank import Model, ranker

TASK = "geo"
LITERATURE = (
    "published, for reference (not this run): Mordecai 3 acc161 0.827 on LGL with gold spans; "
    "Edinburgh geoparser and CLAVIN end to end 0.70-0.82 precision, 0.38-0.56 recall"
)


def score_gold(
    rows: Sequence[dict[str, Any]], picks: Sequence[Sequence[Entry | None]]
) -> dict[str, float | None]:
    hits = exact = with_id = resolved = total = 0
    errors: list[float] = []
    for row, chosen in zip(rows, picks, strict=True):
        for gold, entry in zip(row["toponyms"], chosen, strict=True):
            total += 1
            with_id += gold.get("geonameid") is not None
            if entry is None:
                continue
            resolved += 1
            error = km(gold["lat"], gold["lon"], entry.lat, entry.lon)
            errors.append(error)
            hits += error <= KM
            exact += entry.id == gold.get("geonameid")
    return {
        "acc161": hits / max(total, 1),
        "exact_id": exact / with_id if with_id else None,  # GeoVirus, WikToR: no ids
        "mean_km": sum(errors) / max(len(errors), 1),
        "resolved": resolved / max(total, 1),
    }


def score_e2e(
    rows: Sequence[dict[str, Any]], found: Sequence[Sequence[tuple[Found, Entry | None]]]
) -> dict[str, float]:
    right = named = predicted = recalled = gold_total = 0
    for row, preds in zip(rows, found, strict=True):
        gold = row["toponyms"]
        gold_total += len(gold)
        named += len(preds)
        predicted += sum(1 for _, e in preds if e is not None)
        right += sum(1 for f, e in preds if _hit(f, e, gold))
        recalled += sum(1 for g in gold if any(_hit(f, e, [g]) for f, e in preds))
    precision = right / max(predicted, 1)
    recall = recalled / max(gold_total, 1)
    strict = right / max(named, 1)
    return {
        "e2e_precision": precision,
        "e2e_recall": recall,
        "e2e_f1": _f1(precision, recall),
        "e2e_f1_all_names": _f1(strict, recall),
    }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _hit(found: Found, entry: Entry | None, gold: Iterable[dict[str, Any]]) -> bool:
    if entry is None:
        return False
    return any(
        found.start < g["end"]
        and g["start"] < found.end
        and km(g["lat"], g["lon"], entry.lat, entry.lon) <= KM
        for g in gold
    )


def scores(docs: Sequence[Doc], model: Model) -> dict[str, float | None]:
    """Every metric of ``docs`` under ``model``."""
    rows = [d.row for d in docs]
    return score_gold(rows, tuning.gold_picks(docs, model)) | score_e2e(
        rows, tuning.e2e_picks(docs, model)
    )


def peer_scores(docs: Sequence[Doc], table: Gazetteer) -> dict[str, float | None]:
    rows = [d.row for d in docs]
    gold = [[tuning.most_populous(t["text"], table) for t in r["toponyms"]] for r in rows]
    found = [[(f, None if i is None else table.get(i)) for f, i in d.peer] for d in docs]
    return score_gold(rows, gold) | score_e2e(rows, found)


def scored(docs: Sequence[Doc]) -> list[Doc]:
    """The documents a corpus is scored on: LGL less its dev third, the others whole."""
    return [d for d in docs if not dev(d.row)]


#: Today's figures, before issue 13 (main at 7ec5eda: the weights tuned on LGL's dev third,
#: scored on the same parts as here): recorded, not this run.
BEFORE = {
    "lgl": {"acc161": 0.851, "e2e_f1": 0.7407},
    "geovirus": {"acc161": 0.8194, "e2e_f1": 0.7302},
    "wiktor": {"acc161": 0.7037, "e2e_f1": 0.2474},
}


def run(data: str | None, limit: int | None) -> int:
    table = gazetteer()
    if data:
        return one_file(Path(data), limit, table)
    docs = {c: tuning.load(data_path(f"geoparsing/{c}.jsonl"), limit, table) for c in CORPORA}
    models = fits({c: tuning.training(d) for c, d in docs.items()})
    report: dict[str, Any] = {"held_out": {}, "in_sample": {}, "shipped": {}}
    rows: list[dict[str, Any]] = []
    peers: dict[str, Any] = {}
    for corpus in CORPORA:
        part = scored(docs[corpus])
        for name, model in (
            ("held_out", models[f"without_{corpus}"]),
            ("in_sample", models["all"]),
            ("shipped", ranker()),
        ):
            report[name][corpus] = rounded(scores(part, model))
            rows.append({"corpus": corpus, "system": name, **report[name][corpus]})
        rows.append({"corpus": corpus, "system": "before issue 13 (recorded)", **BEFORE[corpus]})
        peers[corpus] = rounded(peer_scores(part, table))
        rows.append({"corpus": corpus, "system": "population (peer)", **peers[corpus]})
    n = sum(len(scored(d)) for d in docs.values())
    print_table(f"geo: {n} documents, leave-one-corpus-out (LGL less its dev third)", rows)
    print(LITERATURE)
    weights = {name: tuning.as_dict(m)["weights"] for name, m in models.items()}
    extra = {"weights": weights, "before": BEFORE}
    emit(TASK, n, rounded(_average(report["held_out"])) | report | extra, {"population": peers})
    return 0


def fits(pools: dict[str, list[Doc]]) -> dict[str, Model]:
    """The weights fitted without each corpus (``without_lgl`` …) and on all three (``all``)."""
    found = {
        f"without_{c}": tuning.fit(
            [pools[o] for o in CORPORA if o != c], progress=_progress(f"without {c}")
        )
        for c in CORPORA
    }
    found["all"] = tuning.fit(list(pools.values()), progress=_progress("all three"))
    return found


def _average(held_out: dict[str, dict[str, Any]]) -> dict[str, float]:
    """The held-out acc161 and e2e F1, averaged over the corpora."""
    return {k: sum(held_out[c][k] for c in CORPORA) / len(CORPORA) for k in ("acc161", "e2e_f1")}


def one_file(path: Path, limit: int | None, table: Gazetteer) -> int:
    """The shipped weights scored on one corpus file (LGL less its dev third)."""
    docs = scored(tuning.load(path, limit, table))
    metrics = scores(docs, ranker())
    peer = peer_scores(docs, table)
    toponyms = sum(len(d.row["toponyms"]) for d in docs)
    print_table(
        f"geo: {len(docs)} documents, {toponyms} gold toponyms from {path}",
        [{"system": "wirewatch", **metrics}, {"system": "population (peer)", **peer}],
    )
    print(LITERATURE)
    emit(TASK, len(docs), rounded(metrics), {"population": rounded(peer)})
    return 0


def _progress(label: str) -> Any:
    def say(message: str) -> None:
        print(f"fit {label}: {message}", file=sys.stderr, flush=True)

    return say
