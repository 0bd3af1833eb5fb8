"""Who speaks: the claimant or speaker of a figure or statement, and their side.

A side is the speaker's country (from the actor the analysis resolved, a
country in the name, a title before it: "India's air chief, ..."), else the
outlet's for its own voice. Figures stated in the outlet's voice may still be
someone's: "Indian officials have given tolls of ...", "Pakistan's claim of
six jets", "what it said were nine sites". Rules and word lists live in
``data/topics.yaml`` (reporting_cues, statement_nouns, figure_cues, non_speakers).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from rashomon.compare.incidents import ItemLink
from rashomon.compare.profiles import is_place, phrase_pattern
from rashomon.compare.text import country_of_name, side_name, words
from rashomon.compare.topics import clause_around, cues_in, previous_sentence
from rashomon.models import Article
from rashomon.resources import load_data

logger = logging.getLogger(__name__)


def actor_country(article: Article, ref: str | None) -> str | None:
    """Country of an actor id (or name, or country code) as the article resolved it."""
    if not ref:
        return None
    for actor in article.actors:
        if ref in (actor.id, actor.name):
            return actor.country or country_of_name(actor.name)
    if re.fullmatch(r"[A-Z]{2}|INTL", ref):
        return ref
    return country_of_name(ref)


def claimant_side(article: Article, claimant: str | None, claimant_actor: str | None,
                  own_voice: bool, sentence: str | None = None) -> tuple[str, str]:
    """(side, reason): the speaker's country (from the actor, the name, or a country named
    beside the name: "India's air chief, A. K. Bharti"), the outlet's for its own voice,
    else the outlet's as a stated assumption."""
    outlet_side = article.outlet.country or "INTL"
    if own_voice:
        return outlet_side, "side:outlet_voice"
    side = actor_country(article, claimant_actor) or country_of_name(claimant)
    if side:
        return side, "side:claimant_country"
    side = _apposition_country(sentence or "", claimant, article)
    if side:
        return side, "side:apposition"
    side = _introduced_country(article, claimant)
    if side:
        return side, "side:introduced"
    return outlet_side, "side:assumed_outlet_country"


_TITLE_GAP = re.compile(r"(?:['\u2019]s?)?(?:\s+(?!(?:in|on|at|from|to|by|with|after|before|during|"
                        r"when|while|that|which|who|and|or|but|as|than|said|says|told)\b)"
                        r"[\w.'\u2019-]+,?){0,9}\s*", re.IGNORECASE)


def _country_before(text: str, idx: int) -> str | None:
    """The country of a title right before offset ``idx``: "India's Director General of Air
    Operations, Air Marshal" + name; a country in another phrase of the sentence is not one."""
    window = text[max(0, idx - 90):idx]
    cues = [(c, s0, e0) for c, s0, e0 in cues_in(window) if not is_place(window[s0:e0])]
    if not cues:
        return None
    code, _, end = cues[-1]
    return code if _TITLE_GAP.fullmatch(window[end:]) else None


def _introduced_country(article: Article, name: str | None) -> str | None:
    """The country an earlier mention of the claimant's surname gives it ("India's Director
    General of Air Operations, Air Marshal AK Bharti" makes "Air Marshal Bharti" Indian)."""
    surname = (name or "").split()[-1] if name and name.split() else ""
    if len(surname) < 3 or not surname[0].isupper():
        return None
    found = {_country_before(article.text, m.start())
             for m in re.finditer(r"(?<![\w-])" + re.escape(surname) + r"(?![\w-])", article.text)}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _apposition_country(sentence: str, name: str | None, article: Article) -> str | None:
    """A country named just before a name, or in an apposition right after it
    ("Its military spokesman, Lt Gen A. Chaudhry, said": the actor's country)."""
    if not name:
        return None
    idx = sentence.lower().find(name.lower())
    if idx < 0:
        return None
    before = _country_before(sentence, idx)
    if before:
        return before
    after = sentence[idx + len(name):idx + len(name) + 60]
    m = re.match(r"\s*,\s*([^,]+),", after)
    if not m:
        return None
    found = {c for c, _, _ in cues_in(m.group(1))}
    found |= {a.country for a in article.actors if a.country and a.type in ("PERSON", "ORG", "GOV",
              "MIL") and a.name.split()[-1] in m.group(1)}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _figure_cues() -> re.Pattern[str]:
    return phrase_pattern(load_data("topics.yaml")["figure_cues"])


def figure_giver(article: Article, link: ItemLink, sentence: str, n0: int
                  ) -> tuple[str, str, bool, str] | None:
    """Who puts forward a figure the outlet states in its own voice: a name or country
    before it in its clause that a figure verb follows ("for which Indian officials have
    given tolls ranging from 24 to 28")."""
    c0, _ = clause_around(sentence, max(0, n0))
    found = [c for c in _candidates(article, (link.start, link.end), sentence)
             if c0 <= c[2] and c[3] <= n0]
    for name, side, _, end in sorted(found, key=lambda c: (-c[2], c[2] - c[3])):
        window = " ".join(sentence[end:n0].split()[:4])
        if _figure_cues().search(window) and not _CLAUSE_BREAK.search(sentence[end:n0]):
            return name, side, False, "side:figure_giver"
    return None


@lru_cache(maxsize=1)
def _non_speakers() -> frozenset[str]:
    return frozenset(load_data("topics.yaml")["non_speakers"])


def names_a_thing(claimant: str | None) -> bool:
    """True when the claimant phrase names a thing ("the Indian strikes"), not a speaker."""
    toks = words(re.split(r"\b(?:of|in|on|by)\b", claimant or "")[0])
    return bool(toks) and toks[-1] in _non_speakers()


def sentence_speaker(article: Article, link: ItemLink, base: int | None, n0: int
                      ) -> tuple[str, str, bool, str] | None:
    """(claimant, side, own voice, reason) of the sentence at the figure, read as for role
    statements (quote holder, reporting verb, else the outlet)."""
    if base is None:
        return None
    claimant, side, own, reason = speaker_of(article, (link.start, link.end), max(0, n0))
    return (claimant or article.outlet.name or "?"), side or "INTL", own, reason


_OWNED = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})['\u2019]s?\s+(?:\w+\s+)?(?:claim|claims|"
                    r"figure|figures|count|tally|assertion|estimate|toll)\s+(?:of|that|at)\s+"
                    r"(?:\w+\s+){0,2}$")


def claim_owner(sentence: str, n0: int) -> tuple[str, str, bool, str] | None:
    """"called Pakistan's claim of six jets wrong": the figure is the owner's (Pakistan's)."""
    m = _OWNED.search(sentence[max(0, n0 - 90):max(0, n0)])
    cues = [c for c, _, _ in cues_in(m.group(1)) if c != "INTL"] if m else []
    return (m.group(1), cues[-1], False, "side:claim_owner") if m and cues else None


_WHAT_SAID = re.compile(r"\bwhat\s+(?:it|they|he|she)\s+(?:said|says|called|calls|described as|"
                        r"claimed|claims)\s+(?:were|was|are|is)?\s*(?:\w+\s+){0,2}$", re.IGNORECASE)


def said_by_subject(sentence: str, n0: int) -> tuple[str, str, bool, str] | None:
    """"India struck what it said were nine sites": the figure is the subject's (India's)."""
    if n0 <= 0:
        return None
    c0, _ = clause_around(sentence, n0)
    m = _WHAT_SAID.search(sentence[c0:n0])
    if not m:
        return None
    cues = [c for c, s, _ in cues_in(sentence[c0:c0 + m.start()]) if c != "INTL"]
    return (side_name(cues[-1]), cues[-1], False, "side:what_subject_said") if cues else None


@lru_cache(maxsize=1)
def _reporting() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("topics.yaml")
    verbs = phrase_pattern(data["reporting_cues"])
    nouns = re.compile(r"^\s*['\u2019]s?\s+(?:" + "|".join(data["statement_nouns"]) + r")\b", re.IGNORECASE)
    return verbs, nouns


def speaker_of(article: Article, span: tuple[int, int], pos: int | None = None
               ) -> tuple[str | None, str | None, bool, str]:
    """(claimant, side, own voice, reason) of what a sentence says at offset ``pos``: the quote
    holding it, else the nearest name or country before it that a reporting verb follows,
    else the outlet."""
    at = span[0] + (pos if pos is not None else 0)
    text = article.text[span[0]:span[1]]
    limit = len(text) if pos is None else _word_end(text, pos)
    holder = next((q for q in article.quotes if (q.start <= at < q.end if pos is not None else
                                                  q.start < span[1] and span[0] < q.end)
                   and (q.speaker or q.speaker_actor)), None)
    referred = _pronoun_speaker(article, span, text)
    if referred is not None and (holder is None or not (
            actor_country(article, holder.speaker_actor) or country_of_name(holder.speaker))):
        return referred
    candidates = sorted(_candidates(article, span, text), key=lambda c: -c[2])
    if holder is not None:  # a name inside the quote that reports on its own ("while X said")
        inner = [c for c in candidates if c[2] + span[0] >= holder.start and c[2] < limit
                 and _CLAUSE_BREAK.search(article.text[max(holder.start, span[0]):span[0] + c[2]])]
        for name, side, s, e in inner:
            if _reports(text, e, limit):
                return name, side, False, "speaker:nested_in_quote"
        quoted = actor_country(article, holder.speaker_actor) or country_of_name(holder.speaker)
        if quoted:
            return holder.speaker, quoted, False, "speaker:quote"
    reporting = [c for c in candidates if c[2] < limit and _reports(text, c[3], limit)]
    if reporting:
        name, side, s, e = _outermost(text, reporting)
        return name, side, False, "speaker:reporting_verb"
    m = re.search(r"\baccording to\s+", text)
    if m:
        for name, side, s, _ in _candidates(article, span, text):
            if s == m.end():
                return name, side, False, "speaker:according_to"
    return article.outlet.name, article.outlet.country or "INTL", True, "speaker:outlet"


_PRONOUN_GROUP = re.compile(r"^\s*(?:Its|Their)\s+(?:[\w-]+\s+){0,3}?(?:officials?|government|"
                            r"ministry|leaders?|spokes(?:man|woman|person)|military|army|diplomats?|"
                            r"envoys?|sources)\b")


def _pronoun_speaker(article: Article, span: tuple[int, int], text: str
                     ) -> tuple[str, str, bool, str] | None:
    """"India rejects that version. Its officials say ...": a sentence opened by "Its/Their
    officials" and a reporting verb speaks for the country the sentence before opens with."""
    m = _PRONOUN_GROUP.match(text)
    if not m or not _reports(text, m.end(), len(text)):
        return None
    before = previous_sentence(article.text, span[0])
    cues = [(c, s0) for c, s0, e0 in cues_in(before) if c != "INTL" and not is_place(before[s0:e0])]
    if not cues:
        return None
    code = min(cues, key=lambda c: c[1])[0]
    group = re.sub(r"^\s*(?:Its|Their)\s+", "", m.group(0))  # "Its officials" -> "India's officials"
    return f"{side_name(code)}'s {group}", code, False, "speaker:pronoun_antecedent"


def _outermost(text: str, reporting: list[tuple[str, str, int, int]]) -> tuple[str, str, int, int]:
    """The nearest reporting name, unless it sits inside what an earlier name reports
    ("Islamabad says India blamed Pakistan without evidence": Islamabad speaks)."""
    chosen = reporting[0]  # nearest first
    for earlier in reporting[1:]:
        between = text[earlier[3]:chosen[2]]
        if _CLAUSE_BREAK.search(between) or not _reports(text, earlier[3], chosen[2]):
            break
        chosen = earlier
    return chosen


_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:while|whereas|but|although|though)\b|,\s+and\b", re.IGNORECASE)


def _word_end(text: str, pos: int) -> int:
    m = re.compile(r"[\w-]*").match(text, pos)
    return m.end() if m else pos


_GROUP = re.compile(r"(?:['\u2019]s)?\s+(officials?|government|military|army|authorities|police|"
                    r"foreign (?:office|ministry|secretary|minister)|ministry|media|spokes(?:man|woman|"
                    r"person)|sources|leaders?|diplomats?)\b", re.IGNORECASE)


def _candidates(article: Article, span: tuple[int, int], text: str
                ) -> list[tuple[str, str, int, int]]:
    """(name, side, start, end) of named actors and country cues in a sentence."""
    _, nouns = _reporting()
    out: list[tuple[str, str, int, int]] = []
    for actor in article.actors:
        side = actor.country or country_of_name(actor.name)
        if not side or actor.type not in ("PERSON", "ORG", "GOV", "MIL", "NORP", "GPE"):
            continue
        if actor.type == "GPE" and (is_place(actor.name) or not country_of_name(actor.name)):
            continue  # a region or town is where things happen, not who speaks
        for s, e in actor.mentions:
            if span[0] <= s < span[1]:
                out.append((actor.name, side, s - span[0], e - span[0]))
    for code, s, e in cues_in(text):
        if not nouns.match(text[e:]) and not is_place(text[s:e]):  # towns do not speak
            group = _GROUP.match(text, e)
            name = text[s:group.end()] if group else text[s:e]
            out.append((name, code, s, group.end() if group else e))
    return out


def _reports(text: str, name_end: int, limit: int) -> bool:
    """A reporting verb follows the name within six words (and before ``limit``)."""
    verbs, _ = _reporting()
    window = " ".join(text[name_end:limit].split()[:6])
    return bool(verbs.search(window))
