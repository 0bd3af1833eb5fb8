"""The JSON-ready shapes of articles and their items, with side and sentence anchor."""

from __future__ import annotations

import logging
from typing import Any

from rashomon.catalog.snapshot import Snapshot, side_group
from rashomon.compare.speakers import actor_country, claimant_side
from rashomon.compare.text import country_of_name
from rashomon.models import Article, Claim, Quote
from rashomon.view import claim_value

logger = logging.getLogger(__name__)

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
