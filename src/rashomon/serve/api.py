"""The JSON API under /api/v1/: thin routes over ``rashomon.catalog``.

List endpoints answer ``{"items": [...], "next": URL or null, "total": N}`` and
page with ``limit``/``offset``; ``?format=csv`` gives the same page as CSV.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from rashomon import catalog
from rashomon.catalog import IncidentFilter, Snapshot

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1", tags=["api"])

MAX_LIMIT = 1000
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description="items per page (0-1000)")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv")]
Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="YYYY-MM-DD")]

CSV_COLUMNS = {
    "incidents": ["id", "label", "start", "end", "kind", "articles", "copies", "coverage",
                  "contradictions", "revisions"],
    "articles": ["id", "title", "url", "published", "language", "outlet", "copy_of", "analyzed",
                 "counts"],
    "quotes": ["article_id", "outlet", "outlet_country", "published", "speaker", "speaker_actor",
               "side", "kind", "cue", "content", "start", "end", "anchor", "reason"],
    "claims": ["article_id", "outlet", "outlet_country", "published", "claimant",
               "claimant_actor", "side", "hedge", "display", "value", "low", "high", "unit",
               "object", "predicate", "date", "sentence", "start", "end", "anchor", "reason"],
    "actors": ["id", "name", "type", "country", "sector", "title", "articles", "mentions",
               "quotes", "claims"],
    "outlets": ["key", "name", "domain", "country", "side", "kind", "articles", "copies",
                "words", "frames", "frames_per_1000_words"],
    "search": ["type", "id", "article_id", "title", "outlet", "country", "published", "speaker",
               "snippet", "score"],
}


def get_snapshot(request: Request) -> Snapshot:
    """The store snapshot of this app (rebuilt when the store changed)."""
    return catalog.snapshot(request.app.state.db)


Snap = Annotated[Snapshot, Depends(get_snapshot)]


def _cell(value: Any) -> Any:
    """A CSV cell: nested values as JSON; text that a spreadsheet would run as a formula is
    prefixed with a quote."""
    if isinstance(value, (dict, list, tuple)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]], columns: list[str], name: str) -> Response:
    """Rows as a CSV download with the given columns."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def page(request: Request, rows: list[dict[str, Any]], limit: int, offset: int, fmt: str,
         name: str, *, more: bool | None = None) -> Any:
    """One page of ``rows`` (already the whole list unless ``more`` is given) as JSON or CSV."""
    items = rows[offset:offset + limit] if more is None else rows
    has_more = (offset + limit < len(rows)) if more is None else more
    if fmt == "csv":
        return to_csv(items, CSV_COLUMNS[name], name)
    nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit)) \
        if has_more and limit > 0 else None
    body: dict[str, Any] = {"items": items, "next": nxt, "limit": limit, "offset": offset}
    if more is None:
        body["total"] = len(rows)
    return body


# ---------------------------------------------------------------- incidents


@router.get("/incidents", summary="Incidents, newest first, with coverage by side")
def incidents(request: Request, snap: Snap, date_from: Day = None, date_to: Day = None,
              actor: Text = None, country: Text = None, limit: Limit = 50, offset: Offset = 0,
              format: Format = "json") -> Any:
    """Incidents with coverage by side (PK, IN, INTL outlets; copies count once) and their
    open contradictions; filter by date overlap, actor (id or name) and outlet country."""
    flt = IncidentFilter(date_from or None, date_to or None, actor or None, country or None)
    return page(request, catalog.list_incidents(snap, flt), limit, offset, format, "incidents")


@router.get("/incidents/{incident_id}", summary="An incident's dossier")
def incident(incident_id: str, snap: Snap) -> dict[str, Any]:
    """The dossier: columns per side, events, contradictions and revisions with evidence."""
    return catalog.incident_dossier(snap, incident_id)


EXPORT_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
                "json": "application/json"}
# The standalone HTML dossier carries its own <style> and no script; it is served as a download.
EXPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
              "form-action 'none'; frame-ancestors 'none'")


@router.get("/incidents/{incident_id}/export", summary="The standalone dossier file")
def incident_export(incident_id: str, snap: Snap,
                    format: Annotated[Literal["md", "html", "json"], Query()] = "html"
                    ) -> Response:
    """The dossier as ``rashomon dossier`` writes it (Markdown, self-contained HTML or JSON),
    as a download."""
    name, text = catalog.export_dossier(snap, incident_id, format)
    return Response(text, media_type=EXPORT_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Content-Security-Policy": EXPORT_CSP})


# ---------------------------------------------------------------- articles, quotes, claims


@router.get("/articles", summary="Articles, newest first")
def articles(request: Request, snap: Snap, outlet: Text = None, country: Text = None,
             language: Text = None, q: Text = None, limit: Limit = 50, offset: Offset = 0,
             format: Format = "json") -> Any:
    """Article summaries; filter by outlet (domain or name), country (or PK/IN/INTL side),
    language and a word of the title."""
    rows = catalog.list_articles(snap, outlet=outlet, country=country, language=language, q=q)
    return page(request, rows, limit, offset, format, "articles")


@router.get("/articles/{article_id}", summary="An article with its analysis")
def article(article_id: str, snap: Snap) -> dict[str, Any]:
    """The article in the JSON contract form, plus its incidents and sentence spans."""
    return catalog.article_detail(snap, article_id)


@router.get("/quotes", summary="Quotes across articles")
def quotes(request: Request, snap: Snap, speaker: Text = None, actor: Text = None,
           outlet: Text = None, country: Text = None, article: Text = None, limit: Limit = 50,
           offset: Offset = 0, format: Format = "json") -> Any:
    """Who said what, with the speaker's side and a link anchor to the sentence."""
    rows = catalog.list_quotes(snap, speaker=speaker, actor=actor, outlet=outlet,
                               country=country, article=article)
    return page(request, rows, limit, offset, format, "quotes")


Hedge = Annotated[Literal["asserted", "claimed", "confirmed", "denied", "estimated"] | None,
                  Query()]


@router.get("/claims", summary="Numeric claims across articles")
def claims(request: Request, snap: Snap, claimant: Text = None, actor: Text = None,
           outlet: Text = None, country: Text = None, hedge: Hedge = None, article: Text = None,
           limit: Limit = 50, offset: Offset = 0, format: Format = "json") -> Any:
    """Figures put forward, by whom, with what hedge, and the claimant's side."""
    rows = catalog.list_claims(snap, claimant=claimant, actor=actor, outlet=outlet,
                               country=country, hedge=hedge, article=article)
    return page(request, rows, limit, offset, format, "claims")


# ---------------------------------------------------------------- actors, outlets


@router.get("/actors", summary="Actors, most mentioned first")
def actors(request: Request, snap: Snap, q: Text = None, country: Text = None,
           limit: Limit = 50, offset: Offset = 0, format: Format = "json") -> Any:
    """Every actor met in the store with mention, quote and claim counts."""
    return page(request, catalog.list_actors(snap, q=q, country=country), limit, offset, format,
                "actors")


@router.get("/actors/{actor_id}", summary="What an actor said and did")
def actor(actor_id: str, snap: Snap) -> dict[str, Any]:
    """An actor's quotes, claims and events across outlets and time."""
    return catalog.actor_profile(snap, actor_id)


@router.get("/outlets", summary="Outlets in the store")
def outlets(request: Request, snap: Snap, limit: Limit = 50, offset: Offset = 0,
            format: Format = "json") -> Any:
    """Outlets with article counts and framing-term rates."""
    return page(request, catalog.list_outlets(snap), limit, offset, format, "outlets")


@router.get("/outlets/{domain}", summary="An outlet's framing profile")
def outlet(domain: str, snap: Snap) -> dict[str, Any]:
    """Loaded terms (how often, versus the other outlets), leaning and incidents."""
    return catalog.outlet_profile(snap, domain)


# ---------------------------------------------------------------- search


@router.get("/search", summary="Full-text search over articles and quotes")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           kind: Literal["all", "articles", "quotes"] = "all", limit: Limit = 20,
           offset: Offset = 0, format: Format = "json") -> Any:
    """Hits best first; each has ``type`` (article or quote), a plain ``snippet`` and the
    ``highlights`` ([start, end] in the snippet) of the matched words."""
    found = catalog.search(request.app.state.db, q, limit=limit + 1, offset=offset, kind=kind)
    more = any(len(v) > limit for v in found.values())
    items = [{**h, "type": "article"} for h in found["articles"][:limit]]
    items += [{**h, "type": "quote"} for h in found["quotes"][:limit]]
    return page(request, items, limit, offset, format, "search", more=more)


# ---------------------------------------------------------------- ingest (token only)


class IngestBody(BaseModel):
    """Either ``urls`` (fetched under the SSRF guard) or one page's ``html`` (+ its ``url``)."""

    model_config = ConfigDict(extra="forbid")
    urls: list[str] | None = None
    html: str | None = None
    url: str | None = None


def require_token(request: Request) -> None:
    """403 when the server has no token (read-only), 401 when the request's is wrong."""
    configured: str | None = request.app.state.token
    if not configured:
        raise HTTPException(403, "this server is read-only: start it with --token to enable "
                                 "POST /api/v1/ingest")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             configured.encode()):
        raise HTTPException(401, "missing or wrong token (send Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/ingest", summary="Ingest URLs or one HTML page (token required)",
             dependencies=[Depends(require_token)])
def ingest(request: Request, body: IngestBody) -> dict[str, Any]:
    """Runs the ingest pipeline (extract, analyse, store) with private addresses refused."""
    return catalog.ingest_request(request.app.state.db, urls=body.urls, html=body.html,
                                  url=body.url)
