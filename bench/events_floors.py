"""The event typer's floors, chosen on the events gold: in sample and leave-one-article-out.

Every article is parsed and linked once (ingest and every stage before ``events``); the events
and quotes stages then run again for each set of floors in ``GRID`` (the two floors and the
rescue of a backed type). The in-sample choice is
the pair with the best typed F1 over all articles; the held-out figure scores each article
with the pair chosen on the other articles only (pooled over the articles).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from wirewatch.records import Article
from wirewatch.stages import events, quotes
from wirewatch.stages.events import Floors

GRID = tuple(
    Floors(backed=b, learned=learned, rescue=rescue)
    for b in (0.1, 0.2, 0.25, 0.3, 0.35, 0.4)
    for learned in (0.3, 0.4, 0.45, 0.5, 0.55, 0.6)
    for rescue in (0.15, 1.0)  # 1.0: no backed type rescued
)


@dataclass(frozen=True)
class Prepared:
    """An article up to the events stage, and the map of its offsets onto the gold text."""

    article: Article
    to_gold: Callable[[int], int | None]


def prepare(text: str, published: str | None, aligner: Any) -> Prepared:
    import wirewatch
    from wirewatch import pipeline
    from wirewatch.stages import ingest
    from wirewatch.stages.ingest.sources import Input

    conf = wirewatch.load_settings()
    before = [s for s in wirewatch.default_stages(conf) if s.name not in ("events", "quotes")]
    item = Input("<gold>", text.encode("utf-8"), "text")
    day = ingest.parse_date("published", published)
    article = ingest.article_from(item, published=day, min_english=conf.min_english, min_words=1)
    (done,) = pipeline.run(before, [article])
    assert isinstance(done, Article), done
    return Prepared(done, aligner(done.text, text))


def finish(prepared: Prepared, floors: Floors) -> Article:
    """The events and quotes stages over a prepared article, with ``floors``."""
    with_events = replace(prepared.article, events=events.extract(prepared.article, floors=floors))
    return quotes.run(with_events)


def choose(
    records: Sequence[dict[str, Any]],
    runs: dict[Floors, list[Any]],
    score: Callable[[Sequence[dict[str, Any]], Sequence[Any]], dict[str, Any]],
) -> dict[str, Any]:
    """The in-sample floors and figures, and the leave-one-article-out figures."""
    best = _best(records, runs, score)
    held: list[Any] = []
    for n in range(len(records)):
        others = [r for i, r in enumerate(records) if i != n]
        chosen = _best(
            others, {f: [e for i, e in enumerate(run) if i != n] for f, run in runs.items()}, score
        )
        held.append(runs[chosen][n])
    return {
        "floors": best,
        "in_sample": score(records, runs[best]),
        "held_out": score(records, held),
    }


def _best(
    records: Sequence[dict[str, Any]],
    runs: dict[Floors, list[Any]],
    score: Callable[[Sequence[dict[str, Any]], Sequence[Any]], dict[str, Any]],
) -> Floors:
    """The floors with the best typed F1; ties go to the shipped floors, then the first."""
    ranked = sorted(
        runs,
        key=lambda f: (-score(records, runs[f])["typed_f1"], f != events.FLOORS, GRID.index(f)),
    )
    return ranked[0]
