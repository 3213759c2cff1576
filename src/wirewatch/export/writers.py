"""The writers every export shares: JSON Lines, CSV, tab-separated, GeoJSON and Parquet, each
taking rows as they come and holding ``BATCH`` of them at a time."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import IO, Any, Literal

#: Rows read, written and held at a time: one Parquet row group, one chunk of text.
BATCH = 5000
Kind = Literal["text", "int", "float"]


def jsonl(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    """One JSON object a line; return how many were written."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count


def csv_chunks(
    rows: Iterable[dict[str, Any]], *, strict: bool = False, leave: Sequence[str] = ()
) -> Iterator[bytes]:
    """UTF-8 CSV, ``BATCH`` rows per chunk; the columns are the first row's keys but ``leave``.

    ``strict``: a later row with a key the first lacks is an error (the export), else the
    key is ignored (the API). No rows: an empty header line.
    """
    found = iter(rows)
    first = next(found, None)
    names = [k for k in (first or {}) if k not in leave]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=names, extrasaction="raise" if strict else "ignore")
    writer.writeheader()
    yield from _csv(writer, text, chain([first], found) if first is not None else found)


def csv_lines(rows: Iterable[Sequence[Any]], header: Sequence[str]) -> Iterator[bytes]:
    """UTF-8 CSV of rows given as lists under ``header`` (written even when no row follows),
    ``BATCH`` rows per chunk."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    yield from _csv(writer, text, rows)


def _csv(writer: Any, text: io.StringIO, rows: Iterable[Any]) -> Iterator[bytes]:
    """Each row written as it comes: only the text of ``BATCH`` rows is held, never the rows."""
    for count, row in enumerate(rows, 1):
        writer.writerow(row)
        if count % BATCH == 0:
            yield drain(text)
    if text.tell():
        yield drain(text)


def tsv_chunks(
    rows: Iterable[Sequence[Any]], header: Sequence[str] | None = None
) -> Iterator[bytes]:
    """Tab-separated values as GDELT and POLECAT write them: no quoting, so a tab or a line
    break inside a value becomes a space; None is an empty field. ``BATCH`` rows per chunk."""
    lines: list[Sequence[Any]] = [header] if header is not None else []
    for batch in batches("\t".join(_field(v) for v in row) + "\n" for row in chain(lines, rows)):
        chunk = "".join(batch).encode("utf-8")
        del batch
        yield chunk
        del chunk


def geojson_chunks(features: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """A GeoJSON FeatureCollection, ``BATCH`` features per chunk (the bytes ``json.dumps``
    gives for the whole collection, without holding it)."""
    yield b'{"type": "FeatureCollection", "features": ['
    separator = b""
    for batch in batches(json.dumps(f, ensure_ascii=False) for f in features):
        chunk = ", ".join(batch).encode("utf-8")
        del batch
        yield separator
        yield chunk
        del chunk
        separator = b", "
    yield b"]}"


def write_parquet(
    rows: Iterable[dict[str, Any]], names: Sequence[tuple[str, Kind]], out: Any
) -> int:
    """Parquet with a fixed schema, one row group per ``BATCH`` rows; return the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"text": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([(name, types[kind]) for name, kind in names])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in batches(rows):
            count += len(batch)
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            del batch
    return count


class Counted:
    """The rows, counted as they go by."""

    def __init__(self, rows: Iterable[Any]) -> None:
        self.rows, self.count = iter(rows), 0

    def __iter__(self) -> Iterator[Any]:
        for row in self.rows:
            self.count += 1
            yield row


def batches(rows: Iterable[Any]) -> Iterator[list[Any]]:
    """Lists of ``BATCH`` rows. Neither this nor its callers hold a batch while the next one is
    read (``del batch``): two batches alive at once would double the peak."""
    found = iter(rows)
    while True:
        batch = list(islice(found, BATCH))
        if not batch:
            return
        yield batch
        del batch


def drain(text: io.StringIO) -> bytes:
    chunk = text.getvalue().encode("utf-8")
    text.seek(0)
    text.truncate()
    return chunk


_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _field(value: Any) -> str:
    if value is None:
        return ""
    return str(value).translate(_BREAKS)
