"""The spaCy parse stage: the model from PyPI, sentences with offsets, clear errors."""

from __future__ import annotations

import pytest

import wirewatch
from wirewatch.errors import ModelError
from wirewatch.stages import parse


def test_parse_assigns_doc_and_sentence_offsets() -> None:
    text = "Russian missiles hit Kharkiv. Officials said six people died.\n\nThe mayor spoke."
    article = wirewatch.analyse(text)
    assert [s.text for s in article.sentences] == [
        "Russian missiles hit Kharkiv.",
        "Officials said six people died.",
        "The mayor spoke.",
    ]
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
    assert article.doc is not None


def test_batch_and_single_runs_agree() -> None:
    stage = parse.stage()
    texts = ["One sentence here. And a second one.", "Another text with words."]
    articles = [wirewatch.Article(id=str(i), text=t, origin="t") for i, t in enumerate(texts)]
    assert [a.sentences for a in stage.batch(articles)] == [
        stage.run(a).sentences for a in articles
    ]  # type: ignore[misc]


def test_the_model_falls_back_to_the_pypi_reupload() -> None:
    nlp = parse.load("en_core_web_sm")
    assert nlp.meta["version"] == "3.8.0"
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)


def test_an_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="'no_such_model' is not installed"):
        parse.load("no_such_model")


def test_analyse_keeps_unknown_publication_date_unknown() -> None:
    article = wirewatch.analyse("MOSCOW (AP) — The Kremlin said on Monday it would respond.")
    assert article.published is None
    dated = wirewatch.analyse(
        "MOSCOW (AP) — The Kremlin said it would respond.", published="2024-06-03"
    )
    assert dated.published is not None and dated.published.isoformat() == "2024-06-03"
