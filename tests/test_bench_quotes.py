"""The quotes benchmark end to end: a small slice by default, the full dev split with -m slow."""

from __future__ import annotations

import pytest
from tests.conftest import DATA, bench, need

DEV = DATA / "quotes" / "polnear" / "data" / "dev"
FIGURES = [
    f"{role}_{kind}{suffix}"
    for role in ("source", "cue", "content")
    for kind in ("f1", "precision", "recall")
    for suffix in ("", "_exact")
]


def test_quotes_small() -> None:
    need(DEV)
    result = bench("quotes", "--data", str(DEV), "--limit", "3")
    assert result["n"] == 3
    assert set(FIGURES) <= set(result)
    assert all(0.0 <= float(result[f]) <= 1.0 for f in FIGURES)
    assert float(result["source_f1"]) > 0.3
    assert set(result["peers"]) == {"textacy"}


@pytest.mark.slow
def test_quotes_full_beats_textacy_on_every_figure() -> None:
    need(DEV)
    result = bench("quotes", "--data", str(DEV))
    assert result["n"] == 84
    assert float(result["source_f1"]) >= 0.60
    peer = result["peers"]["textacy"]
    for figure in FIGURES:
        assert float(result[figure]) > float(peer[figure]), figure
