"""Small SQL helpers the corpus stages share (SQLAlchemy Core; SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from wirewatch.store.schema import articles

T = TypeVar("T")
#: Most values bound in one IN (...) list: SQLite allows 32,766 variables, stay well under.
CHUNK = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class Brief:
    """What the corpus stages read of a stored article (no analysis, no raw input)."""

    id: str
    text: str
    title: str | None
    published: dt.date | None
    ingested: dt.datetime
    wire: str | None
    wire_evidence: str | None
    dateline: str | None

    @property
    def day(self) -> dt.date:
        """The publication date, else the day it was stored (UTC): the order stories grow in."""
        return self.published or _naive(self.ingested).date()


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held inside the calendar (year 1 to 9999) at its ends."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def briefs(conn: Connection, ids: Sequence[str]) -> list[Brief]:
    """The articles with these ids, oldest first (day, then id: ``corpus.queue``'s order)."""
    columns = tuple(articles.c[n] for n in ("id", "text", "title", "published", "wire"))
    found: list[Brief] = []
    for part in chunks(list(dict.fromkeys(ids))):
        query = sa.select(
            *columns,
            articles.c.wire_evidence,
            articles.c.dateline,
            articles.c.ingested_at,
        ).where(articles.c.id.in_(part))
        found.extend(_brief(row._mapping) for row in conn.execute(query))
    return sorted(found, key=lambda b: (b.day, b.id))


def _naive(moment: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes, PostgreSQL aware ones: compare them as UTC."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _brief(row: Any) -> Brief:
    dateline = row["dateline"]
    return Brief(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        published=row["published"],
        ingested=row["ingested_at"],
        wire=row["wire"],
        wire_evidence=row["wire_evidence"],
        dateline=dateline.get("text") if isinstance(dateline, dict) else None,
    )


def upsert(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows``, replacing the non-key columns of rows whose primary key exists."""
    if not rows:
        return
    keys = [c.name for c in table.primary_key.columns]
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    if conn.dialect.name not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"upsert is written for SQLite and PostgreSQL, not {dialect}")
    statement = dialect.insert(table)
    others = {c: statement.excluded[c] for c in rows[0] if c not in keys}
    if others:
        statement = statement.on_conflict_do_update(index_elements=keys, set_=others)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    conn.execute(statement, list(rows))


def scalars_in(
    conn: Connection, column: sa.Column[Any], where: sa.Column[Any], values: Iterable[Any]
) -> list[Any]:
    """``column`` of the rows whose ``where`` is one of ``values`` (chunked)."""
    found: list[Any] = []
    for part in chunks(list(values)):
        found.extend(conn.scalars(sa.select(column).where(where.in_(part))))
    return found
