"""Contradictions and revisions between the positions taken on one question.

A position is what one side says on a topic (one value, by one side, with
every claimant, article and sentence that carries it). Two positions
*contradict* when they cannot both be true: disjoint numbers or ranges, an
assertion against a denial (0), different actors in the same role, different
clock times. Overlapping but unequal ranges agree *partly*. When one side's
figure changes over time (24 -> 28 -> 26), that is a *revision*, shown as a
timeline, not a contradiction. ``incidents_json`` writes the contract form
(``../shared/contract.md``, ``rashomon incidents``).
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rashomon.compare.alignment import AlignedTopic, Statement, align_incident, role_answer
from rashomon.compare.incidents import Incident
from rashomon.compare.topics import rules_of_kind
from rashomon.models import Article

logger = logging.getLogger(__name__)

AGREES, PARTLY, CONTRADICTS, SILENT = "agrees", "partly", "contradicts", "silent"


@dataclass
class Position:
    """One value put forward on a topic by one side."""

    value: float | str | None
    low: float | None
    high: float | None
    side: str
    kind: str
    claimant: str | None
    claimants: list[str] = field(default_factory=list)
    date: str | None = None  # first date the value was put forward
    last_date: str | None = None
    article_ids: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def interval(self) -> tuple[float, float] | None:
        """(low, high) of the value; None for text."""
        return self.statements[0].interval() if self.statements else None


@dataclass
class Finding:
    """A contradiction (positions that cannot all be true) or a revision (one side's timeline)."""

    topic: str
    key: str
    kind: str  # contradiction | revision
    subtype: str  # disjoint | disjoint_ranges | assertion_vs_denial | different_actors |
    #               different_times | changed  (of the first clashing pair)
    positions: list[Position]
    subtypes: list[str] = field(default_factory=list)  # of every clashing pair


# ---------------------------------------------------------------- relations


def relation(a: Position | Statement, b: Position | Statement) -> str:
    """agrees | partly | contradicts between two values on the same topic."""
    ra, rb = rejected(a), rejected(b)
    if ra is not None or rb is not None:
        return _rejection_relation(ra, rb, a.interval(), b.interval())
    ia, ib = a.interval(), b.interval()
    if ia is not None and ib is not None:
        if _vague(a) != _vague(b) and (0.0, 0.0) not in (ia, ib):
            return PARTLY  # "several" against a count: too loose to clash; only a denial does
        return _interval_relation(ia, ib)
    if ia is not None or ib is not None:
        return PARTLY  # a figure against a text answer: not comparable as values
    return AGREES if answer_of(a) == answer_of(b) else CONTRADICTS


def _vague(x: Position | Statement) -> bool:
    """A vague amount ("a few", "several"): a quantity whose value is words with bounds."""
    st = x.statements[0] if isinstance(x, Position) and x.statements else x
    return getattr(st, "kind", "") == "quantity" and isinstance(x.value, str) and \
        x.low is not None


def rejected(x: Position | Statement) -> float | None:
    """The figure a position rejects ("rejected the claim that six jets were downed")."""
    st = x.statements[0] if isinstance(x, Position) and x.statements else x
    return getattr(st, "rejects", None)


def _rejection_relation(ra: float | None, rb: float | None, ia: tuple[float, float] | None,
                        ib: tuple[float, float] | None) -> str:
    if ra is not None and rb is not None:
        return AGREES if ra == rb else PARTLY
    figure, other = (ra, ib) if ra is not None else (rb, ia)
    if other is not None and figure is not None and other[0] <= figure <= other[1]:
        return CONTRADICTS  # the other side asserts the very figure rejected
    return PARTLY


def answer_of(x: Position | Statement) -> str:
    """The comparable answer of a text value ("assert:US"), else its normalised text."""
    st = x.statements[0] if isinstance(x, Position) and x.statements else x
    return getattr(st, "answer", "") or _norm(x.value)


def _interval_relation(a: tuple[float, float], b: tuple[float, float]) -> str:
    if abs(a[0] - b[0]) < 1e-9 and abs(a[1] - b[1]) < 1e-9:
        return AGREES
    if a[1] < b[0] - 1e-9 or b[1] < a[0] - 1e-9:
        return CONTRADICTS
    return PARTLY


def _norm(value: Any) -> str:
    return " ".join(str(value or "").lower().split())


def contradiction_subtype(a: Position, b: Position) -> str:
    """Why two contradicting positions cannot both be true."""
    if a.kind == "clock" or b.kind == "clock":
        return "different_times"
    if rejected(a) is not None or rejected(b) is not None:
        return "assertion_vs_denial"
    if a.kind == "role" or b.kind == "role":
        denied = {s.hedge == "denied" for p in (a, b) for s in p.statements}
        return "assertion_vs_denial" if len(denied) == 2 else "different_actors"
    ia, ib = a.interval(), b.interval()
    if ia and ib and (ia == (0.0, 0.0) or ib == (0.0, 0.0)):
        return "assertion_vs_denial"
    if ia and ib and (ia[0] != ia[1] or ib[0] != ib[1]):
        return "disjoint_ranges"
    return "disjoint"


# ---------------------------------------------------------------- positions


def positions_of(topic: AlignedTopic) -> list[Position]:
    """The topic's statements folded into positions: one per (side, value)."""
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for st in topic.statements:
        groups[(st.side, _value_key(st))].append(st)
    return _fold(groups)


def _fold(groups: Mapping[tuple[str, str], list[Statement]]) -> list[Position]:
    out = []
    for (side, _), sts in groups.items():
        sts.sort(key=lambda s: (s.date or "", s.article_id, s.start))
        named = [s.claimant for s in sts if s.claimant and not s.own_voice]
        claimants = list(dict.fromkeys(s.claimant for s in sts if s.claimant))
        first = sts[0]
        value = _role_value(sts) if first.kind == "role" else first.value
        out.append(Position(value, first.low, first.high, side, first.kind,
                            Counter(named or claimants).most_common(1)[0][0] if claimants else None,
                            claimants, first.date, sts[-1].date,
                            list(dict.fromkeys(s.article_id for s in sts)),
                            list(dict.fromkeys(s.sentence for s in sts)), sts))
    return sorted(out, key=lambda p: (p.side, p.date or "", str(p.value)))


def _role_value(sts: list[Statement]) -> str:
    """A role position's value: the canonical statement of the cues all its statements found."""
    first = sts[0]
    rule = next((r for r in rules_of_kind("role") if r.id == first.topic), None)
    if rule is None:
        return str(first.value)
    cues = list(dict.fromkeys(c for s in sts for c in s.cues))
    return role_answer(rule, first.hedge == "denied", first.filler or None, cues)


def _value_key(st: Statement) -> str:
    iv = st.interval()
    if iv is not None:
        return f"{iv[0]:g}-{iv[1]:g}"
    return st.answer or _norm(st.value)


# ---------------------------------------------------------------- findings


def find_contradictions(topic: AlignedTopic) -> list[Finding]:
    """Revisions (per side) and contradictions (across sides) on one aligned topic."""
    positions = positions_of(topic)
    findings: list[Finding] = []
    if topic.rule == "fallback" and len({s.article_id for s in topic.statements}) < 2:
        return findings  # a question only one article asks is too weakly keyed to judge
    by_side: dict[str, list[Position]] = defaultdict(list)
    for p in positions:
        by_side[p.side].append(p)
    revised: set[str] = set()
    for side, ps in by_side.items():
        # vague amounts and denials (0) are positions, not steps of a changing count
        ps = [p for p in ps if p.kind != "quantity" or not (
            isinstance(p.value, str) or all(s.hedge == "denied" for s in p.statements))]
        if len(ps) > 1 and _one_telling(ps):
            revised.add(side)  # several figures in one sentence set of one article: not judged
        elif len(ps) > 1 and _is_revision(ps):
            revised.add(side)
            timeline = sorted(ps, key=_timeline_key)
            findings.append(Finding(topic.label, topic.key, "revision", "changed", timeline,
                                    ["changed"]))
    clashes = _clashing_pairs(positions, revised, _held(positions, by_side, revised))
    if clashes:
        subtypes = list(dict.fromkeys(contradiction_subtype(a, b) for a, b in clashes))
        clashing = {id(p) for pair in clashes for p in pair}
        findings.append(Finding(topic.label, topic.key, "contradiction", subtypes[0],
                                [p for p in positions if id(p) in clashing], subtypes))
    return findings


def _timeline_key(p: Position) -> tuple[str, bool, str, int]:
    """Date first; on the same day a figure marked as an update ("now", "rose to") comes later."""
    st = p.statements[0]
    return p.date or "", any(s.revision_cue for s in p.statements), st.article_id, st.start


def _one_telling(ps: list[Position]) -> bool:
    """All of a side's differing figures come from one article on one day, unmarked: they
    most likely answer finer questions (a total and its parts), not a change of mind."""
    sts = [s for p in ps for s in p.statements]
    return len({s.article_id for s in sts}) == 1 and not any(s.revision_cue for s in sts)


def _is_revision(ps: list[Position]) -> bool:
    """One side's differing values read as an evolution: dated apart, marked, or one claimant."""
    dates = {p.date for p in ps if p.date}
    cue = any(s.revision_cue for p in ps for s in p.statements)
    claimants = {c.lower() for p in ps for c in p.claimants}
    numeric = all(p.interval() is not None for p in ps)
    return numeric and (len(dates) > 1 or cue or len(claimants) == 1)


Period = tuple[str, str]  # (from, until) as ISO dates; "" and "9999" for open ends


def _held(positions: list[Position], by_side: Mapping[str, list[Position]],
          revised: set[str]) -> dict[int, Period]:
    """When each position was held: from its first date until its side's next figure on
    the timeline (a revised side) or open-ended (a side that never changed its figure)."""
    out: dict[int, Period] = {}
    for side, ps in by_side.items():
        timeline = sorted(ps, key=_timeline_key) if side in revised else ps
        for i, p in enumerate(timeline):
            nxt = timeline[i + 1].date if side in revised and i + 1 < len(timeline) else None
            out[id(p)] = (p.date or "", nxt or "9999")
    return {id(p): out.get(id(p), ("", "9999")) for p in positions}


def _clashing_pairs(positions: list[Position], revised: set[str],
                    held: Mapping[int, Period]) -> list[tuple[Position, Position]]:
    """Pairs that cannot both be true: disjoint values held at the same time. One side's
    figures of different days are a change of account, not a contradiction."""
    out = []
    for i, a in enumerate(positions):
        for b in positions[i + 1:]:
            if a.side == b.side and (a.side in revised or (a.date or "") != (b.date or "")):
                continue
            (a0, a1), (b0, b1) = held[id(a)], held[id(b)]
            if a0 > b1 or b0 > a1:
                continue  # one was superseded before the other was put forward
            if relation(a, b) == CONTRADICTS:
                out.append((a, b))
    return out


# ---------------------------------------------------------------- agreement matrix


def stance(statements: Sequence[Statement]) -> Statement | None:
    """The latest statement, preferring the outlet's own voice and then its own side."""
    if not statements:
        return None
    for pick in (lambda s: s.own_voice, lambda s: s.side == s.outlet_country, lambda s: True):
        chosen = [s for s in statements if pick(s)]
        if chosen:
            return max(chosen, key=lambda s: (s.date or "", s.article_id, s.start))
    return None


def agreement_matrix(topic: AlignedTopic, outlets: Sequence[str],
                     sides: Sequence[str]) -> dict[str, Any]:
    """Typed pairwise agreement (agrees, partly, contradicts, silent) per outlet and per side."""
    by_outlet = {o: stance([s for s in topic.statements if s.outlet == o]) for o in outlets}
    latest_side: dict[str, Statement | None] = {}
    for side in sides:
        sts = [s for s in topic.statements if s.side == side]
        latest_side[side] = max(sts, key=lambda s: (s.date or "", s.article_id, s.start)) \
            if sts else None
    return {"outlets": _matrix(by_outlet), "sides": _matrix(latest_side),
            "outlet_values": {o: _display(s) for o, s in by_outlet.items()},
            "side_values": {k: _display(s) for k, s in latest_side.items()}}


def _matrix(stances: Mapping[str, Statement | None]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for a, sa in stances.items():
        out[a] = {}
        for b, sb in stances.items():
            if a == b:
                continue
            out[a][b] = SILENT if sa is None or sb is None else relation(sa, sb)
    return out


def _display(st: Statement | Position | None) -> str | None:
    if st is None:
        return None
    return display_value(st.value, st.low, st.high, st.statements[0].kind
                         if isinstance(st, Position) else st.kind)


def display_value(value: Any, low: float | None, high: float | None, kind: str) -> str:
    """A value as a reader sees it: "26", "at least 24", "24-28", "11:30 UTC", text."""
    if kind == "clock" and isinstance(value, (int, float)):
        return f"{int(value) // 60:02d}:{int(value) % 60:02d} UTC"
    if isinstance(value, str):
        if kind == "quantity" and low is not None:
            bounds = f"{low:g}+" if high is None or math.isinf(high) else f"{low:g}-{high:g}"
            return f"{value} ({bounds})"
        return value
    if low is not None and (high is None or math.isinf(high)):
        return f"at least {low:g}"
    if low is not None and high is not None and low != high:
        return f"{low:g}-{high:g}"
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


# ---------------------------------------------------------------- contract output


def analyse_incident(incident: Incident, articles: Mapping[str, Article]
                     ) -> tuple[list[AlignedTopic], list[Finding]]:
    """Aligned topics and their findings (contradictions, revisions) for one incident."""
    topics = align_incident(incident, articles)
    findings = [f for t in topics for f in find_contradictions(t)]
    return topics, findings


def incidents_json(incidents: Sequence[Incident], articles: Sequence[Article] | Mapping[str, Article]
                   ) -> dict[str, Any]:
    """The ``rashomon incidents --format json`` object (see ../shared/contract.md)."""
    by_id = articles if isinstance(articles, Mapping) else {a.id: a for a in articles}
    return {"incidents": [incident_entry(inc, by_id) for inc in incidents]}


def incident_entry(incident: Incident, by_id: Mapping[str, Article]) -> dict[str, Any]:
    """One incident of the contract output, with agreement matrices and links added."""
    topics, findings = analyse_incident(incident, by_id)
    members = [by_id[a] for a in incident.article_ids if a in by_id]
    outlets = sorted({a.outlet.name or a.outlet.domain or "?" for a in members
                      if a.id not in incident.copies})
    sides = sorted({s.side for t in topics for s in t.statements})
    mentioned = sorted({ln.article_id for ln in incident.links} - set(incident.article_ids))
    return {
        "id": incident.id, "label": incident.label, "start": incident.start, "end": incident.end,
        "kind": incident.kind, "parties": incident.parties, "place": incident.place,
        "articles": [article_ref(a, incident.copies.get(a.id)) for a in members],
        "mentioned_in": [article_ref(by_id[a]) for a in mentioned if a in by_id],
        "contradictions": [finding_json(f, by_id) for f in findings],
        "topics": [{"topic": t.label, "key": t.key, "rule": t.rule, "kind": t.kind,
                    "positions": [position_json(p, by_id) for p in positions_of(t)],
                    "agreement": agreement_matrix(t, outlets, sides)} for t in topics],
    }


def article_ref(article: Article, copy_of: str | None = None) -> dict[str, Any]:
    """{id, url, outlet, country} of an article (and copy_of for a syndicated copy)."""
    ref = {"id": article.id, "url": article.url or article.source, "title": article.title,
           "outlet": article.outlet.name or article.outlet.domain,
           "country": article.outlet.country, "published": article.published}
    if copy_of or article.copy_of:
        ref["copy_of"] = copy_of or article.copy_of
    return ref


def finding_json(f: Finding, by_id: Mapping[str, Article]) -> dict[str, Any]:
    """A contradiction or revision in the contract form."""
    return {"topic": f.topic, "key": f.key, "kind": f.kind, "subtype": f.subtype,
            "subtypes": f.subtypes,
            "positions": [position_json(p, by_id) for p in f.positions]}


def position_json(p: Position, by_id: Mapping[str, Article]) -> dict[str, Any]:
    """A position in the contract form, with its display value and reasons added."""
    high = None if p.high is None or math.isinf(p.high) else p.high
    kind = p.statements[0].kind if p.statements else "quantity"
    value: Any = p.value
    if kind == "clock" and isinstance(value, (int, float)):
        value = display_value(value, None, None, "clock")
    return {"value": value, "low": p.low, "high": high, "display": display_value(
                p.value, p.low, p.high, kind),
            "claimant": p.claimant, "claimants": p.claimants, "side": p.side, "date": p.date,
            "last_date": p.last_date,
            "articles": [by_id[a].url or by_id[a].source for a in p.article_ids if a in by_id],
            "outlets": list(dict.fromkeys(by_id[a].outlet.name for a in p.article_ids
                                          if a in by_id and by_id[a].outlet.name)),
            "sources": [{"url": by_id[a].url or by_id[a].source, "outlet": by_id[a].outlet.name,
                         "published": by_id[a].published} for a in p.article_ids if a in by_id],
            "evidence": p.evidence,
            "evidence_items": evidence_items(p, by_id),
            "reasons": list(dict.fromkeys(s.reason for s in p.statements))}


def evidence_items(p: Position, by_id: Mapping[str, Article]) -> list[dict[str, Any]]:
    """Each sentence that carries a position once, with its article, its offsets in the
    article text (start/end of the sentence), its claimant and the rule that read it."""
    out, seen = [], set()
    for st in p.statements:
        a = by_id.get(st.article_id)
        if a is None or (st.article_id, st.sentence) in seen:
            continue
        seen.add((st.article_id, st.sentence))
        start, end = (st.sent_start, st.sent_end) if st.sent_start >= 0 else (st.start, st.end)
        out.append({"sentence": st.sentence, "article_id": a.id, "start": start, "end": end,
                    "mark": _mark(st), "outlet": a.outlet.name or a.outlet.domain, "url": a.url,
                    "title": a.title, "published": a.published, "claimant": st.claimant,
                    "hedge": st.hedge, "reason": st.reason})
    return out


def _mark(st: Statement) -> list[int] | None:
    """[start, end] of the figure or clock time within the evidence sentence, if known."""
    if st.num_start >= 0 and st.num_end <= len(st.sentence):
        return [st.num_start, st.num_end]
    if st.kind == "clock" and st.sent_start >= 0 and st.start >= st.sent_start:
        s0, s1 = st.start - st.sent_start, st.end - st.sent_start
        return [s0, s1] if s1 <= len(st.sentence) else None
    return None
