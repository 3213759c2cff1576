"""The time stage: date expressions resolved against the publication date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import SEED_DATES

from wirewatch import pipeline
from wirewatch.errors import PipelineError
from wirewatch.records import Article, TimeRef
from wirewatch.stages import parse, time
from wirewatch.stages.time import lexicon as timex_lexicon
from wirewatch.stages.time import values as timex_values

STAGES = [parse.stage(), time.stage()]
FRIDAY = "2024-05-31"  # seed 000 appeared on a Friday
MONDAY = "2024-09-09"  # seed 004 appeared on a Monday


def refs(text: str, published: str | None = FRIDAY) -> list[TimeRef]:
    day = dt.date.fromisoformat(published) if published else None
    article = Article(id="t", text=text, origin="test", published=day)
    (done,) = pipeline.run(STAGES, [article])
    assert isinstance(done, Article)
    return list(done.times)


def resolved(text: str, published: str | None = FRIDAY) -> dict[str, tuple[str | None, str | None]]:
    return {r.text: (r.value, r.precision) for r in refs(text, published)}


def test_the_stage_needs_the_parse() -> None:
    with pytest.raises(PipelineError, match="requires \\['doc'\\]"):
        pipeline.check([time.stage()])
    pipeline.check(STAGES)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Germany joined the United States on Friday in authorizing strikes.", "2024-05-31"),
        ("Officials met in Prague on Tuesday.", "2024-05-28"),
        ("Russia launched missiles Saturday, officials said.", "2024-05-25"),
        ("The ministers will meet again on Tuesday.", "2024-06-04"),
        ("NATO leaders are to meet in Vilnius on Monday.", "2024-06-03"),
    ],
)
def test_a_weekday_is_the_last_such_day_unless_the_verb_looks_ahead(
    sentence: str, value: str
) -> None:
    (ref,) = refs(sentence)
    assert (ref.value, ref.precision, ref.anchor) == (value, "day", FRIDAY)


def test_monday_in_an_article_published_on_a_monday_is_that_day() -> None:
    found = resolved("A Ukrainian official emphasized on Monday that allies should act.", MONDAY)
    assert found == {"Monday": ("2024-09-09", "day")}


def test_days_later_with_no_day_named_before_is_no_day_after_publication() -> None:
    found = resolved("Three days later, the militia burned a second village.")
    assert "Three days later" not in found  # no day: after a happening the text does not date
    dated = resolved("Gunmen raided a farm on Tuesday. Three days later, they came back.")
    assert dated["Three days later"] == ("2024-05-31", "day")


def test_a_day_earlier_counts_from_the_day_just_named() -> None:
    text = (
        "Germany joined the United States on Friday. Kharkiv has endured an onslaught "
        "this month. Missiles hit the city overnight. A day earlier, Biden gave Kyiv a green light."
    )
    found = resolved(text)
    assert found["A day earlier"] == ("2024-05-30", "day")
    assert found["this month"] == ("2024-05", "month")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        (
            "The talks opened on May 20. The next day, both sides walked out.",
            "The next day",
            "2024-05-21",
        ),
        (
            "The talks opened on May 20. They had met the previous day.",
            "the previous day",
            "2024-05-19",
        ),
        (
            "The deal was signed on March 3, 2021. Two days later it collapsed.",
            "Two days later",
            "2021-03-05",
        ),
        ("He was elected in 2019 and resigned the following year.", "the following year", "2020"),
    ],
)
def test_anaphoric_expressions_count_from_the_last_mention(
    text: str, phrase: str, value: str
) -> None:
    assert resolved(text)[phrase][0] == value


@pytest.mark.parametrize("phrase", ["overnight", "last night"])
def test_the_night_before_publication_is_an_interval_from_day_to_day(phrase: str) -> None:
    found = resolved(f"Russian missiles slammed into an apartment building {phrase}.")
    assert found[phrase] == ("2024-05-30/2024-05-31", "interval")


@pytest.mark.parametrize(
    ("phrase", "value", "precision"),
    [
        ("this month", "2024-05", "month"),
        ("last week", "2024-W21", "week"),
        ("next week", "2024-W23", "week"),
        ("last year", "2023", "year"),
        ("earlier this year", "2024", "year"),
        ("yesterday", "2024-05-30", "day"),
        ("today", "2024-05-31", "day"),
        ("two weeks ago", "2024-W20", "week"),
        ("three days ago", "2024-05-28", "day"),
        ("last weekend", "2024-05-25/2024-05-26", "interval"),
    ],
)
def test_relative_expressions_count_from_the_publication_date(
    phrase: str, value: str, precision: str
) -> None:
    found = resolved(f"The attacks began {phrase}, the ministry said.")
    assert found[phrase] == (value, precision)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Ukraine has fought Russia since February 2022.", "since February 2022", "2022-02"),
        ("Russia has received Shahed drones since 2022.", "since 2022", "2022"),
        (
            "Since the commencement of the war in February 2022, Russia has attacked Ukraine.",
            "Since the commencement of the war in February 2022",
            "2022-02",
        ),
    ],
)
def test_since_runs_from_the_date_to_the_publication_date(
    text: str, phrase: str, value: str
) -> None:
    assert resolved(text, MONDAY)[phrase] == (f"{value}/{MONDAY}", "interval")


@pytest.mark.parametrize(
    ("sentence", "phrase", "value", "precision"),
    [
        ("The talks are set for Sept. 25 in Geneva.", "Sept. 25", "2024-09-25", "day"),
        ("The accord was signed on Sept. 25, officials said.", "Sept. 25", "2023-09-25", "day"),
        ("The report appeared on May 31, 2024.", "May 31, 2024", "2024-05-31", "day"),
        ("The plant was seized in April 2023.", "April 2023", "2023-04", "month"),
        ("The treaty dates from 1997.", "1997", "1997", "year"),
        ("It was signed on Saturday, Feb. 3, 2018.", "Saturday, Feb. 3, 2018", "2018-02-03", "day"),
        ("The offensive started on 24 February 2022.", "24 February 2022", "2022-02-24", "day"),
        ("Prices fell in March.", "March", "2024-03", "month"),
        ("Elections will be held in November.", "November", "2024-11", "month"),
    ],
)
def test_explicit_dates(sentence: str, phrase: str, value: str, precision: str) -> None:
    assert resolved(sentence)[phrase] == (value, precision)


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The counteroffensive began last summer.", "last summer", "2023-06/2023-08"),
        ("Profits rose in the third quarter.", "the third quarter", "2023-07/2023-09"),
        ("Sales fell in the first half of 2023.", "the first half of 2023", "2023-01/2023-06"),
        ("The region was quiet in the 1990s.", "the 1990s", "1990/1999"),
        ("The city was founded in the 12th century.", "the 12th century", "1100/1199"),
        ("Shelling continued over the weekend.", "the weekend", "2024-05-25/2024-05-26"),
    ],
)
def test_longer_stretches_are_intervals(sentence: str, phrase: str, value: str) -> None:
    assert resolved(sentence)[phrase] == (value, "interval")


def test_orthodox_easter_is_reckoned_by_the_julian_calendar() -> None:
    found = resolved("Three killed despite the Orthodox Easter truce.", "2016-05-04")
    assert found["Orthodox Easter"] == ("2016-05-01", "day")  # Western Easter was 27 March
    western = resolved("The truce held over Easter.", "2016-05-04")
    assert western["Easter"] == ("2016-03-27", "day")


def test_clock_times_and_holidays_resolve_to_their_day() -> None:
    found = resolved("The strike hit at 10 p.m. Friday. The truce held over Christmas Eve.")
    assert found["10 p.m. Friday"] == ("2024-05-31", "day")
    assert found["Christmas Eve"] == ("2023-12-24", "day")


def test_without_a_publication_date_relative_expressions_stay_unresolved() -> None:
    found = resolved("Missiles hit Kharkiv on Friday and overnight, as on May 31, 2024.", None)
    assert found["Friday"] == (None, None)
    assert found["overnight"] == (None, None)
    assert found["May 31, 2024"] == ("2024-05-31", "day")  # explicit: nothing to guess
    assert all(r.anchor is None for r in refs("It happened on Friday.", None))


def test_durations_repetitions_and_vague_words_are_not_dates() -> None:
    text = "The war has lasted for three years; drones fly every week, and talks recently stalled."
    assert refs(text) == []
    found = {text[t.start : t.end]: (t.type, t.value) for t in time.timexes(text, None)}
    assert found == {
        "three years": ("DURATION", "P3Y"),
        "every week": ("SET", "P1W"),
        "recently": ("DATE", "PAST_REF"),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Theresa May singled out the app for criticism.",
        "The army sent 2000 troops to the border.",
        "May I ask a question, he said.",
        "The fall of the Berlin Wall changed Europe.",
        "A 4-year-old boy fell into the moat.",
    ],
)
def test_names_counts_and_ages_are_not_dates(sentence: str) -> None:
    assert refs(sentence) == []


def test_every_span_points_into_the_text() -> None:
    text = (
        "KYIV, Ukraine — On Friday, May 31, officials said the attack came at dawn, two days ago."
    )
    found = refs(text)
    assert len(found) >= 2
    for ref in found:
        assert ref.span is not None
        assert text[ref.span.start : ref.span.end] == ref.span.text == ref.text


@pytest.mark.parametrize("seed", sorted(SEED_DATES))
def test_seed_articles(seed: str, seeds: Path, golden: Callable[[str, Any], None]) -> None:
    (path,) = seeds.glob(f"{seed}_*.txt")
    found = refs(path.read_text(encoding="utf-8"), SEED_DATES[seed])
    golden(f"time_{seed}", found)


def test_seed_expressions_the_issue_names(seeds: Path) -> None:
    (first,) = seeds.glob("000_*.txt")
    found = resolved(first.read_text(encoding="utf-8"), SEED_DATES["000"])
    assert found["Friday"] == ("2024-05-31", "day")
    assert found["A day earlier"] == ("2024-05-30", "day")
    assert found["overnight"] == ("2024-05-30/2024-05-31", "interval")
    assert found["this month"] == ("2024-05", "month")
    (second,) = seeds.glob("004_*.txt")
    found = resolved(second.read_text(encoding="utf-8"), SEED_DATES["004"])
    assert found["Monday"] == ("2024-09-09", "day")
    assert found["this month"] == ("2024-09", "month")
    since = next(v for k, v in found.items() if k.startswith("Since") and "February 2022" in k)
    assert since == ("2022-02/2024-09-09", "interval")


# --- properties of the parts --------------------------------------------------------

DAYS = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31))


@given(day=DAYS, anchor=DAYS)
@settings(max_examples=60, deadline=None)
def test_written_out_dates_read_back(day: dt.date, anchor: dt.date) -> None:
    month = day.strftime("%B")
    for text in (
        f"It happened on {month} {day.day}, {day.year}.",
        f"On {day.day} {month} {day.year}.",
    ):
        (found,) = time.timexes(text, anchor)
        assert (found.type, found.value) == ("DATE", day.isoformat())


@given(anchor=DAYS, count=st.integers(min_value=1, max_value=40))
@settings(max_examples=60, deadline=None)
def test_days_ago_count_back_from_the_anchor(anchor: dt.date, count: int) -> None:
    (found,) = time.timexes(f"It began {count} days ago.", anchor)
    assert found.value == (anchor - dt.timedelta(days=count)).isoformat()


@given(anchor=DAYS, target=st.integers(min_value=0, max_value=6))
@settings(max_examples=60, deadline=None)
def test_weekdays_fall_in_the_week_up_to_the_anchor(anchor: dt.date, target: int) -> None:
    day = timex_values.weekday(anchor, target, "past")
    assert day.weekday() == target and 0 <= (anchor - day).days < 7
    ahead = timex_values.weekday(anchor, target, "future")
    assert ahead.weekday() == target and 0 <= (ahead - anchor).days < 7


WORDS = st.sampled_from(
    [
        "on",
        "in",
        "since",
        "last",
        "next",
        "this",
        "the",
        "a",
        "ago",
        "earlier",
        "later",
        "Friday",
        "May",
        "31",
        ",",
        ".",
        "2024",
        "1990s",
        "week",
        "weeks",
        "year",
        "quarter",
        "third",
        "morning",
        "overnight",
        "noon",
        "10",
        "p.m.",
        "two",
        "days",
        "early",
        "mid-",
        "Christmas",
        "recently",
        "now",
        "every",
        "each",
        "of",
        "and",
        "or",
        "5000",
        "years",
        "9999",
        "Feb.",
        "30",
        "1st",
        "century",
        "Thanksgiving",
        "2:30",
        "GMT",
        "fall",
    ]
)


@given(words=st.lists(WORDS, max_size=14), anchor=st.none() | st.dates())
@settings(max_examples=200, deadline=None)
def test_any_jumble_of_time_words_gives_valid_spans(
    words: list[str], anchor: dt.date | None
) -> None:
    text = " ".join(words)
    for found in time.timexes(text, anchor):
        assert 0 <= found.start < found.end <= len(text)
        assert found.type in ("DATE", "TIME", "DURATION", "SET")
        if found.value is not None and found.type in ("DATE", "TIME"):
            article = Article(id="t", text=text, origin="t", published=anchor)
            ref = time.to_ref(article.text, found, anchor)
            assert ref is None or ref.precision in ("day", "week", "month", "year", "interval")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2 1/2", 2.5),
        ("twenty-four", 24),
        ("a hundred", 100),
        ("a couple of", 2),
        ("several", None),
    ],
)
def test_numbers_in_words(text: str, value: float | None) -> None:
    found = timex_lexicon.number(text)
    assert (float(found) if found is not None else None) == value


def test_every_rule_has_one_handler_in_the_registry() -> None:
    from wirewatch.stages.time import registry, rules

    assert set(registry.HANDLERS) == set(rules.RULES)
    with pytest.raises(ValueError, match="two handlers"):
        registry.register({"weekday": registry.HANDLERS["weekday"]})


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("On 3-4 May 2023, forces shelled the town.", "3-4 May 2023", "2023-05-03/2023-05-04"),
        ("Between 1 and 5 May 2023, militiamen attacked.", "Between 1 and 5 May 2023",
         "2023-05-01/2023-05-05"),
        ("From May 1 to 5, 2023, clashes continued.", "From May 1 to 5, 2023",
         "2023-05-01/2023-05-05"),
    ],
)  # fmt: skip
def test_days_of_one_month_from_first_to_last_are_an_interval(
    text: str, span: str, value: str
) -> None:
    assert resolved(text)[span] == (value, "interval")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Between 30 March and 1 April 2024, clans clashed.", "Between 30 March and 1 April 2024",
         "2024-03-30/2024-04-01"),
        ("From 28 December 2023 to 3 January 2024, shelling went on.",
         "From 28 December 2023 to 3 January 2024", "2023-12-28/2024-01-03"),
        ("From 28 December to 3 January 2024, shelling went on.",
         "From 28 December to 3 January 2024", "2023-12-28/2024-01-03"),
    ],
)  # fmt: skip
def test_days_of_two_months_from_first_to_last_are_an_interval(
    text: str, span: str, value: str
) -> None:
    assert resolved(text)[span] == (value, "interval")


def test_dates_in_figures_are_read_when_the_order_is_plain() -> None:
    assert resolved("On 2024-05-15, militants ambushed a patrol.") == {
        "2024-05-15": ("2024-05-15", "day")
    }
    assert resolved("On 14/05/2024, gunmen attacked a post.") == {
        "14/05/2024": ("2024-05-14", "day")
    }
    assert resolved("On 5/14/2024, gunmen attacked a post.") == {"5/14/2024": ("2024-05-14", "day")}
    # day or month first? Nothing is guessed
    assert "2024-05-04" not in str(resolved("On 05/04/2024, gunmen attacked a post."))
    assert "2024-04-05" not in str(resolved("On 05/04/2024, gunmen attacked a post."))


def test_the_week_of_a_day_is_that_days_week_not_this_week() -> None:
    found = resolved("In the week of 13 May 2024, forces raided Jenin.")
    assert found == {"the week of 13 May 2024": ("2024-W20", "week")}
    assert resolved("During the week starting May 13, 2024, police arrested 20 people.") == {
        "the week starting May 13, 2024": ("2024-W20", "week")
    }


def test_the_night_of_a_named_day_is_that_day_not_last_night() -> None:
    """TimeML marks only the date in "on the night of Oct. 23"; "the night" must not become
    the night before publication."""
    found = resolved("Overnight on 11 May 2023, a drone struck a depot. On the night of 3 May, "
                     "forces shelled the town.")  # fmt: skip
    assert found == {"11 May 2023": ("2023-05-11", "day"), "3 May": ("2024-05-03", "day")}


def test_the_weekend_of_named_days_is_those_days_not_the_last_weekend() -> None:
    found = resolved("Over the weekend of 4-5 May 2024, clashes killed nine.", "2024-05-24")
    assert "the weekend" not in found
    assert found["4-5 May 2024"][0] == "2024-05-04/2024-05-05"
    alone = resolved("Over the weekend, clashes killed nine.", "2024-05-24")
    assert alone["the weekend"][0] == "2024-05-18/2024-05-19"


def test_a_day_told_after_a_part_of_the_day_a_time_or_a_weekday_dates_it() -> None:
    night = resolved("In the night between 6 and 7 May 2025, gunmen raided a farm.", "2025-05-20")
    assert "the night" not in night
    midnight = resolved("Around midnight on 14 May 2025, gunmen raided a farm.", "2025-05-20")
    assert all(value != "2025-05-20" for value, _ in midnight.values())
    sunday = resolved("On Sunday (11 May 2025), gunmen raided a farm.", "2025-05-20")
    assert "Sunday" not in sunday
    assert sunday["11 May 2025"][0] == "2025-05-11"


def test_a_date_written_with_dots_is_the_day_first() -> None:
    found = resolved("On 05.04.2025, gunmen raided a farm.", "2025-05-20")
    assert found["05.04.2025"][0] == "2025-04-05"
    assert "04/05/2025" not in resolved("On 04/05/2025, gunmen raided a farm.", "2025-05-20")
