"""Dates of events: from the time expressions of their own sentence, else from the
story they belong to.

An event takes the dated expression of its sentence nearest its trigger, except
that "a day after X" / "15 days after X" dates the clause it modifies, so an event
inside X is that date minus the offset (and "N days before X" plus it). An event
whose sentence names no date inherits one when it is told as past narrative: the
date of an earlier event of the same type between the same parties (the same
incident told again), else of the latest earlier dated event of the same actor,
else of the latest dated event in the sentences just before it. Habitual or
open-ended statements ("has long accused"), hypothetical and negated events
inherit nothing.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from rashomon.analyze.numbers import parse_number
from rashomon.models import Event, Quote, TimeExpr

logger = logging.getLogger(__name__)

OFFSET = re.compile(r"^(?P<n>[\w-]+)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>after|before)$",
                    re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
_INHERITABLE = re.compile(r"^\d{4}-(?:\d\d-\d\d|W\d\d)$")
#: Adverbs that make a clause habitual or open-ended: no single date.
HABITUAL = frozenset({"long", "always", "often", "repeatedly", "regularly", "frequently",
                      "usually", "routinely", "never", "ever", "traditionally", "historically"})
#: How many sentences back the last resort (any dated event) may look.
NEARBY_SENTENCES = 2


def shift(value: str, n: int, unit: str) -> str | None:
    """A YYYY-MM-DD value moved by ``n`` days, weeks, months or years (None otherwise)."""
    if not _DAY.match(value):
        return None
    d = date.fromisoformat(value)
    if unit in ("day", "week"):
        return (d + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    months = d.month - 1 + n * (12 if unit == "year" else 1)
    year, month = d.year + months // 12, months % 12 + 1
    try:
        return d.replace(year=year, month=month).isoformat()
    except ValueError:  # 31 March minus a month
        return d.replace(year=year, month=month, day=28).isoformat()


@dataclass
class _Offset:
    """'15 days after' and the token range of the clause it governs."""

    time: TimeExpr
    lo: int
    hi: int
    days: int  # signed amount, in ``unit``s, to go from the time's value to the clause
    unit: str


@dataclass
class Dater:
    """The document's dated time expressions, indexed for per-sentence lookups."""

    doc: Doc
    times: list[TimeExpr] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.times = sorted((t for t in self.doc._.times or () if t.type == "DATE" and t.value
                             and t.value[:4].isdigit()), key=lambda t: t.start)
        self.starts = [t.start for t in self.times]

    def in_sentence(self, sent: Span) -> list[TimeExpr]:
        """Dated expressions that start inside the sentence."""
        lo = bisect.bisect_left(self.starts, sent.start_char)
        hi = bisect.bisect_left(self.starts, sent.end_char)
        return self.times[lo:hi]

    def offsets(self, stimes: list[TimeExpr]) -> list[_Offset]:
        """The sentence's "N days after/before" expressions with the clause each governs."""
        out = []
        for t in stimes:
            m = OFFSET.match(t.text.strip())
            n = None if m is None else 1 if m["n"].lower() in ("a", "an") else parse_number(m["n"])
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if m is None or n is None or span is None:
                continue
            clause = _governed(span[-1])
            if clause is not None:
                sign = -1 if m["dir"].lower() == "after" else 1
                out.append(_Offset(t, clause[0], clause[1], sign * int(n), m["unit"].lower()))
        return out


def _governed(word: Token) -> tuple[int, int] | None:
    """Token range of what "after"/"before" governs: its object, or the clause it marks."""
    if word.dep_ == "mark":
        head = word.head
        return head.left_edge.i, head.right_edge.i + 1
    kids = [c for c in word.children if c.dep_ in ("pobj", "pcomp")]
    return (kids[0].left_edge.i, kids[0].right_edge.i + 1) if kids else None


def event_date(tok: Token, start: int, end: int, stimes: list[TimeExpr],
               offsets: list[_Offset]) -> tuple[str | None, str]:
    """(date, rule) of a trigger at chars [start, end) from its sentence's dated times."""
    for off in offsets:
        if off.lo <= tok.i < off.hi and off.time.value:
            shifted = shift(off.time.value, off.days, off.unit)
            if shifted:
                return shifted, "date:offset"
    outside = [t for t in stimes if not any(o.lo <= _first_token(tok.doc, t) < o.hi
                                            and not o.lo <= tok.i < o.hi for o in offsets)]
    if not outside:
        return None, ""
    best = min(outside, key=lambda t: min(abs(t.start - end), abs(start - t.end)))
    return best.value, "date:sentence"


def _first_token(doc: Doc, t: TimeExpr) -> int:
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.start if span is not None else -1


# ---------------------------------------------------------------- inheritance
def narrative(verb: Token, quotes: list[Quote] | None, start: int) -> bool:
    """Whether the event's clause tells a past, one-off happening: a past-tense or
    perfect verb without habitual adverbs, or a statement inside a quote whose cue is
    past tense ("...," said X)."""
    quote = next((q for q in quotes or () if q.start <= start < q.end and q.cue_start is not None
                  and q.kind != "according_to"), None)
    if quote is not None and quote.cue_start is not None:
        span = verb.doc.char_span(quote.cue_start, quote.cue_start + 1, alignment_mode="expand")
        if span is not None and span[0].pos_ in ("VERB", "AUX") \
                and not (quote.start <= span[0].idx < quote.end):
            verb = span[0]  # not "according to X": no verb, no tense
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head  # "..., killing 12 civilians": the tense of the clause it joins
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in verb.children):
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux) or (
        verb.tag_ == "VBN" and bool(aux))


@dataclass
class Told:
    """An event with what the inheritance needs: its sentence number and whether its
    clause is past narrative."""

    event: Event
    sentence: int
    narrative: bool


def inherit_dates(told: list[Told], country_of: Callable[[str], str | None]) -> None:
    """Fill the dates of undated narrative events from the story (see the module
    docstring); the rule used is added to the event's reason."""
    for i, cur in enumerate(told):
        e = cur.event
        if e.date or not cur.narrative or e.negated or e.hypothetical:
            continue
        earlier = [t for t in reversed(told[:i]) if t.event.date
                   and _INHERITABLE.match(t.event.date) and t.sentence < cur.sentence]
        got = _same_incident(e, earlier, country_of) or _same_actor(e, earlier, country_of) \
            or _nearby(cur, earlier)
        if got is not None:
            e.date, rule = got
            e.reason += f" [date:{rule}]"


def _parties(e: Event, country_of: Callable[[str], str | None]) -> frozenset[str]:
    return frozenset(c for c in (country_of(e.actor) if e.actor else None,
                                 country_of(e.target) if e.target else None) if c)


def _same_incident(e: Event, earlier: list[Told], country_of: Callable[[str], str | None]
                   ) -> tuple[str, str] | None:
    mine = _parties(e, country_of)
    if not mine:
        return None
    for t in earlier:
        if t.event.type == e.type and _parties(t.event, country_of) == mine:
            return str(t.event.date), "inherited-incident"
    return None


def _same_actor(e: Event, earlier: list[Told], country_of: Callable[[str], str | None]
                ) -> tuple[str, str] | None:
    own = country_of(e.actor) if e.actor else None
    if own is None:
        return None
    for t in earlier:
        if t.event.actor and country_of(t.event.actor) == own:
            return str(t.event.date), "inherited-actor"
    return None


def _nearby(cur: Told, earlier: list[Told]) -> tuple[str, str] | None:
    for t in earlier:
        if cur.sentence - t.sentence <= NEARBY_SENTENCES:
            return str(t.event.date), "inherited-nearby"
        break
    return None
