"""Claim alignment: within an incident, the statements that answer the same question.

Figures come from the articles' claims (``Claim``); non-numeric answers (who
brokered the ceasefire, who is behind the attack, when the ceasefire took
effect) come from the sentences linked to the incident, attributed through
quotes and events. Every statement is normalised to an interval
(``at least 2`` -> [2, inf); a denial -> [0, 0]; hours and days -> hours;
clock times -> UTC) and keeps its claimant, side, date, sentence and reason.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rashomon.compare.incidents import Incident, ItemLink
from rashomon.compare.linking import WINDOW_SLACK, date_span
from rashomon.compare.speakers import (
    claim_owner,
    claimant_side,
    figure_giver,
    names_a_thing,
    said_by_subject,
    sentence_speaker,
    speaker_of,
)
from rashomon.compare.text import country_of_name, parse_date, side_name
from rashomon.compare.timezones import find_clocks
from rashomon.compare.topics import (
    Says,
    TopicRule,
    clause_around,
    cues_in,
    denial_reaches,
    fallback_key,
    has_revision_cue,
    is_breakdown,
    is_included,
    is_summand,
    match_quantity,
    negator_pattern,
    opponent,
    phrase_around,
    previous_sentence,
    qualify,
    role_context_at,
    rules_of_kind,
)
from rashomon.models import Article, Claim
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

INF = math.inf
_HOURS = {"hour": 1.0, "hours": 1.0, "day": 24.0, "days": 24.0, "week": 168.0, "weeks": 168.0,
          "minute": 1 / 60, "minutes": 1 / 60}


@dataclass
class Statement:
    """One answer to a topic, as one article puts it."""

    topic: str  # topic key ("aircraft_downed:IN")
    kind: str  # quantity | role | clock | text
    value: float | str | None  # the number, or the answer's text
    low: float | None
    high: float | None  # None with a low: open upper bound ("at least")
    claimant: str | None
    side: str
    date: str | None
    article_id: str
    outlet: str | None
    outlet_country: str | None
    own_voice: bool  # the outlet's own voice, not an attributed statement
    hedge: str
    sentence: str
    start: int
    end: int
    revision_cue: bool = False
    reason: str = ""
    answer: str = ""  # comparable key of a text answer ("assert:US", "deny:PK")
    cues: list[str] = field(default_factory=list)  # role cue words found
    filler: str = ""  # role filler's country code
    num_start: int = -1  # the figure's span within ``sentence`` (-1: unknown)
    num_end: int = -1
    sent_start: int = -1  # the sentence's span in the article text (the item's link)
    sent_end: int = -1
    rejects: float | None = None  # a denial of one figure ("rejected the claim that six ...")

    def interval(self) -> tuple[float, float] | None:
        """(low, high) for numbers (open bounds as inf); None for text answers."""
        if self.kind not in ("quantity", "clock"):
            return None
        if self.low is None and self.high is None:
            return (float(self.value), float(self.value)) if isinstance(self.value, (int, float)) \
                else None
        lo = self.low if self.low is not None else 0.0
        return (lo, self.high if self.high is not None else INF)


@dataclass
class AlignedTopic:
    """The statements of one incident that answer one question."""

    key: str
    rule: str  # topic rule id, or "fallback"
    label: str
    kind: str
    statements: list[Statement] = field(default_factory=list)


# ---------------------------------------------------------------- entry point


def align_incident(incident: Incident, articles: Mapping[str, Article]) -> list[AlignedTopic]:
    """Group the incident's linked claims and statements by the question they answer."""
    parties = incident.parties
    window = incident.window()
    copies = set(incident.copies) | {a.id for a in articles.values() if a.copy_of}
    statements: list[Statement] = []
    labels: dict[str, tuple[str, str]] = {}
    for link in incident.links:
        article = articles.get(link.article_id)
        if article is None or article.id in copies:
            continue
        if link.kind == "claims" and 0 <= link.index < len(article.claims):
            st = claim_statement(article, article.claims[link.index], link, parties, labels,
                                 window)
            if st:
                statements.append(st)
    for article, sent in _linked_sentences(incident, articles, copies):
        statements += sentence_statements(article, sent, parties, labels)
    statements = _drop_unaccused_denials(_drop_breakdowns(statements))
    _default_qualifiers(statements, labels, parties, _home(incident))
    return _group(statements, labels)


def _home(incident: Incident) -> str | None:
    """The country where a place-bound incident (an attack) happened, from its place."""
    from rashomon.compare.incidents import kind_rule

    rule = kind_rule(incident.kind)
    if not rule or not rule.get("place_bound") or not incident.place:
        return None
    code = country_of_name(incident.place)
    return code if code in incident.parties else None


def _num(st: Statement) -> float:
    return float(st.value) if isinstance(st.value, (int, float)) else 0.0


def _drop_breakdowns(statements: list[Statement]) -> list[Statement]:
    """Leave out figures that itemise a larger figure of the same topic in the same sentence."""
    by_sentence: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for st in statements:
        if st.kind == "quantity" and isinstance(st.value, (int, float)):
            by_sentence[(st.article_id, st.sentence)].append(st)
    parts: set[int] = {id(st) for sts in by_sentence.values() for st in sts
                       if st.num_start >= 0 and is_included(st.sentence, st.num_start, st.num_end)}
    for group in by_sentence.values():  # terms of a sum answer finer questions than the total
        terms = [st for st in group if st.num_start >= 0 and
                 is_summand(st.sentence, st.num_start, st.num_end)]
        bases = Counter(st.topic.split(":")[0] for st in terms)
        parts |= {id(st) for st in terms if bases[st.topic.split(":")[0]] > 1}
    for group in by_sentence.values():
        for part in group:
            for whole in group:
                base = whole.topic.split(":")[0]
                if whole is part or base != part.topic.split(":")[0]:
                    continue
                if _num(whole) > _num(part) and \
                        is_breakdown(part.sentence, whole.num_end, part.num_start):
                    parts.add(id(part))
    if parts:
        logger.debug("left out %d itemised figures", len(parts))
    return [st for st in statements if id(st) not in parts]



def _drop_unaccused_denials(statements: list[Statement]) -> list[Statement]:
    """Leave out a side's denial of its own role when nobody puts that side in the role
    (for a question whose filler is the accused): it answers another accusation."""
    accused: dict[str, set[str]] = defaultdict(set)
    for st in statements:
        if st.kind == "role" and st.hedge != "denied" and st.filler:
            accused[st.topic].add(st.filler)
    rules = {r.id for r in rules_of_kind("role") if r.rule.get("filler") == "other_side"}
    return [st for st in statements if not (
        st.kind == "role" and st.topic in rules and st.hedge == "denied" and st.filler
        and accused[st.topic] and st.filler not in accused[st.topic])]


def _linked_sentences(incident: Incident, articles: Mapping[str, Article],
                      copies: set[str]) -> list[tuple[Article, tuple[int, int]]]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for link in incident.links:
        key = (link.article_id, link.start, link.end)
        if key in seen or link.article_id in copies or link.article_id not in articles:
            continue
        seen.add(key)
        out.append((articles[link.article_id], (link.start, link.end)))
    return out


# ---------------------------------------------------------------- claimants and sides


def _own_voice(article: Article, claim: Claim) -> bool:
    if not claim.attributed:
        return True
    outlet = (article.outlet.name or "").lower()
    return bool(outlet) and (claim.claimant or "").lower() == outlet


# ---------------------------------------------------------------- figures


def claim_statement(article: Article, claim: Claim, link: ItemLink, parties: list[str],
                    labels: dict[str, tuple[str, str]],
                    window: tuple[date, date] | None = None) -> Statement | None:
    """The statement a figure makes, with its topic; None when it answers no topic, or when
    its clause dates it outside the incident's ``window`` (a recap of another happening)."""
    linked = article.text[link.start:link.end]
    sentence = linked if (claim.sentence or "").strip() == linked.strip() else \
        (claim.sentence or linked)
    base = link.start if sentence == linked else None
    n0, n1 = _number_span(claim, sentence, base)
    if window is not None and base is not None and _dated_outside(article, sentence, base, n0,
                                                                  window):
        return None
    own = _own_voice(article, claim)
    claimant = claim.claimant or article.outlet.name
    side, side_reason = claimant_side(article, claim.claimant, claim.claimant_actor, own, sentence)
    said = said_by_subject(sentence, n0) or (sentence_speaker(article, link, base, n0) if
                                              names_a_thing(claim.claimant) else None)
    if said is None and claim.hedge != "denied":
        said = claim_owner(sentence, n0)
    if said is None and own and base is not None:
        said = figure_giver(article, link, sentence, n0)
    if said:
        claimant, side, own, side_reason = said
    match = match_quantity(claim.object, sentence, n0, n1, claim.predicate)
    if match is None:
        st = _fallback_statement(article, claim, sentence, side, side_reason, own, labels)
        if st is not None:
            st.sent_start, st.sent_end = link.start, link.end
        return st
    qual, q_reason = qualify(match, sentence, n0, n1, claim.object, side, parties)
    key = f"{match.key}:{qual}" if qual else match.key
    labels.setdefault(key, (_label(match.rule, qual), match.key))
    hedge = claim.hedge
    if hedge == "denied" and claim.value and not denial_reaches(sentence, n0):
        hedge = "claimed"  # a figure asserted beside a denial of something else
    low, high, value = claim_bounds(claim, hedge)
    rejects = claim.value if hedge == "denied" and claim.value else None
    if rejects is not None:  # the figure itself is rejected, not the thing counted
        value = f"rejects {rejects:g}"
    st = Statement(key, "quantity", value, low, high, claimant,
                   side, statement_date(claim, sentence, n0, article.published), article.id,
                   article.outlet.name,
                   article.outlet.country, own, hedge, sentence, claim.start, claim.end,
                   has_revision_cue(sentence),
                   ";".join(x for x in (match.reason, q_reason, side_reason) if x))
    st.num_start, st.num_end = (n0, n1) if n1 > n0 else (-1, -1)
    st.sent_start, st.sent_end = link.start, link.end
    st.rejects = rejects
    return st


def _dated_outside(article: Article, sentence: str, base: int, n0: int,
                   window: tuple[date, date]) -> bool:
    """True when the date nearest the figure in its clause lies outside the incident window
    ("strikes on Wednesday in response to the killing of 26 people last month")."""
    c0, c1 = clause_around(sentence, max(0, n0))
    at = base + max(0, n0)
    near = sorted((abs(t.start - at), date_span(t.value)) for t in article.times
                  if t.type == "DATE" and base + c0 <= t.start < base + c1 and date_span(t.value))
    if not near:
        return False
    span = near[0][1]
    assert span is not None
    lo, hi = window[0] - timedelta(days=WINDOW_SLACK), window[1] + timedelta(days=WINDOW_SLACK)
    return span[1] < lo or span[0] > hi



def statement_date(claim: Claim, sentence: str, n0: int, published: str | None) -> str | None:
    """When a figure was put forward: the publication date, unless the sentence tells of an
    earlier figure ("the toll had stood at 24 on Tuesday") dated within a week before it. A
    date of the happening ("Tuesday's attack") does not date it; "had" must stand in the
    figure's own comma-delimited phrase."""
    if not published:
        return claim.date
    d, pub = parse_date(claim.date), parse_date(published)
    if d is None or pub is None or not 0 < (pub - d).days <= 7:
        return published
    p0, p1 = phrase_around(sentence, max(0, n0))
    return claim.date if _ANTERIOR.search(sentence[p0:p1]) else published


_ANTERIOR = re.compile(r"\bhad\s+(?:\w+\s+){0,2}?(?:been|stood|given|reported|said|put|risen|"
                       r"reached|\w+ed)\b", re.IGNORECASE)


def _number_span(claim: Claim, sentence: str, base: int | None) -> tuple[int, int]:
    if base is not None and base <= claim.start < base + len(sentence):
        start = claim.start - base
        if claim.text and sentence[start:start + len(claim.text)] == claim.text:
            return start, start + len(claim.text)
        return start, min(len(sentence), claim.end - base)
    idx = sentence.find(claim.text) if claim.text else -1
    if idx < 0 and claim.value is not None:
        m = re.search(r"(?<![\d.])" + re.escape(f"{claim.value:g}") + r"(?![\d])", sentence)
        idx = m.start() if m else -1
    return (idx, idx + len(claim.text or "")) if idx >= 0 else (0, 0)


def claim_bounds(claim: Claim, hedge: str | None = None
                 ) -> tuple[float | None, float | None, float | str | None]:
    """(low, high, value) normalised: denials -> 0, durations -> hours; a vague amount
    ("a few", low 2, high 5) keeps its words as the value."""
    if (hedge or claim.hedge) == "denied":
        return None, None, 0.0
    if claim.value is None and claim.text and not re.search(r"\d", claim.text) and \
            (claim.low is not None or claim.high is not None):
        return claim.low, claim.high, claim.text.lower()
    scale = _HOURS.get((claim.unit or "").lower(), 1.0)
    def s(x: float | None) -> float | None:
        return None if x is None else x * scale
    low, high, value = s(claim.low), s(claim.high), s(claim.value)
    if low is None and high is None:
        return None, None, value
    if low is None:
        return 0.0, high, value if value is not None else high
    return low, high, value if value is not None else low


def _fallback_statement(article: Article, claim: Claim, sentence: str, side: str, side_reason: str,
                        own: bool, labels: dict[str, tuple[str, str]]) -> Statement | None:
    fb = fallback_key(claim.object, claim.predicate)
    if fb is None or claim.value is None:
        return None
    unit = (claim.unit or "").lower()
    key = fb[0] + (":hours" if unit in _HOURS else "")
    labels.setdefault(key, (fb[1][0].upper() + fb[1][1:], "fallback"))
    low, high, value = claim_bounds(claim)
    return Statement(key, "quantity", value, low, high, claim.claimant or article.outlet.name, side,
                     claim.date or article.published, article.id, article.outlet.name,
                     article.outlet.country, own, claim.hedge, sentence, claim.start, claim.end,
                     has_revision_cue(sentence), f"fallback:{key};{side_reason}")


def _label(rule: TopicRule | None, qual: str | None) -> str:
    if rule is None:
        return "Other figures"
    from rashomon.compare.labels import adjective

    if qual and rule.rule.get("label"):
        return rule.rule["label"].format(q=adjective(qual), q_name=side_name(qual))
    return rule.rule.get("label_any") or rule.rule.get("label") or rule.id


def _default_qualifiers(statements: list[Statement], labels: dict[str, tuple[str, str]],
                        parties: list[str], home: str | None = None) -> None:
    """Give unqualified figures a side when the topic is split by side: victims default to
    the country where a place-bound incident happened (``home``), else to the claimant's
    own side (people report their own dead); otherwise a figure joins the topic's only
    qualified variant."""
    variants: dict[str, set[str]] = defaultdict(set)
    for st in statements:
        base = labels.get(st.topic, ("", st.topic))[1]
        if st.topic != base:
            variants[base].add(st.topic)
    for st in statements:
        base = labels.get(st.topic, ("", st.topic))[1]
        if st.topic != base or st.kind != "quantity" or not variants[base]:
            continue
        rule = next((r for r in rules_of_kind("quantity") if r.id == base), None)
        if rule is None or rule.qualifier == "none":
            continue
        if rule.qualifier == "victims" and (home or st.side in parties):
            where = home or st.side
            st.topic = f"{base}:{where}"
            labels.setdefault(st.topic, (_label(rule, where), base))
            st.reason += ";qualifier:incident_place" if home else ";qualifier:claimant_side"
        elif len(variants[base]) == 1:
            st.topic = next(iter(variants[base]))
            st.reason += ";qualifier:only_variant"


# ---------------------------------------------------------------- sentences (role and clock)


def sentence_statements(article: Article, span: tuple[int, int], parties: list[str],
                        labels: dict[str, tuple[str, str]]) -> list[Statement]:
    """Role and clock answers (and vague amounts) a linked sentence gives."""
    text = article.text[span[0]:span[1]]
    out: list[Statement] = []
    for rule in rules_of_kind("role"):
        for st in _role_statements(article, text, span, rule, parties):
            labels.setdefault(st.topic, (rule.rule["label"], rule.id))
            out.append(st)
    for rule in rules_of_kind("clock"):
        out += _clock_statements(article, text, span, rule, parties)
        if out and out[-1].topic == rule.id:
            labels.setdefault(rule.id, (rule.rule["label"], rule.id))
    out += _vague_statements(article, text, span, parties, labels)
    for st in out:
        st.sent_start, st.sent_end = span
    return out



def _negated(text: str, cue_start: int) -> bool:
    window = " ".join(text[:cue_start].split()[-4:])
    return bool(negator_pattern().search(window))


CONTEXT_REACH = 90  # a role cue needs a context cue within this many characters


def _role_statements(article: Article, text: str, span: tuple[int, int], rule: TopicRule,
                     parties: list[str]) -> list[Statement]:
    contexts = role_context_at(rule, text, previous_sentence(article.text, span[0]))
    if not contexts:
        return []
    cues = [(m, "assert") for m in rule.asserts.finditer(text)] if rule.asserts else []
    cues = [(m, "deny" if _negated(text, m.start()) else "assert") for m, _ in cues]
    cues += [(m, "deny") for m in rule.denies.finditer(text)] if rule.denies else []
    groups: dict[str, list[tuple[re.Match[str], str, tuple]]] = defaultdict(list)
    reach = int(rule.rule.get("reach", CONTEXT_REACH))
    for m, polarity in sorted(cues, key=lambda c: c[0].start()):
        free = rule.reach_free is not None and rule.reach_free.fullmatch(m.group(1))
        if contexts != [-1] and not free and not any(abs(c - m.start()) <= reach
                                                     for c in contexts):
            continue
        who = speaker_of(article, span, m.start())
        groups[who[1] or "?"].append((m, polarity, who))
    out = []
    for hits in groups.values():
        st = _role_statement(article, text, span, rule, parties, hits)
        if st:
            out.append(st)
    return out


def _role_statement(article: Article, text: str, span: tuple[int, int], rule: TopicRule,
                    parties: list[str], hits: list[tuple[re.Match[str], str, tuple]]
                    ) -> Statement | None:
    denied = any(p == "deny" for _, p, _ in hits)
    chosen = [(m, who) for m, p, who in hits if (p == "deny") == denied]
    first, (claimant, side, own, sp_reason) = chosen[0]
    if denied and rule.rule.get("filler") == "other_side":  # the denier is the accused
        accused = _accused_in(text, [m for m, _ in chosen], parties)
        if accused and accused != side and (own or side not in parties):
            claimant, side, own, sp_reason = side_name(accused), accused, False, \
                "speaker:denier_is_accused"
    filler = _filler(rule, text, first.start(), side, parties, denied)
    if filler is None and not denied:
        return None
    cues = list(dict.fromkeys(m.group(1).lower() for m, _ in chosen))
    polarity = "deny" if denied else "assert"
    return Statement(rule.id, "role", role_answer(rule, denied, filler, cues), None, None,
                     claimant, side or "INTL", article.published, article.id, article.outlet.name,
                     article.outlet.country, own, "denied" if denied else "asserted", text,
                     span[0], span[1], False, f"role:{rule.id}:{polarity}:{', '.join(cues)};{sp_reason}",
                     f"{polarity}:{filler or ''}", cues, filler or "")


_PHRASE_STOP = re.compile(r"[,.;:()\u201c\u201d\"]|\b(?:in|by|at|on|from|during|after|near|when|as|who|"
                          r"which|that|were|was|and|or|but|while|including|said|says|to|for|with|"
                          r"since|because|if|than|it|its|they|their|he|his|she|her|we|our|this|"
                          r"these|those|would|will|could|can|may|might|should|must|has|have|had|"
                          r"is|are|be|into|over|about|against|\w+ing|\w+ed)\b", re.IGNORECASE)


def role_answer(rule: TopicRule, denied: bool, filler: str | None, cues: Sequence[str]) -> str:
    """A role position's value as a short canonical statement: the topic's ``says`` (or
    ``deny_says``) entries whose cues fired, in their listed order, else its ``value``
    (``deny_value``) template; {filler} is the country filling the role."""
    from rashomon.compare.labels import adjective

    slots = {"filler": side_name(filler) if filler else "",
             "filler_adj": adjective(filler) if filler else ""}
    entries = rule.deny_says if denied else rule.says
    if not entries:
        return _fill(rule.rule.get("deny_value" if denied else "value", "{filler}"), slots)
    fired: dict[str, str] = {}
    for cue in cues:
        entry = says_for(entries, cue)
        if entry is not None and entry.id not in fired:
            fired[entry.id] = _fill(entry.text, {**slots, "cue": cue,
                                                 "cue_mods": " ".join(cue.split()[:-1])})
    shown = [e for e in entries if e.id in fired and not (e.alone and len(fired) > 1)]
    return "; ".join(fired[e.id] for e in shown)


def says_for(entries: Sequence[Says], cue: str) -> Says | None:
    """The canonical statement a cue belongs to: the first entry whose cues match it
    whole, else the first entry without cues (None when every entry lists cues)."""
    for entry in entries:
        if entry.cues is not None and entry.cues.fullmatch(cue):
            return entry
    return next((e for e in entries if e.cues is None), None)


def _fill(template: str, slots: Mapping[str, str]) -> str:
    text = " ".join(template.format(**slots).split()).strip(" :;")
    return re.sub(r"\b([Aa]) (?=[aeiouAEIOU])", r"\1n ", text)


def _accused_in(text: str, cues: list[re.Match[str]], parties: list[str]) -> str | None:
    """The party named inside a denial ("denied any Pakistani role")."""
    for m in cues:
        stop = _PHRASE_STOP.search(text, m.end())
        found = [c for c, _, _ in cues_in(text[m.start():stop.start() if stop else len(text)])
                 if c in parties]
        if found:
            return found[0]
    return None


def _filler(rule: TopicRule, text: str, cue_start: int, side: str | None, parties: list[str],
            denied: bool) -> str | None:
    found = [(c, s) for c, s, _ in cues_in(text)]
    mode = rule.rule.get("filler", "third_party")
    if mode == "third_party":
        third = [c for c, _ in found if c not in parties and c != "INTL"]
        return third[0] if third else None
    if mode == "subject":
        before = [c for c, s in found if s < cue_start and c in parties]
        return before[-1] if before else None
    if denied:  # other_side, denied: the denier is the accused
        return side if side in parties else next((c for c, _ in found if c in parties), None)
    accused = [c for c, _ in found if c in parties and c != side]
    return accused[0] if accused else opponent(side, parties)


def _clock_statements(article: Article, text: str, span: tuple[int, int], rule: TopicRule,
                      parties: list[str]) -> list[Statement]:
    if rule.context is None:
        return []
    contexts = [m.end() for m in rule.context.finditer(text)]
    if not contexts or (rule.asserts is not None and not rule.asserts.search(text)):
        return []
    # a bare "5 pm" is read in the outlet's zone only when the outlet is of one of the
    # parties; a third country's outlet gives no safe default
    default = article.outlet.country if article.outlet.country in parties else None
    clocks = find_clocks(text, default)
    if not clocks:
        return []
    clock = min(clocks, key=lambda c: min((c.start - e if c.start >= e else 10_000 + e - c.start)
                                          for e in contexts))
    claimant, side, own, sp_reason = speaker_of(article, span, clock.start)
    value = float(clock.minutes_utc)
    return [Statement(rule.id, "clock", value, None, None, claimant, side or "INTL",
                      article.published, article.id, article.outlet.name, article.outlet.country,
                      own, "asserted", text, span[0] + clock.start, span[0] + clock.end, False,
                      f"clock:{rule.id}:{clock.text}->{clock.utc}:zone={clock.zone}"
                      f"{'' if clock.zone_given else '(outlet default)'};{sp_reason}")]


# ---------------------------------------------------------------- vague amounts


def _vague_table() -> list[tuple[re.Pattern[str], str, float, float]]:
    out = []
    for entry in load_data("topics.yaml")["vague_amounts"]:
        for cue in entry["cues"]:
            pat = re.compile(r"(?<![\w-])" + re.escape(cue) + r"(?![\w-])", re.IGNORECASE)
            out.append((pat, entry["id"], float(entry["low"]), float(entry["high"])))
    return out


def _vague_statements(article: Article, text: str, span: tuple[int, int], parties: list[str],
                      labels: dict[str, tuple[str, str]]) -> list[Statement]:
    if any(span[0] <= c.start < span[1] for c in article.claims):
        return []  # the sentence already gives figures
    out = []
    for pat, vid, low, high in _vague_table():
        for m in pat.finditer(text):
            match = match_quantity(None, text, m.start(), m.end())
            if match is None or match.rule is None:
                continue
            claimant, side, own, sp_reason = speaker_of(article, span, m.start())
            qual, q_reason = qualify(match, text, m.start(), m.end(), None, side, parties)
            key = f"{match.key}:{qual}" if qual else match.key
            labels.setdefault(key, (_label(match.rule, qual), match.key))
            out.append(Statement(key, "quantity", m.group(0).lower(), low, high, claimant,
                                 side or "INTL", article.published, article.id, article.outlet.name,
                                 article.outlet.country, own, "estimated", text,
                                 span[0] + m.start(), span[0] + m.end(), False,
                                 f"vague:{vid};{match.reason};{q_reason};{sp_reason}"))
            break
    return out


# ---------------------------------------------------------------- grouping


def _group(statements: list[Statement], labels: dict[str, tuple[str, str]]) -> list[AlignedTopic]:
    topics: dict[str, AlignedTopic] = {}
    for st in statements:
        label, base = labels.get(st.topic, (st.topic, st.topic))
        topic = topics.get(st.topic)
        if topic is None:
            rule = base if not st.topic.startswith("other:") else "fallback"
            topic = topics[st.topic] = AlignedTopic(st.topic, rule, label, st.kind)
        topic.statements.append(st)
    for topic in topics.values():
        topic.statements.sort(key=lambda s: (s.date or "", s.article_id, s.start))
        kinds = Counter(s.kind for s in topic.statements)
        topic.kind = kinds.most_common(1)[0][0]
    return sorted(topics.values(), key=lambda t: (-len(t.statements), t.key))

