"""The corpus tables are a function of the stored articles: not of the order they came in,
of how the corpus work was cut into calls, or of articles being analysed again.

Articles are real news_cluster texts (so copies and stories form) with hand-made events
(so merged events form); no model is loaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path

from tests.conftest import DATA, need
from tests.storestate import differences, state
from tests.test_corpus_merge import event

from wirewatch import corpus
from wirewatch.records import Article
from wirewatch.stages.ingest import article_id
from wirewatch.store import Store

COUNT = 40


def _articles() -> list[Article]:
    source = need(DATA / "clustering" / "news_cluster.jsonl")
    with source.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for _, line in zip(range(COUNT), lines, strict=False)]
    rows.append({**rows[3], "text": "From the wires.\n\n" + rows[3]["text"]})  # a copy
    found = []
    for number, row in enumerate(rows):
        key = article_id(row["text"])
        text = "Russian missiles hit Kharkiv on Monday, killing 6 people."
        made = event(key, text, dead=6 + number % 3, day=row["published"])
        found.append(
            Article(
                id=key,
                text=row["text"],
                origin=f"news_cluster:{number}",
                title=row.get("title"),
                published=dt.date.fromisoformat(row["published"]),
                events=(dataclasses.replace(made, id=f"{key}-0"),),
            )
        )
    return found


def _store(db: Path, batches: list[list[Article]]) -> dict[str, object]:
    store = Store(str(db))
    for batch in batches:
        for article in batch:
            store.save(article)
        corpus.update(store, [a.id for a in batch])
    store.close()
    return state(str(db))


def test_order_of_arrival_and_calls_change_nothing(tmp_path: Path) -> None:
    found = _articles()
    reference = _store(tmp_path / "all.db", [found])
    assert len(reference["story_articles"]) == len(found)  # type: ignore[arg-type]
    assert reference["merged_reports"] and reference["article_links"]
    backwards = _store(tmp_path / "back.db", [[a] for a in reversed(found)])
    assert differences(backwards, reference) == []
    shuffled = found[:]
    random.Random(7).shuffle(shuffled)
    chunks = [shuffled[i : i + 7] for i in range(0, len(shuffled), 7)]
    assert differences(_store(tmp_path / "mixed.db", chunks), reference) == []


def test_analysing_the_same_articles_again_changes_nothing(tmp_path: Path) -> None:
    """As with `run` again under another --model: every article is stored again, queued
    again; the merged events are rebuilt without reusing an id still in use."""
    found = _articles()
    reference = _store(tmp_path / "w.db", [found])
    again = _store(tmp_path / "w.db", [found[::-1]])
    assert differences(again, reference) == []


def test_a_founder_analysed_again_apart_from_its_happening_gets_a_new_merged_id(
    tmp_path: Path,
) -> None:
    """A's event founded the merged event B joined; A, analysed again, now tells another
    happening: it may not take the id of the merged event B still holds."""
    first, second = _articles()[:2]
    moved = dataclasses.replace(first.events[0], event="PROTEST")
    second = dataclasses.replace(
        second,
        published=first.published,
        events=(dataclasses.replace(first.events[0], id=f"{second.id}-0", article_id=second.id),),
    )
    _store(tmp_path / "w.db", [[first, second]])
    again = _store(tmp_path / "w.db", [[dataclasses.replace(first, events=(moved,))]])
    clean = _store(tmp_path / "clean.db", [[dataclasses.replace(first, events=(moved,)), second]])
    assert len(again["merged_events"]) == 2  # type: ignore[arg-type]
    assert differences(again, clean) == []


def test_briefs_reads_more_than_one_chunk_of_ids(tmp_path: Path) -> None:
    """The clusters bench once failed on any file of more than 500 articles: the column list
    was a generator the first chunk used up."""
    from wirewatch.corpus.db import CHUNK, briefs

    store = Store(str(tmp_path / "w.db"))
    made = [
        Article(id=f"a{n:04d}", text=f"Report number {n} on the shelling.", origin=str(n))
        for n in range(CHUNK + 3)
    ]
    for article in made:
        store.save(article, queue=False)
    with store.engine.connect() as conn:
        assert len(briefs(conn, [a.id for a in made])) == CHUNK + 3
