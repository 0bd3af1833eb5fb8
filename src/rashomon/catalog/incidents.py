"""Incident list (coverage by side, contradictions, filters) and the dossier data."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rashomon.catalog.rows import article_summary, claim_row, event_row, frame_row, quote_row
from rashomon.catalog.snapshot import SIDES, Snapshot, side_group
from rashomon.compare.alignment import AlignedTopic
from rashomon.compare.contradictions import (
    Finding,
    Position,
    article_ref,
    display_value,
    positions_of,
)
from rashomon.compare.incidents import Incident
from rashomon.errors import UsageError
from rashomon.models import Article

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------- incidents


@dataclass(frozen=True)
class IncidentFilter:
    """Filters of the incident list: dates overlap [date_from, date_to]; actor; outlet country."""

    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None
    country: str | None = None

    def matches(self, summary: Mapping[str, Any], actors: set[str],
                countries: set[str]) -> bool:
        """Whether an incident summary passes every filter given."""
        if self.date_from and (summary["end"] or summary["start"] or "") < self.date_from:
            return False
        if self.date_to and (summary["start"] or "9999") > self.date_to:
            return False
        if self.actor and not any(self.actor.lower() in a for a in actors):
            return False
        return not self.country or self.country.upper() in countries


def _originals(snap: Snapshot, inc: Incident) -> list[Article]:
    return [snap.articles[a] for a in inc.article_ids
            if a in snap.articles and a not in inc.copies and not snap.articles[a].copy_of]


def coverage(snap: Snapshot, inc: Incident) -> dict[str, list[str]]:
    """Distinct outlets per side among the incident's original articles (copies count once)."""
    out: dict[str, list[str]] = {s: [] for s in SIDES}
    for a in _originals(snap, inc):
        name = a.outlet.name or a.outlet.domain or "?"
        side = side_group(a.outlet.country)
        if name not in out[side]:
            out[side].append(name)
    return out


def incident_summary(snap: Snapshot, inc: Incident) -> dict[str, Any]:
    """One row of the incident list: dates, coverage by side, contradictions."""
    _, findings = snap.analysis(inc)
    cov = coverage(snap, inc)
    return {"id": inc.id, "label": inc.label, "start": inc.start, "end": inc.end,
            "kind": inc.kind, "parties": inc.parties, "place": inc.place,
            "articles": len(inc.article_ids), "copies": len(inc.copies),
            "coverage": {s: len(v) for s, v in cov.items()}, "outlets": cov,
            "contradictions": sum(f.kind == "contradiction" for f in findings),
            "revisions": sum(f.kind == "revision" for f in findings)}


def _incident_keys(snap: Snapshot, inc: Incident) -> tuple[set[str], set[str]]:
    """Lower-cased actor ids and names, and outlet countries (plus side groups) of an incident."""
    actors: set[str] = set()
    countries: set[str] = set()
    for aid in inc.article_ids:
        a = snap.articles.get(aid)
        if a is None:
            continue
        actors.update(x.lower() for act in a.actors for x in (act.id, act.name) if x)
        if a.outlet.country:
            countries.add(a.outlet.country.upper())
        countries.add(side_group(a.outlet.country))
    return actors, countries


def list_incidents(snap: Snapshot, flt: IncidentFilter = IncidentFilter()) -> list[dict[str, Any]]:
    """Incidents newest first, with coverage by side and open contradictions, filtered."""
    _check_dates(flt.date_from, flt.date_to)
    out = []
    for inc in snap.incidents:
        summary = incident_summary(snap, inc)
        actors, countries = _incident_keys(snap, inc)
        if flt.matches(summary, actors, countries):
            out.append(summary)
    return out


def _check_dates(*values: str | None) -> None:
    from datetime import date

    for v in values:
        if v is None:
            continue
        try:
            date.fromisoformat(v)
        except ValueError:
            raise UsageError(f"dates must be YYYY-MM-DD, got {v!r}") from None


# ---------------------------------------------------------------- dossier


def _linked_items(snap: Snapshot, inc: Incident) -> dict[str, list[dict[str, Any]]]:
    """The claims, quotes, events and frames linked to an incident, copies left out."""
    out: dict[str, list[dict[str, Any]]] = {"claims": [], "quotes": [], "events": [], "frames": []}
    seen: set[tuple[str, str, int]] = set()
    for ln in inc.links:
        a = snap.articles.get(ln.article_id)
        if (a is None or ln.kind not in out or ln.article_id in inc.copies or a.copy_of
                or (ln.article_id, ln.kind, ln.index) in seen):
            continue
        items = getattr(a, ln.kind)
        if not 0 <= ln.index < len(items):
            continue
        seen.add((ln.article_id, ln.kind, ln.index))
        if ln.kind == "claims":
            out["claims"].append(claim_row(snap, a, items[ln.index]))
        elif ln.kind == "quotes":
            out["quotes"].append(quote_row(snap, a, items[ln.index]))
        elif ln.kind == "events":
            out["events"].append(event_row(snap, a, ln.index))
        else:
            out["frames"].append(frame_row(snap, a, ln.index))
    return out


def _columns(items: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Claims, quotes and framing terms per side column; terms counted per outlet."""
    cols: dict[str, dict[str, Any]] = {s: {"claims": [], "quotes": [], "frames": []} for s in SIDES}
    for kind in ("claims", "quotes"):
        for row in sorted(items[kind], key=lambda r: (r["published"] or "", r["article_id"],
                                                     r["start"])):
            cols[row["side"]][kind].append(row)
    terms: dict[tuple[str, str], dict[str, Any]] = {}
    for row in items["frames"]:
        key = (row["side"], row["term"])
        entry = terms.setdefault(key, {**row, "count": 0, "outlets": []})
        entry["count"] += 1
        if row["outlet"] not in entry["outlets"]:
            entry["outlets"].append(row["outlet"])
    for (side, _), entry in sorted(terms.items(), key=lambda kv: -kv[1]["count"]):
        cols[side]["frames"].append(entry)
    return cols


def _evidence(snap: Snapshot, p: Position) -> list[dict[str, Any]]:
    """Each sentence that carries a position, with its article and anchor."""
    out, seen = [], set()
    for st in p.statements:
        a = snap.articles.get(st.article_id)
        if a is None or (st.article_id, st.sentence) in seen:
            continue
        seen.add((st.article_id, st.sentence))
        out.append({"sentence": st.sentence, "article_id": a.id, "outlet": a.outlet.name,
                    "published": a.published, "claimant": st.claimant, "hedge": st.hedge,
                    "anchor": snap.anchor(a, st.start), "reason": st.reason})
    return out


def _position(snap: Snapshot, p: Position) -> dict[str, Any]:
    kind = p.statements[0].kind if p.statements else "quantity"
    high = None if p.high is None or p.high == float("inf") else p.high
    return {"display": display_value(p.value, p.low, p.high, kind), "value": p.value,
            "low": p.low, "high": high, "side": p.side, "group": side_group(p.side),
            "claimant": p.claimant, "claimants": p.claimants, "date": p.date,
            "last_date": p.last_date, "evidence": _evidence(snap, p)}


def _finding(snap: Snapshot, f: Finding) -> dict[str, Any]:
    return {"topic": f.topic, "key": f.key, "kind": f.kind, "subtype": f.subtype,
            "positions": [_position(snap, p) for p in f.positions]}


def _series(snap: Snapshot, topics: list[AlignedTopic]) -> list[dict[str, Any]]:
    """Each numeric topic's values over time, one point per statement (for the chart)."""
    out = []
    for t in topics:
        points = []
        for p in positions_of(t):
            for st in p.statements:
                iv = st.interval()
                a = snap.articles.get(st.article_id)
                if iv is None or a is None or not st.date:
                    continue
                points.append({"date": st.date[:10], "low": iv[0], "high": iv[1],
                               "display": display_value(st.value, st.low, st.high, st.kind),
                               "side": side_group(st.side), "claimant": st.claimant,
                               "outlet": a.outlet.name, "article_id": a.id,
                               "anchor": snap.anchor(a, st.start)})
        if points and t.kind == "quantity":
            out.append({"topic": t.label, "key": t.key, "points": points})
    return out


def incident_dossier(snap: Snapshot, incident_id: str) -> dict[str, Any]:
    """Everything the side-by-side dossier shows for one incident (cached per snapshot:
    callers must not change the dict)."""
    inc = snap.get_incident(incident_id)
    with snap._lock:
        cached = snap._dossiers.get(inc.id)
    if cached is None:
        cached = _dossier(snap, inc)
        with snap._lock:
            snap._dossiers[inc.id] = cached
    return cached


def _dossier(snap: Snapshot, inc: Incident) -> dict[str, Any]:
    topics, findings = snap.analysis(inc)
    items = _linked_items(snap, inc)
    members = [snap.articles[a] for a in inc.article_ids if a in snap.articles]
    mentioned = dict.fromkeys(ln.article_id for ln in inc.links
                              if ln.article_id not in inc.article_ids)
    events = sorted(items["events"], key=lambda r: (r["date"] or r["published"] or "",
                                                    r["article_id"], r["start"]))
    return {**incident_summary(snap, inc),
            "sources": [{**article_summary(a), "copy_of": inc.copies.get(a.id) or a.copy_of}
                        for a in members],
            "mentioned_in": [article_summary(snap.articles[a]) for a in mentioned
                             if a in snap.articles],
            "columns": _columns(items), "events": events,
            "contradictions": [_finding(snap, f) for f in findings if f.kind == "contradiction"],
            "revisions": [_finding(snap, f) for f in findings if f.kind == "revision"],
            "series": _series(snap, topics),
            "contract": _contract_entry(snap, inc)}


def export_dossier(snap: Snapshot, incident_id: str, fmt: str) -> tuple[str, str]:
    """(file name, text) of the incident's standalone dossier as ``rashomon.report`` renders
    it: Markdown ("md"), one self-contained HTML page ("html") or JSON ("json")."""
    from rashomon.compare.dossier import build_dossier
    from rashomon.report.render import FORMATS, dossier_filename, render_dossier

    if fmt not in FORMATS:
        raise UsageError(f"unknown dossier format {fmt!r}; use one of {', '.join(FORMATS)}")
    inc = snap.get_incident(incident_id)
    return dossier_filename(inc, fmt), render_dossier(build_dossier(inc, snap.articles), fmt)


def _contract_entry(snap: Snapshot, inc: Incident) -> dict[str, Any]:
    """The incident's articles in the contract form ({id, url, outlet, country})."""
    return {"articles": [article_ref(snap.articles[a], inc.copies.get(a))
                         for a in inc.article_ids if a in snap.articles]}
