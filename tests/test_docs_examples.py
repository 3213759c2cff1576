"""The examples of docs/cli.md and of every command's --help are the same, and they work.

Each example runs as a user would type it, in a fresh folder holding a copy of
``examples/``; only ``serve`` (a server that does not return; tests/test_api.py covers it)
is left out. ``spark`` and ``load`` start a JVM (a minute on 2 cores): they run in the slow
suite (``make slow``), and tests/test_spark.py drives both commands in the default one.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest

from wirewatch.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "cli.md"
_EXAMPLE = re.compile(r"Example:\s*`([^`]+)`")
_HELP_EXAMPLE = re.compile(r"^\s*Example: (.+)$", re.M)
SERVERS = {"serve"}
NEEDS_JAVA = {"spark", "load"}


def docs_examples() -> list[tuple[str, str]]:
    """(command, example) in the order of docs/cli.md."""
    found = []
    for section in re.split(r"^## ", DOCS.read_text(encoding="utf-8"), flags=re.M)[1:]:
        command = section.split("\n", 1)[0].removeprefix("wirewatch ").strip()
        found += [(command, " ".join(e.split())) for e in _EXAMPLE.findall(section)]
    return found


def help_examples() -> list[tuple[str, str]]:
    ctx = click.Context(cli)
    found = []
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None
        found += [(name, e.strip()) for e in _HELP_EXAMPLE.findall(command.help or "")]
    return found


def test_every_help_example_is_in_the_docs_of_its_command() -> None:
    documented = set(docs_examples())
    missing = [pair for pair in help_examples() if pair not in documented]
    assert not missing, f"--help examples not in docs/cli.md: {missing}"
    commands = set(cli.list_commands(click.Context(cli)))
    assert {name for name, _ in help_examples()} == commands  # every command shows one


def test_the_documented_examples_run(tmp_path: Path) -> None:
    ran = _run_examples(tmp_path, lambda command: command not in SERVERS | NEEDS_JAVA)
    assert {"run", "ingest", "export", "show", "merged", "claims", "settings"} <= set(ran)
    assert (tmp_path / "events.csv").stat().st_size > 0


@pytest.mark.slow
def test_the_documented_spark_examples_run(tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("no Java")
    ran = _run_examples(tmp_path, lambda command: command not in SERVERS)
    assert set(ran) >= NEEDS_JAVA


def _run_examples(folder: Path, wanted: Callable[[str], bool]) -> list[str]:
    """Run the wanted examples in ``folder`` (with a copy of examples/), in a sensible order."""
    shutil.copytree(ROOT / "examples", folder / "examples")
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    ran = []
    for command, example in _ordered(docs_examples()):
        if not wanted(command):
            continue
        words = shlex.split(example)
        given = {}
        while "=" in words[0]:
            key, value = words.pop(0).split("=", 1)
            given[key] = value
        assert words[0] == "wirewatch", example
        done = subprocess.run(
            [sys.executable, "-m", "wirewatch", *words[1:]],
            cwd=folder,
            env={**env, **given},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, f"{example}\n{done.stderr[-2000:]}"
        assert "Traceback" not in done.stderr, example
        ran.append(command)
    return ran


def _ordered(examples: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Examples that fill the store first (``run``), the store's readers after them, ``load``
    after ``spark``."""
    rank = {"run": 0, "ingest": 1, "spark": 2, "load": 3}
    return sorted(examples, key=lambda pair: rank.get(pair[0], 2))
