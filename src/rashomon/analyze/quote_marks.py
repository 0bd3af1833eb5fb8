"""Quotation marks: the quoted segments of a text, paragraph by paragraph.

Straight and curly double quotes, and '' / `` as some wires write them. Each
mark's direction comes from its neighbours (space before: opens; punctuation
or space after: closes), curly shape breaking ties. A mark left open runs to the
end of its paragraph, so unbalanced marks never spill into the rest of the
article; a paragraph that opens with a mark continues an open quote before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "\u201c\u201e\u00ab"
CLOSERS = "\u201d\u00bb"
_MARKS = re.compile("''|``|[\"\u201c\u201d\u201e\u00ab\u00bb]")
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/:")
_CLOSE_AFTER = set(" \t\n)]}.,;:!?\u2014\u2013-'\u2019")


@dataclass
class Segment:
    """Text between a pair of quotation marks (offsets of the inner text)."""

    start: int
    end: int
    para: int
    closed: bool = True
    cont: bool = False  # continues the previous paragraph's open quote
    lead: int = 1  # width of the opening mark ('' is two characters)
    tail: int = 1  # width of the closing mark (0 when unclosed)

    @property
    def outer_start(self) -> int:
        """Offset of the opening mark."""
        return self.start - self.lead

    @property
    def outer_end(self) -> int:
        """Offset just past the closing mark."""
        return self.end + self.tail


def _classify(text: str, i: int, j: int) -> str:
    """'open', 'close' or '?' for the quote mark ``text[i:j]`` from its neighbours."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[j] if j < len(text) else "\n"
    opens, closes = before in _OPEN_BEFORE, after in _CLOSE_AFTER
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    ch = text[i:j]
    return "open" if ch in OPENERS or ch == "``" else "close" if ch in CLOSERS else "?"


def _paragraph_segments(text: str, start: int, end: int, para: int) -> list[Segment]:
    """Segments of one paragraph; an opener left unclosed runs to the paragraph end."""
    out: list[Segment] = []
    open_at: int | None = None
    lead = 1
    for m in _MARKS.finditer(text, start, end):
        kind = _classify(text, m.start(), m.end())
        if kind == "?":
            kind = "close" if open_at is not None else "open"
        if kind == "open":
            open_at, lead = m.end(), m.end() - m.start()
        elif open_at is not None:
            if m.start() > open_at:
                out.append(Segment(open_at, m.start(), para, lead=lead, tail=m.end() - m.start()))
            open_at = None
    if open_at is not None and end - open_at > 1:
        out.append(Segment(open_at, end, para, closed=False, lead=lead, tail=0))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the text."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def _continues(text: str, prev: Segment, seg: Segment, para_start: int, para: int) -> bool:
    """A paragraph opening with a quote mark continues the previous paragraph's quote
    when that one was left open and began like a sentence (capital letter)."""
    head = text[prev.start:prev.end].lstrip()[:1]
    return (not prev.closed and prev.para == para - 1 and seg.outer_start == para_start
            and (head.isupper() or head.isdigit()))


def quote_segments(text: str) -> list[Segment]:
    """Every quoted segment of the text; unbalanced marks only affect their paragraph."""
    segs: list[Segment] = []
    paras = paragraphs(text)
    for n, (s, e) in enumerate(paras):
        found = _paragraph_segments(text, s, e, n)
        if found and segs and _continues(text, segs[-1], found[0], s, n):
            found[0].cont = True
        segs.extend(found)
    return segs


def units_of(segs: list[Segment]) -> list[list[Segment]]:
    """Chain segments that continue over paragraphs into one unit each."""
    units: list[list[Segment]] = []
    for seg in segs:
        if seg.cont and units:
            units[-1].append(seg)
        else:
            units.append([seg])
    return units
