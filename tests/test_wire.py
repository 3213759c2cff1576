"""Wire conventions: datelines, bylines, credit lines, boilerplate, the wire service."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirewatch.stages.ingest import wire


@pytest.mark.parametrize(
    ("text", "place", "date", "wire_name", "body"),
    [
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON", None, "AP", "The Senate voted."),
        ("KYIV, Ukraine (AP) — Drones hit.", "KYIV, Ukraine", None, "AP", "Drones hit."),
        ("KYIV, May 31 (Reuters) - Russia said.", "KYIV", "May 31", "Reuters", "Russia said."),
        ("Kyiv (AFP) - Russian forces.", "Kyiv", None, "AFP", "Russian forces."),
        ("BEIJING -- China said on Friday.", "BEIJING", None, None, "China said on Friday."),
        ("UNITED NATIONS (AP) — The council.", "UNITED NATIONS", None, "AP", "The council."),
        ("MOSCOW/KYIV, Aug 6 (Reuters) - Both.", "MOSCOW/KYIV", "Aug 6", "Reuters", "Both."),
        ("Beirut, Lebanon (CNN) — Israel said.", "Beirut, Lebanon", None, "CNN", "Israel said."),
    ],
)
def test_datelines(
    text: str, place: str, date: str | None, wire_name: str | None, body: str
) -> None:
    info = wire.parse(text)
    assert info.dateline is not None
    assert (info.dateline.place_text, info.dateline.date_text) == (place, date)
    assert info.wire == wire_name
    assert info.text == body


@pytest.mark.parametrize(
    "text",
    [
        "Germany - a country in Europe - said.",
        "U.S. - China ties frayed on Monday.",
        "Officials said (in private) — that it failed.",
        "The Kremlin, Moscow (Reuters-like) — no.",
    ],
)
def test_not_datelines(text: str) -> None:
    info = wire.parse(text)
    assert info.dateline is None
    assert info.text == text


def test_byline_credit_lines_and_ap_boilerplate() -> None:
    text = (
        "By JOHN SMITH and ANNA LEE\n"
        "PARIS (AP) — France said so.\n"
        "Associated Press writers Jim Doe in Tallinn, Estonia, and Ann Roe in Kyiv "
        "contributed to this report.\n"
        "___\n"
        "Follow AP's coverage of the war at https://apnews.com/hub/russia-ukraine"
    )
    info = wire.parse(text)
    assert info.text == "France said so."
    assert info.byline == "JOHN SMITH and ANNA LEE"
    assert info.wire == "AP"
    assert [(c.name, c.role, c.place_text) for c in info.contributors] == [
        ("John Smith", "byline", None),
        ("Anna Lee", "byline", None),
        ("Jim Doe", "contributor", "Tallinn, Estonia"),
        ("Ann Roe", "contributor", "Kyiv"),
    ]


def test_reuters_credits() -> None:
    info = wire.parse("Body text.\nReporting by Ann Roe in Kyiv; Editing by Tom Doe")
    assert info.text == "Body text."
    assert [(c.name, c.role) for c in info.contributors] == [
        ("Ann Roe", "reporting"),
        ("Tom Doe", "editing"),
    ]


def test_credit_in_last_paragraph_keeps_the_rest() -> None:
    info = wire.parse("First.\nThe talks ended. Jon Doe contributed to this report from Dubai.")
    assert info.text == "First.\nThe talks ended."
    assert info.contributors[0].place_text == "Dubai"


def test_a_sentence_about_contributions_is_not_a_credit_line() -> None:
    text = "First.\nThe European Union and the United States contributed $2 billion to the fund."
    assert wire.parse(text).text == text


def test_seed_000_dateline(seeds: Path) -> None:
    info = wire.parse(next(seeds.glob("000_*.txt")).read_text(encoding="utf-8"))
    assert info.dateline is not None
    assert info.dateline.text == "KYIV, Ukraine"
    assert info.text.startswith("Germany joined the United States on Friday")
    assert info.wire is None  # the text names no wire: the dateline style alone is not proof
    assert info.contributors == ()


def test_seed_004_is_ap_with_a_contributor(seeds: Path) -> None:
    info = wire.parse(next(seeds.glob("004_*.txt")).read_text(encoding="utf-8"))
    assert info.dateline is None
    assert info.wire == "AP"
    assert info.evidence and "AP’s coverage" in info.evidence[0]
    assert [(c.name, c.place_text) for c in info.contributors] == [
        ("Jon Gambrell", "Dubai, United Arab Emirates")
    ]
    assert "contributed" not in info.text and "apnews.com" not in info.text
    assert info.text.endswith("supplier of various dual-use products.")


@given(st.text(max_size=300))
def test_parse_never_crashes_and_never_invents_text(text: str) -> None:
    info = wire.parse(text)
    for word in info.text.split():
        assert word in text


def test_a_byline_may_name_its_outlet_after_a_bar_or_dash() -> None:
    for line in ("By Ines Varga | The Harbour Times", "By Ines Varga — Harbour Times"):
        info = wire.parse(f"{line}\nThe port reopened on Monday.")
        assert info.byline == "Ines Varga", line
        assert info.text == "The port reopened on Monday."
        assert [c.name for c in info.contributors] == ["Ines Varga"]
