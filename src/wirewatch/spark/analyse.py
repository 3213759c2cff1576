"""The executors' part: the per-article stages over staged inputs, inside ``mapInArrow``.

Each Python worker builds the pipeline once, the first time a task reaches it, and keeps
it for every later partition (Spark reuses its Python workers), so the models load once
per worker, never per partition or per article. ``pipeline.run`` does the work exactly as
in ``wirewatch run``: batches for spaCy, the time budget per article, and a Failure with
its reason for an article that fails; failures met on the driver pass through untouched.

One outcome row per staged input carries everything made from it: the article's row, its
mentions, events and quotes, its signature for finding copies, or its failure. Spark keeps
the outcomes and writes each dataset from them by selecting columns, with no second pass
through Python.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import pyarrow as pa

from wirewatch import pipeline, stages
from wirewatch.pipeline import Stage
from wirewatch.records import Article, Failure, from_dict
from wirewatch.settings import Settings
from wirewatch.spark import dedup, rows


def _struct(name: str) -> pa.StructType:
    return pa.struct(list(rows.SCHEMAS[name]))


#: What an executor returns for each staged input.
OUTCOMES = pa.schema(
    [
        pa.field("seq", pa.int64()),
        pa.field("article", _struct("articles")),
        *(pa.field(n, pa.list_(_struct(n))) for n in ("mentions", "events", "quotes")),
        pa.field("signature", dedup.SIGNATURE),
        pa.field("failure", _struct("failures")),
    ]
)
_PIPELINES: dict[Settings, list[Stage]] = {}


def pipeline_for(settings: Settings) -> list[Stage]:
    """The default stages for ``settings``, built once per worker process and kept."""
    if settings not in _PIPELINES:
        chosen = stages.default(settings)
        pipeline.check(chosen)
        _PIPELINES[settings] = chosen
    return _PIPELINES[settings]


def outcomes(
    batches: Iterator[pa.RecordBatch], settings: Settings, started: dt.datetime
) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: staged rows in, one outcome row per staged row out.

    ``started`` (the run's start, naive UTC) dates undated articles in the corpus order.
    """
    chosen = pipeline_for(settings)
    for batch in batches:
        found = analyse(chosen, batch.to_pylist(), settings, started)
        yield pa.RecordBatch.from_pylist(found, schema=OUTCOMES)


def analyse(
    chosen: Sequence[Stage], staged: list[dict[str, Any]], settings: Settings, started: dt.datetime
) -> list[dict[str, Any]]:
    """Run the stages over the staged articles; keep the staged failures as they are."""
    at = dt.datetime.now(dt.UTC)
    done = [
        failed(from_dict(Failure, json.loads(r["record"])), r["seq"], at)
        for r in staged
        if r["kind"] == "failure"
    ]
    todo = [(r["seq"], _article(r)) for r in staged if r["kind"] == "article"]
    seqs = {a.id: seq for seq, a in todo}
    by_origin = {a.origin: seq for seq, a in todo}
    for item in pipeline.run(
        [*chosen],
        (a for _, a in todo),
        batch_size=settings.batch_size,
        seconds=settings.article_seconds,
    ):
        if isinstance(item, Failure):
            done.append(failed(item, by_origin.get(item.origin, -1), at))
        else:
            done.append(analysed(item, seqs[item.id], started))
    return done


def _article(row: dict[str, Any]) -> Article:
    return replace(from_dict(Article, json.loads(row["record"])), raw=row["raw"] or b"")


def failed(failure: Failure, seq: int, at: dt.datetime) -> dict[str, Any]:
    """The outcome of an input that failed: its failure row and nothing else."""
    row = rows.failure_row(failure, seq, at)
    return {"seq": seq, "mentions": [], "events": [], "quotes": [], "failure": row}


def analysed(article: Article, seq: int, started: dt.datetime) -> dict[str, Any]:
    """The outcome of an analysed article: its rows in every dataset and its signature."""
    found = {name: make(article, seq) for name, make in rows.ROWS.items()}
    signature = dedup.signature_row(dedup.brief(article, started))
    return {
        "seq": seq,
        "article": found.pop("articles")[0],
        **found,
        "signature": signature,
    }
