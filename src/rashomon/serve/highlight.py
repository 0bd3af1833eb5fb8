"""Article text cut into plain segments with the analysis items that cover each one.

Templates print every segment through Jinja's autoescaping; nothing here builds
HTML. Overlapping items (a claim inside a quote, a framing term inside an
event) are handled by cutting the text at every item boundary, so each segment
carries the set of items over it and the markup nests correctly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rashomon.compare.text import Sentence
from rashomon.models import Article
from rashomon.view import claim_value


@dataclass(frozen=True)
class Mark:
    """One highlighted item: its kind, span, CSS classes and tooltip lines."""

    id: int
    kind: str  # quote | claim | event | frame
    start: int
    end: int
    css: str
    title: str
    details: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Segment:
    """A run of text with the same items over it (``marks`` are Mark ids)."""

    text: str
    marks: tuple[int, ...] = ()
    css: str = ""
    title: str = ""


@dataclass
class Piece:
    """A sentence (anchor = its start) or the text between sentences (anchor None)."""

    anchor: int | None
    segments: list[Segment]


def _pairs(*pairs: tuple[str, Any]) -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in pairs if v not in (None, "", False)]


def _title(head: str, details: list[tuple[str, str]]) -> str:
    return "\n".join([head, *(f"{k}: {v}" for k, v in details)])


def article_marks(article: Article) -> list[Mark]:
    """Quotes, claims, events and framing terms of an article as marks, in text order."""
    raw: list[tuple[str, int, int, str, str, list[tuple[str, str]]]] = []
    for q in article.quotes:
        d = _pairs(("speaker", q.speaker or "unknown"), ("kind", q.kind), ("cue", q.cue),
                   ("rule", q.reason))
        raw.append(("quote", q.start, q.end, "hl-quote", "Quote", d))
    for c in article.claims:
        d = _pairs(("value", claim_value(c.low, c.high, c.value)), ("object", c.object),
                   ("claimant", c.claimant), ("hedge", c.hedge), ("predicate", c.predicate),
                   ("rule", c.reason))
        raw.append(("claim", c.start, c.end, f"hl-claim hedge-{c.hedge}", "Claim", d))
    for e in article.events:
        flags = ", ".join(x for x, on in (("negated", e.negated),
                                          ("hypothetical", e.hypothetical)) if on)
        d = _pairs(("type", e.type + (f" ({e.mode})" if e.mode else "")), ("actor", e.actor),
                   ("target", e.target), ("date", e.date), ("location", e.location),
                   ("reported by", e.source), ("flags", flags), ("rule", e.reason))
        raw.append(("event", e.start, e.end, "hl-event", f"Event {e.type}", d))
    for f in article.frames:
        d = _pairs(("carries", f.leaning), ("neutral equivalent", f.neutral),
                   ("category", f.category), ("rule", f.reason or f.term))
        raw.append(("frame", f.start, f.end, f"hl-frame lean-{_css_word(f.leaning)}",
                    "Framing term", d))
    n = len(article.text or "")
    raw = [r for r in raw if 0 <= r[1] < r[2] <= n]
    raw.sort(key=lambda r: (r[1], -r[2]))
    return [Mark(i, kind, s, e, css, _title(head, d), d)
            for i, (kind, s, e, css, head, d) in enumerate(raw)]


def _css_word(value: str | None) -> str:
    return "".join(ch for ch in (value or "none") if ch.isalnum()) or "none"


def _segments(text: str, start: int, end: int, marks: Sequence[Mark]) -> list[Segment]:
    """The text [start, end) cut at every mark boundary inside it."""
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = sorted({start, end, *(x for m in inside for x in (m.start, m.end) if start < x < end)})
    out = []
    for a, b in itertools.pairwise(cuts):
        over = [m for m in inside if m.start <= a and m.end >= b]
        kinds = " ".join(dict.fromkeys(m.css for m in over))
        out.append(Segment(text[a:b], tuple(m.id for m in over),
                           ("hl " + kinds) if over else "",
                           "\n\n".join(m.title for m in over)))
    return out


def paragraphs(article: Article, sentences: Sequence[Sentence],
               marks: Sequence[Mark]) -> list[list[Piece]]:
    """Paragraphs (lines of the text) as sentences and the gaps between them."""
    text = article.text or ""
    out: list[list[Piece]] = []
    pos, si = 0, 0
    for line_end in [*_line_ends(text), len(text)]:
        para: list[Piece] = []
        while si < len(sentences) and sentences[si].start < line_end:
            s = sentences[si]
            if s.start > pos:
                para.append(Piece(None, [Segment(text[pos:s.start])]))
            para.append(Piece(s.start, _segments(text, s.start, s.end, marks)))
            pos, si = s.end, si + 1
        if line_end > pos and text[pos:line_end].strip():
            para.append(Piece(None, _segments(text, pos, line_end, marks)))
        pos = max(pos, line_end + 1)
        if para:
            out.append(para)
    return out


def _line_ends(text: str) -> Iterable[int]:
    return (i for i, ch in enumerate(text) if ch == "\n")


def snippet_segments(snippet: str, highlights: Iterable[Sequence[int]]) -> list[Segment]:
    """A search snippet cut into plain and highlighted (css "hit") segments."""
    out, pos = [], 0
    for start, end in sorted((int(s), int(e)) for s, e in highlights):
        if start < pos or end > len(snippet):
            continue
        if start > pos:
            out.append(Segment(snippet[pos:start]))
        out.append(Segment(snippet[start:end], css="hit"))
        pos = end
    if pos < len(snippet):
        out.append(Segment(snippet[pos:]))
    return out
