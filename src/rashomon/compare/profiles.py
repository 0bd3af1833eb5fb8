"""Article profiles for incident clustering: what an article reports, and when.

A profile holds the weighted key terms of the title and lead (a title clause
after "after"/"following" names a cause, not the incident, and counts less),
the names, places and event types of the lead, the incident kind its cue
words point at (``data/topics.yaml``: ``incident_kinds``) and its date.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rashomon.compare.text import Sentence, country_cues, parse_date, split_sentences, terms
from rashomon.models import Article
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

LEAD_SENTENCES = 3
TITLE_WEIGHT = 3.0
STANDFIRST_WEIGHT = 1.5
CAUSE_WEIGHT = 0.3
BODY_WEIGHT = 0.15


Weights = defaultdict[str, float]
Day = date  # the field ``Profile.date`` shadows the type inside the class body


def weights(data: dict[str, float] | None = None) -> Weights:
    """A float tally (name -> weight)."""
    return defaultdict(float, data or {})


def add_weights(target: Weights, source: dict[str, float]) -> None:
    """Add ``source``'s weights into ``target``."""
    for key, w in source.items():
        target[key] += w


def ranked(tally: dict[str, float]) -> list[tuple[str, float]]:
    """(name, weight) by weight, heaviest first (ties by name)."""
    return sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class Profile:
    """What one article reports, reduced to comparable features."""

    article_id: str
    date: Day | None
    terms: Weights = field(default_factory=weights)
    names: set[str] = field(default_factory=set)
    places: Weights = field(default_factory=weights)
    countries: Weights = field(default_factory=weights)
    events: Weights = field(default_factory=weights)
    kinds: Weights = field(default_factory=weights)
    named: Weights = field(default_factory=weights)  # capitalised names, original casing
    victims: Weights = field(default_factory=weights)
    attackers: Weights = field(default_factory=weights)  # ASSAULT actors (countries)
    targets: Weights = field(default_factory=weights)  # ASSAULT targets (countries)
    dyads: Weights = field(default_factory=weights)  # countries of events between two countries
    event_dates: list[Day] = field(default_factory=list)  # first-sentence dates before `date`

    @property
    def kind(self) -> str | None:
        """The incident kind the cues point at most, or None."""
        if not self.kinds:
            return None
        (top, score), *rest = [*ranked(self.kinds)[:2], ("", 0.0)]
        return top if score >= 2.0 and score > rest[0][1] else None


@dataclass(frozen=True)
class KindRule:
    """One ``incident_kinds`` entry, compiled."""

    id: str
    pattern: re.Pattern[str]
    events: frozenset[str]
    victims: re.Pattern[str] | None
    rule: dict


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """A case-insensitive whole-word regex for a list of phrases; an entry starting with
    "re:" is a regular expression ("re:without (?:any )?evidence")."""
    alts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    parts = [a[3:] if a.startswith("re:") else re.escape(a) for a in alts]
    return re.compile(r"(?<![\w-])(" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def kind_rules() -> tuple[KindRule, ...]:
    """The compiled incident kinds of ``data/topics.yaml``."""
    rules = []
    for entry in load_data("topics.yaml")["incident_kinds"]:
        victims = phrase_pattern(entry["victims"]) if entry.get("victims") else None
        rules.append(KindRule(entry["id"], phrase_pattern(entry["cues"]),
                              frozenset(entry.get("events", [])), victims, entry))
    return tuple(rules)


@lru_cache(maxsize=1)
def _cause_pattern() -> re.Pattern[str]:
    markers = load_data("topics.yaml")["cause_markers"]
    alts = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    return re.compile(r"[,;]?\s+\b(?:a |one |two |three |\w+ )?(?:day |days )?(?:" + alts + r")\b",
                      re.IGNORECASE)


def split_cause(text: str) -> tuple[str, str]:
    """("India suspends treaty", "Kashmir attack") from "India suspends treaty after Kashmir attack"."""
    m = _cause_pattern().search(text)
    if not m or m.start() < 12:
        return text, ""
    return text[:m.start()], text[m.end():]


_CAPS = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:of\s+the\s+|of\s+)?(?:[A-Z][a-z]+|[A-Z]{2,}))+")


def named_phrases(text: str) -> list[str]:
    """Capitalised multi-word names in ``text`` in their original casing."""
    return [m.group(0) for m in _CAPS.finditer(text or "")]


def lead_sentences(article: Article) -> tuple[list[Sentence], list[Sentence]]:
    """(lead sentences, the rest) of the article body."""
    sents = split_sentences(article.text or "")
    return sents[:LEAD_SENTENCES], sents[LEAD_SENTENCES:]


def build_profile(article: Article) -> Profile:
    """The clustering profile of one analysed (or merely extracted) article."""
    lead, rest = lead_sentences(article)
    prof = Profile(article.id, article_date(article))
    parts: list[tuple[str, float]] = []
    main, cause = split_cause(article.title or "")
    parts += [(main, TITLE_WEIGHT), (cause, CAUSE_WEIGHT)]
    if article.standfirst:
        parts.append((article.standfirst, STANDFIRST_WEIGHT))
    for s in lead:
        m, c = split_cause(s.text)
        parts += [(m, 1.0), (c, CAUSE_WEIGHT)]
    for text, weight in parts:
        _add_text(prof, text, weight)
    for s in rest:
        for t in terms(s.text):
            prof.terms[t] += BODY_WEIGHT
        for code, start, end in country_cues(s.text):
            if not is_place(s.text[start:end]):
                prof.countries[code] += BODY_WEIGHT  # the parties, for labels and opponents
    lead_end = lead[-1].end if lead else 0
    _add_items(prof, article, lead_end)
    _add_incident_dates(prof, article, lead[0] if lead else None)
    return prof


def _add_incident_dates(prof: Profile, article: Article, first: Sentence | None) -> None:
    """Dates of the first sentence's main clause: when the reported happening took place."""
    if first is None:
        return
    main, _ = split_cause(first.text)
    end = first.start + len(main)
    for t in article.times:
        if t.type == "DATE" and first.start <= t.start < end:
            _add_event_date(prof, parse_date(t.value))
    for ev in article.events:
        if first.start <= ev.start < end and not (ev.negated or ev.hypothetical):
            _add_event_date(prof, parse_date(ev.date))


def _add_text(prof: Profile, text: str, weight: float) -> None:
    if not text:
        return
    for t in terms(text):
        prof.terms[t] += weight
    for phrase in named_phrases(text):
        prof.terms["~" + phrase.lower()] += weight
        prof.named[phrase] += weight
    for code, start, end in country_cues(text):
        if is_place(text[start:end]):
            prof.places[text[start:end]] += weight  # a town says where, not who takes part
        else:
            prof.countries[code] += weight
    for rule in kind_rules():
        hits = len(rule.pattern.findall(text))
        if hits:
            prof.kinds[rule.id] += hits * weight
        if rule.victims is not None:
            for v in rule.victims.findall(text):
                prof.victims[v.lower()] += weight


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    return frozenset(p.lower() for e in load_data("topics.yaml")["sides"] for p in e["places"])


def is_place(name: str) -> bool:
    """True for a town or region of the gazetteer (not a country or institution)."""
    return name.lower() in _place_names()



def _add_items(prof: Profile, article: Article, lead_end: int) -> None:
    countries = {a.id: a.country for a in article.actors}
    for actor in article.actors:
        if any(s < lead_end for s, _ in actor.mentions) and actor.type in ("PERSON", "ORG", "GOV",
                                                                          "MIL", "NORP"):
            prof.names.add(actor.name.lower())
    for ev in article.events:
        if ev.negated or ev.hypothetical:
            continue
        _count_dyad(prof.dyads, ev.actor, ev.target, countries)
        if ev.start >= lead_end:
            continue
        prof.events[ev.type] += 1.0
        for rule in kind_rules():
            if ev.type in rule.events:
                prof.kinds[rule.id] += 0.5
        if ev.location:
            prof.places[ev.location] += 1.0
        if ev.type == "ASSAULT":
            _count_party(prof.attackers, ev.actor, countries)
            _count_party(prof.targets, ev.target, countries)


def _add_event_date(prof: Profile, d: date | None) -> None:
    """Keep a lead date when it lies up to three days before the article's date."""
    if d and prof.date and 0 <= (prof.date - d).days <= 3:
        prof.event_dates.append(d)


def _count_dyad(counter: Weights, actor: str | None, target: str | None,
                countries: dict[str, str | None]) -> None:
    """Both countries of an event between two countries (India strikes Pakistan)."""
    a, t = _code(actor, countries), _code(target, countries)
    if a and t and a != t and "INTL" not in (a, t):
        counter[a] += 1
        counter[t] += 1


def _code(ref: str | None, countries: dict[str, str | None]) -> str | None:
    return countries.get(ref or "") or (ref if ref and re.fullmatch(r"[A-Z]{2}", ref) else None)


def _count_party(counter: Weights, ref: str | None, countries: dict[str, str | None]) -> None:
    code = countries.get(ref or "") or (ref if ref and re.fullmatch(r"[A-Z]{2}", ref) else None)
    if code:
        counter[code] += 1


def article_date(article: Article) -> date | None:
    """Publication date, else the latest full date the article gives (it cannot be older)."""
    d = parse_date(article.published)
    if d:
        return d
    found = [parse_date(t.value) for t in article.times if t.type == "DATE"]
    found += [parse_date(e.date) for e in article.events]
    dates = [d for d in found if d is not None]
    return max(dates) if dates else None
