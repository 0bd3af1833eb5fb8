"""Syndicated copies: one story carried by several outlets counts once.

``Article.copy_of`` (set at ingest) is trusted; articles without it are compared
by word 5-gram shingles, and a text that is mostly contained in an earlier one
is folded under it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

from rashomon.models import Article

logger = logging.getLogger(__name__)

SHINGLE = 5
MIN_SHINGLES = 20
CONTAINMENT = 0.8


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashes of the word ``size``-grams of ``text`` (lowercased words)."""
    toks = re.findall(r"\w+", text.lower())
    return {hash(tuple(toks[i:i + size])) for i in range(max(0, len(toks) - size + 1))}


def copy_map(articles: Sequence[Article],
             known_originals: Iterable[str] = ()) -> dict[str, str]:
    """{copy id: original id} for the copies among ``articles`` (chains resolved)."""
    ids = {a.id for a in articles} | set(known_originals)
    out = {a.id: a.copy_of for a in articles if a.copy_of and a.copy_of in ids and a.copy_of != a.id}
    out.update(_detected(a for a in articles if a.id not in out and not a.copy_of))
    for key in list(out):
        seen = {key}
        while out[key] in out and out[key] not in seen:
            seen.add(out[key])
            out[key] = out[out[key]]
    return {k: v for k, v in out.items() if k != v}


def _order(a: Article) -> tuple[str, str]:
    return (a.published or "9999", a.id)


def _detected(articles: Iterable[Article]) -> dict[str, str]:
    arts = sorted(articles, key=_order)
    sets = [shingles(a.text or "") for a in arts]
    out: dict[str, str] = {}
    for j, later in enumerate(arts):
        if len(sets[j]) < MIN_SHINGLES:
            continue
        for i in range(j):
            if arts[i].id in out or len(sets[i]) < MIN_SHINGLES:
                continue
            shared = len(sets[i] & sets[j])
            if shared / min(len(sets[i]), len(sets[j])) >= CONTAINMENT:
                out[later.id] = arts[i].id
                logger.debug("%s is a copy of %s (%d shared shingles)", later.id, arts[i].id, shared)
                break
    return out
