"""The geo corpora made ready to rank, and the coordinate ascent that chooses the ranker's weights.

``python -m bench geo`` and ``python -m tools.build.place_ranker`` share this module: both read
the three corpora (LGL, GeoVirus, WikToR), parse each text once with spaCy, keep what the
ranker needs (the gold toponyms as mentions with the other recognised names as context, and
the recognised names for the end-to-end score) and then rank it under any weights in
pure Python. The parse outputs are cached on disk (``$XDG_CACHE_HOME/wirewatch/geo``),
keyed by the corpus, the recognition code and the gazetteer, so a second run only ranks.

**Tuning discipline.** Every weight is chosen by ``fit``: coordinate ascent over a fixed grid,
from a neutral start (every weight 1), maximising the mean over the training corpora of
acc@161 km with gold spans plus a quarter of acc@25 km (each corpus counts the same, whatever
its size; the second term tells a town from the province named like it) over a training
pool of about 200 documents per corpus (``SHARE``: LGL's dev third, all of GeoVirus, one
WikToR document in 25). ``bench geo`` fits once per left-out corpus (the weights never see
it) and once on all three (in-sample, what ships). Only LGL's dev third is read for errors;
the other two thirds of LGL, GeoVirus and WikToR are read as scores only.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import pickle
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from bench.common import read_jsonl
from wirewatch.gazetteer import COMMON, RESOURCE, Entry, Gazetteer, km
from wirewatch.stages import parse, place
from wirewatch.stages.place.find import Found, find, hint
from wirewatch.stages.place.rank import CONTEXT, FEATURES, Model
from wirewatch.stages.place.resolve import Mention, Problem, choose, prepare

CORPORA = ("lgl", "geovirus", "wiktor")
#: The modules whose code decides what a parse yields: a change to one parses anew.
SOURCES = ("wirewatch.gazetteer", "wirewatch.stages.place.find", "wirewatch.stages.place")
KM = 161.0
#: Within this many km a place is the one meant, not a region around it: a town rather than
#: the province named like it (its centroid lies tens of km away, well within ``KM``).
CLOSE_KM = 25.0
#: What being that close adds to the objective: a tie-break between places ``KM`` can't tell.
CLOSE_WEIGHT = 0.25
#: The values coordinate ascent tries for every weight.
GRID = (-3.0, -1.5, 0.0, 1.0, 2.0, 4.0, 8.0)
#: Context features say how well a place fits the article: their weights are never negative.
CONTEXT_GRID = tuple(v for v in GRID if v >= 0)
#: A move must raise the objective by this much (a tenth of a point): no weight chases noise.
MIN_GAIN = 0.001
PASSES = 2
#: One document in ``SHARE[corpus]`` (by a hash of its id) is in the training pool, about 200
#: documents from each corpus (for time); on LGL they are its dev third. All are scored.
SHARE = {"lgl": 3, "geovirus": 1, "wiktor": 25}
NEUTRAL = Model(weights=tuple(1.0 for _ in FEATURES))


def dev(row: dict[str, Any]) -> bool:
    """The LGL documents read for errors (and, before issue 13, tuned on)."""
    return row.get("corpus") == "lgl" and zlib.crc32(row["id"].encode("utf-8")) % 3 == 0


def _sampled(row: dict[str, Any]) -> bool:
    share = SHARE.get(row.get("corpus", ""), 1)
    return zlib.crc32(row["id"].encode("utf-8")) % share == 0


@dataclass(frozen=True, slots=True)
class Doc:
    """One gold document: its row, its names recognised by wirewatch and by the spaCy peer."""

    row: dict[str, Any]
    found: list[Found]
    peer: list[tuple[Found, int | None]]  # spaCy's place entities, the most populous id
    gold: Problem | None = None
    e2e: Problem | None = None


def gold_mentions(row: dict[str, Any], table: Gazetteer) -> list[Mention]:
    """The gold toponyms as mentions: hints, containers and neighbours read from the text
    around them, as the stage reads them around the names it finds."""
    text, tops = row["text"], row["toponyms"]
    found = [
        Found(
            start=t["start"],
            end=t["end"],
            text=t["text"],
            hint=hint(text, t["start"], t["end"]),
            demonym=table.demonym(t["text"]) is not None,
        )
        for t in tops
    ]
    return place.mentions(found, text)


def gold_problem(row: dict[str, Any], found: Sequence[Found], table: Gazetteer) -> Problem:
    """The gold toponyms first; the other names recognised in the text are context."""
    tops = row["toponyms"]
    extra = [
        Mention(text=f.text, hint=f.hint, demonym=f.demonym)
        for f in found
        if not any(f.start < t["end"] and t["start"] < f.end for t in tops)
    ]
    return prepare([*gold_mentions(row, table), *extra], table)


def most_populous(text: str, table: Gazetteer) -> Entry | None:
    found = table.lookup(text)
    return found[0] if found else table.demonym(text)


def load(path: Path, limit: int | None, table: Gazetteer, *, pool: bool = False) -> list[Doc]:
    """A corpus's documents (the first ``limit``; with ``pool``, only those of its training
    pool), parsed once and cached, made ready to rank."""
    rows = [r for r in read_jsonl(path, limit) if not pool or _sampled(r)]
    parsed = _cached(path, rows, table)
    return [
        replace(
            doc,
            gold=gold_problem(doc.row, doc.found, table),
            e2e=prepare(place.mentions(doc.found, doc.row["text"]), table),
        )
        for doc in parsed
    ]


def _cached(path: Path, rows: list[dict[str, Any]], table: Gazetteer) -> list[Doc]:
    digest = hashlib.sha256(path.read_bytes())
    for name in SOURCES:
        digest.update(Path(importlib.import_module(name).__file__ or "").read_bytes())
    digest.update(str(len(rows)).encode())
    shipped = resources.files("wirewatch.resources")
    for name in (RESOURCE, COMMON):
        digest.update(shipped.joinpath(name).read_bytes())
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "wirewatch" / "geo"
    file = folder / f"{path.stem}-{digest.hexdigest()[:16]}.pickle"
    if file.exists():
        stored: list[tuple[list[Found], list[tuple[Found, int | None]]]] = pickle.loads(
            file.read_bytes()
        )
    else:
        stored = _parse(rows, table)
        folder.mkdir(parents=True, exist_ok=True)
        file.write_bytes(pickle.dumps(stored))
    return [Doc(row, found, peer) for row, (found, peer) in zip(rows, stored, strict=True)]


def _parse(
    rows: Sequence[dict[str, Any]], table: Gazetteer
) -> list[tuple[list[Found], list[tuple[Found, int | None]]]]:
    nlp = parse.load("en_core_web_sm")
    out: list[tuple[list[Found], list[tuple[Found, int | None]]]] = []
    for doc in nlp.pipe((r["text"] for r in rows), batch_size=16):
        peer: list[tuple[Found, int | None]] = []
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "NORP"):
                entry = most_populous(ent.text, table)
                f = Found(start=ent.start_char, end=ent.end_char, text=ent.text)
                peer.append((f, entry.id if entry else None))
        out.append((find(doc, table), peer))
    return out


def gold_picks(docs: Sequence[Doc], model: Model) -> list[list[Entry | None]]:
    """Each document's places for its gold toponyms under ``model``."""
    out: list[list[Entry | None]] = []
    for doc in docs:
        assert doc.gold is not None
        out.append(choose(doc.gold, model)[: len(doc.row["toponyms"])])
    return out


def e2e_picks(docs: Sequence[Doc], model: Model) -> list[list[tuple[Found, Entry | None]]]:
    out: list[list[tuple[Found, Entry | None]]] = []
    for doc in docs:
        assert doc.e2e is not None
        out.append(list(zip(doc.found, choose(doc.e2e, model), strict=True)))
    return out


def accuracy(docs: Sequence[Doc], model: Model) -> float:
    """acc@161 km with gold spans."""
    hits = total = 0
    for doc, chosen in zip(docs, gold_picks(docs, model), strict=True):
        for gold, entry in zip(doc.row["toponyms"], chosen, strict=True):
            total += 1
            hits += entry is not None and km(gold["lat"], gold["lon"], entry.lat, entry.lon) <= KM
    return hits / max(total, 1)


def training(docs: Sequence[Doc]) -> list[Doc]:
    """The documents a fit may use from a training corpus (``SHARE``)."""
    return [d for d in docs if _sampled(d.row)]


@dataclass(slots=True)
class Outcome:
    """One document under one model: its gold toponyms within 161 km, and the features that
    took part (a weight outside them cannot change the document's outcome)."""

    hits: int
    close: int  # within ``CLOSE_KM``
    total: int
    active: set[int]


def outcome(doc: Doc, model: Model) -> Outcome:
    assert doc.gold is not None
    active: set[int] = set()
    chosen = choose(doc.gold, model, active)
    errors = [
        km(g["lat"], g["lon"], e.lat, e.lon)
        for g, e in zip(doc.row["toponyms"], chosen, strict=False)
        if e is not None
    ]
    hits = sum(x <= KM for x in errors)
    close = sum(x <= CLOSE_KM for x in errors)
    return Outcome(hits, close, len(doc.row["toponyms"]), active)


def _mean(outcomes: Sequence[Sequence[Outcome]]) -> float:
    """The objective: the mean over the pools of acc@161 plus ``CLOSE_WEIGHT`` acc@25."""
    shares = [
        sum(o.hits + CLOSE_WEIGHT * o.close for o in p) / max(sum(o.total for o in p), 1)
        for p in outcomes
    ]
    return sum(shares) / max(len(shares), 1)


def fit(
    pools: Sequence[Sequence[Doc]],
    start: Model = NEUTRAL,
    progress: Callable[[str], None] | None = None,
) -> Model:
    """Coordinate ascent: each weight in turn set to the grid value that maximises the mean
    over ``pools`` of acc@161 (plus a quarter of acc@25 km, which tells a town from the
    province named like it); a move must gain ``MIN_GAIN``, else the current value stays.
    Every pass (``PASSES``) tries the whole grid (context weights: its values of 0 and more).
    A trial ranks again only the documents in which the weight it changes takes part: the
    others' outcome cannot change (their features stay zero, round after round)."""
    model = start
    current = [[outcome(d, model) for d in pool] for pool in pools]
    best = _mean(current)
    for _ in range(PASSES):
        for i, name in enumerate(FEATURES):
            grid = CONTEXT_GRID if name in CONTEXT else GRID
            for value in (v for v in grid if v != model.weights[i]):
                weights = (*model.weights[:i], value, *model.weights[i + 1 :])
                trial = replace(model, weights=weights)
                outcomes = [
                    [outcome(d, trial) if i in o.active else o for d, o in zip(p, c, strict=True)]
                    for p, c in zip(pools, current, strict=True)
                ]
                score = _mean(outcomes)
                if score > best + MIN_GAIN:
                    model, best, current = trial, score, outcomes
            if progress:
                progress(f"{name}={model.weights[i]:g} objective {best:.4f}")
    return model


def as_dict(model: Model) -> dict[str, Any]:
    """The model as ``place_ranker.json`` stores it."""
    return {
        "weights": dict(zip(FEATURES, model.weights, strict=True)),
        "temperature": model.temperature,
        "rounds": model.rounds,
        "near_km": model.near_km,
        "eponym_share": model.eponym_share,
        "dateline": model.dateline,
    }
