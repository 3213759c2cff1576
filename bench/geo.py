"""geo: toponym resolution (gold spans given) and end-to-end geoparsing against gold corpora.

Data: ``geoparsing/{lgl,geovirus,wiktor}.jsonl`` (id, text, toponyms[start, end, text, lat,
lon, geonameid]). LGL documents whose id hashes (CRC-32) to 0 mod 3 (``dev``) tuned the
place stage; on LGL only the other two thirds are scored. GeoVirus and WikToR are scored
whole: neither tuned a weight, but GeoVirus errors were read when the gazetteer gained
Australian state abbreviations and regions named like their country yielded to it, so
GeoVirus is not a held-out score.

Metrics, gold spans given (the other names recognised in the text serve as context, as they
do in the stage): ``acc161`` (share of gold toponyms resolved within 161 km),
``exact_id`` (GeoNames id equal, where gold has one), ``mean_km`` (over resolved toponyms),
``resolved`` (share given a place). End to end: ``e2e_precision``, ``e2e_recall``, ``e2e_f1``
(a hit is a recognised toponym overlapping a gold one and resolved within 161 km of it;
names recognised but left unresolved have no coordinates, are not geoparser output and are not
counted as predictions, for wirewatch and the peer alike); ``e2e_f1_all_names`` counts them
(every recognised name is a prediction).
Peer ``population`` (same run): the most populous gazetteer entry of the name (demonyms: their
country) for gold spans, and spaCy GPE/LOC/NORP entities resolved that way end to end.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bench.common import data_path, emit, print_table, read_jsonl, rounded
from wirewatch.gazetteer import Entry, Gazetteer, gazetteer, km
from wirewatch.stages import parse, place
from wirewatch.stages.place.find import Found, container, find, hint
from wirewatch.stages.place.resolve import Mention, resolve

TASK = "geo"
DEFAULT = "geoparsing/lgl.jsonl"
KM = 161.0
LITERATURE = (
    "published, for reference (not this run): Mordecai 3 acc161 0.827 on LGL with gold spans; "
    "Edinburgh geoparser and CLAVIN end to end 0.70-0.82 precision, 0.38-0.56 recall"
)


def dev(row: dict[str, Any]) -> bool:
    """The LGL documents the place stage was tuned on."""
    return row.get("corpus") == "lgl" and zlib.crc32(row["id"].encode("utf-8")) % 3 == 0


def gold_mentions(row: dict[str, Any], table: Gazetteer) -> list[Mention]:
    """The gold toponyms as mentions: hints and containers read from the text around them."""
    text, tops = row["text"], row["toponyms"]
    mentions: list[Mention] = []
    for i, t in enumerate(tops):
        after = (
            i + 1 if i + 1 < len(tops) and container(text, t["end"], tops[i + 1]["start"]) else None
        )
        demonym = table.demonym(t["text"]) is not None
        mentions.append(
            Mention(
                text=t["text"],
                hint=hint(text, t["start"], t["end"]),
                container=after,
                demonym=demonym,
            )
        )
    return mentions


def resolve_gold(
    row: dict[str, Any], found: Sequence[Found], table: Gazetteer
) -> list[Entry | None]:
    """Places for the gold toponyms; the other names recognised in the text are context."""
    tops = row["toponyms"]
    extra = [
        Mention(text=f.text, hint=f.hint, demonym=f.demonym)
        for f in found
        if not any(f.start < t["end"] and t["start"] < f.end for t in tops)
    ]
    return resolve([*gold_mentions(row, table), *extra], table)[: len(tops)]


def most_populous(text: str, table: Gazetteer) -> Entry | None:
    found = table.lookup(text)
    return found[0] if found else table.demonym(text)


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


def spacy_baseline(doc: Any, table: Gazetteer) -> list[tuple[Found, Entry | None]]:
    """spaCy's GPE/LOC/NORP entities, each the most populous place of its name."""
    out: list[tuple[Found, Entry | None]] = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "NORP"):
            f = Found(start=ent.start_char, end=ent.end_char, text=ent.text)
            out.append((f, most_populous(ent.text, table)))
    return out


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    everything = read_jsonl(path)
    rows = [r for r in everything if not dev(r)][:limit]
    table = gazetteer()
    ours, found_ours, found_peer = geoparse_all(rows, table)
    peer = [[most_populous(t["text"], table) for t in r["toponyms"]] for r in rows]
    metrics = score_gold(rows, ours) | score_e2e(rows, found_ours)
    peer_metrics = score_gold(rows, peer) | score_e2e(rows, found_peer)
    toponyms = sum(len(r["toponyms"]) for r in rows)
    left_out = len(everything) - len([r for r in everything if not dev(r)])
    print_table(
        f"geo: {len(rows)} documents, {toponyms} gold toponyms from {path}"
        + (f" ({left_out} LGL tuning documents left out)" if left_out else ""),
        [{"system": "wirewatch", **metrics}, {"system": "population (peer)", **peer_metrics}],
    )
    print(LITERATURE)
    emit(TASK, len(rows), rounded(metrics), {"population": rounded(peer_metrics)})
    return 0


Found2 = list[tuple[Found, Entry | None]]


def geoparse_all(
    rows: Sequence[dict[str, Any]], table: Gazetteer
) -> tuple[list[list[Entry | None]], list[Found2], list[Found2]]:
    """One spaCy parse per text: gold-span resolution, our geoparse, the spaCy baseline."""
    nlp = parse.load("en_core_web_sm")
    gold: list[list[Entry | None]] = []
    ours: list[Found2] = []
    peer: list[Found2] = []
    texts = (r["text"] for r in rows)
    for row, doc in zip(rows, nlp.pipe(texts, batch_size=16), strict=True):
        gold.append(resolve_gold(row, find(doc, table), table))
        ours.append(place.geoparse(doc, table))
        peer.append(spacy_baseline(doc, table))
    return gold, ours, peer
