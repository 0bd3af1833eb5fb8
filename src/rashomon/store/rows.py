"""Conversion between ``Article`` (and its analysis items) and store rows.

Column lists are explicit, not derived from the dataclasses: the schema only
changes through a migration. ``tests/test_store.py`` checks that every
dataclass field has a column, so a new field without a migration fails there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from rashomon.models import (
    Actor,
    Article,
    Claim,
    Dateline,
    Event,
    Frame,
    Leaning,
    Outlet,
    Quote,
    TimeExpr,
)

ARTICLE_COLUMNS = (
    "seq", "id", "source", "url", "canonical_url", "title", "standfirst", "author",
    "outlet_name", "outlet_domain", "outlet_country", "outlet_kind", "published", "language",
    "dateline", "text", "text_hash", "cleanup", "leaning", "errors", "analyzed", "copy_of",
)

# Analysis item kind -> (table, dataclass, columns in the table, besides id/article_id/idx).
# For actors, the dataclass field ``id`` is stored as ``actor_id``.
ITEM_TABLES: dict[str, tuple[str, type, tuple[str, ...]]] = {
    "actors": ("actors", Actor, (
        "actor_id", "name", "type", "country", "sector", "title", "mentions", "reason")),
    "quotes": ("quotes", Quote, (
        "speaker", "speaker_actor", "cue", "content", "kind", "start", "end", "cue_start",
        "speaker_start", "speaker_end", "reason")),
    "claims": ("claims", Claim, (
        "claimant", "claimant_actor", "attributed", "value", "low", "high", "object",
        "predicate", "hedge", "sentence", "start", "end", "text", "unit", "date", "reason")),
    "times": ("times", TimeExpr, ("text", "value", "type", "start", "end", "reason")),
    "events": ("events", Event, (
        "type", "mode", "actor", "target", "date", "location", "negated", "hypothetical",
        "source", "text", "start", "end", "trigger", "sentence", "reason")),
    "frames": ("frames", Frame, (
        "text", "neutral", "leaning", "category", "start", "end", "term", "conflict", "reason")),
}
_BOOL_COLUMNS = frozenset({"attributed", "negated", "hypothetical"})


def quoted(columns: Sequence[str]) -> str:
    """Comma-separated, double-quoted column names ("start" and "end" are SQL keywords)."""
    return ", ".join(f'"{c}"' for c in columns)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def article_row(article: Article, text_hash: str, copy_of: str | None) -> dict[str, Any]:
    """The ``articles`` columns of an article (without seq, minhash and bookkeeping)."""
    outlet = article.outlet or Outlet()
    return {
        "id": article.id, "source": article.source, "url": article.url,
        "canonical_url": article.canonical_url, "title": article.title,
        "standfirst": article.standfirst, "author": article.author,
        "outlet_name": outlet.name, "outlet_domain": outlet.domain,
        "outlet_country": outlet.country, "outlet_kind": outlet.kind,
        "published": article.published, "language": article.language,
        "dateline": _json(asdict(article.dateline)) if article.dateline else None,
        "text": article.text, "text_hash": text_hash,
        "cleanup": _json(list(article.cleanup)),
        "leaning": _json(asdict(article.leaning)) if article.leaning else None,
        "errors": _json(list(article.errors)), "analyzed": int(article.analyzed),
        "copy_of": copy_of,
    }


def article_from_row(row: Sequence[Any], columns: Sequence[str]) -> Article:
    """An ``Article`` (without items) from a row selected with ``columns``."""
    r = dict(zip(columns, row, strict=True))
    dateline = json.loads(r["dateline"]) if r.get("dateline") else None
    leaning = json.loads(r["leaning"]) if r.get("leaning") else None
    return Article(
        id=r["id"], source=r["source"], url=r["url"], title=r["title"],
        outlet=Outlet(name=r["outlet_name"], domain=r["outlet_domain"],
                      country=r["outlet_country"], kind=r["outlet_kind"]),
        published=r["published"], language=r["language"],
        dateline=Dateline(**dateline) if dateline else None,
        text=r.get("text") or "", standfirst=r["standfirst"], author=r["author"],
        canonical_url=r["canonical_url"], text_hash=r["text_hash"],
        cleanup=json.loads(r["cleanup"] or "[]"),
        leaning=Leaning(**leaning) if leaning else None,
        analyzed=bool(r["analyzed"]), copy_of=r["copy_of"],
        errors=json.loads(r["errors"] or "[]"),
    )


def _item_value(item: Any, column: str) -> Any:
    if column == "actor_id":
        return item.id
    value = getattr(item, column)
    if column == "mentions":
        return json.dumps([list(m) for m in value])
    if column in _BOOL_COLUMNS:
        return int(bool(value))
    return value


def item_rows(article: Article, kind: str) -> list[tuple[Any, ...]]:
    """Rows ``(article_id, idx, *columns)`` for one kind of analysis item."""
    _, _, columns = ITEM_TABLES[kind]
    return [(article.id, idx, *(_item_value(item, c) for c in columns))
            for idx, item in enumerate(getattr(article, kind))]


def _field_value(column: str, value: Any) -> tuple[str, Any]:
    if column == "actor_id":
        return "id", value
    if column == "mentions":
        return "mentions", [tuple(m) for m in json.loads(value or "[]")]
    if column in _BOOL_COLUMNS:
        return column, bool(value)
    return column, value


def item_builder(kind: str) -> Callable[[Sequence[Any]], Any]:
    """A function turning a row of ``ITEM_TABLES[kind]`` columns into the dataclass."""
    _, cls, columns = ITEM_TABLES[kind]

    def build(row: Sequence[Any]) -> Any:
        return cls(**dict(_field_value(c, v) for c, v in zip(columns, row, strict=True)))

    return build
