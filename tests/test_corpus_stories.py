"""Incremental stories: an article joins a story or starts one, within a window, and updates
in several calls give what one call gives; each story has a label, span, actors and places."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from tests.test_corpus_dedup import OTHER, STORY, article, stored

from wirewatch import corpus
from wirewatch.corpus import cluster, stories
from wirewatch.corpus.cluster import Clusterer, Params
from wirewatch.records import Actor, ActorMention, Article, Place, PlaceMention, Span
from wirewatch.store import Store
from wirewatch.store.schema import story_articles

DAY = dt.date(2024, 6, 10)
STRIKE = Counter({"kharkiv": 3, "drones": 2, "strike": 2, "marchenko": 1, "apartment": 1})
STRIKE_AGAIN = Counter({"kharkiv": 2, "drones": 1, "strike": 1, "power": 1, "marchenko": 1})
TALKS = Counter({"sudan": 3, "jeddah": 2, "ceasefire": 2, "talks": 2, "darfur": 1})


def test_a_similar_article_joins_and_a_different_one_starts_a_story() -> None:
    clusterer = Clusterer(Params(threshold=0.15))
    first, _ = clusterer.place("a" * 16, DAY, STRIKE)
    second, score = clusterer.place("b" * 16, DAY, STRIKE_AGAIN)
    third, _ = clusterer.place("c" * 16, DAY, TALKS)
    assert second == first and score > 0.15
    assert third != first and third == "s" + "c" * 15
    assert clusterer.stories[first].size == 2 and clusterer.docs == 3


def test_a_story_closes_after_its_window_and_similarity_decays_with_time() -> None:
    clusterer = Clusterer(Params(threshold=0.15, window=30, decay=0.02))
    first, _ = clusterer.place("a" * 16, DAY, STRIKE)
    late, _ = clusterer.place("b" * 16, DAY + dt.timedelta(days=31), STRIKE)
    assert late != first
    near = clusterer.best(clusterer.vector(STRIKE, query=True), DAY)[1]
    far = clusterer.best(clusterer.vector(STRIKE, query=True), DAY - dt.timedelta(days=15))[1]
    assert abs((near - far) - 0.01) < 1e-9


def test_query_vectors_leave_out_words_no_earlier_article_had() -> None:
    clusterer = Clusterer()
    assert clusterer.vector(STRIKE, query=True) == {}
    assert set(clusterer.vector(STRIKE, query=False)) == set(STRIKE)
    docs, prior = cluster.background()
    assert docs > 10_000 and prior["ukraine"] > 10


def test_a_word_shared_by_chance_in_a_young_store_makes_no_story() -> None:
    beirut = Counter({"beirut": 3, "hezbollah": 2, "strike": 2, "israel": 2, "lebanon": 1})
    young = Clusterer(Params(threshold=0.15))
    young.place("a" * 16, DAY, STRIKE)
    assert young.place("b" * 16, DAY, beirut)[0] == "s" + "b" * 15
    grown = Clusterer(Params(threshold=0.15, warmup=0.0))  # no warm-up: the old behaviour
    grown.place("a" * 16, DAY, STRIKE)
    assert grown.place("b" * 16, DAY, beirut)[0] == "s" + "a" * 15


def _members(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return dict(
            conn.execute(sa.select(story_articles.c.article_id, story_articles.c.story_id)).all()
        )


def _articles() -> list[Article]:
    strike = "\n\n".join(STORY.split("\n\n")[1:])  # no dateline: not a copy of STORY
    return [
        article(STORY, "2024-06-10", "a"),
        article(OTHER, "2024-06-10", "b"),
        article(strike + " Kharkiv drones strike again.", "2024-06-11", "c"),
        article(OTHER.replace("Thursday", "Friday") + " Sudan talks Jeddah.", "2024-06-12", "d"),
    ]


def test_updates_in_several_calls_give_what_one_call_gives(tmp_path: Path) -> None:
    one = Store(str(tmp_path / "one.db"))
    corpus.update(one, stored(one, *_articles()))
    many = Store(str(tmp_path / "many.db"))
    for found in _articles():
        corpus.update(many, stored(many, found))
    assert _members(one) == _members(many)
    assert len(set(_members(one).values())) == 2


def test_a_story_has_a_label_span_actors_and_places(db: str) -> None:
    store = Store(db)
    kharkiv = Place(
        geonameid=706483,
        name="Kharkiv",
        feature="city",
        country="UKR",
        lat=49.98,
        lon=36.25,
        precision="city",
    )
    marked = []
    for item in (_articles()[0], _articles()[2]):
        start = item.text.index("Kharkiv")
        where = Span(start=start, end=start + 7, text="Kharkiv")
        who = ActorMention(span=where, actor=Actor(code="RUS", name="Russia", kind="state"))
        place = PlaceMention(span=where, place=kharkiv)
        marked.append(dataclasses.replace(item, actors=(who,), places=(place,)))
    summary = corpus.update(store, stored(store, *marked))
    with store.engine.connect() as conn:
        (story,) = stories.read(conn)
    assert summary.new_stories == 1 and story.articles == tuple(a.id for a in marked)
    assert story.first == dt.date(2024, 6, 10) and story.last == dt.date(2024, 6, 11)
    assert story.actors == ("Russia",) and story.places == ("Kharkiv",)
    assert "kharkiv" in story.terms and story.label
