"""Fetching one URL, with its limits: public addresses only, a deadline, a size cap.

Every connection of a ``Fetcher`` (the first, each redirect, each feed item link) goes
through ``_Guard.connect_tcp``. It resolves the host once, refuses loopback, private,
link-local, multicast and other non-public addresses unless ``allow_private`` is set, and
connects to the very address it checked, so a second DNS answer cannot slip a private one in.
Every read and write of that connection waits at most what is left of the fetch's deadline,
so a server that drips one byte at a time (even while sending its headers) cannot hold a
fetch longer than ``deadline``. Redirects are followed here, one hop at a time, without
reading the bodies of the redirect responses, and the body is inflated here, bounded by
``max_bytes`` at every step, so a small compressed body cannot swell in memory.

httpx has no public way to hand its transport a network backend: ``_Transport`` swaps in a
connection pool built with one (httpx and httpcore are pinned).
"""

from __future__ import annotations

import ipaddress
import math
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable
from types import TracebackType
from typing import Any, NoReturn

import httpcore
import httpx

from wirewatch.errors import FormatError, ReadError
from wirewatch.settings import Settings

MAX_REDIRECTS = 10
#: Content encodings wirewatch inflates itself; the servers are asked for these only.
ENCODINGS = {"gzip": 47, "x-gzip": 47, "deflate": 15}  # zlib wbits (47: gzip or zlib header)
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class Refused(Exception):
    """A host resolves to an address wirewatch does not fetch from (see ``refusal``)."""


def refusal(address: Address) -> str | None:
    """What kind of non-public address this is ("loopback", "private", ...), or None.

    An IPv4 address carried inside an IPv6 one (mapped, NAT64, 6to4) is judged itself.
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if inner is None and address in _NAT64:
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None:
            return refusal(inner)
    for kind in ("loopback", "link_local", "multicast", "unspecified", "private"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    if address.is_reserved or not address.is_global:
        return "non-public"
    return None


class Clock:
    """The deadline of the fetch under way, shared by every connection of one ``Fetcher``."""

    def __init__(self) -> None:
        self.until = math.inf
        self.cut = False  # whether the last wait was cut short by the deadline

    def start(self, seconds: float) -> None:
        self.until = time.monotonic() + seconds
        self.cut = False

    def stop(self) -> None:
        self.until = math.inf

    def left(self, timeout: float | None, late: type[httpcore.TimeoutException]) -> float | None:
        """``timeout`` cut to what is left before the deadline; raises ``late`` past it.

        Waits happen one at a time, so after a timeout ``cut`` tells which limit it was.
        """
        remaining = self.until - time.monotonic()
        self.cut = timeout is None or remaining <= timeout
        if remaining == math.inf:
            return timeout
        if remaining <= 0:
            raise late("the fetch is past its deadline")
        return min(timeout, remaining) if timeout is not None else remaining


class _Stream(httpcore.NetworkStream):
    """A connection whose every wait ends at the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, clock: Clock) -> None:
        self._inner = inner
        self._clock = clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._clock.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._clock.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = self._clock.left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, wait), self._clock)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Guard(httpcore.NetworkBackend):
    """Opens connections to checked addresses only, within the deadline."""

    def __init__(self, clock: Clock, allow_private: bool) -> None:
        self._clock = clock
        self._allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(host, port, self._clock.left(timeout, httpcore.ConnectTimeout))
        if not self._allow_private:
            for address in addresses:
                kind = refusal(address)
                if kind:
                    named = host if host == str(address) else f"{host} resolves to {address}, which"
                    raise Refused(f"{named} is a {kind} address")
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:  # like socket.create_connection: the next on failure
            wait = self._clock.left(timeout, httpcore.ConnectTimeout)
            try:
                stream = self._inner.connect_tcp(
                    str(address), port, wait, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _Stream(stream, self._clock)
        raise failure or httpcore.ConnectError(f"{host}: no address to connect to")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def resolve(host: str, port: int, seconds: float | None) -> list[Address]:
    """The addresses of ``host``, waiting at most ``seconds`` for the resolver.

    getaddrinfo cannot be interrupted, so it runs in a daemon thread that is left behind
    when it overruns; the fetch itself stops at its deadline.
    """
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    answer: list[Any] = []
    error: list[OSError] = []

    def look_up() -> None:
        try:
            answer.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            error.append(exc)

    worker = threading.Thread(target=look_up, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"{host}: no DNS answer in time")
    if error:
        raise httpcore.ConnectError(f"{host}: {error[0]}")
    found = [ipaddress.ip_address(info[4][0]) for info in answer]
    return list(dict.fromkeys(found))


class _Transport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that uses ``_Guard`` for every connection."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=backend
        )


class Fetcher:
    """One HTTP client for a run: ``get`` fetches one URL within the limits of ``settings``."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._clock = Clock()
        self._open: httpx.Client | None = None  # made at the first URL: files need none

    @property
    def _client(self) -> httpx.Client:
        if self._open is None:
            self._open = httpx.Client(
                transport=_Transport(_Guard(self._clock, self._settings.allow_private)),
                timeout=self._settings.timeout,
                follow_redirects=False,
                headers={
                    "User-Agent": self._settings.user_agent,
                    "Accept-Encoding": "gzip, deflate",
                },
            )
        return self._open

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._open is not None:
            self._open.close()

    def get(self, url: str) -> tuple[bytes, str]:
        """The body of ``url`` and its Content-Type; a ReadError or FormatError says why not."""
        settings = self._settings
        self._clock.start(settings.deadline)
        try:
            return self._follow(url)
        except Refused as exc:
            raise ReadError(
                f"{url}: {exc}; wirewatch fetches public addresses only (pass --allow-private "
                "to fetch from your own network)."
            ) from exc
        except httpx.TimeoutException as exc:
            if self._clock.cut:
                raise ReadError(
                    f"{url}: not fetched within the {settings.deadline:g}-second deadline; try "
                    "again later or raise --deadline."
                ) from exc
            raise ReadError(
                f"{url}: no answer within {settings.timeout:g} s; try again later or raise "
                "--timeout."
            ) from exc
        except httpx.HTTPError as exc:
            raise ReadError(
                f"{url}: could not fetch it ({type(exc).__name__}: {exc}); check the address "
                "and your connection."
            ) from exc
        finally:
            self._clock.stop()

    def _follow(self, url: str) -> tuple[bytes, str]:
        request = self._client.build_request("GET", url)
        for _hop in range(MAX_REDIRECTS + 1):
            response = self._client.send(request, stream=True)
            try:
                if response.next_request is None:
                    return self._body(url, response), response.headers.get("content-type", "")
                request = response.next_request  # the redirect's own body is never read
            finally:
                response.close()
        raise ReadError(f"{url}: more than {MAX_REDIRECTS} redirects; check the address.")

    def _body(self, url: str, response: httpx.Response) -> bytes:
        if response.status_code >= 400:
            raise ReadError(
                f"{url}: the server answered HTTP {response.status_code}; check the address."
            )
        limit = self._settings.max_bytes
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        declared = response.headers.get("content-length", "")
        if encoding == "identity" and declared.isdigit() and int(declared) > limit:
            too_big(url, int(declared), limit, known=True)
        return read_limited(url, response.iter_raw(), encoding, limit)


def read_limited(url: str, chunks: Iterable[bytes], encoding: str, limit: int) -> bytes:
    """The body from raw ``chunks``, inflated; refused as soon as it passes ``limit`` bytes."""
    inflate = _Inflater(url, encoding) if encoding not in ("", "identity") else None
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        part = chunk if inflate is None else inflate.feed(chunk, limit - size + 1)
        size += len(part)
        if size > limit:
            too_big(url, size, limit)
        parts.append(part)
    if inflate is not None:
        part = inflate.finish()
        size += len(part)
        if size > limit:
            too_big(url, size, limit)
        parts.append(part)
    return b"".join(parts)


def too_big(origin: str, size: int, limit: int, *, known: bool = False) -> NoReturn:
    """Raise the ReadError for an input over ``max_bytes`` (its whole ``size`` if ``known``)."""
    what = f"{size:,} bytes is over" if known else "it runs over"
    stopped = "" if known else f" (reading stopped at {size:,} bytes)"
    raise ReadError(
        f"{origin}: {what} the {limit:,}-byte limit{stopped}; split it into articles (JSONL) "
        "or raise --max-bytes."
    )


class _Inflater:
    """gzip or deflate, inflated a bounded piece at a time (never more than asked for)."""

    def __init__(self, url: str, encoding: str) -> None:
        if encoding not in ENCODINGS:
            raise FormatError(
                f"{url}: the server sent the body as {encoding!r}, which wirewatch does not "
                "read (it asks for gzip or deflate only); fetch it another way."
            )
        self._url = url
        self._encoding = encoding
        self._inflate = zlib.decompressobj(ENCODINGS[encoding])
        self._started = False

    def feed(self, data: bytes, most: int) -> bytes:
        try:
            out = self._inflate.decompress(data, most)
        except zlib.error as exc:
            if self._encoding != "deflate" or self._started:
                raise self._broken(exc) from exc
            self._inflate = zlib.decompressobj(-15)  # raw deflate, without the zlib header
            try:
                out = self._inflate.decompress(data, most)
            except zlib.error as again:
                raise self._broken(again) from again
        self._started = True
        return out

    def finish(self) -> bytes:
        try:
            return self._inflate.flush()
        except zlib.error as exc:
            raise self._broken(exc) from exc

    def _broken(self, exc: zlib.error) -> FormatError:
        return FormatError(
            f"{self._url}: the body is not valid {self._encoding} data ({exc}); check the address."
        )
