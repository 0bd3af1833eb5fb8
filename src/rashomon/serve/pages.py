"""Server-rendered pages: incidents, dossiers, articles, actors, outlets, search, API docs."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rashomon import catalog
from rashomon.catalog import IncidentFilter
from rashomon.serve import charts, highlight
from rashomon.serve.api import Day, Snap, Text
from rashomon.serve.app import render

logger = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20


@router.get("/", response_class=HTMLResponse)
@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(request: Request, snap: Snap, date_from: Day = None, date_to: Day = None,
                   actor: Text = None, country: Text = None) -> Response:
    """Incidents newest first, with coverage by side and open contradictions."""
    flt = IncidentFilter(date_from or None, date_to or None, actor or None, country or None)
    rows = catalog.list_incidents(snap, flt)
    countries = sorted({a.outlet.country for a in snap.articles.values() if a.outlet.country})
    return render(request, "incidents.html", incidents=rows, flt=flt, countries=countries,
                  total=len(snap.incidents), n_articles=len(snap.articles), errors=snap.errors)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def dossier_page(request: Request, incident_id: str, snap: Snap) -> Response:
    """The side-by-side dossier of one incident."""
    d = catalog.incident_dossier(snap, incident_id)
    lanes = [(c, d["column_labels"][c].replace(" outlets and speakers", "")) for c in d["columns"]]
    timeline = charts.timeline_chart(charts.dossier_events(d), d["incident"]["start"],
                                     d["incident"]["end"], lanes)
    series = [c for c in (charts.series_chart(s, columns=d["columns"])
                          for s in charts.dossier_series(d)) if c]
    return render(request, "dossier.html", d=d, timeline=timeline, series=series)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, snap: Snap, outlet: Text = None, country: Text = None,
                  q: Text = None, offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    """All articles, newest first, filterable by outlet and country."""
    rows = catalog.list_articles(snap, outlet=outlet, country=country, q=q)
    return render(request, "articles.html", rows=rows[offset:offset + 100], total=len(rows),
                  offset=offset, outlet=outlet, country=country, q=q, step=100)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, snap: Snap) -> Response:
    """The cleaned text with quotes, claims, events and framing terms highlighted."""
    a = snap.get_article(article_id)
    if a.id != article_id:
        return RedirectResponse(f"/articles/{a.id}", status_code=307)
    marks = highlight.article_marks(a)
    paras = highlight.paragraphs(a, snap.sentences(a), marks)
    incs = [snap.incident_by_id[i] for i in snap.incidents_of_article.get(a.id, [])]
    counts = {k: sum(m.kind == k for m in marks) for k in ("quote", "claim", "event", "frame")}
    return render(request, "article.html", a=a, paras=paras, marks=marks, incidents=incs,
                  counts=counts, original=snap.articles.get(a.copy_of or ""))


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, snap: Snap, q: Text = None, country: Text = None) -> Response:
    """Actors, most mentioned first."""
    rows = catalog.list_actors(snap, q=q, country=country)
    return render(request, "actors.html", rows=rows[:300], total=len(rows), q=q, country=country)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str, snap: Snap) -> Response:
    """What an actor said and did, across outlets and time."""
    return render(request, "actor.html", p=catalog.actor_profile(snap, actor_id))


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, snap: Snap) -> Response:
    """Outlets by side."""
    return render(request, "outlets.html", rows=catalog.list_outlets(snap))


@router.get("/outlets/{domain}", response_class=HTMLResponse)
def outlet_page(request: Request, domain: str, snap: Snap) -> Response:
    """An outlet's framing profile against the others, its leaning and incidents."""
    p = catalog.outlet_profile(snap, domain)
    top = max([1.0, *(max(t["per_1000"], t["others_per_1000"]) for t in p["terms"])])
    return render(request, "outlet.html", p=p, top=top)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "",
                offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> Response:
    """Full-text search over articles and quotes, with the matched words marked."""
    found: dict[str, list[dict[str, Any]]] = {"articles": [], "quotes": []}
    if q.strip():
        found = catalog.search(request.app.state.db, q, limit=PAGE_SIZE + 1, offset=offset)
    more = any(len(v) > PAGE_SIZE for v in found.values())
    for hits in found.values():
        del hits[PAGE_SIZE:]
        for h in hits:
            h["segments"] = highlight.snippet_segments(h["snippet"], h["highlights"])
    return render(request, "search.html", q=q, found=found, offset=offset, more=more,
                  step=PAGE_SIZE)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> Response:
    """The API reference, rendered here from the OpenAPI schema (no CDN assets needed)."""
    schema = request.app.openapi()
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "schema": _schema_text(p.get("schema", {})),
                       "description": p.get("description") or ""}
                      for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary"),
                        "description": op.get("description") or "", "params": params,
                        "body": "requestBody" in op})
    return render(request, "docs.html", ops=ops, info=schema.get("info", {}))


def _schema_text(schema: dict[str, Any]) -> str:
    """A short type description of an OpenAPI parameter schema."""
    if "anyOf" in schema:
        return " | ".join(_schema_text(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    bits = [schema.get("type", "any")]
    for key, word in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "max length"),
                      ("pattern", "pattern")):
        if key in schema:
            bits.append(f"{word} {schema[key]}")
    if "default" in schema and schema["default"] is not None:
        bits.append(f"default {schema['default']}")
    return ", ".join(str(b) for b in bits)
