"""Export stored records as JSON Lines, CSV or Parquet.

JSON Lines keeps records whole (events are PLOVER-style objects with the field names of
``records.Event``; merged events are ``records.MergedEvent``, stories ``records.Story``); CSV
and Parquet get one flat row per record, nested values as JSON text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import IO, Any

from wirewatch.errors import SettingsError
from wirewatch.records import to_dict
from wirewatch.store import Store

WHAT = ("articles", "events", "quotes", "actors", "merged", "stories", "links", "failures")
#: Kinds kept whole as JSON in a ``record`` column beside flat columns, and their tables.
WHOLE = {"events": "events", "quotes": "quotes", "merged": "merged_events"}
TABLES = {**WHOLE, "articles": "articles", "links": "article_links", "failures": "failures"}
FORMATS = ("jsonl", "csv", "parquet")


def records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The records of one kind, whole, as JSON-ready dicts."""
    if what not in WHAT:
        raise SettingsError(f"cannot export {what!r}; choose one of {', '.join(WHAT)}.")
    if what == "actors":
        yield from store.actor_rows()
        return
    if what == "stories":
        yield from _stories(store)
        return
    for row in store.rows(TABLES[what]):
        if what in WHOLE:
            yield row["record"]
        else:
            yield {k: _plain(v) for k, v in row.items() if k != "raw"}


def flat_rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """One flat row per record: table columns, nested values as JSON text."""
    if what in WHOLE:
        for row in store.rows(WHOLE[what]):
            yield {k: _cell(v) for k, v in row.items() if k != "record"}
        return
    for rec in records(store, what):
        yield {k: _cell(v) for k, v in rec.items()}


def write(store: Store, what: str, fmt: str, out: IO[bytes]) -> int:
    """Write every record of ``what`` to ``out`` in ``fmt``; return how many were written."""
    if fmt not in FORMATS:
        raise SettingsError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    if fmt == "jsonl":
        return _jsonl(records(store, what), out)
    rows = list(flat_rows(store, what))
    if fmt == "csv":
        return _csv(rows, out)
    return _parquet(rows, out)


def _stories(store: Store) -> Iterator[dict[str, Any]]:
    from wirewatch.corpus import stories

    with store.engine.connect() as conn:
        for story in stories.read(conn):
            yield to_dict(story)


def _jsonl(rows: Iterator[dict[str, Any]], out: IO[bytes]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count


def _csv(rows: list[dict[str, Any]], out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    columns = list(rows[0]) if rows else []
    writer = csv.DictWriter(text, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    text.detach()
    return len(rows)


def _parquet(rows: list[dict[str, Any]], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), out)
    return len(rows)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return _plain(value)
