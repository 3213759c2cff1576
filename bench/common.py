"""What every benchmark shares: where the data is, how results are printed."""

from __future__ import annotations

import json
import os
import resource
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The shared corpora: $WIREWATCH_DATA, else ../shared/data beside the repository."""
    return Path(os.environ.get("WIREWATCH_DATA", ROOT.parent / "shared" / "data"))


def data_path(relative: str) -> Path:
    return data_dir() / relative


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def print_table(title: str, rows: Sequence[dict[str, Any]]) -> None:
    """A readable table on stdout: one row per system, one column per metric."""
    print(title)
    if not rows:
        print("(no rows)")
        return
    columns = list(rows[0])
    cells = [[_fmt(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:.1f}"
    return "" if value is None else str(value)


def emit(task: str, n: int, metrics: dict[str, Any], peers: dict[str, dict[str, Any]]) -> None:
    """The last line of every benchmark: one JSON object."""
    line = {"task": task, "n": n, **metrics, "peers": peers}
    print(json.dumps(line, sort_keys=False))
    sys.stdout.flush()


def rounded(metrics: dict[str, Any], digits: int = 4) -> dict[str, Any]:
    return {k: round(v, digits) if isinstance(v, float) else v for k, v in metrics.items()}


def read_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def first(items: Iterable[Any]) -> Any:
    return next(iter(items))
