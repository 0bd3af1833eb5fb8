"""Full-text search over the store, and the one write: ingest from the API."""

from __future__ import annotations

import logging
from typing import Any

from rashomon.catalog.snapshot import snapshot
from rashomon.errors import UsageError
from rashomon.store import open_store

logger = logging.getLogger(__name__)

MAX_INGEST_URLS = 10
MAX_INGEST_HTML = 5_000_000


# ---------------------------------------------------------------- search


def search(path: str, query: str, *, limit: int = 20, offset: int = 0,
           kind: str = "all") -> dict[str, list[dict[str, Any]]]:
    """Full-text hits over articles and quotes (``kind``: all | articles | quotes)."""
    if kind not in ("all", "articles", "quotes"):
        raise UsageError(f"kind must be all, articles or quotes, not {kind!r}")
    if len(query) > 500:
        raise UsageError("search text is too long (500 characters at most)")
    snap = snapshot(path)  # refuses a missing store instead of creating one
    with open_store(path) as store:
        articles = store.search(query, limit=limit, offset=offset) if kind != "quotes" else []
        quotes = store.search_quotes(query, limit=limit, offset=offset) \
            if kind != "articles" else []
    for hit in quotes:
        article = snap.articles.get(hit["article_id"])
        hit["anchor"] = snap.anchor(article, hit["start"]) if article else None
    return {"articles": articles, "quotes": quotes}


# ---------------------------------------------------------------- ingest (write)


def ingest_request(path: str, *, urls: list[str] | None = None, html: str | None = None,
                   url: str | None = None) -> dict[str, Any]:
    """Ingest URLs (fetched under the SSRF guard) or one HTML page into the store at ``path``."""
    from rashomon.models import RawDocument
    from rashomon.pipeline import Options, ingest, process_batch

    if bool(urls) == bool(html):
        raise UsageError("give either urls (a list of http(s) URLs) or html (with an optional url)")
    for u in [*(urls or []), *([url] if url else [])]:
        if not isinstance(u, str) or not u.lower().startswith(("http://", "https://")):
            raise UsageError(f"only http(s) URLs can be ingested, not {u!r}")
    if urls and len(urls) > MAX_INGEST_URLS:
        raise UsageError(f"at most {MAX_INGEST_URLS} URLs per request")
    if html and len(html) > MAX_INGEST_HTML:
        raise UsageError(f"the html is over {MAX_INGEST_HTML} characters")
    with open_store(path) as store:
        if urls:
            summary = ingest(urls, store, Options(), allow_private=False)
            ids = {u: store.lookup_url(u) for u in urls}
            return {"stored": summary.stored, "copies": summary.copies,
                    "duplicates": summary.duplicates,
                    "failed": [{"source": f.source, "reason": f.reason}
                               for f in summary.failed or []], "ids": ids}
        raw = RawDocument(source=url or "api:html", url=url, html=html)
        return _store_page(store, process_batch([raw], Options())[0])


def _store_page(store: Any, item: Any) -> dict[str, Any]:
    """Store one processed page (or record its failure) and say what happened."""
    from rashomon.models import Failure

    out: dict[str, Any] = {"stored": 0, "copies": 0, "duplicates": 0, "failed": [], "ids": {}}
    if isinstance(item, Failure):
        store.record_error(item.source, item.stage, item.reason)
        out["failed"].append({"source": item.source, "reason": item.reason})
        return out
    result = store.add_article(item)
    out[{"stored": "stored", "copy": "copies", "duplicate": "duplicates"}[result.status]] += 1
    out["ids"][item.source] = result.id
    return out
