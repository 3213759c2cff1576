"""Merged events in Spark: the reports split into blocks that no merge candidate crosses,
each block merged on an executor with ``merge.py``'s rules in the store's order.

The driver lays the articles out in the batches ``corpus.catch_up`` will take them in
(day, then id; ``corpus.BATCH`` a batch) and replays the person-name aliases batch by batch
(``blocks.aliases``: names only, small). Spark joins each event with its article's batch,
publication date and link (its independent source), gives it the days it may stand for
(``compat.interval``, the slack added), and numbers the blocks: one event type and modality,
split wherever no report's days reach the next ones' (docs/spark.md says why no merge
crosses that). ``groupBy(...).applyInPandas`` merges the blocks in parallel
(``blocks.merge_block``). Written under ``merged/``: ``events`` (the store's
``merged_events`` rows, by the batch that last wrote them), ``reports`` (the
``merged_reports`` rows, by batch) and ``plan.json`` (the batches, so that ``load`` can
tell whether its store takes the articles in the same batches).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from wirewatch import corpus
from wirewatch.corpus import blocks, compat, merge
from wirewatch.corpus.db import shift
from wirewatch.records import Event, from_dict

PLAN = "plan.json"
FAR = ("0001-01-01", "9999-12-31")  # the days of a report with none: it reaches every other
TEXT, INT = pa.string(), pa.int64()
REPORT_COLUMNS = (
    ("event_id", TEXT),
    ("merged_id", TEXT),
    ("article_id", TEXT),
    ("batch", INT),
    ("founder", pa.bool_()),
    ("event", TEXT),
    ("modality", TEXT),
)
EVENT_COLUMNS = (
    *((n, TEXT) for n in ("id", "event", "modality", "date_start", "date_end")),
    ("sources", INT),
    ("reports", INT),
    ("first_published", TEXT),
    ("record", TEXT),
    ("founded", INT),
    ("last", INT),
    ("batches", pa.list_(INT)),
)
#: One row per report; the merged event's columns filled on its founder's row only.
BLOCK_OUT = pa.schema(
    [pa.field(n, t) for n, t in REPORT_COLUMNS] + [pa.field("m_" + n, t) for n, t in EVENT_COLUMNS]
)


def batch_hash(ids: Sequence[str]) -> str:
    """What ``load`` compares a batch of its queue with."""
    return hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest()


def write(outcomes: Any, links: str, out: str) -> dict[str, int]:
    """Write the ``merged`` dataset of the analysed articles in ``outcomes``; count it."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as fn
    from pyspark.sql.pandas.types import from_arrow_schema

    spark = outcomes.sparkSession
    sigs = outcomes.where(fn.col("signature").isNotNull()).select("signature.*")
    order = [
        r["article_id"]
        for r in sigs.select("article_id", "day").orderBy("day", "article_id").toLocalIterator()
    ]
    batch_of = {a: i // corpus.BATCH for i, a in enumerate(order)}
    batches = [order[i : i + corpus.BATCH] for i in range(0, len(order), corpus.BATCH)]
    history = blocks.aliases(_names(outcomes, batch_of, len(batches)))
    shared = spark.sparkContext.broadcast(history)
    placed = spark.createDataFrame(list(batch_of.items()), "article_id string, batch long")
    arts = sigs.select("article_id", "published").join(placed, "article_id")
    numbered = blocked(reports(outcomes, spark.read.parquet(links), arts))
    work = lambda frame: merge_rows(frame, shared)  # noqa: E731 (a function, not a partial: Spark reads its hints)
    merged = numbered.groupBy("event", "modality", "block").applyInPandas(
        work, from_arrow_schema(BLOCK_OUT)
    )
    merged = merged.persist(StorageLevel.DISK_ONLY)
    try:
        members = merged.select(*(n for n, _ in REPORT_COLUMNS)).orderBy("batch", "event_id")
        members.write.mode("error").parquet(f"{out}/reports")
        founders = merged.where(fn.col("founder")).select(
            *(fn.col("m_" + n).alias(n) for n, _ in EVENT_COLUMNS)
        )
        founders.orderBy("last", "id").write.mode("error").parquet(f"{out}/events")
    finally:
        merged.unpersist()
        shared.unpersist()
    counts = {
        "merged": int(spark.read.parquet(f"{out}/events").count()),
        "merged_reports": int(spark.read.parquet(f"{out}/reports").count()),
    }
    plan = {
        "batch": corpus.BATCH,
        "articles": len(order),
        "batches": [batch_hash(b) for b in batches],
    }
    (Path(out) / PLAN).write_text(json.dumps({**plan, **counts}) + "\n", encoding="utf-8")
    return counts


def reports(outcomes: Any, links: Any, arts: Any) -> Any:
    """Every event with what merging needs from its article: batch, date, link."""
    from pyspark.sql import functions as fn

    events = outcomes.select(fn.explode("events").alias("e")).select(
        "e.id", "e.article_id", "e.event", "e.modality", "e.record"
    )
    linked = links.select("article_id", "original_id", "wire")
    return events.join(arts, "article_id").join(linked, "article_id", "left")


def blocked(frame: Any) -> Any:
    """The reports with their days (``lo``, ``hi``: slack included) and ``block``: within
    one event type and modality, a new block wherever a report's first day comes after the
    last day (with slack) of every report before it in the order of first days."""
    from pyspark.sql import Window
    from pyspark.sql import functions as fn
    from pyspark.sql.pandas.types import from_arrow_schema

    spanned = frame.mapInArrow(spans, from_arrow_schema(_with_span(frame)))
    kind = Window.partitionBy("event", "modality").orderBy("lo", "id")
    before = fn.max("hi").over(kind.rowsBetween(Window.unboundedPreceding, -1))
    starts = fn.when(before.isNull() | (fn.col("lo") > before), 1).otherwise(0)
    return spanned.withColumn("starts", starts).withColumn(
        "block", fn.sum("starts").over(kind.rowsBetween(Window.unboundedPreceding, 0))
    )


def _names(outcomes: Any, batch_of: dict[str, int], count: int) -> list[list[str]]:
    """The person names of each batch's actor mentions (what ``actors.update`` registers)."""
    from pyspark.sql import functions as fn

    record = fn.col("m.record")
    people = (
        outcomes.select(fn.explode("mentions").alias("m"))
        .where(fn.col("m.kind") == "actor")
        .select(
            fn.col("m.article_id").alias("article_id"),
            fn.get_json_object(record, "$.actor.kind").alias("kind"),
            fn.get_json_object(record, "$.actor.name").alias("name"),
        )
        .where((fn.col("kind") == "person") & (fn.col("name") != ""))
        .select("article_id", "name")
        .distinct()
    )
    found: list[list[str]] = [[] for _ in range(count)]
    for row in people.toLocalIterator():
        found[batch_of[row["article_id"]]].append(row["name"])
    return found


def _with_span(frame: Any) -> pa.Schema:
    from pyspark.sql.pandas.types import to_arrow_schema

    base = to_arrow_schema(frame.schema)
    return base.append(pa.field("lo", TEXT)).append(pa.field("hi", TEXT))


def spans(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each report's first day and its last day plus the slack (``compat.interval``)."""
    for batch in batches:
        lo, hi = [], []
        for row in batch.select(["record", "published"]).to_pylist():
            span = compat.interval(_event(row["record"]), _day(row["published"]))
            ends = FAR if span is None else (span[0].isoformat(), _slack(span[1]))
            lo.append(ends[0])
            hi.append(ends[1])
        yield batch.append_column("lo", pa.array(lo, TEXT)).append_column("hi", pa.array(hi, TEXT))


def _slack(day: dt.date) -> str:
    return shift(day, compat.SLACK.days).isoformat()


def _event(record: str) -> Event:
    return from_dict(Event, json.loads(record))


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def merge_rows(frame: Any, history: Any) -> Any:
    """The ``applyInPandas`` function: one block's reports in, its merged rows out."""
    import pandas as pd  # type: ignore[import-untyped]

    items = [
        blocks.Item(
            int(r["batch"]),
            compat.Report(
                _event(r["record"]),
                _day(r["published"]),
                merge.source(r["article_id"], _text(r["original_id"]), _text(r["wire"])),
                {},
            ),
        )
        for r in frame.to_dict("records")
    ]
    out: list[dict[str, Any]] = []
    columns = [f.name for f in BLOCK_OUT]
    for held in blocks.merge_block(items, blocks.resolver(history.value)):
        for i, member in enumerate(held.members):
            event = member.report.event
            row: dict[str, Any] = dict.fromkeys(columns)
            row |= {
                "event_id": event.id,
                "merged_id": held.row["id"],
                "article_id": event.article_id,
            }
            row |= {"batch": member.batch, "founder": i == 0}
            row |= {"event": event.event, "modality": event.modality}
            if i == 0:
                row |= {"m_" + k: v for k, v in _event_row(held).items()}
            out.append(row)
    found = pd.DataFrame({c: pd.Series([r[c] for r in out], dtype=object) for c in columns})
    for name in ("batch", "m_sources", "m_reports", "m_founded", "m_last"):
        found[name] = found[name].astype("Int64")
    return found


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _event_row(held: blocks.Held) -> dict[str, Any]:
    row = held.row
    first = row["first_published"]
    return {
        **{k: row[k] for k in ("id", "event", "modality", "date_start", "date_end")},
        "sources": row["sources"],
        "reports": row["reports"],
        "first_published": first.isoformat() if first else None,
        "record": json.dumps(row["record"], ensure_ascii=False, sort_keys=True),
        "founded": held.batches[0],
        "last": held.batches[-1],
        "batches": list(held.batches),
    }
