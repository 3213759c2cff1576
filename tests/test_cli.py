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
    "------  ----------------  ----------  -------  -------------  ------  ------  -----  ------  ------  -------------\n"
)


def test_ingest_prints_what_it_stored(run_cli: Run, inputs: Path) -> None:
    result = run_cli("ingest", str(inputs), "--db", "x.db")
    assert result.exit_code == 0
    assert result.stdout == HEADER + (
        "new     588e7edf80cf7c53              AP       KYIV, Ukraine  0       0       0      0       0\n"
        "new     5b7db8ea99ce5a8d  2024-06-03  Reuters  MOSCOW         0       0       0      0       0       Kremlin warns\n"
    )
    assert result.stderr == "2 stored, 0 duplicate, 0 failed.\n"


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
    assert result.stderr == "2 stored, 0 duplicate, 3 failed. See why: wirewatch failures\n"
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
    assert shown.stdout.splitlines()[:6] == [
        "id         588e7edf80cf7c53",
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
    assert result.stderr == "2 stored, 0 duplicate, 0 failed.\n"
    record = json.loads(run_cli("show", "588e", "--db", "x.db", "--json").stdout)
    assert [name for name, _ in record["stages"]][:2] == ["ingest", "parse"]
    assert len(record["sentences"]) == 1


def test_ingest_then_run_reprocesses(run_cli: Run, inputs: Path) -> None:
    run_cli("ingest", str(inputs), "--db", "x.db")
    result = run_cli("run", str(inputs), "--db", "x.db")
    assert [line.split()[0] for line in result.stdout.splitlines()[2:]] == ["updated", "updated"]
    assert result.stderr == "2 stored, 0 duplicate, 0 failed.\n"


def test_export_formats_to_stdout_and_file(run_cli: Run, inputs: Path, tmp_path: Path) -> None:
    run_cli("ingest", str(inputs), "--db", "x.db")
    jsonl = run_cli("export", "--db", "x.db", "--what", "articles")
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [r["title"] for r in rows] == [None, "Kremlin warns"]
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
    assert result.stderr == "6 stored, 0 duplicate, 0 failed.\n"
