"""Records: frozen, slotted, keyword-only, tuples; to_dict/from_dict round trips."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirewatch import records
from wirewatch.records import Article, Dateline, Span, from_dict, to_dict

RECORD_TYPES = [
    obj
    for obj in vars(records).values()
    if isinstance(obj, type)
    and dataclasses.is_dataclass(obj)
    and obj.__module__ == records.__name__
]


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
def test_every_record_is_frozen_slotted_keyword_only_with_tuples(cls: type) -> None:
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen
    assert hasattr(cls, "__slots__")
    assert all(f.kw_only for f in dataclasses.fields(cls))
    for name, hint in typing.get_type_hints(cls).items():
        assert typing.get_origin(hint) is not list, f"{cls.__name__}.{name} must be a tuple"


spans = st.builds(Span, start=st.integers(0, 10_000), end=st.integers(0, 10_000), text=st.text())


@given(
    text=st.text(min_size=1),
    published=st.none() | st.dates(),
    sentences=st.lists(spans, max_size=4).map(tuple),
    place=st.text(),
)
def test_to_dict_from_dict_round_trip(
    text: str, published: dt.date | None, sentences: tuple[Span, ...], place: str
) -> None:
    article = Article(
        id="x",
        text=text,
        origin="o",
        published=published,
        sentences=sentences,
        dateline=Dateline(text=place, place_text=place),
        stages=(("ingest", "1"),),
    )
    assert from_dict(Article, to_dict(article)) == article


def test_to_dict_leaves_out_raw_and_doc() -> None:
    data = to_dict(Article(id="x", text="t", origin="o", raw=b"r", doc=object()))
    assert "raw" not in data and "doc" not in data


def test_iso_date_values_as_stretches_of_days() -> None:
    import datetime as dt

    from wirewatch.isodates import days

    d = dt.date
    assert days("2024-05-31") == (d(2024, 5, 31), d(2024, 5, 31))
    assert days("2024-W22") == (d(2024, 5, 27), d(2024, 6, 2))
    assert days("2024-02") == (d(2024, 2, 1), d(2024, 2, 29))
    assert days("2022-02/2024-09-09") == (d(2022, 2, 1), d(2024, 9, 9))
    assert days("2024-12") == (d(2024, 12, 1), d(2024, 12, 31))
    assert days("not a date") is None and days("2024-13") is None
