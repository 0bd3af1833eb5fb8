"""Claim topics: which question a figure or a statement answers.

Rules live in ``data/topics.yaml`` (``topics``). A quantity claim answers the
topic whose predicate cue lies nearest its number and whose object nouns occur
in its object (or next to the number); a qualifier (whose aircraft, where the
victims were) splits a topic by side. Claims no rule covers get a fallback key
from the predicate lemma and the object's head noun.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from rashomon.compare.profiles import phrase_pattern
from rashomon.compare.text import STOPWORDS, country_cues, singular, words
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

_CLAUSE = re.compile(r"[;:]|,\s+(?:and|but|while|whereas)\b|\bwhile\b|\bwhereas\b")


@dataclass(frozen=True)
class Says:
    """One canonical statement of a role topic (``says`` / ``deny_says``): the text a
    position reads when one of its cues fired; no cues: every cue no other entry takes."""

    id: str
    cues: re.Pattern[str] | None
    text: str
    alone: bool  # shown only when no other statement of the list fired


@dataclass(frozen=True)
class TopicRule:
    """One ``topics`` entry of ``data/topics.yaml``, compiled."""

    id: str
    kind: str  # quantity | role | clock
    rule: dict
    objects: re.Pattern[str] | None
    predicates: dict[str, str]  # cue (lowercase) -> plain | agent | loss
    context: re.Pattern[str] | None
    asserts: re.Pattern[str] | None
    denies: re.Pattern[str] | None
    says: tuple[Says, ...] = ()
    deny_says: tuple[Says, ...] = ()
    reach_free: re.Pattern[str] | None = None  # cues that need no context cue close by

    @property
    def qualifier(self) -> str:
        """owner | victims | place | none."""
        return str(self.rule.get("qualifier", "none"))


@dataclass(frozen=True)
class TopicMatch:
    """A quantity claim's topic, with its qualifier (a side code or None)."""

    rule: TopicRule | None
    key: str
    qualifier: str | None
    predicate: str | None  # the predicate cue found
    predicate_type: str  # plain | agent | loss
    reason: str


def _pattern(phrases: list[str] | None) -> re.Pattern[str] | None:
    return phrase_pattern(phrases) if phrases else None


@lru_cache(maxsize=1)
def topic_rules() -> tuple[TopicRule, ...]:
    """All topic rules of ``data/topics.yaml``."""
    out = []
    for entry in load_data("topics.yaml")["topics"]:
        preds = {p.lower(): "plain" for p in entry.get("predicates", [])}
        preds.update({p.lower(): "agent" for p in entry.get("agent_predicates", [])})
        preds.update({p.lower(): "loss" for p in entry.get("loss_predicates", [])})
        says, deny_says = _says(entry.get("says")), _says(entry.get("deny_says"))
        out.append(TopicRule(entry["id"], entry.get("kind", "quantity"), entry,
                             _pattern(entry.get("objects")), preds, _pattern(entry.get("context")),
                             _pattern(_with_says([*(entry.get("assert") or []),
                                                  *(entry.get("reach_free") or [])],
                                                 entry.get("says"))),
                             _pattern(_with_says(entry.get("deny"), entry.get("deny_says"))),
                             says, deny_says, _pattern(entry.get("reach_free"))))
    return tuple(out)


def _says(entries: list[dict] | None) -> tuple[Says, ...]:
    return tuple(Says(e["id"], _pattern(e.get("cues")), e["text"], bool(e.get("alone")))
                 for e in entries or [])


def _with_says(cues: list[str] | None, says: list[dict] | None) -> list[str]:
    """A role rule's cue list together with the cues of its canonical statements."""
    return [*(cues or []), *(c for e in says or [] for c in e.get("cues") or [])]


def rules_of_kind(kind: str) -> list[TopicRule]:
    """The topic rules of one kind (quantity, role, clock)."""
    return [r for r in topic_rules() if r.kind == kind]


@lru_cache(maxsize=1)
def _all_predicates() -> re.Pattern[str]:
    cues = {c for r in rules_of_kind("quantity") for c in r.predicates}
    return phrase_pattern(sorted(cues))


@lru_cache(maxsize=1)
def _revision_cues() -> re.Pattern[str]:
    return phrase_pattern(load_data("topics.yaml")["revision_cues"])


@lru_cache(maxsize=1)
def negator_pattern() -> re.Pattern[str]:
    """Words that turn a following role cue into a denial."""
    return phrase_pattern(load_data("topics.yaml")["negators"])


def previous_sentence(text: str, start: int) -> str:
    """The sentence before offset ``start`` within the same paragraph ("" at a paragraph start)."""
    para_start = text.rfind("\n", 0, start) + 1
    before = text[para_start:start].rstrip()
    if not before:
        return ""
    cut = max(before.rfind(". ", 0, len(before) - 1), before.rfind("? "), before.rfind("! "))
    return before[cut + 2:] if cut >= 0 else before


def role_context_at(rule: TopicRule, text: str, before: str) -> list[int] | None:
    """Offsets in ``text`` of the rule's context cues; [-1] when only the sentence before
    holds one (then any cue position counts); None when neither does."""
    if rule.context is None:
        return None
    found = [m.start() for m in rule.context.finditer(text)]
    if found:
        return found
    return [-1] if before and rule.context.search(before) else None


def has_revision_cue(sentence: str) -> bool:
    """True when the sentence marks a figure as an update ("rose to", "revised")."""
    return bool(_revision_cues().search(sentence or ""))


def clause_around(sentence: str, pos: int) -> tuple[int, int]:
    """(start, end) of the clause of ``sentence`` holding character ``pos``."""
    start, end = 0, len(sentence)
    for m in _CLAUSE.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() > pos:
            end = m.start()
            break
    return start, end


def phrase_around(sentence: str, pos: int) -> tuple[int, int]:
    """(start, end) of the comma-, semicolon- or dash-delimited phrase holding ``pos``."""
    stops = [m for m in re.finditer(r"[,;:]|\s[-\u2013\u2014]\s", sentence)]
    start = max((m.end() for m in stops if m.end() <= pos), default=0)
    end = min((m.start() for m in stops if m.start() >= pos), default=len(sentence))
    return start, end


def nearest_predicate(sentence: str, num_start: int, num_end: int) -> tuple[str, int, int] | None:
    """The quantity predicate cue nearest the number, within its clause: (cue, start, end)."""
    c0, c1 = clause_around(sentence, num_start)
    best, best_d = None, float("inf")
    for m in _all_predicates().finditer(sentence, c0, c1):
        if m.end() <= num_start:
            if _COORDINATED.search(sentence[m.end():num_start]):
                continue  # "24 were killed and several others injured": not the cue of "several"
            d = (num_start - m.end()) * 1.2  # a cue after the number reads first
        elif m.start() >= num_end:
            d = float(m.start() - num_end)
        else:
            d = 0.0
        gap = sentence[min(m.end(), num_end):max(m.start(), num_start)]
        if _REPORTING.search(gap):
            continue  # a cue beyond a reporting verb belongs to another reported clause
        if d < best_d:
            best, best_d = (m.group(1).lower(), m.start(), m.end()), d
    return best


_COORDINATED = re.compile(r"\b(?:and|or|but|while|whereas)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _measures() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_data("topics.yaml")["measure_nouns"])
    return re.compile(r"^[\s-]*(?:" + words + r")(?!\w)", re.IGNORECASE)


def is_measure(sentence: str, num_end: int) -> bool:
    """True when the figure counts a unit of time, distance or share ("twenty years",
    "6 km", "40 per cent"), not people or things."""
    return bool(_measures().match(sentence[num_end:]))


_AGE = re.compile(r"(?:\b[A-Z][\w.'\u2019-]+,\s*$|\baged\s+$)")


def is_age(sentence: str, num_start: int, num_end: int) -> bool:
    """True for a person's age: "Muhammad Rafiq, 42, a shopkeeper", "aged 42", "a 42-year-old"."""
    after = sentence[num_end:num_end + 12]
    if re.match(r"[\s-]*years?[\s-]+old\b|-year-old", after, re.IGNORECASE):
        return True
    return bool(_AGE.search(sentence[max(0, num_start - 40):num_start])) and \
        bool(re.match(r"\s*[,)]", after))


def object_window(sentence: str, num_start: int, num_end: int) -> tuple[str, str]:
    """(words after the number, words before it) up to five each, within the clause."""
    c0, c1 = clause_around(sentence, num_start)
    after = re.split(r"[,.;:()]", sentence[num_end:c1])[0]
    before = re.split(r"[,.;:()]", sentence[c0:num_start])[-1]
    return " ".join(after.split()[:5]), " ".join(before.split()[-5:])


def match_quantity(obj: str | None, sentence: str, num_start: int, num_end: int,
                   claim_predicate: str | None = None) -> TopicMatch | None:
    """The quantity topic of a figure at [num_start, num_end) of ``sentence`` (or None).

    Object nouns are looked for first in the counted noun phrase ("22 civilians"), then
    in the words around the number ("the toll rose to 28")."""
    if is_measure(sentence, num_end) or is_age(sentence, num_start, num_end):
        return None
    pred = nearest_predicate(sentence, num_start, num_end)
    after, before = object_window(sentence, num_start, num_end)
    own_noun = noun_phrase_after(sentence, num_end)
    phrase = " ".join(x for x in (obj or "", own_noun) if x)
    candidates = []
    for rule in rules_of_kind("quantity"):
        cue = pred[0] if pred and pred[0] in rule.predicates else None
        if cue is None and claim_predicate:
            cue = next((c for c in rule.predicates if re.search(
                r"(?<!\w)" + re.escape(c) + r"(?!\w)", claim_predicate.lower())), None)
        if cue is not None and rule.objects is not None:
            candidates.append((rule, cue))
    windows = [(phrase, "")]
    if not _has_noun(own_noun):  # "the toll rose to 28": the counted thing is named nearby
        windows.append((f"{after} {before}", ":nearby"))
    for window, tag in windows:
        for rule, cue in candidates:
            if rule.objects is not None and rule.objects.search(window):
                return TopicMatch(rule, rule.id, None, cue, rule.predicates[cue],
                                  f"topic:{rule.id}:{cue}{tag}")
    for rule, cue in candidates:
        if rule.rule.get("predicate_alone") and not _has_noun(after):
            return TopicMatch(rule, rule.id, None, cue, rule.predicates[cue],
                              f"topic:{rule.id}:{cue}:predicate_alone")
    return None


_PART = re.compile(r"\b(?:including|among them|of which|of whom|comprising|among whom)\b|\s[-\u2013\u2014]\s|"
                   r"[(:]", re.IGNORECASE)


def is_breakdown(sentence: str, whole_end: int, part_start: int) -> bool:
    """True when the figure at ``part_start`` itemises an earlier figure ending at
    ``whole_end`` ("five aircraft - three Rafales, one Su-30", "12, including three children")."""
    return 0 <= whole_end <= part_start and bool(_PART.search(sentence[whole_end:part_start]))


_INCLUDED = re.compile(r"\b(?:includ\w*|among (?:them|the dead|those killed|the victims|the injured))\b",
                       re.IGNORECASE)


_AMONG = re.compile(r"^(?:\s+of\s+(?:them|whom|which|those|the)\b|[\w\s'\u2019-]{0,40}?\b(?:was|were|are|is)\s+"
                    r"(?:also\s+)?among\b)", re.IGNORECASE)


def is_included(sentence: str, part_start: int, part_end: int | None = None) -> bool:
    """True when the figure is introduced as part of a total ("the dead included two
    foreign nationals", "two foreigners were among the dead", "three of them Rafales"),
    so it answers a narrower question than the total."""
    c0, _ = clause_around(sentence, part_start)
    if part_start > 0 and _INCLUDED.search(sentence[c0:part_start]):
        return True
    return part_end is not None and bool(_AMONG.match(sentence[part_end:]))


_NUMBER_WORD = (r"(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                r"twelve|dozens?|several|a few)")
_SUMMAND_AFTER = re.compile(r"^\s*(?:,|\band)\s+(?:another\s+)?" + _NUMBER_WORD + r"\s+[A-Za-z]",
                            re.IGNORECASE)
_SUMMAND_BEFORE = re.compile(r"\b" + _NUMBER_WORD + r"((?:\s+[A-Za-z][\w'\u2019-]*){1,3})\s*(?:,|\band)\s+$",
                             re.IGNORECASE)


def is_summand(sentence: str, num_start: int, num_end: int) -> bool:
    """True when the figure is one term of a sum of counted nouns sharing one predicate
    ("25 Indian citizens and one Nepali national had died", "three Rafales, one Su-30 and
    one MiG-29"); a noun phrase holding a predicate ("31 martyred and 57 injured") is no term."""
    phrase = noun_phrase_after(sentence, num_end)
    if _SUMMAND_AFTER.match(sentence[num_end + len(phrase):]) and \
            not _all_predicates().search(phrase):
        return True
    m = _SUMMAND_BEFORE.search(sentence[max(0, num_start - 60):num_start])
    return m is not None and not _all_predicates().search(m.group(1))


def _has_noun(window: str) -> bool:
    toks = [w for w in words(window) if w not in STOPWORDS]
    verbs = {"were", "was", "killed", "died", "injured", "wounded", "dead", "more", "others"}
    return bool(toks) and toks[0] not in verbs and not toks[0].endswith("ed")


def fallback_key(obj: str | None, predicate: str | None) -> tuple[str, str] | None:
    """(key, label) from the predicate lemma and the object's head noun; None without both."""
    head = head_noun(obj)
    lemma = lemma_of(predicate)
    if not head or not lemma:
        return None
    return f"other:{lemma}:{head}", f"{head} ({lemma})"


def head_noun(phrase: str | None) -> str | None:
    """The head noun of an object phrase: the last content word before a preposition."""
    if not phrase:
        return None
    core = re.split(r"\b(?:of|in|by|from|at|on|during|after|for|to|with)\b", phrase.lower())[0]
    toks: list[str] = []
    for w in words(core):
        if toks and (w in _IRREGULAR or w.endswith(("ed", "ly")) or w in _ADVERBS):
            break  # "delegations sent abroad": the noun phrase ends before the participle
        if w not in STOPWORDS:
            toks.append(w)
    return singular(toks[-1]) if toks else None


_ADVERBS = frozenset({"abroad", "overseas", "home", "away", "back", "today", "overnight"})


_AUX = frozenset({"was", "were", "been", "be", "being", "is", "are", "has", "have", "had", "will",
                  "would", "could", "can", "may", "might", "shall", "should", "must", "to", "not",
                  "reportedly", "allegedly", "also"})
_IRREGULAR = {"shot": "shoot", "struck": "strike", "hit": "hit", "lost": "lose", "dead": "die",
              "died": "die", "slain": "slay", "held": "hold", "fled": "flee", "sent": "send",
              "told": "tell", "said": "say", "brought": "bring", "made": "make", "took": "take",
              "fired": "fire", "destroyed": "destroy", "killed": "kill"}


def lemma_of(predicate: str | None) -> str | None:
    """A crude verb lemma of the first word of a predicate ("killed" -> "kill")."""
    toks = words(predicate or "")
    toks = [t for t in toks if t not in _AUX]
    if not toks:
        return None
    w = toks[0]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl in (("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: -len(suffix)] + repl
            return base[:-1] if len(base) > 3 and base[-1] == base[-2] else base
    return w


# ---------------------------------------------------------------- qualifiers


def cues_in(text: str) -> list[tuple[str, int, int]]:
    """Country cues in ``text`` (code, start, end)."""
    return country_cues(text)


def opponent(code: str | None, parties: list[str]) -> str | None:
    """The other party of a two-party incident."""
    if code in parties and len(parties) == 2:
        return parties[1] if parties[0] == code else parties[0]
    return None


def qualify(match: TopicMatch, sentence: str, num_start: int, num_end: int, obj: str | None,
            claimant_side: str | None, parties: list[str]) -> tuple[str | None, str]:
    """(side code or None, reason) that splits the topic: whose aircraft, where victims were."""
    kind = match.rule.qualifier if match.rule else "none"
    if kind == "none":
        return None, ""
    own = {c for c, _, _ in cues_in(noun_phrase_after(sentence, num_end))}
    if not own and obj:
        own = {c for c, _, _ in cues_in(noun_phrase_after(obj, 0))}
    if len(own) == 1:
        return own.pop(), "qualifier:object_demonym"
    c0, c1 = clause_around(sentence, num_start)
    clause = sentence[c0:c1]
    pred_pos = sentence.find(match.predicate or "\0", c0) - c0 if match.predicate else -1
    if kind == "owner":
        return _owner(match, clause, pred_pos, claimant_side, parties)
    return _place_or_victims(clause, pred_pos, parties, kind)


_NP_STOP = re.compile(r"\b(?:in|by|at|on|from|during|after|near|across|when|as|who|which|that|were|"
                      r"was|are|is|had|have|has|been|be|and|or|while|including|said|says)\b|[,.;:()\u2014]|\s[-\u2013]\s",
                      re.IGNORECASE)


def noun_phrase_after(text: str, pos: int) -> str:
    """The words after ``pos`` up to the first preposition, verb or punctuation."""
    m = _NP_STOP.search(text, pos)
    return text[pos:m.start() if m else len(text)]


def subject_before(clause: str, pred_pos: int) -> str | None:
    """The country named last before the predicate when it is its subject: no reporting
    verb between them ("Pakistan said India hit" -> India; "Pakistan's army said ... were
    struck" -> None)."""
    if pred_pos < 0:
        return None
    before = [(c, e) for c, s, e in cues_in(clause) if s < pred_pos]
    if not before:
        return None
    code, end = before[-1]
    return None if _REPORTING.search(clause[end:pred_pos]) else code


def reported_between(text: str) -> bool:
    """True when a reporting verb ("said", "told", "according") stands in ``text``."""
    return bool(_REPORTING.search(text))


_DENIAL = re.compile(r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|"
                     r"not|never|no|nor|none|zero|n't)\b|n['\u2019]t\b", re.IGNORECASE)


def denial_reaches(sentence: str, num_start: int) -> bool:
    """True when a denial or negation before the figure governs it: none stands between
    it and the figure's reporting verb ("denied launching any drones and said it had shot
    down 25": the 25 is asserted)."""
    hits = list(_DENIAL.finditer(sentence, 0, max(0, num_start)))
    if not hits:
        return False
    return not _REPORTING.search(sentence[hits[-1].end():num_start])


_REPORTING = re.compile(r"\b(?:said|says|told|added|claimed|claims|stated|announced|according|"
                        r"alleged|insisted|confirmed)\b", re.IGNORECASE)


def _owner(match: TopicMatch, clause: str, pred_pos: int, claimant_side: str | None,
           parties: list[str]) -> tuple[str | None, str]:
    subject = subject_before(clause, pred_pos)
    if match.predicate_type == "loss":
        side = subject or claimant_side
        return side, "qualifier:loser_" + ("subject" if subject else "claimant")
    if match.predicate_type == "agent":
        side = opponent(subject or claimant_side, parties)
        return side, "qualifier:opponent_of_" + ("subject" if subject else "claimant")
    return None, ""


def _place_or_victims(clause: str, pred_pos: int, parties: list[str],
                      kind: str) -> tuple[str | None, str]:
    for m in re.finditer(r"\b(?:by|in|during|from)\s+(?:the\s+)?(\w[\w-]*)\s+(?:\w+\s+)?(?:strikes?|shelling|fire|firing|"
                         r"missiles?|attacks?|drones?|forces|army|troops|military)\b", clause, re.IGNORECASE):
        agent = {c for c, _, _ in cues_in(m.group(1))}
        if len(agent) == 1:
            side = opponent(agent.pop(), parties)
            if side:
                return side, "qualifier:opponent_of_attacker"
    located = [(c, s) for c, s, _ in cues_in(clause)
               if re.search(r"\b(?:in|at|across|inside|near|on|of)\s+(?:the\s+)?$", clause[:s][-14:],
                            re.IGNORECASE)]
    if located:  # the place nearest after the predicate, else the last one before it
        after = [c for c, s in located if s >= pred_pos]
        return (after[0] if after else located[-1][0]), "qualifier:location"
    if kind == "place":
        subject = subject_before(clause, pred_pos)
        if subject:
            side = opponent(subject, parties)
            if side:
                return side, "qualifier:opponent_of_subject"
    return None, ""
