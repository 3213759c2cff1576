"""Corpus stages and reads that stay flat as the store grows (issue 15): merge's candidate
query answered from its index, claims and stories that decode and query only what they need.
The results themselves are the other corpus tests' business; these check how they are read."""

from __future__ import annotations

import dataclasses
import os
import random
from collections import Counter
from typing import Any

import pytest
import sqlalchemy as sa
from bench.export_speed import article
from tests.conftest import statements
from tests.test_corpus_claims import DISMISSED, told_three_ways
from tests.test_corpus_merge import STRIKE, STRIKE_7, event, report, span

from wirewatch import corpus
from wirewatch.corpus import claims, merge, stories
from wirewatch.records import Actor, Event, Quote, from_dict
from wirewatch.store import Store, url_for
from wirewatch.store.schema import events, merged_events, merged_reports

merge_from_dict = from_dict


def merged_store(db: str, count: int = 40) -> Store:
    """Made-up articles of five dated events each (one undated), not yet merged."""
    store = Store(db)
    rng = random.Random(3)
    for number in range(count):
        made = article(number, rng)
        undated = dataclasses.replace(made.events[0], date=None)
        store.save(dataclasses.replace(made, published=None, events=(undated, *made.events[1:])))
    return store


def candidate_queries(store: Store) -> list[tuple[str, Any]]:
    """The statements ``merge._home`` runs while the corpus stages merge the store."""
    with statements(store.engine) as found:
        corpus.catch_up(store)
    return [
        (s, p) for s, p in found if "ORDER BY" in s and "first_published" in s.split("ORDER BY")[1]
    ]


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[tuple[str, Any]]]:
    """A store of 40 made-up articles through the corpus stages, and merge's queries."""
    db = str(tmp_path_factory.mktemp("scale") / "merged.db")
    store = merged_store(db)
    found = candidate_queries(store)
    store.close()
    return db, found


def test_merge_candidates_are_read_from_the_covering_index(
    merged: tuple[str, list[tuple[str, Any]]],
) -> None:
    db, found = merged
    store = Store(db)
    dated = [(s, p) for s, p in found if "date_end >=" in s]
    assert len(dated) > 100 and len(found) > len(dated)  # and some undated
    with store.engine.connect() as conn:
        plans = {
            str(row[-1])
            for statement, parameters in dated[-20:]
            for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        }
    searches = {p for p in plans if p.startswith(("SEARCH", "SCAN"))}
    index = "SEARCH merged_events USING COVERING INDEX ix_merged_events_home"
    assert searches == {
        f"{index} (event=? AND modality=? AND date_end=? AND date_start=?)",  # none (IS NULL)
        f"{index} (event=? AND modality=? AND date_end>?)",  # from the report's start on
    }, plans


@pytest.mark.skipif(not os.environ.get("WIREWATCH_TEST_PG"), reason="WIREWATCH_TEST_PG is not set")
def test_merge_candidates_use_the_index_on_postgresql() -> None:
    from tests.test_postgres import fresh_schema

    with fresh_schema() as url:
        store = merged_store(url, count=20)
        statement, parameters = candidate_queries(store)[-1]
        engine = sa.create_engine(url_for(url))
        with engine.connect() as conn:
            conn.exec_driver_sql("SET enable_seqscan = off")  # small tables: say what it can use
            plan = [r[0] for r in conn.exec_driver_sql(f"EXPLAIN {statement}", parameters)]
        engine.dispose()
        store.close()
    assert any("ix_merged_events_home" in line for line in plan), plan


def test_a_store_made_before_the_merge_index_gets_it(db: str) -> None:
    from wirewatch.store.schema import MERGE_HOME

    Store(db).close()
    engine = sa.create_engine(url_for(db))
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP INDEX {MERGE_HOME.name}")
    Store(db).close()
    assert MERGE_HOME.name in {i["name"] for i in sa.inspect(engine).get_indexes("merged_events")}
    engine.dispose()


# --- claims -------------------------------------------------------------------------------------


def disputed_store(db: str) -> Store:
    """One claim asserted and denied (with a dismissing quote), one strike nobody denies told
    by two articles, and quotes about no event beside them."""
    store = Store(db)
    a, b, c = told_three_ways(store)
    peskov = Actor(code="RUS", name="Dmitry Peskov", kind="person")
    said = [
        Quote(
            id=f"{c}-q{n}", article_id=c, speaker=peskov, speaker_text="Peskov",
            speaker_span=span(DISMISSED, "Peskov"), cue=span(DISMISSED, "said"),
            content=span(DISMISSED, "is not true"), kind="direct", stance="dismisses",
            about=(f"{c}-0",) if n == 0 else (),
        )
        for n in range(12)
    ]  # fmt: skip
    store.save(dataclasses.replace(store.load(c), quotes=tuple(said)))
    d = report(store, "d", STRIKE, "2024-06-10", event("x", STRIKE, dead=6))
    e = report(store, "e", STRIKE_7, "2024-06-11", event("x", STRIKE_7, dead=7))
    corpus.update(store, [a, b, c, d, e])
    return store


def test_disputed_builds_only_the_claims_somebody_may_deny(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The strike has two reports but no denial in them: its claim is never built."""
    store = disputed_store(db)
    built: list[str] = []
    real = claims.claim

    def counted(conn: Any, merged_id: str) -> Any:
        built.append(merged_id)
        return real(conn, merged_id)

    monkeypatch.setattr(claims, "claim", counted)
    with store.engine.connect() as conn:
        found = claims.disputed(conn)
    assert len(found) == 1 and found[0].statement == "Iran AID Russia"
    assert built == [found[0].merged_id]


def test_a_claim_decodes_only_the_quotes_about_some_event(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = disputed_store(db)
    decoded: list[type] = []
    real = claims.from_dict

    def counted(kind: type, data: Any) -> Any:
        decoded.append(kind)
        return real(kind, data)

    monkeypatch.setattr(claims, "from_dict", counted)
    with store.engine.connect() as conn:
        (found,) = claims.disputed(conn)
    stances = sorted(p.stance for p in found.positions)
    assert stances == ["asserts", "denies", "dismisses"]
    assert decoded.count(Quote) == 1  # of the twelve quotes in the articles, one is about it


# --- stories ------------------------------------------------------------------------------------


def test_stories_are_read_in_the_same_queries_however_many(
    merged: tuple[str, list[tuple[str, Any]]],
) -> None:
    """A batch of stories costs one query per table, not one per story and table."""
    store = Store(merged[0])
    with store.engine.connect() as conn:
        every = stories.read(conn)
        assert len(every) > 2
        with statements(store.engine) as one:
            assert len(stories.read(conn, limit=1)) == 1
        with statements(store.engine) as many:
            assert stories.read(conn) == every
        assert [s.id for s in stories.each(conn, batch=1)] == [s.id for s in every]
    assert len(many) == len(one), [s for s, _ in many]


# --- merge ---------------------------------------------------------------------------------------


def test_merge_decodes_a_stored_event_once_per_corpus_step(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merged event that is a candidate in batch after batch is read back, not decoded
    again each time: an event is decoded as a new report, then at most once from the store."""
    monkeypatch.setattr(corpus, "BATCH", 4)
    decoded: list[str] = []

    def counted(kind: type, data: Any) -> Any:
        made = merge_from_dict(kind, data)
        if kind is Event:
            decoded.append(made.id)
        return made

    monkeypatch.setattr(merge, "from_dict", counted)
    store = merged_store(str(tmp_path / "m.db"), count=24)
    corpus.catch_up(store)
    with store.engine.connect() as conn:
        reports = conn.scalar(sa.select(sa.func.count()).select_from(merged_reports))
        held = conn.scalar(sa.select(sa.func.max(merged_events.c.reports)))
    store.close()
    assert held > 1  # some merged event holds reports of several batches
    times = Counter(decoded)
    assert len(times) == reports and max(times.values()) == 2, times.most_common(3)


def test_merge_reads_again_the_events_of_an_article_it_merges_again(tmp_path: Any) -> None:
    """Between two batches another process may store an article again: its events, kept
    decoded from an earlier batch, are dropped when the article comes through."""
    store = merged_store(str(tmp_path / "m.db"), count=6)
    corpus.catch_up(store)
    with store.engine.begin() as conn:
        event_id, article_id = conn.execute(
            sa.select(merged_reports.c.event_id, merged_reports.c.article_id).limit(1)
        ).one()
        record = conn.scalar(sa.select(events.c.record).where(events.c.id == event_id))
        stale = dataclasses.replace(from_dict(Event, record), event="AID")
        other = dataclasses.replace(stale, id="other", article_id="another article")
        decoded: dict[str, Event] = {event_id: stale, "other": other}
        merge.update(conn, [article_id], decoded)
    store.close()
    assert decoded.get(event_id) is not stale and decoded["other"] is other


#: Whole-table reads the corpus step may make: once per call, queued articles in no story
#: (read from the id index); the queue itself; the number of articles in stories (an index).
ALLOWED_SCANS = {
    "SCAN articles USING COVERING INDEX sqlite_autoindex_articles_1",
    "SCAN corpus_queue USING COVERING INDEX sqlite_autoindex_corpus_queue_1",
    "SCAN story_articles USING COVERING INDEX ix_story_articles_story_id",
}


def test_the_corpus_step_walks_no_table_of_the_store(tmp_path: Any) -> None:
    """Every read of a batch looks its rows up by key: a join from the queue to the articles
    had walked the articles table (text and all) for every batch (issue 15)."""
    store = merged_store(str(tmp_path / "scans.db"))
    with statements(store.engine) as found:
        corpus.catch_up(store)
    selects = [(s, p) for s, p in found if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) > 100
    with store.engine.connect() as conn:
        plans = {
            str(row[-1])
            for statement, parameters in selects
            for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        }
    store.close()
    assert {p for p in plans if p.startswith("SCAN")} <= ALLOWED_SCANS
