"""The command line: each command parses options and calls one library function.

stdout carries data (tables, exports); stderr carries progress and messages. Exit codes:
0 ok, 1 error, 2 usage, 3 finished but some inputs failed (each recorded with its reason).
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import datetime as dt
import gc
import importlib
import importlib.util
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import click

from wirewatch import export, settings, stages
from wirewatch.cli import views
from wirewatch.cli.options import F, with_settings
from wirewatch.errors import StoreError, WirewatchError
from wirewatch.pipeline import Stage
from wirewatch.records import to_dict
from wirewatch.store import Store
from wirewatch.workers import Recipe

#: Commands whose modules import heavy libraries, loaded only when called: name → module:attr.
LAZY = {
    "serve": "wirewatch.cli.serve:serve",
    "dedup": "wirewatch.cli.corpus:dedup",
    "stories": "wirewatch.cli.corpus:stories",
    "merged": "wirewatch.cli.corpus:merged",
    "claims": "wirewatch.cli.corpus:claims",
    "spark": "wirewatch.cli.spark:spark",
    "load": "wirewatch.cli.spark:load",
}


class Group(click.Group):
    """Turns every WirewatchError into one line on stderr and exit code 1; loads LAZY commands."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY:
            if ctx.meta.get(LISTING):
                return summary(LAZY[name]) or self._load(name)
            return self._load(name)
        return super().get_command(ctx, name)

    def _load(self, name: str) -> click.Command:
        module, attr = LAZY[name].split(":")
        command: click.Command = getattr(importlib.import_module(module), attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help``, without importing the LAZY commands' modules."""
        ctx.meta[LISTING] = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            ctx.meta[LISTING] = False

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WirewatchError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


LISTING = "wirewatch.listing"


def summary(target: str) -> click.Command | None:
    """A stand-in for a LAZY command that carries only its help, read from its module's source.

    ``--help`` lists every command with the first line of its help; importing the modules of
    the LAZY commands for that would bring NumPy, SQLAlchemy and FastAPI. None: not found.
    """
    module, attr = target.split(":")
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == attr:
            return click.Command(attr, help=ast.get_docstring(node))
    return None


def _settings(ctx: click.Context, **given: Any) -> settings.Settings:
    return settings.load(given, config=ctx.obj.get("config") if ctx.obj else None)


def _date(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD.") from None


@contextlib.contextmanager
def _open_store(db: str) -> Iterator[Store]:
    store = Store(db)
    try:
        yield store
    finally:
        store.close()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    default=None,
    help="Settings file (TOML). Default: ./wirewatch.toml if present.",
)
@click.version_option(package_name="wirewatch")
@click.pass_context
def cli(ctx: click.Context, /, config: str | None) -> None:
    """wirewatch: news articles in, an attributed, geocoded, time-resolved event database out.

    Example: wirewatch run examples/ --db wirewatch.db
    """
    ctx.ensure_object(dict)
    ctx.obj["config"] = config


def _inputs(func: F) -> F:
    func = click.option(
        "--source", default=None, help="Name of the outlet the inputs come from (overrides theirs)."
    )(func)
    func = click.option(
        "--published",
        callback=_date,
        default=None,
        help="Publication date YYYY-MM-DD for inputs that do not carry one (overrides theirs).",
    )(func)
    return click.argument("targets", nargs=-1, required=True)(func)


@cli.command()
@_inputs
@with_settings(
    "db",
    "model",
    "batch_size",
    "workers",
    "max_bytes",
    "max_chars",
    "article_seconds",
    "timeout",
    "deadline",
    "allow_private",
    "max_feed_items",
    "min_english",
    "min_words",
)
@click.pass_context
def run(
    ctx: click.Context,
    /,
    targets: tuple[str, ...],
    published: dt.date | None,
    source: str | None,
    **given: Any,
) -> None:
    """Ingest articles and run every stage over them; print what was found.

    TARGETS are files, directories (walked), URLs, RSS/Atom feeds or - for stdin.

    With --workers N, N processes analyse the articles and this one stores them; the default
    (0) uses one per core when there are more than 8 articles per core.

    Example: wirewatch run examples/security_council.txt --published 2024-06-12
    """
    conf = _settings(ctx, **given)
    _job(ctx, conf, targets, stages.default(conf), published, source, "run", stages.default)


@cli.command()
@_inputs
@with_settings(
    "db",
    "max_bytes",
    "max_chars",
    "timeout",
    "deadline",
    "allow_private",
    "max_feed_items",
    "min_english",
    "min_words",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    /,
    targets: tuple[str, ...],
    published: dt.date | None,
    source: str | None,
    **given: Any,
) -> None:
    """Only ingest: store articles with their wire metadata, run no analysis.

    Example: wirewatch ingest examples/ --db wirewatch.db
    """
    conf = _settings(ctx, **given)
    _job(ctx, conf, targets, [], published, source, "ingest")


def _job(
    ctx: click.Context,
    conf: settings.Settings,
    targets: Sequence[str],
    chosen: list[Any],
    published: dt.date | None,
    source: str | None,
    command: str,
    recipe: Recipe | None = None,
) -> None:
    from wirewatch import jobs  # ingest brings trafilatura and httpx: only the jobs need them
    from wirewatch.stages.ingest import sources

    if ctx.obj and ctx.obj.get(PROGRAM):
        chosen = [_freezing(stage) for stage in chosen]
    total = sources.count(targets)
    with _open_store(conf.db) as store, views.progress(f"{command}ning", total) as tick:
        report = jobs.process(
            targets,
            conf,
            chosen,
            store=store,
            published=published,
            source=source,
            command=" ".join(sys.argv[1:]) or command,
            tick=tick,
            recipe=recipe,
        )
        found = store.summaries(list(report.articles))
        views.table(views.summary_rows(found, report.articles), sys.stdout)
    click.echo(views.report_line(report), err=True)
    if chosen and published is None:
        views.warn_undated(found, report.articles)
    ctx.exit(report.exit_code)


PROGRAM = "wirewatch.program"


def _freezing(stage: Stage) -> Stage:
    """``stage`` whose setup, once its models are loaded, hides every object from the collector.

    The spaCy model, the gazetteer and the lexicons are ~500k objects that live until exit:
    each full collection during the run would walk them all, and the last one at exit takes
    about a second. ``gc.freeze`` moves them to a generation the collector never visits.
    """
    setup = stage.setup
    if setup is None:
        return stage

    def frozen() -> object:
        result = setup()
        gc.freeze()
        return result

    return dataclasses.replace(stage, setup=frozen)


@cli.command("export")
@click.option(
    "--what",
    type=click.Choice(export.WHAT),
    default="events",
    show_default=True,
    help="Which records to export.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(export.FORMATS),
    default="jsonl",
    show_default=True,
    help="Output format: jsonl, csv, parquet (any records); geojson, acled (CSV), gdelt (TSV), "
    "plover (POLECAT TSV) for events and merged events.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of stdout.",
)
@with_settings("db")
@click.pass_context
def export_(ctx: click.Context, /, what: str, fmt: str, output: str | None, **given: Any) -> None:
    """Export stored records as JSON Lines, CSV, Parquet, GeoJSON, or ACLED-, GDELT- or
    PLOVER/POLECAT-style tables.

    Example: wirewatch export --what events --format csv -o events.csv

    Example: wirewatch export --what events --format geojson -o events.geojson
    """
    conf = _settings(ctx, **given)
    _need_db(conf.db)
    if fmt == "parquet" and output is None and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give -o FILE or redirect stdout.")
    with _open_store(conf.db) as store, _output(output) as out:
        done = export.export(store, what, fmt, out)
    click.echo(f"Exported {done.written} {what}.", err=True)
    if done.left_out:
        click.echo(f"Left out {sum(done.left_out.values())} {what}:", err=True)
    for reason, count in sorted(done.left_out.items(), key=lambda item: -item[1]):
        click.echo(f"  {count:>6}  {reason}", err=True)


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[IO[bytes]]:
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with open(path, "wb") as handle:
        yield handle


def _need_db(db: str) -> None:
    if "://" not in db and not Path(db).exists():
        raise StoreError(
            f"database {db} does not exist; run 'wirewatch run ...' first or give --db."
        )


@cli.command()
@click.option("--limit", type=int, default=50, show_default=True, help="Show at most this many.")
@with_settings("db")
@click.pass_context
def articles(ctx: click.Context, /, limit: int, **given: Any) -> None:
    """List stored articles, newest first, with counts of what was found.

    Example: wirewatch articles --limit 20
    """
    conf = _settings(ctx, **given)
    _need_db(conf.db)
    with _open_store(conf.db) as store:
        views.table(views.summary_rows(store.summaries(limit=limit)), sys.stdout)


@cli.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Print the whole record as JSON.")
@with_settings("db")
@click.pass_context
def show(ctx: click.Context, /, article_id: str, as_json: bool, **given: Any) -> None:
    """Show one stored article: metadata, text and everything found in it.

    ARTICLE_ID may be a unique prefix of the id.

    Example: wirewatch show 33c6d9c9
    """
    conf = _settings(ctx, **given)
    _need_db(conf.db)
    with _open_store(conf.db) as store:
        found = store.article_ids(article_id)
        if len(found) != 1:
            problem = "matches no article" if not found else "matches several articles"
            raise click.BadParameter(f"{article_id!r} {problem}; see 'wirewatch articles'.")
        article = store.load(found[0])
    if as_json:
        click.echo(json.dumps(to_dict(article), ensure_ascii=False, indent=2))
    else:
        click.echo(views.article_text(article))


@cli.command()
@click.option("--limit", type=int, default=100, show_default=True, help="Show at most this many.")
@with_settings("db")
@click.pass_context
def failures(ctx: click.Context, /, limit: int, **given: Any) -> None:
    """List inputs that could not be stored, and why.

    Example: wirewatch failures --limit 10
    """
    conf = _settings(ctx, **given)
    _need_db(conf.db)
    with _open_store(conf.db) as store:
        rows = list(store.rows("failures"))[-limit:]
    views.table(views.failure_rows(rows), sys.stdout, full=("reason",))


@cli.command("settings")
@click.pass_context
def show_settings(ctx: click.Context) -> None:
    """Print every setting's effective value and where it can be set.

    Example: WIREWATCH_DB=news.db wirewatch settings
    """
    conf = _settings(ctx)
    rows = [
        {"setting": name, "value": getattr(conf, name), "environment": env, "help": text}
        for name, env, _default, text in settings.describe()
    ]
    views.table(rows, sys.stdout, full=("value", "help"))


def main() -> None:
    """The ``wirewatch`` program: the group, with what is only right in a process of its own.

    At the end every object left is frozen, so the interpreter's last garbage collection at
    exit has nothing to walk (the store is closed by then; Python still flushes the output).
    """
    try:
        cli.main(prog_name="wirewatch", obj={PROGRAM: True})
    finally:
        gc.freeze()
