"""The corpus commands: ``dedup``, ``stories``, ``merged`` and ``claims``.

Each first brings the corpus stages up to date over stored articles they have not met
(``corpus.update``; cheap when nothing is new), then prints what it is about: a table on
stdout, or JSON Lines with ``--json``. Register them on the main group with
``cli.add_command``.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from wirewatch import corpus, settings
from wirewatch.cli import views
from wirewatch.cli.options import with_settings
from wirewatch.corpus import claims as claim_store
from wirewatch.corpus import dedup as dedup_store
from wirewatch.corpus import merge as merge_store
from wirewatch.corpus import stories as story_store
from wirewatch.errors import StoreError
from wirewatch.records import to_dict
from wirewatch.store import Store

F = TypeVar("F", bound=Callable[..., Any])


CORPUS_SETTINGS = (
    "dedup_threshold",
    "rewrite_threshold",
    "story_threshold",
    "story_window",
    "story_decay",
)


def _options(func: F) -> F:
    """--db, --json, --limit and one option per corpus setting."""
    func = with_settings("db", *CORPUS_SETTINGS)(func)
    func = click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")(func)
    return click.option(
        "--limit", type=int, default=50, show_default=True, help="Show at most this many."
    )(func)


@contextlib.contextmanager
def _updated(ctx: click.Context, given: dict[str, Any]) -> Iterator[Store]:
    """The store, with the corpus stages run over every article they have not met."""
    conf = settings.load(given, config=(ctx.obj or {}).get("config"))
    if "://" not in conf.db and not _exists(conf.db):
        raise StoreError(f"database {conf.db} does not exist; run 'wirewatch run ...' first.")
    store = Store(conf.db)
    try:
        todo = corpus.pending(store)
        if todo:
            with views.progress("linking articles") as tick:
                corpus.update(store, todo, conf, tick=lambda n: _ticks(tick, n))
        yield store
    finally:
        store.close()


def _exists(path: str) -> bool:
    return Path(path).expanduser().exists()


def _ticks(tick: Callable[[], None], count: int) -> None:
    for _ in range(count):
        tick()


def _print(rows: list[dict[str, Any]], records: list[Any], as_json: bool, **kw: Any) -> None:
    if as_json:
        for record in records:
            click.echo(json.dumps(to_dict(record), ensure_ascii=False))
    else:
        views.table(rows, sys.stdout, **kw)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@_options
@click.pass_context
def dedup(ctx: click.Context, /, limit: int, as_json: bool, **given: Any) -> None:
    """List articles that copy, edit or rewrite another, or come from a wire.

    Example: wirewatch dedup --db wirewatch.db
    """
    with _updated(ctx, given) as store, store.engine.connect() as conn:
        links = dedup_store.read(conn, limit)
    rows = [
        {
            "article": link.article_id,
            "original": link.original_id,
            "kind": link.kind,
            "similarity": link.similarity,
            "wire": link.wire,
            "evidence": link.evidence,
        }
        for link in links
    ]
    _print(rows, links, as_json, empty="(no copies, rewrites or wire articles)")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@_options
@click.pass_context
def stories(ctx: click.Context, /, limit: int, as_json: bool, **given: Any) -> None:
    """List stories, newest first: label, span, articles, main actors and places.

    Example: wirewatch stories --limit 20
    """
    with _updated(ctx, given) as store, store.engine.connect() as conn:
        found = story_store.read(conn, limit=limit)
    rows = [
        {
            "story": s.id,
            "first": s.first,
            "last": s.last,
            "articles": len(s.articles),
            "label": s.label,
            "actors": ", ".join(s.actors) or ", ".join(s.terms[:4]),
            "places": ", ".join(s.places),
        }
        for s in found
    ]
    _print(rows, found, as_json, empty="(no stories)")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@_options
@click.option("--min-sources", type=int, default=1, show_default=True, help="Fewest sources.")
@click.pass_context
def merged(
    ctx: click.Context, /, limit: int, as_json: bool, min_sources: int, **given: Any
) -> None:
    """List merged events: one line per happening with its reports, sources and conflicts.

    Example: wirewatch merged --min-sources 2
    """
    with _updated(ctx, given) as store, store.engine.connect() as conn:
        found = merge_store.read(conn, limit, min_sources)
        held = found or merge_store.read(conn, 1, 1)
    rows = [
        {
            "merged": m.id,
            "event": m.event,
            "date": m.date.value if m.date else None,
            "actor": ", ".join(a.name for a in m.actor),
            "recipient": ", ".join(a.name for a in m.recipient),
            "reports": len(m.reports),
            "sources": m.sources,
            "conflicts": "; ".join(
                f"{c.field}: " + " vs ".join(v for v, _ in c.values) for c in m.conflicts
            ),
        }
        for m in found
    ]
    if held:
        empty = f"(no merged event has {min_sources} or more sources; try a lower --min-sources)"
    else:
        empty = "(no merged events: no stage stored events yet)"
    _print(rows, found, as_json, empty=empty)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@_options
@click.pass_context
def claims(ctx: click.Context, /, limit: int, as_json: bool, **given: Any) -> None:
    """List disputed claims: who asserts, who denies, and when each said so.

    Example: wirewatch claims --json
    """
    with _updated(ctx, given) as store, store.engine.connect() as conn:
        found = claim_store.disputed(conn, limit)
    rows = [
        {
            "claim": c.statement,
            "speaker": p.speaker,
            "stance": p.stance,
            "said_on": p.said_on,
            "article": p.article_id,
            "evidence": p.evidence.text,
        }
        for c in found
        for p in c.positions
    ]
    _print(rows, found, as_json, empty="(no claim is both asserted and denied)")


COMMANDS = (dedup, stories, merged, claims)
