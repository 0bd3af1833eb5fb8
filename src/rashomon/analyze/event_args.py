"""Actors and targets of events, read off the dependency parse.

``ActorResolver`` maps a token to an actor value: the actor id when the actor
component marked the token, else a country code (names, demonyms, capitals and
"Pakistan Army"-style prefixes), else the entity text or a neutral group label.
``arguments`` finds the subject / passive agent / possessor (actor) and the object
/ "on, against, with X" phrase (target) of a verb or event noun.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from rashomon.analyze.event_lexicon import EventLexicon

#: Types whose participants act together: "X and Y agreed" gives actor X, target Y.
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: Prepositions that introduce a target.
TARGET_PREPS = frozenset({"on", "against", "at", "into", "upon", "toward", "towards", "with",
                          "to", "targeting"})
NOUN_TARGET_PREPS = TARGET_PREPS | {"of"}
ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
#: Heads whose object does what the infinitive says ("urged India to talk").
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "press", "order", "encourage", "invite",
                            "tell", "want", "persuade", "force", "allow", "permit", "request",
                            "instruct", "direct", "push", "appeal", "compel", "help", "enable",
                            "warn", "advise", "expect", "implore", "beg", "challenge", "dare"})


class ActorResolver:
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


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The doer of a verb: its subject, its passive agent, or the controller above it."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if is_passive(verb) or depth > 3 or verb.head is verb:
        return None
    if verb.dep_ == "xcomp":
        obj = next((c for c in verb.head.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None and verb.head.lemma_.lower() in OBJECT_CONTROL:
            return obj
        return subject_of(verb.head, depth + 1)
    if verb.dep_ in ("conj", "advcl"):
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    return None


def is_passive(verb: Token) -> bool:
    """True if the verb has a passive subject or auxiliary."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def pobjs(tok: Token, preps: frozenset[str]) -> Iterator[Token]:
    """Objects of the token's prepositions named in ``preps``."""
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            yield from (g for g in c.children if g.dep_ == "pobj")


def light_head(noun: Token, lex: EventLexicon) -> Token | None:
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


def arguments(tok: Token, etype: str, obj: Token | None, res: ActorResolver,
              lex: EventLexicon) -> tuple[str | None, str | None]:
    """(actor, target) of a trigger token of type ``etype``; ``obj`` is the object a
    head+object rule matched (a target only when it names a country or actor)."""
    if tok.pos_ == "VERB":
        return _verb_arguments(tok, res, obj)
    actor = target = None
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and actor is None:
            v = res.value(c)
            actor = v if v is not None and (v in res.codes or c.i in res.ids
                                            or c.ent_type_ in ("NORP", "ORG", "PERSON")) else None
    actor = actor or next((res.value(p) for p in pobjs(tok, frozenset({"by", "from"}))), None)
    for p in pobjs(tok, NOUN_TARGET_PREPS):
        target = target or res.value(p)
    between = list(pobjs(tok, frozenset({"between"})))
    if between and actor is None:
        actor = res.value(between[0])
        target = target or next((res.value(x) for x in between[0].conjuncts), None)
    head = light_head(tok, lex)
    if head is not None:
        if actor is None:
            actor = res.value(subject_of(head))
        for p in pobjs(head, TARGET_PREPS):
            target = target or res.value(p)
    if target is None and actor is not None and etype in RECIPROCAL:
        target = _conj_partner(tok, head, res)
    return actor, target if target != actor else None


def _conj_partner(tok: Token, head: Token | None, res: ActorResolver) -> str | None:
    subj = subject_of(head) if head is not None else subject_of(tok) if tok.pos_ == "VERB" else None
    return next((res.value(c) for c in subj.conjuncts), None) if subj is not None else None


def _verb_arguments(verb: Token, res: ActorResolver,
                    skip: Token | None = None) -> tuple[str | None, str | None]:
    actor = res.value(subject_of(verb))
    target = _object_actor(verb, res, skip)
    if target is None:
        target = next((_object_actor(c, res, skip) for c in verb.children
                       if c.dep_ == "xcomp"), None)
    if target is None and is_passive(verb):
        target = res.value(next((c for c in verb.children if c.dep_ == "nsubjpass"), None))
    if target is None and actor is not None:
        subj = subject_of(verb)
        target = next((res.value(c) for c in subj.conjuncts), None) if subj is not None else None
    between = list(pobjs(verb, frozenset({"between"})))
    if between and actor is None:
        actor = res.value(between[0])
        target = target or next((res.value(x) for x in between[0].conjuncts), None)
    return actor, target if target != actor else None


def _object_actor(verb: Token, res: ActorResolver, skip: Token | None) -> str | None:
    """The first object or "on/against/with X" phrase of a verb that names an actor
    (looking into the prepositions of an object noun too: "imposed sanctions on X")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "dative"):
            v = res.value(c)
            if v is not None and (skip is None or c.i != skip.i or res.is_actor_ref(v)):
                return v
    for p in pobjs(verb, TARGET_PREPS):
        v = res.value(p)
        if v is not None:
            return v
    for c in verb.children:
        if c.dep_ == "dobj":
            v = next((res.value(p) for p in pobjs(c, TARGET_PREPS)), None)
            if v is not None:
                return v
    return None
