"""HTTP exchanges bounded in time, in bytes and in where they may connect.

httpx's timeouts are per operation: a server that drips one header byte
every few seconds never trips them, and redirects may lead anywhere. So
Kontext's requests go through ``GuardedTransport``, an httpx transport over
an httpcore pool whose network backend:

- gives every connect, TLS handshake, read and write at most the time left
  until the exchange's deadline (``exchange(timeout)``), so the deadline
  covers connect, headers and body together, in wall-clock time;
- resolves host names itself and refuses, before connecting, link-local,
  private, metadata and unspecified addresses unless the first URL (the one
  the user gave) already was of that kind; it then connects to the checked
  address, so a second lookup cannot swap it.

``read_capped`` reads a body with a cap on the decompressed bytes.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

from enrich.loopback import is_loopback
from enrich.messages import format_size

# Kinds of address; a redirect may reach "public" ones and the first URL's kind.
PUBLIC = "public"


class DestinationRefused(Exception):
    """A request would connect to an address Kontext does not reach on its own."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        where = host if host == address else f"{host} ({address})"
        super().__init__(f"it leads to {where}, a {kind} address")
        self.host = host
        self.address = address
        self.kind = kind


class HostNotFound(httpcore.ConnectError):
    """The name does not resolve (or its lookup outlasted the deadline)."""


class BodyTooLarge(Exception):
    """The (decompressed) body passed its cap."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"larger than {format_size(limit)}")
        self.limit = limit


@dataclass(slots=True)
class Exchange:
    """One request with its redirects: the deadline and the address kinds allowed."""

    deadline: float
    timeout: float
    first_host: str | None = None
    allowed: set[str] = field(default_factory=lambda: {PUBLIC})
    trusted_hosts: frozenset[str] = frozenset()

    def left(self) -> float:
        return self.deadline - time.monotonic()


_current: contextvars.ContextVar[Exchange | None] = contextvars.ContextVar(
    "kontext_exchange", default=None
)


@contextmanager
def exchange(timeout: float, *, trusted_hosts: frozenset[str] = frozenset()) -> Iterator[Exchange]:
    """Everything sent and read inside this block ends by ``timeout`` seconds from now."""
    current = Exchange(time.monotonic() + timeout, timeout, trusted_hosts=trusted_hosts)
    token = _current.set(current)
    try:
        yield current
    finally:
        _current.reset(token)


def address_kind(address: str) -> str:
    """public, loopback, private, link-local (metadata included) or unspecified."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_private or ip.is_reserved or ip.is_multicast or not ip.is_global:
        return "private"
    return PUBLIC


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """The per-operation timeout, cut to what is left of the exchange's deadline."""
    current = _current.get()
    if current is None:
        return timeout
    left = current.left()
    if left <= 0:
        raise error(f"no time left (the whole exchange may take {current.timeout:g} s)")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the exchange's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolve, check the address, connect to it; all within the deadline."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        address = checked_address(host, port)  # name lookup: not bounded by the deadline
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(address, port, bounded, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("Kontext does not connect to unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def checked_address(host: str, port: int) -> str:
    """Resolve ``host`` and return the address to connect to, or ``DestinationRefused``."""
    infos = _resolve(host, port)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise HostNotFound(f"host not found: {host}")
    current = _current.get()
    if current is None:
        return addresses[0]
    if current.first_host is None or host in current.trusted_hosts:
        # The address the user gave: allowed whatever it is, and its kind
        # becomes allowed for redirects too (a loopback test server, a LAN wiki).
        current.first_host = current.first_host or host
        current.allowed.update(address_kind(a) for a in addresses)
        return addresses[0]
    if host == current.first_host:
        return addresses[0]
    for address in addresses:
        kind = address_kind(address)
        if kind not in current.allowed:
            raise DestinationRefused(host, address, kind)
    return addresses[0]


def _resolve(host: str, port: int) -> list[Any]:
    """getaddrinfo, given only the time left: a stuck resolver must not outlast the
    deadline. The lookup runs in a daemon thread that is left to finish on its own."""
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    else:  # a literal address: nothing to wait for
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    answer: list[Any] = []
    done = threading.Event()

    def lookup() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            answer.append(exc)
        finally:
            done.set()

    threading.Thread(target=lookup, name="kontext-resolve", daemon=True).start()
    current = _current.get()
    if not done.wait(None if current is None else max(0.0, current.left())):
        raise HostNotFound(f"looking up {host} took too long")
    if isinstance(answer[0], BaseException):
        raise HostNotFound(f"host not found: {host}") from answer[0]
    return list(answer[0])


def _mapped(exc: Exception, request: httpx.Request) -> Exception:
    """httpcore's exception as httpx's class of the same name (what callers catch)."""
    for cls in type(exc).__mro__:
        target = getattr(httpx, cls.__name__, None)
        if isinstance(target, type) and issubclass(target, httpx.TransportError):
            return target(str(exc), request=request)
    return httpx.TransportError(str(exc), request=request)


class _BodyStream(httpx.SyncByteStream):
    """The response body from httpcore, its errors turned into httpx's."""

    def __init__(self, inner: Any, request: httpx.Request) -> None:
        self._inner = inner
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._inner
        except httpcore.TimeoutException as exc:
            raise _mapped(exc, self._request) from exc
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise _mapped(exc, self._request) from exc

    def close(self) -> None:
        if hasattr(self._inner, "close"):
            self._inner.close()


class GuardedTransport(httpx.BaseTransport):
    """httpx transport: http(s) only, checked addresses, deadline-bound sockets."""

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext | None = None,
        proxy: str | None = None,
        max_connections: int = 10,
    ) -> None:
        backend = GuardedBackend()
        context = ssl_context or httpx.create_ssl_context()
        self.trusted_hosts: frozenset[str] = frozenset()
        if proxy:
            url = httpx.URL(proxy)
            self.trusted_hosts = frozenset({url.host})
            self._pool: httpcore.ConnectionPool = httpcore.HTTPProxy(
                proxy_url=str(url),
                ssl_context=context,
                max_connections=max_connections,
                network_backend=backend,
            )
        else:
            self._pool = httpcore.ConnectionPool(
                ssl_context=context, max_connections=max_connections, network_backend=backend
            )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(
                f"only http:// and https:// are followed, not {request.url.scheme}:",
                request=request,
            )
        assert isinstance(request.stream, httpx.SyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        try:
            response = self._pool.handle_request(core_request)
        except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise _mapped(exc, request) from exc
        except httpcore.UnsupportedProtocol as exc:
            raise httpx.UnsupportedProtocol(str(exc), request=request) from exc
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_BodyStream(response.stream, request),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


def env_proxy(url: str) -> str | None:
    """The environment's proxy for ``url`` (http_proxy, https_proxy, no_proxy), if any."""
    import urllib.request

    parts = httpx.URL(url)
    if is_loopback(parts.host):
        return None
    proxies = urllib.request.getproxies()
    if parts.scheme in proxies and not urllib.request.proxy_bypass(parts.host):
        return proxies[parts.scheme]
    return None


def read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The decompressed body, or ``BodyTooLarge`` as soon as it passes ``max_bytes``.

    httpx decompresses one network chunk (64 KiB) at a time, so even a
    gzip bomb costs at most one chunk's expansion beyond the cap.
    """
    declared = response.headers.get("content-length", "")
    encoded = response.headers.get("content-encoding", "identity").lower() not in ("", "identity")
    if declared.isdigit() and int(declared) > max_bytes and not encoded:
        raise BodyTooLarge(max_bytes)
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise BodyTooLarge(max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)
