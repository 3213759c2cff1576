"""What a store holds, as plain data, so two stores can be compared (fault and order tests).

Times (when stored, when queued) and run numbers are left out: they differ between any two
runs. Everything the stages and the corpus stages decided is in.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from wirewatch.store import Store
from wirewatch.store.schema import metadata

#: Columns that say when or in which run, not what.
CLOCKS = {"ingested_at", "queued_at", "run_id", "at", "id_mentions"}
ANALYSIS = ("mentions", "events", "quotes")
CORPUS = (
    "signatures",
    "article_links",
    "stories",
    "story_articles",
    "term_df",
    "merged_events",
    "merged_reports",
    "actor_aliases",
)


def _rows(conn: Any, name: str) -> list[str]:
    table = metadata.tables[name]
    keep = [
        c for c in table.c if c.name not in CLOCKS and not (name == "mentions" and c.name == "id")
    ]
    rows = conn.execute(sa.select(*keep)).all()
    return sorted(json.dumps(list(r), sort_keys=True, default=str) for r in rows)


def state(db: str) -> dict[str, Any]:
    """Every article (with its analysis) and every corpus table of the store ``db``."""
    store = Store(db)
    try:
        with store.engine.connect() as conn:
            found: dict[str, Any] = {
                "articles": sorted(conn.scalars(sa.select(metadata.tables["articles"].c.id))),
                "queued": conn.scalar(sa.text("SELECT count(*) FROM corpus_queue")),
                "orphans": {
                    name: conn.scalar(
                        sa.text(
                            f"SELECT count(*) FROM {name} WHERE article_id NOT IN "
                            "(SELECT id FROM articles)"
                        )
                    )
                    for name in (*ANALYSIS, "story_articles", "merged_reports")
                },
                "lsh_bands": conn.scalar(sa.text("SELECT count(*) FROM lsh_bands")),
            }
            for name in (*ANALYSIS, *CORPUS):
                found[name] = _rows(conn, name)
    finally:
        store.close()
    return found


def differences(one: dict[str, Any], other: dict[str, Any]) -> list[str]:
    """The parts of two states that differ, with a count of the rows on each side."""
    return [
        f"{key}: {len(one[key]) if isinstance(one[key], list) else one[key]} vs "
        f"{len(other[key]) if isinstance(other[key], list) else other[key]}"
        for key in one
        if one[key] != other.get(key)
    ]
