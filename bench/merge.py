"""merge: are the reports a merged event joins across articles one happening?

Gold, built at run time from ``events_gold/dev.jsonl`` (texts read from the shared folder,
nothing copied into the repository; ``--limit N`` takes the first N gold articles):

- every gold article, and two rewritten copies of each made by ``bench.variants`` (the
  ``edited`` copy of issue 17: a new byline, two small word edits, one footer line; and a
  ``rewrite``: a new byline, a paragraph dropped, sentences reordered, synonyms, a footer),
  published the same day. A copy tells the happenings of its original: the gold mentions
  are mapped through the edit (a happening whose every mention was dropped is not in it);
- across different gold articles, two happenings are different unless ``SAME`` lists them
  as one real-world happening. The list was made by hand over the gold's cross-article
  pairs (ECB+-style: the same kind of event is a different one at another time, place or
  party). Two are the same when they have the same type, their dates overlap (an undated
  one placed by its text: "days after the Security Council voted"), their places agree,
  their parties agree (the doer may differ when the texts differ on who did it: "US air
  strikes" and "coalition air strikes" in Kunduz), and the two texts tell the same incident.

wirewatch runs the real path (ingest with the publication date, every default stage, the
store, ``corpus.update``: dedup, stories, actors, merge) over all articles. Each stored
event is mapped to a gold happening of its article with the events-doc matcher
(``events_doc.pairs``, SCORING.md); an event the matcher calls a duplicate (its candidate
was taken by another event: the happening told twice) maps to its best candidate, a
spurious one to none. Every pair of reports of different articles that share a merged
event is a link: right when both map to the same happening (through copies and ``SAME``),
wrong otherwise (an event of no happening makes every link of it wrong).

Metrics: ``precision`` and ``recall`` of links (recall over the pairs of mapped events of
different articles that tell one happening), ``links``, ``wrong_links``; the same over
links between different originals only (``cross_*``: no copy involved); ``sources_right``
(share of merged events of two or more reports whose ``sources`` equals the number of
different originals among their reports: a copy and its original are one source).
Peer ``day_actor``: two events of different articles are linked when they have the same
type, the same day (the event's day, else its article's) and a common actor code.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench import events_doc
from bench.common import data_path, emit, print_table, read_jsonl, rounded
from bench.variants import KINDS, variant
from wirewatch.corpus import blocks, compat, merge
from wirewatch.records import Article, Event

TASK = "merge"
DEFAULT = "events_gold/dev.jsonl"

#: Happenings (gold id # index) of different articles that are one real-world happening.
SAME = (
    ("nc_0046d5ff09#1", "nc_4a6824d754#1"),  # the missile over Hokkaido, 15 Sep 2017
    ("nc_0e7ab2ce71#0", "nc_fde1ee4d64#0"),  # the bombing of the German consulate, 10 Nov 2016
    ("nc_0e7ab2ce71#1", "nc_fde1ee4d64#1"),  # the Kunduz air strikes (US / coalition), Nov 2016
    ("nc_e606eb1bb3#1", "nc_cd2cd4f859#1", "nc_d0b630b229#3"),  # Chinese oil to NK ships
    ("nc_cd2cd4f859#0", "nc_d0b630b229#2"),  # Trump's criticism of China, 28 Dec 2017
    ("nc_4a6824d754#2", "nc_d0b630b229#6"),  # the UN sanctions resolution of Sep 2017
)


@dataclass(frozen=True)
class Case:
    """One article of the run: an original or a copy, with its happenings' mentions in it."""

    family: str  # the gold article it is or copies
    kind: str  # original | one of variants.KINDS
    text: str
    published: str | None
    happenings: tuple[dict[str, Any], ...]  # gold happenings, "key" added

    @property
    def name(self) -> str:
        return f"{self.family}#{self.kind}"


def run(data: str | None, limit: int | None) -> int:
    path = Path(data) if data else data_path(DEFAULT)
    records = read_jsonl(path, limit)
    cases = list(gold_cases(records, path))
    articles = analyse(cases)
    homes, sources, told_by = merged(articles)
    keys = {e: k for c, a in zip(cases, articles, strict=True) for e, k in happenings(c, a)}
    family = {a.id: c.family for c, a in zip(cases, articles, strict=True)}
    gold = Gold(keys, {e.id: e for a in articles for e in a.events}, family)
    ours = score(links_of(homes, gold.events), gold)
    ours["sources_right"] = sources_right(homes, sources, gold)
    runs = {w: links_of(replay(articles, told_by, w), gold.events) for w in WIDES}
    chosen = choose(runs, gold)
    peer = score(day_actor(articles), gold)
    print_table(
        f"merge: {len(records)} gold articles, {len(cases)} articles with the copies, "
        f"{len(gold.events)} events",
        [
            {"system": f"wirewatch (WIDE {compat.WIDE.days} days)", **ours},
            {"system": f"WIDE chosen in sample ({chosen['wide']} days)", **chosen["in_sample"]},
            {"system": "WIDE chosen leaving each article out", **chosen["held_out"]},
            {"system": "day_actor (peer)", **peer},
        ],
    )
    held = {f"held_out_{k}": v for k, v in chosen["held_out"].items() if k in HELD_OUT}
    found = {**ours, "wide": compat.WIDE.days, "wide_in_sample": chosen["wide"], **held}
    emit(TASK, len(cases), rounded(found), {"day_actor": rounded(peer)})
    return 0


#: Candidates for ``compat.WIDE`` (days), chosen leaving each gold article out.
WIDES = (1, 8, 32, 93, 366, 3000)
HELD_OUT = ("precision", "precision_told", "recall", "cross_precision", "cross_recall")


@dataclass(frozen=True)
class Gold:
    """What scoring reads: each event's happening, the events, each article's original."""

    keys: dict[str, str | None]
    events: dict[str, Event]
    family: dict[str, str]

    def of(self, event_id: str) -> str:
        return self.family[self.events[event_id].article_id]


# --- the gold -----------------------------------------------------------------------------


def canonical() -> dict[str, str]:
    """Each happening key of ``SAME`` → the first key of its group."""
    return {key: group[0] for group in SAME for key in group}


def gold_cases(records: Sequence[dict[str, Any]], path: Path) -> Iterator[Case]:
    """Every gold article and its copies, with the happenings each tells."""
    same = canonical()
    for record in records:
        text = events_doc.gold_text(record, path)
        told = []
        for n, happening in enumerate(record["events"]):
            key = f"{record['id']}#{n}"
            told.append({**happening, "key": same.get(key, key)})
        yield Case(record["id"], "original", text, record.get("published"), tuple(told))
        for kind in KINDS:
            copy = variant(text, kind, record["id"])
            moved = (_moved(h, copy.span) for h in told)
            kept = tuple(h for h in moved if h["mentions"])
            yield Case(record["id"], kind, copy.text, record.get("published"), kept)


def _moved(happening: dict[str, Any], span: Any) -> dict[str, Any]:
    mentions = []
    for mention in happening["mentions"]:
        where = span(int(mention["start"]), int(mention["end"]))
        if where is not None:
            mentions.append({**mention, "start": where[0], "end": where[1]})
    return {**happening, "mentions": mentions}


# --- the real path --------------------------------------------------------------------------


def analyse(cases: Sequence[Case]) -> list[Article]:
    """Ingest and every default stage, one article per case (in order)."""
    import wirewatch
    from wirewatch import pipeline
    from wirewatch.stages import ingest
    from wirewatch.stages.ingest.sources import Input

    conf = wirewatch.load_settings()
    made = []
    for case in cases:
        item = Input(case.name, case.text.encode("utf-8"), "text")
        day = ingest.parse_date("published", case.published)
        made.append(ingest.article_from(item, published=day, min_english=0.0, min_words=1))
    done = list(pipeline.run(wirewatch.default_stages(conf), made))
    for article in done:
        assert isinstance(article, Article), article
    return [a for a in done if isinstance(a, Article)]


def merged(
    articles: Sequence[Article],
) -> tuple[dict[str, str], dict[str, int], dict[str, str]]:
    """Store the articles and run the corpus steps: each event's merged event, each merged
    event's number of sources, each event's source."""
    from wirewatch import corpus
    from wirewatch.store import Store
    from wirewatch.store.schema import merged_events, merged_reports

    told_by: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "merge.db"))
        for article in articles:
            store.save(article)
        corpus.update(store, [a.id for a in articles])
        with store.engine.connect() as conn:
            reports = conn.execute(sa.select(merged_reports.c.event_id, merged_reports.c.merged_id))
            homes = {str(e): str(m) for e, m in reports}
            rows = conn.execute(sa.select(merged_events.c.id, merged_events.c.record)).all()
        store.close()
    sources = {str(m): int(r["sources"]) for m, r in rows}
    for _, record in rows:
        told_by.update({x["event_id"]: x["source"] for x in record["reports"]})
    return homes, sources, told_by


def replay(articles: Sequence[Article], told_by: dict[str, str], wide: int) -> dict[str, str]:
    """The merge replayed in memory (``blocks.merge_block``, as Spark runs it) with
    ``compat.WIDE`` set to ``wide`` days: each event's merged event."""
    reports = [
        compat.Report(e, a.published, told_by.get(e.id, a.id), {})
        for a in articles
        for e in a.events
    ]
    names = [x.name for r in reports for x in merge.people(r.event)]
    resolve = blocks.resolver(blocks.aliases([names]))
    items = [blocks.Item(0, r) for r in reports]
    held = blocks.merge_block(items, resolve, dt.timedelta(days=wide))
    return {m.report.event.id: str(h.row["id"]) for h in held for m in h.members}


def choose(runs: dict[int, set[Link]], gold: Gold) -> dict[str, Any]:
    """The ``wide`` with the best link F1 in sample, and the figures when each gold
    article's links are scored with the ``wide`` chosen on the other articles' links
    (a link between two gold articles counts in both folds)."""
    pooled: Counter[str] = Counter()
    for family in sorted(set(gold.family.values())):
        wide = _best(runs, gold, lambda x, f=family: f not in x)
        pooled += counts(runs[wide], gold, lambda x, f=family: f in x)
    best = _best(runs, gold, lambda _: True)
    return {"wide": best, "in_sample": score(runs[best], gold), "held_out": ratios(pooled)}


def _best(runs: dict[int, set[Link]], gold: Gold, keep: Callable[[set[str]], bool]) -> int:
    """The ``wide`` with the best link F1 over what ``keep`` keeps; ties go to the shipped
    value, then the narrowest."""

    def f1(wide: int) -> float:
        found = ratios(counts(runs[wide], gold, keep))
        p, r = found["precision"], found["recall"]
        return 2 * p * r / (p + r) if p + r else 0.0

    return min(runs, key=lambda w: (-f1(w), w != compat.WIDE.days, w))


def happenings(case: Case, article: Article) -> Iterator[tuple[str, str | None]]:
    """Each stored event's id and the gold happening it tells (None: none)."""
    to_gold = events_doc.aligner(article.text, case.text)
    found = [(e.id, events_doc.reduced(e, to_gold)) for e in article.events]
    mapped = [(i, r) for i, r in found if r is not None]
    taken, _ = events_doc.pairs([r for _, r in mapped], case.happenings)
    yield from ((i, None) for i, r in found if r is None)
    for n, (event_id, reduced) in enumerate(mapped):
        if n not in taken:  # a duplicate maps to its best candidate, if it has one
            alone, _ = events_doc.pairs([reduced], case.happenings)
            taken_alone = alone.get(0)
            yield event_id, None if taken_alone is None else case.happenings[taken_alone]["key"]
        else:
            yield event_id, case.happenings[taken[n]]["key"]


# --- links and scores ----------------------------------------------------------------------

Link = tuple[str, str]


def links_of(homes: dict[str, str], events: dict[str, Event]) -> set[Link]:
    """Pairs of events of different articles that share a merged event."""
    members: defaultdict[str, list[str]] = defaultdict(list)
    for event_id, merged_id in homes.items():
        members[merged_id].append(event_id)
    return {
        _pair(a, b)
        for group in members.values()
        for a, b in itertools.combinations(sorted(group), 2)
        if events[a].article_id != events[b].article_id
    }


def _pair(a: str, b: str) -> Link:
    return (a, b) if a < b else (b, a)


#: A happening told by two articles: (article, article, happening key).
Unit = tuple[str, str, str]


def score(links: set[Link], gold: Gold) -> dict[str, Any]:
    """Link precision (strict, and over events that tell a happening) and recall (of the
    happenings two articles both tell, those some link joins), overall and across originals."""
    return ratios(counts(links, gold, lambda _: True))


def counts(links: set[Link], gold: Gold, keep: Callable[[set[str]], bool]) -> Counter[str]:
    """The tallies behind ``ratios`` over the links and units whose originals ``keep`` keeps."""
    found: Counter[str] = Counter()
    units = set()
    for link in links:
        if not keep({gold.of(link[0]), gold.of(link[1])}):
            continue
        unit = _unit(link, gold)
        told = bool(gold.keys.get(link[0]) and gold.keys.get(link[1]))
        cross = gold.of(link[0]) != gold.of(link[1])
        found.update(
            links=1, right=unit is not None, told=told, told_right=told and unit is not None,
            cross_links=cross, cross_right=cross and unit is not None,
        )  # fmt: skip
        units.add(unit)
    for unit in _units(gold):
        originals = {gold.family[unit[0]], gold.family[unit[1]]}
        if keep(originals):
            cross = len(originals) == 2
            found.update(units=1, found=unit in units, cross_units=cross,
                         cross_found=cross and unit in units)  # fmt: skip
    return found


def ratios(found: Counter[str]) -> dict[str, Any]:
    return {
        "links": found["links"],
        "wrong_links": found["links"] - found["right"],
        "precision": _ratio(found["right"], found["links"]),
        "precision_told": _ratio(found["told_right"], found["told"]),
        "recall": _ratio(found["found"], found["units"]),
        "cross_links": found["cross_links"],
        "cross_wrong": found["cross_links"] - found["cross_right"],
        "cross_precision": _ratio(found["cross_right"], found["cross_links"]),
        "cross_recall": _ratio(found["cross_found"], found["cross_units"]),
    }


def _unit(link: Link, gold: Gold) -> Unit | None:
    one, two = gold.keys.get(link[0]), gold.keys.get(link[1])
    if one is None or one != two:
        return None
    first, second = sorted((gold.events[link[0]].article_id, gold.events[link[1]].article_id))
    return first, second, one


def _units(gold: Gold) -> set[Unit]:
    """Every happening two different articles both tell (some event of each maps to it)."""
    tellers: defaultdict[str, set[str]] = defaultdict(set)
    for event_id, key in gold.keys.items():
        if key is not None:
            tellers[key].add(gold.events[event_id].article_id)
    return {
        (a, b, key)
        for key, articles in tellers.items()
        for a, b in itertools.combinations(sorted(articles), 2)
    }


def _ratio(right: int, counted: int) -> float:
    return right / counted if counted else 1.0


def sources_right(homes: dict[str, str], sources: dict[str, int], gold: Gold) -> float:
    """Share of merged events of 2+ reports whose sources count their different originals."""
    originals: defaultdict[str, set[str]] = defaultdict(set)
    reports: defaultdict[str, int] = defaultdict(int)
    for event_id, merged_id in homes.items():
        originals[merged_id].add(gold.of(event_id))
        reports[merged_id] += 1
    shared = [m for m, n in reports.items() if n > 1]
    return _ratio(sum(sources[m] == len(originals[m]) for m in shared), len(shared))


def day_actor(articles: Sequence[Article]) -> set[Link]:
    """The peer: same type, same day, a common actor code, different articles."""
    keyed: defaultdict[tuple[str, str], list[Event]] = defaultdict(list)
    for article in articles:
        for event in article.events:
            day = _day(event, article)
            if day is not None:
                keyed[(event.event, day)].append(event)
    found: set[Link] = set()
    for group in keyed.values():
        for a, b in itertools.combinations(group, 2):
            codes = {x.code for x in a.actor if x.code} & {x.code for x in b.actor if x.code}
            if a.article_id != b.article_id and codes:
                found.add(_pair(a.id, b.id))
    return found


def _day(event: Event, article: Article) -> str | None:
    if event.date and event.date.value and event.date.precision == "day":
        return event.date.value
    return article.published.isoformat() if article.published else None
