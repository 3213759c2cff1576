"""wheres: UCDP coders' own place descriptions resolved to a point, beside the headline they read.

Conflict coders write where an event happened in their own terse way: "Kono village (near),
Nzako region", "Andar district of the eastern Ghazni Province", "Tamangola, 15 kilometers north
of Bria", "near Svitodarsk". Every row of ``ucdp/ged_dev.jsonl`` (CC BY 4.0; see its notes)
with a ``meta.where_description`` is one such description and UCDP's point for it
(``gold.lat``/``lon``, ``where_prec``, ``country_iso3``). The description is read as the second
paragraph of an article whose first is the row's headline (the article the coder read gives
the context a description leaves out), completed as a sentence ("It happened in Kono village
(near), Nzako region.", "It happened near Bouar."), published three days after the event,
through the parse, link and place stages.

wirewatch's answer is the finest place it resolved inside the description (a town before a
district, a district before a region, a region before a country; the first of equals): what a
coder places an event at. Peer ``most populous``: the most populous gazetteer entry of the
first capitalised name in the description.

Rows are split as the ``ucdp`` bench's tuning discipline splits them: ``dev`` (even rows, read
for errors) and ``held_out`` (odd rows, scored only). Metrics per part and for all rows
(shares of rows): ``placed`` (a place resolved), ``km25`` / ``km161`` (within 25 / 161 km of
UCDP's point; unplaced misses), ``country`` (placed in the row's country), and ``exact25``
(within 25 km, over rows UCDP places exactly or within 25 km, ``where_prec`` ≤ 2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import data_path, emit, print_table, read_jsonl, rounded
from bench.tuning import most_populous
from bench.ucdp import NAME
from wirewatch.gazetteer import Gazetteer, gazetteer, km
from wirewatch.records import Article, Place
from wirewatch.stages.events.places import FINENESS  # what a coder places an event at first

TASK = "wheres"
DEFAULT = "ucdp/ged_dev.jsonl"
LAG = dt.timedelta(days=3)
METRICS = ("placed", "km25", "km161", "country", "exact25")

Point = tuple[float, float, str | None]  # lat, lon, ISO alpha-3 country


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    rows = [r for r in read_jsonl(path) if _description(r)]
    rows = rows[:limit] if limit is not None else rows
    ours = [_finest(a, start) for a, start in analyse(rows)]
    table = gazetteer()
    peer = [_peer(_description(r), table) for r in rows]
    parts = {"dev": slice(0, None, 2), "held_out": slice(1, None, 2), "all": slice(None)}
    metrics: dict[str, Any] = {}
    peer_metrics: dict[str, Any] = {}
    table_rows = []
    for part, cut in parts.items():
        mine, theirs = score(rows[cut], ours[cut]), score(rows[cut], peer[cut])
        metrics.update({f"{part}_{k}": v for k, v in mine.items()})
        peer_metrics.update({f"{part}_{k}": v for k, v in theirs.items()})
        table_rows += [
            {"part": part, "system": "wirewatch", **mine},
            {"part": part, "system": "most populous (peer)", **theirs},
        ]
    print_table(f"wheres: {len(rows)} UCDP place descriptions ({path})", table_rows)
    emit(TASK, len(rows), rounded(metrics), {"most_populous": rounded(peer_metrics)})
    return 0


def _description(row: dict[str, Any]) -> str:
    """The row's place description on one line: its lines (a village, then its township)
    joined with commas."""
    text = str(row.get("meta", {}).get("where_description") or "")
    lines = [" ".join(p.split()).strip(" ,;") for p in text.splitlines()]
    return ", ".join(p for p in lines if p)


#: Words that open a description which says itself how the place relates ("near Bouar",
#: "between Hpruso and Bawlakhe townships"): after them the sentence needs no "in".
RELATIONAL = frozenset(
    {"near", "in", "at", "on", "between", "from", "around", "outside", "inside", "close"}
    | {"along", "north", "south", "east", "west", "within", "off", "about", "some", "by"}
)
OPENING = "It happened "


def _sentence(description: str) -> str:
    """The description as the sentence it completes: "It happened in Bangui." (a name alone on
    a line is a label, which no reader of news meets), "It happened near Bouar." """
    first = description.split(maxsplit=1)[0].lower() if description else ""
    lead = "" if first in RELATIONAL else "in "
    return f"{OPENING}{lead}{description.rstrip(' .,;')}."


def analyse(rows: Sequence[dict[str, Any]]) -> list[tuple[Article | None, int]]:
    """Each row as an article (headline, then the description) through the place stages, and
    the offset where the description starts."""
    from wirewatch import pipeline
    from wirewatch.stages import link, parse, place

    made, starts = [], []
    for row in rows:
        headline = " ".join(str(row["text"]).split())
        text = f"{headline}\n\n{_sentence(_description(row))}"
        day = dt.date.fromisoformat(row["gold"]["date_start"]) + LAG
        made.append(Article(id=f"ged-{row['id']}", text=text, origin="ucdp", published=day))
        starts.append(len(headline) + 2 + len(OPENING))
    stages = [parse.stage(), link.stage(), place.stage()]
    done = {a.id: a for a in pipeline.run(stages, made) if isinstance(a, Article)}
    return [(done.get(a.id), start) for a, start in zip(made, starts, strict=True)]


def _finest(article: Article | None, start: int) -> Point | None:
    if article is None:
        return None
    resolved = [
        (FINENESS.get(m.place.precision, 4), m.span.start, m.place)
        for m in article.places
        if m.place is not None and m.span.start >= start and m.role == "body"
    ]
    if not resolved:
        return None
    best: Place = min(resolved, key=lambda r: (r[0], r[1]))[2]
    return best.lat, best.lon, best.country


def _peer(description: str, table: Gazetteer) -> Point | None:
    for match in NAME.finditer(description):
        entry = most_populous(match.group(0), table)
        if entry is not None:
            return entry.lat, entry.lon, _alpha3(entry.cc, table)
    return None


def _alpha3(cc: str, table: Gazetteer) -> str | None:
    country = table.country(cc)
    return country.code if country is not None else None


def score(rows: Sequence[dict[str, Any]], answers: Sequence[Point | None]) -> dict[str, float]:
    hits = dict.fromkeys(METRICS, 0)
    exact = 0
    for row, answer in zip(rows, answers, strict=True):
        gold = row["gold"]
        near = gold.get("where_prec", 9) <= 2
        exact += near
        if answer is None:
            continue
        far = km(answer[0], answer[1], gold["lat"], gold["lon"])
        hits["placed"] += 1
        hits["km25"] += far <= 25
        hits["km161"] += far <= 161
        hits["country"] += answer[2] == gold["country_iso3"]
        hits["exact25"] += near and far <= 25
    n = max(len(rows), 1)
    shares = {m: hits[m] / n for m in METRICS if m != "exact25"}
    shares["exact25"] = hits["exact25"] / exact if exact else 0.0
    return shares
