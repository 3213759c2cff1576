"""Budgets (issue 16): the tokenizer and the quote rules stay linear on hostile text.

Each input is built at size n and 4n. Quadratic work takes 16 times as long at 4n, linear work
4 times. Where the work can be counted it is: how often the quote stage reads a quotation span,
which no load on the box can disturb. Where it cannot (spaCy's tokenizer, clauses read through
the parse, the time rules) it is timed in CPU time, which other processes on a loaded CI box
do not add to, best of three, and held to a bound far above linear and far below quadratic.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wirewatch import quotemarks as marks
from wirewatch.records import Article, Span
from wirewatch.stages import parse, quotes
from wirewatch.stages.quotes import attribution, rules
from wirewatch.stages.time import rules as time_rules

MODEL = "en_core_web_sm"
PUNCTUATION = "!?.,;:&\"'“”‘’«»()[]-—*#/"
#: Pieces of hostile text: quotation marks of every kind (stray, nested, unbalanced), cues,
#: words, and punctuation that spaCy splits off one character at a time.
PIECES = [
    "“We will fight,” he said. ",
    '"No," she said. ',
    "he said that it rained” ",
    "‘he said “no” to them,’ she said. ",
    "according to officials, ",
    "The minister told reporters: “",
    "« Non » ",
    "'' ",
    "said ",
    "!!!?? ",
    "&amp;",
    "Kyiv ",
    "— ",
    ", ",
]


def cpu_seconds(work: Callable[[], object]) -> float:
    """The least CPU time ``work`` takes in three runs."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def linear(small: float, large: float, slack: float) -> bool:
    """Whether work at 4n is within 6 times the work at n (plus ``slack``): 16 would be
    quadratic."""
    return large <= 6 * small + slack


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# --- the tokenizer ------------------------------------------------------------------------------

Shape = list[tuple[str, int]]  # (characters, how many): a run when the count is above one


def hostile_shape() -> st.SearchStrategy[Shape]:
    """Runs without spaces (up to 2,000 characters), quotation pieces, spaces, line breaks."""
    run = st.tuples(
        st.text(alphabet=PUNCTUATION + "ab1", min_size=1, max_size=5), st.integers(2, 2_000)
    )
    spacing = st.sampled_from([" ", "  ", "\n", "\n\n", " \n ", "\t"]).map(lambda s: (s, 1))
    piece = st.sampled_from(PIECES).map(lambda s: (s, 1))
    return st.lists(st.one_of(run, spacing, piece), min_size=1, max_size=12)


def rendered(shape: Shape, scale: int, fresh: int) -> str:
    """The text of ``shape`` with its runs ``scale`` times as long (and ``fresh`` characters
    more, so that spaCy's cache of tokenised strings never answers for it)."""
    return "".join(
        "".join(chars[i % len(chars)] for i in range(count * scale + fresh)) if count > 1 else chars
        for chars, count in shape
    )


def tiled(doc: Any, text: str) -> bool:
    """Whether the Doc's tokens cover ``text`` in order, each one where its offset says."""
    at = 0
    for token in doc:
        if token.idx != at or text[at : at + len(token)] != token.text:
            return False
        at += len(token.text_with_ws)
    return doc.text == text and at == len(text)


@settings(max_examples=8, deadline=None, derandomize=True)
@given(shape=hostile_shape())
@example(shape=[("Officials said ", 1), ("!", 2_000), (" on Monday.", 1)])
@example(shape=[("&", 2_000)])
def test_hostile_text_is_tokenised_in_linear_time_with_every_offset_kept(shape: Shape) -> None:
    tokenizer = parse.load(MODEL).tokenizer

    def seconds(scale: int) -> float:
        best = float("inf")
        for fresh in range(3):
            text = rendered(shape, scale, fresh)
            started = time.process_time()
            doc = tokenizer(text)
            best = min(best, time.process_time() - started)
            assert tiled(doc, text)
        return best

    assert linear(seconds(1), seconds(4), slack=0.25)


def test_news_keeps_its_tokens_and_only_a_long_run_is_cut(seeds: Path) -> None:
    """The tokenizer cuts nothing shorter than MAX_RUN: the seed articles are tokenised as
    spaCy's own tokenizer does; an appended run of 5,000 "!" becomes 50 tokens, not 5,000."""
    nlp = parse.load(MODEL)
    spacy_tokenizer = getattr(nlp.tokenizer, "inner", nlp.tokenizer)
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8") + " "
        ours = nlp.tokenizer(text + "!" * 5_000)
        theirs = spacy_tokenizer(text)
        assert ours.text == text + "!" * 5_000
        assert [(t.text, t.whitespace_) for t in ours[: len(theirs)]] == [
            (t.text, t.whitespace_) for t in theirs
        ]
        assert len(ours) - len(theirs) == 5_000 // parse.MAX_RUN


# --- the quote rules ----------------------------------------------------------------------------


class Counted(tuple[tuple[int, int], ...]):
    """Quotation spans that count how often the quote stage reads one."""

    reads = 0

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for span in super().__iter__():
            self.reads += 1
            yield span

    def __getitem__(self, i: Any) -> Any:
        self.reads += 1
        return super().__getitem__(i)


def span_reads(text: str) -> int:
    """How many times the quote stage reads a quotation span of ``text``; on the way, every
    offset it gives must lie inside the text."""
    article = parse.stage().run(Article(id="a", text=text, origin="t"))
    counted: list[Counted] = []

    def spans(text: str) -> Counted:
        counted.append(Counted(find(text)))
        return counted[-1]

    find = marks.spans
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(marks, "spans", spans)
        found = quotes.run(article)
    assert tiled(article.doc, text)
    given_spans = [s for q in found.quotes for s in (q.content, q.cue, q.speaker_span) if s]
    for span in [*article.sentences, *given_spans]:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    return sum(c.reads for c in counted)


@settings(max_examples=10, deadline=None, derandomize=True)
@given(unit=st.lists(st.sampled_from([*PIECES, "\n"]), min_size=1, max_size=6).map("".join))
@example(unit="“We will fight,” he said. ")
@example(unit="he said that it rained” ")
@example(unit="‘he said “no” to them,’ she said. ")
def test_the_quote_stage_reads_each_quotation_a_bounded_number_of_times(unit: str) -> None:
    """A paragraph (or several) of quotations and cues at n and 4n characters."""
    small, large = (span_reads(repeated(unit, size)) for size in (1_000, 4_000))
    assert linear(small, large, slack=50)


@pytest.mark.parametrize("unit", ["according to officials, ", "he said that it rained” "])
def test_one_endless_sentence_takes_linear_time_in_the_quote_stage(unit: str) -> None:
    nlp = parse.load(MODEL)

    def seconds(size: int) -> float:
        text = "Officials said on Monday that the talks would go on. " + repeated(unit, size)
        article = parse._attach(Article(id="a", text=text, origin="t"), nlp(text))
        return cpu_seconds(lambda: quotes.run(article))

    assert linear(seconds(3_000), seconds(12_000), slack=0.25)


def test_a_long_run_of_digits_and_dashes_takes_linear_time_in_the_time_rules() -> None:
    """Each year in the run once stretched its window to the run's end."""
    digits = random.Random(0)

    def seconds(size: int) -> float:
        text = "".join(digits.choice("0123456789-") for _ in range(size))
        return cpu_seconds(lambda: time_rules.candidates(text))

    assert linear(seconds(10_000), seconds(40_000), slack=0.25)


# --- the index gives the answers of the plain passes --------------------------------------------

MARKED = st.text(alphabet="ab .,“”‘’\"'«»\n", max_size=80)


@settings(max_examples=300, deadline=None)
@given(text=MARKED, start=st.integers(0, 80), end=st.integers(0, 80), data=st.data())
def test_the_index_answers_as_a_pass_over_every_quotation(
    text: str, start: int, end: int, data: st.DataObject
) -> None:
    """``spans`` gives each quotation where or after the one before ends; the index answers
    as the plain passes over them do, in that order and in any other."""
    spans = marks.spans(text)
    assert [b for _, b in spans] == sorted(b for _, b in spans)
    start, end = min(start, len(text)), min(end, len(text))
    index = marks.Index(text, spans)
    assert index.touches(start, end) == any(
        max(0, min(end, b) - max(start, a)) > 0 for a, b in spans
    )
    assert index.kind(start, end) == plain_kind(spans, start, end, text)
    for order in (spans, tuple(data.draw(st.permutations(spans)))):
        index = marks.Index(text, order)
        assert index.grow(start, end) == plain_grow(order, start, end)
        for after in range(len(order) + 1):
            later = [i for i in range(after, len(order)) if order[i][0] >= start]
            assert index.first_from(start, after) == (later[0] if later else len(order))
    gap = rules.Gaps(text).start(end)
    only_punctuation = [x for x in range(end + 1) if not text[x:end].strip(rules.PUNCT)]
    assert only_punctuation == list(range(gap, end + 1))


@settings(max_examples=200, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=30),
    start=st.integers(0, 80),
    length=st.integers(0, 10),
)
def test_holders_are_the_items_a_pass_finds(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    """The speaker's mention, a weapon at the source, the quotes around an event's trigger."""
    items = [Span(start=a, end=a + n, text="") for a, n in spans]
    holders = attribution.Holders(items, lambda span: span)
    end = start + length
    expected = [i for i, s in enumerate(items) if s.start <= start and end <= s.end]
    assert holders.holding(start, end) == expected


def plain_kind(spans: tuple[tuple[int, int], ...], start: int, end: int, text: str) -> str:
    if text[start : start + 5].lower() == "that ":
        start += 5
    letters = sum(1 for c in text[start:end] if c.isalnum())
    if not letters:
        return "indirect"
    quoted = sum(
        sum(1 for c in text[max(start, a) : min(end, b)] if c.isalnum())
        for a, b in spans
        if a < end and b > start
    )
    if quoted >= 0.9 * letters:
        return "direct"
    return "mixed" if quoted else "indirect"


def plain_grow(spans: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[int, int]:
    for a, b in spans:
        if a < end and b > start:
            start, end = min(start, a), max(end, b)
    return start, end
