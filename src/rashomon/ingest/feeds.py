"""RSS/Atom feeds (feedparser): entries become URLs to fetch, or documents
directly when the feed carries the full article."""

from __future__ import annotations

import html
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

import feedparser

from rashomon.errors import IngestError
from rashomon.models import RawDocument

logger = logging.getLogger(__name__)

FULL_CONTENT_MIN_CHARS = 500  # shorter entry content is a teaser: fetch the page instead
MAX_ENTRIES = 500
_FEED_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b", re.DOTALL | re.IGNORECASE)
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/x-rss+xml", "application/feed+xml"})


@dataclass
class FeedEntry:
    """One feed item: its link, and the full article HTML when the feed carries it."""

    url: str | None
    title: str | None
    published: str | None
    author: str | None
    html: str | None


def looks_like_feed(content: bytes, content_type: str | None = None) -> bool:
    """True for RSS/Atom content (by its first element, or a feed MIME type)."""
    return bool(_FEED_START.match(content[:4096])) or (content_type or "") in FEED_TYPES


def looks_like_html(content: bytes) -> bool:
    """True when the bytes start like an HTML page."""
    return bool(_HTML_START.search(content[:4096]))


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _full_html(entry: Any) -> str | None:
    """The entry's article HTML when it is long enough to be the full text."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(_TAG.sub(" ", value).strip()) >= FULL_CONTENT_MIN_CHARS:
            return value
    return None


def parse_feed(content: bytes, source: str) -> list[FeedEntry]:
    """The entries of a feed; IngestError when the content is not a feed."""
    parsed = feedparser.parse(content)
    if not parsed.get("version") and not parsed.entries:
        if looks_like_html(content):
            raise IngestError("not a feed: the content is an HTML page")
        raise IngestError("not a feed: no RSS or Atom entries found")
    entries = parsed.entries[:MAX_ENTRIES]
    if len(parsed.entries) > MAX_ENTRIES:
        logger.warning("%s: only the first %d of %d entries are read", source, MAX_ENTRIES,
                       len(parsed.entries))
    return [FeedEntry(url=e.get("link"), title=e.get("title"), published=_entry_date(e),
                      author=e.get("author"), html=_full_html(e)) for e in entries]


def entry_document(entry: FeedEntry, source: str) -> RawDocument:
    """A RawDocument for an entry that carries its full article."""
    title = html.escape(entry.title or "")
    page = (f"<html><head><title>{title}</title></head><body><article>"
            f"{entry.html}</article></body></html>")
    return RawDocument(source=entry.url or source, url=entry.url, html=page, title=entry.title,
                       published=entry.published, author=entry.author)
