"""Merged events made elsewhere (a Spark run) written into the store, a batch at a time.

``corpus.catch_up`` hands each batch to a ``Merges`` before merging it itself: one that
knows the batch (the same articles, in the same batches, from a store that held nothing
else) writes what ``merge.update`` would have written and says how many merged events it
touched; otherwise it says None and the batch is merged here. ``write`` is the writing:
the final rows of the merged events this batch wrote last, the batch's reports, and, for
the merged events the batch touched but a later one writes last, their row rebuilt from
the store (``merge.refresh``, as ``merge.update`` ends a batch). A final row whose
reports' sources the store links differently (rewrites, found with the stories here) is
rebuilt too, so the store ends as a local run's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wirewatch.corpus import merge
from wirewatch.corpus.db import chunks, scalars_in, upsert
from wirewatch.store.schema import article_links, merged_events, merged_reports


class Merges(Protocol):
    def take(self, conn: Connection, batch: Sequence[str]) -> int | None:
        """Write this batch's merges and count the merged events touched; None: not known."""


def write(
    conn: Connection, reports: Sequence[dict[str, Any]], finals: Sequence[dict[str, Any]]
) -> int:
    """Write one batch's merges: ``reports`` (``merged_reports`` rows plus ``founder``,
    ``event`` and ``modality``), ``finals`` (the ``merged_events`` rows written last by
    this batch). Returns how many merged events the batch touched."""
    final_ids = {r["id"] for r in finals}
    stubs = [_stub(r) for r in reports if r["founder"] and r["merged_id"] not in final_ids]
    upsert(conn, merged_events, [*stubs, *finals])
    rows = [{k: r[k] for k in ("event_id", "merged_id", "article_id")} for r in reports]
    for part in chunks(rows):
        conn.execute(merged_reports.insert(), list(part))
    touched = {r["merged_id"] for r in reports} | final_ids
    merge.refresh(conn, (touched - final_ids) | _moved(conn, finals))
    return len(touched)


def fresh(conn: Connection, batch: Sequence[str]) -> bool:
    """Whether no article of the batch has reports merged yet (none read again)."""
    return not scalars_in(conn, merged_reports.c.article_id, merged_reports.c.article_id, batch)


def _stub(report: dict[str, Any]) -> dict[str, Any]:
    """A row for a merged event started here and rewritten at the batch's end."""
    return {
        "id": report["merged_id"],
        "event": report["event"],
        "modality": report["modality"],
        "date_start": None,
        "date_end": None,
        "sources": 0,
        "reports": 0,
        "first_published": None,
        "record": {},
    }


def _moved(conn: Connection, finals: Sequence[dict[str, Any]]) -> set[str]:
    """The final rows whose reports the store gives other sources than the row says."""
    said = {(f["id"], r["article_id"]): r["source"] for f in finals for r in f["record"]["reports"]}
    wanted = sorted({a for _, a in said})
    links: dict[str, str] = {}
    for part in chunks(wanted):
        query = sa.select(
            article_links.c.article_id, article_links.c.original_id, article_links.c.wire
        ).where(article_links.c.article_id.in_(part))
        links.update({a: merge.source(a, o, w) for a, o, w in conn.execute(query)})
    return {m for (m, a), source in said.items() if links.get(a, a) != source}
