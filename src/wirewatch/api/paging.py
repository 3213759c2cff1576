"""Pages of a list: sorting, cursors (``after``), offsets, and every row streamed for exports.

A list is a ``Listing``: its query, its ``Order`` (one sort key, then a unique tie), and how
a batch of its rows is finished (counts added, records pulled apart). A JSON page reads
``limit`` rows, and one more to know whether a page follows, after the cursor: the sort key
and tie of the last row of the page before, in the ``next`` link. So a page deep in a large
table costs what the first costs, where ``offset`` reads and drops every row before it
(offsets still work, for links made before cursors). Aggregated lists (actors, places) are
computed whole for every page, so they keep paging by offset. An export reads every row,
``BATCH`` at a time, through a server-side cursor on PostgreSQL.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.errors import WirewatchError

#: Rows an export reads and finishes at a time.
BATCH = 1000
#: Ids in one IN (...) list (SQLite allows 32,766 bound values; a page holds at most 1,001).
IN_CHUNK = 500
SORT_KEY, TIE_KEY = "sort_key_", "tie_key_"


class QueryError(WirewatchError):
    """A filter, sort key or page that the query cannot use (the API answers 400)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One page: ``limit`` None means every row; ``sort`` is a key, ``-key`` for descending;
    ``after`` the cursor a page's ``next`` link carries."""

    limit: int | None = 50
    offset: int = 0
    sort: str | None = None
    after: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """The total before paging, one page of plain dicts, and what the next page starts
    from: ``cursor`` (keyset lists) or ``more`` rows after this offset (aggregates)."""

    total: int
    items: tuple[dict[str, Any], ...]
    cursor: str | None = None
    more: bool = False


@dataclass(frozen=True, slots=True)
class Order:
    """Sort by ``key`` (nulls last), then by ``tie``, a unique column, ascending."""

    name: str
    key: Any
    descending: bool
    tie: Any

    def clauses(self) -> list[Any]:
        key = self.key.desc() if self.descending else self.key.asc()
        return [key.nulls_last(), self.tie]

    def after(self, cursor: str) -> Any:
        """The rows that sort after the row the cursor was made from."""
        value, tie = self._decode(cursor)
        if value is None:  # among the rows without a key, at the end
            return sa.and_(self.key.is_(None), self.tie > tie)
        beyond = self.key < value if self.descending else self.key > value
        return sa.or_(beyond, sa.and_(self.key == value, self.tie > tie), self.key.is_(None))

    def cursor(self, row: Mapping[str, Any]) -> str:
        found = [self.name, _tagged(row[SORT_KEY]), row[TIE_KEY]]
        encoded = base64.urlsafe_b64encode(json.dumps(found).encode("utf-8"))
        return encoded.decode("ascii").rstrip("=")

    def _decode(self, cursor: str) -> tuple[Any, str]:
        problem = QueryError(
            f"after={cursor!r} is not a cursor of this list sorted by {self.name!r}; "
            "follow the next link of a page, or start without after."
        )
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            name, value, tie = json.loads(raw)
            value = _untagged(value)
        except (ValueError, TypeError, KeyError, binascii.Error):
            raise problem from None
        if name != self.name or not isinstance(tie, str) or not _fits(self.key, value):
            raise problem
        return value, tie


def order_by(keys: Mapping[str, Any], sort: str | None, default: str, tie: Any) -> Order:
    chosen = sort or default
    name = chosen.lstrip("-")
    if name not in keys:
        raise QueryError(f"cannot sort by {name!r}; choose one of {', '.join(sorted(keys))}.")
    return Order(chosen, keys[name], chosen.startswith("-"), tie)


Finish = Callable[[Connection, list[dict[str, Any]]], list[dict[str, Any]]]


def as_is(_conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return rows


@dataclass(frozen=True, slots=True)
class Listing:
    """A list's query, order and finish; ``keyed`` False pages by offset only."""

    query: sa.Select[Any]
    order: Order
    finish: Finish = as_is
    keyed: bool = True

    def page(self, conn: Connection, page: Page) -> Result:
        """The total and one page (``page.limit`` None: every row, as the old exports)."""
        _check(page)
        counted = sa.select(sa.func.count()).select_from(self.query.order_by(None).subquery())
        total = int(conn.scalar(counted) or 0)
        wanted = None if page.limit is None else page.limit + 1
        rows = self._fetched(conn, page, wanted)
        more = page.limit is not None and len(rows) > page.limit
        rows = rows[: page.limit]
        cursor = self.order.cursor(rows[-1]) if more and self.keyed else None
        items = self.finish(conn, [_bare(r) for r in rows])
        return Result(total=total, items=tuple(items), cursor=cursor, more=more)

    def _fetched(self, conn: Connection, page: Page, wanted: int | None) -> list[dict[str, Any]]:
        """The page's rows: sorted by their keys alone, then read whole by their ties.

        Sorting whole rows made the database read every record of the list (on 100,000
        events, most of a second) to keep the first fifty; the keys are small."""
        if not self.keyed:
            return [dict(r._mapping) for r in conn.execute(self._select(page).limit(wanted))]
        keys = self._select(page, only_keys=True).limit(wanted)
        ties = [row[1] for row in conn.execute(keys)]
        found: dict[Any, dict[str, Any]] = {}
        for part in range(0, len(ties), IN_CHUNK):
            chosen = self.order.tie.in_(ties[part : part + IN_CHUNK])
            query = self.query.add_columns(*self._labels()).where(chosen)
            found.update((r._mapping[TIE_KEY], dict(r._mapping)) for r in conn.execute(query))
        return [found[tie] for tie in ties]

    def rows(self, conn: Connection, page: Page) -> Iterator[dict[str, Any]]:
        """Every row of the page (all of them without a limit), ``BATCH`` at a time."""
        _check(page)
        query = self._select(page).limit(page.limit)
        found = conn.execute(query.execution_options(stream_results=True, yield_per=BATCH))
        for part in found.partitions():
            yield from self.finish(conn, [_bare(dict(r._mapping)) for r in part])

    def _labels(self) -> tuple[Any, Any]:
        return self.order.key.label(SORT_KEY), self.order.tie.label(TIE_KEY)

    def _select(self, page: Page, *, only_keys: bool = False) -> sa.Select[Any]:
        if only_keys:
            query = self.query.with_only_columns(*self._labels())
        else:
            query = self.query.add_columns(*self._labels())
        if page.after is not None:
            if not self.keyed:
                raise QueryError("this list pages by offset only (it is counted whole).")
            query = query.where(self.order.after(page.after))
        return query.order_by(*self.order.clauses()).offset(page.offset or None)


def _check(page: Page) -> None:
    if (page.limit is not None and page.limit < 0) or page.offset < 0:
        raise QueryError("limit and offset must be 0 or more.")


def _bare(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in (SORT_KEY, TIE_KEY)}


def _tagged(value: Any) -> Any:
    """Dates and times survive JSON as {"date": ISO} and {"time": ISO}."""
    if isinstance(value, dt.datetime):
        return {"time": value.isoformat()}
    return {"date": value.isoformat()} if isinstance(value, dt.date) else value


def _untagged(value: Any) -> Any:
    if isinstance(value, dict):
        ((kind, text),) = value.items()
        parse = {"time": dt.datetime.fromisoformat, "date": dt.date.fromisoformat}[kind]
        return parse(text)
    return value


def _fits(key: Any, value: Any) -> bool:
    """Whether ``value`` has the type of the sort key (a bad cursor is a 400, not a 500)."""
    if value is None:
        return True
    try:
        wanted: type = key.type.python_type
    except NotImplementedError:
        wanted = str
    if wanted is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if wanted is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return isinstance(value, wanted) and not isinstance(value, bool)
