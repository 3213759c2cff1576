"""Export stored records in the formats analysts load, all streaming.

``jsonl`` keeps records whole (events are PLOVER-style objects with the field names of
``records.Event``; merged events ``records.MergedEvent``, stories ``records.Story``); ``csv``
and ``parquet`` write one flat row per record (``flat``: the stored columns, nested values as
JSON text, and for events and merged events the names, trigger, sentence, attribution, weapons
and place behind the codes). For events and merged events only: ``geojson`` (a
FeatureCollection, ``geojson.py``), ``acled`` (ACLED's columns and conventions, CSV,
``acled.py``), ``gdelt`` (the GDELT 2.0 event table, tab-separated, ``gdelt.py``) and
``plover`` (POLECAT's field names, tab-separated, ``plover.py``).

Every format is written as the rows are read, ``writers.BATCH`` rows at a time (server-side
cursors on PostgreSQL), so memory stays flat whatever the size of the store: CSV and TSV row
by row, Parquet one row group per batch with a schema fixed before the first row (a column
empty in every row still has its type), GeoJSON one feature at a time inside its
FeatureCollection. The API's CSV and GeoJSON answers use the same writers. What a format
leaves out (an event with no place in GeoJSON, one ACLED would not code) is counted, with
the reason, in ``Exported.left_out``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import IO

from wirewatch.errors import SettingsError
from wirewatch.export import acled, gdelt, geojson, plover, writers
from wirewatch.export.flat import columns, rows
from wirewatch.export.tables import WHAT, flat_rows, records, stored_columns
from wirewatch.export.view import happenings
from wirewatch.export.writers import Kind, csv_chunks, geojson_chunks, write_parquet
from wirewatch.store import Store

__all__ = [
    "FORMATS",
    "WHAT",
    "Exported",
    "Kind",
    "columns",
    "csv_chunks",
    "export",
    "flat_rows",
    "geojson_chunks",
    "records",
    "rows",
    "stored_columns",
    "write",
    "write_parquet",
]

FORMATS = ("jsonl", "csv", "parquet", "geojson", "acled", "gdelt", "plover")
#: Formats made for events and merged events alone.
HAPPENINGS = ("geojson", "acled", "gdelt", "plover")


@dataclass(frozen=True, slots=True)
class Exported:
    """How many records were written, and how many were left out for each reason."""

    written: int
    left_out: dict[str, int] = field(default_factory=dict)


def write(store: Store, what: str, fmt: str, out: IO[bytes]) -> int:
    """Write every record of ``what`` to ``out`` in ``fmt``; return how many were written."""
    return export(store, what, fmt, out).written


def export(store: Store, what: str, fmt: str, out: IO[bytes]) -> Exported:
    """Write every record of ``what`` to ``out`` in ``fmt``: what was written and left out."""
    _check(what, fmt)
    if fmt == "jsonl":
        return Exported(writers.jsonl(records(store, what), out))
    if fmt in HAPPENINGS:
        return _happenings(store, what, fmt, out)
    counted = writers.Counted(rows(store, what))
    if fmt == "csv":
        out.writelines(csv_chunks(counted, strict=True))
    else:
        write_parquet(counted, columns(what), out)
    return Exported(counted.count)


def _happenings(store: Store, what: str, fmt: str, out: IO[bytes]) -> Exported:
    notes: Counter[str] = Counter()
    found = happenings(store, what)
    if fmt == "geojson":
        features = writers.Counted(geojson.features(found, notes))
        out.writelines(geojson_chunks(features))
        return Exported(features.count, dict(notes))
    if fmt == "acled":
        table = writers.Counted(acled.rows(found, notes))
        out.writelines(writers.csv_lines(table, acled.COLUMNS))
        return Exported(table.count, dict(notes))
    module = gdelt if fmt == "gdelt" else plover
    lines = writers.Counted(module.rows(found))
    header = None if fmt == "gdelt" else plover.COLUMNS
    out.writelines(writers.tsv_chunks(lines, header))
    return Exported(lines.count, dict(notes))


def _check(what: str, fmt: str) -> None:
    if fmt not in FORMATS:
        raise SettingsError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    if what not in WHAT:
        raise SettingsError(f"cannot export {what!r}; choose one of {', '.join(WHAT)}.")
    if fmt in HAPPENINGS and what not in ("events", "merged"):
        raise SettingsError(
            f"--format {fmt} exports events and merged events; use --what events or "
            f"--what merged, or jsonl, csv or parquet for {what}."
        )
