"""What people read in a terminal: plain tables, the article view, progress on stderr."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from wirewatch.records import Actor, Article, Event

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


#: Failure reasons a run prints inline; the rest wait in ``wirewatch failures``.
SHOWN = 5


def report_line(report: Any) -> str:
    """What a run did, with the reasons of its first failures (when the report has them)."""
    line = f"{report.stored} stored, {report.duplicates} duplicate, {report.failed} failed."
    if not report.failed:
        return line
    reasons = list(getattr(report, "reasons", ()))[:SHOWN]
    if not reasons:
        return line + " See why: wirewatch failures"
    line = line[:-1] + ":" + "".join(f"\n  {r}" for r in reasons)
    more = report.failed - len(reasons)
    return line + (f"\n  … and {more} more." if more else "") + "\nAll of them: wirewatch failures"


def warn_undated(summaries: Sequence[dict[str, Any]], status: dict[str, str]) -> None:
    """Say on stderr when articles analysed now carry no publication date: their relative
    dates ("on Tuesday", "last week") then stay unresolved, and so do their events' dates."""
    fresh = [s for s in summaries if status.get(s["id"]) in ("new", "updated")]
    undated = [s for s in fresh if s["published"] is None and (s["times"] or s["events"])]
    if undated:
        sys.stderr.write(
            f"warning: {len(undated)} of {len(fresh)} articles carry no publication date, so "
            'their relative dates ("Tuesday", "last week") and the dates of their events '
            "stay unresolved. Give --published YYYY-MM-DD, or a published field in the "
            "input, and run again.\n"
        )


@contextlib.contextmanager
def progress(label: str, total: int | None = None) -> Iterator[Callable[[], None]]:
    """A progress counter on stderr (shown only on a terminal); yields the tick function.
    With the ``total`` number of inputs known, a bar with the time left.

    rich is imported here: only the jobs show progress, and the read commands start faster.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda: None
        return
    columns = [TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    if total:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total or None)
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
        "Events": [line for e in article.events for line in event_lines(e)],
        "Quotes": [
            f"{q.speaker_text} [{q.stance}, {q.kind}]: {q.content.text[:90]}"
            for q in article.quotes
        ],
    }
    lines: list[str] = []
    for title, items in sections.items():
        if items:
            count = len(article.events) if title == "Events" else len(items)
            lines += [f"{title} ({count})", *(_indent(i) for i in items), ""]
    return lines


def _indent(item: str) -> str:
    """Two spaces, or four for an event's detail lines (which start with a space)."""
    return ("    " if item.startswith(" ") else "  ") + " ".join(item.split())


def event_lines(event: Event) -> list[str]:
    """One happening: who did what to whom, when, where, the toll, the weapons, its stance
    and who tells it; then every mention (detail lines start with a space)."""
    who = _names(event.actor) or "?"
    whom = _names(event.recipient)
    head = f"{event.event} ({event.modality}, {event.polarity}): {who}" + (
        f" → {whom}" if whom else ""
    )
    facts = [
        _when(event),
        _where(event),
        ", ".join(
            f"{c.kind} {c.value}" + (f" ({c.qualifier})" if c.qualifier else "") for c in event.size
        ),
        "weapons: " + ", ".join(w.weapon.name for w in event.weapons) if event.weapons else "",
        _told_by(event.attribution) if event.attribution else "",
    ]
    lines = [" · ".join([head, *(f for f in facts if f)])]
    mentions = event.mentions or ()
    if len(mentions) > 1:
        lines.append(f" told {len(mentions)}×: " + " / ".join(m.trigger.text for m in mentions))
    lines.append(f" “{event.text_info.sentence.text[:160]}”")
    return lines


def _names(group: Sequence[Actor]) -> str:
    return ", ".join(a.name + (f" ({a.code})" if a.code else "") for a in group)


def _when(event: Event) -> str:
    date = event.date
    if date is None or not date.value:
        return "date unknown"
    if date.precision == "publication":
        return f"{date.value} (publication day: no date in the text)"
    return f"{date.value} ({date.precision}, “{date.text}”)" if date.text else date.value


def _where(event: Event) -> str:
    mention = event.event_loc
    if mention is None:
        return "place unknown"
    place = mention.place
    if place is None:
        return f"“{mention.span.text}” (unresolved)"
    country = f", {place.country}" if place.country and place.feature != "country" else ""
    told = "; from the article: its sentences do not say" if mention.role == "context" else ""
    return f"{place.name}{country} ({place.precision}{told})"


def _told_by(attribution: Any) -> str:
    """ "according to Ukrainian officials"; a hedge with no source as the text words it
    ("according to sources familiar with the matter", "reportedly")."""
    if attribution.source is None:
        return str(attribution.description)
    return f"according to {attribution.description}"
