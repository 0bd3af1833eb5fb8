"""Sentence-level links from article items to incidents.

Each sentence of an article (kind "sentences") and each claim, event, quote
and frame, through its sentence, is linked to one incident: by default the article's own (primary) incident;
a sentence whose dates fall outside that incident (the 2019 crisis recalled in
a 2025 story) goes to the incident those dates belong to, or to none; an
undated sentence goes to another incident only when its words point there
clearly more than to the primary one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rashomon.compare.incidents import Incident, ItemLink, _mean_terms, cosine, idf_of, unit_vector
from rashomon.compare.profiles import kind_rules
from rashomon.compare.text import Sentence, parse_date, sentence_at, split_sentences, terms
from rashomon.compare.topics import (
    match_quantity,
    previous_sentence,
    role_context_at,
    rules_of_kind,
)
from rashomon.models import Article

logger = logging.getLogger(__name__)

ITEM_KINDS = ("claims", "events", "quotes", "frames")
WINDOW_SLACK = 1  # days around an incident's start/end that still count as inside
PRIMARY_BONUS = 0.15
KIND_BONUS = 0.15
MIN_TERMS = 0.2
NEARBY_DAYS = 45  # undated recaps reach incidents at most this far from the primary one
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass(frozen=True)
class _Choice:
    incident: Incident | None
    reason: str


def link_items(incidents: Sequence[Incident], articles: Sequence[Article]) -> None:
    """Append ``ItemLink``s for every item of ``articles`` to the incidents they are about."""
    primary = {aid: inc for inc in incidents for aid in inc.article_ids}
    linker = _Linker(incidents)
    for article in articles:
        inc = primary.get(article.id)
        if inc is None:
            continue
        for inc2 in incidents:  # relinking an article replaces its old links
            inc2.links = [link for link in inc2.links if link.article_id != article.id]
        _link_article(article, inc, linker)


def _link_article(article: Article, primary: Incident, linker: _Linker) -> None:
    sents = split_sentences(article.text or "")
    choices = [linker.choose(article, sent, primary) for sent in sents]
    for si, (sent, choice) in enumerate(zip(sents, choices, strict=True)):
        if choice.incident is not None:
            choice.incident.links.append(
                ItemLink(article.id, "sentences", si, sent.start, sent.end, choice.reason))
    for kind in ITEM_KINDS:
        for idx, item in enumerate(getattr(article, kind)):
            found = sentence_at(sents, item.start)
            if found is None:
                choice, span = _Choice(primary, "primary"), (item.start, item.end)
            else:
                choice, span = choices[found], (sents[found].start, sents[found].end)
            if choice.incident is not None:
                choice.incident.links.append(
                    ItemLink(article.id, kind, idx, span[0], span[1], choice.reason))


class _Linker:
    """Scores sentences against every incident (tf-idf over incident profiles)."""

    def __init__(self, incidents: Sequence[Incident]) -> None:
        self.incidents = [i for i in incidents if i.profile is not None]
        profiles = [i.profile for i in self.incidents]
        self.idf = idf_of(profiles)  # type: ignore[arg-type]
        self.vecs = {i.id: unit_vector(_mean_terms(i), self.idf) for i in self.incidents}
        self.windows = {i.id: _window(i) for i in self.incidents}

    def choose(self, article: Article, sent: Sentence, primary: Incident) -> _Choice:
        """The incident a sentence is about (or None for unrelated background)."""
        dates = _sentence_dates(article, sent)
        pwin = self.windows.get(primary.id)
        foreign = [d for d in dates if pwin and not _overlaps(d, pwin)]
        questions = _question_kinds(article, sent)
        if foreign and len(foreign) == len(dates):
            return self._by_date(sent, foreign, primary, questions)
        if foreign:  # dated both inside and outside: the primary or a foreign date's incident
            return self._by_terms(sent, primary, self._dated(foreign) + [primary], questions)
        return self._by_terms(sent, primary, self._nearby(primary), questions)

    def _dated(self, dates: list[tuple[date, date]]) -> list[Incident]:
        out = []
        for inc in self.incidents:
            win = self.windows[inc.id]
            if win is not None and any(_overlaps(d, win) for d in dates):
                out.append(inc)
        return out

    def _nearby(self, primary: Incident) -> list[Incident]:
        """Incidents close enough in time to be recalled without a date (or undated)."""
        pwin = self.windows.get(primary.id)
        if pwin is None:
            return self.incidents
        near = (pwin[0] - timedelta(days=NEARBY_DAYS), pwin[1] + timedelta(days=NEARBY_DAYS))
        out = []
        for inc in self.incidents:
            win = self.windows[inc.id]
            if win is None or _overlaps(near, win):
                out.append(inc)
        return out

    def _by_date(self, sent: Sentence, dates: list[tuple[date, date]], primary: Incident,
                 questions: list[tuple[str, str]]) -> _Choice:
        hits = self._dated(dates)
        if not hits:  # a happening no incident covers: part of the story when close in time
            pwin = self.windows.get(primary.id)
            reach = timedelta(days=NEARBY_DAYS)
            if pwin and all(_overlaps(d, (pwin[0] - reach, pwin[1] + reach)) for d in dates):
                routed = self._by_question(sent, primary, self._nearby(primary), questions)
                return routed or _Choice(primary, f"primary:recalls {dates[0][0].isoformat()}")
            return _Choice(None, f"background:{dates[0][0].isoformat()}")
        vec = unit_vector(_counts(sent.text), self.idf)
        best = max(hits, key=lambda i: cosine(vec, self.vecs[i.id]))
        return _Choice(best, f"date:{dates[0][0].isoformat()}")

    def _by_question(self, sent: Sentence, primary: Incident, candidates: list[Incident],
                     questions: list[tuple[str, str]]) -> _Choice | None:
        """The nearby incident of the kind a question belongs to ("who is behind the attack"
        asked in a later story), when the primary incident is of another kind."""
        vec = unit_vector(_counts(sent.text), self.idf)
        for topic, kind in questions:
            if _family(kind) != _family(primary.kind):
                owners = [i for i in candidates
                          if _family(i.kind) == _family(kind) and i.id in self.vecs]
                if owners:
                    best = max(owners, key=lambda i: cosine(vec, self.vecs[i.id]))
                    return _Choice(best, f"topic:{topic}")
        return None

    def _by_terms(self, sent: Sentence, primary: Incident, candidates: list[Incident],
                  questions: list[tuple[str, str]]) -> _Choice:
        routed = self._by_question(sent, primary, candidates, questions)
        if routed is not None:
            return routed
        vec = unit_vector(_counts(sent.text), self.idf)
        kinds = _sentence_kinds(sent.text)
        scores = {primary.id: PRIMARY_BONUS}
        candidates = [i for i in candidates if i.id in self.vecs]
        for inc in candidates:
            s = cosine(vec, self.vecs[inc.id]) + (KIND_BONUS if inc.kind in kinds else 0.0)
            scores[inc.id] = s + (PRIMARY_BONUS if inc.id == primary.id else 0.0)
        best = max(candidates, key=lambda i: scores[i.id], default=primary)
        if best.id != primary.id and scores[best.id] >= MIN_TERMS + PRIMARY_BONUS:
            return _Choice(best, f"terms:{scores[best.id]:.2f}")
        return _Choice(primary, "primary")


def _family(kind: str | None) -> str | None:
    rule = next((r.rule for r in kind_rules() if r.id == kind), None) if kind else None
    return rule.get("family", kind) if rule else kind


def _question_kinds(article: Article, sent: Sentence) -> list[tuple[str, str]]:
    """(topic id, incident kind) of the questions a sentence answers that belong to one kind
    of incident ("who is behind the attack", "aircraft downed" in the fighting)."""
    text = sent.text
    out = []
    for claim in article.claims:
        if sent.start <= claim.start < sent.end:
            match = match_quantity(claim.object, text, claim.start - sent.start,
                                   claim.end - sent.start, claim.predicate)
            kind = match.rule.rule.get("about_kind") if match and match.rule else None
            if kind and match is not None:
                out.append((match.key, kind))
    before = previous_sentence(article.text, sent.start)
    for rule in rules_of_kind("role"):
        kind = rule.rule.get("about_kind")
        if kind and role_context_at(rule, text, before) and (
                (rule.asserts is not None and rule.asserts.search(text))
                or (rule.denies is not None and rule.denies.search(text))):
            out.append((rule.id, kind))
    return out


def _counts(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for t in terms(text):
        out[t] = out.get(t, 0.0) + 1.0
    return out


def _sentence_kinds(text: str) -> set[str]:
    return {r.id for r in kind_rules() if r.pattern.search(text)}


def _window(inc: Incident) -> tuple[date, date] | None:
    win = inc.window()
    if win is None:
        return None
    slack = timedelta(days=WINDOW_SLACK)
    return win[0] - slack, win[1] + slack


def _overlaps(d: tuple[date, date], win: tuple[date, date]) -> bool:
    return d[0] <= win[1] and win[0] <= d[1]


def _sentence_dates(article: Article, sent: Sentence) -> list[tuple[date, date]]:
    """Date intervals a sentence refers to: its DATE expressions, bare years, and the dates
    of its events when it dates them itself (an event dated from earlier sentences proves
    nothing about this one)."""
    out = []
    for t in article.times:
        if t.type == "DATE" and sent.start <= t.start < sent.end:
            iv = date_span(t.value)
            if iv:
                out.append(iv)
    for ev in article.events if out else []:
        if sent.start <= ev.start < sent.end:
            iv = date_span(ev.date)
            if iv:
                out.append(iv)
    covered = " ".join(t.text for t in article.times if sent.start <= t.start < sent.end)
    for m in _YEAR.finditer(sent.text):
        if m.group(0) not in covered:
            out.append(date_span(m.group(0)))  # type: ignore[arg-type]
    return [d for d in out if d]


def date_span(value: str | None) -> tuple[date, date] | None:
    """(first day, last day) of "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    if not value:
        return None
    d = parse_date(value)
    if d:
        return d, d
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", value.strip())
    if not m:
        return None
    year = int(m.group(1))
    if m.group(2):
        month = int(m.group(2))
        first = date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    return date(year, 1, 1), date(year, 12, 31)
