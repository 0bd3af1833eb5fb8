"""Dossiers: one incident, every side's account lined up, each item traced to its source.

``build_dossier`` gathers what the incident's links hold: a timeline of events,
a side-by-side table (one column per party, one for international voices) of
figures, quotes and framing terms, the contradictions and revisions with their
evidence sentences, and the sources with syndicated copies folded under their
original. Renderers (``rashomon.report``) turn it into Markdown, HTML or JSON.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from rashomon.compare.alignment import actor_country
from rashomon.compare.contradictions import (
    agreement_matrix,
    analyse_incident,
    display_value,
    finding_json,
    positions_of,
)
from rashomon.compare.incidents import Incident
from rashomon.compare.text import country_of_name, side_name
from rashomon.models import Article, Event

logger = logging.getLogger(__name__)

INTL = "INTL"


@dataclass
class Source:
    """An article of the incident (copies folded under their original)."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    country: str | None
    published: str | None
    copies: list[Source] = field(default_factory=list)


@dataclass
class TimelineEntry:
    """One event, with everyone who reported it."""

    date: str | None
    type: str
    actor: str | None
    target: str | None
    location: str | None
    sentence: str
    sources: list[dict[str, Any]] = field(default_factory=list)  # {source, outlet, url}
    negated: bool = False
    hypothetical: bool = False


@dataclass
class Cell:
    """One item in a side column: a figure, a quote or a framing term."""

    kind: str  # claim | quote | frame
    text: str
    who: str | None
    outlet: str | None
    url: str | None
    date: str | None = None
    detail: str | None = None  # hedge, quote kind, neutral alternative


@dataclass
class Dossier:
    """Everything a reader needs about one incident, grouped for side-by-side reading."""

    incident: dict[str, Any]
    columns: list[str]
    column_labels: dict[str, str]
    timeline: list[TimelineEntry]
    figures: list[dict[str, Any]]  # {topic, cells: {column: [Cell]}}
    quotes: dict[str, list[Cell]]
    frames: dict[str, list[Cell]]
    contradictions: list[dict[str, Any]]
    agreement: list[dict[str, Any]]  # {topic, sides: matrix}
    sources: list[Source]
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def build_dossier(incident: Incident, articles: Sequence[Article] | Mapping[str, Article]) -> Dossier:
    """Gather the incident's timeline, side-by-side table, contradictions and sources."""
    by_id = articles if isinstance(articles, Mapping) else {a.id: a for a in articles}
    columns = [*sorted(incident.parties, key=side_name), INTL]
    labels = {c: f"{_adjective(c)} outlets and speakers" for c in incident.parties}
    labels[INTL] = "International outlets and speakers"
    topics, findings = analyse_incident(incident, by_id)
    copies = set(incident.copies) | {a for a in incident.article_ids if by_id.get(a) and by_id[a].copy_of}
    sides = sorted({s.side for t in topics for s in t.statements})
    outlets = sorted({by_id[a].outlet.name or "?" for a in incident.article_ids if a in by_id})
    dossier = Dossier(
        incident={"id": incident.id, "label": incident.label, "start": incident.start,
                  "end": incident.end, "kind": incident.kind, "parties": incident.parties,
                  "party_names": [side_name(p) for p in incident.parties], "place": incident.place},
        columns=columns, column_labels=labels,
        timeline=_timeline(incident, by_id, copies),
        figures=_figures(topics, by_id, columns),
        quotes=_quotes(incident, by_id, columns, copies),
        frames=_frames(incident, by_id, columns, copies),
        contradictions=[finding_json(f, by_id) for f in findings],
        agreement=[{"topic": t.label, "kind": t.kind, **agreement_matrix(t, outlets, sides)}
                   for t in topics if len(positions_of(t)) > 1],
        sources=_sources(incident, by_id))
    dossier.counts = {"articles": len(incident.article_ids), "copies": len(copies),
                      "events": len(dossier.timeline), "topics": len(topics),
                      "contradictions": sum(f.kind == "contradiction" for f in findings),
                      "revisions": sum(f.kind == "revision" for f in findings)}
    return dossier


def _adjective(code: str) -> str:
    from rashomon.compare.labels import adjective

    return adjective(code)


def column_of(side: str | None, columns: list[str]) -> str:
    """The column a side's items go in: its own when it is a party, else international."""
    return side if side in columns else INTL


def _linked(incident: Incident, kind: str, copies: set[str]) -> list[tuple[str, int]]:
    seen, out = set(), []
    for link in incident.links:
        key = (link.article_id, link.index)
        if link.kind == kind and link.article_id not in copies and key not in seen:
            seen.add(key)
            out.append(key)
    return out


def _ref(article: Article) -> dict[str, Any]:
    return {"outlet": article.outlet.name or article.outlet.domain, "url": article.url,
            "published": article.published}


# ---------------------------------------------------------------- timeline


def _timeline(incident: Incident, by_id: Mapping[str, Article], copies: set[str]
              ) -> list[TimelineEntry]:
    entries: dict[tuple, TimelineEntry] = {}
    for aid, idx in _linked(incident, "events", copies):
        article = by_id.get(aid)
        if article is None or idx >= len(article.events):
            continue
        ev = article.events[idx]
        actor, target = _party(article, ev.actor), _party(article, ev.target)
        key = (ev.date, ev.type, actor, target, ev.negated, ev.hypothetical)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = TimelineEntry(ev.date, ev.type, actor, target, ev.location,
                                                 ev.sentence or _sentence(article, ev),
                                                 negated=ev.negated, hypothetical=ev.hypothetical)
        entry.sources.append({"source": ev.source, **_ref(article)})
    return sorted(entries.values(), key=lambda e: (e.date or "9999", e.type, e.actor or ""))


def _party(article: Article, ref: str | None) -> str | None:
    if not ref:
        return None
    for actor in article.actors:
        if ref == actor.id:
            return actor.name
    code = actor_country(article, ref)
    return side_name(code) if code and code == ref else ref


def _sentence(article: Article, ev: Event) -> str:
    return ev.text or article.text[ev.start:ev.end]


# ---------------------------------------------------------------- side by side


MAX_QUOTES = 10  # per column; the JSON output and the web app keep them all


def _figures(topics: list, by_id: Mapping[str, Article], columns: list[str]) -> list[dict[str, Any]]:
    rows = []
    for topic in topics:
        if topic.rule == "fallback" and len({s.article_id for s in topic.statements}) < 2:
            continue  # a figure no other article answers is not a side-by-side question
        cells: dict[str, list[Cell]] = {c: [] for c in columns}
        for st in topic.statements:
            article = by_id[st.article_id]
            cells[column_of(st.side, columns)].append(Cell(
                "claim", display_value(st.value, st.low, st.high, st.kind),
                st.claimant, article.outlet.name, article.url, st.date,
                f"{st.hedge}; {side_name(st.side)}; \u201c{st.sentence}\u201d"))
        rows.append({"topic": topic.label, "key": topic.key, "cells": cells})
    return rows


def _quotes(incident: Incident, by_id: Mapping[str, Article], columns: list[str],
            copies: set[str]) -> dict[str, list[Cell]]:
    out: dict[str, list[Cell]] = {c: [] for c in columns}
    seen: set[str] = set()
    for aid, idx in _linked(incident, "quotes", copies):
        article = by_id.get(aid)
        if article is None or idx >= len(article.quotes):
            continue
        q = article.quotes[idx]
        key = " ".join(q.content.lower().split())
        if key in seen or len(key) < 12:
            continue  # the same words carried twice, or a fragment too short to read alone
        seen.add(key)
        side = actor_country(article, q.speaker_actor) or country_of_name(q.speaker) \
            or article.outlet.country
        out[column_of(side, columns)].append(Cell("quote", q.content, q.speaker,
                                                  article.outlet.name, article.url,
                                                  article.published, q.kind))
    order = {"direct": 0, "partial": 1, "indirect": 2, "according_to": 3}
    return {c: sorted(cells, key=lambda q: (order.get(q.detail or "", 4), q.date or ""))[:MAX_QUOTES]
            for c, cells in out.items()}


def _frames(incident: Incident, by_id: Mapping[str, Article], columns: list[str],
            copies: set[str]) -> dict[str, list[Cell]]:
    tally: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for aid, idx in _linked(incident, "frames", copies):
        article = by_id.get(aid)
        if article is None or idx >= len(article.frames):
            continue
        f = article.frames[idx]
        col = column_of(article.outlet.country, columns)
        tally[(col, f.text.lower())].append((f, article))
    out: dict[str, list[Cell]] = {c: [] for c in columns}
    for (col, _), hits in sorted(tally.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        f, article = hits[0]
        outlets = sorted({a.outlet.name or "?" for _, a in hits})
        detail = f"leans {f.leaning}" + (f"; neutral: {f.neutral}" if f.neutral else "")
        out[col].append(Cell("frame", f.text, f"{len(hits)}\u00d7", ", ".join(outlets),
                             article.url, None, detail))
    return out


def _sources(incident: Incident, by_id: Mapping[str, Article]) -> list[Source]:
    def src(a: Article) -> Source:
        return Source(a.id, a.title, a.url, a.outlet.name or a.outlet.domain, a.outlet.country,
                      a.published)

    originals: dict[str, Source] = {}
    for aid in incident.article_ids:
        a = by_id.get(aid)
        if a is not None and aid not in incident.copies:
            originals[aid] = src(a)
    for copy_id, original in incident.copies.items():
        a = by_id.get(copy_id)
        if a is not None and original in originals:
            originals[original].copies.append(src(a))
    return sorted(originals.values(), key=lambda s: (s.published or "9999", s.outlet or ""))
