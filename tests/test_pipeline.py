"""The stage contract: requirements checked before any article runs; failures isolated."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wirewatch import pipeline
from wirewatch.errors import PipelineError, StageError
from wirewatch.pipeline import Stage
from wirewatch.records import Article, Failure, Span


def _article(text: str = "Some text.") -> Article:
    return Article(id=text[:8], text=text, origin="test")


def _sentences(article: Article) -> Article:
    return replace(article, sentences=(Span(start=0, end=len(article.text), text=article.text),))


SENTENCES = Stage(
    name="split", version="1", run=_sentences, requires=("text",), assigns=("sentences",)
)
NEEDS_SENTENCES = Stage(name="count", version="2", run=lambda a: a, requires=("sentences",))


def test_check_accepts_stages_in_order() -> None:
    pipeline.check([SENTENCES, NEEDS_SENTENCES])


def test_check_refuses_a_requirement_nobody_assigns_before() -> None:
    with pytest.raises(PipelineError, match=r"'count' requires \['sentences'\]"):
        pipeline.check([NEEDS_SENTENCES, SENTENCES])


def test_check_refuses_unknown_fields_and_repeats() -> None:
    bad = Stage(name="x", version="1", run=lambda a: a, assigns=("colour",))
    with pytest.raises(PipelineError, match="unknown Article fields"):
        pipeline.check([bad])
    with pytest.raises(PipelineError, match="appears twice"):
        pipeline.check([SENTENCES, SENTENCES])


def test_run_checks_before_any_article_runs() -> None:
    touched: list[str] = []

    def spy(article: Article) -> Article:
        touched.append(article.id)
        return article

    first = Stage(name="spy", version="1", run=spy)
    with pytest.raises(PipelineError):
        list(pipeline.run([first, NEEDS_SENTENCES], [_article()]))
    assert touched == []


def test_run_stamps_provenance() -> None:
    (done,) = pipeline.run([SENTENCES, NEEDS_SENTENCES], [_article()])
    assert isinstance(done, Article)
    assert done.stages == (("ingest", pipeline.INGEST_VERSION), ("split", "1"), ("count", "2"))


def test_a_failing_article_becomes_a_failure_and_the_rest_go_on() -> None:
    def picky(article: Article) -> Article:
        if "bad" in article.text:
            raise StageError("picky", "cannot handle this text")
        return article

    def crashy(article: Article) -> Article:
        if "boom" in article.text:
            raise ZeroDivisionError("oops")
        return article

    stages = [
        Stage(name="picky", version="1", run=picky),
        Stage(name="crashy", version="1", run=crashy, batch=lambda arts: [crashy(a) for a in arts]),
    ]
    out = list(pipeline.run(stages, [_article("good one"), _article("bad one"), _article("boom!")]))
    failures = [o for o in out if isinstance(o, Failure)]
    assert [a.text for a in out if isinstance(a, Article)] == ["good one"]
    assert [(f.stage, f.reason.split(" (")[0]) for f in failures] == [
        ("picky", "cannot handle this text"),
        ("crashy", "stage crashy crashed: a wirewatch bug, please report it with the detail"),
    ]
    assert "ZeroDivisionError" in failures[1].detail


def test_timings_are_collected_per_stage() -> None:
    timings: dict[str, float] = {}
    list(pipeline.run([SENTENCES], [_article()], timings=timings))
    assert set(timings) == {"split"}
