"""What people read in a terminal: plain tables, the article view, progress on stderr."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from wirewatch.records import Article

WIDTH = 48


def table(
    rows: Sequence[dict[str, Any]], out: IO[str], full: Sequence[str] = (), empty: str = "(nothing)"
) -> None:
    """Aligned columns, one line per row; cells cut to WIDTH characters except ``full`` columns."""
    if not rows:
        out.write(empty + "\n")
        return
    columns = list(rows[0])
    cells = [[_cell(row.get(c), c in full) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    for line in [columns, ["-" * w for w in widths], *cells]:
        out.write("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() + "\n")


def _cell(value: Any, full: bool = False) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if full or len(text) <= WIDTH else text[: WIDTH - 1] + "…"


def summary_rows(
    summaries: Sequence[dict[str, Any]], status: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Rows for article summaries; with ``status`` (id → new/updated/duplicate), in its order."""
    if status is not None:
        by_id = {s["id"]: s for s in summaries}
        summaries = [by_id[i] for i in status if i in by_id]
    return [
        {
            **({"status": status[s["id"]]} if status else {}),
            "id": s["id"],
            "published": s["published"],
            "wire": s["wire"],
            "dateline": (s["dateline"] or {}).get("place_text"),
            "actors": s["actors"],
            "places": s["places"],
            "dates": s["times"],
            "events": s["events"],
            "quotes": s["quotes"],
            "title": s["title"],
        }
        for s in summaries
    ]


def failure_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "run": r["run_id"],
            "at": f"{r['at']:%Y-%m-%d %H:%M}",
            "stage": r["stage"],
            "reason": r["reason"],
        }
        for r in rows
    ]


def report_line(report: Any) -> str:
    line = f"{report.stored} stored, {report.duplicates} duplicate, {report.failed} failed."
    if report.failed:
        line += " See why: wirewatch failures"
    return line


@contextlib.contextmanager
def progress(label: str) -> Iterator[Callable[[], None]]:
    """A progress counter on stderr (shown only on a terminal); yields the tick function.

    rich is imported here: only the jobs show progress, and the read commands start faster.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda: None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda: bar.advance(task)


def article_text(article: Article) -> str:
    """A readable view of one article and what was found in it."""
    lines = [f"id         {article.id}"]
    facts = {
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "wire": article.wire and f"{article.wire} ({article.wire_evidence or 'stated'})",
        "dateline": article.dateline and article.dateline.text,
        "byline": article.byline,
        "origin": article.origin,
        "stages": ", ".join(f"{n} {v}" for n, v in article.stages),
    }
    lines += [f"{k:<10} {v}" for k, v in facts.items() if v]
    lines += [
        f"{'credit':<10} {c.name} ({c.role}{', ' + c.place_text if c.place_text else ''})"
        for c in article.contributors
    ]
    lines += ["", article.text, ""]
    lines += _found(article)
    return "\n".join(lines).rstrip()


def _found(article: Article) -> list[str]:
    sections = {
        "Actors": [
            f"{m.span.text} → {m.actor.code or '?'} {m.actor.sector or ''} {m.actor.name}"
            for m in article.actors
        ],
        "Weapons": [
            f"{m.span.text} → {m.weapon.name} ({m.weapon.category})" for m in article.weapons
        ],
        "Places": [
            f"{m.span.text} → {m.place.name}, {m.place.country} ({m.place.feature})"
            if m.place
            else f"{m.span.text} → unresolved"
            for m in article.places
        ],
        "Dates": [
            f"{t.text} → {t.value or 'unresolved'} ({t.precision or '-'})" for t in article.times
        ],
        "Events": [
            f"{e.event} {e.modality}/{e.polarity}: {e.text_info.sentence.text[:90]}"
            + (
                f" (told {len(e.mentions)}×: {' / '.join(m.trigger.text for m in e.mentions)})"
                if len(e.mentions) > 1
                else ""
            )
            for e in article.events
        ],
        "Quotes": [
            f"{q.speaker_text} [{q.stance}, {q.kind}]: {q.content.text[:90]}"
            for q in article.quotes
        ],
    }
    lines: list[str] = []
    for title, items in sections.items():
        if items:
            lines += [f"{title} ({len(items)})", *(f"  {' '.join(i.split())}" for i in items), ""]
    return lines
