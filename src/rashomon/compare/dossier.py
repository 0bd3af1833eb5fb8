"""Dossiers: one incident, every side's account lined up, each item traced to its source.

``build_dossier`` gathers what the incident's links hold: a timeline of events,
a side-by-side table (one column per party, one for international voices) of
figures grouped by question, every linked claim, quote and framing term, the
contradictions and revisions with their evidence sentences, and the sources
with syndicated copies folded under their original. Every item names its
article (``article_id``) and the sentence that holds it (``start``/``end``,
offsets into the article text), so that one dossier serves the Markdown, HTML
and JSON renderers (``rashomon.report``) and the web app (``rashomon.catalog``).
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from rashomon.compare.alignment import AlignedTopic, Statement, claim_bounds
from rashomon.compare.contradictions import (
    Finding,
    agreement_matrix,
    analyse_incident,
    display_value,
    finding_json,
    positions_of,
)
from rashomon.compare.incidents import Incident, ItemLink
from rashomon.compare.speakers import actor_country, claimant_side
from rashomon.compare.text import country_of_name, side_name
from rashomon.models import Article, Claim, Event

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
    domain: str | None = None
    column: str | None = None  # the dossier column of the outlet's country
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
    sources: list[dict[str, Any]] = field(default_factory=list)  # see ``item_ref``
    negated: bool = False
    hypothetical: bool = False


@dataclass
class Cell:
    """One item in a side column: a figure, a quote or a framing term, with the article
    and the sentence (``start``/``end``: offsets into the article text) it comes from."""

    kind: str  # claim | quote | frame
    text: str  # the figure as read, the quote's words, the framing term
    who: str | None  # claimant or speaker; for a framing term, "N×"
    outlet: str | None
    url: str | None
    date: str | None = None
    detail: str | None = None  # hedge, quote kind, "leans X; neutral: Y"
    article_id: str | None = None
    title: str | None = None  # the article's title
    start: int | None = None
    end: int | None = None
    side: str | None = None  # country code of the speaker (the outlet's for its own voice)
    sentence: str | None = None
    hedge: str | None = None  # claims
    object: str | None = None  # claims: the counted thing
    low: float | None = None  # claims: the figure's interval (high None: open upwards)
    high: float | None = None
    count: int = 1  # framing terms: uses across the incident's articles
    outlets: list[str] = field(default_factory=list)  # framing terms: the outlets using it
    leaning: str | None = None  # framing terms
    neutral: str | None = None
    reason: str | None = None  # the rule that produced the item


@dataclass
class Dossier:
    """Everything a reader needs about one incident, grouped for side-by-side reading."""

    incident: dict[str, Any]
    columns: list[str]
    column_labels: dict[str, str]
    timeline: list[TimelineEntry]
    figures: list[dict[str, Any]]  # {topic, key, kind, cells: {column: [Cell]}}
    quotes: dict[str, list[Cell]]
    frames: dict[str, list[Cell]]
    contradictions: list[dict[str, Any]]  # contract form, contradictions then revisions
    agreement: list[dict[str, Any]]  # {topic, sides: matrix}
    sources: list[Source]
    claims: dict[str, list[Cell]] = field(default_factory=dict)  # every linked figure
    coverage: dict[str, list[str]] = field(default_factory=dict)  # outlets per column
    mentioned_in: list[Source] = field(default_factory=list)  # articles that recall it
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def build_dossier(incident: Incident, articles: Sequence[Article] | Mapping[str, Article],
                  analysis: tuple[list[AlignedTopic], list[Finding]] | None = None) -> Dossier:
    """Gather the incident's timeline, side-by-side items, contradictions and sources
    (``analysis``: the incident's aligned topics and findings, when already computed)."""
    by_id = articles if isinstance(articles, Mapping) else {a.id: a for a in articles}
    columns = side_columns(incident, by_id)
    labels = {c: f"{_adjective(c)} outlets and speakers" for c in columns}
    labels[INTL] = "International outlets and speakers"
    topics, findings = analysis if analysis is not None else analyse_incident(incident, by_id)
    copies = set(incident.copies) | {a for a in incident.article_ids
                                     if by_id.get(a) and by_id[a].copy_of}
    sides = sorted({s.side for t in topics for s in t.statements})
    outlets = sorted({by_id[a].outlet.name or "?" for a in incident.article_ids if a in by_id})
    links = _linked(incident, by_id, copies)
    findings = sorted(findings, key=lambda f: f.kind != "contradiction")
    dossier = Dossier(
        incident={"id": incident.id, "label": incident.label, "start": incident.start,
                  "end": incident.end, "kind": incident.kind, "parties": incident.parties,
                  "party_names": [side_name(p) for p in incident.parties], "place": incident.place},
        columns=columns, column_labels=labels,
        timeline=_timeline(links["events"], columns),
        figures=_figures(topics, by_id, columns),
        quotes=_quotes(links["quotes"], columns),
        frames=_frames(links["frames"], columns),
        contradictions=[_finding(f, by_id, columns) for f in findings],
        agreement=[{"topic": t.label, "kind": t.kind, **agreement_matrix(t, outlets, sides)}
                   for t in topics if len(positions_of(t)) > 1],
        sources=_sources(incident, by_id, columns),
        claims=_claims(links["claims"], columns),
        coverage=_coverage(incident, by_id, columns, copies),
        mentioned_in=_mentioned(incident, by_id, columns))
    dossier.counts = {"articles": len(incident.article_ids), "copies": len(copies),
                      "events": len(dossier.timeline), "topics": len(topics),
                      "contradictions": sum(f.kind == "contradiction" for f in findings),
                      "revisions": sum(f.kind == "revision" for f in findings)}
    return dossier


def _adjective(code: str) -> str:
    from rashomon.compare.labels import adjective

    return adjective(code)


def side_columns(incident: Incident, by_id: Mapping[str, Article]) -> list[str]:
    """The side columns: the incident's parties by name, then international. An incident
    with fewer than two known parties also gets a column for the country of each of its
    outlets (most articles first), up to two, so that an outlet's own voice has its side."""
    parties = list(incident.parties)
    counts: dict[str, int] = defaultdict(int)
    for aid in incident.article_ids:
        country = by_id[aid].outlet.country if aid in by_id else None
        if country and country != INTL:
            counts[country] += 1
    for country, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(parties) >= 2:
            break
        if country not in parties:
            parties.append(country)
    return [*sorted(parties, key=side_name), INTL]


def column_of(side: str | None, columns: list[str]) -> str:
    """The column a side's items go in: its own when it is a party, else international."""
    return side if side in columns else INTL


Linked = tuple[Article, ItemLink, Any]  # article, link, item


def _linked(incident: Incident, by_id: Mapping[str, Article], copies: set[str]
            ) -> dict[str, list[Linked]]:
    """The claims, events, quotes and frames linked to the incident, once each, copies out."""
    out: dict[str, list[Linked]] = {"claims": [], "events": [], "quotes": [], "frames": []}
    seen: set[tuple[str, str, int]] = set()
    for link in incident.links:
        article = by_id.get(link.article_id)
        key = (link.article_id, link.kind, link.index)
        if link.kind not in out or article is None or link.article_id in copies or key in seen:
            continue
        items = getattr(article, link.kind)
        if 0 <= link.index < len(items):
            seen.add(key)
            out[link.kind].append((article, link, items[link.index]))
    return out


def item_ref(article: Article, start: int, end: int, columns: list[str]) -> dict[str, Any]:
    """Where an item sits: its article (id, title, url, outlet, date) and sentence offsets."""
    return {"article_id": article.id, "title": article.title, "url": article.url,
            "outlet": article.outlet.name or article.outlet.domain,
            "published": article.published, "start": start, "end": end,
            "column": column_of(article.outlet.country, columns)}


# ---------------------------------------------------------------- timeline


def _timeline(events: list[Linked], columns: list[str]) -> list[TimelineEntry]:
    entries: dict[tuple, TimelineEntry] = {}
    for article, link, ev in events:
        actor, target = _party(article, ev.actor), _party(article, ev.target)
        key = (ev.date, ev.type, actor, target, ev.negated, ev.hypothetical)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = TimelineEntry(ev.date, ev.type, actor, target, ev.location,
                                                 ev.sentence or _sentence(article, ev),
                                                 negated=ev.negated, hypothetical=ev.hypothetical)
        entry.sources.append({"source": ev.source, "text": ev.text, "reason": ev.reason,
                              **item_ref(article, link.start, link.end, columns)})
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


def _figures(topics: list[AlignedTopic], by_id: Mapping[str, Article], columns: list[str]
             ) -> list[dict[str, Any]]:
    """One row per question two articles (or more) answer, the answers in their side's column."""
    rows = []
    for topic in topics:
        if len({s.article_id for s in topic.statements}) < 2:
            continue  # a question no other article answers is not a side-by-side question
        cells: dict[str, list[Cell]] = {c: [] for c in columns}
        for st in topic.statements:
            cells[column_of(st.side, columns)].append(_statement_cell(st, by_id[st.article_id]))
        rows.append({"topic": topic.label, "key": topic.key, "kind": topic.kind, "cells": cells})
    return rows


def _statement_cell(st: Statement, article: Article) -> Cell:
    iv = st.interval()
    start, end = (st.sent_start, st.sent_end) if st.sent_start >= 0 else (st.start, st.end)
    return Cell("claim", display_value(st.value, st.low, st.high, st.kind), st.claimant,
                article.outlet.name, article.url, st.date, st.hedge, article.id, article.title,
                start, end, st.side, st.sentence, st.hedge, None,
                iv[0] if iv else None, iv[1] if iv and not math.isinf(iv[1]) else None,
                reason=st.reason)


def _claims(claims: list[Linked], columns: list[str]) -> dict[str, list[Cell]]:
    """Every linked figure in the column of its claimant's side, in reading order."""
    out: dict[str, list[Cell]] = {c: [] for c in columns}
    for article, link, c in sorted(claims, key=lambda x: (x[0].published or "", x[0].id,
                                                          x[1].start)):
        out[column_of(_claim_side(article, c), columns)].append(_claim_cell(article, link, c))
    return out


def _claim_side(article: Article, c: Claim) -> str:
    own = not c.attributed or (c.claimant or "").lower() == (article.outlet.name or "").lower()
    return claimant_side(article, c.claimant, c.claimant_actor, own, c.sentence)[0]


def _claim_cell(article: Article, link: ItemLink, c: Claim) -> Cell:
    low, high, value = claim_bounds(c)
    iv_low = low if low is not None else (value if isinstance(value, (int, float)) else None)
    iv_high = high if low is not None else iv_low
    return Cell("claim", display_value(value, low, high, "quantity"),
                c.claimant or article.outlet.name, article.outlet.name, article.url,
                c.date or article.published, c.hedge, article.id, article.title, link.start,
                link.end, _claim_side(article, c), c.sentence, c.hedge, c.object, iv_low, iv_high,
                reason=c.reason)


QUOTE_ORDER = {"direct": 0, "partial": 1, "indirect": 2, "according_to": 3}


def _quotes(quotes: list[Linked], columns: list[str]) -> dict[str, list[Cell]]:
    """Every distinct quote (the same words carried twice count once) in its speaker's column,
    direct quotes first; renderers decide how many to show."""
    out: dict[str, list[Cell]] = {c: [] for c in columns}
    seen: set[str] = set()
    for article, link, q in quotes:
        key = " ".join(q.content.lower().split())
        if key in seen or len(key) < 12:
            continue  # the same words carried twice, or a fragment too short to read alone
        seen.add(key)
        side = actor_country(article, q.speaker_actor) or country_of_name(q.speaker) \
            or article.outlet.country
        out[column_of(side, columns)].append(Cell(
            "quote", q.content, q.speaker, article.outlet.name, article.url, article.published,
            q.kind, article.id, article.title, link.start, link.end, side, reason=q.reason))
    return {c: sorted(cells, key=lambda q: (QUOTE_ORDER.get(q.detail or "", 4), q.date or ""))
            for c, cells in out.items()}


def _frames(frames: list[Linked], columns: list[str]) -> dict[str, list[Cell]]:
    """Framing terms per column of the outlet that used them, counted, most used first."""
    tally: dict[tuple[str, str], list[Linked]] = defaultdict(list)
    for article, link, f in frames:
        col = column_of(article.outlet.country, columns)
        tally[(col, (f.term or f.text).lower())].append((article, link, f))
    out: dict[str, list[Cell]] = {c: [] for c in columns}
    for (col, _), hits in sorted(tally.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        article, link, f = hits[0]
        outlets = sorted({a.outlet.name or "?" for a, _, _ in hits})
        detail = f"leans {f.leaning}" + (f"; neutral: {f.neutral}" if f.neutral else "")
        out[col].append(Cell("frame", f.text, f"{len(hits)}\u00d7", ", ".join(outlets),
                             article.url, article.published, detail, article.id, article.title,
                             link.start, link.end, article.outlet.country, count=len(hits),
                             outlets=outlets, leaning=f.leaning, neutral=f.neutral,
                             reason=f.reason))
    return out


# ---------------------------------------------------------------- findings and sources


def _finding(f: Finding, by_id: Mapping[str, Article], columns: list[str]) -> dict[str, Any]:
    """A finding in the contract form, each position with the column it belongs in."""
    out = finding_json(f, by_id)
    for p in out["positions"]:
        p["column"] = column_of(p["side"], columns)
    return out


def _source(a: Article, columns: list[str]) -> Source:
    return Source(a.id, a.title, a.url, a.outlet.name or a.outlet.domain, a.outlet.country,
                  a.published, a.outlet.domain, column_of(a.outlet.country, columns))


def _sources(incident: Incident, by_id: Mapping[str, Article], columns: list[str]) -> list[Source]:
    originals: dict[str, Source] = {}
    for aid in incident.article_ids:
        a = by_id.get(aid)
        if a is not None and aid not in incident.copies:
            originals[aid] = _source(a, columns)
    for copy_id, original in incident.copies.items():
        a = by_id.get(copy_id)
        if a is not None and original in originals:
            originals[original].copies.append(_source(a, columns))
    return sorted(originals.values(), key=lambda s: (s.published or "9999", s.outlet or ""))


def _coverage(incident: Incident, by_id: Mapping[str, Article], columns: list[str],
              copies: set[str]) -> dict[str, list[str]]:
    """Distinct outlets per column among the original articles (a copy counts once)."""
    out: dict[str, list[str]] = {c: [] for c in columns}
    for aid in incident.article_ids:
        a = by_id.get(aid)
        if a is None or aid in copies:
            continue
        name = a.outlet.name or a.outlet.domain or "?"
        col = out[column_of(a.outlet.country, columns)]
        if name not in col:
            col.append(name)
    return out


def _mentioned(incident: Incident, by_id: Mapping[str, Article], columns: list[str]
               ) -> list[Source]:
    """Articles of other incidents with sentences that recall this one."""
    ids = dict.fromkeys(ln.article_id for ln in incident.links
                        if ln.article_id not in incident.article_ids and ln.article_id in by_id)
    return sorted((_source(by_id[a], columns) for a in ids),
                  key=lambda s: (s.published or "9999", s.outlet or ""))
