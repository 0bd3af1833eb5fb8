"""Stable ids and registrable domains; text and URL normalisation come from ``dedup``
so the extractor's ``text_hash`` is the one the store compares."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from tld import get_fld

from rashomon.dedup import normalize_text, normalize_url, text_hash

__all__ = ["article_id", "normalize_text", "normalize_url", "registrable_domain", "sha1_hex",
           "text_hash"]


def sha1_hex(text: str) -> str:
    """Hex SHA-1 of a UTF-8 string."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def article_id(url: str | None, text: str) -> str:
    """16 hex chars: hash of the normalised URL when there is one, else the text hash."""
    key = normalize_url(url) if url else None
    return sha1_hex(key)[:16] if key else text_hash(text)[:16]


def registrable_domain(url: str | None) -> str | None:
    """The registrable domain of ``url`` ("edition.cnn.com" -> "cnn.com"), without "www."."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    if not host:
        return None
    fld = get_fld(host, fix_protocol=True, fail_silently=True)
    return str(fld or host).removeprefix("www.")
