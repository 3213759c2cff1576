"""The Spark commands: ``spark`` (the stages on a Spark cluster, results as Parquet) and
``load`` (a Spark run into a store). Registered lazily on the main group, so that neither
pyspark nor the run's modules are imported until one of them is called.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from wirewatch import settings
from wirewatch.cli import views
from wirewatch.cli.options import with_settings
from wirewatch.store import Store


def _settings(ctx: click.Context, given: dict[str, Any]) -> settings.Settings:
    return settings.load(given, config=(ctx.obj or {}).get("config"))


def _date(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD.") from None


@click.command()
@click.argument("targets", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the run's Parquet datasets (new or empty; every executor must see it).",
)
@click.option(
    "--master",
    default="local[*]",
    show_default=True,
    help="Spark master URL: local[N], spark://HOST:PORT, yarn, k8s://...",
)
@click.option("--source", default=None, help="Name of the outlet the inputs come from.")
@click.option(
    "--published", callback=_date, default=None, help="Publication date YYYY-MM-DD for all inputs."
)
@with_settings(
    "model",
    "batch_size",
    "max_bytes",
    "max_chars",
    "article_seconds",
    "timeout",
    "deadline",
    "allow_private",
    "max_feed_items",
    "min_english",
    "min_words",
    "dedup_threshold",
)
@click.pass_context
def spark(
    ctx: click.Context,
    /,
    targets: tuple[str, ...],
    out: str,
    master: str,
    source: str | None,
    published: dt.date | None,
    **given: Any,
) -> None:
    """Run every per-article stage on Spark; write Parquet datasets under --out.

    TARGETS are read as by 'wirewatch run'. Load the result into a store with 'wirewatch load'.

    Example: wirewatch spark examples/ --out runs/examples --master local[2]
    """
    from wirewatch.spark import job

    conf = _settings(ctx, given)
    click.echo(f"Reading inputs, then running the stages on {master} ...", err=True)
    report = job.run(targets, out, conf, master=master, published=published, source=source)
    views.table([{"dataset": k, "rows": v} for k, v in report.rows.items()], sys.stdout)
    click.echo(
        f"{report.articles} analysed, {report.duplicates} duplicate, {report.failed} failed "
        f"in {report.seconds['total']:.1f} s; load it: wirewatch load {out} --db FILE",
        err=True,
    )
    ctx.exit(report.exit_code)


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@with_settings(
    "db",
    "dedup_threshold",
    "rewrite_threshold",
    "story_threshold",
    "story_window",
    "story_decay",
)
@click.pass_context
def load(ctx: click.Context, /, folder: str, **given: Any) -> None:
    """Load a 'wirewatch spark' run into a store (SQLite or PostgreSQL), idempotently.

    Articles the store holds from the same stages are skipped; the corpus stages then run
    (merged events are taken from the run when the store holds its articles alone).

    Example: wirewatch load runs/examples --db wirewatch.db
    """
    from wirewatch.spark import load as loading

    conf = _settings(ctx, given)
    store = Store(conf.db)
    try:
        with views.progress("loading") as tick:
            done = loading.load(folder, store, conf, tick=tick)
    finally:
        store.close()
    again = " (its failures were recorded by an earlier load)" if done.failures_seen_before else ""
    click.echo(views.report_line(done) + again, err=True)
    if done.premerged:
        click.echo(f"merged events: taken from the run for {done.premerged} batch(es)", err=True)
    ctx.exit(done.exit_code)
