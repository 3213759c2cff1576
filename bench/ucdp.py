"""ucdp: conflict events from UCDP GED headlines (``ucdp/ged_dev.jsonl``), with a peer.

Each row is one UCDP GED event (CC BY 4.0; see the file's notes for the citations): the
first news headline UCDP recorded for it, and UCDP's coded values. Every GED event is
organised violence, so the PLOVER type it should get is ASSAULT. The headline is analysed
as an article published three days after the event began (``date_start`` + 3), so that a
relative date ("on Tuesday") has to be resolved. A headline rarely tells everything UCDP
coded from its full sources: these are floors, read side by side with the peer.

The row's event is wirewatch's first event in the text, ASSAULT first when there is one.

Metrics (shares of rows; the denominators are printed):
- ``found``: at least one event;
- ``type_acc``: the row's event is an ASSAULT (every row);
- ``dead_exact`` / ``dead_in_range``: rows with ``deaths_best`` > 0 whose largest dead count
  among the events equals ``deaths_best`` / lies within ``deaths_low``–``deaths_high``;
- ``loc_25`` / ``loc_161``: the row's event is placed within 25 / 161 km of UCDP's point
  (every row; an unplaced event misses);
- ``dated``: the row's event has a date from the text (not only the publication day);
  ``date_right``: of those, the date holds ``date_start`` (a day, or a day inside the week,
  month or interval it gives). Headlines seldom give a date: an undated event is right to
  stay undated, so it is not counted against ``date_right``;
- ``actor_country``: state-based rows whose side A is the government of the row's country:
  that country's code is among the doers of the row's event. UCDP puts the government on
  side A of every state-based dyad, whichever side struck: in "Over 200 junta soldiers
  killed in battle" the government is the one who suffered it, so a system that reads the
  roles right loses here what one that takes the headline's subject for the doer gains;
- ``party_country``: the same rows: that country's code is among the event's doers or
  recipients (the government's side is a party, either way round).

Peer ``keywords`` (same rows): a violence word means an ASSAULT; the number before "killed",
"dead" or "died" is the dead count; the most populous gazetteer entry of the first
capitalised name is the place; the first country name or demonym is the doer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import data_path, emit, print_table, read_jsonl, rounded
from bench.tuning import most_populous
from wirewatch.gazetteer import Gazetteer, gazetteer, km
from wirewatch.records import Article, Event

TASK = "ucdp"
DEFAULT = "ucdp/ged_dev.jsonl"
LAG = dt.timedelta(days=3)
METRICS = (
    "found",
    "type_acc",
    "dead_exact",
    "dead_in_range",
    "loc_25",
    "loc_161",
    "dated",
    "date_right",
    "actor_country",
    "party_country",
)


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    rows = read_jsonl(path, limit)
    analysed = analyse(rows)
    table = gazetteer()
    ours = score(rows, [_ours(a) for a in analysed])
    peer = score(rows, [_keywords(r["text"], table) for r in rows])
    print_table(
        f"ucdp: {len(rows)} GED headlines ({path})",
        [
            {"system": "wirewatch", **ours["shares"]},
            {"system": "keywords (peer)", **peer["shares"]},
        ],
    )
    print("denominators:", ours["counted"])
    emit(TASK, len(rows), rounded({**ours["shares"], "counted": ours["counted"]}),
         {"keywords": rounded(peer["shares"])})  # fmt: skip
    return 0


def analyse(rows: Sequence[dict[str, Any]]) -> list[Article | None]:
    """Every row's headline through ingest and the default stages (None: it failed)."""
    import wirewatch
    from wirewatch import pipeline
    from wirewatch.stages import ingest
    from wirewatch.stages.ingest.sources import Input

    conf = wirewatch.load_settings()
    made = []
    for row in rows:
        day = dt.date.fromisoformat(row["gold"]["date_start"]) + LAG
        item = Input(f"ged-{row['id']}", row["text"].encode("utf-8"), "text")
        made.append(ingest.article_from(item, published=day, min_english=0.0, min_words=1))
    done = {
        a.origin: a
        for a in pipeline.run(wirewatch.default_stages(conf), made)
        if isinstance(a, Article)
    }
    return [done.get(a.origin) for a in made]


#: What scoring reads of one row's answer: type, dead, (lat, lon), date interval, doers, and
#: every party (doers and recipients).
Answer = tuple[
    str | None, int | None, tuple[float, float] | None, tuple[str, str] | None, set[str], set[str]
]


def _ours(article: Article | None) -> Answer:
    if article is None or not article.events:
        return None, None, None, None, set(), set()
    events = sorted(article.events, key=lambda e: (e.event != "ASSAULT", e.text_info.trigger.start))
    main = events[0]
    deads = [c.value for e in article.events for c in e.size if c.kind == "dead"]
    place = main.event_loc.place if main.event_loc else None
    point = (place.lat, place.lon) if place else None
    codes = {a.code for a in main.actor if a.code}
    parties = codes | {a.code for a in main.recipient if a.code}
    return main.event, max(deads) if deads else None, point, _days(main), codes, parties


def _days(event: Event) -> tuple[str, str] | None:
    from wirewatch.corpus import compat

    if event.date is None or not event.date.value or event.date.precision == "publication":
        return None
    found = compat.days(event.date.value)
    return (found[0].isoformat(), found[1].isoformat()) if found else None


_VIOLENCE = re.compile(
    r"\b(kill|dead|death|died|die|attack|clash|shell|bomb|shot|shoot|fight|strike|airstrike|"
    r"explo|wound|injur|massacre|ambush|murder|battle|raid|tu[eé]|muert|asesin|ataque)",
    re.IGNORECASE,
)
_TOLL = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
    r"(?:\s+\w+){0,3}?\s+(?:killed|dead|died|die|deaths)",
    re.IGNORECASE,
)
_NUMBERS = "one two three four five six seven eight nine ten eleven twelve"
_WORDS = {w: n for n, w in enumerate(_NUMBERS.split(" "), 1)}
#: A capitalised name of up to three words (the peer's place and doer).
NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}")


def _keywords(text: str, table: Gazetteer) -> Answer:
    if not _VIOLENCE.search(text):
        return None, None, None, None, set(), set()
    toll = _TOLL.search(text)
    dead = None
    if toll:
        word = toll.group(1).lower()
        dead = int(word) if word.isdigit() else _WORDS[word]
    point, doers = None, set()
    for match in NAME.finditer(text):
        entry = most_populous(match.group(0), table)
        if entry is None:
            continue
        if point is None:
            point = (entry.lat, entry.lon)
        if not doers and entry.feature == "country" and len(entry.code) == 3:
            doers = {entry.code}
    return "ASSAULT", dead, point, None, doers, doers


def score(rows: Sequence[dict[str, Any]], answers: Sequence[Answer]) -> dict[str, Any]:
    right: Counter[str] = Counter()
    counted: Counter[str] = Counter()
    for row, (kind, dead, point, days, doers, parties) in zip(rows, answers, strict=True):
        gold = row["gold"]
        _tally(right, counted, "found", kind is not None)
        _tally(right, counted, "type_acc", kind == "ASSAULT")
        if (gold.get("deaths_best") or 0) > 0:
            _tally(right, counted, "dead_exact", dead == gold["deaths_best"])
            low, high = gold["deaths_low"], gold["deaths_high"]
            _tally(right, counted, "dead_in_range", dead is not None and low <= dead <= high)
        far = km(point[0], point[1], gold["lat"], gold["lon"]) if point else None
        _tally(right, counted, "loc_25", far is not None and far <= 25)
        _tally(right, counted, "loc_161", far is not None and far <= 161)
        start = gold["date_start"]
        if kind is not None:
            _tally(right, counted, "dated", days is not None)
        if days is not None:
            _tally(right, counted, "date_right", days[0] <= start <= days[1])
        if _state_based(gold):
            _tally(right, counted, "actor_country", gold["country_iso3"] in doers)
            _tally(right, counted, "party_country", gold["country_iso3"] in parties)
    shares = {m: right[m] / counted[m] if counted[m] else 0.0 for m in METRICS}
    return {"shares": shares, "counted": {m: counted[m] for m in METRICS}}


def _tally(right: Counter[str], counted: Counter[str], metric: str, hit: bool) -> None:
    counted[metric] += 1
    right[metric] += hit


def _state_based(gold: dict[str, Any]) -> bool:
    """Type 1 with side A the government of the row's own country."""
    return gold["type_of_violence"] == 1 and gold["side_a"] == f"Government of {gold['country']}"
