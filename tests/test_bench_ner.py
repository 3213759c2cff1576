"""The ner benchmark: CoNLL reading and scoring on hand-made data, a small run, the full gate."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import ner
from tests.conftest import DATA, bench, need

CONLL = """-DOCSTART- -X- -X- O

Ada NNP B-NP B-PER
Lovelace NNP I-NP I-PER
visited VBD B-VP O
Paris NNP B-NP I-LOC
. . O O

-DOCSTART- -X- -X- O

The DT B-NP O
Acme NNP I-NP B-ORG
Corp NNP I-NP I-ORG
hired VBD B-VP O
French JJ B-NP B-MISC
engineers NNS I-NP O
. . O O
"""


def test_read_splits_documents_and_both_iob_styles(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text(CONLL, encoding="utf-8")
    docs = ner.read(path)
    assert [d.tokens[:2] for d in docs] == [["Ada", "Lovelace"], ["The", "Acme"]]
    assert docs[0].gold == {(0, 2, "PER"), (3, 4, "LOC")}  # IOB1 "I-LOC" opens an entity
    assert docs[1].gold == {(1, 3, "ORG"), (4, 5, "MISC")}
    text, starts = docs[0].text_and_offsets()
    assert text == "Ada Lovelace visited Paris .\n" and starts[3] == text.index("Paris")


def test_score_is_exact_span_and_type() -> None:
    gold = {(0, 2, "PER"), (3, 4, "LOC")}
    guess = {(0, 2, "PER"), (3, 4, "ORG"), (5, 6, "MISC")}
    assert ner.score(gold, guess) == pytest.approx({"precision": 1 / 3, "recall": 1 / 2, "f1": 0.4})


def test_ner_small() -> None:
    need(DATA / "ner" / "conll2003" / "valid.txt")
    result = bench("ner", "--limit", "5")
    assert result["n"] == 5
    for metric in ("precision", "recall", "f1"):
        assert 0 < float(result[metric]) <= 1  # type: ignore[arg-type]
    assert set(result["peers"]) == {"spacy"}  # type: ignore[arg-type]


@pytest.mark.slow
def test_ner_full_beats_plain_spacy() -> None:
    need(DATA / "ner" / "conll2003" / "valid.txt")
    result = bench("ner")
    peer = result["peers"]["spacy"]  # type: ignore[index]
    assert float(result["f1"]) >= 0.66  # type: ignore[arg-type]  # floor: never lower silently
    assert float(result["f1"]) > float(peer["f1"])  # type: ignore[arg-type]
