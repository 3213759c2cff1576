"""Merged events: reports from different articles of one happening become one event.

A new report joins, of the merged events all of whose reports it agrees with (``compat``),
the one holding the report told most alike (a copy joins its original's), or starts one.
A merged event lists its reports, counts its independent sources (copies of one text, and
every report from one wire, count once), names its first report, takes the value most
reports give for each field and keeps the others side by side as conflicts (dead: 6 in one
report, 7 in another). The reports of an article processed again replace its old ones, so
no event is ever counted twice.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.corpus import actors, compat
from wirewatch.corpus.compat import Report
from wirewatch.corpus.db import chunks, shift, upsert
from wirewatch.records import (
    Actor,
    Conflict,
    Count,
    Event,
    EventReport,
    MergedEvent,
    from_dict,
    to_dict,
)
from wirewatch.store.schema import article_links, articles, events, merged_events, merged_reports

K = TypeVar("K", bound=Hashable)


#: Most events ``update`` keeps decoded between the batches of one corpus step.
DECODED_MOST = 50_000


def update(
    conn: Connection, article_ids: Sequence[str], decoded: dict[str, Event] | None = None
) -> int:
    """Merge the events of these articles (again); return how many merged events changed.

    ``decoded``, when given, keeps the events read back from the store from one call to the
    next: the corpus step passes one for all its batches, so that a merged event that is a
    candidate in every batch is decoded once. The events of these articles are dropped from
    it first: another process may have stored an article again between two batches, and it
    comes through the queue before its new events are merged.
    """
    decoded = {} if decoded is None else decoded
    if len(decoded) > DECODED_MOST:
        decoded.clear()
    again = set(article_ids)
    for event_id in [k for k, e in decoded.items() if e.article_id in again]:
        del decoded[event_id]
    touched = set(_forget(conn, article_ids))
    for merged_id in sorted(touched):  # drop what is left empty before new ids are chosen
        _refresh(conn, merged_id, decoded)
    known: dict[str, list[Report]] = {}  # merged id → its reports, decoded once per update
    joined: list[dict[str, str]] = []
    for report in _reports(conn, article_ids):
        merged_id = _home(conn, report, known, decoded) or _start(conn, report)
        joined.append(
            {
                "event_id": report.event.id,
                "merged_id": merged_id,
                "article_id": report.event.article_id,
            }
        )
        known.setdefault(merged_id, []).append(report)
        touched.add(merged_id)
    # Written together: every merged event a report joined is in ``known`` by then, so no
    # read during the loop needs them.
    for part in chunks(joined):
        conn.execute(merged_reports.insert(), part)
    rows = [row(merged_id, _held(known[merged_id])) for merged_id in sorted(touched & set(known))]
    upsert(conn, merged_events, rows)
    for merged_id in sorted(touched - set(known)):
        _refresh(conn, merged_id, decoded)
    return len(touched)


def _held(reports: Sequence[Report]) -> list[Report]:
    """A merged event's reports as ``_members`` would read them again: oldest first, the
    first carrying the resolved names of every member's people.

    Every ``Report`` of one update was resolved against the same alias table (the corpus
    step updates the aliases before it merges), so the union of their names equals one
    resolution of all of them; reading the members back from the store would decode every
    report a second time.
    """
    ordered = sorted(reports, key=oldest)
    names = {k: v for r in ordered for k, v in r.names.items()}
    first = ordered[0]
    return [Report(first.event, first.published, first.source, names), *ordered[1:]]


def _forget(conn: Connection, article_ids: Sequence[str]) -> list[str]:
    """Take these articles' reports out of their merged events; return those events."""
    found: list[str] = []
    for part in chunks(list(article_ids)):
        where = merged_reports.c.article_id.in_(part)
        found.extend(conn.scalars(sa.select(merged_reports.c.merged_id).where(where)))
        conn.execute(merged_reports.delete().where(where))
    return found


def _reports(
    conn: Connection, article_ids: Sequence[str], event_ids: Sequence[str] | None = None
) -> list[Report]:
    """The events of these articles (or just these events) as reports, oldest article first."""
    rows: list[Any] = []
    column = events.c.article_id if event_ids is None else events.c.id
    for part in chunks(list(article_ids if event_ids is None else event_ids)):
        query = (
            sa.select(events.c.record, articles.c.published, *_link_columns())
            .join(articles, articles.c.id == events.c.article_id)
            .outerjoin(article_links, article_links.c.article_id == events.c.article_id)
            .where(column.in_(part))
        )
        rows.extend(conn.execute(query).all())
    found = [_report(row) for row in rows]
    names = actors.resolve(conn, (a.name for r in found for a in people(r.event)))
    found = [Report(r.event, r.published, r.source, names) for r in found]
    return sorted(found, key=oldest)


def oldest(report: Report) -> tuple[dt.date, str, str]:
    """The order reports are merged in within a batch: published (undated last), article,
    event."""
    return (report.published or dt.date.max, report.event.article_id, report.event.id)


def _link_columns() -> tuple[Any, ...]:
    return (article_links.c.original_id, article_links.c.wire)


def _report(row: Any) -> Report:
    event = from_dict(Event, row.record)
    return Report(event, row.published, source(event.article_id, row.original_id, row.wire), {})


def source(article_id: str, original_id: str | None, wire: str | None) -> str:
    """The independent source a report counts for: its wire, else its article's original,
    else its article."""
    return "wire:" + wire if wire else original_id or article_id


def people(event: Event) -> Iterable[Actor]:
    return (a for a in (*event.actor, *event.recipient) if a.kind == "person")


def _home(
    conn: Connection, report: Report, known: dict[str, list[Report]], decoded: dict[str, Event]
) -> str | None:
    """The merged event whose every report agrees with ``report`` (oldest first)."""

    query, given = _candidates(report)
    span = compat.interval(report.event, report.published)
    found = [str(r.id) for r in conn.execute(query, given) if _may_agree(span, r)]
    known.update(_members_of(conn, [m for m in found if m not in known], decoded))
    return home(report, found, known.__getitem__)


#: Widest a merged event of reports that all span ``compat.WIDE`` or less can be: its
#: reports agree pairwise, so they share a day (give or take the slack), and none is wider.
_NARROW_MOST = 2 * compat.WIDE + 2 * compat.SLACK


def _may_agree(span: tuple[dt.date, dt.date] | None, row: Any) -> bool:
    """False when a candidate's stored dates alone show some report of it disagrees with a
    report of ``span`` (one spans more than ``compat.WIDE`` and the other not); its reports then go
    undecoded. Exact: it drops no candidate ``home`` could choose. The stored dates are those
    of the reports the merged event held when the batch began (a subset of those it holds).
    """
    if span is None or row.date_start is None or row.date_end is None:
        return True
    width = dt.date.fromisoformat(str(row.date_end)) - dt.date.fromisoformat(str(row.date_start))
    if compat.longer(span):
        return width >= compat.WIDE  # else every stored report spans WIDE or less
    return width <= _NARROW_MOST  # else some stored report spans more than WIDE


def home(
    report: Report,
    candidates: Iterable[str],
    members: Callable[[str], Sequence[Report]],
    wide: dt.timedelta = compat.WIDE,
) -> str | None:
    """Of ``candidates`` (in the store's order) all of whose reports agree with ``report``,
    the one whose most alike report tells it in the most alike sentence (the first on a
    tie): the one rule that places a report, in the store and in Spark alike. A copy's
    report thus joins its original's, not another happening of the same kind and day."""
    best: tuple[float, str] | None = None
    for merged_id in candidates:
        held = members(merged_id)
        if all(compat.same_happening(report, m, wide) for m in held):
            alike = max(compat.likeness(report.event, m.event) for m in held)
            if best is None or alike > best[0]:
                best = (alike, merged_id)
    return best[1] if best else None


def window(report: Report) -> tuple[str, str] | None:
    """The days (ISO, slack included) a merged event's dates must reach to be a candidate
    for ``report``; None when the report has no dates (every merged event of its kind is)."""
    span = compat.interval(report.event, report.published)
    if span is None:
        return None
    start = shift(span[0], -compat.SLACK.days).isoformat()
    return start, shift(span[1], compat.SLACK.days).isoformat()


def reaches(row: Mapping[str, Any], bounds: tuple[str, str] | None) -> bool:
    """Whether a merged event's row is a candidate for a report with these ``bounds``."""
    if bounds is None or row["date_end"] is None or row["date_start"] is None:
        return True
    return bool(row["date_end"] >= bounds[0] and row["date_start"] <= bounds[1])


def order(row: Mapping[str, Any]) -> tuple[bool, dt.date, str]:
    """Where a merged event's row stands among the candidates: oldest first published
    (none first, as ``_candidates`` orders them), then id."""
    first = row["first_published"]
    return (first is not None, first or dt.date.min, str(row["id"]))


def _candidates(report: Report) -> tuple[sa.CompoundSelect[Any] | sa.Select[Any], dict[str, Any]]:
    """Merged events of the report's type and modality with no dates, or whose dates reach
    the report's (with the slack), oldest first: the query and its parameters.

    Two selects, both answered from the ``ix_merged_events_home`` index: a merged event has
    both dates or neither, so "no dates" is one index lookup, and the dated ones are read
    by ``date_end`` from the report's start on, not from the first event ever stored (an OR
    of the two makes SQLite read every merged event of the type).
    """
    bounds = window(report)
    given = {"event": report.event.event, "modality": report.event.modality}
    if bounds is None:
        return _any_dates(), given
    return _reaching(), {**given, "start": bounds[0], "end": bounds[1]}


@functools.cache
def _any_dates() -> sa.Select[Any]:
    """The candidate query of an undated report (built once: only its parameters change)."""
    columns = _CANDIDATE_COLUMNS
    return sa.select(*columns).where(*_kind()).order_by(columns[1].nulls_first(), columns[0])


@functools.cache
def _reaching() -> sa.CompoundSelect[Any]:
    """The candidate query of a dated report (built once: only its parameters change)."""
    columns = _CANDIDATE_COLUMNS
    undated = (merged_events.c.date_end.is_(None), merged_events.c.date_start.is_(None))
    dated = (
        merged_events.c.date_end >= sa.bindparam("start"),
        merged_events.c.date_start <= sa.bindparam("end"),
    )
    both = sa.union_all(
        sa.select(*columns).where(*_kind(), *undated), sa.select(*columns).where(*_kind(), *dated)
    )
    chosen = both.selected_columns
    return both.order_by(chosen.first_published.nulls_first(), chosen.id)


#: What ``_home`` reads of a candidate, all in the ``ix_merged_events_home`` index.
_CANDIDATE_COLUMNS = (
    merged_events.c.id,
    merged_events.c.first_published,
    merged_events.c.date_start,
    merged_events.c.date_end,
)


def _kind() -> tuple[sa.ColumnElement[bool], ...]:
    return (
        merged_events.c.event == sa.bindparam("event"),
        merged_events.c.modality == sa.bindparam("modality"),
    )


def _start(conn: Connection, report: Report) -> str:
    merged_id = new_id(report.event.id, lambda key: _taken(conn, key))
    conn.execute(_INSERT, start_row(merged_id, report))
    return merged_id


#: Built once: statements made anew for each report cost more than running them.
_INSERT = merged_events.insert()
_TAKEN = sa.select(merged_events.c.id).where(merged_events.c.id == sa.bindparam("id"))


def start_row(merged_id: str, report: Report) -> dict[str, Any]:
    """The row of a merged event the report starts, until its batch ends (``row``)."""
    span = compat.interval(report.event, report.published)
    return {
        "id": merged_id,
        "event": report.event.event,
        "modality": report.event.modality,
        "date_start": span[0].isoformat() if span else None,
        "date_end": span[1].isoformat() if span else None,
        "sources": 0,
        "reports": 0,
        "first_published": report.published,
        "record": {},
    }


def _taken(conn: Connection, merged_id: str) -> bool:
    return conn.scalar(_TAKEN, {"id": merged_id}) is not None


def new_id(event_id: str, taken: Callable[[str], bool]) -> str:
    """The merged id of a happening first told by this event; salted while it is taken.

    It is taken when another article's report founded a merged event that still holds
    other reports after this event's article was processed again.
    """
    salt = 0
    while True:
        key = event_id if salt == 0 else f"{event_id}#{salt}"
        merged_id = "m" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:15]
        if not taken(merged_id):
            return merged_id
        salt += 1


def _members(
    conn: Connection, merged_id: str, decoded: dict[str, Event] | None = None
) -> list[Report]:
    """The reports a merged event holds now."""
    return _members_of(conn, [merged_id], {} if decoded is None else decoded)[merged_id]


def _members_of(
    conn: Connection, merged_ids: Sequence[str], decoded: dict[str, Event]
) -> dict[str, list[Report]]:
    """The reports each of these merged events holds now, oldest first, read and resolved
    together: one query for all of a report's candidates, not three for each (issue 15).
    Events not in ``decoded`` are read and decoded into it; their articles' dates and links
    are read afresh (a later batch may have found an article's original)."""
    rows: list[Any] = []
    for part in chunks(list(merged_ids)):
        rows.extend(conn.execute(_held_query(), {"ids": list(part)}).all())
    # Looked up one by one: a set minus ``decoded.keys()`` walks all of ``decoded`` (up to
    # ``DECODED_MOST`` events) for every report, which made the merge grow with the store.
    missing = sorted({str(row.event_id) for row in rows if row.event_id not in decoded})
    for part in chunks(missing):
        for event_id, record in conn.execute(_records_query(), {"ids": list(part)}):
            decoded[event_id] = from_dict(Event, record)
    found = [
        (
            str(row.merged_id),
            decoded[row.event_id],
            row.published,
            source(row.article_id, row.original_id, row.wire),
        )
        for row in rows
    ]
    names = actors.resolve(conn, (a.name for _, event, _, _ in found for a in people(event)))
    held: dict[str, list[Report]] = {m: [] for m in merged_ids}
    for merged_id, event, published, told_by in found:
        held[merged_id].append(Report(event, published, told_by, names))
    return {m: sorted(reports, key=oldest) for m, reports in held.items()}


@functools.cache
def _held_query() -> sa.Select[Any]:
    """Which reports ``_members_of`` reads, with their articles' dates and links (built once:
    only the ids change)."""
    reports = merged_reports.c
    return (
        sa.select(reports.merged_id, reports.event_id, reports.article_id, articles.c.published)
        .add_columns(*_link_columns())
        .join(articles, articles.c.id == reports.article_id)
        .outerjoin(article_links, article_links.c.article_id == reports.article_id)
        .where(reports.merged_id.in_(sa.bindparam("ids", expanding=True)))
    )


@functools.cache
def _records_query() -> sa.Select[Any]:
    return sa.select(events.c.id, events.c.record).where(
        events.c.id.in_(sa.bindparam("ids", expanding=True))
    )


def _refresh(conn: Connection, merged_id: str, decoded: dict[str, Event] | None = None) -> None:
    """Rebuild the merged event's row from its reports in the store; drop it when none is left."""
    members = _members(conn, merged_id, decoded)
    if not members:
        conn.execute(merged_events.delete().where(merged_events.c.id == merged_id))
        return
    upsert(conn, merged_events, [row(merged_id, members)])


def refresh(conn: Connection, merged_ids: Iterable[str]) -> None:
    """Rebuild these merged events' rows from the reports the store holds now."""
    for merged_id in sorted(set(merged_ids)):
        _refresh(conn, merged_id)


def row(merged_id: str, members: Sequence[Report]) -> dict[str, Any]:
    """The ``merged_events`` row of these reports (oldest first)."""
    merged = build(merged_id, members)
    spans = [s for s in (compat.interval(m.event, m.published) for m in members) if s]
    return {
        "id": merged_id,
        "event": merged.event,
        "modality": merged.modality,
        "date_start": min(s[0] for s in spans).isoformat() if spans else None,
        "date_end": max(s[1] for s in spans).isoformat() if spans else None,
        "sources": merged.sources,
        "reports": len(merged.reports),
        "first_published": members[0].published,
        "record": to_dict(merged),
    }


def build(merged_id: str, members: Sequence[Report]) -> MergedEvent:
    """The merged event of these reports (oldest first): majority values and conflicts."""
    first = members[0].event
    evs = [m.event for m in members]
    return MergedEvent(
        id=merged_id,
        event=first.event,
        modality=first.modality,
        reports=tuple(
            EventReport(
                event_id=m.event.id,
                article_id=m.event.article_id,
                published=m.published,
                source=m.source,
            )
            for m in members
        ),
        sources=len({m.source for m in members}),
        first_report=first.id,
        mode=_majority([e.mode for e in evs if e.mode], lambda m: m),
        actor=_actors([e.actor for e in evs], members[0].names),
        recipient=_actors([e.recipient for e in evs], members[0].names),
        date=_date(evs),
        event_loc=_majority(_places(evs), _place_name),
        size=_sizes(evs),
        conflicts=_conflicts(evs),
    )


T = TypeVar("T")


def _majority(items: Sequence[T], by: Callable[[T], Any]) -> T | None:
    """The item whose value most items share; on a tie, the latest report's."""
    if not items:
        return None
    counts = Counter(by(i) for i in items)
    top = max(counts.values())
    return [i for i in items if counts[by(i)] == top][-1]


def _date(evs: Sequence[Event]) -> Any:
    """The date most reports' texts give; when none gives one, the earliest publication day
    (a copy published a day later does not move the happening)."""
    dated = [e.date for e in evs if e.date and e.date.value]
    told = [d for d in dated if d.precision != "publication"]
    if told:
        return _majority(told, lambda d: d.value)
    return min(dated, key=lambda d: d.value or "", default=None)


def _places(evs: Sequence[Event]) -> list[Any]:
    """The places the reports' own sentences give; those the reports took from their
    articles' context only when no report tells one."""
    found = [e.event_loc for e in evs if e.event_loc]
    return [m for m in found if compat.told(m)] or found


def _place_name(mention: Any) -> str:
    return str(mention.place.name if mention.place else mention.span.text)


def _actors(lists: Sequence[tuple[Actor, ...]], names: Mapping[str, str]) -> tuple[Actor, ...]:
    """Every actor some report names, once each, the most named first."""
    seen: dict[frozenset[str], Actor] = {}
    counts: Counter[frozenset[str]] = Counter()
    for group in lists:
        for actor in group:
            key = frozenset(actors.keys(actor, names) | {actor.name.casefold()})
            same = next((k for k in seen if k & key), key)
            seen.setdefault(same, actor)
            counts[same] += 1
    return tuple(seen[k] for k, _ in counts.most_common())


def _sizes(evs: Sequence[Event]) -> tuple[Count, ...]:
    by_kind: defaultdict[str, list[Count]] = defaultdict(list)
    for event in evs:
        for count in event.size:
            by_kind[count.kind].append(count)
    chosen = (_majority(v, lambda c: c.value) for _, v in sorted(by_kind.items()))
    return tuple(c for c in chosen if c is not None)


def _conflicts(evs: Sequence[Event]) -> tuple[Conflict, ...]:
    fields: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for event in evs:
        for count in event.size:
            fields[count.kind][str(count.value)].append(event.id)
        if event.date and event.date.value and event.date.precision == "day":
            fields["date"][event.date.value].append(event.id)
        told = compat.told(event.event_loc)
        if told is not None and told.place is not None:
            fields["place"][told.place.name].append(event.id)
        fields["polarity"][event.polarity].append(event.id)
    return tuple(
        Conflict(field=name, values=tuple((v, tuple(ids)) for v, ids in values.items()))
        for name, values in sorted(fields.items())
        if len(values) > 1 and not (name == "place" and _nested(evs, set(values)))
    )


def _nested(evs: Sequence[Event], names: set[str]) -> bool:
    """Places that only differ by precision (Kharkiv region, Kharkiv) are no conflict."""
    places = [e.event_loc.place for e in evs if e.event_loc and e.event_loc.place]
    chosen = [p for p in places if p.name in names]
    return all(
        compat.place_contains(a, b) or compat.place_contains(b, a) for a in chosen for b in chosen
    )


def read(conn: Connection, limit: int | None = None, min_sources: int = 1) -> list[MergedEvent]:
    """Merged events, most independent sources first."""
    query = (
        sa.select(merged_events.c.record)
        .where(merged_events.c.sources >= min_sources)
        .order_by(
            merged_events.c.sources.desc(), merged_events.c.first_published, merged_events.c.id
        )
        .limit(limit)
    )
    return [from_dict(MergedEvent, r) for r in conn.scalars(query)]
