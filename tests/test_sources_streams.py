"""Streams to the last record: a bad CSV row fails alone, no line is held whole, JSON Lines on
stdin is read a record at a time, and a big feed is parsed only as far as its limit."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from wirewatch import settings
from wirewatch.records import Failure
from wirewatch.stages.ingest import feeds, sources
from wirewatch.stages.ingest.sources import Input

BODY = (
    "KYIV, Ukraine (AP) — Russian missiles struck the city overnight, killing two people, "
    "officials said on Friday. The attack damaged homes and a school, and rescuers were "
    "searching the rubble for survivors, the regional governor said."
)
MB = 1_000_000


def read(path: Path, **values: Any) -> list[Input | Failure]:
    return list(sources.read([str(path)], settings.Settings(**values)))


def failures(items: list[Input | Failure]) -> list[str]:
    return [item.reason for item in items if isinstance(item, Failure)]


def titles(items: list[Input | Failure]) -> list[str]:
    return [item.fields["title"] for item in items if isinstance(item, Input)]


def write_csv(path: Path, rows: list[list[str]]) -> list[bytes]:
    """Write ``rows`` under a title,text header; each row's bytes, without its line end."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    written = []
    for row in rows:
        start = out.tell()
        writer.writerow(row)
        written.append(out.getvalue()[start:].removesuffix("\r\n").encode("utf-8"))
    path.write_text("title,text\r\n" + out.getvalue(), encoding="utf-8", newline="")
    return written


def test_a_csv_row_over_the_limit_fails_alone_and_the_next_rows_are_read(tmp_path: Path) -> None:
    quoted = ('She said "no". ' + BODY + "\n") * 10  # quotes and line ends inside the field
    rows = [["A", BODY], ["B", quoted], ["C", BODY + " Again."], ["D", "x" * 3000], ["E", BODY]]
    path = tmp_path / "a.csv"
    sizes = [len(row) for row in write_csv(path, rows)]
    found = read(path, max_bytes=1000)
    assert titles(found) == ["A", "C", "E"]
    assert failures(found) == [
        f"{path}:{n}: record of {sizes[n - 2]:,} bytes is over the 1,000-byte limit; split the "
        "article or raise --max-bytes."
        for n in (3, 5)
    ]


def test_bytes_that_are_not_utf8_fail_only_their_csv_row(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    row = b'"' + BODY.encode() + b'"'
    path.write_bytes(b"title,text\nA," + row + b"\nB,caf\xe9\nC," + row + b"\n")
    found = read(path)
    assert titles(found) == ["A", "C"]
    assert failures(found) == [
        f"{path}:3: not valid UTF-8 (byte 0xe9); convert it to UTF-8 first, e.g. iconv -f "
        "latin1 -t utf-8."
    ]


def test_a_csv_line_of_30_mb_is_never_held(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("title,text\nA," + "x" * (30 * MB) + f'\nB,"{BODY}"\n')
    tracemalloc.start()
    try:
        found = read(path, max_bytes=10_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * MB, peak
    assert titles(found) == ["B"]
    assert failures(found) == [
        f"{path}:2: record of 30,000,002 bytes is over the 10,000-byte limit; split the article "
        "or raise --max-bytes."
    ]


def test_json_lines_on_stdin_are_read_a_record_at_a_time(
    run_cli: Callable[..., Result],
) -> None:
    records = [json.dumps({"text": f"{BODY} Item {n}."}) for n in range(3)]
    stdin = "\n".join(records) + "\n"
    assert len(stdin) > 600  # over --max-bytes in all, each record under it
    result = run_cli("ingest", "-", "--db", "x.db", "--max-bytes", "600", stdin=stdin)
    assert result.stderr == "3 stored, 0 duplicate, 0 failed.\n", result.output
    origins = run_cli("export", "--db", "x.db", "--what", "articles").stdout.splitlines()
    assert sorted(json.loads(line)["origin"] for line in origins) == [
        "<stdin>:1",
        "<stdin>:2",
        "<stdin>:3",
    ]


def _rss(count: int) -> bytes:
    items = "".join(
        f"<item><title>t{n}</title><link>https://news.example/{n}</link></item>"
        for n in range(1, count + 1)
    )
    return f'<rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode()


def _atom(count: int) -> bytes:
    entries = "".join(
        f'<entry><title>t{n}</title><link rel="alternate" href="https://news.example/{n}"/>'
        f"<id>urn:{n}</id></entry>"
        for n in range(1, count + 1)
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{entries}</feed>'.encode()


@pytest.mark.parametrize("make", [_rss, _atom], ids=["rss", "atom"])
def test_a_feed_of_20000_items_is_parsed_only_up_to_its_limit(
    make: Callable[[int], bytes],
) -> None:
    data = make(20_000)
    tracemalloc.start()
    try:
        feed = feeds.parse(data, 200)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * len(data), f"peak {peak:,} bytes for a feed of {len(data):,}"
    assert [e["link"] for e in feed.entries[::199]] == [
        "https://news.example/1",
        "https://news.example/200",
    ]
    assert feed.entries[-1]["title"] == "t200"
    assert (len(feed.skipped), feed.total) == (19_800, 20_000)
    assert feed.skipped[::19_799] == ["https://news.example/201", "https://news.example/20000"]
