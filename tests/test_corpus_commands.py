"""The corpus commands, on a group of their own (the lead registers them on ``wirewatch``)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner
from tests.test_corpus_dedup import OTHER, STORY, article, stored
from tests.test_corpus_merge import STRIKE, STRIKE_7, event, report

from wirewatch.cli import Group
from wirewatch.cli.corpus import COMMANDS
from wirewatch.store import Store


@click.group(cls=Group)
def group() -> None:
    """Test group."""


for _command in COMMANDS:
    group.add_command(_command)


def invoke(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(group, list(args), catch_exceptions=False)
    return done.exit_code, done.stdout, done.stderr


def test_dedup_lists_links_and_runs_the_stages_first(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    store = Store(db)
    original = article(STORY, "2024-06-10")
    copy = article("Shared by our partners.\n\n" + STORY, "2024-06-11")
    stored(store, original, copy, article(OTHER, "2024-06-12"))
    store.close()
    code, out, _ = invoke("dedup", "--db", db)
    assert code == 0 and f"{copy.id}  {original.id}  copy" in out
    code, out, _ = invoke("dedup", "--db", db, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["article_id"] for r in rows} >= {copy.id, original.id}


def test_stories_merged_and_claims(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    store = Store(db)
    report(store, "a", STRIKE, "2024-06-10", event("x", STRIKE, dead=6))
    report(store, "b", STRIKE_7, "2024-06-11", event("x", STRIKE_7, dead=7))
    store.close()
    code, out, _ = invoke("stories", "--db", db, "--story-threshold", "0.05")
    assert code == 0 and out.count("\n") == 3  # header, rule, one story
    code, out, _ = invoke("merged", "--db", db, "--min-sources", "2")
    assert code == 0 and "ASSAULT" in out and "dead: 6 vs 7" in out
    code, out, _ = invoke("claims", "--db", db)
    assert code == 0 and "no claim is both asserted and denied" in out


def test_a_missing_database_is_an_error_saying_what_to_do(tmp_path: Path) -> None:
    code, _, err = invoke("stories", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "does not exist" in err and "wirewatch run" in err
