"""Merged events of one block of reports, in memory: ``merge.update``'s decisions replayed.

A block is a set of reports that no merge candidate crosses (docs/spark.md: one event type
and modality, one stretch of days). The store merges batch by batch (``corpus.catch_up``),
in each batch oldest report first (``merge.oldest``): a report joins the first candidate
(``merge.order``) all of whose reports agree with it (``merge.home``), or starts one
(``merge.new_id``, ``merge.start_row``), and every merged event touched is rewritten at the
batch's end (``merge.row``), with person names resolved as the aliases stood after that
batch. This does the same with the same functions, and keeps what the store ends with: each
merged event's row as its last batch wrote it, its reports and the batches that touched it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa

from wirewatch.corpus import actors, compat, merge
from wirewatch.corpus.compat import Report
from wirewatch.corpus.db import chunks
from wirewatch.store.schema import actor_aliases

#: A person's name and a batch → the full name it resolved to after that batch.
Resolve = Callable[[str, int], str]


@dataclass(frozen=True, slots=True)
class Item:
    """A report (names left empty) and the batch of ``catch_up`` its article goes through."""

    batch: int
    report: Report


@dataclass
class Held:
    """A merged event as the store holds it between batches."""

    row: dict[str, Any]
    members: list[Item] = field(default_factory=list)
    batches: list[int] = field(default_factory=list)  # those that touched it, in order
    named: list[Report] = field(default_factory=list)  # members, names as of ``at``
    at: int = -1


def merge_block(
    items: Iterable[Item], resolve: Resolve, wide: dt.timedelta = compat.WIDE
) -> list[Held]:
    """The merged events the store makes of these reports (one block), in order of id;
    ``wide`` as ``compat.dates_agree`` takes it (the bench replays other values)."""
    held: dict[str, Held] = {}
    ordered: list[tuple[tuple[Any, ...], str]] = []  # candidates, in ``merge.order``
    ranked = sorted(items, key=lambda i: (i.batch, merge.oldest(i.report)))
    for batch, group in itertools.groupby(ranked, key=lambda i: i.batch):
        touched: set[str] = set()
        for item in group:
            report = _named(item.report, batch, resolve)
            bounds = merge.window(report)
            reach = (m for _, m in ordered if merge.reaches(held[m].row, bounds))
            member = functools.partial(_member_of, held, batch, resolve)
            found = merge.home(report, reach, member, wide)
            if found is None:
                found = merge.new_id(report.event.id, held.__contains__)
                held[found] = Held(merge.start_row(found, report))
                bisect.insort(ordered, (merge.order(held[found].row), found))
            _join(held[found], item, report, batch)
            touched.add(found)
        for merged_id in sorted(touched):
            ordered.remove((merge.order(held[merged_id].row), merged_id))
            held[merged_id].row = _row(held[merged_id], batch, resolve)
            bisect.insort(ordered, (merge.order(held[merged_id].row), merged_id))
    return [held[m] for m in sorted(held)]


def _member_of(
    held: dict[str, Held], batch: int, resolve: Resolve, merged_id: str
) -> Sequence[Report]:
    return _members(held[merged_id], batch, resolve)


def _named(report: Report, batch: int, resolve: Resolve) -> Report:
    names = {a.name: resolve(a.name, batch) for a in merge.people(report.event)}
    return replace(report, names=names)


def _members(held: Held, batch: int, resolve: Resolve) -> Sequence[Report]:
    """The merged event's reports with names as of ``batch`` (what ``_members`` reads)."""
    if held.at != batch:
        held.named = [_named(m.report, batch, resolve) for m in held.members]
        held.at = batch
    return held.named


def _join(held: Held, item: Item, report: Report, batch: int) -> None:
    held.members.append(item)
    if held.at == batch:
        held.named.append(report)
    if not held.batches or held.batches[-1] != batch:
        held.batches.append(batch)


def _row(held: Held, batch: int, resolve: Resolve) -> dict[str, Any]:
    """The row ``merge._refresh`` writes at the end of ``batch``."""
    members = sorted((m.report for m in held.members), key=merge.oldest)
    names = {a.name: resolve(a.name, batch) for m in members for a in merge.people(m.event)}
    return merge.row(held.row["id"], [replace(m, names=names) for m in members])


def aliases(batches: Iterable[Iterable[str]]) -> dict[str, list[tuple[int, str]]]:
    """Each person name's full name from the batch it changed on: ``actors.register`` run
    over each batch's names in turn, in memory, as ``catch_up`` runs it in the store."""
    engine = sa.create_engine("sqlite://")
    actor_aliases.create(engine)
    found: dict[str, list[tuple[int, str]]] = {}
    with engine.begin() as conn:
        for batch, names in enumerate(batches):
            met = sorted(set(names))
            actors.register(conn, met)
            touched = sorted({actors.surname(n) for n in met})
            for part in chunks(touched):
                where = actor_aliases.c.surname.in_(part)
                query = sa.select(actor_aliases.c.alias, actor_aliases.c.canonical).where(where)
                for alias, canonical in conn.execute(query):
                    seen = found.setdefault(alias, [])
                    if not seen or seen[-1][1] != canonical:
                        seen.append((batch, canonical))
    engine.dispose()
    return found


def resolver(history: dict[str, list[tuple[int, str]]]) -> Resolve:
    """``Resolve`` over ``aliases``' history: a name not met yet stays as it is (cleaned)."""

    def resolve(name: str, batch: int) -> str:
        changes = history.get(name)
        if not changes:
            return actors.clean(name)
        at = bisect.bisect_right(changes, batch, key=lambda c: c[0])
        return changes[at - 1][1] if at else actors.clean(name)

    return resolve
