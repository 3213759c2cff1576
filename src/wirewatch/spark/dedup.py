"""Copies and near-copies in Spark: MinHash bands joined across the corpus.

Each executor makes an article's signature and LSH band keys right after analysing it,
with ``corpus.dedup``'s own functions (the same MinHash seeds, the same bands as the
store's ``lsh_bands``), and the link it gets if it copies nothing (its wire, or none).
Spark then joins the band keys: a pair is only formed with an earlier article (day, then
id), as the store only compares a new article with those indexed before it. Pairs are
scored on the executors (``dedup.similarity``); only those that pass the threshold come
back to the driver, to be linked in the corpus order (``links``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa

from wirewatch.corpus import dedup
from wirewatch.corpus.db import Brief
from wirewatch.records import Article
from wirewatch.spark import rows
from wirewatch.spark.links import Node, Pair, replay

#: What the executors keep of an analysed article for finding copies.
SIGNATURE = pa.struct(
    [
        *(pa.field(n, pa.string()) for n in ("article_id", "day", "published", "title")),
        *(pa.field(n, pa.string()) for n in ("wire", "wire_evidence", "dateline")),
        pa.field("minhash", pa.binary()),
        pa.field("shingles", pa.int64()),
        pa.field("facts", pa.binary()),
        pa.field("bands", pa.list_(pa.int64())),
        pa.field("alone", pa.struct(list(rows.SCHEMAS["links"]))),  # its link if it copies none
    ]
)
SCORED = pa.schema(
    [
        pa.field("new", pa.string()),
        pa.field("old", pa.string()),
        pa.field("jaccard", pa.float64()),
        pa.field("share", pa.float64()),
    ]
)


def brief(article: Article, ingested: dt.datetime) -> Brief:
    """What the corpus stages read of an article; ``ingested`` dates an undated one."""
    return Brief(
        id=article.id,
        text=article.text,
        title=article.title,
        published=article.published,
        ingested=ingested,
        wire=article.wire,
        wire_evidence=article.wire_evidence,
        dateline=article.dateline.text if article.dateline else None,
    )


def signature_row(found: Brief) -> dict[str, Any]:
    """The article's signature, band keys and lone link, as the ``signature`` column."""
    sig = dedup.signature(found)
    alone = dedup.wire_link(found)
    return {
        "article_id": found.id,
        "day": found.day.isoformat(),
        "published": found.published.isoformat() if found.published else None,
        "title": found.title,
        "wire": found.wire,
        "wire_evidence": found.wire_evidence,
        "dateline": found.dateline,
        "minhash": sig.minhash.astype("<u4").tobytes(),
        "shingles": sig.shingles,
        "facts": sig.facts.astype("<u4").tobytes(),
        "bands": dedup.band_keys(sig.minhash),
        "alone": None if alone is None else rows.link_row(alone),
    }


def write(outcomes: Any, threshold: float, path: str) -> int:
    """Write the ``links`` dataset of the analysed articles in ``outcomes``; return its rows."""
    from pyspark.sql import functions as fn

    sigs = outcomes.where(fn.col("signature").isNotNull()).select("signature.*")
    kept = _kept(sigs, threshold).persist()
    try:
        pairs = [Pair(r["new"], r["old"], r["jaccard"], r["share"]) for r in kept.collect()]
        ends = kept.select(fn.col("new").alias("article_id")).union(
            kept.select(fn.col("old").alias("article_id"))
        )
        nodes = sigs.join(ends, "article_id", "left_semi").collect()
        found = replay({n["article_id"]: node(n.asDict()) for n in nodes}, pairs)
        spark = sigs.sparkSession
        schema = _spark_schema(rows.SCHEMAS["links"])
        replayed = spark.createDataFrame([rows.link_row(link) for link in found.values()], schema)
        alone = sigs.join(ends, "article_id", "left_anti").where(fn.col("alone").isNotNull())
        replayed.union(alone.select("alone.*")).write.mode("error").parquet(path)
    finally:
        kept.unpersist()
    return int(spark.read.parquet(path).count())


def _spark_schema(schema: pa.Schema) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def _kept(sigs: Any, threshold: float) -> Any:
    """Pairs (new, old) sharing a band, old earlier in the corpus order, scored, kept."""
    from pyspark.sql import functions as fn

    bands = sigs.select("article_id", "day", fn.explode("bands").alias("key"))
    new, old = bands.alias("new"), bands.alias("old")
    before = (fn.col("old.day") < fn.col("new.day")) | (
        (fn.col("old.day") == fn.col("new.day"))
        & (fn.col("old.article_id") < fn.col("new.article_id"))
    )
    pairs = (
        new.join(old, fn.col("new.key") == fn.col("old.key"))
        .where(before)
        .select(fn.col("new.article_id").alias("new"), fn.col("old.article_id").alias("old"))
        .distinct()
    )
    hashes = sigs.select("article_id", "minhash", "shingles")
    joined = pairs.join(hashes.toDF("new", "new_minhash", "new_shingles"), "new").join(
        hashes.toDF("old", "old_minhash", "old_shingles"), "old"
    )
    scored = joined.mapInArrow(score_rows, _spark_schema(SCORED))
    return scored.where(fn.col("share") >= threshold)


def score_rows(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Candidate pairs in, their estimated Jaccard and share (``dedup.similarity``) out."""
    for batch in batches:
        found = []
        for r in batch.to_pylist():
            new = _signature(r["new"], None, r["new_minhash"], r["new_shingles"])
            old = _signature(r["old"], None, r["old_minhash"], r["old_shingles"])
            jaccard, share = dedup.similarity(new, old)
            found.append({"new": r["new"], "old": r["old"], "jaccard": jaccard, "share": share})
        yield pa.RecordBatch.from_pylist(found, schema=SCORED)


def _signature(
    article_id: str, published: dt.date | None, minhash: bytes, shingles: int, facts: bytes = b""
) -> dedup.Signature:
    return dedup.Signature(article_id, published, _values(minhash), shingles, _values(facts))


def _values(data: bytes) -> Any:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def node(row: dict[str, Any]) -> Node:
    """A signature row back as the brief and signature the replay reads."""
    published = dt.date.fromisoformat(row["published"]) if row["published"] else None
    found = Brief(
        id=row["article_id"],
        text="",
        title=row["title"],
        published=published,
        ingested=dt.datetime.fromisoformat(row["day"]),
        wire=row["wire"],
        wire_evidence=row["wire_evidence"],
        dateline=row["dateline"],
    )
    sig = _signature(found.id, published, row["minhash"], row["shingles"], row["facts"])
    return Node(found, sig)
