"""WARC files (warcio): every HTML response record becomes a document."""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from rashomon.errors import DecodeError
from rashomon.ingest.decode import decode_bytes
from rashomon.models import Failure, RawDocument

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _content_type(record: Any) -> str:
    headers = record.http_headers or record.rec_headers
    return (headers.get_header("Content-Type") or "").lower()


def _is_html_page(record: Any) -> bool:
    """A 2xx HTTP response (or a resource record) whose payload is HTML."""
    if record.rec_type not in ("response", "resource"):
        return False
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return False
    return _content_type(record).split(";")[0].strip() in HTML_TYPES


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _document(record: Any, path: str, max_bytes: int) -> RawDocument | Failure:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    source = f"{path}#{uri}"
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Failure(source, f"too large: record over the {max_bytes} byte cap")
    try:
        text = decode_bytes(data, _charset(_content_type(record)))
    except DecodeError as exc:
        return Failure(source, str(exc))
    return RawDocument(source=source, url=uri or None, html=text)


def _starts_like_warc(path: str) -> bool:
    """True when the file (gunzipped if needed) opens with a WARC or ARC record header."""
    with open(path, "rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        if head == b"\x1f\x8b":
            with gzip.open(fh) as gz:
                head = gz.read(8)
        else:
            head = fh.read(8)
    return head.startswith((b"WARC/", b"filedesc"))


def iter_warc(path: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    """Documents of the HTML response records of a WARC (.warc or .warc.gz)."""
    found = 0
    try:
        if not _starts_like_warc(path):
            yield Failure(path, "broken WARC file: it does not start with a WARC record")
            return
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if _is_html_page(record):
                    found += 1
                    yield _document(record, path, max_bytes)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        yield Failure(path, f"broken WARC file: {exc}".splitlines()[0])
        return
    if not found:
        yield Failure(path, "no HTML response records in the WARC file")
