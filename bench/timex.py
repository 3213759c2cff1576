"""timex: time expressions found and normalised, TempEval-3 style, beside dateparser.

Data: TimeML ``.tml`` files under ``--data`` (searched recursively; default the shared
TempEval-3 TBAQ-cleaned folder, TimeBank and AQUAINT). Each file's document creation time
(the DCT TIMEX3 with functionInDocument="CREATION_TIME") is the anchor; the TIMEX3s inside
<TEXT> are gold (the DCT itself is not scored).

Metrics, as the TempEval-3 scorer computes them: ``strict_f1`` (same extent), ``relaxed_f1``
(overlapping extents), ``type_f1`` and ``value_f1`` (attribute-correct relaxed matches over
the system's and over the gold counts). Reported for every corpus folder and for all files.
wirewatch's rules were developed on TimeBank; AQUAINT is held out.

Peer ``dateparser`` (1.5.0): ``search_dates`` with the DCT as RELATIVE_BASE, each hit's
granularity from ``DateDataParser.get_date_data`` (day, week, month, year, time).
"""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import data_path, emit, print_table, rounded
from wirewatch.stages import parse
from wirewatch.stages import time as time_stage

TASK = "timex"
DEFAULT = "temporal/TempEval-3/TBAQ-cleaned"
DEVELOPED_ON = "TimeBank"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    corpus: str
    dct: dt.date
    text: str
    gold: tuple[Mention, ...]


def read(path: Path, root: Path) -> Document:
    """A TimeML file: the text inside <TEXT>, its TIMEX3 offsets, and the DCT."""
    tree = ET.parse(path).getroot()
    dct = next(
        t.get("value", "")
        for t in tree.iter("TIMEX3")
        if t.get("functionInDocument") == "CREATION_TIME"
    )
    parts: list[str] = []
    gold: list[Mention] = []
    _walk(tree.find("TEXT"), parts, gold)
    corpus = path.relative_to(root).parts[0] if path.parent != root else root.name
    day = dt.date.fromisoformat(dct[:10])
    return Document(path.stem, corpus, day, "".join(parts), tuple(gold))


def _walk(element: Any, parts: list[str], gold: list[Mention]) -> None:
    if element is None:
        return
    parts.append(element.text or "")
    for child in element:
        start = sum(map(len, parts))
        _walk(child, parts, gold)
        if child.tag == "TIMEX3":
            end = sum(map(len, parts))
            gold.append(Mention(start, end, child.get("type", ""), child.get("value", "")))
        parts.append(child.tail or "")


def documents(root: Path, limit: int | None) -> list[Document]:
    files = sorted(root.rglob("*.tml"))[:limit]
    return [read(p, root) for p in files]


# --- systems -------------------------------------------------------------------


def wirewatch_system(docs: Sequence[Document]) -> list[list[Mention]]:
    nlp = parse.load("en_core_web_sm")
    parsed = nlp.pipe((d.text for d in docs), batch_size=16)
    return [
        [
            Mention(t.start, t.end, t.type, t.value or "")
            for t in time_stage.timexes(d.text, d.dct, doc)
        ]
        for d, doc in zip(docs, parsed, strict=True)
    ]


def dateparser_system(docs: Sequence[Document]) -> list[list[Mention]]:
    return [_dateparser_one(d) for d in docs]


def _dateparser_one(doc: Document) -> list[Mention]:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]
    from dateparser.search import search_dates  # type: ignore[import-untyped]

    base = dt.datetime.combine(doc.dct, dt.time(12))
    settings: dict[str, Any] = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    hits = search_dates(doc.text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    out: list[Mention] = []
    cursor = 0
    for phrase, when in hits:
        start = doc.text.find(phrase, cursor)
        if start < 0:
            continue
        cursor = start + len(phrase)
        period = parser.get_date_data(phrase).period or "day"
        kind = "TIME" if period == "time" else "DATE"
        out.append(Mention(start, cursor, kind, _dateparser_value(when, period)))
    return out


def _dateparser_value(when: dt.datetime, period: str) -> str:
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period == "time":
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.date().isoformat()


# --- scoring -------------------------------------------------------------------


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict_p: int = 0
    strict_r: int = 0
    relaxed_p: int = 0
    relaxed_r: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, gold: Sequence[Mention], system: Sequence[Mention]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        self.strict_p += sum(any(_same(s, g) for g in gold) for s in system)
        self.strict_r += sum(any(_same(s, g) for s in system) for g in gold)
        self.relaxed_p += sum(any(_overlap(s, g) for g in gold) for s in system)
        self.relaxed_r += sum(any(_overlap(s, g) for s in system) for g in gold)
        for g, s in pairs(gold, system):
            self.type_ok += g.type == s.type
            self.value_ok += g.value == s.value

    def metrics(self) -> dict[str, float | int]:
        return {
            "strict_f1": _f1(self.strict_p, self.strict_r, self.system, self.gold),
            "relaxed_f1": _f1(self.relaxed_p, self.relaxed_r, self.system, self.gold),
            "type_f1": _f1(self.type_ok, self.type_ok, self.system, self.gold),
            "value_f1": _f1(self.value_ok, self.value_ok, self.system, self.gold),
            "n_gold": self.gold,
            "n_system": self.system,
        }


def _same(a: Mention, b: Mention) -> bool:
    return a.start == b.start and a.end == b.end


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def pairs(gold: Sequence[Mention], system: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """Each gold mention with the first unused system mention overlapping it (exact first)."""
    used: set[int] = set()
    out: list[tuple[Mention, Mention]] = []
    for g in gold:
        options = [i for i, s in enumerate(system) if i not in used and _overlap(s, g)]
        options.sort(key=lambda i: not _same(system[i], g))
        if options:
            used.add(options[0])
            out.append((g, system[options[0]]))
    return out


def _f1(hit_p: int, hit_r: int, system: int, gold: int) -> float:
    precision = hit_p / system if system else 0.0
    recall = hit_r / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(
    docs: Sequence[Document], outputs: Sequence[list[Mention]], keep: Callable[[str], bool]
) -> dict[str, Tally]:
    """Tallies per corpus folder and for all documents (``keep`` filters by TIMEX3 type)."""
    tallies: dict[str, Tally] = {}
    for doc, system in zip(docs, outputs, strict=True):
        gold = [g for g in doc.gold if keep(g.type)]
        mine = [s for s in system if keep(s.type)]
        for key in (doc.corpus, "all"):
            tallies.setdefault(key, Tally()).add(gold, mine)
    return tallies


# --- the run -------------------------------------------------------------------


def run(data: str | None, limit: int | None) -> int:
    root = Path(data) if data else data_path(DEFAULT)
    docs = documents(root, limit)
    systems: dict[str, Callable[[Sequence[Document]], list[list[Mention]]]] = {
        "wirewatch": wirewatch_system,
        "dateparser": dateparser_system,
    }
    results: dict[str, dict[str, Tally]] = {}
    dates: dict[str, dict[str, Tally]] = {}
    seconds: dict[str, float] = {}
    for name, system in systems.items():
        started = time.perf_counter()
        outputs = system(docs)
        seconds[name] = time.perf_counter() - started
        results[name] = score(docs, outputs, lambda kind: True)
        dates[name] = score(docs, outputs, lambda kind: kind in ("DATE", "TIME"))
    _report(root, docs, results, dates, seconds)
    return 0


def _rows(
    results: dict[str, dict[str, Tally]], seconds: dict[str, float] | None
) -> list[dict[str, Any]]:
    rows = []
    for name, tallies in results.items():
        for corpus, tally in sorted(tallies.items(), key=lambda kv: (kv[0] == "all", kv[0])):
            held = "tuned" if corpus == DEVELOPED_ON else "all" if corpus == "all" else "held out"
            row = {"system": name, "corpus": corpus, "split": held, **tally.metrics()}
            if seconds is not None and corpus == "all":
                row["seconds"] = seconds[name]
            rows.append(row)
    return rows


def _report(
    root: Path,
    docs: Sequence[Document],
    results: dict[str, dict[str, Tally]],
    dates: dict[str, dict[str, Tally]],
    seconds: dict[str, float],
) -> None:
    print_table(f"timex: {len(docs)} TimeML files from {root}", _rows(results, seconds))
    print()
    print_table(
        "dates and times only (gold and system TIMEX3 of type DATE or TIME)", _rows(dates, None)
    )
    emit(
        TASK,
        len(docs),
        _summary(results["wirewatch"], dates["wirewatch"]),
        {"dateparser": _summary(results["dateparser"], dates["dateparser"])},
    )


def _summary(tallies: dict[str, Tally], dates: dict[str, Tally]) -> dict[str, Any]:
    metrics: dict[str, Any] = {
        k: v for k, v in tallies["all"].metrics().items() if k not in ("n_gold", "n_system")
    }
    for corpus in sorted(tallies):
        if corpus != "all":
            metrics[f"value_f1_{corpus.lower()}"] = tallies[corpus].metrics()["value_f1"]
    metrics["value_f1_dates"] = dates["all"].metrics()["value_f1"] if "all" in dates else 0.0
    return rounded(metrics)
