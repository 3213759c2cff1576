"""The store: reads and writes over the schema (``store.schema``), SQLite (WAL) by default,
PostgreSQL by URL.

Each article row carries its raw input and the stage versions that made its analysis;
mentions, events and quotes hang off it and are replaced together when it is reprocessed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from wirewatch.errors import StoreError
from wirewatch.records import (
    ActorMention,
    Article,
    Contributor,
    Dateline,
    Event,
    Failure,
    PlaceMention,
    Quote,
    Span,
    TimeRef,
    WeaponMention,
    from_dict,
    to_dict,
)
from wirewatch.store.schema import (
    ADDED_INDEXES,
    ANALYSIS,
    SCHEMA_VERSION,
    articles,
    corpus_queue,
    events,
    failures,
    mentions,
    meta,
    metadata,
    quotes,
    runs,
)


def url_for(db: str) -> str:
    """An SQLAlchemy URL: a plain path means a SQLite file; postgresql:// uses psycopg 3."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db if "://" in db else f"sqlite:///{Path(db).expanduser()}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    """One database: open (creating the schema if new), write articles, read them back."""

    def __init__(self, db: str) -> None:
        self.url = url_for(db)
        try:
            self.engine = _engine(self.url)
            with self.engine.connect() as conn:
                complete = _complete(conn)
            if complete:  # the usual case: read only, so a reader never waits for a writer
                with self.engine.connect() as conn:
                    self._check_schema(conn, create=False)
            else:
                with self.writing() as conn:  # two processes opening a new store: one creates
                    metadata.create_all(conn)
                    self._check_schema(conn)
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open database {db}: {getattr(exc, 'orig', None) or exc}; "
                "check the path or URL and that you may write there."
            ) from exc

    def _check_schema(self, conn: Connection, *, create: bool = True) -> None:
        found = conn.scalar(sa.select(meta.c.value).where(meta.c.key == "schema"))
        if found is None and create:
            conn.execute(meta.insert().values(key="schema", value=SCHEMA_VERSION))
        elif found is None:
            raise StoreError(
                f"database {self.url} has wirewatch's tables but no schema version; it was "
                "not made by wirewatch, or its creation was cut short: use a new --db."
            )
        elif found != SCHEMA_VERSION:
            raise StoreError(
                f"database {self.url} has schema {found}, this wirewatch reads "
                f"{SCHEMA_VERSION}; use a new --db or the wirewatch that made it."
            )

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """A transaction that holds the store's one write lock from its first statement.

        Writers that read before they write (is this article stored? which stories are
        open?) take it, so that two processes on one store wait for each other instead of
        deciding on what the other is changing: SQLite ``BEGIN IMMEDIATE`` (waiting up to
        the busy timeout), PostgreSQL a transaction-scoped advisory lock. Readers never wait.
        """
        with self.engine.connect() as conn:
            conn = conn.execution_options(wirewatch_write=True)
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
                yield conn

    # --- runs and failures -------------------------------------------------

    def begin_run(self, command: str, stages: Sequence[tuple[str, str]]) -> int:
        with self.engine.begin() as conn:
            row = conn.execute(
                runs.insert().values(started_at=_now(), command=command, stages=list(stages))
            )
            key = row.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(self, run_id: int, *, stored: int, duplicates: int, failed: int) -> None:
        values = {
            "finished_at": _now(),
            "stored": stored,
            "duplicates": duplicates,
            "failed": failed,
        }
        with self.engine.begin() as conn:
            conn.execute(runs.update().where(runs.c.id == run_id).values(**values))

    def record_failure(self, failure: Failure, run_id: int | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(failures.insert().values(run_id=run_id, at=_now(), **to_dict(failure)))

    # --- articles ----------------------------------------------------------

    def stages_of(self, article_id: str) -> tuple[tuple[str, str], ...] | None:
        """The provenance of a stored article, or None when it is not stored."""
        with self.engine.connect() as conn:
            found = conn.scalar(sa.select(articles.c.stages).where(articles.c.id == article_id))
        return None if found is None else tuple((str(n), str(v)) for n, v in found)

    def save(self, article: Article, run_id: int | None = None, *, queue: bool = True) -> None:
        """Insert the article, or replace its analysis when it is already stored.

        With ``queue``, the same transaction puts it in the corpus queue, so that corpus work
        owed is never lost, whatever stops the run.
        """
        row = _article_row(article, run_id)
        with self.writing() as conn:
            exists = conn.scalar(_STORED, {"id": article.id})
            if exists:
                keep = ("raw", "raw_format", "origin", "ingested_at", "run_id")
                update = {k: v for k, v in row.items() if k not in keep}
                conn.execute(articles.update().where(articles.c.id == article.id).values(**update))
                for table in ANALYSIS:
                    conn.execute(table.delete().where(table.c.article_id == article.id))
            else:
                conn.execute(_INSERT_ARTICLE, row)
            _insert_analysis(conn, article)
            if queue:
                _enqueue(conn, [article.id])

    def enqueue(self, article_ids: Iterable[str]) -> None:
        """Put stored articles (again) in the corpus stages' queue; unknown ids are ignored."""
        with self.writing() as conn:
            for part in _parts(list(dict.fromkeys(article_ids))):
                known = conn.scalars(sa.select(articles.c.id).where(articles.c.id.in_(part)))
                _enqueue(conn, list(known))

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.scalar(sa.select(sa.func.count()).select_from(metadata.tables[table])) or 0
            )

    def article_ids(self, prefix: str) -> list[str]:
        with self.engine.connect() as conn:
            query = sa.select(articles.c.id).where(
                articles.c.id.startswith(prefix, autoescape=True)
            )
            return list(conn.scalars(query.limit(2)))

    def load(self, article_id: str) -> Article:
        """The stored article with all its analysis."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(articles).where(articles.c.id == article_id)).one()
            analysis = {
                "mentions": conn.execute(
                    sa.select(mentions.c.kind, mentions.c.record)
                    .where(mentions.c.article_id == article_id)
                    .order_by(mentions.c.start)
                ).all(),
                "events": list(conn.scalars(_records(events, article_id))),
                "quotes": list(conn.scalars(_records(quotes, article_id))),
            }
        return _article_from_row(row._mapping, analysis)

    def summaries(
        self, ids: Sequence[str] | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """One line of facts per article (counts of what was found), newest first."""
        columns = [
            articles.c[n] for n in ("id", "published", "wire", "source", "title", "dateline")
        ]
        query = sa.select(*columns, *_counts()).order_by(
            articles.c.ingested_at.desc(), articles.c.id
        )
        if ids is not None:
            query = query.where(articles.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query.limit(limit))]

    def rows(
        self, what: str, *, leave: Collection[str] = (), batch: int = 1000
    ) -> Iterator[dict[str, Any]]:
        """Every row of an exportable table in id order, as plain dicts (records whole for
        events/quotes), but the columns in ``leave``; read ``batch`` rows at a time."""
        table = metadata.tables[what]
        chosen = [c for c in table.columns if c.name not in leave]
        for row in self._streamed(sa.select(*chosen).order_by(_order(table)), batch):
            yield dict(row._mapping)

    def column(self, what: str, name: str, *, batch: int = 1000) -> Iterator[Any]:
        """One column of every row of a table in id order (records whole, say), streamed."""
        table = metadata.tables[what]
        for row in self._streamed(sa.select(table.c[name]).order_by(_order(table)), batch):
            yield row[0]

    def _streamed(self, query: sa.Select[Any], batch: int) -> Iterator[Any]:
        """The rows of ``query``, ``batch`` at a time: a server-side cursor on PostgreSQL
        (its driver would otherwise fetch every row first), SQLite's own stepping there."""
        with self.engine.connect() as conn:
            streamed = conn.execution_options(stream_results=True, yield_per=batch)
            yield from streamed.execute(query)

    def actor_rows(self) -> Iterator[dict[str, Any]]:
        """Actors as found: one row per distinct actor with how often and where it is named,
        in the order they were first named.

        Mentions are read streamed, by article, so each actor needs only its count, the
        last article met and its first mention: memory grows with the actors, not with
        the mentions (a set of article ids per actor did).
        """
        query = (
            sa.select(mentions.c.id, mentions.c.article_id, mentions.c.record)
            .where(mentions.c.kind == "actor")
            .order_by(mentions.c.article_id, mentions.c.id)
        )
        tally: dict[str, _Tally] = {}
        for mention_id, article_id, record in self._streamed(query, 1000):
            actor = record["actor"]
            key = json.dumps(actor, sort_keys=True)
            found = tally.setdefault(key, _Tally(actor, mention_id))
            found.add(mention_id, article_id)
        for found in sorted(tally.values(), key=lambda t: t.first):
            yield {**found.actor, "mentions": found.mentions, "articles": found.articles}


class _Tally:
    """One actor's mentions, articles (met in article order) and first mention."""

    def __init__(self, actor: dict[str, Any], first: int) -> None:
        self.actor, self.first = actor, first
        self.mentions = self.articles = 0
        self.last: str | None = None

    def add(self, mention_id: int, article_id: str) -> None:
        self.first = min(self.first, mention_id)
        self.mentions += 1
        if article_id != self.last:
            self.articles, self.last = self.articles + 1, article_id


def _order(table: sa.Table) -> sa.Column[Any]:
    return table.c.id if "id" in table.c else next(iter(table.c))


def _counts() -> list[sa.Label[Any]]:
    def count(table: sa.Table, *where: Any) -> Any:
        return sa.select(sa.func.count()).where(table.c.article_id == articles.c.id, *where)

    labels = [
        count(mentions, mentions.c.kind == kind).scalar_subquery().label(name)
        for kind, name in (("actor", "actors"), ("place", "places"), ("time", "times"))
    ]
    labels += [count(t).scalar_subquery().label(t.name) for t in (events, quotes)]
    return labels


def _records(table: sa.Table, article_id: str) -> sa.Select[Any]:
    return sa.select(table.c.record).where(table.c.article_id == article_id).order_by(table.c.id)


#: The PostgreSQL advisory lock key of ``Store.writing`` (any fixed 64-bit number).
WRITE_LOCK = 0x77697265  # "wire"
#: Seconds a SQLite writer waits for another to finish (a corpus batch can take a while).
BUSY_SECONDS = 300


def _complete(conn: Connection) -> bool:
    """Whether the store has every table and every index added since stores were first made."""
    inspector = sa.inspect(conn)
    if not set(metadata.tables) <= set(inspector.get_table_names()):
        return False
    return {str(i.name) for i in ADDED_INDEXES} <= _index_names(conn)


def _index_names(conn: Connection) -> set[str]:
    """Every index of the store by name, expression indexes included (SQLAlchemy's
    reflection skips those on SQLite)."""
    if conn.dialect.name == "sqlite":
        query = sa.text("SELECT name FROM sqlite_master WHERE type = 'index'")
    else:
        query = sa.text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
    return {str(name) for name in conn.scalars(query)}


#: Statements every save runs, built once: building one anew for each article costs more
#: than running it.
_STORED = sa.select(articles.c.id).where(articles.c.id == sa.bindparam("id"))
_INSERT_ARTICLE = articles.insert()
_QUEUED = sa.select(corpus_queue.c.article_id).where(
    corpus_queue.c.article_id.in_(sa.bindparam("ids", expanding=True))
)
_INSERTS = {table.name: table.insert() for table in (mentions, events, quotes, corpus_queue)}


def _enqueue(conn: Connection, article_ids: Sequence[str]) -> None:
    if not article_ids:
        return
    queued = set(conn.scalars(_QUEUED, {"ids": list(article_ids)}))
    rows = [{"article_id": a, "queued_at": _now()} for a in article_ids if a not in queued]
    if rows:
        conn.execute(_INSERTS["corpus_queue"], rows)


def _parts(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_SECONDS})

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        """BEGIN ourselves (the driver's own is turned off below); IMMEDIATE for writers."""
        write = conn.get_execution_options().get("wirewatch_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's begin event issues BEGIN
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _article_row(article: Article, run_id: int | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "wire": article.wire,
        "wire_evidence": article.wire_evidence,
        "dateline": to_dict(article.dateline),
        "byline": article.byline,
        "contributors": to_dict(article.contributors),
        "text": article.text,
        "raw": article.raw,
        "raw_format": article.raw_format,
        "origin": article.origin,
        "ingested_at": _now(),
        "run_id": run_id,
        "stages": [list(s) for s in article.stages],
        "sentences": to_dict(article.sentences),
    }


def _insert_analysis(conn: Connection, article: Article) -> None:
    rows = _mention_rows(article)
    if rows:
        conn.execute(_INSERTS["mentions"], rows)
    if article.events:
        conn.execute(_INSERTS["events"], [_event_row(e) for e in article.events])
    if article.quotes:
        conn.execute(_INSERTS["quotes"], [_quote_row(q) for q in article.quotes])


def _mention_rows(article: Article) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for m in article.actors:
        rows.append(_mention("actor", article.id, m.span, m.actor.code or m.actor.name, m))
    for w in article.weapons:
        rows.append(_mention("weapon", article.id, w.span, w.weapon.name, w))
    for p in article.places:
        key = str(p.place.geonameid or p.place.name) if p.place else None
        rows.append(_mention("place", article.id, p.span, key, p))
    for t in article.times:
        if t.span is not None:
            rows.append(_mention("time", article.id, t.span, t.value, t))
    return rows


def _mention(kind: str, article_id: str, span: Span, key: str | None, rec: Any) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "kind": kind,
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "key": key,
        "record": to_dict(rec),
    }


def _codes(actors: Sequence[Any]) -> str:
    return "|".join(" ".join(filter(None, (a.code, a.sector))) or a.name for a in actors)


def _event_row(event: Event) -> dict[str, Any]:
    place = event.event_loc.place if event.event_loc else None
    toll = {c.kind: c.value for c in event.size}
    return {
        "id": event.id,
        "article_id": event.article_id,
        "event": event.event,
        "mode": event.mode,
        "actor_codes": _codes(event.actor),
        "recipient_codes": _codes(event.recipient),
        "date": event.date.value if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "place": place.name if place else (event.event_loc.span.text if event.event_loc else None),
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "dead": toll.get("dead"),
        "injured": toll.get("injured"),
        "polarity": event.polarity,
        "modality": event.modality,
        "cameo": event.cameo,
        "quad": event.quad,
        "score": event.score,
        "record": to_dict(event),
    }


def _quote_row(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "article_id": quote.article_id,
        "speaker": quote.speaker.name if quote.speaker else quote.speaker_text,
        "speaker_code": quote.speaker.code if quote.speaker else None,
        "cue": quote.cue.text if quote.cue else None,
        "kind": quote.kind,
        "stance": quote.stance,
        "content": quote.content.text,
        "record": to_dict(quote),
    }


def _article_from_row(row: Any, analysis: dict[str, Any]) -> Article:
    kinds = {"actor": ActorMention, "weapon": WeaponMention, "place": PlaceMention, "time": TimeRef}
    found: dict[str, list[Any]] = {k: [] for k in kinds}
    for kind, record in analysis["mentions"]:
        found[kind].append(from_dict(kinds[kind], record))
    return Article(
        id=row["id"],
        text=row["text"],
        origin=row["origin"],
        raw=row["raw"],
        raw_format=row["raw_format"],
        url=row["url"],
        source=row["source"],
        title=row["title"],
        published=row["published"],
        dateline=from_dict(Dateline, row["dateline"]) if row["dateline"] else None,
        byline=row["byline"],
        contributors=tuple(from_dict(Contributor, c) for c in row["contributors"]),
        wire=row["wire"],
        wire_evidence=row["wire_evidence"],
        sentences=tuple(from_dict(Span, s) for s in row["sentences"]),
        actors=tuple(found["actor"]),
        weapons=tuple(found["weapon"]),
        places=tuple(found["place"]),
        times=tuple(found["time"]),
        events=tuple(from_dict(Event, e) for e in analysis["events"]),
        quotes=tuple(from_dict(Quote, q) for q in analysis["quotes"]),
        stages=tuple((str(n), str(v)) for n, v in row["stages"]),
    )
