"""plover-gsr: end-to-end PLOVER coding of the PLOVER gold-standard records (322 sentences).

Each record is one sentence with its gold event type, source and target actor codes and, for
some, the dead. The sentence runs through parse, link (when installed) and events; the event
scored for a record is the one whose trigger lies inside the record's marked event words
(``(EVT: ...)`` in its markup), else its first event.

Metrics:
- ``accuracy``: that event has the gold type. The file predates PLOVER 2.0; its older
  labels are mapped: DEMAND→REQUEST, DISAPPROVE and INVESTIGATE→ACCUSE, FIGHT→ASSAULT.
- ``actor_f1``, ``recipient_f1``: micro-F1 of the actor (recipient) codes of that event against
  the gold source (target) codes. The file codes every intergovernmental body "IGO" and NGOs
  "NGO", so an actor of kind "igo" counts as IGO.
- ``dead_accuracy``: over records with a gold death toll, that event's dead count equals it.
- ``no_event``: share of records where no event was found.

The events stage is not trained on this file, so it is scored as shipped. It is not a clean
held-out figure either: the toll rules, the pronoun rule and the "violent event without a named
doer" rule were written while reading this file's errors (dead_accuracy was 0.40 before them,
event_accuracy 0.56, actor_f1 0.66). Peer in the same run:
``baseline`` — the verb lexicon's root for the first verb it knows, and the first and second
actors the link stage names as actor and recipient.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import data_path, emit, print_table, rounded
from wirewatch.pipeline import Stage
from wirewatch.records import Actor, Article, Event, Span
from wirewatch.settings import Settings
from wirewatch.stages import events, parse
from wirewatch.stages.events import types as event_types

TASK = "plover-gsr"
DEFAULT = "event_coding/PLOVER/PLOVER_GSR_CAMEO.txt"
OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
EVT = re.compile(r"\(EVT:\s*([^()]*)\)")


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    records = read(path, limit)
    nlp = parse.load(Settings().model)
    linker = _linker()
    rows = []
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        article = linker(_article(record["text"], doc))
        rows.append((record, article, _chosen(record, events.extract(article))))
    ours = _score(
        [
            (r, e.event if e else None, _codes(e, "actor"), _codes(e, "recipient"), _dead(e))
            for r, _a, e in rows
        ]
    )
    base = _score([_baseline(r, a) for r, a, _e in rows])
    _print(path, len(rows), ours, base)
    emit(TASK, len(rows), rounded(ours), {"baseline": rounded(base)})
    return 0


def read(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Records with text and an event (the DOCUMENT header left out), older labels mapped."""
    out = []
    for raw in json.loads(path.read_text(encoding="utf-8")):
        if raw.get("event") == "DOCUMENT" or not raw.get("text"):
            continue
        out.append(
            {
                "text": raw["text"],
                "event": OLD_LABELS.get(raw["event"], raw["event"]),
                "source": _gold_codes(raw.get("source")),
                "target": _gold_codes(raw.get("target")),
                "dead": _int(raw.get("dead")),
                "triggers": _triggers(raw),
            }
        )
        if limit is not None and len(out) >= limit:
            break
    return out


def _gold_codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {a["code"] for a in actors if isinstance(a, dict) and a.get("code")}


def _int(value: Any) -> int | None:
    try:
        return int(str(value).replace(",", ""))
    except (TypeError, ValueError):
        return None


def _triggers(raw: dict[str, Any]) -> list[str]:
    info = raw.get("textInfo")
    markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
    return [w.lower() for phrase in EVT.findall(markup) for w in phrase.split()]


def _linker() -> Callable[[Article], Article]:
    """The link stage when it is installed, else none (actors stay uncoded)."""
    try:
        module = importlib.import_module("wirewatch.stages.link")
    except ImportError:
        return lambda article: article
    stage: Stage = module.stage(Settings())
    if stage.setup is not None:
        stage.setup()
    return stage.run


def _article(text: str, doc: Any) -> Article:
    key = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    sentence = Span(start=0, end=len(text), text=text)
    article = Article(id=key, text=text, origin="plover-gsr", published=dt.date(2000, 1, 1))
    return replace(article, doc=doc, sentences=(sentence,))


def _chosen(record: dict[str, Any], found: Sequence[Event]) -> Event | None:
    """The event whose trigger is one of the record's marked event words, else the first."""
    for event in found:
        if event.text_info.trigger.text.lower() in record["triggers"]:
            return event
    return found[0] if found else None


def _code(actor: Actor) -> str | None:
    return "IGO" if actor.kind == "igo" else actor.code


def _codes(event: Event | None, role: str) -> set[str]:
    if event is None:
        return set()
    actors = event.actor if role == "actor" else event.recipient
    return {c for a in actors if (c := _code(a))}


def _dead(event: Event | None) -> int | None:
    if event is None:
        return None
    return next((c.value for c in event.size if c.kind == "dead"), None)


def _baseline(record: dict[str, Any], article: Article) -> tuple[Any, ...]:
    doc: Any = article.doc
    roots = [r for t in doc if t.pos_ == "VERB" for r in event_types.lexicon_roots(t)[:1]]
    codes = [c for m in article.actors if (c := _code(m.actor))]
    actor = set(codes[:1])
    recipient = set(codes[1:2])
    return (record, roots[0] if roots else None, actor, recipient, None)


def _score(rows: Sequence[tuple[Any, ...]]) -> dict[str, float]:
    events_ok = sum(r["event"] == e for r, e, *_ in rows)
    dead_rows = [(r, d) for r, _e, _a, _t, d in rows if r["dead"] is not None]
    return {
        "event_accuracy": events_ok / max(1, len(rows)),
        "actor_f1": _f1([(r["source"], a) for r, _e, a, _t, _d in rows]),
        "recipient_f1": _f1([(r["target"], t) for r, _e, _a, t, _d in rows]),
        "dead_accuracy": sum(r["dead"] == d for r, d in dead_rows) / max(1, len(dead_rows)),
        "no_event": sum(e is None for _r, e, *_ in rows) / max(1, len(rows)),
    }


def _f1(pairs: Sequence[tuple[set[str], set[str]]]) -> float:
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _print(path: Path, n: int, ours: dict[str, float], base: dict[str, float]) -> None:
    print_table(
        f"plover-gsr: {n} gold-standard records from {path} (shipped model, not trained on it)",
        [{"system": "wirewatch", **ours}, {"system": "baseline (lexicon + first actors)", **base}],
    )
