"""Hostile inputs meet their limits: private addresses, drips, bombs, floods, odd JSON.

Each network test talks to servers on 127.0.0.1 (and 127.0.0.2) that the test starts.
"""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import json
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from wirewatch import settings
from wirewatch.records import Failure
from wirewatch.stages.ingest import fetch, sources
from wirewatch.stages.ingest.sources import Input

BODY = (
    "KYIV, Ukraine (AP) — Russian missiles struck the city overnight, killing two people, "
    "officials said on Friday. The attack damaged homes and a school, and rescuers were "
    "searching the rubble for survivors, the regional governor said."
)
PAGE = f"<html><body><article><p>{BODY}</p></article></body></html>".encode()
MB = 1_000_000

Reply = Callable[[http.server.BaseHTTPRequestHandler], None]


class Raw:
    """A local server whose routes write raw bytes: status line, headers and body as given."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Reply] = {}
        self.hits: list[str] = []
        routes, hits = self.routes, self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                reply = routes.get(self.path, lambda h: h.wfile.write(b"HTTP/1.0 404 No\r\n\r\n"))
                with contextlib.suppress(OSError):  # the client hung up, as some tests want
                    reply(self)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        serve = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        serve.start()
        self.base = f"http://{host}:{self.httpd.server_address[1]}"

    def add(self, path: str, reply: Reply) -> str:
        self.routes[path] = reply
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def answer(body: bytes, *headers: str, status: str = "200 OK") -> Reply:
    head = [f"HTTP/1.0 {status}", f"Content-Length: {len(body)}", *headers]
    return lambda h: h.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)


@pytest.fixture
def raw() -> Iterator[Raw]:
    server = Raw()
    yield server
    server.close()


@pytest.fixture
def other() -> Iterator[Raw]:
    """A second server, on 127.0.0.2: the "private" host of the tests that need one."""
    server = Raw("127.0.0.2")
    yield server
    server.close()


def conf(db: str, **values: Any) -> settings.Settings:
    return settings.load({"db": db, **values})


def read(targets: list[str], config: settings.Settings) -> list[Input | Failure]:
    return list(sources.read(targets, config))


def failures(items: list[Input | Failure]) -> list[str]:
    return [item.reason for item in items if isinstance(item, Failure)]


def inputs(items: list[Input | Failure]) -> list[Input]:
    return [item for item in items if isinstance(item, Input)]


def peak_bytes(work: Callable[[], object]) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- addresses ---------------------------------------------------------------------


def test_loopback_is_refused_unless_allowed(db: str, raw: Raw) -> None:
    url = raw.add("/a", answer(PAGE, "Content-Type: text/html"))
    (refused,) = failures(read([url], conf(db)))
    assert refused.startswith(f"{url}: 127.0.0.1 is a loopback address")
    assert "--allow-private" in refused
    assert raw.hits == []  # refused before connecting
    (page,) = inputs(read([url], conf(db, allow_private=True)))
    assert page.data == PAGE


def test_every_redirect_and_feed_link_is_checked(
    db: str, raw: Raw, other: Raw, monkeypatch: pytest.MonkeyPatch
) -> None:
    """127.0.0.2 stands for a private host: the same check guards each hop and each link."""
    public = ipaddress.ip_address("127.0.0.1")
    monkeypatch.setattr(fetch, "refusal", lambda a: None if a == public else "private")
    hidden = other.add("/secret", answer(PAGE, "Content-Type: text/html"))
    raw.add("/page", answer(PAGE, "Content-Type: text/html"))
    hop = raw.add("/hop", answer(b"", f"Location: {hidden}", status="302 Found"))
    items = "".join(
        f"<item><title>{n}</title><link>{link}</link></item>"
        for n, link in enumerate([hidden, "/page"])
    )
    rss = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    )
    feed = raw.add("/feed", answer(rss.encode(), "Content-Type: application/rss+xml"))
    found = read([hop, feed], conf(db))
    assert failures(found) == [
        f"{hop}: 127.0.0.2 is a private address; wirewatch fetches public addresses only "
        "(pass --allow-private to fetch from your own network).",
        f"{hidden}: 127.0.0.2 is a private address; wirewatch fetches public addresses only "
        "(pass --allow-private to fetch from your own network).",
    ]
    (page,) = inputs(found)  # the relative link, taken against the feed's address
    assert page.origin == raw.base + "/page" and page.fields["url"] == page.origin
    assert other.hits == []


PRIVATE = [
    "127.0.0.0/8",
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "169.254.0.0/16",
    "100.64.0.0/10",
    "0.0.0.0/8",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::1/128",
    "fe80::/10",
    "fc00::/7",
    "ff00::/8",
]
PUBLIC = ["8.8.8.0/24", "1.1.1.0/24", "93.184.216.0/24", "2001:4860::/32", "2a00:1450::/32"]


def _in(networks: list[str]) -> st.SearchStrategy[fetch.Address]:
    return st.sampled_from(networks).flatmap(lambda n: st.ip_addresses(network=n))


def _wrapped(v4: ipaddress.IPv4Address) -> list[fetch.Address]:
    """The same IPv4 address, and its mapped, NAT64 and 6to4 IPv6 forms."""
    number = int(v4)
    return [
        v4,
        ipaddress.IPv6Address((0xFFFF << 32) | number),
        ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | number),
        ipaddress.IPv6Address((0x2002 << 112) | (number << 80)),
    ]


@hsettings(max_examples=200, deadline=None)
@given(_in(PRIVATE), _in(PUBLIC))
def test_non_public_addresses_are_refused_in_every_form(
    private: fetch.Address, public: fetch.Address
) -> None:
    refused = _wrapped(private) if isinstance(private, ipaddress.IPv4Address) else [private]
    allowed = _wrapped(public) if isinstance(public, ipaddress.IPv4Address) else [public]
    assert all(fetch.refusal(a) for a in refused), refused
    assert not any(fetch.refusal(a) for a in allowed), allowed


# --- time --------------------------------------------------------------------------


def drip(before: bytes) -> Reply:
    """Send ``before``, then one byte every 50 ms for at most 5 s, then finish the reply."""

    def reply(h: http.server.BaseHTTPRequestHandler) -> None:
        h.wfile.write(before)
        for _ in range(100):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.05)
        h.wfile.write(b"\r\n\r\n" if b"\r\n\r\n" not in before else b"")

    return reply


@pytest.mark.parametrize(
    "before",
    [b"HTTP/1.0 200 OK\r\nX-Slow: ", b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"],
    ids=["headers", "body"],
)
def test_a_drip_is_cut_at_the_deadline(db: str, raw: Raw, before: bytes) -> None:
    url = raw.add("/drip", drip(before))
    started = time.monotonic()
    found = read([url], conf(db, allow_private=True, timeout=2.0, deadline=0.5))
    took = time.monotonic() - started
    assert failures(found) == [
        f"{url}: not fetched within the 0.5-second deadline; try again later or raise --deadline."
    ]
    assert took < 2.0  # the drip alone lasts 5 s; a 2 s timeout is never reached


def test_a_slow_resolver_is_cut_at_the_deadline(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def stuck(*args: Any, **kwargs: Any) -> Any:
        release.wait(5)
        raise socket.gaierror("no answer")

    monkeypatch.setattr(socket, "getaddrinfo", stuck)
    started = time.monotonic()
    try:
        found = read(["http://news.invalid/a"], conf(db, timeout=5.0, deadline=0.3))
    finally:
        release.set()
    assert failures(found) == [
        "http://news.invalid/a: not fetched within the 0.3-second deadline; try again later "
        "or raise --deadline."
    ]
    assert time.monotonic() - started < 2.0


# --- size --------------------------------------------------------------------------

ZEROS = 64 * MB


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """64 MB of zeros, gzipped to about 64 kB."""
    squeeze = zlib.compressobj(1, zlib.DEFLATED, 31)
    return squeeze.compress(bytes(ZEROS)) + squeeze.flush()


@pytest.mark.parametrize("layers", [1, 2])
def test_a_compression_bomb_is_stopped_at_max_bytes(
    db: str, raw: Raw, bomb: bytes, layers: int
) -> None:
    body = bomb if layers == 1 else zlib.compress(bomb, wbits=31)
    encoding = ", ".join(["gzip"] * layers)
    url = raw.add(
        "/bomb", answer(body, "Content-Type: text/plain", f"Content-Encoding: {encoding}")
    )
    found, peak = peak_bytes(lambda: read([url], conf(db, allow_private=True, max_bytes=MB)))
    assert peak < 8 * MB, peak
    assert isinstance(found, list)
    (reason,) = failures(found)
    if layers == 1:
        assert reason.startswith(f"{url}: it runs over the 1,000,000-byte limit")
    else:
        assert reason.startswith(f"{url}: the server sent the body as 'gzip, gzip'")


def test_a_redirect_body_is_never_read(db: str, raw: Raw) -> None:
    page = raw.add("/page", answer(PAGE, "Content-Type: text/html"))
    chunk = bytes(65_536)

    def flood(h: http.server.BaseHTTPRequestHandler) -> None:
        h.wfile.write(f"HTTP/1.0 302 Found\r\nLocation: {page}\r\n\r\n".encode())
        for _ in range(800):  # 52 MB, unless the client hangs up first
            h.wfile.write(chunk)

    hop = raw.add("/hop", flood)
    found, peak = peak_bytes(lambda: read([hop], conf(db, allow_private=True)))
    assert isinstance(found, list)
    (item,) = found
    assert isinstance(item, Input) and item.data == PAGE
    assert peak < 8 * MB, peak


def test_a_big_jsonl_file_is_read_a_record_at_a_time(db: str, tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"text": "x" * (30 * MB)}) + "\n")
        out.write(json.dumps({"text": BODY}) + "\n")
    found, peak = peak_bytes(lambda: read([str(path)], conf(db, max_bytes=10_000)))
    assert peak < 4 * MB, peak
    assert isinstance(found, list)
    assert failures(found) == [
        f"{path}:1: record of 30,000,012 bytes is over the 10,000-byte limit; split the article "
        "or raise --max-bytes."
    ]
    assert [i.fields["text"] for i in inputs(found)] == [BODY]


def test_a_big_csv_file_is_read_a_row_at_a_time(db: str, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    row = f'"{BODY}",title\n'
    with path.open("w", encoding="utf-8") as out:
        out.write("text,title\n" + row * 20_000)  # 4.7 MB
    config = conf(db, max_bytes=100_000)

    def count() -> int:
        return sum(isinstance(item, Input) for item in sources.read([str(path)], config))

    stored, peak = peak_bytes(count)
    assert stored == 20_000
    assert peak < 2 * MB, peak


# --- feeds -------------------------------------------------------------------------


def test_feed_items_past_the_limit_are_recorded_as_skipped(db: str, tmp_path: Path) -> None:
    content = " ".join([BODY] * 2)
    items = "".join(
        f"<item><title>{n}</title><link>https://news.example/{n}</link>"
        f"<content:encoded><![CDATA[<p>{content}</p>]]></content:encoded></item>"
        for n in range(1, 6)
    )
    rss = (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>F</title>'
        f"{items}</channel></rss>"
    )
    path = tmp_path / "feed.rss"
    path.write_text(rss, encoding="utf-8")
    found = read([str(path)], conf(db, max_feed_items=2))
    assert [i.fields["url"] for i in inputs(found)] == [
        "https://news.example/1",
        "https://news.example/2",
    ]
    assert failures(found) == [
        f"https://news.example/{n}: skipped, item {n} of 5 in the feed {path}, past the 2-item "
        "limit; raise --max-feed-items to read it."
        for n in (3, 4, 5)
    ]


# --- odd JSON and other hostile files ------------------------------------------------


def test_line_separators_inside_jsonl_strings_do_not_split_records(db: str, tmp_path: Path) -> None:
    texts = [BODY.replace(". ", ".\u2028"), BODY.replace(", ", ",\x85 ")]
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts), "utf-8")
    found = read([str(path)], conf(db))
    assert failures(found) == []
    assert [i.fields["text"] for i in inputs(found)] == texts


def test_deeply_nested_json_is_a_failure_not_a_crash(db: str, tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    one = tmp_path / "deep.json"
    one.write_text(deep, encoding="utf-8")
    lines = tmp_path / "deep.jsonl"
    lines.write_text(deep + "\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    found = read([str(one), str(lines)], conf(db))
    assert [r.split(": ", 1)[0] for r in failures(found)] == [str(one), f"{lines}:1"]
    assert all("nested too deeply" in r for r in failures(found))
    assert len(inputs(found)) == 1


def _hostile() -> st.SearchStrategy[bytes]:
    text = st.text(st.characters(codec="utf-8"), max_size=200)
    nested = st.integers(500, 50_000).map(lambda n: ("[" * n + "]" * n).encode())
    separators = text.map(lambda t: json.dumps({"text": t + "\u2028" + t}).encode())
    row = st.lists(text, min_size=1, max_size=4).map(lambda r: ",".join(r).encode())
    return st.one_of(st.binary(max_size=300), text.map(str.encode), nested, separators, row)


@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(_hostile(), min_size=1, max_size=4),
    suffix=st.sampled_from([".json", ".jsonl", ".csv", ".xml", ".txt", ".html"]),
)
def test_any_file_ends_as_inputs_or_failures(
    db: str, tmp_path: Path, parts: list[bytes], suffix: str
) -> None:
    path = tmp_path / f"hostile{suffix}"
    path.write_bytes(b"\n".join(parts))
    found = read([str(path)], conf(db, max_bytes=50_000))  # never raises
    assert found and all(isinstance(item, Input | Failure) for item in found)


def test_a_jsonl_file_of_blank_lines_is_a_failure_not_silence(db: str, tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\t\n  \n")
    (found,) = read([str(path)], conf(db, max_bytes=50_000))
    assert isinstance(found, Failure) and "only blank lines" in found.reason
