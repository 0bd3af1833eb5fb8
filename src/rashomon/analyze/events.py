"""PLOVER events from verbs and event nouns over the dependency parse.

``extract_events(doc)`` finds triggers from the lexicon in ``data/events.yaml``
(verbs, event nouns, multiword nouns, and head+object rules such as "lifted the
sanctions" -> CONCEDE), then reads each event's arguments off the parse: actor
(subject, passive agent, possessor or national adjective of the noun, subject of
a light verb), target (object, "on/against/with X"), mode, date, location,
negation, hypotheticality and source. The ``rashomon_events`` component stores
the result in ``doc._.events``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from rashomon.analyze.base import context_of
from rashomon.models import Event
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
#: Types whose participants act together: "X and Y agreed" gives actor X, target Y.
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: Prepositions that introduce a target, by kind of trigger.
TARGET_PREPS = frozenset({"on", "against", "at", "into", "upon", "toward", "towards", "with",
                          "to", "targeting"})
NOUN_TARGET_PREPS = TARGET_PREPS | {"of"}
ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
CHILD_PREPS = frozenset({"for", "on", "upon", "of", "to", "with", "against"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})
#: Heads whose object does what the infinitive says ("urged India to talk").
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "press", "order", "encourage", "invite",
                            "tell", "want", "persuade", "force", "allow", "permit", "request",
                            "instruct", "direct", "push", "appeal", "compel", "help", "enable",
                            "warn", "advise", "expect", "implore", "beg", "challenge", "dare"})
CLIMB_DEPS = frozenset({"xcomp", "dobj", "nsubjpass", "pobj", "pcomp", "attr", "oprd", "prep",
                        "ccomp", "acl", "conj", "acomp", "advcl", "agent"})


def _keys(tok: Token) -> tuple[str, str]:
    """The two forms a lexicon word may match: lowercased lemma and surface."""
    return tok.lemma_.lower(), tok.lower_


def _words(entry: str) -> tuple[str, ...]:
    """Split a lexicon entry into lowercase words (hyphens are tokens of their own)."""
    return tuple(entry.lower().replace("-", " - ").split())


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a head word plus required child words, or a token sequence."""

    type: str | None
    words: tuple[str, ...]
    reason: str
    consumes: bool = False
    objects: frozenset[str] = frozenset()


class PhraseIndex:
    """Token sequences matched on lemma or surface form, longest first; built once."""

    def __init__(self) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}

    def add(self, words: tuple[str, ...], value: Any) -> None:
        """Register ``words`` (lowercase) with ``value``."""
        self._first.setdefault(words[0], []).append((words, value))
        self._first[words[0]].sort(key=lambda wv: -len(wv[0]))

    def match(self, keys: list[tuple[str, str]], i: int, end: int) -> tuple[int, Any] | None:
        """(length, value) of the longest sequence starting at token ``i`` and ending
        by ``end``; ``keys`` holds each token's (lemma, surface), see ``doc_keys``."""
        lemma, lower = keys[i]
        for key in (lemma, lower) if lemma != lower else (lemma,):
            for words, value in self._first.get(key, ()):
                n = len(words)
                if i + n <= end and all(w in keys[i + k] for k, w in enumerate(words[1:], 1)):
                    return n, value
        return None

    def scan(self, keys: list[tuple[str, str]], start: int,
             end: int) -> Iterator[tuple[int, int, Any]]:
        """Non-overlapping (start, end, value) matches in tokens ``start..end``."""
        i = start
        while i < end:
            hit = self.match(keys, i, end) if keys[i][0] in self._first \
                or keys[i][1] in self._first else None
            if hit is None:
                i += 1
                continue
            yield i, i + hit[0], hit[1]
            i += hit[0]


def doc_keys(doc: Doc) -> list[tuple[str, str]]:
    """(lowercased lemma, lowercased surface) of every token, computed once per doc."""
    return [(t.lemma_.lower(), t.lower_) for t in doc]


@dataclass
class EventLexicon:
    """The event lexicon with its indexes (build once, reuse for every document)."""

    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(default_factory=dict)
    phrases: PhraseIndex = field(default_factory=PhraseIndex)
    rules: dict[str, list[Entry]] = field(default_factory=dict)
    modes: PhraseIndex = field(default_factory=PhraseIndex)
    countries: dict[str, str] = field(default_factory=dict)
    sets: dict[str, frozenset[str]] = field(default_factory=dict)
    senses: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    derived: dict[str, frozenset[str]] = field(default_factory=dict)
    group_labels: dict[str, str] = field(default_factory=dict)

    def has(self, name: str, tok: Token) -> bool:
        """True if the token's lemma or surface is in the named word set."""
        words = self.sets.get(name, frozenset())
        return tok.lemma_.lower() in words or tok.lower_ in words

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> EventLexicon:
        """Build the indexes from the parsed YAML (see the header of events.yaml)."""
        lex = cls()
        for kind, table in (("verbs", lex.verbs), ("nouns", lex.nouns)):
            for etype, entries in (data.get(kind) or {}).items():
                for text in entries:
                    _add_entry(lex, kind, table, str(etype), str(text))
        _add_rules(lex, data)
        for mode, spec in (data.get("modes") or {}).items():
            for cue in spec.get("cues") or ():
                lex.modes.add(_words(str(cue)), (str(mode), frozenset(spec.get("types") or ())))
        for code, names in (data.get("countries") or {}).items():
            for name in names:
                lex.countries[str(name).lower()] = str(code)
        for word, spec in (data.get("senses") or {}).items():
            lex.senses[str(word)] = {str(t): frozenset(str(c).lower() for c in cues)
                                     for t, cues in spec.items()}
        for label, words in (data.get("group_labels") or {}).items():
            lex.group_labels.update({str(w).lower(): str(label) for w in words})
        for name, spec in (data.get("derived") or {}).items():
            lex.derived[str(name)] = frozenset(str(w).lower() for w in spec)
        gov = data.get("governors") or {}
        for name, words in [*gov.items(), *((k, v) for k, v in data.items() if k in _SETS)]:
            lex.sets[name] = frozenset(str(w).lower() for w in words)
        return lex


_SETS = ("light_verbs", "modals", "hypothetical_modifiers", "conditional_marks",
         "negative_determiners", "actor_nouns", "location_preps", "reporting_verbs",
         "communicative_types", "frame_nouns", "quantity_nouns", "adversarial")


def _add_entry(lex: EventLexicon, kind: str, table: dict[str, list[Entry]],
               etype: str, text: str) -> None:
    """Index one verb or noun entry."""
    if etype not in TYPES:
        raise ValueError(f"events.yaml: unknown PLOVER type {etype!r}")
    words = _words(text)
    entry = Entry(etype, words, f"events.{kind}.{etype}:{text}")
    is_child = kind == "verbs" or (len(words) == 2 and words[1] in CHILD_PREPS)
    if len(words) > 1 and not is_child:
        lex.phrases.add(words, entry)
        return
    table.setdefault(words[0], []).append(entry)
    table[words[0]].sort(key=lambda e: -len(e.words))


def _add_rules(lex: EventLexicon, data: dict[str, Any]) -> None:
    """Index head+object rules by the head's first word."""
    classes = {k: {str(w).lower() for w in v} for k, v in (data.get("objects") or {}).items()}
    for rule in data.get("rules") or ():
        objects: set[str] = set()
        for name in rule["objects"]:
            objects |= classes.get(name, {str(name).lower()})
        etype = rule.get("type")
        if etype is not None and etype not in TYPES:
            raise ValueError(f"events.yaml rule {rule['id']}: unknown type {etype!r}")
        for head in rule["heads"]:
            words = _words(str(head))
            entry = Entry(etype, words, f"events.rules.{rule['id']}:{head}",
                          bool(rule.get("consumes")), frozenset(objects))
            lex.rules.setdefault(words[0], []).append(entry)
            lex.rules[words[0]].sort(key=lambda e: -len(e.words))


@lru_cache(maxsize=1)
def default_lexicon() -> EventLexicon:
    """The shipped lexicon (data/events.yaml), built once per process."""
    return EventLexicon.from_data(load_data("events.yaml"))


# ---------------------------------------------------------------- triggers
@dataclass
class Trigger:
    """A trigger found in a sentence, before its arguments are read."""

    tok: Token  # the syntactic head of the trigger
    type: str
    text: str
    reason: str
    start: int  # char offsets of the trigger words
    end: int
    obj: Token | None = None  # the object a head+object rule matched (not an actor)


def _child_words(tok: Token) -> set[str]:
    """Lemmas and surfaces of a token's children and of their prepositional objects."""
    out: set[str] = set()
    for c in tok.children:
        out.update(_keys(c))
        if c.dep_ in ("prep", "prt", "agent"):
            for g in c.children:
                out.update(_keys(g))
    return out


def _pick(entries: Iterable[Entry], tok: Token) -> Entry | None:
    """The first entry whose required child words all hang off ``tok``."""
    children: set[str] | None = None
    for e in entries:
        if len(e.words) == 1:
            return e
        children = children if children is not None else _child_words(tok)
        if all(w in children for w in e.words[1:]):
            return e
    return None


def _objects(tok: Token) -> Iterator[Token]:
    """Objects of a verb or nominalisation: direct/passive objects, prepositional
    objects, compounds ("border closure"), their conjuncts, and for each object its
    compounds and "of" complement ("aid deliveries", "700 kg of medicine")."""
    for obj in _direct_objects(tok):
        yield obj
        for c in obj.children:
            if c.dep_ == "compound":
                yield c
            elif c.dep_ == "prep" and c.lower_ == "of":
                yield from (g for g in c.children if g.dep_ == "pobj")


def _direct_objects(tok: Token) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ in OBJECT_DEPS or (c.dep_ == "compound" and tok.pos_ == "NOUN"):
            yield c
            yield from c.conjuncts
        elif c.dep_ in ("prep", "prt", "agent"):
            for g in c.children:
                if g.dep_ == "pobj":
                    yield g
                    yield from g.conjuncts


def _rule_hit(lex: EventLexicon, tok: Token) -> tuple[Entry, Token] | None:
    """A head+object rule firing on ``tok``: (rule entry, object token)."""
    entries = lex.rules.get(tok.lemma_.lower()) or lex.rules.get(tok.lower_)
    if not entries:
        return None
    children: set[str] | None = None
    for entry in entries:
        if len(entry.words) > 1:
            children = children if children is not None else _child_words(tok)
            if not all(w in children for w in entry.words[1:]):
                continue
        for obj in _objects(tok):
            if obj.lemma_.lower() in entry.objects or obj.lower_ in entry.objects:
                return entry, obj
    return None


def _sense(tok: Token, entry: Entry, lex: EventLexicon) -> tuple[str, str]:
    """(type, reason) of an ambiguous word from cues among its modifiers, its
    prepositional objects and the verb governing it ("went on strike": PROTEST)."""
    senses = lex.senses.get(tok.lemma_.lower())
    if not senses or entry.type is None:
        return str(entry.type), entry.reason
    gov = tok.head.head if tok.head.pos_ == "ADP" else tok.head
    words = _child_words(tok) | {gov.lemma_.lower()}
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nummod"):
            words |= {w for g in c.subtree for w in _keys(g)}
    for etype, cues in senses.items():
        hit = words & cues
        if hit:
            why = "" if etype == entry.type else f" [sense {etype}:{min(hit)}]"
            return etype, entry.reason + why
    return entry.type, entry.reason


def find_triggers(sent: Span, lex: EventLexicon,
                  keys: list[tuple[str, str]] | None = None) -> list[Trigger]:
    """Every trigger in one sentence, in text order."""
    keys = keys if keys is not None else doc_keys(sent.doc)
    found: dict[int, Trigger] = {}
    taken: set[int] = set()
    consumed: set[int] = set()
    silenced: set[int] = set()
    for start, end, entry in lex.phrases.scan(keys, sent.start, sent.end):  # multiword
        span = sent.doc[start:end]
        root = span.root
        found[root.i] = Trigger(root, entry.type, span.text, entry.reason,
                                span.start_char, span.end_char)
        taken.update(range(start, end))
    for tok in sent:  # head+object rules
        if tok.pos_ not in ("VERB", "NOUN") or tok.i in taken:
            continue
        rule = _rule_hit(lex, tok)
        if rule is None:
            continue
        entry, obj = rule
        if entry.consumes:
            consumed.add(obj.i)
        if entry.type is None:
            silenced.add(tok.i)
            continue
        lo, hi = sorted((tok, obj), key=lambda t: t.i)
        found[tok.i] = Trigger(tok, entry.type, f"{tok.text} … {obj.text}"
                               if hi.i - lo.i > 1 else sent.doc[lo.i:hi.i + 1].text,
                               entry.reason, tok.idx, tok.idx + len(tok.text), obj)
        taken.add(tok.i)
    for tok in sent:  # single verbs and nouns
        if tok.i in taken or tok.i in silenced or tok.dep_ == "amod" or (
                tok.dep_ == "compound" and not lex.has("frame_nouns", tok.head)):
            continue
        if tok.pos_ == "VERB":
            table = lex.verbs
        elif tok.pos_ == "NOUN":
            table = lex.nouns
        else:
            continue
        entry = _pick(table.get(tok.lemma_.lower()) or table.get(tok.lower_) or (), tok)
        if entry is not None and entry.type is not None:
            etype, reason = _sense(tok, entry, lex)
            found[tok.i] = Trigger(tok, etype, tok.text, reason,
                                   tok.idx, tok.idx + len(tok.text))
    return [t for k, t in sorted(found.items()) if k not in consumed]


# ---------------------------------------------------------------- actors
class _ActorResolver:
    """Maps tokens to actor values: actor ids when the actor component ran, else
    country codes for countries and their people, else entity or noun text."""

    def __init__(self, doc: Doc, lex: EventLexicon) -> None:
        self.lex = lex
        ents = doc.ents
        self.ents = {t.i: ent for ent in ents for t in ent}
        self.places = [ent for ent in ents if ent.label_ in PLACE_ENTS]
        self.ids: dict[int, str] = {}
        for start, end, actor_id in doc._.actor_spans or ():
            span = doc.char_span(start, end, alignment_mode="expand")
            for t in span or ():
                self.ids.setdefault(t.i, actor_id)
        self.id_set = set(self.ids.values())
        self.id_country = {a.id: a.country for a in doc._.actors or () if a.country}
        self.codes = frozenset(lex.countries.values())

    def country(self, text: str) -> str | None:
        """Country code for a name, demonym or capital ("the Indian" -> IN)."""
        t = text.strip().lower()
        t = t.removeprefix("the ")
        t = t[:-2] if t.endswith(("'s", "\u2019s")) else t
        if t in self.lex.countries:
            return self.lex.countries[t]
        words = t.split()
        for n in (3, 2, 1):  # "Pakistan Army", "Indian Air Force": prefix country
            if len(words) > n and " ".join(words[:n]) in self.lex.countries:
                return self.lex.countries[" ".join(words[:n])]
        return None

    def _entity(self, tok: Token) -> str | None:
        ent = self.ents.get(tok.i)
        if ent is None or ent.label_ not in ACTOR_ENTS:
            return None
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        return self.country(text) or text

    def _direct(self, tok: Token) -> str | None:
        if tok.i in self.ids:
            return self.ids[tok.i]
        return self._entity(tok)

    def country_of(self, value: str) -> str | None:
        """Country code behind an actor value (the code itself, or the actor's country)."""
        return value if value in self.codes else self.id_country.get(value)

    def other_party(self, actor: str, sent: Span, near: Token) -> str | None:
        """The country-coded mention in the sentence nearest ``near`` whose country is
        not the actor's: the other side of an adversarial event with no explicit target."""
        own = self.country_of(actor)
        if own is None:
            return None
        best: tuple[int, str] | None = None
        for tok in sent:
            value = self.ids.get(tok.i) or self._entity(tok)
            if value is None:
                continue
            country = self.country_of(value)
            if country and country != own and (best is None or abs(tok.i - near.i) < best[0]):
                best = (abs(tok.i - near.i), value)
        return best[1] if best else None

    def is_actor_ref(self, value: str) -> bool:
        """True for a country code or an actor id (not a bare entity text)."""
        return value in self.codes or value in self.id_set

    def value(self, tok: Token | None) -> str | None:
        """Actor value of a noun-phrase head, or None when it names no actor."""
        if tok is None:
            return None
        if tok.lower_ in RELATIVE and tok.head.dep_ in ("relcl", "acl"):
            tok = tok.head.head
        if tok.like_num or tok.ent_type_ == "CARDINAL" or self.lex.has("quantity_nouns", tok):
            of = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"), None)
            if of is not None:
                tok = of
        if tok.lower_ in PRONOUNS:
            return self._antecedent(tok)
        own = self._direct(tok)
        if own is not None and (own in self.codes or tok.i in self.ids):
            return own
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                v = self._direct(c)
                if v is not None and (c.i in self.ids or v in self.codes):
                    return v
            if c.dep_ == "prep" and c.lower_ == "of":
                v = next((self._direct(g) for g in c.children if g.dep_ == "pobj"), None)
                if v is not None and v in self.codes:
                    return v
        if own is not None:
            return own
        if tok.pos_ in ("NOUN", "PROPN") and self.lex.has("actor_nouns", tok):
            return self.lex.group_labels.get(tok.lemma_.lower(), tok.text)
        return None

    def _antecedent(self, tok: Token) -> str | None:
        """'Pakistan said it would...': the subject of the reporting verb above, else
        the nearest country-like entity before the pronoun in the sentence."""
        head = tok.head
        for _ in range(4):
            if self.lex.has("reporting_verbs", head):
                subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.lower_ not in PRONOUNS:
                    return self.value(subj)
            if head.head is head:
                break
            head = head.head
        for t in reversed(tok.sent[: tok.i - tok.sent.start]):
            v = self._direct(t)
            if v is not None and v in self.codes:
                return v
        return None


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The doer of a verb: its subject, its passive agent, or the controller above it."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if _passive(verb) or depth > 3 or verb.head is verb:
        return None
    if verb.dep_ == "xcomp":
        obj = next((c for c in verb.head.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None and verb.head.lemma_.lower() in OBJECT_CONTROL:
            return obj
        return _subject(verb.head, depth + 1)
    if verb.dep_ in ("conj", "advcl"):
        return _subject(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _pobjs(tok: Token, preps: frozenset[str]) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            yield from (g for g in c.children if g.dep_ == "pobj")


def _light_head(noun: Token, lex: EventLexicon) -> Token | None:
    """The light verb ("carried out", "imposed", "threatened") governing an event noun."""
    tok = noun
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in ("responsibility", "credit"):
        tok = tok.head.head
    if tok.dep_ in ("dobj", "nsubjpass", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        head = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "prt") \
            and tok.head.head.pos_ == "VERB":
        head = tok.head.head
    else:
        return None
    if lex.has("light_verbs", head) or lex.has("hypothetical", head) \
            or lex.has("negated", head):
        return head
    return None


def _arguments(trig: Trigger, res: _ActorResolver,
               lex: EventLexicon) -> tuple[str | None, str | None]:
    """(actor, target) of a trigger."""
    tok = trig.tok
    if tok.pos_ == "VERB":
        return _verb_arguments(tok, res, trig.obj)
    actor = target = None
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and actor is None:
            v = res.value(c)
            actor = v if v is not None and (v in res.codes or c.i in res.ids
                                            or c.ent_type_ in ("NORP", "ORG", "PERSON")) else None
    actor = actor or next((res.value(p) for p in _pobjs(tok, frozenset({"by", "from"}))), None)
    for p in _pobjs(tok, NOUN_TARGET_PREPS):
        target = target or res.value(p)
    between = list(_pobjs(tok, frozenset({"between"})))
    if between and actor is None:
        actor = res.value(between[0])
        target = target or next((res.value(x) for x in between[0].conjuncts), None)
    head = _light_head(tok, lex)
    if head is not None:
        if actor is None:
            actor = res.value(_subject(head))
        for p in _pobjs(head, TARGET_PREPS):
            target = target or res.value(p)
    if target is None and actor is not None and trig.type in RECIPROCAL:
        target = _conj_partner(tok, head, res)
    return actor, target if target != actor else None


def _conj_partner(tok: Token, head: Token | None, res: _ActorResolver) -> str | None:
    subj = _subject(head) if head is not None else _subject(tok) if tok.pos_ == "VERB" else None
    return next((res.value(c) for c in subj.conjuncts), None) if subj is not None else None


def _verb_arguments(verb: Token, res: _ActorResolver,
                    skip: Token | None = None) -> tuple[str | None, str | None]:
    actor = res.value(_subject(verb))
    target = _object_actor(verb, res, skip)
    if target is None:
        target = next((_object_actor(c, res, skip) for c in verb.children
                       if c.dep_ == "xcomp"), None)
    if target is None and _passive(verb):
        target = res.value(next((c for c in verb.children if c.dep_ == "nsubjpass"), None))
    if target is None and actor is not None:
        subj = _subject(verb)
        target = next((res.value(c) for c in subj.conjuncts), None) if subj is not None else None
    between = list(_pobjs(verb, frozenset({"between"})))
    if between and actor is None:
        actor = res.value(between[0])
        target = target or next((res.value(x) for x in between[0].conjuncts), None)
    return actor, target if target != actor else None


def _object_actor(verb: Token, res: _ActorResolver, skip: Token | None) -> str | None:
    """The first object or "on/against/with X" phrase of a verb that names an actor
    (looking into the prepositions of an object noun too: "imposed sanctions on X")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "dative"):
            v = res.value(c)
            if v is not None and (skip is None or c.i != skip.i or res.is_actor_ref(v)):
                return v
    for p in _pobjs(verb, TARGET_PREPS):
        v = res.value(p)
        if v is not None:
            return v
    for c in verb.children:
        if c.dep_ == "dobj":
            v = next((res.value(p) for p in _pobjs(c, TARGET_PREPS)), None)
            if v is not None:
                return v
    return None


# ---------------------------------------------------------------- flags
def _clause_verb(tok: Token, lex: EventLexicon) -> Token:
    """The verb whose clause an event sits in (the noun's light verb, or itself)."""
    if tok.pos_ == "VERB":
        return tok
    head = _light_head(tok, lex)
    return head if head is not None else tok


def _governor(tok: Token, lex: EventLexicon) -> tuple[str, Token] | None:
    """Climb from a trigger to the first head that makes it hypothetical or negated."""
    cur = tok
    for _ in range(6):
        head, dep = cur.head, cur.dep_
        if head is cur or dep not in CLIMB_DEPS:
            return None
        if dep == "advcl" and not _has_to(cur):
            return None
        if head.pos_ != "ADP":
            for kind in ("negated", "hypothetical"):
                if lex.has(kind, head):
                    return kind, head
            if head.pos_ in ("VERB", "AUX") and dep not in ("xcomp", "conj") \
                    and not (dep in ("dobj", "pobj", "prep") and lex.has("light_verbs", head)):
                return None
        cur = head
    return None


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


@dataclass
class Flags:
    """Negation and hypotheticality of an event, with the words that decided them."""

    negated: bool = False
    hypothetical: bool = False
    neg_cues: list[str] = field(default_factory=list)
    hyp_cues: list[str] = field(default_factory=list)


def _flags(trig: Trigger, lex: EventLexicon) -> Flags:
    """Negated / hypothetical flags of a trigger and their cue words."""
    tok = trig.tok
    clause = _clause_verb(tok, lex)
    f = Flags()
    f.neg_cues += [c.lower_ for c in (*tok.children, *clause.children) if c.dep_ == "neg"]
    f.neg_cues += [c.lower_ for c in tok.children
                   if c.dep_ == "det" and lex.has("negative_determiners", c)]
    f.hyp_cues += [c.lower_ for c in clause.children if c.dep_ == "aux"
                   and (lex.has("modals", c) or c.lemma_.lower() in lex.sets["modals"])]
    f.hyp_cues += [c.lower_ for c in clause.children
                   if c.dep_ == "mark" and lex.has("conditional_marks", c)]
    f.hyp_cues += [c.lower_ for c in tok.children
                   if c.dep_ in ("amod", "compound") and lex.has("hypothetical_modifiers", c)]
    if clause.dep_ in ("xcomp", "advcl", "acl") and _has_to(clause) \
            and not lex.has("realized", clause.head):
        f.hyp_cues.append(clause.head.lemma_.lower())
    gov = _governor(tok, lex)
    if gov is not None:
        kind, head = gov
        if kind == "hypothetical":
            f.hyp_cues.append(head.lemma_.lower())
        elif trig.type.lower() not in lex.sets.get("communicative_types", ()):
            f.neg_cues.append(head.lemma_.lower())
    f.neg_cues, f.hyp_cues = list(dict.fromkeys(f.neg_cues)), list(dict.fromkeys(f.hyp_cues))
    f.negated, f.hypothetical = bool(f.neg_cues), bool(f.hyp_cues)
    return f


def _derived(etype: str, flags: Flags, lex: EventLexicon) -> str | None:
    """The statement an unrealised event amounts to in PLOVER: a stated intent to
    cooperate is AGREE, to harm is THREATEN; "X must/should..." is REQUEST; a refusal
    to cooperate is REJECT."""
    d, kind = lex.derived, etype.lower()
    if flags.negated:
        return "REJECT" if kind in d.get("cooperative", ()) else None
    if not flags.hypothetical:
        return None
    cues = set(flags.hyp_cues)
    if cues & d.get("deontic", frozenset()):
        return "REQUEST"
    if cues & d.get("intent", frozenset()):
        if kind in d.get("cooperative", ()):
            return "AGREE"
        if kind in d.get("hostile", ()):
            return "THREATEN"
    return None


# ---------------------------------------------------------------- context
def _mode(trig: Trigger, cues: list[tuple[int, str, frozenset[str]]], span: Span) -> str | None:
    """The mode cue in the event's clause nearest the trigger, among those allowed for
    its type."""
    allowed = [(abs(i - trig.tok.i), mode) for i, mode, types in cues
               if trig.type in types and (span.start <= i < span.end or i == trig.tok.i)]
    return min(allowed)[1] if allowed else None


def _mode_cues(sent: Span, lex: EventLexicon,
               keys: list[tuple[str, str]]) -> list[tuple[int, str, frozenset[str]]]:
    return [(start, *value) for start, _, value in lex.modes.scan(keys, sent.start, sent.end)]


def _date(trig: Trigger, sent: Span) -> str | None:
    """Value of the dated time expression in the sentence nearest the trigger."""
    times = [t for t in sent.doc._.times or () if t.type == "DATE" and t.value
             and sent.start_char <= t.start < sent.end_char]
    if not times:
        return None
    return min(times, key=lambda t: min(abs(t.start - trig.end), abs(trig.start - t.end))).value


def _location(trig: Trigger, sent: Span, lex: EventLexicon,
              avoid: set[str | None], res: _ActorResolver) -> str | None:
    """The place nearest the trigger named after "in/at/near/along..." (or as the
    noun's compound: "the Pahalgam attack")."""
    best: tuple[int, str] | None = None
    for ent in res.places:
        if not sent.start <= ent.start < sent.end:
            continue
        root = ent.root
        ok = (root.dep_ == "pobj" and lex.has("location_preps", root.head)) or (
            root.dep_ == "compound" and root.head.i == trig.tok.i)
        value = res.value(root)
        if not ok or (value is not None and value in avoid) or (
                root.dep_ == "pobj" and root.head.lower_ in TARGET_PREPS
                and res.country(ent.text) is not None):
            continue
        text = ent.text
        if root.dep_ == "pobj":
            sub = sent.doc[root.left_edge.i:root.i + 1]
            if len(sub) <= 5:
                text = sub.text[4:] if sub.text.lower().startswith("the ") else sub.text
        dist = abs(root.i - trig.tok.i)
        if best is None or dist < best[0]:
            best = (dist, text)
    return best[1] if best else None


def _source(trig: Trigger, doc: Doc, res: _ActorResolver, lex: EventLexicon) -> str | None:
    """Who reports the event: the speaker of a quote around it, else the outlet."""
    quotes = doc._.quotes
    if quotes:
        for q in quotes:
            if q.start <= trig.start < q.end and q.speaker:
                return str(q.speaker)
    if quotes is None:
        head = trig.tok
        for _ in range(5):
            dep, head = head.dep_, head.head
            if dep in ("ccomp", "parataxis") and lex.has("reporting_verbs", head):
                subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.lower_ not in PRONOUNS:
                    return res.value(subj) or subj.text
            if head.head is head:
                break
    return context_of(doc).outlet_name


def _clause_span(trig: Trigger, lex: EventLexicon) -> Span:
    """The clause (verb and its arguments, without coordinated clauses) or noun phrase."""
    tok = trig.tok
    head = tok if tok.pos_ == "VERB" else _light_head(tok, lex)
    sent = tok.sent
    if head is None:
        lo, hi = tok.left_edge.i, tok.right_edge.i
    else:
        lo = hi = head.i
        for c in head.children:
            if c.dep_ in ("conj", "cc", "parataxis", "punct"):
                continue
            lo, hi = min(lo, c.left_edge.i), max(hi, c.right_edge.i)
    lo, hi = max(lo, sent.start), min(hi, sent.end - 1)
    while hi > lo and sent.doc[hi].is_punct:
        hi -= 1
    return sent.doc[lo:hi + 1]


# ---------------------------------------------------------------- public
def extract_events(doc: Doc, lexicon: EventLexicon | None = None) -> list[Event]:
    """PLOVER events of a parsed document, one per trigger (duplicates within a
    sentence merged), each with its arguments, flags and the lexicon entry used; an
    unrealised event also yields the statement it amounts to (intent -> AGREE or
    THREATEN, "must" -> REQUEST, refusal -> REJECT)."""
    lex = lexicon or default_lexicon()
    res = _ActorResolver(doc, lex)
    keys = doc_keys(doc)
    events: list[Event] = []
    for sent in doc.sents:
        cues = _mode_cues(sent, lex, keys)
        seen: set[tuple[Any, ...]] = set()
        for trig in find_triggers(sent, lex, keys):
            for event in _build(trig, sent, cues, res, lex):
                key = (event.type, event.actor, event.target, event.negated,
                       event.hypothetical)
                if key not in seen:
                    seen.add(key)
                    events.append(event)
    return events


def _build(trig: Trigger, sent: Span, cues: list[tuple[int, str, frozenset[str]]],
           res: _ActorResolver, lex: EventLexicon) -> list[Event]:
    actor, target = _arguments(trig, res, lex)
    flags = _flags(trig, lex)
    location = _location(trig, sent, lex, {actor, target}, res)
    why = [f"neg:{c}" for c in flags.neg_cues] + [f"hyp:{c}" for c in flags.hyp_cues]
    if target is None and trig.type == "ASSAULT" and location:
        target = res.country(location)
    if target is None and actor is not None and trig.type.lower() in lex.sets["adversarial"]:
        target = res.other_party(actor, sent, trig.tok)
        why += ["target:other-party"] if target else []
    span = _clause_span(trig, lex)
    event = Event(
        type=trig.type, mode=_mode(trig, cues, span), actor=actor, target=target,
        date=_date(trig, sent), location=location, negated=flags.negated,
        hypothetical=flags.hypothetical, source=_source(trig, sent.doc, res, lex),
        text=span.text, start=span.start_char, end=span.end_char, trigger=trig.text,
        sentence=sent.text, reason=trig.reason + (f" [{' '.join(why)}]" if why else ""))
    derived = _derived(trig.type, flags, lex)
    if derived is None or derived == trig.type:
        return [event]
    stated = replace(event, type=derived, negated=False, hypothetical=False,
                     reason=f"events.derived.{derived}:{trig.type} <- {event.reason}")
    return [event, stated]


class EventsComponent:
    """spaCy component: fills ``doc._.events``."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = extract_events(doc, self.lexicon)
        return doc


@Language.factory("rashomon_events", assigns=["doc._.events"],
                  requires=["token.dep", "token.lemma"])
def make_events(nlp: Language, name: str) -> EventsComponent:
    """Factory of the ``rashomon_events`` pipeline component."""
    return EventsComponent(default_lexicon())
