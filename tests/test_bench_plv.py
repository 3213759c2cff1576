"""bench plv: a small end-to-end run here; the full cross-validated run is slow (make slow)."""

from __future__ import annotations

import pytest
from tests.conftest import DATA, bench, need

PLV = DATA / "event_coding" / "ZeroShotPLOVER" / "PLV_train.tsv"


def test_plv_small() -> None:
    need(PLV)
    result = bench("plv", "--data", str(PLV), "--limit", "60")
    assert result["n"] == 60
    assert result["cross_validated"] is True
    for metric in ("accuracy", "macro_f1", "e2e_accuracy", "e2e_macro_f1"):
        assert 0.0 <= float(result[metric]) <= 1.0  # type: ignore[arg-type]
    assert set(result["peers"]) == {"lexicon", "majority", "roberta-large-mnli"}  # type: ignore[arg-type]


@pytest.mark.slow
def test_plv_full() -> None:
    need(PLV)
    result = bench("plv", "--data", str(PLV))
    assert result["n"] == 1026
    assert float(result["macro_f1"]) >= 0.70  # type: ignore[arg-type]  # floor: measured 0.743
    assert float(result["e2e_macro_f1"]) >= 0.58  # type: ignore[arg-type]  # measured 0.621
    peers: dict[str, dict[str, float]] = result["peers"]  # type: ignore[assignment]
    assert float(result["macro_f1"]) > peers["lexicon"]["macro_f1"]  # type: ignore[arg-type]
