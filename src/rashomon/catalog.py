"""Read models over a store for the web app and the REST API.

Every function returns plain JSON-ready dicts and lists, so that a route (page
or API) only pages, renders or serialises them. The store is read once into a
``Snapshot`` (all articles with their analysis, incidents clustered by
``compare``) that is cached by the database files' modification stamps: a
write (ingest) makes the next request rebuild it. That is fine at the scale
of a newsroom archive of a few thousand articles; a larger store wants the
incidents persisted and these views answered by queries instead.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rashomon.compare.alignment import AlignedTopic, actor_country, claimant_side
from rashomon.compare.contradictions import (
    Finding,
    Position,
    analyse_incident,
    article_ref,
    display_value,
    positions_of,
)
from rashomon.compare.incidents import Incident, cluster_incidents
from rashomon.compare.text import Sentence, country_of_name, sentence_at, split_sentences
from rashomon.errors import NotFound, UsageError
from rashomon.models import Article, Claim, Quote
from rashomon.store import open_store
from rashomon.view import claim_value

logger = logging.getLogger(__name__)

SIDES = ("PK", "IN", "INTL")
SIDE_NAMES = {"PK": "Pakistani", "IN": "Indian", "INTL": "International"}
MIN_PREFIX = 6
MAX_INGEST_URLS = 10
MAX_INGEST_HTML = 5_000_000


def side_group(country: str | None) -> str:
    """The dossier column of a country code: PK, IN, or INTL for every other (or unknown)."""
    return country if country in ("PK", "IN") else "INTL"


# ---------------------------------------------------------------- snapshot


@dataclass
class Snapshot:
    """Every article of a store with its analysis, and the incidents clustered over them."""

    path: str
    stamp: tuple[int, ...]
    articles: dict[str, Article]
    incidents: list[Incident]  # newest first
    errors: list[str] = field(default_factory=list)
    _analysis: dict[str, tuple[list[AlignedTopic], list[Finding]]] = field(default_factory=dict)
    _sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    _dossiers: dict[str, dict[str, Any]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @cached_property
    def incident_by_id(self) -> dict[str, Incident]:
        """Incidents by id."""
        return {inc.id: inc for inc in self.incidents}

    @cached_property
    def incidents_of_article(self) -> dict[str, list[str]]:
        """Article id -> ids of the incidents it belongs to or is linked to by a sentence."""
        out: dict[str, list[str]] = defaultdict(list)
        for inc in self.incidents:
            for aid in dict.fromkeys([*inc.article_ids, *(ln.article_id for ln in inc.links)]):
                out[aid].append(inc.id)
        return out

    def analysis(self, incident: Incident) -> tuple[list[AlignedTopic], list[Finding]]:
        """Aligned topics and findings of an incident (computed once per snapshot)."""
        with self._lock:
            cached = self._analysis.get(incident.id)
        if cached is not None:
            return cached
        try:
            result = analyse_incident(incident, self.articles)
        except Exception:
            logger.exception("claim alignment failed for incident %s", incident.id)
            result = ([], [])
        with self._lock:
            self._analysis[incident.id] = result
        return result

    def sentences(self, article: Article) -> list[Sentence]:
        """The article's sentence spans (the anchors ``#c-<start>`` of the article page)."""
        with self._lock:
            cached = self._sentences.get(article.id)
        if cached is None:
            cached = split_sentences(article.text or "")
            with self._lock:
                self._sentences[article.id] = cached
        return cached

    def anchor(self, article: Article, offset: int) -> int:
        """Start of the sentence that holds ``offset`` (the offset itself when none does)."""
        sents = self.sentences(article)
        i = sentence_at(sents, offset)
        return sents[i].start if i is not None else offset

    def get_article(self, id: str) -> Article:
        """An article by id or unique prefix (>= 6 characters)."""
        if id in self.articles:
            return self.articles[id]
        found = [a for k, a in self.articles.items() if len(id) >= MIN_PREFIX and k.startswith(id)]
        if len(found) > 1:
            raise UsageError(f"id prefix {id!r} matches several articles; give more of it")
        if not found:
            hint = f" (a prefix needs {MIN_PREFIX}+ characters)" if len(id) < MIN_PREFIX else ""
            raise NotFound(f"no article with id {id!r}{hint}")
        return found[0]

    def get_incident(self, id: str) -> Incident:
        """An incident by id; NotFound otherwise."""
        inc = self.incident_by_id.get(id)
        if inc is None:
            raise NotFound(f"no incident with id {id!r}")
        return inc


_CACHE: dict[str, Snapshot] = {}
_CACHE_LOCK = threading.Lock()


def store_stamp(path: str) -> tuple[int, ...]:
    """Modification time and size of the database, and of its WAL when that holds pages.

    Every write changes one of them. An empty WAL is left out: readers create and
    delete one as they open and close the store, which changes nothing.
    """
    out: list[int] = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(path + suffix)
        except OSError:
            out += [0, 0]
            continue
        out += [st.st_mtime_ns, st.st_size] if st.st_size else [0, 0]
    return tuple(out)


def snapshot(path: str) -> Snapshot:
    """The cached snapshot of the store at ``path``, rebuilt when the files changed."""
    if not os.path.isfile(path):
        raise UsageError(f"no store at {path}: create one with `rashomon ingest INPUT --db {path}`")
    stamp = store_stamp(path)
    with _CACHE_LOCK:
        snap = _CACHE.get(path)
        if snap is not None and snap.stamp == stamp:
            return snap
        snap = _build(path, stamp)
        _CACHE[path] = snap
        return snap


def _build(path: str, stamp: tuple[int, ...]) -> Snapshot:
    with open_store(path) as store:
        articles = {a.id: a for a in store.iter_articles()}
    errors: list[str] = []
    try:
        incidents = cluster_incidents(list(articles.values())) if articles else []
    except Exception as exc:
        logger.exception("incident clustering failed on %s", path)
        incidents, errors = [], [f"incident clustering failed: {exc.__class__.__name__}: {exc}"]
    incidents.sort(key=lambda i: (i.end or i.start or "", i.start or "", i.id), reverse=True)
    logger.info("snapshot of %s: %d articles, %d incidents", path, len(articles), len(incidents))
    return Snapshot(path, stamp, articles, incidents, errors)


# ---------------------------------------------------------------- small shapes


def outlet_ref(article: Article) -> dict[str, Any]:
    """{name, domain, country, side} of an article's outlet."""
    o = article.outlet
    return {"name": o.name or o.domain, "domain": o.domain, "country": o.country,
            "side": side_group(o.country)}


def article_summary(article: Article) -> dict[str, Any]:
    """An article without its text and items: what a list row shows."""
    return {"id": article.id, "title": article.title, "url": article.url,
            "published": article.published, "language": article.language,
            "outlet": outlet_ref(article), "copy_of": article.copy_of,
            "analyzed": article.analyzed,
            "counts": {k: len(getattr(article, k)) for k in ("quotes", "claims", "events", "frames")}}


def _item_base(snap: Snapshot, article: Article, start: int) -> dict[str, Any]:
    """Where an item sits: its article, outlet, date and sentence anchor."""
    return {"article_id": article.id, "article_title": article.title,
            "outlet": article.outlet.name or article.outlet.domain,
            "outlet_country": article.outlet.country, "published": article.published,
            "anchor": snap.anchor(article, start)}


def quote_row(snap: Snapshot, article: Article, q: Quote) -> dict[str, Any]:
    """A quote with its speaker's side and its place in the article."""
    country = actor_country(article, q.speaker_actor) or country_of_name(q.speaker)
    return {**_item_base(snap, article, q.start), "speaker": q.speaker,
            "speaker_actor": q.speaker_actor, "cue": q.cue, "kind": q.kind, "content": q.content,
            "start": q.start, "end": q.end, "reason": q.reason,
            "side": side_group(country or article.outlet.country),
            "side_reason": "speaker" if country else "outlet"}


def claim_row(snap: Snapshot, article: Article, c: Claim) -> dict[str, Any]:
    """A claim with the claimant's side (the outlet's for its own voice) and its place."""
    own = not c.attributed or (c.claimant or "").lower() == (article.outlet.name or "").lower()
    side, why = claimant_side(article, c.claimant, c.claimant_actor, own)
    return {**_item_base(snap, article, c.start), "claimant": c.claimant,
            "claimant_actor": c.claimant_actor, "attributed": c.attributed,
            "display": claim_value(c.low, c.high, c.value), "value": c.value, "low": c.low,
            "high": c.high, "unit": c.unit, "object": c.object, "predicate": c.predicate,
            "hedge": c.hedge, "date": c.date, "sentence": c.sentence, "start": c.start,
            "end": c.end, "reason": c.reason, "side": side_group(side), "side_reason": why}


def event_row(snap: Snapshot, article: Article, index: int) -> dict[str, Any]:
    """An event with the date it happened (or the article's) and its place."""
    e = article.events[index]
    return {**_item_base(snap, article, e.start), "type": e.type, "mode": e.mode,
            "actor": e.actor, "target": e.target, "date": e.date, "location": e.location,
            "negated": e.negated, "hypothetical": e.hypothetical, "source": e.source,
            "text": e.text, "trigger": e.trigger, "start": e.start, "end": e.end,
            "reason": e.reason, "side": side_group(article.outlet.country)}


def frame_row(snap: Snapshot, article: Article, index: int) -> dict[str, Any]:
    """A framing term with whose narrative it carries and its place."""
    f = article.frames[index]
    return {**_item_base(snap, article, f.start), "text": f.text, "term": f.term or f.text.lower(),
            "neutral": f.neutral, "leaning": f.leaning, "category": f.category,
            "start": f.start, "end": f.end, "reason": f.reason,
            "side": side_group(article.outlet.country)}


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


# ---------------------------------------------------------------- articles


def article_detail(snap: Snapshot, article_id: str) -> dict[str, Any]:
    """An article in the contract form, with the incidents it belongs to."""
    a = snap.get_article(article_id)
    d = a.to_dict()
    d["incidents"] = [{"id": i, "label": snap.incident_by_id[i].label}
                      for i in snap.incidents_of_article.get(a.id, [])]
    d["sentences"] = [[s.start, s.end] for s in snap.sentences(a)]
    return d


def list_articles(snap: Snapshot, *, outlet: str | None = None, country: str | None = None,
                  language: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
    """Article summaries newest first, filtered by outlet (domain or name), country, language."""
    out = []
    for a in snap.articles.values():
        if outlet and outlet.lower() not in ((a.outlet.domain or "").lower(),
                                             (a.outlet.name or "").lower()):
            continue
        if country and country.upper() not in ((a.outlet.country or "").upper(),
                                               side_group(a.outlet.country)):
            continue
        if language and (a.language or "") != language.lower():
            continue
        if q and q.lower() not in (a.title or "").lower():
            continue
        out.append(article_summary(a))
    return sorted(out, key=lambda r: (r["published"] or "", r["id"]), reverse=True)


# ---------------------------------------------------------------- quotes and claims


def _match(value: str | None, wanted: str | None) -> bool:
    return not wanted or wanted.lower() in (value or "").lower()


def _article_filter(a: Article, outlet: str | None, country: str | None) -> bool:
    if outlet and outlet.lower() not in ((a.outlet.domain or "").lower(),
                                         (a.outlet.name or "").lower()):
        return False
    return not country or country.upper() in ((a.outlet.country or "").upper(),
                                               side_group(a.outlet.country))


def list_quotes(snap: Snapshot, *, speaker: str | None = None, actor: str | None = None,
                outlet: str | None = None, country: str | None = None,
                article: str | None = None) -> list[dict[str, Any]]:
    """Quotes of every article, filtered by speaker name, actor id, outlet, country, article."""
    out = []
    for a in _articles_for(snap, article):
        if not _article_filter(a, outlet, country):
            continue
        for q in a.quotes:
            if _match(q.speaker, speaker) and (not actor or q.speaker_actor == actor):
                out.append(quote_row(snap, a, q))
    return out


def list_claims(snap: Snapshot, *, claimant: str | None = None, actor: str | None = None,
                outlet: str | None = None, country: str | None = None, hedge: str | None = None,
                article: str | None = None) -> list[dict[str, Any]]:
    """Claims of every article, filtered like ``list_quotes`` plus hedge."""
    out = []
    for a in _articles_for(snap, article):
        if not _article_filter(a, outlet, country):
            continue
        for c in a.claims:
            if (_match(c.claimant, claimant) and (not actor or c.claimant_actor == actor)
                    and (not hedge or c.hedge == hedge)):
                out.append(claim_row(snap, a, c))
    return out


def _articles_for(snap: Snapshot, article: str | None) -> Iterable[Article]:
    return [snap.get_article(article)] if article else snap.articles.values()


# ---------------------------------------------------------------- actors


def list_actors(snap: Snapshot, *, q: str | None = None, country: str | None = None
                ) -> list[dict[str, Any]]:
    """Every actor met in the store, most mentioned first, with counts."""
    acc: dict[str, dict[str, Any]] = {}
    for a in snap.articles.values():
        for act in a.actors:
            row = acc.setdefault(act.id, {"id": act.id, "name": act.name, "type": act.type,
                                          "country": act.country, "sector": act.sector,
                                          "title": act.title, "articles": 0, "mentions": 0,
                                          "quotes": 0, "claims": 0})
            row["articles"] += 1
            row["mentions"] += len(act.mentions)
        for qt in a.quotes:
            if qt.speaker_actor in acc:
                acc[qt.speaker_actor]["quotes"] += 1
        for c in a.claims:
            if c.claimant_actor in acc:
                acc[c.claimant_actor]["claims"] += 1
    rows = [r for r in acc.values() if _match(r["name"], q) or _match(r["id"], q)]
    if country:
        rows = [r for r in rows if (r["country"] or "").upper() == country.upper()]
    return sorted(rows, key=lambda r: (-r["mentions"], r["name"] or ""))


def actor_profile(snap: Snapshot, actor_id: str) -> dict[str, Any]:
    """What an actor said and did, across outlets and time."""
    info = next((r for r in list_actors(snap) if r["id"] == actor_id), None)
    if info is None:
        raise NotFound(f"no actor with id {actor_id!r}")
    quotes, claims, events = [], [], []
    by_outlet: Counter[str] = Counter()
    for a in snap.articles.values():
        if not any(act.id == actor_id for act in a.actors):
            continue
        by_outlet[a.outlet.name or a.outlet.domain or "?"] += 1
        quotes += [quote_row(snap, a, q) for q in a.quotes if q.speaker_actor == actor_id]
        claims += [claim_row(snap, a, c) for c in a.claims if c.claimant_actor == actor_id]
        events += [{**event_row(snap, a, i), "role": "actor" if e.actor == actor_id else "target"}
                   for i, e in enumerate(a.events) if actor_id in (e.actor, e.target)]
    key = _by_date
    return {**info, "outlets": dict(by_outlet.most_common()),
            "quotes": sorted(quotes, key=key), "claims": sorted(claims, key=key),
            "events": sorted(events, key=key),
            "incidents": _actor_incidents(snap, actor_id)}


def _by_date(row: Mapping[str, Any]) -> tuple[str, str, int]:
    return (row.get("date") or row.get("published") or "", row["article_id"], row["start"])


def _actor_incidents(snap: Snapshot, actor_id: str) -> list[dict[str, Any]]:
    out = []
    for inc in snap.incidents:
        if any(act.id == actor_id for aid in inc.article_ids if aid in snap.articles
               for act in snap.articles[aid].actors):
            out.append({"id": inc.id, "label": inc.label, "start": inc.start})
    return out


# ---------------------------------------------------------------- outlets


def _words(a: Article) -> int:
    return max(1, len((a.text or "").split()))


def list_outlets(snap: Snapshot) -> list[dict[str, Any]]:
    """Every outlet in the store with its article count, framing-term rate and leaning."""
    acc: dict[str, dict[str, Any]] = {}
    for a in snap.articles.values():
        key = a.outlet.domain or a.outlet.name or "?"
        row = acc.setdefault(key, {**outlet_ref(a), "key": key, "kind": a.outlet.kind,
                                   "articles": 0, "copies": 0, "words": 0, "frames": 0})
        row["articles"] += 1
        row["copies"] += bool(a.copy_of)
        row["words"] += _words(a)
        row["frames"] += len(a.frames)
    for row in acc.values():
        row["frames_per_1000_words"] = round(1000 * row["frames"] / row["words"], 2)
    return sorted(acc.values(), key=lambda r: (r["side"], r["name"] or ""))


def _term_rates(articles: Iterable[Article]) -> tuple[dict[str, dict[str, Any]], int]:
    """Per framing term: count, leaning, neutral equivalent; and the words read."""
    terms: dict[str, dict[str, Any]] = {}
    words = 0
    for a in articles:
        words += _words(a)
        for f in a.frames:
            key = f.term or f.text.lower()
            t = terms.setdefault(key, {"term": key, "text": f.text, "leaning": f.leaning,
                                       "neutral": f.neutral, "category": f.category, "count": 0})
            t["count"] += 1
    return terms, words


def outlet_profile(snap: Snapshot, domain: str) -> dict[str, Any]:
    """An outlet's framing profile (its loaded terms against the others'), leaning, incidents."""
    key = domain.lower().removeprefix("www.")
    mine = [a for a in snap.articles.values()
            if (a.outlet.domain or a.outlet.name or "?").lower() == key]
    if not mine:
        raise NotFound(f"no outlet {domain!r} in this store")
    others = [a for a in snap.articles.values() if a not in mine]
    terms, words = _term_rates(mine)
    other_terms, other_words = _term_rates(others)
    rows = []
    for k in sorted(set(terms) | set(other_terms)):
        t = terms.get(k) or {**other_terms[k], "count": 0}
        other = other_terms.get(k, {}).get("count", 0)
        rows.append({**t, "per_1000": round(1000 * t["count"] / words, 2),
                     "others_count": other,
                     "others_per_1000": round(1000 * other / other_words, 2) if others else 0.0})
    rows.sort(key=lambda r: (-r["count"], -r["others_count"], r["term"]))
    ids = {a.id for a in mine}
    return {**outlet_ref(mine[0]), "key": key, "kind": mine[0].outlet.kind,
            "articles": sorted((article_summary(a) for a in mine),
                               key=lambda r: r["published"] or "", reverse=True),
            "words": words, "terms": rows, "leaning": _leaning(mine, terms),
            "incidents": [{"id": i.id, "label": i.label, "start": i.start}
                          for i in snap.incidents if ids & set(i.article_ids)]}


def _leaning(articles: list[Article], terms: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Share of the outlet's loaded terms carrying each side's narrative, and the article votes."""
    by_side: Counter[str] = Counter()
    for t in terms.values():
        by_side[t["leaning"]] += t["count"]
    total = sum(by_side.values())
    votes = Counter(a.leaning.inferred_side for a in articles
                    if a.leaning and a.leaning.inferred_side)
    return {"shares": {k: round(v / total, 3) for k, v in by_side.most_common()} if total else {},
            "terms": total, "article_sides": dict(votes.most_common()),
            "inferred": votes.most_common(1)[0][0] if votes else None,
            "registry": articles[0].outlet.country}


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
