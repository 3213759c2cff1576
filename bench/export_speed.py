"""export_speed: export time and peak memory per format, and API page times, by store size.

The stores are synthetic (``synthetic``): made-up articles of five events, three quotes and
eight mentions each, with records shaped as the stages make them (actors, places, dates, tolls,
attributions; some fields empty, as in real data), stored through ``Store.save``. Two stores
are measured: a tenth of ``--limit`` events and ``--limit`` (100,000 by default). On each,
every format of ``wirewatch export --what events`` (``export.FORMATS``: JSON Lines, CSV,
Parquet, GeoJSON, ACLED, GDELT, PLOVER) runs in a fresh process: its wall time and its peak
memory (resident set growth over the process before the export, and, for stores of 10,000
events or more, in a second run the peak of Python's allocations by tracemalloc, which would
slow the timed run; Parquet's buffers are counted by the resident set). The goal: memory flat
in store size; ``FMT_memory_growth`` is the larger store's resident growth over the smaller's.

API pages (``/api/events`` and ``/api/articles``, JSON, 50 rows): the first page, and the page
the ``next`` link of a page near the end leads to (deep), median of 5, in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import ROOT, emit, print_table, rounded
from wirewatch import export
from wirewatch.records import (
    Actor,
    ActorMention,
    Article,
    Attribution,
    Count,
    Event,
    EventMention,
    Place,
    PlaceMention,
    Quote,
    Span,
    TextInfo,
    TimeRef,
)
from wirewatch.store import Store

TASK = "export_speed"
FORMATS = export.FORMATS
#: Stores smaller than this skip the traced second run (the small CI run stays quick).
TRACED_FROM = 10_000
EVENTS_PER = 5
TOPICS = 12
QUOTES_PER = 3
WORDS = [
    "officials",
    "said",
    "the",
    "strike",
    "hit",
    "a",
    "depot",
    "near",
    "the",
    "border",
    "overnight",
    "killing",
    "people",
    "and",
    "wounding",
    "others",
    "while",
    "the",
    "ministry",
    "denied",
    "any",
    "role",
    "in",
    "the",
    "attack",
    "on",
    "the",
    "town",
]
TYPES = ("ASSAULT", "ACCUSE", "AGREE", "CONSULT", "THREATEN", "PROTEST", "SUPPORT")
STATES = (("RUS", "Russia"), ("UKR", "Ukraine"), ("USA", "United States"), ("IRN", "Iran"))
PLACES = (("Kharkiv", "UKR", 49.98, 36.25), ("Belgorod", "RUS", 50.6, 36.6), (None, None, 0, 0))


def run(data: str | None, limit: int | None) -> int:
    total = limit or 100_000
    sizes = sorted({max(EVENTS_PER, total // 10), total})
    rows: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            db = str(Path(tmp) / f"{size}.db")
            started = time.perf_counter()
            synthetic(db, size // EVENTS_PER).close()
            print(f"  store of {size} events in {time.perf_counter() - started:.0f} s", flush=True)
            traced = size >= TRACED_FROM
            for fmt in FORMATS:
                cost = export_cost(db, fmt, tmp, traced=traced)
                rows.append({"events": size, "format": fmt, **cost})
            pages.append({"events": size, **page_times(db)})
    print_table("export_speed: wirewatch export --what events", rows)
    print_table("API pages (ms, median of 5)", pages)
    metrics: dict[str, Any] = {
        f"{r['format']}_{k}_at_{r['events']}": r[k]
        for r in rows
        for k in ("seconds", "rss_mb", "python_peak_mb")
    }
    metrics |= {f"{k}_at_{p['events']}": v for p in pages for k, v in p.items() if k != "events"}
    for fmt in FORMATS:
        small, large = (r["rss_mb"] for r in rows if r["format"] == fmt)
        metrics[f"{fmt}_memory_growth"] = large / max(small, 1.0)
    metrics["max_memory_growth"] = max(metrics[f"{fmt}_memory_growth"] for fmt in FORMATS)
    emit(TASK, total, rounded(metrics), {})
    return 0


# --- measures ------------------------------------------------------------------------------

MEASURE = """
import io, json, sys, time, tracemalloc
from wirewatch import export
from wirewatch.store import Store
import pyarrow, pyarrow.parquet
pyarrow.parquet.write_table(pyarrow.table({"a": [1]}), io.BytesIO())  # warm before the baseline
def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
traced = sys.argv[4] == "1"
store = Store(sys.argv[1]); before = rss(); started = time.perf_counter()
if traced:
    tracemalloc.start()
with open(sys.argv[3], "wb") as out:
    count = export.write(store, "events", sys.argv[2], out)
seconds = time.perf_counter() - started
print(json.dumps({"count": count, "seconds": seconds, "rss_mb": rss() - before,
                  "python_peak_mb": tracemalloc.get_traced_memory()[1] / 2**20 if traced else 0}))
"""


def export_cost(db: str, fmt: str, tmp: str, *, traced: bool = True) -> dict[str, Any]:
    """Seconds and resident set growth of one export in a fresh process, and Python's peak
    allocations in another when ``traced`` (tracemalloc slows allocation-heavy code, JSON most,
    several-fold, so the timed run does not trace)."""
    target = str(Path(tmp) / f"out.{fmt}")
    found = _measure(db, fmt, target, "0")
    found["python_peak_mb"] = _measure(db, fmt, target, "1")["python_peak_mb"] if traced else 0
    found["file_mb"] = Path(target).stat().st_size / 2**20
    return found


def _measure(db: str, fmt: str, target: str, trace: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, db, fmt, target, trace],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def page_times(db: str) -> dict[str, float]:
    """Milliseconds for the first page and for a deep page reached by a ``next`` link."""
    from fastapi.testclient import TestClient

    from wirewatch.api.app import create_app

    found: dict[str, float] = {}
    with TestClient(create_app(db)) as client:
        for route in ("/api/events", "/api/articles"):
            name = route.rsplit("/", 1)[-1]
            total = client.get(route, params={"limit": 1}).json()["total"]
            near_end = client.get(route, params={"offset": max(0, total - 120), "limit": 50})
            deep = near_end.json()["next"] or str(near_end.url)  # a small store: no next
            found[f"{name}_first_ms"] = _median_ms(client, route)
            found[f"{name}_deep_ms"] = _median_ms(client, deep)
    return found


def _median_ms(client: Any, url: str) -> float:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
    return statistics.median(times) * 1000


# --- the synthetic store ---------------------------------------------------------------------


def synthetic(db: str, count: int, seed: int = 15) -> Store:
    """A store of ``count`` made-up articles with their events, quotes and mentions."""
    store = Store(db)
    rng = random.Random(seed)
    for number in range(count):
        store.save(article(number, rng), queue=False)
    return store


def article(number: int, rng: random.Random) -> Article:
    article_id = f"{number:016x}"
    told = number - 1 if number % 10 == 9 else number  # every tenth copies the one before
    topic = _topic(told % TOPICS)
    words = random.Random(f"text {told}")
    text = " ".join(words.choice(topic if words.random() < 0.9 else WORDS) for _ in range(500))
    text = text.capitalize() + (". Updated." if told != number else ".")
    day = dt.date(2022, 2, 24) + dt.timedelta(days=number % 900)
    return Article(
        id=article_id,
        text=text,
        origin=f"synthetic/{number}.txt",
        raw=text.encode(),
        source=f"Outlet {number % 13}",
        title=f"Strike near {topic[0].title()}, report {number}",
        published=day,
        url=f"https://example.org/{number}",
        sentences=(Span(start=0, end=len(text), text=text[:60]),),
        events=tuple(_event(article_id, n, text, day, rng) for n in range(EVENTS_PER)),
        quotes=tuple(_quote(article_id, n, text, rng) for n in range(QUOTES_PER)),
        actors=tuple(
            ActorMention(span=_span(text, 40 * n, 5), actor=_actor(rng)) for n in range(5)
        ),
        places=tuple(
            PlaceMention(span=_span(text, 300 + 40 * n, 5), place=_place(rng)) for n in range(3)
        ),
        stages=(("synthetic", "1"),),
    )


def _topic(number: int) -> list[str]:
    """Made-up words of one of ``TOPICS`` stories, so that articles fall into several."""
    rng = random.Random(f"topic {number}")
    return [
        "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))
        for _ in range(12)
    ]


def _span(text: str, start: int, length: int) -> Span:
    return Span(start=start, end=start + length, text=text[start : start + length])


def _actor(rng: random.Random) -> Actor:
    code, name = rng.choice(STATES)
    return Actor(code=code, name=name, kind="state", sector=rng.choice((None, "GOV", "MIL")))


def _place(rng: random.Random) -> Place | None:
    name, country, lat, lon = rng.choice(PLACES)
    if name is None:
        return None
    return Place(
        geonameid=706483,
        name=name,
        feature="city",
        country=country,
        lat=lat,
        lon=lon,
        precision="city",
    )


def _event(article_id: str, n: int, text: str, day: dt.date, rng: random.Random) -> Event:
    start = 100 * n
    sentence, trigger = _span(text, start, 90), _span(text, start + 10, 6)
    place = _place(rng)
    dead = (Count(kind="dead", value=rng.randint(1, 30), qualifier=None, span=trigger),)
    return Event(
        id=f"{article_id}e{n}",
        article_id=article_id,
        event=rng.choice(TYPES),
        text_info=TextInfo(sentence=sentence, trigger=trigger, arguments=(("actor", trigger),)),
        mode=rng.choice((None, "aerial", "drone")),
        actor=(_actor(rng),),
        recipient=(_actor(rng),) if rng.random() < 0.7 else (),
        date=TimeRef(value=day.isoformat(), precision="day", text="on Friday", anchor=None),
        event_loc=PlaceMention(span=trigger, place=place) if rng.random() < 0.8 else None,
        size=dead if rng.random() < 0.3 else (),
        polarity="asserted",
        modality=rng.choice(("actual", "actual", "threatened")),
        attribution=Attribution(
            source=_actor(rng), description="officials", cue="said", span=sentence
        )
        if rng.random() < 0.3
        else None,
        cameo="190",
        quad=4,
        score=-10.0,
        mentions=(EventMention(trigger=trigger, sentence=sentence),),
    )


def _quote(article_id: str, n: int, text: str, rng: random.Random) -> Quote:
    content = _span(text, 600 + 80 * n, 70)
    return Quote(
        id=f"{article_id}q{n}",
        article_id=article_id,
        speaker=_actor(rng),
        speaker_text="the ministry",
        speaker_span=None,
        cue=_span(text, 590 + 80 * n, 4),
        content=content,
        kind="indirect",
        stance=rng.choice(("asserts", "denies")),
        about=(f"{article_id}e{n}",),
    )
