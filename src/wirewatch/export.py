"""Export stored records as JSON Lines, CSV, Parquet or GeoJSON, all streaming.

JSON Lines keeps records whole (events are PLOVER-style objects with the field names of
``records.Event``; merged events are ``records.MergedEvent``, stories ``records.Story``); CSV
and Parquet get one flat row per record, nested values as JSON text.

Every format is written as the rows are read, ``BATCH`` rows at a time (server-side cursors
on PostgreSQL), so memory stays flat whatever the size of the store: CSV row by row, Parquet
one row group per batch with a schema fixed before the first row (a column that is empty in
every row still has its type), GeoJSON one feature at a time inside its FeatureCollection.
The API's CSV and GeoJSON answers use the same writers (``csv_chunks``, ``geojson_chunks``).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import typing
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import IO, Any, Literal

import sqlalchemy as sa

from wirewatch.errors import SettingsError
from wirewatch.records import Actor, Story, to_dict
from wirewatch.store import Store
from wirewatch.store.schema import metadata

WHAT = ("articles", "events", "quotes", "actors", "merged", "stories", "links", "failures")
#: Kinds kept whole as JSON in a ``record`` column beside flat columns, and their tables.
WHOLE = {"events": "events", "quotes": "quotes", "merged": "merged_events"}
TABLES = {**WHOLE, "articles": "articles", "links": "article_links", "failures": "failures"}
FORMATS = ("jsonl", "csv", "parquet")
#: Rows read, written and held at a time: one Parquet row group, one chunk of CSV or GeoJSON.
BATCH = 5000
#: Columns never exported flat: records whole (JSON Lines has them) and raw input.
LEFT_OUT = ("record", "raw")
Kind = Literal["text", "int", "float"]


def records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The records of one kind, whole, as JSON-ready dicts."""
    _check(what)
    if what == "actors":
        yield from store.actor_rows()
    elif what == "stories":
        yield from _stories(store)
    elif what in WHOLE:
        yield from store.column(WHOLE[what], "record", batch=BATCH)
    else:
        for row in store.rows(TABLES[what], leave=("raw",), batch=BATCH):
            yield {k: _plain(v) for k, v in row.items()}


def flat_rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """One flat row per record: table columns, nested values as JSON text."""
    if what in WHOLE:
        for row in store.rows(WHOLE[what], leave=LEFT_OUT, batch=BATCH):
            yield {k: _cell(v) for k, v in row.items()}
        return
    for rec in records(store, what):
        yield {k: _cell(v) for k, v in rec.items()}


def write(store: Store, what: str, fmt: str, out: IO[bytes]) -> int:
    """Write every record of ``what`` to ``out`` in ``fmt``; return how many were written."""
    if fmt not in FORMATS:
        raise SettingsError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    _check(what)
    if fmt == "jsonl":
        return _jsonl(records(store, what), out)
    counted = _Counted(flat_rows(store, what))
    if fmt == "csv":
        out.writelines(csv_chunks(counted, strict=True))
    else:
        write_parquet(counted, columns(what), out)
    return counted.count


def columns(what: str) -> list[tuple[str, Kind]]:
    """The flat columns of a kind, in order, each with its type (``flat_rows``'s keys)."""
    _check(what)
    if what == "actors":
        return [*_fields(Actor), ("mentions", "int"), ("articles", "int")]
    if what == "stories":
        return _fields(Story)
    table = metadata.tables[TABLES[what]]
    return [(c.name, _kind(c.type)) for c in table.columns if c.name not in LEFT_OUT]


# --- writers ---------------------------------------------------------------------------------


def csv_chunks(
    rows: Iterable[dict[str, Any]], *, strict: bool = False, leave: Sequence[str] = ()
) -> Iterator[bytes]:
    """UTF-8 CSV, ``BATCH`` rows per chunk; the columns are the first row's keys but ``leave``.

    ``strict``: a later row with a key the first lacks is an error (the export), else the
    key is ignored (the API). No rows: an empty header line.
    """
    found = iter(rows)
    first = next(found, None)
    names = [k for k in (first or {}) if k not in leave]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=names, extrasaction="raise" if strict else "ignore")
    writer.writeheader()
    for batch in _batches(chain([first], found) if first is not None else found):
        writer.writerows(batch)
        yield _drain(text)
    if text.tell():
        yield _drain(text)


def geojson_chunks(features: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """A GeoJSON FeatureCollection, ``BATCH`` features per chunk (the bytes ``json.dumps``
    gives for the whole collection, without holding it)."""
    yield b'{"type": "FeatureCollection", "features": ['
    separator = ""
    for batch in _batches(features):
        parts = (json.dumps(f, ensure_ascii=False) for f in batch)
        yield (separator + ", ".join(parts)).encode("utf-8")
        separator = ", "
    yield b"]}"


def write_parquet(
    rows: Iterable[dict[str, Any]], names: Sequence[tuple[str, Kind]], out: Any
) -> int:
    """Parquet with a fixed schema, one row group per ``BATCH`` rows; return the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"text": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([(name, types[kind]) for name, kind in names])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _batches(rows):
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


# --- helpers ---------------------------------------------------------------------------------


class _Counted:
    """The rows, counted as they go by."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows, self.count = iter(rows), 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            self.count += 1
            yield row


def _check(what: str) -> None:
    if what not in WHAT:
        raise SettingsError(f"cannot export {what!r}; choose one of {', '.join(WHAT)}.")


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    found = iter(rows)
    while batch := list(islice(found, BATCH)):
        yield batch


def _drain(text: io.StringIO) -> bytes:
    chunk = text.getvalue().encode("utf-8")
    text.seek(0)
    text.truncate()
    return chunk


def _kind(column_type: sa.types.TypeEngine[Any]) -> Kind:
    """Integers and floats keep their type; text, dates and JSON are written as text."""
    if isinstance(column_type, sa.Integer):
        return "int"
    return "float" if isinstance(column_type, sa.Float) else "text"


def _fields(record: type) -> list[tuple[str, Kind]]:
    hints = typing.get_type_hints(record)
    kinds: dict[Any, Kind] = {int: "int", float: "float"}
    return [(f.name, kinds.get(hints[f.name], "text")) for f in dataclasses.fields(record)]


def _stories(store: Store) -> Iterator[dict[str, Any]]:
    from wirewatch.corpus import stories

    with store.engine.connect() as conn:
        for story in stories.each(conn, batch=200):
            yield to_dict(story)


def _jsonl(rows: Iterator[dict[str, Any]], out: IO[bytes]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return _plain(value)
