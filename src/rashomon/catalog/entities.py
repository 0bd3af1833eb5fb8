"""Articles, quotes, claims, actors and outlets over a snapshot."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from rashomon.catalog.rows import article_summary, claim_row, event_row, outlet_ref, quote_row
from rashomon.catalog.snapshot import Snapshot, side_group
from rashomon.errors import NotFound
from rashomon.models import Article

logger = logging.getLogger(__name__)

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
