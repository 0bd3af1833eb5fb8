"""Local files: HTML pages, text/Markdown with YAML front matter, JSONL article lines."""

from __future__ import annotations

import gzip
import json
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import yaml

from rashomon.errors import IngestError
from rashomon.ingest.dates import normalize_date
from rashomon.ingest.decode import decode_bytes
from rashomon.ingest.feeds import looks_like_feed, looks_like_html
from rashomon.models import Failure, RawDocument

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_LINE_BYTES = 10 * 1024 * 1024
MB = 1024 * 1024
KINDS = {".html.gz": "html", ".htm.gz": "html", ".warc.gz": "warc", ".html": "html",
         ".htm": "html", ".xhtml": "html", ".txt": "text", ".md": "text", ".markdown": "text",
         ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".xml": "feed", ".rss": "feed",
         ".atom": "feed"}
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)",
                           re.DOTALL)
_SCRIPT_STYLE = re.compile(r"<(script|style|template)\b.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>?")
_WORD = re.compile(r"\w{2,}")
# Front-matter / JSONL keys accepted for each RawDocument field, first found wins.
FIELD_KEYS = {"title": ("title", "headline"), "url": ("url", "link"),
              "outlet": ("outlet", "source_name", "publisher", "site"),
              "published": ("published", "date", "published_at", "pubdate"),
              "country": ("country",), "author": ("author", "byline"),
              "standfirst": ("standfirst", "description", "summary", "subtitle")}


def kind_of(path: Path | str) -> str | None:
    """The input kind of a file name by its extension, or None when we do not read it."""
    name = str(path).lower()
    return next((kind for suffix, kind in KINDS.items() if name.endswith(suffix)), None)


def _too_large(size: int, cap: int) -> IngestError:
    return IngestError(f"too large: {size / MB:.1f} MB, over the {cap // MB} MB cap")


def read_capped(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file (gunzipped for .gz), refusing anything over ``max_bytes``."""
    size = path.stat().st_size
    if path.name.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise IngestError(f"broken gzip file: {exc}") from exc
        if len(data) > max_bytes:
            raise IngestError(f"too large: over the {max_bytes // MB} MB cap once decompressed")
        return data
    if size > max_bytes:
        raise _too_large(size, max_bytes)
    return path.read_bytes()


def has_visible_text(html: str) -> bool:
    """True when the HTML has any words outside tags, scripts and styles."""
    return bool(_WORD.search(_TAG.sub(" ", _SCRIPT_STYLE.sub(" ", html[:MAX_FILE_BYTES]))))


def read_html(path: Path) -> RawDocument:
    """An HTML file as a RawDocument; IngestError when it is empty, binary or has no text."""
    text = decode_bytes(read_capped(path))
    if not has_visible_text(text):
        raise IngestError("HTML without any text")
    return RawDocument(source=str(path), html=text)


def _field(meta: dict[str, Any], name: str) -> str | None:
    for key in FIELD_KEYS[name]:
        value = meta.get(key)
        if value not in (None, ""):
            return normalize_date(value) if name == "published" else str(value).strip()
    return None


def document_from_meta(source: str, meta: dict[str, Any], **body: str | None) -> RawDocument:
    """A RawDocument from a metadata mapping (front matter or a JSONL object) and a body."""
    fields = {name: _field(meta, name) for name in FIELD_KEYS}
    return RawDocument(source=source, **fields, **body)  # type: ignore[arg-type]


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(YAML front matter as a dict, the rest); ({}, text) when there is none."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError as exc:
        raise IngestError(f"invalid YAML front matter: {str(exc).splitlines()[0]}") from exc
    if not isinstance(meta, dict):
        return {}, text  # a Markdown rule, not front matter
    return meta, text[m.end():]


def read_text(path: Path) -> RawDocument:
    """A .txt/.md file with optional YAML front matter (title, url, outlet, published...)."""
    meta, body = split_front_matter(decode_bytes(read_capped(path)))
    if not body.strip():
        raise IngestError("no text after the front matter")
    return document_from_meta(str(path), meta, text=body)


def _skip_rest_of_line(fh: IO[bytes]) -> None:
    while True:
        chunk = fh.readline(MB)
        if not chunk or chunk.endswith(b"\n"):
            return


def _jsonl_record(source: str, line: bytes) -> RawDocument | Failure:
    """One JSONL line as a RawDocument, or a Failure saying what is wrong with it."""
    try:
        obj = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return Failure(source, f"invalid JSON line: {exc}")
    if not isinstance(obj, dict):
        return Failure(source, "JSON line is not an object")
    html, text = obj.get("html"), obj.get("text")
    if not (isinstance(html, str) and html.strip()) and not (isinstance(text, str) and text.strip()):
        return Failure(source, "no 'html' or 'text' field")
    return document_from_meta(source, obj, html=html if isinstance(html, str) else None,
                              text=text if isinstance(text, str) else None)


def iter_jsonl(path: Path) -> Iterator[RawDocument | Failure]:
    """One document per non-empty line; source "path:LINE" (1-based)."""
    with path.open("rb") as fh:
        for number, line in enumerate(iter(lambda: fh.readline(MAX_LINE_BYTES + 1), b""), 1):
            source = f"{path}:{number}"
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                _skip_rest_of_line(fh)
                yield Failure(source, f"too large: line over the {MAX_LINE_BYTES // MB} MB cap")
            elif line.strip():
                yield _jsonl_record(source, line)


def sniff_kind(path: Path) -> str:
    """The kind of a file with an unknown extension, from its first bytes."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    sample = decode_bytes(head).encode("utf-8", "replace")  # DecodeError: empty or binary
    if looks_like_feed(sample):
        return "feed"
    return "html" if looks_like_html(sample) else "text"
