"""The merged events of a Spark run (``merged/``), handed to ``corpus.catch_up`` batch by batch.

``catch_up`` asks for each batch it takes off the queue; the run's merges are used only when
they are what the store would make: the batch holds the same articles as one of the run's
batches (``plan.json`` keeps a hash of each), every article done before it is the run's
batches before it, the store holds no article the run has not, and none of the batch's
articles has merged reports yet. Else the batch is merged in the store as always (a load into
a store that holds other articles, an undated article loaded on another day than the run).
The datasets are read as streams, in the order Spark sorted them (by batch), a batch at a
time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch import corpus
from wirewatch.corpus import planned, queue
from wirewatch.corpus.db import chunks
from wirewatch.spark.merged import PLAN, batch_hash
from wirewatch.store.schema import articles

EVENT_KEYS = ("id", "event", "modality", "date_start", "date_end", "sources", "reports")


class Premerged:
    """``planned.Merges`` over the ``merged`` dataset of the run in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.plan: dict[str, Any] = json.loads((folder / PLAN).read_text(encoding="utf-8"))
        self.index = {h: k for k, h in enumerate(self.plan["batches"])}
        self.expected: int | None = None
        self.reports = _Stream(folder / "reports", "batch")
        self.events = _Stream(folder / "events", "last")
        self.used = 0

    def take(self, conn: Connection, batch: Sequence[str]) -> int | None:
        k = self.index.get(batch_hash(batch))
        if self.plan["batch"] != corpus.BATCH or k is None:
            self.expected = None
            return None
        if k != self.expected and not self._matches(conn, k):
            self.expected = None
            return None
        if not planned.fresh(conn, batch):
            self.expected = None
            return None
        reports = self.reports.take(k)
        finals = [_event_row(r) for r in self.events.take(k)]
        self.expected = k + 1
        self.used += 1
        return planned.write(conn, reports, finals)

    def _matches(self, conn: Connection, k: int) -> bool:
        """Whether the store holds the run's articles alone, the first ``k`` batches done."""
        total = conn.scalar(sa.select(sa.func.count()).select_from(articles))
        if total != self.plan["articles"]:
            return False
        done = [batch_hash(part) for part in chunks(queue.met(conn), corpus.BATCH)]
        return bool(done == self.plan["batches"][:k])


def _event_row(row: dict[str, Any]) -> dict[str, Any]:
    first = row["first_published"]
    return {
        **{k: row[k] for k in EVENT_KEYS},
        "first_published": dt.date.fromisoformat(first) if first else None,
        "record": json.loads(row["record"]),
    }


class _Stream:
    """A dataset's rows in the order written (``key`` never decreasing), a key at a time."""

    def __init__(self, path: Path, key: str) -> None:
        self.path, self.key = path, key
        self._open()

    def _open(self) -> None:
        self.rows = self._rows()
        self.ahead: dict[str, Any] | None = next(self.rows, None)
        self.at = -1

    def _rows(self) -> Iterator[dict[str, Any]]:
        found = ds.dataset(self.path, format="parquet")
        last = -1
        for fragment in sorted(found.get_fragments(), key=lambda f: f.path):
            for batch in fragment.to_batches():
                for row in batch.to_pylist():
                    if row[self.key] < last:
                        raise ValueError(f"{self.path} is not sorted by {self.key}")
                    last = row[self.key]
                    yield row

    def take(self, k: int) -> list[dict[str, Any]]:
        """The rows whose key is ``k`` (rows before it skipped)."""
        if k <= self.at:
            self._open()
        self.at = k
        found: list[dict[str, Any]] = []
        while self.ahead is not None and self.ahead[self.key] <= k:
            if self.ahead[self.key] == k:
                found.append(self.ahead)
            self.ahead = next(self.rows, None)
        return found
