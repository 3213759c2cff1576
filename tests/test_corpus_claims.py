"""Claims across sources and actors across articles, from hand-made records."""

from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa
from tests.test_corpus_merge import IRAN, RUSSIA, event, report, span

from wirewatch import corpus
from wirewatch.corpus import actors, claims
from wirewatch.records import (
    Actor,
    ActorMention,
    Article,
    Attribution,
    Quote,
    Span,
)
from wirewatch.store import Store
from wirewatch.store.schema import merged_events

USA = Actor(code="USA", name="United States", kind="state", sector="GOV")
SAID = "Iran sent ballistic missiles to Russia, US officials said on Friday."
DENIED = "Iran denied sending any ballistic missiles to Russia."
DISMISSED = 'Peskov said the report "is not true" and Iran remains a partner of Russia.'


def aid(text: str, **more: object) -> object:
    return event(
        "x", text, kind="AID", actor=(IRAN,), recipient=(RUSSIA,), place=None, day=None, **more
    )


def told_three_ways(store: Store) -> tuple[str, str, str]:
    """The shipment asserted (by US officials), denied, and told again: the articles' ids."""
    source = Attribution(
        source=USA, description="US officials", cue="said", span=span(SAID, "US officials said")
    )
    a = report(store, "a", SAID, "2024-09-06", aid(SAID, attribution=source))  # type: ignore[arg-type]
    b = report(store, "b", DENIED, "2024-09-09", aid(DENIED, polarity="denied"))  # type: ignore[arg-type]
    c = report(store, "c", DISMISSED, "2024-09-09", aid(DISMISSED))  # type: ignore[arg-type]
    return a, b, c


def test_who_asserts_who_denies_and_when(db: str) -> None:
    store = Store(db)
    a, b, c = told_three_ways(store)
    quote = Quote(
        id=f"{c}-q", article_id=c, speaker=Actor(code="RUS", name="Dmitry Peskov", kind="person"),
        speaker_text="Peskov", speaker_span=span(DISMISSED, "Peskov"), cue=span(DISMISSED, "said"),
        content=span(DISMISSED, "is not true"), kind="direct", stance="dismisses", about=(f"{c}-0",),
    )  # fmt: skip
    stored = store.load(c)
    store.save(dataclasses.replace(stored, quotes=(quote,)))
    corpus.update(store, [a, b, c])
    with store.engine.connect() as conn:
        merged_id = conn.scalar(sa.select(merged_events.c.id))
        found = claims.claim(conn, merged_id)
        disputed = claims.disputed(conn)
    assert found is not None and found.statement == "Iran AID Russia"
    positions = [(p.speaker, p.stance, p.said_on, p.via) for p in found.positions]
    assert positions[0] == ("US officials", "asserts", dt.date(2024, 9, 6), "event")
    assert sorted(positions[1:]) == [
        ("Dmitry Peskov", "dismisses", dt.date(2024, 9, 9), "quote"),
        ("Iran", "denies", dt.date(2024, 9, 9), "event"),
    ]
    assert found.positions[0].evidence.text == "US officials said"
    assert [d.merged_id for d in disputed] == [merged_id]


def test_a_claimant_asserts_its_claim_when_another_denies_it(db: str) -> None:
    store = Store(db)
    source = Attribution(
        source=USA, description="US officials", cue="said", span=span(SAID, "US officials said")
    )
    denied = aid(SAID, attribution=source, polarity="denied")  # Peskov's denial marked it
    a = report(store, "a", SAID, "2024-09-06", denied)  # type: ignore[arg-type]
    corpus.update(store, [a])
    with store.engine.connect() as conn:
        found = claims.claim(conn, conn.scalar(sa.select(merged_events.c.id)))
    assert found is not None
    assert [(p.speaker, p.stance) for p in found.positions] == [("US officials", "asserts")]


def test_a_claim_asserted_and_denied_in_one_article_is_disputed(db: str) -> None:
    store = Store(db)
    both = SAID + " " + DISMISSED
    source = Attribution(
        source=USA, description="US officials", cue="said", span=span(both, "US officials said")
    )
    a = report(store, "a", both, "2024-09-06", aid(both, attribution=source))  # type: ignore[arg-type]
    quote = Quote(
        id=f"{a}-q", article_id=a, speaker=Actor(code="RUS", name="Dmitry Peskov", kind="person"),
        speaker_text="Peskov", speaker_span=span(both, "Peskov"), cue=span(both, "said the"),
        content=span(both, "is not true"), kind="direct", stance="dismisses", about=(f"{a}-0",),
    )  # fmt: skip
    store.save(dataclasses.replace(store.load(a), quotes=(quote,)))
    corpus.update(store, [a])
    with store.engine.connect() as conn:
        (found,) = claims.disputed(conn)  # one report: the dispute is inside one article
    stances = [(p.speaker, p.stance) for p in found.positions]
    assert stances == [("US officials", "asserts"), ("Dmitry Peskov", "dismisses")]


def test_an_undisputed_claim_is_not_listed_as_disputed(db: str) -> None:
    store = Store(db)
    source = Attribution(
        source=USA, description="US officials", cue="said", span=span(SAID, "US officials said")
    )
    a = report(store, "a", SAID, "2024-09-06", aid(SAID, attribution=source))  # type: ignore[arg-type]
    b = report(store, "b", SAID + " More.", "2024-09-07", aid(SAID, attribution=source))  # type: ignore[arg-type]
    corpus.update(store, [a, b])
    with store.engine.connect() as conn:
        assert claims.disputed(conn) == []


def _person_article(store: Store, key: str, name: str, text: str) -> str:
    mention = ActorMention(
        span=Span(start=text.index(name), end=text.index(name) + len(name), text=name),
        actor=Actor(code="USA", name=name, kind="person", sector="GOV"),
    )
    article = Article(
        id=key, text=text, origin=key, published=dt.date(2024, 9, 10), actors=(mention,)
    )
    store.save(article)
    return key


def test_short_person_names_resolve_to_the_full_name_other_articles_give(db: str) -> None:
    store = Store(db)
    first = _person_article(store, "a1", "Blinken", "Blinken arrived in Kyiv on Tuesday.")
    corpus.update(store, [first])
    with store.engine.connect() as conn:
        assert actors.resolve(conn, ["Blinken"]) == {"Blinken": "Blinken"}  # nobody said more yet
    later = _person_article(
        store, "a2", "Antony Blinken", "Secretary of State Antony Blinken met Zelenskyy."
    )
    other = _person_article(store, "a3", "Mr. Blinken", "Mr. Blinken spoke to reporters.")
    corpus.update(store, [later, other])
    with store.engine.connect() as conn:
        found = actors.resolve(conn, ["Blinken", "Mr. Blinken", "Antony Blinken", "Nobody"])
    assert found == {
        "Blinken": "Antony Blinken",
        "Mr. Blinken": "Antony Blinken",
        "Antony Blinken": "Antony Blinken",
        "Nobody": "Nobody",
    }


def test_a_surname_two_people_share_stays_unresolved(db: str) -> None:
    store = Store(db)
    ids = [
        _person_article(store, "b1", "Joe Biden", "Joe Biden spoke on Monday."),
        _person_article(store, "b2", "Hunter Biden", "Hunter Biden was in court on Monday."),
        _person_article(store, "b3", "Biden", "Biden said nothing more."),
    ]
    corpus.update(store, ids)
    with store.engine.connect() as conn:
        assert actors.resolve(conn, ["Biden"]) == {"Biden": "Biden"}
    assert actors.clean("Gen.  Valery Gerasimov") == "Valery Gerasimov"
    assert actors.keys(
        Actor(code="USA", name="Blinken", kind="person"), {"Blinken": "Antony Blinken"}
    ) == {
        "USA",
        "person:antony blinken",
    }
