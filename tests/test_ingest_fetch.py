"""fetch_url: SSRF guard (before connecting and on every redirect), caps and content types;
and URL / feed inputs through iter_inputs against a real local HTTP server. No internet."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest

from rashomon import __version__
from rashomon.errors import BlockedAddressError, FetchError
from rashomon.extract import extract_article
from rashomon.ingest import fetch_url, iter_inputs
from rashomon.ingest.fetch import Fetched, blocked_reason
from rashomon.models import Failure, RawDocument

FIX = Path(__file__).parent / "fixtures" / "ingest"
PAGE = (FIX / "pages" / "story_one.html").read_bytes()
DNS = {"news.example": ["93.184.216.34"], "intranet.example": ["10.0.0.5"],
       "metadata.example": ["169.254.169.254"], "split.example": ["93.184.216.34", "192.168.1.7"],
       "mapped.example": ["::ffff:127.0.0.1"]}


def resolver(host: str, port: int) -> list[str]:
    if host not in DNS:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return DNS[host]


class Recorder:
    """A MockTransport handler that records requests and answers from a route table."""

    def __init__(self, routes: dict[str, Callable[[httpx.Request], httpx.Response]]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.routes[request.url.path](request)

    def fetch(self, url: str, **kwargs: Any) -> Fetched:
        return fetch_url(url, transport=httpx.MockTransport(self), resolver=resolver, **kwargs)


def html(body: bytes = PAGE, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda r: httpx.Response(200, headers={"content-type": "text/html; charset=utf-8",
                                                  **headers}, content=body)


def redirect(to: str, status: int = 302) -> Callable[[httpx.Request], httpx.Response]:
    return lambda r: httpx.Response(status, headers={"location": to})


def test_public_host_is_fetched_at_the_checked_address() -> None:
    rec = Recorder({"/story": html()})
    fetched = rec.fetch("https://news.example/story")
    assert fetched.status == 200 and fetched.content == PAGE
    assert fetched.content_type == "text/html" and fetched.encoding == "utf-8"
    assert fetched.final_url == "https://news.example/story"
    (request,) = rec.requests
    assert request.url.host == "93.184.216.34"
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"
    assert request.headers["user-agent"] == (
        f"rashomon/{__version__} (+https://github.com/rashomon-news/rashomon)")


@pytest.mark.parametrize(("url", "kind"), [
    ("http://127.0.0.1/admin", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://10.1.2.3/", "private"),
    ("http://intranet.example/wiki", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://metadata.example/", "link-local"),
    ("http://split.example/", "private"),
    ("http://mapped.example/", "loopback"),
    ("http://[::ffff:10.0.0.1]/", "private"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://100.64.0.1/", "non-public"),
])
def test_non_public_addresses_are_refused_before_connecting(url: str, kind: str) -> None:
    rec = Recorder({})
    with pytest.raises(BlockedAddressError, match=f"a {kind} address") as info:
        rec.fetch(url)
    assert "--allow-private" in str(info.value)
    assert rec.requests == []


def test_localhost_is_refused_with_the_system_resolver() -> None:
    with pytest.raises(BlockedAddressError, match="localhost resolves to .* a loopback address"):
        fetch_url("http://localhost:9/", transport=httpx.MockTransport(html()))


@pytest.mark.parametrize("target", [
    "http://intranet.example/secrets",
    "http://169.254.169.254/latest/meta-data/iam/",
    "http://127.0.0.1:6379/",
    "/relative-then-public",  # sanity: a relative redirect on a public host is fine
])
def test_every_redirect_hop_is_checked(target: str) -> None:
    rec = Recorder({"/start": redirect(target), "/relative-then-public": html()})
    if target.startswith("/"):
        assert rec.fetch("https://news.example/start").final_url == (
            "https://news.example/relative-then-public")
        return
    with pytest.raises(BlockedAddressError):
        rec.fetch("https://news.example/start")
    assert [r.url.path for r in rec.requests] == ["/start"]


def test_redirect_to_another_scheme_is_refused() -> None:
    rec = Recorder({"/start": redirect("file:///etc/passwd")})
    with pytest.raises(FetchError, match="unsupported URL scheme 'file'"):
        rec.fetch("https://news.example/start")


def test_allow_private_lets_private_hosts_through() -> None:
    rec = Recorder({"/wiki": html()})
    fetched = rec.fetch("http://intranet.example/wiki", allow_private=True)
    assert fetched.status == 200
    assert rec.requests[0].url.host == "intranet.example"


def test_redirect_cap() -> None:
    rec = Recorder({"/loop": redirect("/loop", 301)})
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        rec.fetch("https://news.example/loop", max_redirects=3)
    assert len(rec.requests) == 4


def test_oversize_streamed_body_is_cut_at_the_cap() -> None:
    def chunks() -> Iterator[bytes]:
        while True:
            yield b"x" * 65536

    rec = Recorder({"/big": lambda r: httpx.Response(200, headers={"content-type": "text/html"},
                                                     content=chunks())})
    with pytest.raises(FetchError, match="too large: body over the 1048576 byte cap"):
        rec.fetch("https://news.example/big", max_bytes=1024 * 1024)


def test_declared_oversize_body_is_refused_unread() -> None:
    rec = Recorder({"/big": html(b"small", **{"content-length": str(50 * 1024 * 1024)})})
    with pytest.raises(FetchError, match="too large: 52428800 bytes"):
        rec.fetch("https://news.example/big")


@pytest.mark.parametrize("ctype", ["application/pdf", "image/jpeg", "application/octet-stream",
                                   "video/mp4"])
def test_wrong_content_type_is_refused(ctype: str) -> None:
    rec = Recorder({"/file": lambda r: httpx.Response(200, headers={"content-type": ctype},
                                                      content=b"%PDF-1.7")})
    with pytest.raises(FetchError, match=f"unsupported content type {ctype}"):
        rec.fetch("https://news.example/file")


@pytest.mark.parametrize("ctype", ["application/rss+xml", "application/atom+xml", "text/xml",
                                   "text/plain; charset=utf-8", "application/xhtml+xml"])
def test_feed_xml_and_text_types_are_accepted(ctype: str) -> None:
    rec = Recorder({"/x": lambda r: httpx.Response(200, headers={"content-type": ctype},
                                                   content=b"<rss/>")})
    assert rec.fetch("https://news.example/x").content == b"<rss/>"


def test_http_errors_timeouts_and_dns_failures() -> None:
    rec = Recorder({"/gone": lambda r: httpx.Response(404)})
    with pytest.raises(FetchError, match="HTTP 404 Not Found"):
        rec.fetch("https://news.example/gone")
    with pytest.raises(FetchError, match="cannot resolve host nowhere.example"):
        rec.fetch("https://nowhere.example/")

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    with pytest.raises(FetchError, match="timed out after 2s"):
        fetch_url("https://news.example/", timeout=2, transport=httpx.MockTransport(slow),
                  resolver=resolver)
    with pytest.raises(FetchError, match="unsupported URL scheme 'file'"):
        fetch_url("file:///etc/passwd")


@pytest.mark.parametrize(("ip", "reason"), [
    ("8.8.8.8", None), ("2606:4700:4700::1111", None), ("127.0.0.2", "loopback"),
    ("172.16.5.4", "private"), ("192.168.0.1", "private"), ("fe80::1", "link-local"),
    ("fc00::1", "private"), ("::", "unspecified"), ("240.0.0.1", "reserved"),
    ("2002:7f00:1::", "loopback"),  # 6to4 wrapping 127.0.0.1
])
def test_blocked_reason(ip: str, reason: str | None) -> None:
    assert blocked_reason(ip) == reason


# --- a real HTTP server on 127.0.0.1 ---------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        status, ctype, body = self.routes.get(self.path, (404, "text/html", b"not found"))
        self.send_response(status)
        if status in (301, 302):
            self.send_header("Location", ctype)
        else:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    feed = (FIX / "feed_links.atom").read_text("utf-8").replace("{base}", base).encode()
    _Handler.routes = {
        "/news/schools-reopen": (200, "text/html; charset=utf-8", PAGE),
        "/feed.atom": (200, "application/atom+xml", feed),
        "/full.rss": (200, "text/xml", (FIX / "feed_full.rss").read_bytes()),
        "/fake-feed.rss": (200, "application/rss+xml", PAGE),
        "/moved": (302, "/news/schools-reopen", b""),
        "/brief.txt": (200, "text/plain; charset=utf-8",
                       b"Border crossing reopens\n\nWAGAH: The crossing reopened on Friday."),
        "/photo.jpg": (200, "image/jpeg", b"\xff\xd8\xff\xe0"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def test_real_fetch_works_with_allow_private(server: str) -> None:
    fetched = fetch_url(f"{server}/moved", allow_private=True, timeout=5)
    assert fetched.status == 200 and fetched.content == PAGE
    assert fetched.final_url == f"{server}/news/schools-reopen"


def test_real_fetch_is_refused_without_allow_private(server: str) -> None:
    with pytest.raises(BlockedAddressError, match="127.0.0.1 is a loopback address"):
        fetch_url(f"{server}/news/schools-reopen", timeout=5)


def test_url_inputs(server: str) -> None:
    page, text, refused, image = list(iter_inputs(
        [f"{server}/news/schools-reopen", f"{server}/brief.txt", f"{server}/photo.jpg"],
        allow_private=True, timeout=5)) + list(iter_inputs([f"{server}/photo.jpg"],
                                                           allow_private=False, timeout=5))
    assert isinstance(page, RawDocument) and page.source == page.url == (
        f"{server}/news/schools-reopen")
    assert extract_article(page).title == "Schools reopen in Poonch after shelling stops"
    assert isinstance(text, RawDocument) and text.html is None
    assert extract_article(text).dateline.text == "WAGAH:"  # type: ignore[union-attr]
    assert isinstance(refused, Failure) and refused.stage == "fetch"
    assert refused.reason == "unsupported content type image/jpeg (want HTML, XML, RSS/Atom or text)"
    assert isinstance(image, Failure) and "loopback" in image.reason


def test_feed_url_entries_are_fetched(server: str) -> None:
    items = list(iter_inputs([f"{server}/feed.atom"], allow_private=True, timeout=5))
    assert len(items) == 2
    page, missing = items
    assert isinstance(page, RawDocument) and page.published == "2025-05-12"
    assert page.url == f"{server}/news/schools-reopen"
    assert isinstance(missing, Failure) and missing.stage == "fetch"
    assert missing.source == f"{server}/news/missing-page"
    assert missing.reason.startswith("HTTP 404")


def test_full_content_feed_url_needs_no_further_fetch(server: str) -> None:
    items = list(iter_inputs([f"{server}/full.rss"], allow_private=True, timeout=5))
    assert [i.source for i in items] == [
        "https://www.bordergazette.example/news/farmers-return-fields",
        "https://www.bordergazette.example/business/markets-rally"]
    assert all(isinstance(i, RawDocument) and i.html for i in items)


def test_feed_url_that_serves_html_fails(server: str) -> None:
    (failure,) = iter_inputs([f"{server}/fake-feed.rss"], allow_private=True, timeout=5)
    assert isinstance(failure, Failure)
    assert failure.reason == "not a feed: the content is an HTML page"


def test_unreachable_url_fails() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (failure,) = iter_inputs([f"http://127.0.0.1:{port}/"], allow_private=True, timeout=3)
    assert isinstance(failure, Failure) and failure.stage == "fetch"
    assert failure.reason.startswith(f"cannot connect to http://127.0.0.1:{port}/")
