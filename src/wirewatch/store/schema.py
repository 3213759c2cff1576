"""The store's schema: every table, as SQLAlchemy Core ``Table``s on one ``metadata``.

Per article: the article row (raw input, stage versions, sentences), its mentions, events and
quotes, and the runs and failures of the jobs that made them. Across articles: the tables the
corpus stages (``wirewatch.corpus``) fill. Every record is kept whole as JSON (``record``)
beside the columns that queries filter on. Reads and writes are in ``wirewatch.store``.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

SCHEMA_VERSION = "1"
metadata = sa.MetaData()


def _text(name: str, *args: Any, **kw: Any) -> sa.Column[Any]:
    return sa.Column(name, sa.Text, *args, **kw)


meta = sa.Table("meta", metadata, _text("key", primary_key=True), _text("value"))
runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    _text("command", nullable=False),
    sa.Column("stages", sa.JSON, nullable=False),
    sa.Column("stored", sa.Integer, default=0),
    sa.Column("duplicates", sa.Integer, default=0),
    sa.Column("failed", sa.Integer, default=0),
)
articles = sa.Table(
    "articles",
    metadata,
    _text("id", primary_key=True),
    _text("url"),
    _text("source"),
    _text("title"),
    sa.Column("published", sa.Date),
    _text("wire"),
    _text("wire_evidence"),
    sa.Column("dateline", sa.JSON),
    _text("byline"),
    sa.Column("contributors", sa.JSON, nullable=False),
    _text("text", nullable=False),
    sa.Column("raw", sa.LargeBinary, nullable=False),
    _text("raw_format", nullable=False),
    _text("origin", nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("stages", sa.JSON, nullable=False),
    sa.Column("sentences", sa.JSON, nullable=False),
)
mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _text(
        "article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    _text("kind", nullable=False, index=True),  # actor | weapon | place | time
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    _text("text", nullable=False),
    _text("key", index=True),  # actor code, weapon name, geonameid, ISO value
    sa.Column("record", sa.JSON, nullable=False),
)
#: Per-article counts by kind (the article lists): without it SQLite may count through the
#: index on kind, scanning every mention of that kind for each article (issue 16).
ARTICLE_KIND = sa.Index("ix_mentions_article_kind", mentions.c.article_id, mentions.c.kind)


events = sa.Table(
    "events",
    metadata,
    _text("id", primary_key=True),
    _text(
        "article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    _text("event", nullable=False, index=True),
    _text("mode"),
    _text("actor_codes"),
    _text("recipient_codes"),
    _text("date", index=True),
    _text("date_precision"),
    _text("place"),
    _text("country"),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("dead", sa.Integer),
    sa.Column("injured", sa.Integer),
    _text("polarity"),
    _text("modality"),
    _text("cameo"),
    sa.Column("quad", sa.Integer),
    sa.Column("score", sa.Float),
    sa.Column("record", sa.JSON, nullable=False),
)
quotes = sa.Table(
    "quotes",
    metadata,
    _text("id", primary_key=True),
    _text(
        "article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    _text("speaker"),
    _text("speaker_code"),
    _text("cue"),
    _text("kind"),
    _text("stance"),
    _text("content", nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
)
failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    _text("origin", nullable=False),
    _text("stage", nullable=False),
    _text("reason", nullable=False),
    _text("detail"),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)
ANALYSIS = (mentions, events, quotes)


# --- across articles: tables the corpus stages (wirewatch.corpus) fill ---------------------


def _article_key(*, primary: bool = False) -> sa.Column[Any]:
    fk = sa.ForeignKey("articles.id", ondelete="CASCADE")
    return _text("article_id", fk, primary_key=primary, nullable=False, index=not primary)


signatures = sa.Table(
    "signatures",
    metadata,
    _article_key(primary=True),
    sa.Column("published", sa.Date),
    sa.Column("minhash", sa.LargeBinary, nullable=False),  # uint32 MinHash values
    sa.Column("shingles", sa.Integer, nullable=False),
    sa.Column("facts", sa.LargeBinary, nullable=False),  # sorted uint32 fact hashes
)
lsh_bands = sa.Table(
    "lsh_bands",
    metadata,
    sa.Column("key", sa.BigInteger, primary_key=True),  # hash of (band number, band values)
    _article_key(primary=True),
)
article_links = sa.Table(
    "article_links",
    metadata,
    _article_key(primary=True),
    _text("original_id", index=True),
    _text("kind", nullable=False),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Column("jaccard", sa.Float),
    _text("wire"),
    _text("evidence"),
)
stories = sa.Table(
    "stories",
    metadata,
    _text("id", primary_key=True),
    _text("label", nullable=False),
    sa.Column("first", sa.Date),
    sa.Column("last", sa.Date, index=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("centroid", sa.JSON, nullable=False),  # {term: summed weight}, strongest terms
)
story_articles = sa.Table(
    "story_articles",
    metadata,
    _article_key(primary=True),
    _text("story_id", sa.ForeignKey("stories.id"), nullable=False, index=True),
    sa.Column("similarity", sa.Float),
)
term_df = sa.Table(
    "term_df",
    metadata,
    _text("term", primary_key=True),
    sa.Column("df", sa.Integer, nullable=False),
)
merged_events = sa.Table(
    "merged_events",
    metadata,
    _text("id", primary_key=True),
    _text("event", nullable=False, index=True),
    _text("modality", nullable=False),
    _text("date_start", index=True),
    _text("date_end"),
    sa.Column("sources", sa.Integer, nullable=False),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("first_published", sa.Date),
    sa.Column("record", sa.JSON, nullable=False),
)
#: The merge stage's candidate query (``merge._home``: one type and modality, whose dates
#: reach the report's) answered from the index alone: by ``date_end`` first, so that it reads
#: the merged events that end after the report begins, not every one of that type (issue 15).
MERGE_HOME = sa.Index(
    "ix_merged_events_home",
    merged_events.c.event,
    merged_events.c.modality,
    merged_events.c.date_end,
    merged_events.c.date_start,
    merged_events.c.first_published,
    merged_events.c.id,
)
merged_reports = sa.Table(
    "merged_reports",
    metadata,
    _text("event_id", primary_key=True),
    _text("merged_id", sa.ForeignKey("merged_events.id"), nullable=False, index=True),
    _article_key(),
)
actor_aliases = sa.Table(
    "actor_aliases",
    metadata,
    _text("alias", primary_key=True),  # a person's name as some article gives it
    _text("canonical", nullable=False, index=True),  # the full name it resolves to
    _text("surname", nullable=False, index=True),  # last word, casefolded
)
corpus_queue = sa.Table(
    "corpus_queue",
    metadata,
    _article_key(primary=True),  # stored (or reprocessed) and not yet through the corpus stages
    sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
)
#: The API's lists sort by a key and the id (``api.paging``): first the keys of the page,
#: then its rows. These cover the key queries of the default sorts (and the joins they
#: need), so those read small index entries, not every event, quote or article whole.
EVENT_KEYS = sa.Index("ix_events_date_id", events.c.date, events.c.id, events.c.article_id)
QUOTE_KEYS = sa.Index("ix_quotes_article_id_id", quotes.c.article_id, quotes.c.id)


def first_day(column: Any) -> Any:
    """The first day an ISO date value covers, as YYYY-MM-DD text (``2024-05`` → 2024-05-01,
    ``2024`` → 2024-01-01). Written with literal constants, not bound parameters, so that a
    query using it is answered by ``EVENT_DAY``, an index on the same expression."""
    padded = column + sa.literal_column("'-01-01'", sa.Text)
    return sa.func.substr(padded, sa.literal_column("1"), sa.literal_column("10"), type_=sa.Text)


#: The API's default event order (newest first, then id): a page reads 51 index entries, not
#: every event, which it did while the sort key was an expression no index held.
EVENT_DAY = sa.Index("ix_events_day_id", first_day(events.c.date).desc(), events.c.id)
ARTICLE_KEYS = sa.Index("ix_articles_ingested_id", articles.c.ingested_at, articles.c.id)
#: Indexes added after stores were made: ``create_all`` makes indexes only with new tables,
#: so a store made earlier gets these when it is next opened.
ADDED_INDEXES = (ARTICLE_KIND, MERGE_HOME, EVENT_KEYS, QUOTE_KEYS, ARTICLE_KEYS, EVENT_DAY)


@sa.event.listens_for(metadata, "after_create")
def _add_indexes(_metadata: sa.MetaData, connection: sa.Connection, **_kw: Any) -> None:
    for index in ADDED_INDEXES:
        connection.execute(sa.schema.CreateIndex(index, if_not_exists=True))


#: What the corpus stages build; ``corpus.rebuild`` empties them (children first) to start over.
CORPUS = (
    merged_reports,
    merged_events,
    story_articles,
    stories,
    term_df,
    article_links,
    lsh_bands,
    signatures,
    actor_aliases,
)
