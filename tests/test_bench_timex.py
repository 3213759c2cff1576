"""The timex benchmark end to end on a slice; the full run pins the quality floor."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import timex
from tests.conftest import DATA, bench, need

CORPUS = DATA / "temporal" / "TempEval-3" / "TBAQ-cleaned"
METRICS = ("strict_f1", "relaxed_f1", "type_f1", "value_f1", "value_f1_dates")


def test_timex_small() -> None:
    need(CORPUS)
    result = bench("timex", "--limit", "3")
    assert result["n"] == 3
    peers = result["peers"]
    assert isinstance(peers, dict) and set(peers) == {"dateparser"}
    for metric in METRICS:
        assert 0.0 <= float(result[metric]) <= 1.0  # type: ignore[arg-type]
        assert 0.0 <= float(peers["dateparser"][metric]) <= 1.0


def test_the_reader_keeps_offsets_and_the_creation_time(tmp_path: Path) -> None:
    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-01" '
        'functionInDocument="CREATION_TIME">19980301</TIMEX3></DCT><TEXT>Talks resumed '
        '<TIMEX3 tid="t1" type="DATE" value="1998-02-27">Friday</TIMEX3> after '
        '<TIMEX3 tid="t2" type="DURATION" value="P2Y">two years</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    (doc,) = timex.documents(tmp_path, None)
    assert doc.dct.isoformat() == "1998-03-01"
    assert [(doc.text[g.start : g.end], g.type, g.value) for g in doc.gold] == [
        ("Friday", "DATE", "1998-02-27"),
        ("two years", "DURATION", "P2Y"),
    ]


def test_scores_follow_the_tempeval_definitions() -> None:
    gold = [timex.Mention(0, 6, "DATE", "1998-02-27"), timex.Mention(10, 19, "DURATION", "P2Y")]
    system = [timex.Mention(0, 6, "DATE", "1998-02-20"), timex.Mention(14, 19, "DURATION", "P2Y")]
    tally = timex.Tally()
    tally.add(gold, system)
    scores = tally.metrics()
    assert scores["strict_f1"] == 0.5  # one exact extent of two
    assert scores["relaxed_f1"] == 1.0  # both overlap
    assert scores["type_f1"] == 1.0
    assert scores["value_f1"] == 0.5  # one right value over two mentions either side


@pytest.mark.slow
def test_timex_full() -> None:
    need(CORPUS)
    result = bench("timex")
    assert result["n"] == 256
    # floors a little under the measured values (0.800 all, 0.833 TimeBank, 0.729 AQUAINT)
    assert float(result["value_f1"]) >= 0.78  # type: ignore[arg-type]
    assert float(result["value_f1_timebank"]) >= 0.81  # type: ignore[arg-type]
    assert float(result["value_f1_aquaint"]) >= 0.70  # type: ignore[arg-type]
    peer = result["peers"]["dateparser"]  # type: ignore[index]
    assert float(result["value_f1"]) > float(peer["value_f1"])  # type: ignore[arg-type]
