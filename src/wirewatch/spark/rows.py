"""The rows of a Spark run's Parquet datasets, and the pyarrow schema of each.

Each dataset has the columns of ``wirewatch export --format parquet`` for its kind (the
store's table columns, nested values as JSON text, dates and times as ISO text), so a
Spark run and an export of the store it is loaded into read alike. Three columns are
added: ``record`` (the whole record as JSON, so ``load`` rebuilds an Article exactly),
``raw`` (an article's input bytes, kept by the store too) and ``seq`` (the input's place
in the run). The rows come from the store's own row builders, so the columns cannot drift
from the tables; ``tests/test_spark.py`` checks them against an export.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pyarrow as pa

from wirewatch.records import Article, DuplicateLink, Failure, to_dict
from wirewatch.store import _article_row, _event_row, _mention_rows, _quote_row

TEXT, INT, FLOAT = pa.string(), pa.int64(), pa.float64()


def _schema(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, kind) for name, kind in columns])


ARTICLE_COLUMNS = (
    *((n, TEXT) for n in ("id", "url", "source", "title", "published", "wire", "wire_evidence")),
    *((n, TEXT) for n in ("dateline", "byline", "contributors", "text", "raw_format", "origin")),
    ("ingested_at", TEXT),
    ("run_id", INT),
    ("stages", TEXT),
    ("sentences", TEXT),
)
SCHEMAS: dict[str, pa.Schema] = {
    "articles": _schema(*ARTICLE_COLUMNS, ("seq", INT), ("raw", pa.binary()), ("record", TEXT)),
    "mentions": _schema(
        *((n, TEXT) for n in ("article_id", "kind")),
        ("start", INT),
        ("end", INT),
        *((n, TEXT) for n in ("text", "key", "record")),
    ),
    "events": _schema(
        *((n, TEXT) for n in ("id", "article_id", "event", "mode", "actor_codes")),
        *((n, TEXT) for n in ("recipient_codes", "date", "date_precision", "place", "country")),
        ("lat", FLOAT),
        ("lon", FLOAT),
        ("dead", INT),
        ("injured", INT),
        *((n, TEXT) for n in ("polarity", "modality", "cameo")),
        ("quad", INT),
        ("score", FLOAT),
        ("record", TEXT),
    ),
    "quotes": _schema(
        *((n, TEXT) for n in ("id", "article_id", "speaker", "speaker_code", "cue", "kind")),
        *((n, TEXT) for n in ("stance", "content", "record")),
    ),
    "failures": _schema(
        ("id", INT),
        ("run_id", INT),
        *((n, TEXT) for n in ("origin", "stage", "reason", "detail", "at")),
    ),
    "links": _schema(
        *((n, TEXT) for n in ("article_id", "original_id", "kind")),
        ("similarity", FLOAT),
        ("jaccard", FLOAT),
        *((n, TEXT) for n in ("wire", "evidence")),
    ),
}
#: The datasets made from each analysed article, in the order they are written.
ANALYSIS = ("articles", "mentions", "events", "quotes")


def cell(value: Any) -> Any:
    """A value as the Parquet export writes it: nested values as JSON text, times as ISO."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {key: cell(value) for key, value in row.items()}


def article_rows(article: Article, seq: int) -> list[dict[str, Any]]:
    """The article's own row: the export's columns plus seq, raw and the whole record."""
    row = {k: v for k, v in _article_row(article, None).items() if k != "raw"}
    record = json.dumps(to_dict(article), ensure_ascii=False)
    return [{**_flat(row), "seq": seq, "raw": article.raw, "record": record}]


def mention_rows(article: Article, _seq: int) -> list[dict[str, Any]]:
    return [_flat(row) for row in _mention_rows(article)]


def event_rows(article: Article, _seq: int) -> list[dict[str, Any]]:
    return [_flat(_event_row(event)) for event in article.events]


def quote_rows(article: Article, _seq: int) -> list[dict[str, Any]]:
    return [_flat(_quote_row(quote)) for quote in article.quotes]


ROWS = {
    "articles": article_rows,
    "mentions": mention_rows,
    "events": event_rows,
    "quotes": quote_rows,
}


def failure_row(failure: Failure, seq: int, at: dt.datetime) -> dict[str, Any]:
    """A failure as the export's failures row; its id is the input's place in the run."""
    return {"id": seq, "run_id": None, **to_dict(failure), "at": at.isoformat()}


def link_row(link: DuplicateLink) -> dict[str, Any]:
    return dict(to_dict(link))
