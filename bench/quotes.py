"""quotes: attribution (source, cue, content) on PolNeAR beside textacy, on the same parses.

Data: a PolNeAR split folder (``text/*.txt`` and brat ``attributions/*.ann``); default the dev
split. An article annotated by several annotators is scored against the first annotation
(sorted by file name). ``--limit N`` scores the first N articles.

Each role (source, cue, content) is scored on its own as a set of spans per article; a span is
the set of its letter and digit positions (so whitespace, punctuation and quotation marks at the
edges do not count, and a discontinuous gold span is one item). Overlap: predicted and gold
spans are paired one to one, largest overlap first, when they share any position. Exact: the
positions are equal. Precision, recall and F1 are micro-averaged over the articles.

wirewatch's quotes that share a speaker and cue form one attribution (one source, one cue, the
contents as fragments), as a PolNeAR annotation does. Peer ``textacy`` is
``textacy.extract.triples.direct_quotations`` (0.13.0) on the same spaCy Doc; an article it
refuses (an odd number of quotation marks) counts as no predictions.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.build.quote_cues import Attribution, Item, load_polnear, positions

from bench.common import data_path, emit, print_table, rounded
from wirewatch.records import Article, Quote
from wirewatch.stages import parse, quotes

TASK = "quotes"
DEFAULT = "quotes/polnear/data/dev"
ROLES = ("source", "cue", "content")
CHUNK = 16  # articles parsed at a time
Spans = tuple[tuple[int, int], ...]


# --- systems ------------------------------------------------------------------------------------


def wirewatch_predict(article: Article) -> tuple[Attribution, ...]:
    """The quotes stage on a parsed article (no actors, no events: PolNeAR scores spans),
    grouped into PolNeAR-style attributions."""
    return group(quotes.run(article).quotes)


def group(found: Iterable[Quote]) -> tuple[Attribution, ...]:
    merged: dict[tuple[Any, ...], list[Quote]] = {}
    for quote in found:
        key = (_offsets(quote.speaker_span), _offsets(quote.cue))
        merged.setdefault(key, []).append(quote)
    return tuple(
        Attribution(
            source=(key[0],) if key[0] else (),
            cue=(key[1],) if key[1] else (),
            content=tuple((q.content.start, q.content.end) for q in items),
        )
        for key, items in merged.items()
    )


def _offsets(span: Any) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def textacy_predict(doc: Any) -> tuple[Attribution, ...]:
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # an odd number of quotation marks: textacy bails out
        return ()
    return tuple(
        Attribution(source=_tokens(t.speaker), cue=_tokens(t.cue), content=_tokens(t.content))
        for t in triples
    )


def _tokens(tokens: Sequence[Any]) -> Spans:
    if not tokens:
        return ()
    return ((min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)),)


# --- scoring ------------------------------------------------------------------------------------


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    overlap: int = 0
    exact: int = 0


def tally(text: str, gold: Sequence[Spans], predicted: Sequence[Spans], into: Tally) -> None:
    golds = [p for p in (positions(text, s) for s in gold) if p]
    preds = [p for p in (positions(text, s) for s in predicted) if p]
    into.gold += len(golds)
    into.predicted += len(preds)
    into.exact += len(set(golds) & set(preds))
    pairs = sorted(
        ((len(g & p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds) if g & p),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _size, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    into.overlap += len(used_g)


def metrics(tallies: dict[str, Tally]) -> dict[str, float]:
    out: dict[str, float] = {}
    for role, t in tallies.items():
        for suffix, hits in (("", t.overlap), ("_exact", t.exact)):
            p = hits / t.predicted if t.predicted else 0.0
            r = hits / t.gold if t.gold else 0.0
            out[f"{role}_f1{suffix}"] = 2 * p * r / (p + r) if p + r else 0.0
            out[f"{role}_precision{suffix}"] = p
            out[f"{role}_recall{suffix}"] = r
    return out


def score(
    items: Sequence[Item], predictions: Sequence[tuple[Attribution, ...]]
) -> dict[str, float]:
    tallies = {role: Tally() for role in ROLES}
    for item, predicted in zip(items, predictions, strict=True):
        for role in ROLES:
            gold_spans = [getattr(a, role) for a in item.gold if getattr(a, role)]
            pred_spans = [getattr(a, role) for a in predicted if getattr(a, role)]
            tally(item.text, gold_spans, pred_spans, tallies[role])
    return metrics(tallies)


# --- the run ------------------------------------------------------------------------------------

HEADLINE = ("source_f1", "cue_f1", "content_f1", "source_f1_exact", "content_f1_exact")


def run(data: str | None, limit: int | None) -> int:
    folder = Path(data) if data else data_path(DEFAULT)
    items = load_polnear(folder, limit)
    ours, theirs, seconds = predict(items)
    mine, peer = score(items, ours), score(items, theirs)
    gold = sum(len(i.gold) for i in items)
    _print(folder, items, gold, {"wirewatch": mine, "textacy": peer}, seconds)
    extra = {"gold_attributions": gold, "seconds": round(seconds["wirewatch"], 2)}
    emit(TASK, len(items), {**rounded(mine), **extra}, {"textacy": rounded(peer)})
    return 0


def predict(
    items: Sequence[Item],
) -> tuple[list[tuple[Attribution, ...]], list[tuple[Attribution, ...]], dict[str, float]]:
    """Both systems on the same parses (the parse stage's), with their own seconds."""
    parser = parse.stage()
    ours: list[tuple[Attribution, ...]] = []
    theirs: list[tuple[Attribution, ...]] = []
    seconds = {"wirewatch": 0.0, "textacy": 0.0}
    for start in range(0, len(items), CHUNK):
        chunk = [_article(i) for i in items[start : start + CHUNK]]
        for article in parser.batch(chunk) if parser.batch else map(parser.run, chunk):
            started = time.perf_counter()
            ours.append(wirewatch_predict(article))
            seconds["wirewatch"] += time.perf_counter() - started
            started = time.perf_counter()
            theirs.append(textacy_predict(article.doc))
            seconds["textacy"] += time.perf_counter() - started
    return ours, theirs, seconds


def _article(item: Item) -> Article:
    return Article(id=item.name, text=item.text, origin=item.name)


def _print(
    folder: Path,
    items: Sequence[Item],
    gold: int,
    results: dict[str, dict[str, float]],
    seconds: dict[str, float],
) -> None:
    title = f"quotes: {len(items)} PolNeAR articles, {gold} gold attributions, from {folder}"
    rows = [{"system": name, **{k: m[k] for k in HEADLINE}} for name, m in results.items()]
    print_table(title, rows)
    for role in ROLES:
        print_table(
            f"{role}: precision / recall (overlap, exact)",
            [
                {
                    "system": name,
                    **{k: m[f"{role}_{k}"] for k in ("precision", "recall")},
                    **{f"{k}_exact": m[f"{role}_{k}_exact"] for k in ("precision", "recall")},
                }
                for name, m in results.items()
            ],
        )
    print_table("stage seconds (extraction only, parse excluded)", [dict(seconds)])
