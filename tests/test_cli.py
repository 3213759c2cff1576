"""The command line: exact output, exit codes, every command, usage and error paths."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click
import pyarrow.parquet as pq
import pytest
from click.testing import Result
from tests.conftest import ROOT

from wirewatch.cli import cli
from wirewatch.stages.ingest import sources

Run = Callable[..., Result]
STORY = (
    "KYIV, Ukraine (AP) — Russian missiles struck an apartment building overnight, killing at "
    "least six people, Ukrainian officials said on Friday."
)
BRIEF = {
    "text": "MOSCOW (Reuters) - The Kremlin said on Monday it would respond to any strike.",
    "title": "Kremlin warns",
    "published": "2024-06-03",
}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "b.jsonl").write_text(json.dumps(BRIEF) + "\n", encoding="utf-8")
    return folder


HEADER = (
    "status  id                published   wire     dateline       actors  places  dates  events  quotes  title\n"
    "------  ----------------  ----------  -------  -------------  ------  ------  -----  ------  ------  ------------------------------------------------\n"
)


def test_ingest_prints_what_it_stored(run_cli: Run, inputs: Path) -> None:
    result = run_cli("ingest", str(inputs), "--db", "x.db")
    assert result.exit_code == 0
    assert result.stdout == HEADER + (
        "new     588e7edf80cf7c53              AP       KYIV, Ukraine  0       0       0      0       0       Russian missiles struck an apartment building o…\n"
        "new     5b7db8ea99ce5a8d  2024-06-03  Reuters  MOSCOW         0       0       0      0       0       Kremlin warns\n"
    )
    assert result.stderr == "2 stored, 0 duplicate, 0 failed.\n"  # ingest alone: no warning


def test_second_run_reports_duplicates(run_cli: Run, inputs: Path) -> None:
    run_cli("ingest", str(inputs), "--db", "x.db")
    result = run_cli("ingest", str(inputs), "--db", "x.db")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2].startswith("duplicate  588e7edf80cf7c53")
    assert result.stderr == "0 stored, 2 duplicate, 0 failed.\n"


def test_bad_inputs_exit_3_and_are_listed(run_cli: Run, inputs: Path) -> None:
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    (inputs / "c.jsonl").write_text("{not json\n", encoding="utf-8")
    result = run_cli("ingest", str(inputs), "--db", "x.db")
    assert result.exit_code == 3
    said = result.stderr.splitlines()
    assert said[0] == "2 stored, 0 duplicate, 3 failed:"  # each reason inline, in input order
    assert said[1] == (
        f"  {inputs}/c.jsonl:1: not valid JSON (Expecting property name enclosed in double "
        "quotes at column 2); fix or drop the line."
    )
    assert said[2] == f"  {inputs}/empty.txt: the file is empty; nothing to read."
    assert said[3].startswith(f"  {inputs}/photo.jpg: this is a JPEG image file, not text;")
    assert said[4:] == ["All of them: wirewatch failures"]
    assert "Traceback" not in result.output
    listed = run_cli("failures", "--db", "x.db")
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["run", "at", "stage", "reason"]
    assert [line.split(maxsplit=4)[3:] for line in lines[2:]] == [
        [
            "ingest",
            f"{inputs}/c.jsonl:1: not valid JSON (Expecting property name enclosed in double "
            "quotes at column 2); fix or drop the line.",
        ],
        ["read", f"{inputs}/empty.txt: the file is empty; nothing to read."],
        [
            "ingest",
            f"{inputs}/photo.jpg: this is a JPEG image file, not text; wirewatch reads plain "
            "text, HTML, JSON, JSON Lines, CSV and RSS/Atom. Extract its text first.",
        ],
    ]


def test_stdin_with_published_and_source(run_cli: Run) -> None:
    result = run_cli(
        "ingest", "-", "--db", "x.db", "--published", "2024-05-31", "--source", "Desk", stdin=STORY
    )
    assert result.exit_code == 0
    shown = run_cli("show", "588e", "--db", "x.db")
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[:7] == [
        "id         588e7edf80cf7c53",
        "title      Russian missiles struck an apartment building overnight, killing at least "
        "six people, Ukrainian officials said on…",  # no title given: its first sentence, cut
        "published  2024-05-31",
        "source     Desk",
        "wire       AP (dateline: KYIV, Ukraine (AP))",
        "dateline   KYIV, Ukraine (AP)",
        "origin     <stdin>",
    ]
    record = json.loads(run_cli("show", "588e", "--db", "x.db", "--json").stdout)
    assert record["published"] == "2024-05-31" and record["text"].startswith("Russian missiles")


def test_run_parses_and_records_stage_versions(run_cli: Run, inputs: Path) -> None:
    result = run_cli("run", str(inputs), "--db", "x.db")
    assert result.exit_code == 0, result.output
    said = result.stderr.splitlines()
    assert said[0] == "2 stored, 0 duplicate, 0 failed."
    assert said[1].startswith("warning: 1 of 2 articles carry no publication date, so their ")
    assert "Give --published YYYY-MM-DD" in said[1] and len(said) == 2
    dated = run_cli("run", str(inputs), "--db", "y.db", "--published", "2024-06-01")
    assert dated.stderr == "2 stored, 0 duplicate, 0 failed.\n"  # every article anchored
    record = json.loads(run_cli("show", "588e", "--db", "x.db", "--json").stdout)
    assert [name for name, _ in record["stages"]][:2] == ["ingest", "parse"]
    assert len(record["sentences"]) == 1


def test_ingest_then_run_reprocesses(run_cli: Run, inputs: Path) -> None:
    run_cli("ingest", str(inputs), "--db", "x.db")
    result = run_cli("run", str(inputs), "--db", "x.db")
    assert [line.split()[0] for line in result.stdout.splitlines()[2:]] == ["updated", "updated"]
    assert result.stderr.startswith("2 stored, 0 duplicate, 0 failed.\nwarning: 1 of 2 articles")


def test_export_formats_to_stdout_and_file(run_cli: Run, inputs: Path, tmp_path: Path) -> None:
    run_cli("ingest", str(inputs), "--db", "x.db")
    jsonl = run_cli("export", "--db", "x.db", "--what", "articles")
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [r["title"][:17] for r in rows] == ["Russian missiles ", "Kremlin warns"]
    assert "raw" not in rows[0] and jsonl.stderr == "Exported 2 articles.\n"
    csv_out = run_cli("export", "--db", "x.db", "--what", "articles", "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("id,url,source,title,published,wire")
    target = tmp_path / "a.parquet"
    run_cli(
        "export", "--db", "x.db", "--what", "articles", "--format", "parquet", "-o", str(target)
    )
    assert pq.read_table(target).num_rows == 2
    events = run_cli("export", "--db", "x.db")
    assert (events.exit_code, events.stdout, events.stderr) == (0, "", "Exported 0 events.\n")


def test_articles_lists_newest_first(run_cli: Run, inputs: Path) -> None:
    run_cli("ingest", str(inputs / "a.txt"), "--db", "x.db")
    run_cli("ingest", str(inputs / "b.jsonl"), "--db", "x.db")
    result = run_cli("articles", "--db", "x.db")
    assert [line.split()[0] for line in result.stdout.splitlines()[2:]] == [
        "5b7db8ea99ce5a8d",
        "588e7edf80cf7c53",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest"], "Missing argument 'TARGETS...'"),
        (["ingest", "x.txt", "--published", "yesterday"], "'yesterday' is not a date"),
        (["export", "--what", "nope"], "Invalid value for '--what'"),
        (["run", "x.txt", "--batch-size", "many"], "'many' is not a valid integer"),
        (["nosuch"], "No such command 'nosuch'"),
    ],
)
def test_usage_errors_exit_2(run_cli: Run, args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_show_unknown_id_is_a_usage_error(run_cli: Run, inputs: Path) -> None:
    run_cli("ingest", str(inputs), "--db", "x.db")
    result = run_cli("show", "zzz", "--db", "x.db")
    assert result.exit_code == 2
    assert "'zzz' matches no article; see 'wirewatch articles'." in result.stderr


def test_errors_exit_1_with_one_line(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("articles", "--db", "missing.db")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: database missing.db does not exist; run 'wirewatch run ...' first or give --db.\n"
    )
    result = run_cli("run", "x.txt", "--db", "x.db", "--model", "no_such_model")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: spaCy model 'no_such_model' is not installed")


def test_settings_come_from_toml_env_and_options(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "wirewatch.toml").write_text('db = "from-toml.db"\ntimeout = 3\n', encoding="utf-8")
    monkeypatch.setenv("WIREWATCH_TIMEOUT", "4.5")
    values = {
        line.split()[0]: line.split()[1] for line in run_cli("settings").stdout.splitlines()[2:]
    }
    assert (values["db"], values["timeout"]) == ("from-toml.db", "4.5")
    (tmp_path / "wirewatch.toml").write_text("colour = 'red'\n", encoding="utf-8")
    result = run_cli("settings")
    assert result.exit_code == 1 and "unknown settings colour" in result.stderr


def test_every_command_has_help_with_an_example(run_cli: Run) -> None:
    for name in cli.list_commands(click.Context(cli)):
        result = run_cli(name, "-h")
        assert result.exit_code == 0
        assert "Example:" in result.stdout, name


def test_make_run_command_processes_the_examples(run_cli: Run) -> None:
    result = run_cli("run", str(ROOT / "examples"), "--db", "x.db")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "6 stored, 0 duplicate, 0 failed."


def test_a_run_names_its_first_failures_and_counts_the_rest(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for n in range(7):
        (folder / f"e{n}.txt").write_bytes(b"")
    result = run_cli("ingest", str(folder), "--db", "x.db")
    assert result.exit_code == 3
    said = result.stderr.splitlines()
    assert said[0] == "0 stored, 0 duplicate, 7 failed:"
    assert said[1:6] == [
        f"  {folder}/e{n}.txt: the file is empty; nothing to read." for n in range(5)
    ]
    assert said[6:] == ["  … and 2 more.", "All of them: wirewatch failures"]


def test_inputs_are_counted_for_the_progress_total(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}', "utf-8")
    (tmp_path / "c.csv").write_text("title,text\nA,one\nB,two\n", encoding="utf-8")
    assert sources.count([str(tmp_path)]) == 1 + 3 + 2
    assert sources.count([str(tmp_path / "a.txt"), "https://example.org/feed"]) is None
    (tmp_path / "d.json").write_text("[]", encoding="utf-8")
    assert sources.count([str(tmp_path)]) is None  # a JSON file may hold any number


def test_show_tells_each_event_whole(run_cli: Run) -> None:
    run_cli("run", str(ROOT / "examples" / "wire_stories.jsonl"), "--db", "x.db")
    shown = run_cli("show", "33c6d9c9", "--db", "x.db").stdout
    events = shown[shown.index("\nEvents (") :]
    strike = next(line for line in events.splitlines() if line.startswith("  ASSAULT (actual"))
    assert "Russia (RUS) → Ukraine (UKR)" in strike
    assert "Kharkiv, UKR (city)" in strike and "dead 4 (at least)" in strike
    assert "2024-06" in strike  # the date, however precise the text makes it
    assert "\n    “" in events  # the sentence that tells it, under the event


def test_merged_says_when_no_event_has_that_many_sources(run_cli: Run) -> None:
    run_cli("run", str(ROOT / "examples" / "wire_stories.jsonl"), "--db", "x.db")
    few = run_cli("merged", "--db", "x.db", "--min-sources", "50")
    assert few.stdout == "(no merged event has 50 or more sources; try a lower --min-sources)\n"
    run_cli("ingest", str(ROOT / "examples" / "security_council.txt"), "--db", "y.db")
    none = run_cli("merged", "--db", "y.db", "--min-sources", "2")
    assert none.stdout == "(no merged events: no stage stored events yet)\n"
