"""Syndicated copies: one story carried by several outlets counts once.

``Article.copy_of`` (set at ingest) is trusted; articles without it (analysed
but never stored) go through the store's own near-duplicate rule
(``rashomon.dedup``: MinHash LSH, Jaccard or containment), oldest first, so the
two stages agree and the check stays sub-quadratic.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from rashomon import dedup
from rashomon.models import Article

logger = logging.getLogger(__name__)

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
    index = dedup.NearDupIndex()
    out: dict[str, str] = {}
    for article in sorted(articles, key=_order):
        items = dedup.shingles(article.text or "")
        mh = dedup.minhash_of(items)
        hits = index.query(mh, len(items))
        if hits:
            out[article.id] = hits[0]
            logger.debug("%s is a copy of %s", article.id, hits[0])
        else:
            index.add(article.id, mh, len(items))
    return out
