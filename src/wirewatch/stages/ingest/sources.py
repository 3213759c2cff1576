"""Where articles come from: files, directories, stdin, URLs and RSS/Atom feeds.

``read`` turns command-line targets into ``Input``s (one per article-to-be) or
``Failure``s (a target that cannot be read), never raising for one bad target. JSON Lines
and CSV (files, URL bodies, JSON Lines on stdin) are read a record at a time through
``tables``, so only a record, never the whole input, has to fit in ``max_bytes``. URLs go
through ``fetch``, which holds the network limits; feeds are parsed by ``feeds``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin

from wirewatch.errors import FormatError, InputError, ReadError
from wirewatch.records import Failure
from wirewatch.settings import Settings
from wirewatch.stages.ingest import feeds, tables
from wirewatch.stages.ingest.fetch import Fetcher, too_big

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
#: Bytes of standard input looked at to tell JSON Lines (read a record at a time) from the rest.
HEAD = 65_536
MAGIC = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP/Office",
    b"\x89PNG": "PNG image",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x1f\x8b": "gzip",
    b"\x7fELF": "executable",
}


@dataclass(frozen=True, slots=True)
class Input:
    """One article-to-be: its origin, its raw bytes, their format and any given metadata."""

    origin: str
    data: bytes
    format: str  # text | html | record
    fields: Mapping[str, Any] = field(default_factory=dict)


def read(targets: Iterable[str], settings: Settings) -> Iterator[Input | Failure]:
    """Every input named by ``targets`` ("-" is stdin; directories are walked)."""
    with Fetcher(settings) as fetcher:
        for target in targets:
            yield from _guard(target, "read", _read_target(target, settings, fetcher))


def expand(targets: Iterable[str]) -> list[str]:
    """Targets with directories replaced by the files under them (sorted, hidden ones skipped)."""
    found: list[str] = []
    for target in targets:
        path = Path(target)
        if _is_url(target) or target == "-" or not path.is_dir():
            found.append(target)
            continue
        for file in sorted(path.rglob("*")):
            hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
            if file.is_file() and not hidden:
                found.append(str(file))
    return found


def count(targets: Iterable[str]) -> int | None:
    """How many inputs ``targets`` hold, when that is cheap to know (files, directories,
    JSON Lines and CSV records counted by lines); None for URLs, feeds, JSON files and stdin.
    A progress total, not a promise: a CSV cell may span lines, a blank line holds nothing."""
    total = 0
    for target in targets:
        if _is_url(target) or target == "-":
            return None
        for file in expand([target]):
            found = _count_file(Path(file))
            if found is None:
                return None
            total += found
    return total


def _count_file(path: Path) -> int | None:
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind in ("json", "feed") or not path.is_file():
        return None
    if kind not in ("jsonl", "csv"):
        return 1
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    lines += last != b"\n"
    return max(lines - (kind == "csv"), 0)


def _guard(origin: str, stage: str, items: Iterator[Input | Failure]) -> Iterator[Input | Failure]:
    """The items of one input; whatever stops its reader becomes that input's failure.

    Anything but an ``InputError`` is a bug, recorded as one with its detail: the inputs
    read before it stay read, and the next file, record or feed item is read as usual.
    """
    try:
        yield from items
    except InputError as exc:
        yield Failure(origin=origin, stage=exc.stage, reason=str(exc))
    except Exception as exc:
        reason = (
            f"{origin}: {stage} crashed ({type(exc).__name__}): a wirewatch bug, please report "
            "it; the inputs read before it are kept"
        )
        yield Failure(origin=origin, stage=stage, reason=reason, detail=repr(exc)[:2000])


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def _read_target(target: str, settings: Settings, fetcher: Fetcher) -> Iterator[Input | Failure]:
    if _is_url(target):
        data, kind = _fetch(target, fetcher)
        yield from _split(target, data, kind, settings, fetcher)
    elif target == "-":
        yield from _stdin(settings, fetcher)
    else:
        for file in expand([target]):
            yield from _guard(file, "read", _read_file(Path(file), settings, fetcher))


def _stdin(settings: Settings, fetcher: Fetcher) -> Iterator[Input | Failure]:
    """Standard input: JSON Lines read a record at a time, anything else read whole."""
    stream = sys.stdin.buffer
    head = stream.read(HEAD)
    if sniff(head) == "jsonl":
        check_binary("standard input", head)
        handle = io.BufferedReader(tables.Replay(head, stream))
        yield from _table("<stdin>", handle, "jsonl", settings)
        return
    more = settings.max_bytes + 1 - len(head)
    data = head + (stream.read(more) if more > 0 else b"")
    if len(data) > settings.max_bytes:
        too_big("standard input", len(data), settings.max_bytes)
    yield from _split("<stdin>", data, sniff(data), settings, fetcher)


def _read_file(path: Path, settings: Settings, fetcher: Fetcher) -> Iterator[Input | Failure]:
    if not path.exists():
        raise ReadError(f"{path}: no such file or directory; check the path.")
    if not path.is_file():
        raise ReadError(f"{path}: not a regular file (a pipe, socket or device); give a file.")
    size = path.stat().st_size
    if size == 0:
        raise ReadError(f"{path}: the file is empty; nothing to read.")
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind in ("jsonl", "csv"):  # streamed: the size limit applies per record
        with path.open("rb") as handle:
            check_binary(str(path), handle.read(8192))
            handle.seek(0)
            yield from _table(str(path), handle, kind, settings)
        return
    if size > settings.max_bytes:
        too_big(str(path), size, settings.max_bytes, known=True)
    with path.open("rb") as handle:  # it may have grown since: read no more than the limit
        data = handle.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        too_big(str(path), len(data), settings.max_bytes)
    yield from _split(str(path), data, kind or sniff(data), settings, fetcher)


def sniff(data: bytes) -> str:
    """Guess the format of bytes without an informative name."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<rss", b"<feed", b"<rdf")) or (
        head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)
    ):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"{") and _json_lines(data):
        return "jsonl"
    if head.startswith((b"{", b"[")):
        return "json"
    return "text"


def _json_lines(data: bytes) -> bool:
    """Whether ``data`` starts with a one-line JSON object and another line follows it."""
    first, newline, rest = data[:HEAD].lstrip(b"\xef\xbb\xbf \t\r\n").partition(b"\n")
    if not newline or not rest.lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def check_binary(origin: str, data: bytes) -> None:
    """Refuse bytes that are clearly not text."""
    for magic, name in MAGIC.items():
        if data.startswith(magic):
            raise FormatError(
                f"{origin}: this is a {name} file, not text; wirewatch reads plain text, HTML, "
                "JSON, JSON Lines, CSV and RSS/Atom. Extract its text first."
            )
    if b"\x00" in data[:8192]:
        raise FormatError(
            f"{origin}: binary data (NUL bytes), not text; wirewatch reads plain text, HTML, "
            "JSON, JSON Lines, CSV and RSS/Atom."
        )


def decode(origin: str, data: bytes) -> str:
    """UTF-8 text (a BOM is dropped), or a FormatError saying how to convert it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise FormatError(
            f"{origin}: not valid UTF-8 (byte 0x{bad} at offset {exc.start}); convert it to "
            "UTF-8 first, e.g. iconv -f latin1 -t utf-8."
        ) from exc


def _split(
    origin: str, data: bytes, kind: str, settings: Settings, fetcher: Fetcher
) -> Iterator[Input | Failure]:
    check_binary(origin, data)
    if kind in ("jsonl", "csv"):
        yield from _table(origin, io.BytesIO(data), kind, settings)
    elif kind == "json":
        yield from _json(origin, data)
    elif kind == "feed":
        yield from _feed(origin, data, settings, fetcher)
    else:
        yield Input(origin, data, kind)


def _table(
    origin: str, handle: IO[bytes], kind: str, settings: Settings
) -> Iterator[Input | Failure]:
    if kind == "jsonl":
        yield from _jsonl(origin, tables.lines(handle, settings.max_bytes), settings)
    else:
        yield from _csv(origin, tables.Rows(handle, settings.max_bytes), settings)


def _jsonl(
    origin: str, lines: Iterator[tuple[bytes, int]], settings: Settings
) -> Iterator[Input | Failure]:
    blank = True
    for number, (line, size) in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if size > settings.max_bytes:
            blank = False
            yield _fail(where, _record_too_big(where, size, settings))
            continue
        if not line.strip():
            continue
        blank = False
        try:
            text = decode(where, line)
            yield _record(where, _loads(where, text, line=True), text.encode("utf-8"))
        except InputError as exc:
            yield _fail(where, exc)
    if blank:  # only blank lines: no record to store, so the file is the failure
        yield _fail(origin, FormatError(f"{origin}: only blank lines, no JSON record in it; "
                                        "give one JSON object per line."))  # fmt: skip


def _record_too_big(where: str, size: int, settings: Settings) -> ReadError:
    return ReadError(
        f"{where}: record of {size:,} bytes is over the {settings.max_bytes:,}-byte limit; "
        "split the article or raise --max-bytes."
    )


def _loads(where: str, text: str, *, line: bool = False) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if line:
            msg = (
                f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); fix or drop the line."
            )
        else:
            msg = (
                f"{where}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
                "fix the file, or use JSON Lines with one article per line."
            )
        raise FormatError(msg) from exc
    except RecursionError as exc:  # the C decoder's guard against deep nesting
        raise FormatError(
            f"{where}: JSON nested too deeply to read; an article is an object with a 'text' "
            "field, not a deep nest of arrays or objects."
        ) from exc
    except ValueError as exc:  # an integer past Python's 4,300-digit conversion limit
        raise FormatError(
            f"{where}: JSON holds a number too long to read ({str(exc)[:80]}); an article's "
            "fields are text, dates and short numbers."
        ) from exc


def _json(origin: str, data: bytes) -> Iterator[Input | Failure]:
    value = _loads(origin, decode(origin, data))
    items = value if isinstance(value, list) else [value]
    if not items:
        raise FormatError(f"{origin}: an empty JSON list, no article in it; nothing to read.")
    for number, item in enumerate(items, start=1):
        where = origin if len(items) == 1 else f"{origin}#{number}"
        try:
            yield _record(where, item, _dumps(where, item))
        except InputError as exc:
            yield _fail(where, exc)


def _dumps(where: str, item: Any) -> bytes:
    try:
        return json.dumps(item, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FormatError(
            f"{where}: not valid Unicode (a lone surrogate, such as \\ud800, at character "
            f"{exc.start} of the record); fix the encoding of the input."
        ) from exc
    except RecursionError as exc:
        raise FormatError(f"{where}: JSON nested too deeply to store; flatten it.") from exc


def _csv(origin: str, rows: tables.Rows, settings: Settings) -> Iterator[Input | Failure]:
    """A record for each row; a broken or too long row fails alone and the rest are read."""
    columns = _csv_header(origin, rows)
    number = 1  # the header is line 1
    while True:
        where = f"{origin}:{number + 1}"
        try:
            row = rows.next()
        except StopIteration:
            return
        except tables.TooLong:
            yield _fail(where, _record_too_big(where, rows.skip(), settings))
        except csv.Error as exc:
            rows.skip()
            yield _fail(where, FormatError(f"{where}: malformed CSV ({exc}); fix the row."))
        else:
            if not row:  # a blank line is no row
                continue
            yield from _csv_row(where, columns, row, rows.bad, settings)
        number += 1


def _csv_header(origin: str, rows: tables.Rows) -> list[str]:
    where = f"{origin}:1"
    try:
        columns = [c.strip().lower() for c in rows.next()]
    except StopIteration:
        columns = []
    except tables.TooLong:
        raise ReadError(
            f"{where}: the CSV header runs over the {rows.limit:,}-byte limit; check the file."
        ) from None
    except csv.Error as exc:
        raise FormatError(f"{where}: malformed CSV header ({exc}); fix it.") from exc
    if rows.bad:
        raise _not_utf8(where, rows.bad)
    if "text" not in columns:
        raise FormatError(
            f"{origin}: CSV has no 'text' column (columns: {', '.join(columns) or 'none'}); "
            "name the column holding the article text 'text'."
        )
    return columns


def _csv_row(
    where: str, columns: list[str], row: list[str], bad: str, settings: Settings
) -> Iterator[Input | Failure]:
    try:
        if len(row) > len(columns):
            raise FormatError(
                f"{where}: row has more fields than the header; quote fields containing commas."
            )
        if bad:
            raise _not_utf8(where, bad)
        item = dict(itertools.zip_longest(columns, row))
        raw = _dumps(where, item)
        if len(raw) > settings.max_bytes:
            raise _record_too_big(where, len(raw), settings)
        yield _record(where, item, raw)
    except InputError as exc:
        yield _fail(where, exc)


def _not_utf8(where: str, bad: str) -> FormatError:
    return FormatError(
        f"{where}: not valid UTF-8 (byte 0x{ord(bad) - 0xDC00:02x}); convert it to UTF-8 "
        "first, e.g. iconv -f latin1 -t utf-8."
    )


def _record(origin: str, item: Any, raw: bytes) -> Input:
    if not isinstance(item, dict):
        raise FormatError(
            f"{origin}: expected a JSON object with a 'text' field, got {type(item).__name__}."
        )
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise FormatError(
            f"{origin}: record has no article text; put it in a non-empty 'text' field."
        )
    return Input(origin, raw, "record", item)


def _fail(origin: str, exc: InputError) -> Failure:
    return Failure(origin=origin, stage=exc.stage, reason=str(exc))


def _fetch(url: str, fetcher: Fetcher) -> tuple[bytes, str]:
    """The body of ``url`` and its format, from the Content-Type header or the body itself."""
    data, content_type = fetcher.get(url)
    return data, _kind_from_type(content_type, data)


def _kind_from_type(content_type: str, body: bytes) -> str:
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("application/rss+xml", "application/atom+xml"):
        return "feed"
    if kind == "application/json":
        return "json"
    if kind in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if kind == "text/csv":
        return "csv"
    if kind == "text/plain":
        return "text"
    return sniff(body)


def _feed(
    origin: str, data: bytes, settings: Settings, fetcher: Fetcher
) -> Iterator[Input | Failure]:
    feed = feeds.parse(data, settings.max_feed_items)
    if feed.error is not None:
        raise FormatError(
            f"{origin}: not a readable RSS/Atom feed ({feed.error}); check the address or file."
        )
    for entry in feed.entries:
        link = _entry_link(origin, entry.get("link"))
        yield from _guard(link or origin, "read", _entry(origin, entry, link, fetcher))
    for number, skipped in enumerate(feed.skipped, start=len(feed.entries) + 1):
        where = _entry_link(origin, skipped) or f"{origin}#{number}"
        yield _skipped(origin, where, number, feed.total, settings)


def _skipped(origin: str, where: str, number: int, total: int, settings: Settings) -> Failure:
    """An item past ``max_feed_items``: recorded, so that no item is dropped unsaid."""
    reason = (
        f"{where}: skipped, item {number} of {total} in the feed {origin}, past the "
        f"{settings.max_feed_items}-item limit; raise --max-feed-items to read it."
    )
    return Failure(origin=where, stage="read", reason=reason)


def _entry_link(origin: str, link: Any) -> str | None:
    """An item's link; a relative one is taken against the feed's own address."""
    if not isinstance(link, str) or not link.strip():
        return None
    return urljoin(origin, link.strip()) if _is_url(origin) else link.strip()


def _entry(
    origin: str, entry: Any, link: str | None, fetcher: Fetcher
) -> Iterator[Input | Failure]:
    meta = {
        "title": entry.get("title"),
        "url": link,
        "published": _entry_date(entry),
        "source": origin,
    }
    content = (entry.get("content") or [{}])[0].get("value", "")
    if len(content.split()) >= 50:  # the feed carries the article: no need to fetch it
        kind = "html" if "<" in content else "text"
        data = (
            f"<html><body><article>{content}</article></body></html>" if kind == "html" else content
        )
        where = f"{origin}#{entry.get('link') or entry.get('id')}"
        yield Input(where, data.encode("utf-8"), kind, meta)
        return
    if not link:
        raise FormatError(f"{origin}: a feed item has neither full content nor a link; skipped.")
    if not _is_url(link):
        raise FormatError(
            f"{origin}: a feed item links to {link!r}, not an http(s) address, and carries no "
            "full content; skipped."
        )
    data, kind = _fetch(link, fetcher)
    check_binary(link, data)
    yield Input(link, data, "html" if kind == "html" else "text", meta)


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
