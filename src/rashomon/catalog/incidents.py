"""Incident list (coverage by side, contradictions, filters) and the dossier of one incident."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rashomon.catalog.snapshot import SIDES, Snapshot, side_group
from rashomon.compare.dossier import build_dossier
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


def incident_dossier(snap: Snapshot, incident_id: str) -> dict[str, Any]:
    """The incident's dossier (``compare.build_dossier``, the same the Markdown/HTML/JSON
    renderers use) as a dict, with the incident-list summary (coverage by side, counts) under
    "summary"; cached per snapshot: callers must not change it."""
    inc = snap.get_incident(incident_id)
    with snap._lock:
        cached = snap._dossiers.get(inc.id)
    if cached is None:
        cached = build_dossier(inc, snap.articles, snap.analysis(inc)).to_dict()
        cached["summary"] = incident_summary(snap, inc)
        with snap._lock:
            snap._dossiers[inc.id] = cached
    return cached


def export_dossier(snap: Snapshot, incident_id: str, fmt: str) -> tuple[str, str]:
    """(file name, text) of the incident's standalone dossier as ``rashomon.report`` renders
    it: Markdown ("md"), one self-contained HTML page ("html") or JSON ("json")."""
    from rashomon.report.render import FORMATS, dossier_filename, render_dossier

    if fmt not in FORMATS:
        raise UsageError(f"unknown dossier format {fmt!r}; use one of {', '.join(FORMATS)}")
    inc = snap.get_incident(incident_id)
    dossier = build_dossier(inc, snap.articles, snap.analysis(inc))
    return dossier_filename(inc, fmt), render_dossier(dossier, fmt)
