"""Dedup across articles: copies and edited copies link to one original, rewrites are found,
the wire an article betrays is recorded, and running again changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import sqlalchemy as sa
from bench.dedup import edit
from tests.conftest import ROOT, SEED_DATES

from wirewatch import corpus, jobs, settings
from wirewatch.corpus import dedup, text
from wirewatch.records import Article, Failure
from wirewatch.stages import ingest
from wirewatch.stages.ingest.sources import Input
from wirewatch.store import Store
from wirewatch.store.schema import article_links, lsh_bands

STORY = (
    "KHARKIV, Ukraine (AP) — Russian drones struck an apartment block and a power station in "
    "Kharkiv overnight, killing four people and wounding 17, regional Gov. Oleh Marchenko said.\n\n"
    "The air force said it shot down 21 of 24 drones launched from the Kursk region. Emergency "
    "crews worked through the night to pull residents from the rubble of the five-story building.\n\n"
    '"The enemy deliberately targets homes where families sleep," Marchenko wrote on Telegram.\n\n'
    "Russia's Defense Ministry said its forces struck military infrastructure and denied "
    "targeting civilians. Power was restored to most of the city by the morning."
)
OTHER = (
    "BEIRUT (AP) — Talks on a ceasefire in Sudan resumed in Jeddah on Thursday after a pause of "
    "two weeks, diplomats said, with both delegations under pressure to open aid corridors.\n\n"
    "Aid agencies say millions face hunger as the rainy season cuts roads in Darfur and Kordofan. "
    "The United Nations called for unhindered access for convoys."
)


def article(body: str, day: str | None, origin: str = "t") -> Article:
    item = Input(origin, body.encode("utf-8"), "text")
    published = dt.date.fromisoformat(day) if day else None
    return ingest.article_from(item, published=published, min_english=0.0, min_words=1)


def stored(store: Store, *found: Article) -> list[str]:
    for item in found:
        store.save(item)
    return [a.id for a in found]


def links(store: Store) -> dict[str, tuple[str | None, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(article_links)).all()
    return {r.article_id: (r.original_id, r.kind) for r in rows}


def test_shingles_and_facts_are_stable_and_casefolded() -> None:
    assert text.shingles("A b c d e") == {b"a b c d", b"b c d e"}
    assert text.shingles("Two words") == {b"two words"}
    facts = text.facts('Then Marchenko said 17 were hurt: "homes where families sleep".')
    assert facts.dtype == np.uint32 and len(facts) == len(set(facts.tolist()))
    assert text.stable_hash("n:marchenko") in facts.tolist()
    assert text.overlap(facts, facts) == (1.0, 1.0)


def test_a_copy_with_boilerplate_links_to_the_original(db: str) -> None:
    store = Store(db)
    original = article(STORY, "2024-06-10", "a")
    copy = article("Republished with permission.\n\n" + STORY + "\n\nShare this.", "2024-06-11")
    other = article(OTHER, "2024-06-11", "c")
    summary = corpus.update(store, stored(store, original, copy, other))
    found = links(store)
    assert found[copy.id] == (original.id, "copy")
    assert found[original.id] == (None, "wire")  # its dateline says AP, nothing else stored
    assert found[other.id] == (None, "wire")
    assert any(link.wire == "AP" for link in summary.links if link.article_id == copy.id)


def test_an_edited_copy_is_near_and_unrelated_text_is_not_linked(db: str) -> None:
    store = Store(db)
    original = article(STORY, "2024-06-10")
    edited = article(edit(STORY, "all", random.Random(3)), "2024-06-11")
    corpus.update(store, stored(store, original, edited))
    original_id, kind = links(store)[edited.id]
    assert original_id == original.id and kind in {"near", "copy"}
    with store.engine.connect() as conn:
        sig = dedup.load(conn, [original.id])[original.id]
        other = dedup.signature(_brief(article(OTHER, None)))
    assert dedup.similarity(sig, other)[1] < 0.2


def _brief(found: Article) -> corpus.db.Brief:
    return corpus.db.Brief(
        id=found.id,
        text=found.text,
        title=found.title,
        published=found.published,
        ingested=dt.datetime(2024, 1, 1),
        wire=found.wire,
        wire_evidence=found.wire_evidence,
        dateline=None,
    )


def test_an_earlier_copy_stored_later_becomes_the_original(db: str) -> None:
    store = Store(db)
    late = article(STORY + "\n\nUpdated with more details.", "2024-06-12")
    copy = article("From the wires.\n\n" + STORY, "2024-06-11")
    corpus.update(store, stored(store, late, copy))
    first = article(STORY, "2024-06-10")
    corpus.update(store, stored(store, first))
    found = links(store)
    assert found[late.id][0] == first.id and found[copy.id][0] == first.id
    assert found[first.id] == (None, "wire")


def test_a_rewrite_keeping_names_numbers_and_quotes_is_found(db: str) -> None:
    store = Store(db)
    original = article(STORY, "2024-06-10")
    rewrite = article(edit(STORY, "rewrite", random.Random(1)), "2024-06-11")
    corpus.update(store, stored(store, original, rewrite))
    assert links(store)[rewrite.id] == (original.id, "rewrite")


def test_running_again_changes_nothing(db: str) -> None:
    store = Store(db)
    ids = stored(store, article(STORY, "2024-06-10"), article(STORY + "\n\nMore.", "2024-06-11"))
    corpus.update(store, ids)
    before, bands = links(store), store.count("lsh_bands")
    again = corpus.update(store, ids)
    assert links(store) == before and store.count("lsh_bands") == bands
    assert again.links == [] and again.stories == {}


def test_lsh_bands_find_candidates_without_comparing_every_pair(db: str) -> None:
    store = Store(db)
    corpus.update(store, stored(store, article(STORY, "2024-06-10"), article(OTHER, "2024-06-10")))
    with store.engine.connect() as conn:
        per_article = conn.execute(
            sa.select(lsh_bands.c.article_id, sa.func.count()).group_by(lsh_bands.c.article_id)
        ).all()
        sig = dedup.signature(_brief(article(STORY + "\n\nShare this.", None)))
        found = dedup.candidates(conn, sig, dedup.band_keys(sig.minhash))
    assert all(count == len(dedup.band_keys(sig.minhash)) for _, count in per_article)
    assert [c.article_id for c in found] == [article(STORY, None).id]


def test_seeds_and_edited_copies_link_and_004_is_derived_from_ap(
    seeds: Path, tmp_path: Path, conf: settings.Settings
) -> None:
    store = Store(conf.db)
    ids: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        day = dt.date.fromisoformat(SEED_DATES[path.name[:3]])
        copy = tmp_path / f"copy_{path.name}"
        copy.write_text(edit(path.read_text(encoding="utf-8"), "all", random.Random(7)))
        for target, published in ((path, day), (copy, day + dt.timedelta(days=1))):
            report = jobs.process([str(target)], conf, [], store=store, published=published)
            ids.extend(report.articles)
    corpus.update(store, ids)
    found = links(store)
    originals, copies = ids[0::2], ids[1::2]
    for original, copy in zip(originals, copies, strict=True):
        assert found[copy][0] == original
    seed_004 = originals[1]
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(article_links).where(article_links.c.article_id == seed_004)
        ).one()
    assert row.kind == "wire" and row.wire == "AP" and "AP’s coverage" in row.evidence
    assert "no AP dateline" in row.evidence
    copy_004 = conn_row(store, copies[1])
    assert copy_004.wire == "AP"


def conn_row(store: Store, article_id: str) -> sa.Row[object]:
    with store.engine.connect() as conn:
        return conn.execute(
            sa.select(article_links).where(article_links.c.article_id == article_id)
        ).one()


def test_examples_and_their_copies(tmp_path: Path, conf: settings.Settings) -> None:
    store = Store(conf.db)
    report = jobs.process([str(ROOT / "examples")], conf, [], store=store)
    originals = [store.load(i) for i in report.articles]
    for number, found in enumerate(originals):
        (tmp_path / f"{number}.txt").write_text(edit(found.text, "dropped", random.Random(number)))
    copies = jobs.process([str(tmp_path)], conf, [], store=store, published=dt.date(2030, 1, 1))
    corpus.update(store, [*report.articles, *copies.articles])
    linked = {original for original, kind in links(store).values() if kind in {"copy", "near"}}
    assert linked == {a.id for a in originals}
    assert not any(isinstance(x, Failure) for x in originals)
