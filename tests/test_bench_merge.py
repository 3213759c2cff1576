"""bench merge: rewritten copies that keep the gold's offsets, the gold of links, a run on
the two seeds, the full run's floors."""

from __future__ import annotations

import pytest
from bench import merge
from bench.variants import variant
from tests.conftest import DATA, bench, need

GOLD = DATA / "events_gold" / "dev.jsonl"
TEXT = (
    "KYIV, Ukraine — Russian missiles struck Kharkiv overnight, officials said.\n"
    "The attack killed six people. Rescue crews searched the building.\n"
    "Kyiv asked for more air defence. The city was without power.\n"
    "Officials said talks would resume after the attack on the city."
)


def test_the_edited_copy_has_a_new_byline_two_word_edits_and_a_footer() -> None:
    copy = variant(TEXT, "edited", "x")
    lines = copy.text.strip().split("\n")
    assert lines[0].startswith("By ") and lines[-1] not in TEXT and lines[1] == TEXT.split("\n")[0]
    changed = [w for a, b in zip(TEXT.split("\n"), lines[1:-1], strict=True)
               for w in set(b.split()) - set(a.split())]  # fmt: skip
    assert len(changed) == 2
    assert variant(TEXT, "edited", "x") == copy  # deterministic


def test_a_copy_maps_every_kept_span_onto_the_same_words() -> None:
    for kind in ("edited", "rewrite"):
        copy = variant(TEXT, kind, "seed")
        for word in ("struck", "Kharkiv", "killed", "asked"):
            start = TEXT.index(word)
            where = copy.span(start, start + len(word))
            assert where is None or copy.text[where[0] : where[1]] == word, (kind, word)
        start = TEXT.index("attack")  # a synonym maps onto its replacement as a whole
        where = copy.span(start, start + len("attack"))
        assert where is None or copy.text[where[0] : where[1]] in ("attack", "assault")


def test_a_rewrite_drops_one_paragraph_but_never_the_lead() -> None:
    copy = variant(TEXT, "rewrite", "seed")
    assert copy.text.split("\n")[1].startswith("KYIV, Ukraine — Russian missiles struck")
    assert len(copy.text.strip().split("\n")) == len(TEXT.split("\n")) + 1  # 2 in, 1 out


def test_same_happenings_of_different_articles_share_one_key() -> None:
    same = merge.canonical()
    assert same["nc_d0b630b229#3"] == same["nc_cd2cd4f859#1"] == "nc_e606eb1bb3#1"
    assert all(len({k.split("#")[0] for k in group}) == len(group) for group in merge.SAME)


def test_links_are_scored_against_the_happenings_they_join() -> None:
    from tests.test_corpus_merge import STRIKE, event

    events = {e.id: e for e in (event(a, STRIKE) for a in ("a", "b", "c", "d"))}
    ids = sorted(events, key=lambda i: events[i].article_id)
    gold = merge.Gold(
        keys=dict(zip(ids, ["h1", "h1", "h2", None], strict=True)),
        events=events,
        family={"a": "A", "b": "A", "c": "C", "d": "D"},
    )
    right, wrong, spurious = (ids[0], ids[1]), (ids[0], ids[2]), (ids[2], ids[3])
    found = merge.score({right, wrong, spurious}, gold)
    assert found["links"] == 3 and found["wrong_links"] == 2
    assert found["precision_told"] == 0.5 and found["recall"] == 1.0
    assert found["cross_links"] == 2 and found["cross_precision"] == 0.0


def test_merge_on_the_two_seeds() -> None:
    need(GOLD)
    result = bench("merge", "--limit", "2")
    assert result["n"] == 6  # two seeds, two copies of each
    assert float(result["precision_told"]) == 1.0 and float(result["recall"]) >= 0.9
    assert set(result["peers"]) == {"day_actor"}
    assert result["wide"] == 366 and "held_out_precision" in result


@pytest.mark.slow
def test_merge_full() -> None:
    need(GOLD)
    result = bench("merge")
    assert result["n"] == 36
    # links between events that tell a gold happening: measured 1.000, held out 1.000 (0.906
    # and 0.852 while the events stage joined a strike to the attack that answered it; 0.922
    # before issue 17); the goal is 0.95
    assert float(result["precision_told"]) >= 0.95
    assert float(result["held_out_precision_told"]) >= 0.95
    assert float(result["recall"]) >= 0.90  # measured 0.973 (0.877, 0.877)
    # every link counted, events of no gold happening (the events stage's) making theirs
    # wrong: measured 0.848 (0.763, 0.655); copies of one spurious event are merged, as copies
    assert float(result["precision"]) >= 0.80
    assert float(result["cross_precision"]) >= 0.90  # measured 1.000 (0.500, 0.638)
    peer = result["peers"]["day_actor"]
    assert float(result["precision"]) > float(peer["precision"])
    assert float(result["recall"]) > float(peer["recall"])
