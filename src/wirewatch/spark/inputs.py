"""The driver's part: read the inputs, ingest them, and stage them for the executors.

Reading and ingestion run on the driver, as in ``wirewatch run``: the same readers expand
directories, feeds, JSON Lines and CSV and fetch URLs under the same limits, every input
that cannot be read or ingested is a failure with its reason, and an article's id (the hash
of its text) is known before any executor parses it, so an article met twice in the inputs
is analysed once and counted as a duplicate. What is staged is small per article (its text
and raw bytes), written to Parquet in row groups as it comes: the driver holds one row
group, never the corpus. Executors read the staged file, so the output folder must be one
they all see (a shared file system).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from wirewatch import jobs
from wirewatch.records import Article, Failure, to_dict
from wirewatch.settings import Settings

#: One staged input: an article to analyse, or a failure already met on the driver.
STAGED = pa.schema(
    [
        pa.field("seq", pa.int64()),
        pa.field("kind", pa.string()),  # article | failure
        pa.field("record", pa.string()),  # the Article or Failure as JSON
        pa.field("raw", pa.binary()),
    ]
)
ROW_GROUP = 256


@dataclass
class Staged:
    """What the driver met: inputs in all, articles staged, duplicates and failures."""

    inputs: int = 0
    articles: int = 0
    duplicates: int = 0
    failed: int = 0


def stage(
    targets: Sequence[str],
    settings: Settings,
    path: Path,
    *,
    published: dt.date | None = None,
    source: str | None = None,
) -> Staged:
    """Read and ingest ``targets`` into the Parquet file ``path``; return the counts."""
    counts = Staged()
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, STAGED) as writer:
        for item in _items(targets, settings, published, source):
            counts.inputs += 1
            if isinstance(item, Article) and item.id in seen:
                counts.duplicates += 1
                continue
            rows.append(_row(counts.inputs, item))
            if isinstance(item, Article):
                seen.add(item.id)
                counts.articles += 1
            else:
                counts.failed += 1
            if len(rows) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=STAGED))
                rows = []
        writer.write_table(pa.Table.from_pylist(rows, schema=STAGED))
    return counts


def _row(seq: int, item: Article | Failure) -> dict[str, Any]:
    kind = "article" if isinstance(item, Article) else "failure"
    raw = item.raw if isinstance(item, Article) else b""
    return {"seq": seq, "kind": kind, "record": json.dumps(to_dict(item)), "raw": raw}


def _items(
    targets: Sequence[str],
    settings: Settings,
    published: dt.date | None,
    source: str | None,
) -> Iterator[Article | Failure]:
    """Every input as its Article, or as the Failure that says why it is none."""
    for item in jobs.inputs(targets, settings):
        yield (
            item if isinstance(item, Failure) else jobs.ingested(item, settings, published, source)
        )
