"""Dates and durations in an article, normalised against its publication date.

``extract_times`` finds time phrases in a parsed ``Doc`` (our own rules, tried
only near their trigger words, then spaCy DATE entities for what they miss)
and resolves each with ``analyze.timerules`` against the publication date, the
previous date in the text ("two days later") and the tense of its clause ("on
Thursday" is the coming Thursday in "talks will be held on Thursday"). "N days
after X" is the date of the event it modifies: the sentence's own date when it
has one, else the date of X when X was dated earlier in the text. The value
conventions are in ``timerules``' docstring.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from rashomon.analyze.base import context_of
from rashomon.analyze.timerules import (
    _HANDLERS,
    _ORDER,
    LEX,
    MONTHS,
    REFS,
    RULES,
    UNIT,
    WD,
    TimeContext,
    _alt,
    _g,
    _rel_value,
    normalize_rule,
    normalize_time,
    parse_number,
)
from rashomon.models import TimeExpr

logger = logging.getLogger(__name__)

__all__ = ["extract_times", "make_times", "normalize_time"]

FUTURE_PREPS = frozenset(LEX["future_prepositions"])
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll"})
FUTURE_GOVERNORS = frozenset(LEX["future_governors"])

#: Cheap keyword classes; a rule is only tried in windows around its triggers,
#: which keeps the finder at a fraction of a millisecond per article.
TRIGGERS: dict[str, str] = {
    "month": rf"{_alt(MONTHS)}",
    "weekday": WD,
    "year4": r"(?:1[6-9]|20)\d\d",
    "unit": UNIT,
    "quarter": r"quarter|q[1-4]",
    "half": r"half",
    "season": r"spring|summer|autumn|winter|fall",
    "decade": r"(?:\d\d)?\d0['’]?s|century",
    "day_word": r"today|tonight|yesterday|tomorrow|night|morning|afternoon|evening|day|week|decade"
                r"|weekend|month|year",
    "reference": _alt({w.split()[-1] for w in REFS} | {w.split()[0] for w in REFS}),
}
RULE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "iso_date": ("year4",), "month_day": ("month",), "day_month": ("month",),
    "month_year": ("month",), "month": ("month",), "quarter": ("quarter",), "half_year": ("half",),
    "season": ("season",), "year": ("year4",), "decade": ("decade",), "century": ("decade",),
    "named_day": ("day_word",), "weekday": ("weekday",), "ref_day": ("day_word",),
    "period_edge": ("day_word",), "weekend": ("day_word",),
    "relative_unit": ("day_word",), "year_earlier": ("day_word",), "relative_offset": ("unit",),
    "duration": ("unit",), "vague_duration": ("unit",), "reference": ("reference",),
}
_TRIGGER = re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{v})" for k, v in TRIGGERS.items()) + r")\b",
                      re.IGNORECASE)
_TRIGGER_CLASSES = {k: re.compile(v, re.IGNORECASE) for k, v in TRIGGERS.items()}
_FIND = [(name, re.compile(rf"(?<![\w-]){core}(?![\w-])", re.IGNORECASE), RULE_TRIGGERS[name])
         for name, core, _ in RULES]
#: How far a rule's match may reach left / right of its trigger word.
_REACH = (90, 70)
_TEMPORAL_PREP = frozenset(
    ["in", "since", "by", "until", "till", "during", "from", "before", "after", "through", "throughout", "to", "of", "and", "or", "early", "late", "mid", "the", "this", "last", "next", "between", "circa", "around", "fiscal", "year", "than", "as"])
_SET_BEFORE = frozenset(["once", "twice", "thrice", "times", "per", "every", "each"])
_SPACE = re.compile(r"\s")
_AGE = re.compile(r"\s+years?\s+old$", re.IGNORECASE)
_ORDINAL_A = re.compile(r"an?\s+second\b", re.IGNORECASE)


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` (lowercased), "" at the beginning."""
    m = re.search(r"([\w'’]+)[^\w]*$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


def _accept(name: str, m: re.Match, text: str) -> bool:
    """Finder-only checks that need the original casing or the word before."""
    before = _word_before(text, m.start())
    if name in ("month_day", "day_month", "month_year", "month") and not m["mon"][0].isupper():
        return False
    if name == "month" and not (m["mmod"] or before in _TEMPORAL_PREP):
        return False
    if name == "weekday" and not m["wd"][0].isupper():
        return False
    if name == "year" and m.group(0)[0].isdigit():
        after = text[m.end():m.end() + 3]
        return before in _TEMPORAL_PREP or after[:2] in ("'s", "’s") or after[:1] == "-"
    if name == "quarter":
        return bool(m["ord"] or m["qmod"] or (m["qn"] and m.group(0)[0] == "Q"))
    if name == "season":
        return bool(m["smod"] or m["sy"] or before in _TEMPORAL_PREP - {"and", "or"})
    if name == "season" and _g(m, "season") in ("fall", "spring") and not m["sy"]:
        return _g(m, "smod") not in ("the", "") or before in ("in", "during", "by", "until", "since")
    if name == "duration" and (_AGE.search(m.group(0)) or _ORDINAL_A.match(m.group(0))):
        return False  # "52 years old" (a person's age), "a second time"
    if name in ("duration", "vague_duration"):
        return before not in _SET_BEFORE
    if name == "reference" and _g(m, "ref") == "now":
        return text[m.end():m.end() + 5].lower() != " that"
    return True



# ---------------------------------------------------------------- finding
@dataclass
class _Cand:
    start: int
    end: int
    rule: str
    match: re.Match | None = None


def _windows(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """Merged [lo, hi) windows around trigger positions, hi moved to a space so a
    word is never cut (the finder's end-of-word check would pass on a cut)."""
    out: list[tuple[int, int]] = []
    for p in positions:
        lo, hi = max(0, p - _REACH[0]), p + _REACH[1]
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    n = len(text)
    return [(lo, _space_after(text, hi) if hi < n else n) for lo, hi in out]


def _space_after(text: str, i: int) -> int:
    m = _SPACE.search(text, i)
    return m.start() if m else len(text)


def find_candidates(text: str) -> list[_Cand]:
    """Non-overlapping time phrases found by our rules, longest first, in text order."""
    hits: dict[str, list[int]] = {}
    for m in _TRIGGER.finditer(text):
        word = m.group(0)
        for k, rx in _TRIGGER_CLASSES.items():  # a word can be in several classes
            if rx.fullmatch(word):
                hits.setdefault(k, []).append(m.start())
    found: dict[tuple[int, int, str], _Cand] = {}
    for name, rx, classes in _FIND:
        for lo, hi in _windows(text, sorted(p for k in classes for p in hits.get(k, ()))):
            for m in rx.finditer(text, lo, hi):
                if _accept(name, m, text):
                    found[m.start(), m.end(), name] = _Cand(m.start(), m.end(), name, m)
    ordered = sorted(found.values(), key=lambda c: (c.start - c.end, _ORDER[c.rule], c.start))
    kept: list[_Cand] = []
    for c in ordered:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _entity_candidates(doc: Doc, kept: list[_Cand]) -> list[_Cand]:
    """spaCy DATE entities that overlap none of our own finds."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        s, e = ent.start_char, ent.end_char
        if all(e <= k.start or s >= k.end for k in kept):
            out.append(_Cand(s, e, "spacy"))
    return out


_NOUN_MODIFIER = frozenset({"compound", "amod", "nmod", "poss", "nummod"})


def _is_future(doc: Doc, start: int, end: int) -> bool:
    """Whether the clause around [start, end) looks ahead: "for Thursday",
    "will meet on Thursday", "agreed to meet on Thursday"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    heads = [t for t in span if not span.start <= t.head.i < span.end and t.dep_ != "det"]
    tok = heads[0] if heads else span.root
    if tok.dep_ in _NOUN_MODIFIER:
        return False  # "the April 22 attack", "Tuesday's attack": no tense of their own
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in ("on", "the"):
        i -= 1
    if i >= 0 and doc[i].lower_ in FUTURE_PREPS and tok.head.i == i:
        return True  # "called for Thursday"
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            return _verb_is_future(tok)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _verb_is_future(verb: Token) -> bool:
    """A verb with "will"/"shall", or an infinitive under a verb of planning
    ("agreed to meet", "is scheduled to open")."""
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in FUTURE_AUX:
            return True
        if c.dep_ == "aux" and c.lower_ == "to" and verb.tag_ == "VB":
            return verb.head.lemma_.lower() in FUTURE_GOVERNORS
    return False


def _resolve(doc: Doc, text: str, c: _Cand, ctx: TimeContext) -> tuple[str | None, str, str]:
    """Value, type and rule of one candidate in its context."""
    needs_tense = c.rule in ("weekday", "month_day", "day_month", "month", "quarter", "spacy",
                             "weekend")
    if needs_tense and ctx.anchor is not None:
        ctx = replace(ctx, future=_is_future(doc, c.start, c.end))
    if c.match is None:
        return normalize_rule(text[c.start:c.end], ctx)
    value, kind = _HANDLERS[c.rule](c.match, ctx)
    return value, kind, c.rule


_GRAN = {10: "day", 7: "month", 4: "year"}
_BACKWARD = re.compile(r"\b(?:earlier|before|prior|previous|preceding)\b", re.IGNORECASE)


def _next_ref(ctx: TimeContext, value: str, kind: str, c: _Cand) -> TimeContext:
    """The reference date for what follows: this date, unless it was itself counted
    back from the reference ("a year earlier" twice means the same year)."""
    if kind != "DATE" or (c.match is not None and c.rule in ("relative_offset", "ref_day")
                          and _BACKWARD.search(c.match.group(0))):
        return ctx
    if re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value):
        return replace(ctx, ref=date.fromisoformat((value + "-01-01")[:10]),
                       ref_gran=_GRAN[len(value)])
    if re.fullmatch(r"\d{4}-(?:Q\d|H\d|SP|SU|FA|WI)", value):
        return replace(ctx, ref=date(int(value[:4]), 1, 1), ref_gran="year")
    return ctx


_ABSOLUTE = frozenset({"iso_date", "month_day", "day_month", "weekday", "named_day"})
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _object_lemma(doc: Doc, c: _Cand) -> str | None:
    """Lemma of what "after"/"before" governs in "two days after the attack"."""
    span = doc.char_span(c.end - len(c.match["dir"]), c.end) if c.match else None
    if span is None or len(span) != 1:
        return None
    for child in span[0].children:
        if child.dep_ in ("pobj", "pcomp"):
            return child.lemma_.lower()
    return None


def _date_by_event(doc: Doc, items: list[tuple[TimeExpr, _Cand]]) -> None:
    """Re-date "N days after X": the date of its own sentence when that has one,
    else X's date + N when an earlier sentence dates X ("the attack on Tuesday")."""
    if not doc.has_annotation("SENT_START"):
        return
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    dated = [(bisect_right(starts, t.start) - 1, t) for t, c in items
             if c.rule in _ABSOLUTE and t.value and _DAY.fullmatch(t.value)]
    for t, c in items:
        if c.rule != "relative_offset" or c.match is None or \
                _g(c.match, "dir") in ("ago", "from now", "hence"):
            continue
        si = bisect_right(starts, t.start) - 1
        same = [d for sj, d in dated if sj == si]
        if same:
            best = min(same, key=lambda d: abs(d.start - t.start))
            t.value, t.reason = best.value, t.reason + "+sentence_date"
            continue
        lemma = _object_lemma(doc, c) if _g(c.match, "dir") in ("after", "before") else None
        n = parse_number(c.match["on"]) if c.match["on"] else None
        earlier = [d for sj, d in dated if sj < si and lemma and n is not None
                   and any(tok.lemma_.lower() == lemma for tok in sents[sj])]
        if earlier:
            sign = -1 if _g(c.match, "dir") == "before" else 1
            base = date.fromisoformat(earlier[-1].value or "")
            t.value = _rel_value(base, _g(c.match, "ou"), int(sign * (n or 0)))
            t.reason += "+event_date"
        elif lemma is not None and dated and dated[0][0] == 0:
            # "The council met two days after the attack", X dated nowhere: the meeting
            # is the story's, dated by the lede, not the publication date plus two days
            t.value, t.reason = dated[0][1].value, t.reason + "+lede_date"


def extract_times(doc: Doc) -> list[TimeExpr]:
    """Dates and durations in the document, in text order, each resolved against
    the publication date and the previous date mentioned."""
    text = doc.text  # built from the tokens on every access: read it once
    kept = find_candidates(text)
    cands = sorted(kept + _entity_candidates(doc, kept), key=lambda c: c.start)
    ctx = TimeContext(anchor=context_of(doc).published)
    items: list[tuple[TimeExpr, _Cand]] = []
    for c in cands:
        value, kind, rule = _resolve(doc, text, c, ctx)
        if value is None:
            continue
        items.append((TimeExpr(text=text[c.start:c.end], value=value, type=kind,
                               start=c.start, end=c.end, reason=f"times:{rule}"), c))
        ctx = _next_ref(ctx, value, kind, c)
    _date_by_event(doc, items)
    return [t for t, _ in items]


@Language.factory("rashomon_times", assigns=["doc._.times"])
def make_times(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """spaCy component: fills ``doc._.times`` with ``extract_times(doc)``."""

    def component(doc: Doc) -> Doc:
        doc._.times = extract_times(doc)
        return doc

    return component
