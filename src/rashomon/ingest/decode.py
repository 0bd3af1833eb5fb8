"""Bytes -> text for web pages and text files, and refusal of binary data.

Order: byte-order mark, BOM-less UTF-16, binary check, strict UTF-8, the declared
charset (HTTP header or <meta>/XML declaration), then Windows-1252 (which
browsers use for pages labelled Latin-1 and for most unlabelled legacy pages).
"""

from __future__ import annotations

import codecs
import logging
import re

from rashomon.errors import DecodeError

logger = logging.getLogger(__name__)

SAMPLE = 4096
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_MAGIC = ((b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"GIF8", "GIF image"),
          (b"\xff\xd8\xff", "JPEG image"), (b"PK\x03\x04", "ZIP archive"),
          (b"\x1f\x8b", "gzip data"), (b"\x7fELF", "executable"), (b"BZh", "bzip2 data"),
          (b"\xfd7zXZ", "xz data"), (b"Rar!", "RAR archive"), (b"7z\xbc\xaf", "7z archive"),
          (b"ID3", "MP3 audio"), (b"OggS", "Ogg media"), (b"RIFF", "RIFF media"),
          (b"\x1aE\xdf\xa3", "WebM/Matroska video"), (b"\xd0\xcf\x11\xe0", "MS Office file"),
          (b"SQLite format 3", "SQLite database"))
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE)
_LATIN1_ALIASES = frozenset({"latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso_8859-1",
                             "us-ascii", "ascii", "l1", "cp819", "windows-1252", "cp1252"})
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def binary_kind(data: bytes) -> str | None:
    """What binary data this is ("PDF", "PNG image", "binary data"), or None for text."""
    head = data[:SAMPLE]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return "MP4/MOV media"
    if b"\x00" in head or len(_CONTROL.findall(head)) > max(8, len(head) // 20):
        return "binary data"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in BOM-less UTF-16 ASCII."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta> or its XML declaration."""
    m = _DECLARED.search(data[:SAMPLE])
    if not m:
        return None
    return (m.group(1) or m.group(2)).decode("ascii", "ignore").lower() or None


def _try(data: bytes, encoding: str | None) -> str | None:
    """Strict decode with ``encoding``, None when it fails or is unknown."""
    if not encoding:
        return None
    if encoding.lower() in _LATIN1_ALIASES:
        encoding = "cp1252"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _unicode_with_marks(data: bytes) -> str | None:
    """Decode data that carries a byte-order mark, or BOM-less UTF-16."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    utf16 = _utf16_without_bom(data[:SAMPLE])
    return data.decode(utf16, errors="replace") if utf16 else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a page or text file; raises DecodeError for empty or binary data."""
    if not data.strip():
        raise DecodeError("empty file")
    text = _unicode_with_marks(data)
    if text is not None:
        return text.lstrip("\ufeff")
    kind = binary_kind(data)
    if kind:
        raise DecodeError(f"binary file ({kind}), not text")
    text = _try(data, "utf-8") or _try(data, declared) or _try(data, declared_charset(data))
    if text is None:
        logger.debug("falling back to cp1252")
        text = data.decode("cp1252", errors="replace")
    return text
