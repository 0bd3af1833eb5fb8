"""Fetch one URL safely: SSRF guard, redirect cap, size cap, content-type check.

The guard resolves the host and refuses private, loopback, link-local, reserved,
multicast and unspecified addresses before connecting and again on every
redirect hop. When the guard is on, the connection goes to the address that was
checked (the Host header and TLS server name keep the real host name), so a
second DNS answer cannot swap in an internal address.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from rashomon import __version__
from rashomon.errors import BlockedAddressError, FetchError

logger = logging.getLogger(__name__)

USER_AGENT = f"rashomon/{__version__} (+https://github.com/rashomon-news/rashomon)"
MAX_BYTES = 10 * 1024 * 1024
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8")
ALLOWED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/xml", "application/xml",
                           "application/rss+xml", "application/atom+xml", "application/rdf+xml",
                           "application/x-rss+xml", "application/feed+xml", "text/plain"})

Resolver = Callable[[str, int], list[str]]


@dataclass
class Fetched:
    """A fetched response body and what the server said about it."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str | None  # the MIME type, lowercased, without parameters
    content: bytes
    encoding: str | None  # charset from the Content-Type header


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (socket.getaddrinfo)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def blocked_reason(ip: str) -> str | None:
    """Why an address must not be fetched ("loopback", "private"...), or None when public."""
    addr: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address):
        addr = addr.ipv4_mapped or addr.sixtofour or addr
    checks = (("is_unspecified", "unspecified"), ("is_loopback", "loopback"),
              ("is_link_local", "link-local"), ("is_multicast", "multicast"),
              ("is_reserved", "reserved"), ("is_private", "private"))
    for attr, label in checks:
        if getattr(addr, attr):
            return label
    return None if addr.is_global else "non-public"


def _addresses(url: httpx.URL, resolver: Resolver) -> list[str]:
    """The addresses a URL's host stands for (IP literals need no DNS)."""
    host = url.host
    if not host:
        raise FetchError(f"URL has no host: {url}")
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host}: {exc}") from exc
    if not addresses:
        raise FetchError(f"cannot resolve host {host}")
    return addresses


def check_url(url: httpx.URL, resolver: Resolver = system_resolver) -> list[str]:
    """Resolve the URL's host; raise BlockedAddressError if any address is not public."""
    addresses = _addresses(url, resolver)
    for ip in addresses:
        reason = blocked_reason(ip)
        if reason:
            what = f"{ip} is" if ip == url.host else f"{url.host} resolves to {ip},"
            raise BlockedAddressError(f"refused {url}: {what} a {reason} address "
                                      "(allow with --allow-private)")
    return addresses


def _parse(url: str) -> httpx.URL:
    """An http(s) httpx.URL, or FetchError."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme {parsed.scheme!r} (only http and https)")
    return parsed


def _request(client: httpx.Client, url: httpx.URL, pin: str | None) -> httpx.Request:
    """A GET for ``url``, sent to the checked address ``pin`` when given."""
    if pin is None:
        return client.build_request("GET", url)
    return client.build_request("GET", url.copy_with(host=pin),
                                headers={"Host": url.netloc.decode("ascii")},
                                extensions={"sni_hostname": url.host})


def _check_type(response: httpx.Response) -> str | None:
    """The response's MIME type; FetchError when it is not a page, feed or text."""
    mime = response.headers.get("content-type", "").split(";")[0].strip().lower() or None
    if mime and mime not in ALLOWED_TYPES and not mime.endswith("+xml"):
        raise FetchError(f"unsupported content type {mime} (want HTML, XML, RSS/Atom or text)")
    return mime


def _read_body(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    """Stream the body, stopping at the size cap and the overall deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"too large: {int(declared)} bytes, over the {max_bytes} byte cap")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"too large: body over the {max_bytes} byte cap")
        if time.monotonic() > deadline:
            raise FetchError("timed out while reading the response body")
        chunks.append(chunk)
    return b"".join(chunks)


def _finish(response: httpx.Response, asked: str, current: httpx.URL, max_bytes: int,
            deadline: float) -> Fetched:
    """Check status and type, read the body, build the Fetched."""
    if response.status_code >= 400:
        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase} for {current}")
    mime = _check_type(response)
    content = _read_body(response, max_bytes, deadline)
    return Fetched(url=asked, final_url=str(current), status=response.status_code,
                   content_type=mime, content=content, encoding=response.charset_encoding)


def _redirect(current: httpx.URL, response: httpx.Response) -> httpx.URL | None:
    """The next hop when ``response`` is a redirect, else None."""
    location = response.headers.get("location")
    if response.status_code not in REDIRECT_CODES or not location:
        return None
    return _parse(str(current.join(location)))


@dataclass(frozen=True)
class _Options:
    """The caps and guard settings of one fetch."""

    allow_private: bool
    timeout: float
    max_bytes: int
    max_redirects: int
    resolver: Resolver


def _fetch(client: httpx.Client, url: str, opts: _Options) -> Fetched:
    """Follow redirects by hand, checking every hop before connecting."""
    current = _parse(url)
    deadline = time.monotonic() + 3 * opts.timeout
    for _hop in range(opts.max_redirects + 1):
        pin = None if opts.allow_private else check_url(current, opts.resolver)[0]
        response = client.send(_request(client, current, pin), stream=True)
        try:
            target = _redirect(current, response)
            if target is None:
                return _finish(response, url, current, opts.max_bytes, deadline)
            logger.debug("redirect %s -> %s", current, target)
            current = target
        finally:
            response.close()
    raise FetchError(f"too many redirects (more than {opts.max_redirects}) from {url}")


def fetch_url(url: str, *, allow_private: bool = False, timeout: float = 20.0,
              max_bytes: int = MAX_BYTES, max_redirects: int = 5,
              transport: httpx.BaseTransport | None = None,
              resolver: Resolver | None = None) -> Fetched:
    """GET ``url`` under the SSRF guard, redirect and size caps; raises FetchError subclasses."""
    opts = _Options(allow_private, timeout, max_bytes, max_redirects, resolver or system_resolver)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    try:
        with httpx.Client(transport=transport, timeout=httpx.Timeout(timeout), headers=headers,
                          follow_redirects=False) as client:
            return _fetch(client, url, opts)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {timeout:g}s fetching {url}") from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect to {url}: {exc}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__} fetching {url}: {exc}") from exc
