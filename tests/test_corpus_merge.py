"""Merged events from hand-made Event records: one happening counted once, its independent
sources, its first report, conflicting values side by side, never a double count."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path

import sqlalchemy as sa

from wirewatch import corpus, jobs, settings
from wirewatch.corpus import compat, merge
from wirewatch.pipeline import Stage
from wirewatch.records import (
    Actor,
    Article,
    Count,
    Event,
    MergedEvent,
    Place,
    PlaceMention,
    Span,
    TextInfo,
    TimeRef,
    from_dict,
)
from wirewatch.store import Store
from wirewatch.store.schema import merged_events

RUSSIA = Actor(code="RUS", name="Russia", kind="state", sector="MIL")
UKRAINE = Actor(code="UKR", name="Ukraine", kind="state")
IRAN = Actor(code="IRN", name="Iran", kind="state")
KHARKIV = Place(
    geonameid=706483, name="Kharkiv", feature="city", country="UKR", lat=49.98, lon=36.25,
    precision="city", admin1="Kharkivska",
)  # fmt: skip
ODESA = Place(
    geonameid=698740, name="Odesa", feature="city", country="UKR", lat=46.48, lon=30.73,
    precision="city",
)  # fmt: skip
UKRAINE_PLACE = Place(
    geonameid=690791, name="Ukraine", feature="country", country="UKR", lat=49.0, lon=32.0,
    precision="country",
)  # fmt: skip


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start=start, end=start + len(part), text=part)


def event(
    article_id: str,
    text: str,
    *,
    kind: str = "ASSAULT",
    dead: int | None = None,
    day: str | None = "2024-06-10",
    place: Place | None = KHARKIV,
    actor: tuple[Actor, ...] = (RUSSIA,),
    recipient: tuple[Actor, ...] = (UKRAINE,),
    **more: object,
) -> Event:
    sentence = Span(start=0, end=len(text), text=text)
    word = text.split()[1]
    figure = span(text, str(dead)) if dead and str(dead) in text else sentence
    size = (Count(kind="dead", value=dead, qualifier=None, span=figure),) if dead else ()
    loc = (
        PlaceMention(span=span(text, place.name), place=place)
        if place and place.name in text
        else None
    )
    return Event(
        id=hashlib.sha1(f"{article_id}:{kind}:{text}".encode()).hexdigest()[:16],
        article_id=article_id,
        event=kind,
        text_info=TextInfo(sentence=sentence, trigger=span(text, word)),
        actor=actor,
        recipient=recipient,
        date=TimeRef(value=day, precision="day", text="Monday", anchor=day) if day else None,
        event_loc=loc,
        size=size,
        **more,  # type: ignore[arg-type]
    )


def report(
    store: Store, key: str, text: str, day: str, *events: Event, wire: str | None = None
) -> str:
    """Store an article holding ``events`` (their article id is set to the article's)."""
    article_id = hashlib.sha1(key.encode()).hexdigest()[:16]
    fixed = tuple(
        dataclasses.replace(e, article_id=article_id, id=f"{article_id}-{i}")
        for i, e in enumerate(events)
    )
    store.save(
        Article(
            id=article_id, text=text, origin=key, published=dt.date.fromisoformat(day), wire=wire,
            wire_evidence="dateline" if wire else None, events=fixed,
        )
    )  # fmt: skip
    return article_id


def merged(store: Store) -> list[MergedEvent]:
    with store.engine.connect() as conn:
        return merge.read(conn)


STRIKE = "Russian missiles hit Kharkiv on Monday, killing 6 people."
STRIKE_7 = "A Russian strike on Kharkiv killed 7 people on Monday, officials said."


def test_two_reports_of_one_strike_merge_with_the_toll_conflict_kept(db: str) -> None:
    store = Store(db)
    a = report(store, "a", STRIKE, "2024-06-10", event("x", STRIKE, dead=6))
    b = report(store, "b", STRIKE_7, "2024-06-11", event("x", STRIKE_7, dead=7))
    corpus.update(store, [a, b])
    (one,) = merged(store)
    assert [r.article_id for r in one.reports] == [a, b]
    assert one.sources == 2 and one.first_report == f"{a}-0"
    (dead,) = [c for c in one.conflicts if c.field == "dead"]
    assert dict(dead.values) == {"6": (f"{a}-0",), "7": (f"{b}-0",)}
    assert one.size[0].value == 7  # a tie: the latest report's toll
    assert one.event_loc is not None and one.event_loc.place == KHARKIV


def test_different_happenings_stay_apart(db: str) -> None:
    store = Store(db)
    odesa = "Russian drones hit Odesa on Monday, killing 6 people."
    ids = [
        report(store, "a", STRIKE, "2024-06-10", event("x", STRIKE, dead=6)),
        report(store, "b", odesa, "2024-06-10", event("x", odesa, dead=6, place=ODESA)),
        report(store, "c", STRIKE, "2024-06-20", event("x", STRIKE, day="2024-06-17")),
        report(store, "d", STRIKE, "2024-06-10", event("x", STRIKE, kind="COERCE")),
        report(store, "e", STRIKE, "2024-06-10", event("x", STRIKE, actor=(IRAN,))),
    ]
    corpus.update(store, ids)
    assert len(merged(store)) == 5


def test_precision_decides_what_is_compatible() -> None:
    week = dataclasses.replace(
        event("a", STRIKE), date=TimeRef(value="2024-W24", precision="week", text="", anchor=None)
    )
    country = dataclasses.replace(
        event("b", STRIKE),
        event_loc=PlaceMention(span=span(STRIKE, "Kharkiv"), place=UKRAINE_PLACE),
    )
    day = event("c", STRIKE)
    reports = [
        compat.Report(e, dt.date(2024, 6, 10), e.article_id, {}) for e in (week, country, day)
    ]
    assert all(compat.same_happening(x, y) for x in reports for y in reports if x is not y)
    assert compat.interval(week, None) == (dt.date(2024, 6, 10), dt.date(2024, 6, 16))
    assert compat.interval(event("d", STRIKE, day=None), dt.date(2024, 6, 10)) == (
        dt.date(2024, 6, 3),
        dt.date(2024, 6, 10),
    )
    assert compat.km(KHARKIV, ODESA) > 400


def test_an_incident_never_merges_with_a_campaign_of_years() -> None:
    """A strike on 10 June and "attacks since 2022" overlap in time but are two records;
    two reports of the campaign agree, as do the strike and "in 2024" (a year at most)."""

    def on(article: str, value: str, precision: str) -> compat.Report:
        made = dataclasses.replace(
            event(article, STRIKE),
            date=TimeRef(value=value, precision=precision, text="", anchor=None),
        )
        return compat.Report(made, dt.date(2024, 6, 11), article, {})

    strike = on("a", "2024-06-10", "day")
    campaign, again = on("b", "2022/2024-06-11", "interval"), on("c", "2022/2024", "interval")
    year = on("d", "2024", "year")
    assert not compat.same_happening(strike, campaign)
    assert compat.same_happening(campaign, again)
    assert compat.same_happening(strike, year)
    assert not compat.same_happening(year, campaign)


def test_two_events_of_one_article_are_two_happenings() -> None:
    """Inside an article the events stage already made one record per happening."""
    first, second = event("a", STRIKE), dataclasses.replace(event("a", STRIKE), id="other")
    one, two = (compat.Report(e, dt.date(2024, 6, 10), "a", {}) for e in (first, second))
    assert not compat.same_happening(one, two)


def test_copies_and_one_wire_count_as_one_source(db: str) -> None:
    store = Store(db)
    text = STRIKE + " " + "Rescue crews searched the rubble through the night for survivors. " * 3
    a = report(store, "a", text, "2024-06-10", event("x", STRIKE, dead=6))
    b = report(store, "b", text + " Share this article.", "2024-06-11", event("x", STRIKE, dead=6))
    c = report(store, "c", STRIKE_7, "2024-06-10", event("x", STRIKE_7, dead=7), wire="AP")
    d = report(
        store,
        "d",
        "Seven dead in Kharkiv, " + STRIKE_7,
        "2024-06-10",
        event("x", STRIKE_7, dead=7),
        wire="AP",
    )
    corpus.update(store, [a, b, c, d])
    (one,) = merged(store)
    assert len(one.reports) == 4 and one.sources == 2
    assert {r.source for r in one.reports} == {a, "wire:AP"}


def test_updating_again_or_reprocessing_never_counts_twice(db: str) -> None:
    store = Store(db)
    a = report(store, "a", STRIKE, "2024-06-10", event("x", STRIKE, dead=6))
    b = report(store, "b", STRIKE_7, "2024-06-11", event("x", STRIKE_7, dead=7))
    corpus.update(store, [a, b])
    corpus.update(store, [a, b, a])
    report(store, "b", STRIKE_7, "2024-06-11", event("x", STRIKE_7, dead=8))  # reprocessed
    corpus.update(store, [b])
    (one,) = merged(store)
    assert len(one.reports) == 2 and store.count("merged_reports") == 2
    assert {v for c in one.conflicts if c.field == "dead" for v, _ in c.values} == {"6", "8"}
    report(store, "b", STRIKE_7, "2024-06-11")  # reprocessed: no event any more
    corpus.update(store, [b])
    (alone,) = merged(store)
    assert len(alone.reports) == 1 and alone.sources == 1


def test_denied_reports_join_the_happening_and_show_the_dispute(db: str) -> None:
    store = Store(db)
    said = "Iran sent ballistic missiles to Russia, US officials said."
    denied = "Iran denied sending ballistic missiles to Russia."
    a = report(
        store,
        "a",
        said,
        "2024-09-06",
        event("x", said, kind="AID", actor=(IRAN,), recipient=(RUSSIA,), place=None, day=None),
    )
    b = report(
        store,
        "b",
        denied,
        "2024-09-09",
        event(
            "x",
            denied,
            kind="AID",
            actor=(IRAN,),
            recipient=(RUSSIA,),
            place=None,
            day=None,
            polarity="denied",
        ),
    )
    corpus.update(store, [a, b])
    (one,) = merged(store)
    assert {c.field for c in one.conflicts} == {"polarity"}


FIGURE = re.compile(r"killing (\d+)")


def _events_stage() -> Stage:
    """A stand-in events stage: one ASSAULT per "killing N" in the text."""

    def run(article: Article) -> Article:
        found = tuple(
            Event(
                id=f"{article.id}-{m.start()}",
                article_id=article.id,
                event="ASSAULT",
                text_info=TextInfo(
                    sentence=span(article.text, m.group(0)), trigger=span(article.text, m.group(0))
                ),
                actor=(RUSSIA,),
                date=TimeRef(value=str(article.published), precision="day", text="", anchor=None),
                size=(
                    Count(
                        kind="dead",
                        value=int(m.group(1)),
                        qualifier=None,
                        span=span(article.text, m.group(1)),
                    ),
                ),
            )
            for m in FIGURE.finditer(article.text)
        )
        return dataclasses.replace(article, events=found)

    return Stage(name="events", version="test", run=run, requires=("text",), assigns=("events",))


def test_the_pipeline_twice_over_overlapping_inputs_never_double_counts(
    tmp_path: Path, conf: settings.Settings
) -> None:
    texts = {
        "a.txt": "Russian missiles struck the city overnight, killing 6 people, officials said on Monday morning.",
        "b.txt": "A missile attack on the city overnight ended up killing 7 people, the regional governor said.",
        "c.txt": "Another report from the city: the overnight strike, killing 6 people, hit a school building.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    store = Store(conf.db)
    stage = [_events_stage()]
    day = dt.date(2024, 6, 10)
    first = jobs.process(
        [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], conf, stage, store=store, published=day
    )
    corpus.update(store, list(first.articles))
    second = jobs.process([str(tmp_path)], conf, stage, store=store, published=day)
    corpus.update(store, list(second.articles))
    (one,) = merged(store)
    assert len(one.reports) == 3 and one.sources == 3
    assert store.count("events") == 3 and store.count("merged_reports") == 3
    with store.engine.connect() as conn:
        record = conn.scalar(sa.select(merged_events.c.record))
    assert from_dict(MergedEvent, record) == one


def test_a_happening_no_report_dates_keeps_its_earliest_publication_day(db: str) -> None:
    store = Store(db)

    def undated(text: str, day: str) -> Event:
        found = event("x", text, day=None)
        return dataclasses.replace(
            found, date=TimeRef(value=day, precision="publication", text="", anchor=day)
        )

    a = report(store, "a", STRIKE, "2024-06-10", undated(STRIKE, "2024-06-10"))
    b = report(store, "b", STRIKE + " ", "2024-06-11", undated(STRIKE, "2024-06-11"))
    corpus.update(store, [a, b])
    (one,) = merged(store)
    assert len(one.reports) == 2
    assert one.date is not None and one.date.value == "2024-06-10"  # not the later copy's day
    c = report(store, "c", STRIKE_7, "2024-06-12", event("x", STRIKE_7, dead=7))
    corpus.update(store, [c])
    (one,) = merged(store)
    assert one.date is not None and (one.date.value, one.date.precision) == ("2024-06-10", "day")
