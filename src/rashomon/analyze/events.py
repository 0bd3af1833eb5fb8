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
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from rashomon.analyze.actors import is_place
from rashomon.analyze.base import context_of
from rashomon.analyze.event_args import (
    PRONOUNS,
    RECIPROCAL,
    TARGET_PREPS,
    ActorResolver,
    Args,
    arguments,
    light_head,
    pobjs,
    subject_of,
)
from rashomon.analyze.event_dates import Dater, Told, event_date, inherit_dates, narrative
from rashomon.analyze.event_lexicon import (
    TYPES,
    Entry,
    EventLexicon,
    default_lexicon,
    doc_keys,
    token_keys,
)
from rashomon.models import Event, TimeExpr

logger = logging.getLogger(__name__)

__all__ = ["TYPES", "EventLexicon", "EventsComponent", "default_lexicon", "extract_events",
           "find_triggers"]

#: Dependencies along which hypothetical/negating heads are looked for.
CLIMB_DEPS = frozenset({"xcomp", "dobj", "nsubjpass", "pobj", "pcomp", "attr", "oprd", "prep",
                        "ccomp", "acl", "conj", "acomp", "advcl", "agent"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})


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
        out.update(token_keys(c))
        if c.dep_ in ("prep", "prt", "agent"):
            for g in c.children:
                out.update(token_keys(g))
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
            if _instrument(obj, tok) and not entry.instrument and "with" not in entry.words:
                continue  # "ended with a ceasefire": no ceasefire was ended
            if obj.lemma_.lower() in entry.objects or obj.lower_ in entry.objects:
                return entry, obj
    return None


def _instrument(obj: Token, head: Token) -> bool:
    """Whether ``obj`` is the head's "with" phrase (an instrument or companion)."""
    prep = obj.head if obj.dep_ == "pobj" else obj.head.head if obj.dep_ == "compound" else None
    return prep is not None and prep.lower_ == "with" and prep.head.i == head.i


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
            words |= {w for g in c.subtree for w in token_keys(g)}
    for etype, cues in senses.items():
        hit = words & cues
        if hit:
            why = "" if etype == entry.type else f" [sense {etype}:{min(hit)}]"
            return etype, entry.reason + why
    return entry.type, entry.reason


@dataclass
class _Found:
    """Triggers of one sentence while the three passes run."""

    triggers: dict[int, Trigger] = field(default_factory=dict)
    taken: set[int] = field(default_factory=set)  # tokens already part of a trigger
    consumed: set[int] = field(default_factory=set)  # object nouns a rule absorbed
    silenced: set[int] = field(default_factory=set)  # heads a rule of type null muted


def find_triggers(sent: Span, lex: EventLexicon, keys: list[tuple[str, str]] | None = None,
                  names: set[int] | frozenset[int] = frozenset()) -> list[Trigger]:
    """Every trigger in one sentence, in text order: multiword nouns first, then
    head+object rules, then single verbs and nouns; no word of a multiword name
    (``names``: "Indian Illegally Occupied Jammu and Kashmir") is a trigger."""
    keys = keys if keys is not None else doc_keys(sent.doc)
    found = _Found(taken=set(names))
    for start, end, entry in lex.phrases.scan(keys, sent.start, sent.end):
        if start in names:
            continue
        span = sent.doc[start:end]
        found.triggers[span.root.i] = Trigger(span.root, entry.type, span.text, entry.reason,
                                              span.start_char, span.end_char)
        found.taken.update(range(start, end))
    for tok in sent:
        if tok.pos_ in ("VERB", "NOUN") and tok.i not in found.taken:
            _apply_rule(tok, lex, found)
    for tok in sent:
        if tok.i not in found.taken and tok.i not in found.silenced:
            _single(tok, lex, found)
    return [t for k, t in sorted(found.triggers.items()) if k not in found.consumed]


def _apply_rule(tok: Token, lex: EventLexicon, found: _Found) -> None:
    """Record the head+object rule firing on ``tok``, if any."""
    rule = _rule_hit(lex, tok)
    if rule is None:
        return
    entry, obj = rule
    if entry.consumes:
        found.consumed.add(obj.i)
    if entry.type is None:
        found.silenced.add(tok.i)
        return
    lo, hi = sorted((tok, obj), key=lambda t: t.i)
    text = f"{tok.text} … {obj.text}" if hi.i - lo.i > 1 else tok.doc[lo.i:hi.i + 1].text
    found.triggers[tok.i] = Trigger(tok, entry.type, text, entry.reason, tok.idx,
                                    tok.idx + len(tok.text), obj)
    found.taken.add(tok.i)


def _single(tok: Token, lex: EventLexicon, found: _Found) -> None:
    """Record a single-word verb or noun trigger (a modifier only before a frame noun:
    "mediation effort", not "attack helicopter")."""
    if tok.dep_ == "amod" or (tok.dep_ == "compound" and not lex.has("frame_nouns", tok.head)):
        return
    verb = tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass"))
    table = lex.verbs if verb else lex.nouns if tok.pos_ == "NOUN" else None
    if table is None:
        return
    entry = _pick(table.get(tok.lemma_.lower()) or table.get(tok.lower_) or (), tok)
    if entry is not None and entry.type is not None:
        etype, reason = _sense(tok, entry, lex)
        found.triggers[tok.i] = Trigger(tok, etype, tok.text, reason, tok.idx,
                                        tok.idx + len(tok.text))


# ---------------------------------------------------------------- flags
def _clause_verb(tok: Token, lex: EventLexicon) -> Token:
    """The verb whose clause an event sits in (the noun's light verb, or itself)."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    head = light_head(tok, lex)
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


def _location(trig: Trigger, clause: Span, lex: EventLexicon, avoid: set[str | None],
              res: ActorResolver) -> tuple[str, str | None] | None:
    """(text, country) of the place nearest the trigger in its own clause, named after
    "in/at/near/along..." (or as the noun's compound: "the Pahalgam attack")."""
    best: tuple[int, str, str | None] | None = None
    lo, hi = min(clause.start, trig.tok.i), max(clause.end, trig.tok.i + 1)
    for ent in res.places:
        if not lo <= ent.start < hi:
            continue
        root = _place_root(ent)
        if root.dep_ == "compound" and root.head.dep_ == "pobj" and root.head.i != trig.tok.i:
            root = root.head  # "at Baisaran meadow"
        ok = (root.dep_ == "pobj" and lex.has("location_preps", root.head)) or (
            root.dep_ == "compound" and root.head.i == trig.tok.i)
        value = res.value(root)
        country = res.place_country(value, ent.text)
        if not ok or (value is not None and value in avoid and not is_place(value)) or (
                root.dep_ == "pobj" and root.head.lower_ in TARGET_PREPS
                and res.country(ent.text) is not None):
            continue
        text = ent.text
        if root.dep_ == "pobj" and not is_place(value):
            sub = clause.doc[root.left_edge.i:root.i + 1]
            if len(sub) <= 5:
                text = sub.text[4:] if sub.text.lower().startswith("the ") else sub.text
        dist = abs(root.i - trig.tok.i)
        if best is None or dist < best[0]:
            best = (dist, text, country)
    return (best[1], best[2]) if best else None


def _place_root(span: Span) -> Token:
    """The token a place name hangs from the sentence by: the object of a preposition
    when one word of the name is (a long name may be parsed as a clause)."""
    outside = [t for t in span if not span.start <= t.head.i < span.end]
    return next((t for t in outside if t.dep_ == "pobj"), span.root)


def _source(trig: Trigger, doc: Doc, res: ActorResolver, lex: EventLexicon) -> str | None:
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
            if head.head.i == head.i:
                break
    return context_of(doc).outlet_name


def _clause_span(trig: Trigger, lex: EventLexicon) -> Span:
    """The clause (verb and its arguments, without coordinated clauses) or noun phrase."""
    tok = trig.tok
    head = tok if tok.pos_ in ("VERB", "AUX") else light_head(tok, lex)
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
    THREATEN, "must" -> REQUEST, refusal -> REJECT). Dates come from the sentence,
    else from the story (see ``event_dates``)."""
    lex = lexicon or default_lexicon()
    res = ActorResolver(doc, lex)
    keys = doc_keys(doc)
    dater = Dater(doc)
    told: list[Told] = []
    for n, sent in enumerate(doc.sents):
        stimes = dater.in_sentence(sent)
        here = _Sentence(sent, _mode_cues(sent, lex, keys), stimes, dater.offsets(stimes))
        seen: set[tuple[Any, ...]] = set()
        for trig in find_triggers(sent, lex, keys, res.in_names):
            past = narrative(_tense_verb(trig, lex), doc._.quotes, trig.start)
            for event in _build(trig, here, res, lex):
                key = (event.type, event.actor, event.target, event.negated,
                       event.hypothetical)
                if key not in seen:
                    seen.add(key)
                    told.append(Told(event, n, past))
    inherit_dates(told, res.country_of)
    return [t.event for t in told]


@dataclass
class _Sentence:
    """A sentence with what every trigger in it reads: mode cues and dated times."""

    span: Span
    cues: list[tuple[int, str, frozenset[str]]]
    times: list[TimeExpr]
    offsets: list[Any]


def _visit(verb: Token, args: Args, res: ActorResolver, lex: EventLexicon) -> str | None:
    """The country visited when a person, delegation or government goes abroad ("the
    delegation arrived in Washington"): the destination's country, else None."""
    subj = subject_of(verb)
    if subj is None or args.actor is None:
        return None
    who = res.actors.get(args.actor)
    if not (lex.has("visitors", subj) or (who is not None and who.type in ("PERSON", "GOV"))):
        return None
    dests = [c for c in verb.children if c.dep_ == "dobj"] + \
        list(pobjs(verb, frozenset({"to", "in", "into", "at"})))
    for dest in dests:
        value = res.value(dest)
        country = res.country_of(value) if value else None
        country = country or res.place_country(value, dest.text)
        if country and country != res.country_of(args.actor):
            return value if value and not is_place(value) else country
    return None


def _tense_verb(trig: Trigger, lex: EventLexicon) -> Token:
    """The verb whose tense tells when the event happened: its own clause verb, or for a
    noun the nearest verb above it ("a ceasefire took effect")."""
    tok = _clause_verb(trig.tok, lex)
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    for _ in range(3):  # "has authorised the forces to respond": the tense of "authorised"
        if tok.tag_ != "VB" or tok.dep_ not in ("xcomp", "ccomp", "advcl", "acl") \
                or tok.head.i == tok.i or any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children):
            break
        tok = tok.head
    return tok


def _build(trig: Trigger, here: _Sentence, res: ActorResolver, lex: EventLexicon) -> list[Event]:
    sent = here.span
    args = arguments(trig.tok, trig.type, trig.obj, res, lex)
    if trig.type == "CONSULT" and trig.tok.pos_ in ("VERB", "AUX") \
            and lex.has("visit_verbs", trig.tok):
        visited = _visit(trig.tok, args, res, lex)
        if visited is None:
            return []  # troops arriving somewhere, a minister touring at home: no visit
        args.target = visited
    actor, target = args.actor, args.target
    flags = _flags(trig, lex)
    span = _clause_span(trig, lex)
    place = _location(trig, span, lex, {actor, target}, res)
    location, where = place if place else (None, None)
    why = [f"neg:{c}" for c in flags.neg_cues] + [f"hyp:{c}" for c in flags.hyp_cues]
    if actor is not None and is_place(actor):  # "Delhi accused ...": the country acts
        actor = res.place_country(actor)
    if target is not None and is_place(target):  # "struck Muzaffarabad": Pakistan is hit
        place_actor = res.actors.get(target)
        location = location or (place_actor.name if place_actor else None)
        target, where = res.place_country(target), where or res.place_country(target)
        why.append("target:place-country")
    if trig.type.lower() in lex.sets.get("territorial", ()) and where \
            and where != (res.country_of(actor) if actor else None) and (
            target is None or (not res.is_actor_ref(target)
                               and target.lower() in lex.sets.get("victim_nouns", ()))):
        target = where  # "killed 26 tourists in Pahalgam": an attack on India
        why.append("target:territory")
    if target is None and actor is not None and \
            trig.type.lower() in lex.sets.get("adversarial", ()):
        target, rule = res.other_party(actor, sent, trig.tok, span)
        why += [rule] if target else []
    mutual = args.mutual
    if actor is None and target is None and trig.type in RECIPROCAL \
            and lex.has("bilateral_nouns", trig.tok) and res.salient_pair() is not None:
        (actor, target), mutual = res.salient_pair(), True  # type: ignore[misc]
        why.append("actors:salient-pair")
    when, rule = event_date(trig.tok, trig.start, trig.end, here.times, here.offsets)
    why += [rule] if rule == "date:offset" else []
    event = Event(
        type=trig.type, mode=_mode(trig, here.cues, span), actor=actor, target=target,
        date=when, location=location, negated=flags.negated,
        hypothetical=flags.hypothetical, source=_source(trig, sent.doc, res, lex),
        text=span.text, start=span.start_char, end=span.end_char, trigger=trig.text,
        sentence=sent.text, reason=trig.reason + (f" [{' '.join(why)}]" if why else ""))
    found = [event]
    if mutual and actor is not None and target is not None:
        found.append(replace(event, actor=target, target=actor,
                             reason=event.reason + " [mutual]"))
    elif target is not None:  # "Pakistani and Indian delegations visited Washington"
        found += [replace(event, actor=other, reason=event.reason + " [coordinated]")
                  for other in args.others if res.country_of(other) != res.country_of(target)]
    derived = _derived(trig.type, flags, lex)
    if derived is None or derived == trig.type:
        return found
    return found + [replace(e, type=derived, negated=False, hypothetical=False,
                            reason=f"events.derived.{derived}:{trig.type} <- {e.reason}")
                    for e in found]


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
