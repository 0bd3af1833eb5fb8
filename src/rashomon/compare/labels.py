"""Headline-like incident labels: "Attack on tourists in Pahalgam, 22 April 2025".

The label template comes from the incident's kind (``incident_kinds`` in
``data/topics.yaml``); its slots are filled from the incident profile. Parties
are named in alphabetical order so that no side comes first by design.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from functools import lru_cache

from rashomon.compare.profiles import Profile, kind_rules, ranked
from rashomon.compare.text import human_date, side_name
from rashomon.resources import load_data

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    return {e["code"]: e.get("adjective", e["name"]) for e in load_data("topics.yaml")["sides"]}


def adjective(code: str | None) -> str:
    """"Indian" for "IN"; the code when unknown."""
    return _adjectives().get(code or "", code or "")


DYAD_WEIGHT = 3.0


def parties_of(profile: Profile) -> list[str]:
    """The two countries the incident is between, alphabetically by name: those its events
    join (actor and target), then those its text names most."""
    score = {c: w for c, w in profile.countries.items() if c != "INTL"}
    for c, w in profile.dyads.items():
        score[c] = score.get(c, 0.0) + DYAD_WEIGHT * w
    top = [c for c, _ in ranked(score)][:2]
    return sorted(top, key=side_name)


def make_label(profile: Profile, start: date | None) -> tuple[str, str | None, list[str], str | None]:
    """(label, kind, parties, place) of an incident from its merged profile."""
    kind = profile.kind
    parties = parties_of(profile)
    place = _top(profile.places)
    rule = next((r.rule for r in kind_rules() if r.id == kind), None)
    core = _fill(rule, profile, parties, place) if rule else None
    if not core:
        core = _fallback(profile, parties)
    core = core[0].upper() + core[1:]
    return f"{core}, {human_date(start)}", kind, parties, place


def _top(counter: dict[str, float]) -> str | None:
    return max(counter.items(), key=lambda kv: (kv[1], kv[0]))[0] if counter else None


def _named(profile: Profile, heads: list[str]) -> str | None:
    best, weight = None, 0.0
    for phrase, w in profile.named.items():
        words = phrase.lower().split()
        if any(h in words for h in heads) and w > weight:
            best, weight = re.sub(r"^(The|A)\s+", "", phrase), w
    return best


def _fill(rule: dict, profile: Profile, parties: list[str], place: str | None) -> str | None:
    actor = _top(profile.attackers) or (parties[0] if parties else None)
    others = [p for p in parties if p != actor]
    target = _top({k: v for k, v in profile.targets.items() if k != actor}) or (
        others[0] if others else None)
    slots = {
        "parties": " and ".join(side_name(p) for p in parties) or "the parties",
        "actor": side_name(actor) if actor else "",
        "actor_adj": adjective(actor) if actor else "",
        "target": side_name(target) if target else "",
        "place": place or "",
        "victims": _top(profile.victims) or "",
        "named": _named(profile, rule.get("named_heads", [])) or "",
    }
    for key in ("label_named", "label", "label_noplace", "label_novictims"):
        template = rule.get(key)
        if template and all(slots[name] for name in re.findall(r"{(\w+)}", template)):
            return template.format(**slots)
    return None


def _fallback(profile: Profile, parties: list[str]) -> str:
    named = _top(profile.named)
    who = " and ".join(side_name(p) for p in parties)
    if named and who:
        return f"{named} ({who})"
    return named or (f"Events involving {who}" if who else "Unlabelled incident")
