"""Merging a block of reports in memory (what Spark's executors run) equals merging them in
the store, and person names resolve as the aliases stood after each batch."""

from __future__ import annotations

import datetime as dt

from tests.test_corpus_merge import ODESA, STRIKE, STRIKE_7, event, report

from wirewatch import corpus
from wirewatch.corpus import blocks, merge
from wirewatch.corpus.compat import Report
from wirewatch.store import Store


def test_names_resolve_as_the_aliases_stood_after_each_batch() -> None:
    history = blocks.aliases([["Blinken"], ["Antony Blinken"], ["Mr. Blinken"]])
    resolve = blocks.resolver(history)
    assert resolve("Blinken", 0) == "Blinken"
    assert resolve("Blinken", 1) == resolve("Blinken", 2) == "Antony Blinken"
    assert resolve("Mr. Blinken", 1) == "Blinken"  # not met yet: cleaned only
    assert resolve("Mr. Blinken", 2) == "Antony Blinken"


def test_a_block_merged_in_memory_equals_the_store(db: str) -> None:
    store = Store(db)
    odesa = "Russian drones hit Odesa on Monday, killing 6 people."
    told = [
        ("a", STRIKE, "2024-06-10", event("x", STRIKE, dead=6)),
        ("b", STRIKE_7, "2024-06-11", event("x", STRIKE_7, dead=7)),
        ("c", odesa, "2024-06-10", event("x", odesa, dead=6, place=ODESA)),
        ("d", STRIKE, "2024-06-12", event("x", STRIKE, dead=6)),
    ]
    ids = [report(store, key, text, day, found) for key, text, day, found in told]
    corpus.update(store, ids)
    stored = {r["id"]: r for r in store.rows("merged_events")}
    members = {r["event_id"]: r["merged_id"] for r in store.rows("merged_reports")}
    events = [e for a in ids for e in store.load(a).events]
    links = {r["article_id"]: r for r in store.rows("article_links")}  # d copies a
    source = {
        a: merge.source(a, links[a]["original_id"], links[a]["wire"]) if a in links else a
        for a in ids
    }
    store.close()
    items = [
        blocks.Item(0, Report(e, dt.date.fromisoformat(day), source[e.article_id], {}))
        for e, (_, _, day, _) in zip(events, told, strict=True)
    ]
    held = blocks.merge_block(items, blocks.resolver({}))
    assert {m.report.event.id: h.row["id"] for h in held for m in h.members} == members
    assert len(held) == 2 and sorted(len(h.members) for h in held) == [1, 3]
    for h in held:
        assert h.row == stored[h.row["id"]]
