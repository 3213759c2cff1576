"""events-doc: document-level events against the events gold, one record per happening.

Data: a gold file in the format of ``events_gold/dev.jsonl`` (its ``GUIDELINES.md`` is the
contract, ``SCORING.md`` the matching): one JSON line per article with ``published``, the
happenings (type, actor and recipient codes, modality, polarity, date, place, dead, core) and
every mention's offsets. The text is the record's ``text`` when present, else its
``source_ref`` resolved against the shared folder (``seeds/…`` or
``clustering/news_cluster.jsonl#ID``). ``--limit N`` scores the first N articles.

wirewatch runs the real path on each text (ingest with the publication date, every default
stage); its offsets, into the stored text, are mapped back onto the gold text through the
matching blocks of the two texts (ingest takes datelines and credit lines out). The event
typer's two floors (its "no event" decision) are also chosen here (``events_floors``): the
table shows the shipped floors, the pair chosen on all articles (in sample), and the figures
when each article is scored with the pair chosen on the others (``held_out_*``). Peer
``lexicon``: every verb or event noun the event lexicon knows becomes an event of its first
type, in the same parse, with no arguments (the usual trigger-lexicon baseline).

Matching (SCORING.md): per article, an event and a happening are a strong candidate when the
event's trigger overlaps a mention, a weak one when a mention lies inside the event's sentence
and the types agree; pairs are taken strong before weak, same type before other type, one to
one. An unpaired event is a duplicate when it had a candidate another event took, else
spurious. Metrics: ``precision``, ``core_recall``, ``typed_f1`` (typed precision and typed
core recall), ``records_per_happening`` (events ÷ paired events), ``duplicates``,
``spurious``; over the pairs: ``actor`` and ``recipient`` (some non-empty gold code among the
event's, over pairs whose gold has one), ``modality``, ``polarity``, ``date`` (equal, or a day
inside the gold interval, month or year; an event whose date is only the publication day
wirewatch falls back on, precision ``publication``, counts as undated, as the guideline codes
events the text gives no time for; ``date_stamped`` counts that day as its date),
``place_50km`` (over pairs whose gold has a place) and ``dead`` (equal, over pairs where either
side has a count).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import events_floors as floors
from bench.common import data_dir, data_path, emit, print_table, read_jsonl, rounded
from wirewatch.gazetteer import km
from wirewatch.isodates import days
from wirewatch.stages.events import FLOORS, Floors

TASK = "events-doc"
DEFAULT = "events_gold/dev.jsonl"


@dataclass(frozen=True)
class Emitted:
    """One system event, reduced to what the scorer reads (offsets into the gold text)."""

    type: str
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    actor: frozenset[str] = frozenset()
    recipient: frozenset[str] = frozenset()
    modality: str = "actual"
    polarity: str = "asserted"
    date: str | None = None  # a date the text gives for the event
    stamped: str | None = None  # the same, or the publication day wirewatch falls back on
    place: tuple[float, float] | None = None
    dead: int | None = None


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    records = read_jsonl(path, limit)
    prepared = [floors.prepare(gold_text(r, path), r.get("published"), aligner) for r in records]
    runs = {f: [emitted(p, floors.finish(p, f)) for p in prepared] for f in floors.GRID}
    metrics = score(records, runs[FLOORS])
    peer_metrics = score(records, [_lexicon(p.article.doc, p.to_gold) for p in prepared])
    chosen = floors.choose(records, runs, score)
    happenings = sum(len(r["events"]) for r in records)
    print_table(
        f"events-doc: {len(records)} articles, {happenings} gold happenings from {path}",
        [
            {"system": f"wirewatch (shipped floors {_pair(FLOORS)})", **_shown(metrics)},
            {"system": f"floors chosen in sample {_pair(chosen['floors'])}",
             **_shown(chosen["in_sample"])},
            {"system": "floors chosen leaving each article out", **_shown(chosen["held_out"])},
            {"system": "lexicon (peer)", **_shown(peer_metrics)},
        ],
    )  # fmt: skip
    held = {f"held_out_{k}": chosen["held_out"][k] for k in HELD_OUT}
    found = {**metrics, "floors": _pair(FLOORS), "floors_in_sample": _pair(chosen["floors"])}
    emit(TASK, len(records), rounded({**found, **held}), {"lexicon": rounded(peer_metrics)})
    return 0


HELD_OUT = ("precision", "core_recall", "typed_f1", "records_per_happening")


def _pair(floor: Floors) -> str:
    return f"{floor.backed:.2f}/{floor.learned:.2f}/{floor.rescue:.2f}"


def emitted(prepared: floors.Prepared, article: Any) -> list[Emitted]:
    """An analysed article's events, reduced and mapped onto the gold text."""
    found = (reduced(event, prepared.to_gold) for event in article.events)
    return [e for e in found if e is not None]


SHOWN = ("events", "precision", "core_recall", "typed_f1", "records_per_happening", "duplicates",
         "spurious", "actor", "recipient", "modality", "date", "place_50km", "dead")  # fmt: skip


def _shown(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: metrics[k] for k in SHOWN}


# --- texts --------------------------------------------------------------------------------


def gold_text(record: dict[str, Any], path: Path) -> str:
    """The article text the gold offsets refer to: its own ``text``, else its ``source_ref``."""
    if record.get("text"):
        return str(record["text"])
    ref = str(record["source_ref"])
    name, _, key = ref.partition("#")
    for base in (data_dir(), data_dir().parent, path.parent):
        source = base / name
        if source.is_file():
            if not key:
                return source.read_text(encoding="utf-8")
            for row in read_jsonl(source):
                if str(row.get("id")) == key:
                    return str(row["text"])
            raise SystemExit(f"events-doc: {ref}: no record with id {key} in {source}")
    raise SystemExit(f"events-doc: {ref} not found under {data_dir()} or beside {path}")


def aligner(stored: str, gold: str) -> Any:
    """A function from offsets in ``stored`` to offsets in ``gold`` (None where no text matches)."""
    blocks = difflib.SequenceMatcher(None, stored, gold, autojunk=False).get_matching_blocks()

    def to_gold(pos: int) -> int | None:
        for a, b, size in blocks:
            if a <= pos < a + size:
                return b + pos - a
        return None

    return to_gold


def mapped(span: Any, to_gold: Any) -> tuple[int, int] | None:
    return _char_span(span.start, span.end, to_gold)


# --- the systems ----------------------------------------------------------------------------


def reduced(event: Any, to_gold: Any) -> Emitted | None:
    """One stored event as the scorer reads it, mapped onto the gold text (None: unmapped)."""
    trigger = mapped(event.text_info.trigger, to_gold)
    sentence = mapped(event.text_info.sentence, to_gold)
    if trigger is None or sentence is None:
        return None
    place = event.event_loc.place if event.event_loc else None
    return Emitted(
        type=event.event,
        trigger=trigger,
        sentence=sentence,
        actor=frozenset(a.code for a in event.actor if a.code),
        recipient=frozenset(a.code for a in event.recipient if a.code),
        modality=event.modality,
        polarity=event.polarity,
        date=event.date.value if event.date and event.date.precision != "publication" else None,
        stamped=event.date.value if event.date else None,
        place=(place.lat, place.lon) if place and place.lat is not None else None,
        dead=next((c.value for c in event.size if c.kind == "dead"), None),
    )


def _lexicon(doc: Any, to_gold: Any) -> list[Emitted]:
    from wirewatch.stages.events import types

    out: list[Emitted] = []
    for token in doc:
        if token.pos_ not in ("VERB", "NOUN"):
            continue
        roots = types.lexicon_roots(token)
        trigger = _char_span(token.idx, token.idx + len(token.text), to_gold)
        sentence = _char_span(token.sent.start_char, token.sent.end_char, to_gold)
        if roots and trigger and sentence:
            out.append(Emitted(type=roots[0], trigger=trigger, sentence=sentence))
    return out


def _char_span(start: int, end: int, to_gold: Any) -> tuple[int, int] | None:
    first, last = to_gold(start), to_gold(max(start, end - 1))
    return None if first is None or last is None else (first, last + 1)


# --- matching and scoring -----------------------------------------------------------------


def pairs(events: Sequence[Emitted], gold: Sequence[dict[str, Any]]) -> tuple[dict[int, int], int]:
    """Event index → happening index, one to one (SCORING.md), and the number of duplicates."""
    candidates: list[tuple[int, int, int, int]] = []  # (rank, -overlap, event, happening)
    for e, event in enumerate(events):
        for h, happening in enumerate(gold):
            same = event.type == happening["type"]
            overlap = max((_overlap(event.trigger, _span(m)) for m in happening["mentions"]),
                          default=0)  # fmt: skip
            if overlap > 0:
                candidates.append((0 if same else 1, -overlap, e, h))
            elif same and any(_inside(_span(m), event.sentence) for m in happening["mentions"]):
                candidates.append((2, 0, e, h))
    taken: dict[int, int] = {}
    used: set[int] = set()
    for _rank, _size, e, h in sorted(candidates):
        if e not in taken and h not in used:
            taken[e] = h
            used.add(h)
    had = {e for _r, _o, e, _h in candidates}
    return taken, len(had - set(taken))


def _span(mention: dict[str, Any]) -> tuple[int, int]:
    return int(mention["start"]), int(mention["end"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def score(
    records: Sequence[dict[str, Any]], emitted: Sequence[Sequence[Emitted]]
) -> dict[str, Any]:
    """The SCORING.md figures over all articles (counts pooled, then divided)."""
    tally: dict[str, list[int]] = {}  # field → [right, counted]
    events = paired = typed = duplicates = core = core_paired = core_typed = 0
    for record, found in zip(records, emitted, strict=True):
        gold = record["events"]
        taken, dup = pairs(found, gold)
        events += len(found)
        paired += len(taken)
        duplicates += dup
        core += sum(1 for g in gold if g.get("core"))
        for e, h in taken.items():
            same = found[e].type == gold[h]["type"]
            typed += same
            core_paired += bool(gold[h].get("core"))
            core_typed += bool(gold[h].get("core")) and same
            for name, verdict in fields(found[e], gold[h]).items():
                if verdict is not None:
                    right, counted = tally.setdefault(name, [0, 0])
                    tally[name] = [right + verdict, counted + 1]
    typed_p, typed_r = _ratio(typed, events), _ratio(core_typed, core)
    return {
        "events": events,
        "happenings": sum(len(r["events"]) for r in records),
        "precision": _ratio(paired, events),
        "core_recall": _ratio(core_paired, core),
        "typed_precision": typed_p,
        "typed_core_recall": typed_r,
        "typed_f1": 2 * typed_p * typed_r / (typed_p + typed_r) if typed_p + typed_r else 0.0,
        "records_per_happening": events / paired if paired else 0.0,
        "duplicates": duplicates,
        "spurious": events - paired - duplicates,
        **{name: _ratio(*tally.get(name, [0, 0])) for name in FIELDS},
        **{f"{name}_n": tally.get(name, [0, 0])[1] for name in FIELDS},
    }


FIELDS = (
    "actor",
    "recipient",
    "modality",
    "polarity",
    "date",
    "date_stamped",
    "place_50km",
    "dead",
)


def _ratio(right: int, counted: int) -> float:
    return right / counted if counted else 0.0


def fields(event: Emitted, gold: dict[str, Any]) -> dict[str, bool | None]:
    """Each field's verdict for one pair; None where the field is not scored for it."""
    actor = {c for c in gold.get("actor") or () if c}
    recipient = {c for c in gold.get("recipient") or () if c}
    place = gold.get("place")
    dead = gold.get("dead")
    return {
        "actor": bool(actor & event.actor) if actor else None,
        "recipient": bool(recipient & event.recipient) if recipient else None,
        "modality": event.modality == gold.get("modality", "actual"),
        "polarity": event.polarity == gold.get("polarity", "asserted"),
        "date": date_right(event.date, gold.get("date")),
        "date_stamped": date_right(event.stamped, gold.get("date")),
        "place_50km": (
            event.place is not None and km(*event.place, place["lat"], place["lon"]) <= 50
        )
        if place and place.get("lat") is not None
        else None,
        "dead": (event.dead == dead) if dead is not None or event.dead is not None else None,
    }


def date_right(ours: str | None, gold: str | None) -> bool:
    """Equal, or our stretch inside the gold interval, month or year (a point inside counts)."""
    if ours == gold:
        return True
    if ours is None or gold is None:
        return False
    mine, theirs = days(ours), days(gold)
    if mine is None or theirs is None:
        return False
    return theirs[0] <= mine[0] and mine[1] <= theirs[1]
