"""iter_inputs: every kind of input -> RawDocuments, or Failures with a one-line reason.

Nothing here raises for a bad input: a missing path, a binary or empty file, a
page over the size cap, an unreachable URL or a feed that is an HTML page each
become a ``Failure`` and the batch goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.errors import FetchError, RashomonError
from rashomon.ingest.decode import decode_bytes
from rashomon.ingest.feeds import FeedEntry, entry_document, looks_like_feed, parse_feed
from rashomon.ingest.fetch import Fetched, Resolver, fetch_url
from rashomon.ingest.files import (
    MAX_FILE_BYTES,
    iter_jsonl,
    kind_of,
    read_capped,
    read_html,
    read_text,
    sniff_kind,
)
from rashomon.ingest.warc import iter_warc
from rashomon.models import Failure, RawDocument

logger = logging.getLogger(__name__)

Item = RawDocument | Failure
MAX_REASON = 300


@dataclass(frozen=True)
class _Context:
    """Fetch settings shared by every input of one call."""

    allow_private: bool
    timeout: float
    transport: Any = None
    resolver: Resolver | None = None

    def fetch(self, url: str) -> Fetched:
        return fetch_url(url, allow_private=self.allow_private, timeout=self.timeout,
                         transport=self.transport, resolver=self.resolver)


def _one_line(message: str) -> str:
    line = " ".join(message.split()) or "unknown error"
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Pass items through; an exception becomes a Failure for ``source`` and ends this input."""
    try:
        yield from items
    except FetchError as exc:
        yield Failure(source, _one_line(str(exc)), stage="fetch")
    except RashomonError as exc:
        yield Failure(source, _one_line(str(exc)))
    except MemoryError:
        yield Failure(source, "out of memory reading this input")
    except Exception as exc:  # a bad input must never stop the batch
        logger.exception("unexpected error reading %s", source)
        yield Failure(source, _one_line(f"unexpected {type(exc).__name__}: {exc}"))


def _page(source: str, fetched: Fetched, published: str | None = None) -> RawDocument:
    """A fetched page (or plain text) as a RawDocument."""
    text = decode_bytes(fetched.content, fetched.encoding)
    if fetched.content_type == "text/plain":
        return RawDocument(source=source, url=fetched.final_url, text=text, published=published)
    return RawDocument(source=source, url=fetched.final_url, html=text, published=published)


def _entry_items(entry: FeedEntry, source: str, ctx: _Context) -> Iterator[Item]:
    """A feed entry: its own full content, or the page its link points to."""
    if entry.html:
        yield entry_document(entry, source)
    elif entry.url:
        yield _page(entry.url, ctx.fetch(entry.url), published=entry.published)
    else:
        yield Failure(source, "feed entry without a link or full content")


def _feed_items(content: bytes, source: str, ctx: _Context) -> Iterator[Item]:
    entries = parse_feed(content, source)
    if not entries:
        yield Failure(source, "feed has no entries")
    for entry in entries:
        yield from _guarded(entry.url or source, _entry_items(entry, source, ctx))


def _url_items(url: str, ctx: _Context) -> Iterator[Item]:
    """A URL: a page, or a feed whose entries are read in turn."""
    fetched = ctx.fetch(url)
    if looks_like_feed(fetched.content, fetched.content_type):
        yield from _feed_items(fetched.content, url, ctx)
    else:
        yield _page(url, fetched)


def _file_items(path: Path, ctx: _Context) -> Iterator[Item]:
    """One local file, by extension (or by its first bytes when the extension is unknown)."""
    kind = kind_of(path) or sniff_kind(path)
    if kind == "html":
        yield read_html(path)
    elif kind == "text":
        yield read_text(path)
    elif kind == "jsonl":
        yield from iter_jsonl(path)
    elif kind == "warc":
        yield from iter_warc(str(path), MAX_FILE_BYTES)
    else:
        yield from _feed_items(read_capped(path), str(path), ctx)


def walk_directory(root: Path) -> list[Path]:
    """Files under ``root`` (recursive, sorted by path, hidden ones skipped) that we can read."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / n for n in filenames if not n.startswith(".") and kind_of(n))
    return sorted(found)


def _input_items(item: str, ctx: _Context) -> Iterator[Item]:
    """Everything one command-line input stands for."""
    if item.lower().startswith(("http://", "https://")):
        yield from _guarded(item, _url_items(item, ctx))
        return
    if "://" in item:
        yield Failure(item, f"unsupported URL scheme in {item!r} (only http and https)")
        return
    path = Path(item)
    if path.is_dir():
        files = walk_directory(path)
        if not files:
            yield Failure(item, "no readable files in the directory "
                                "(.html .htm .txt .md .jsonl .warc .xml .rss .atom)")
        for file in files:
            yield from _guarded(str(file), _file_items(file, ctx))
    elif path.is_file():
        yield from _guarded(item, _file_items(path, ctx))
    elif path.exists():
        yield Failure(item, "not a regular file or directory")
    else:
        yield Failure(item, "no such file or directory")


def _count_file(path: Path) -> int | None:
    """Documents one file will give: lines of a JSONL, 1 for a page; None for feeds and WARC."""
    kind = kind_of(path) or "html"
    if kind == "jsonl":
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    return None if kind in ("feed", "warc") else 1


def count_inputs(inputs: Iterable[str]) -> int | None:
    """How many items iter_inputs will yield, for a progress bar; None when it cannot be known
    without fetching (URLs) or parsing (feeds, WARC)."""
    total = 0
    for item in map(str, inputs):
        if "://" in item:
            return None
        path = Path(item)
        files = walk_directory(path) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            count = _count_file(file)
            if count is None:
                return None
            total += count
        total += not files  # a missing path or an empty directory is one Failure
    return total


def iter_inputs(inputs: Iterable[str], *, allow_private: bool = False, timeout: float = 20.0,
                transport: Any = None, resolver: Resolver | None = None) -> Iterator[Item]:
    """Read every input (files, directories, URLs, feeds, JSONL, WARC); never raises for bad input.

    ``transport`` (an httpx transport) and ``resolver`` are for tests and embedding.
    """
    ctx = _Context(allow_private=allow_private, timeout=timeout, transport=transport,
                   resolver=resolver)
    for item in inputs:
        yield from _guarded(str(item), _input_items(str(item), ctx))
