"""The records of each kind as the store keeps them: whole (JSON Lines), or as flat rows of
the stored table's columns with nested values as JSON text (the rows a Spark run's datasets
hold, ``spark/rows.py``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from wirewatch.errors import SettingsError
from wirewatch.export import writers
from wirewatch.export.writers import Kind
from wirewatch.records import Actor, Story, to_dict
from wirewatch.store import Store
from wirewatch.store.schema import metadata

WHAT = ("articles", "events", "quotes", "actors", "merged", "stories", "links", "failures")
#: Kinds kept whole as JSON in a ``record`` column beside flat columns, and their tables.
WHOLE = {"events": "events", "quotes": "quotes", "merged": "merged_events"}
TABLES = {**WHOLE, "articles": "articles", "links": "article_links", "failures": "failures"}
#: Columns never exported flat: records whole (JSON Lines has them) and raw input.
LEFT_OUT = ("record", "raw")


def check(what: str) -> None:
    if what not in WHAT:
        raise SettingsError(f"cannot export {what!r}; choose one of {', '.join(WHAT)}.")


def records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The records of one kind, whole, as JSON-ready dicts."""
    check(what)
    if what == "actors":
        yield from store.actor_rows()
    elif what == "stories":
        yield from _stories(store)
    elif what in WHOLE:
        yield from store.column(WHOLE[what], "record", batch=writers.BATCH)
    else:
        for row in store.rows(TABLES[what], leave=("raw",), batch=writers.BATCH):
            yield {k: plain(v) for k, v in row.items()}


def flat_rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """One flat row per record: the stored columns, nested values as JSON text."""
    if what in WHOLE:
        for row in store.rows(WHOLE[what], leave=LEFT_OUT, batch=writers.BATCH):
            yield {k: cell(v) for k, v in row.items()}
        return
    for rec in records(store, what):
        yield {k: cell(v) for k, v in rec.items()}


def stored_columns(what: str) -> list[tuple[str, Kind]]:
    """``flat_rows``'s keys in order, each with its type."""
    check(what)
    if what == "actors":
        return [*_fields(Actor), ("mentions", "int"), ("articles", "int")]
    if what == "stories":
        return _fields(Story)
    table = metadata.tables[TABLES[what]]
    return [(c.name, _kind(c.type)) for c in table.columns if c.name not in LEFT_OUT]


def plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return plain(value)


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
