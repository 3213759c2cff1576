"""Spark: ``wirewatch spark`` then ``wirewatch load`` make the store ``wirewatch run`` makes.

The inputs are the two seeds (with their publication dates), 50 news_cluster articles, two
edited copies of one of them (one published a day before it, so the group's original
changes), an exact repeat, and four inputs that must fail (binary, empty, a bad date, not
English). One local run into SQLite is the reference. Spark runs in local mode, one
session for the module. Without Java (or pyspark) the module is skipped with the reason,
except in CI, where it fails.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from tests.conftest import DATA, SEED_DATES, SEEDS, need
from tests.storestate import differences, state

from wirewatch import export, jobs, settings, stages
from wirewatch.cli import cli
from wirewatch.spark.session import java_found
from wirewatch.store import Store


def need_spark() -> None:
    """Skip this module without pyspark or Java, with the reason; fail instead in CI."""
    problem = None
    try:
        import pyspark  # noqa: F401
    except ImportError:
        problem = "pyspark is not installed: pip install -e '.[dev]'"
    if problem is None and not java_found():
        problem = (
            "no Java runtime (java on PATH or JAVA_HOME): Spark needs Java 17+; "
            "Debian: apt-get install default-jre-headless (.ci/run does)"
        )
    if problem and os.environ.get("CI"):
        pytest.fail(problem, pytrace=False)
    if problem:
        pytest.skip(problem, allow_module_level=True)


need_spark()
NEWS = 50


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from wirewatch.spark.session import session

    with session("local[2]") as active:
        yield active


def _invoke(*args: str) -> Result:
    with pytest.MonkeyPatch.context() as patch:
        for name in settings.NAMES:
            patch.delenv(settings.env_name(name), raising=False)
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _edited(text: str, swaps: int) -> str:
    """The text a second outlet runs: the last line dropped, a few words spelt backwards."""
    lines = text.split("\n")
    words = "\n".join(lines[:-1] if len(lines) > 3 else lines).split(" ")
    for i in range(swaps):
        spot = (i * 37 + 11) % len(words)
        words[spot] = words[spot][::-1]
    return " ".join(words)


def _inputs(folder: Path) -> Path:
    """The seeds, the news, copies, a repeat and four bad inputs, all under ``folder``."""
    folder.mkdir()
    records = [
        {"text": p.read_text(encoding="utf-8"), "published": SEED_DATES[p.name[:3]]}
        for p in sorted(need(SEEDS).glob("*.txt"))
    ]
    source = need(DATA / "clustering" / "news_cluster.jsonl")
    with source.open(encoding="utf-8") as handle:
        news = [json.loads(line) for _, line in zip(range(NEWS), handle, strict=False)]
    fields = ("text", "title", "published", "url", "source")
    records += [{k: row[k] for k in fields if row.get(k)} for row in news]
    first, day = news[0], dt.date.fromisoformat(news[0]["published"][:10])
    records.append({"text": _edited(first["text"], 2), "published": str(day - dt.timedelta(1))})
    records.append({"text": _edited(first["text"], 4), "published": str(day + dt.timedelta(1))})
    records.append(dict(records[5]))  # the same article again: a duplicate
    records.append({"text": news[1]["text"], "published": "2024-13-45"})  # no such day
    with (folder / "news.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    german = "Der Bundestag hat am Donnerstag über den Haushalt für das kommende Jahr beraten. "
    (folder / "german.txt").write_text(german * 4, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def runs(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The reference local run, the Spark run, its load, and a second load of it."""
    root = tmp_path_factory.mktemp("spark")
    folder = _inputs(root / "in")
    local = str(root / "local.db")
    conf = settings.load({"db": local})
    store = Store(local)
    report = jobs.process([str(folder)], conf, stages.default(conf), store=store)
    store.close()
    out, loaded = root / "out", str(root / "loaded.db")
    ran = _invoke("spark", str(folder), "--out", str(out), "--master", "local[2]")
    first = _invoke("load", str(out), "--db", loaded)
    after_first = state(loaded)
    second = _invoke("load", str(out), "--db", loaded)
    return {
        "local": local,
        "report": report,
        "out": out,
        "loaded": loaded,
        "ran": ran,
        "first": first,
        "second": second,
        "after_first": after_first,
        "run": json.loads((out / "run.json").read_text(encoding="utf-8")),
    }


def _dataset(out: Path, name: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return list(pq.read_table(out / name).to_pylist())


def test_spark_then_load_stores_what_a_local_run_stores(runs: dict[str, Any]) -> None:
    assert runs["ran"].exit_code == 3, runs["ran"].output  # finished, some inputs failed
    assert runs["first"].exit_code == 3, runs["first"].output
    local, loaded = state(runs["local"]), state(runs["loaded"])
    assert differences(local, loaded) == []
    assert len(local["articles"]) == runs["report"].stored > NEWS and len(local["events"]) > 100
    assert local["merged_events"] and local["stories"] and local["queued"] == 0


def test_load_takes_the_merged_events_spark_made(runs: dict[str, Any]) -> None:
    assert "merged events: taken from the run for 1 batch(es)" in runs["first"].output
    assert "merged events: taken" not in runs["second"].output  # nothing left to merge


def _merged_of(store_db: str) -> tuple[list[str], list[str]]:
    store = Store(store_db)
    rows = [
        json.dumps({**r, "first_published": str(r["first_published"] or "")}, sort_keys=True)
        for r in store.rows("merged_events")
    ]
    members = [json.dumps(r, sort_keys=True) for r in store.rows("merged_reports")]
    store.close()
    return sorted(rows), sorted(members)


def _merged_dataset(folder: Path) -> tuple[list[str], list[str]]:
    keys = ("event_id", "merged_id", "article_id")
    members = [{k: r[k] for k in keys} for r in _dataset(folder, "reports")]
    rows = []
    for r in _dataset(folder, "events"):
        row = {k: v for k, v in r.items() if k not in ("founded", "last", "batches")}
        row["record"] = json.loads(row["record"])
        row["first_published"] = row["first_published"] or ""
        rows.append(json.dumps(row, sort_keys=True))
    return sorted(rows), sorted(json.dumps(m, sort_keys=True) for m in members)


def test_merged_events_made_in_spark_equal_the_local_runs(runs: dict[str, Any]) -> None:
    """Ids, reports and every field (the record too) of each merged event. Rewrites are
    found with the stories at load time, so Spark counts a rewrite's reports as its own
    source: those merged events differ in their sources alone (load rebuilds them)."""
    rows, members = _merged_dataset(runs["out"] / "merged")
    local_rows, local_members = _merged_of(runs["local"])
    assert members == local_members and len(members) > 100
    store = Store(runs["local"])
    rewrites = {r["article_id"] for r in store.rows("article_links") if r["kind"] == "rewrite"}
    store.close()
    assert rewrites  # the test corpus has some: their merged events are checked below

    def plain(found: list[str]) -> list[str]:
        kept = []
        for text in found:
            row = json.loads(text)
            if any(r["article_id"] in rewrites for r in row["record"]["reports"]):
                del row["sources"], row["record"]["sources"]
                for r in row["record"]["reports"]:
                    r["source"] = None if r["article_id"] in rewrites else r["source"]
            kept.append(json.dumps(row, sort_keys=True))
        return kept

    assert plain(rows) == plain(local_rows)
    same = sum(a == b for a, b in zip(rows, local_rows, strict=True))
    assert same >= len(rows) - 20 and any(json.loads(r)["reports"] > 1 for r in rows)


def test_every_input_is_an_article_a_duplicate_or_a_failure(runs: dict[str, Any]) -> None:
    run, report = runs["run"], runs["report"]
    assert run["inputs"] == run["articles"] + run["duplicates"] + run["failed"] == 2 + NEWS + 7
    assert run["duplicates"] >= 1  # the repeat (news_cluster also holds a text twice)
    assert (run["articles"], run["duplicates"], run["failed"]) == (
        report.stored,
        report.duplicates,
        report.failed,
    )
    assert run["rows"]["articles"] == run["articles"] and run["failed"] == 4


def test_failures_are_rows_with_the_reasons_of_a_local_run(runs: dict[str, Any]) -> None:
    found = sorted(
        (r["origin"], r["stage"], r["reason"]) for r in _dataset(runs["out"], "failures")
    )
    store = Store(runs["local"])
    local = sorted((r["origin"], r["stage"], r["reason"]) for r in store.rows("failures"))
    store.close()
    assert found == local and len(found) == 4
    assert any("PNG" in reason for _, _, reason in found)
    assert any("2024-13-45" in reason for _, _, reason in found)


def test_loading_again_adds_nothing(runs: dict[str, Any]) -> None:
    assert runs["second"].exit_code == 0, runs["second"].output
    stored = runs["report"].stored
    assert f"0 stored, {stored} duplicate, 0 failed" in runs["second"].output
    assert differences(runs["after_first"], state(runs["loaded"])) == []
    store = Store(runs["loaded"])
    assert store.count("failures") == 4 and store.count("articles") == stored
    store.close()


def test_a_run_loads_into_postgresql_as_into_sqlite(runs: dict[str, Any]) -> None:
    """``WIREWATCH_TEST_PG`` names the server (skipped without it, required in CI)."""
    from tests.test_postgres import fresh_schema

    with fresh_schema() as url:
        loaded = _invoke("load", str(runs["out"]), "--db", url)
        assert loaded.exit_code == 3, loaded.output
        assert differences(runs["after_first"], state(url)) == []
        again = _invoke("load", str(runs["out"]), "--db", url)
        assert again.exit_code == 0 and "0 stored" in again.output


def test_links_from_bands_joined_in_spark_equal_the_local_runs(runs: dict[str, Any]) -> None:
    found = sorted(json.dumps(r, sort_keys=True) for r in _dataset(runs["out"], "links"))
    store = Store(runs["local"])
    local = [r for r in store.rows("article_links") if r["kind"] != "rewrite"]
    store.close()
    assert found == sorted(json.dumps(r, sort_keys=True) for r in local)
    copies = [json.loads(r) for r in found if json.loads(r)["kind"] in ("copy", "near")]
    assert len(copies) == 2 and len({c["original_id"] for c in copies}) == 1


def test_datasets_have_the_columns_and_values_of_the_parquet_export(
    runs: dict[str, Any],
) -> None:
    """Each dataset is the export of the loaded store plus record/raw/seq; clocks aside."""
    extra = {"record", "raw", "seq"}
    clocks = {"ingested_at", "run_id", "at", "id"}
    store = Store(runs["loaded"])
    for what in ("articles", "events", "quotes", "failures"):
        exported = list(export.flat_rows(store, what))
        rows = _dataset(runs["out"], what)
        assert [c for c in rows[0] if c not in extra] == list(exported[0]), what
        key = "origin" if what == "failures" else "id"

        def plain(found: list[dict[str, Any]], key: str = key) -> list[dict[str, Any]]:
            keep = [{k: v for k, v in r.items() if k not in extra | clocks} for r in found]
            return sorted(keep, key=lambda r: json.dumps(r, sort_keys=True, default=str))

        assert plain(rows) == plain(exported), what
    store.close()


def test_links_equal_a_local_runs_on_a_corpus_with_many_copies(spark: Any, tmp_path: Path) -> None:
    """No analysis needed: 150 articles and 40 edited copies (some published earlier)."""
    from wirewatch import corpus
    from wirewatch.spark import analyse, dedup
    from wirewatch.stages import ingest
    from wirewatch.stages.ingest.sources import Input

    source = need(DATA / "clustering" / "news_cluster.jsonl")
    with source.open(encoding="utf-8") as handle:
        news = [json.loads(line) for _, line in zip(range(150), handle, strict=False)]
    made = [{"text": r["text"], "published": r["published"][:10]} for r in news]
    for i, row in enumerate(news[:40]):
        shift = dt.timedelta(days=-1 if i % 3 == 0 else 2)
        day = dt.date.fromisoformat(row["published"][:10]) + shift
        made.append({"text": _edited(row["text"], 2 + i % 7), "published": str(day)})
    conf = settings.load({"db": str(tmp_path / "d.db")})
    made_once = [ingest.article_from(Input(f"n:{i}", b"", "record", r)) for i, r in enumerate(made)]
    articles = list({a.id: a for a in reversed(made_once)}.values())  # one per text, as staged
    store = Store(conf.db)
    for article in articles:
        store.save(article)
    corpus.catch_up(store, conf)
    local = sorted(
        json.dumps(r, sort_keys=True) for r in store.rows("article_links") if r["kind"] != "rewrite"
    )
    store.close()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    outcomes = [{"seq": i, **analyse.analysed(a, i, now)} for i, a in enumerate(articles)]
    frame = spark.createDataFrame(outcomes, _spark_schema(analyse.OUTCOMES))
    dedup.write(frame, conf.dedup_threshold, str(tmp_path / "links"))
    found = sorted(json.dumps(r, sort_keys=True) for r in _dataset(tmp_path, "links"))
    assert found == local
    assert sum('"original_id": null' not in r for r in found) >= 35


def test_an_article_over_its_time_budget_is_a_failure_row(spark: Any, tmp_path: Path) -> None:
    """The budget is a timer signal: it holds because executors run stages in their main
    thread. Every article fails over it, each one a row with the reason."""
    source = need(DATA / "clustering" / "news_cluster.jsonl")
    with source.open(encoding="utf-8") as handle:
        lines = [line for _, line in zip(range(3), handle, strict=False)]
    (tmp_path / "in.jsonl").write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    ran = _invoke(
        "spark", str(tmp_path / "in.jsonl"), "--out", str(out), "--article-seconds", "0.001"
    )
    assert ran.exit_code == 3, ran.output
    reasons = [r["reason"] for r in _dataset(out, "failures")]
    assert len(reasons) == 3 and all("over the time budget" in r for r in reasons)
    assert _dataset(out, "articles") == []


def _spark_schema(schema: Any) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def test_a_run_never_writes_into_a_used_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_text("x", encoding="utf-8")
    result = _invoke("spark", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "not empty" in result.output


def test_load_refuses_a_folder_that_is_no_finished_run(tmp_path: Path) -> None:
    result = _invoke("load", str(tmp_path), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1 and "run.json is missing" in result.output


def test_the_commands_import_no_pyspark_until_they_run() -> None:
    """``wirewatch --help`` and ``wirewatch load`` work without pyspark or Java."""
    code = (
        "import sys, wirewatch.cli.spark, wirewatch.spark.load, wirewatch.spark.job;"
        "assert 'pyspark' not in sys.modules, 'pyspark imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_one_happening_shares_a_block_and_other_types_do_not(spark: Any, tmp_path: Path) -> None:
    """Hand-made events: two reports of one strike share a block and a merged event; the
    same strike coded COERCE, and one dated a week later, are blocks of their own; the
    merged events equal those ``corpus.update`` makes in a store."""
    from tests.test_corpus_merge import STRIKE, STRIKE_7, event

    from wirewatch import corpus
    from wirewatch.spark import analyse, dedup, merged
    from wirewatch.stages import ingest
    from wirewatch.stages.ingest.sources import Input

    told = [
        ("a", STRIKE, "2024-06-10", {"dead": 6}),
        ("b", STRIKE_7, "2024-06-11", {"dead": 7}),
        ("c", STRIKE, "2024-06-20", {"day": "2024-06-17"}),
        ("d", STRIKE, "2024-06-10", {"kind": "COERCE"}),
    ]
    articles = []
    for i, (key, text, day, more) in enumerate(told):
        body = f"{text} Report {key} from the {i}th desk, with its own words {key * 3}."
        made = ingest.article_from(Input(key, b"", "record", {"text": body, "published": day}))
        found = event(made.id, text, **more)  # type: ignore[arg-type]
        articles.append(replace(made, events=(replace(found, id=f"{made.id}-0"),)))
    ids = {key: a.id for (key, *_), a in zip(told, articles, strict=True)}
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    outcomes = [{"seq": i, **analyse.analysed(a, i, now)} for i, a in enumerate(articles)]
    frame = spark.createDataFrame(outcomes, _spark_schema(analyse.OUTCOMES))
    conf = settings.load({"db": str(tmp_path / "d.db")})
    dedup.write(frame, conf.dedup_threshold, str(tmp_path / "links"))
    arts = spark.createDataFrame(
        [(a.id, str(a.published), 0) for a in articles],
        "article_id string, published string, batch long",
    )
    links = spark.read.parquet(str(tmp_path / "links"))
    blocks = {
        r["article_id"]: (r["event"], r["block"])
        for r in merged.blocked(merged.reports(frame, links, arts)).collect()
    }
    assert blocks[ids["a"]] == blocks[ids["b"]]
    assert len({blocks[ids[k]] for k in "acd"}) == 3
    merged.write(frame, str(tmp_path / "links"), str(tmp_path / "merged"))
    reports = _dataset(tmp_path / "merged", "reports")
    home = {r["article_id"]: r["merged_id"] for r in reports}
    assert home[ids["a"]] == home[ids["b"]] and len(set(home.values())) == 3
    store = Store(conf.db)
    for article in articles:
        store.save(article)
    corpus.catch_up(store, conf)
    store.close()
    assert _merged_dataset(tmp_path / "merged") == _merged_of(conf.db)
