"""Stable ids and hashes: normalised URLs, normalised text, registrable domains."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tld import get_fld

_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|ito)$",
                       re.IGNORECASE)


def normalize_text(text: str) -> str:
    """Lowercase, punctuation stripped, whitespace collapsed: the form hashed for duplicates."""
    return _SPACE.sub(" ", _PUNCT.sub(" ", text.lower())).strip()


def normalize_url(url: str) -> str:
    """``host/path?query`` with scheme, ``www.``, fragment and tracking parameters dropped."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING.match(k))
    return urlunsplit(("", netloc, path, urlencode(query), "")).lstrip("/")


def sha1_hex(text: str) -> str:
    """Hex SHA-1 of a UTF-8 string."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    """SHA-1 of the normalised text (same story, different spacing or quotes: same hash)."""
    return sha1_hex(normalize_text(text))


def article_id(url: str | None, text: str) -> str:
    """16 hex chars: hash of the normalised URL when there is one, else of the text."""
    key = normalize_url(url) if url else normalize_text(text)
    return sha1_hex(key)[:16]


def registrable_domain(url: str | None) -> str | None:
    """The registrable domain of ``url`` ("edition.cnn.com" -> "cnn.com"), without "www."."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    if not host:
        return None
    fld = get_fld(host, fix_protocol=True, fail_silently=True)
    return str(fld or host).removeprefix("www.")
