"""Where articles come from: files, directories, stdin, URLs and RSS/Atom feeds.

``read`` turns command-line targets into ``Input``s (one per article-to-be) or
``Failure``s (a target that cannot be read), never raising for one bad target.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import feedparser
import httpx

from wirewatch.errors import FormatError, InputError, ReadError
from wirewatch.records import Failure
from wirewatch.settings import Settings

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
    with _client(settings) as client:
        for target in targets:
            yield from _guard(target, "read", _read_target(target, settings, client))


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


def _guard(origin: str, stage: str, items: Iterator[Input | Failure]) -> Iterator[Input | Failure]:
    try:
        yield from items
    except InputError as exc:
        yield Failure(origin=origin, stage=exc.stage, reason=str(exc))


def _client(settings: Settings) -> httpx.Client:
    return httpx.Client(
        timeout=settings.timeout,
        follow_redirects=True,
        headers={"User-Agent": settings.user_agent},
    )


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def _read_target(
    target: str, settings: Settings, client: httpx.Client
) -> Iterator[Input | Failure]:
    if _is_url(target):
        data, kind = fetch(target, settings, client)
        yield from _split(target, data, kind, settings, client)
    elif target == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        _check_size("standard input", len(data), settings)
        yield from _split("<stdin>", data, sniff(data), settings, client)
    else:
        for file in expand([target]):
            yield from _guard(file, "read", _read_file(Path(file), settings, client))


def _read_file(path: Path, settings: Settings, client: httpx.Client) -> Iterator[Input | Failure]:
    if not path.exists():
        raise ReadError(f"{path}: no such file or directory; check the path.")
    if path.stat().st_size == 0:
        raise ReadError(f"{path}: the file is empty; nothing to read.")
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind in ("jsonl", "csv"):  # streamed: the size limit applies per record
        yield from _split(str(path), path.read_bytes(), kind, settings, client)
        return
    size = path.stat().st_size
    _check_size(str(path), size, settings)
    data = path.read_bytes()
    yield from _split(str(path), data, kind or sniff(data), settings, client)


def _check_size(origin: str, size: int, settings: Settings) -> None:
    if size > settings.max_bytes:
        raise ReadError(
            f"{origin}: {size:,} bytes is over the {settings.max_bytes:,}-byte limit; split it "
            "into articles (JSONL) or raise --max-bytes."
        )


def sniff(data: bytes) -> str:
    """Guess the format of bytes without an informative name."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<rss", b"<feed", b"<rdf")) or (
        head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)
    ):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return "text"


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
    origin: str, data: bytes, kind: str, settings: Settings, client: httpx.Client
) -> Iterator[Input | Failure]:
    check_binary(origin, data)
    if kind == "jsonl":
        yield from _jsonl(origin, data, settings)
    elif kind == "json":
        yield from _json(origin, data)
    elif kind == "csv":
        yield from _csv(origin, data, settings)
    elif kind == "feed":
        yield from _feed(origin, data, settings, client)
    else:
        yield Input(origin, data, kind)


def _jsonl(origin: str, data: bytes, settings: Settings) -> Iterator[Input | Failure]:
    for number, line in enumerate(decode(origin, data).splitlines(), start=1):
        where = f"{origin}:{number}"
        if not line.strip():
            continue
        raw = line.encode("utf-8")
        if len(raw) > settings.max_bytes:
            yield _fail(
                where, ReadError(f"{where}: record over the {settings.max_bytes:,}-byte limit")
            )
            continue
        try:
            yield _record(where, json.loads(line), raw)
        except json.JSONDecodeError as exc:
            msg = (
                f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); fix or drop the line."
            )
            yield _fail(where, FormatError(msg))
        except InputError as exc:
            yield _fail(where, exc)


def _json(origin: str, data: bytes) -> Iterator[Input | Failure]:
    try:
        value = json.loads(decode(origin, data))
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"{origin}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            "fix the file, or use JSON Lines with one article per line."
        ) from exc
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, start=1):
        where = origin if len(items) == 1 else f"{origin}#{number}"
        try:
            yield _record(where, item, json.dumps(item, ensure_ascii=False).encode("utf-8"))
        except InputError as exc:
            yield _fail(where, exc)


def _csv(origin: str, data: bytes, settings: Settings) -> Iterator[Input | Failure]:
    csv.field_size_limit(settings.max_bytes)
    reader = csv.DictReader(io.StringIO(decode(origin, data), newline=""))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "text" not in columns:
        raise FormatError(
            f"{origin}: CSV has no 'text' column (columns: {', '.join(columns) or 'none'}); "
            "name the column holding the article text 'text'."
        )
    reader.fieldnames = columns
    number = 1
    while True:
        number += 1  # the header is line 1
        where = f"{origin}:{number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _fail(where, FormatError(f"{where}: malformed CSV ({exc}); fix the row."))
            return
        if None in row:
            msg = f"{where}: row has more fields than the header; quote fields containing commas."
            yield _fail(where, FormatError(msg))
            continue
        try:
            yield _record(where, row, json.dumps(row, ensure_ascii=False).encode("utf-8"))
        except InputError as exc:
            yield _fail(where, exc)


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


def fetch(url: str, settings: Settings, client: httpx.Client) -> tuple[bytes, str]:
    """The body of ``url`` (size-limited) and its format from the Content-Type header."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise ReadError(
                    f"{url}: the server answered HTTP {response.status_code}; check the address."
                )
            body = _read_limited(url, response, settings)
            content_type = response.headers.get("content-type", "")
    except httpx.TimeoutException as exc:
        raise ReadError(
            f"{url}: no answer within {settings.timeout:g} s; try again later or raise --timeout."
        ) from exc
    except httpx.HTTPError as exc:
        raise ReadError(
            f"{url}: could not fetch it ({type(exc).__name__}: {exc}); check the address "
            "and your connection."
        ) from exc
    return body, _kind_from_type(content_type, body)


def _read_limited(url: str, response: httpx.Response, settings: Settings) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        _check_size(url, size, settings)
        chunks.append(chunk)
    return b"".join(chunks)


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
    origin: str, data: bytes, settings: Settings, client: httpx.Client
) -> Iterator[Input | Failure]:
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise FormatError(
            f"{origin}: not a readable RSS/Atom feed ({parsed.get('bozo_exception')}); "
            "check the address or file."
        )
    for entry in parsed.entries[: settings.max_feed_items]:
        yield from _guard(
            entry.get("link") or origin, "read", _entry(origin, entry, settings, client)
        )


def _entry(
    origin: str, entry: Any, settings: Settings, client: httpx.Client
) -> Iterator[Input | Failure]:
    meta = {
        "title": entry.get("title"),
        "url": entry.get("link"),
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
    link = entry.get("link")
    if not link:
        raise FormatError(f"{origin}: a feed item has neither full content nor a link; skipped.")
    data, kind = fetch(link, settings, client)
    check_binary(link, data)
    yield Input(link, data, "html" if kind == "html" else "text", meta)


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
