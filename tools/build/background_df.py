"""Build ``background_df.json.gz``: how many documents of a background corpus hold each term.

Story clustering weighs words by inverse document frequency. A store that has just started
knows too few articles for that, so the counts of a background corpus are added to the
store's own: news and encyclopaedia texts from the shared data (local news and WikiNews
from the geoparsing sets, Wikipedia from WikToR, Reuters from CoNLL-2003, the NGEC synthetic
stories). Terms are those of ``wirewatch.corpus.text.terms``; terms in fewer than two
documents are left out. Deterministic: sorted keys, gzip without a timestamp.

Run: ``python -m tools.build.background_df [DATA_DIR]``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tools.build import RESOURCES
from wirewatch.corpus.text import terms

OUT = RESOURCES / "background_df.json.gz"
JSONL = ("geoparsing/lgl.jsonl", "geoparsing/geovirus.jsonl", "geoparsing/wiktor.jsonl")
CONLL = ("ner/conll2003/train.txt", "ner/conll2003/valid.txt")
NGEC = "event_coding/NGEC/gpt_synthetic_events_2023-10-19_19.csv.zip"


def documents(data: Path) -> Iterator[str]:
    for name in JSONL:
        with (data / name).open(encoding="utf-8") as handle:
            yield from (json.loads(line)["text"] for line in handle if line.strip())
    for name in CONLL:
        yield from _conll(data / name)
    yield from _ngec(data / NGEC)


def _conll(path: Path) -> Iterator[str]:
    words: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("-DOCSTART-"):
                if words:
                    yield " ".join(words)
                words = []
            elif line.strip():
                words.append(line.split()[0])
    if words:
        yield " ".join(words)


def _ngec(path: Path) -> Iterator[str]:
    csv.field_size_limit(10**8)
    with zipfile.ZipFile(path) as archive:
        name = archive.namelist()[0]
        with archive.open(name) as raw:
            yield from (row["text"] for row in csv.DictReader(io.TextIOWrapper(raw, "utf-8")))


def build(data: Path) -> dict[str, object]:
    counts: Counter[str] = Counter()
    total = 0
    for text in documents(data):
        counts.update(set(terms(None, text)))
        total += 1
    kept = {t: n for t, n in sorted(counts.items()) if n >= 2}
    return {"docs": total, "df": kept}


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data")
    table = build(data)
    body = json.dumps(table, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(body)
    print(f"{OUT.name}: {table['docs']} documents, {len(table['df'])} terms")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
