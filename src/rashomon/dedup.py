"""Exact and near duplicates: the same page twice, or one wire story syndicated by many outlets.

Exact duplicates share a normalised URL or a hash of the normalised text.
Near duplicates are found with datasketch MinHash over word shingles and
banded locality-sensitive hashing (LSH), then confirmed on the signatures: a
pair is a copy when its estimated Jaccard similarity reaches
``JACCARD_THRESHOLD``, or when the shorter text is almost wholly contained in
the longer one (a wire story trimmed by the outlet that reprinted it).

The LSH bands are plain integers (``band_keys``) so that the store can keep
them in an indexed table and find candidates with SQL, without loading every
signature into memory.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from datasketch import MinHash

logger = logging.getLogger(__name__)

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # uint32 hash values: 4 bytes per permutation when stored
# 32 bands of 4 rows: a pair with Jaccard 0.5 becomes a candidate with p = 0.87,
# 0.7 with p > 0.999, 0.1 with p = 0.003; candidates are then checked exactly.
BANDS, ROWS = 32, 4
# Copies measured: a lightly edited syndicated copy at Jaccard 0.78 (estimated 0.75);
# different stories on the same incident at <= 0.04. 0.6 leaves room for the
# MinHash estimate's noise (sd ~0.04 with 128 permutations) and heavier edits.
JACCARD_THRESHOLD = 0.6
CONTAINMENT_THRESHOLD = 0.8
MIN_CONTAINED_SHINGLES = 40  # shorter texts must pass on Jaccard alone

_WORD_RE = re.compile(r"\w+")
_TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "ref",
    "ref_src", "ref_url", "src", "smid", "sref", "igshid", "ito", "_ga", "amp",
})


def words(text: str) -> list[str]:
    """The words of ``text``: NFKC-normalised, case-folded, punctuation dropped."""
    return _WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold())


def normalize_text(text: str) -> str:
    """Text reduced to its words separated by single spaces (case, punctuation ignored)."""
    return " ".join(words(text))


def text_hash(text: str) -> str:
    """Hex digest of the normalised text: equal for texts that differ only in case,
    spacing or punctuation."""
    return hashlib.blake2b(normalize_text(text).encode("utf-8"), digest_size=16).hexdigest()


def normalize_url(url: str | None) -> str | None:
    """A key for "the same URL": no scheme, ``www.``, fragment, trailing slash or tracking
    parameters; the remaining query parameters sorted."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = (parts.hostname or "").rstrip(".")
    host = host.removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    path = path.rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not k.lower().startswith("utm_") and k.lower() not in _TRACKING_PARAMS)
    return netloc + path + ("?" + urlencode(query) if query else "")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Overlapping runs of ``size`` words; a shorter text gives one shingle of all its words."""
    ws = words(text)
    if len(ws) <= size:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i:i + size]) for i in range(len(ws) - size + 1)}


def minhash_of(items: Iterable[str]) -> MinHash:
    """A MinHash (``NUM_PERM`` permutations) of a set of shingles."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in items])
    return mh


def minhash(text: str) -> MinHash:
    """The MinHash of ``text``'s word shingles."""
    return minhash_of(shingles(text))


def signature_bytes(mh: MinHash) -> bytes:
    """The MinHash hash values as bytes (little-endian uint32), for storing."""
    return np.asarray(mh.hashvalues, dtype="<u4").tobytes()


def signature_array(data: bytes) -> np.ndarray:
    """The hash values stored by ``signature_bytes``, as a numpy array."""
    return np.frombuffer(data, dtype="<u4")


def minhash_from_bytes(data: bytes) -> MinHash:
    """Inverse of ``signature_bytes``."""
    values = signature_array(data).astype(np.uint32)
    return MinHash(num_perm=len(values), seed=SEED, scheme=SCHEME, hashvalues=values)


def band_keys(mh: MinHash | np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band; texts sharing any key are candidates."""
    values = np.asarray(mh.hashvalues if isinstance(mh, MinHash) else mh, dtype="<u4")
    rows = values[: BANDS * ROWS].reshape(BANDS, ROWS)
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + rows[band].tobytes(),
                                           digest_size=8).digest(), "little", signed=True)
            for band in range(BANDS)]


def is_empty(mh: MinHash | np.ndarray) -> bool:
    """True for the MinHash of no shingles at all (nothing to compare)."""
    values = np.asarray(mh.hashvalues if isinstance(mh, MinHash) else mh)
    return bool((values == np.iinfo(np.uint32).max).all())


@dataclass(frozen=True)
class Similarity:
    """Estimated overlap of two texts' shingle sets."""

    jaccard: float
    containment: float | None  # share of the shorter text found in the longer one

    def is_copy(self, smaller_size: int | None = None) -> bool:
        """Whether the pair counts as one story: similar enough, or one inside the other."""
        if self.jaccard >= JACCARD_THRESHOLD:
            return True
        return (self.containment is not None and self.containment >= CONTAINMENT_THRESHOLD
                and (smaller_size or 0) >= MIN_CONTAINED_SHINGLES)

    def reason(self) -> str:
        """Words for the decision, recorded on the stored copy."""
        if self.jaccard >= JACCARD_THRESHOLD or self.containment is None:
            return f"near-duplicate (jaccard {self.jaccard:.2f})"
        return f"contained copy (containment {self.containment:.2f}, jaccard {self.jaccard:.2f})"


def similarity(a: np.ndarray, b: np.ndarray, size_a: int | None = None,
               size_b: int | None = None) -> Similarity:
    """Jaccard estimated from two signatures, and containment when both set sizes are known."""
    jaccard = float(np.count_nonzero(a == b)) / len(a)
    if not size_a or not size_b:
        return Similarity(jaccard, None)
    overlap = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return Similarity(jaccard, min(1.0, overlap / min(size_a, size_b)))


@dataclass(frozen=True)
class Match:
    """An indexed text that a query text copies (or is copied by)."""

    id: str
    similarity: Similarity


class NearDupIndex:
    """In-memory LSH index of MinHash signatures; matches come back in insertion order."""

    def __init__(self) -> None:
        self._buckets: dict[int, list[str]] = {}
        self._items: dict[str, tuple[np.ndarray, int | None, int]] = {}

    def add(self, id: str, mh: MinHash, size: int | None = None) -> None:
        """Index ``mh`` under ``id`` (``size``: its number of shingles, enables containment)."""
        if id in self._items:
            raise ValueError(f"id {id!r} is already indexed")
        values = np.asarray(mh.hashvalues, dtype="<u4").copy()
        self._items[id] = (values, size, len(self._items))
        if is_empty(values):
            return
        for key in band_keys(values):
            self._buckets.setdefault(key, []).append(id)

    def matches(self, mh: MinHash, size: int | None = None) -> list[Match]:
        """Indexed texts that are copies of ``mh``'s text, oldest first."""
        values = np.asarray(mh.hashvalues, dtype="<u4")
        if is_empty(values):
            return []
        candidates = {c for key in band_keys(values) for c in self._buckets.get(key, ())}
        found = []
        for cid in candidates:
            other, other_size, _ = self._items[cid]
            sim = similarity(values, other, size, other_size)
            if sim.is_copy(min(size or 0, other_size or 0)):
                found.append(Match(cid, sim))
        return sorted(found, key=lambda m: self._items[m.id][2])

    def query(self, mh: MinHash, size: int | None = None) -> list[str]:
        """Ids of the indexed copies of ``mh``'s text, oldest first."""
        return [m.id for m in self.matches(mh, size)]

    def signature(self, id: str) -> bytes:
        """The stored signature of ``id`` as bytes (see ``signature_bytes``)."""
        return self._items[id][0].tobytes()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, id: object) -> bool:
        return id in self._items


@dataclass(frozen=True)
class Sketch:
    """Everything dedup needs to know about one text, computed once."""

    text_hash: str
    signature: bytes | None  # None when the text has no words
    size: int  # number of shingles
    bands: tuple[int, ...]


def sketch(text: str) -> Sketch:
    """Hash, MinHash signature and LSH band keys of ``text``."""
    items = shingles(text)
    if not items:
        return Sketch(text_hash(text), None, 0, ())
    mh = minhash_of(items)
    return Sketch(text_hash(text), signature_bytes(mh), len(items), tuple(band_keys(mh)))
