"""Actors and targets of events, read off the dependency parse.

``ActorResolver`` maps a token to an actor value: the actor id when the actor
component marked the token, else a country code (names, demonyms, capitals and
"Pakistan Army"-style prefixes), else the entity text or a neutral group label.
``arguments`` finds the subject / passive agent / possessor (actor) and the object
/ "on, against, with X" phrase (target) of a verb or event noun.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from rashomon.analyze.actors import is_place, lookup_alias
from rashomon.analyze.base import context_of
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
#: Prepositions of an adjunct whose meeting noun takes the clause subject as actor.
ADJUNCT_PREPS = frozenset({"after", "before", "at", "during", "following", "in", "ahead"})
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
        self.doc = doc
        ents = doc.ents
        self.ents = {t.i: ent for ent in ents for t in ent}
        self.ids: dict[int, str] = {}
        self.in_names: set[int] = set()  # tokens inside multiword actor names
        place_spans: list[Span] = []
        for start, end, actor_id in doc._.actor_spans or ():
            span = doc.char_span(start, end, alignment_mode="expand")
            for t in span or ():
                self.ids.setdefault(t.i, actor_id)
            if span is not None and len(span) > 1:
                self.in_names.update(t.i for t in span)
            if span is not None and is_place(actor_id):
                place_spans.append(span)
        taken = {t.i for sp in place_spans for t in sp}
        self.places = place_spans + [ent for ent in ents if ent.label_ in PLACE_ENTS
                                     and not any(t.i in taken for t in ent)]
        self.id_set = set(self.ids.values())
        self.actors = {a.id: a for a in doc._.actors or ()}
        self.id_country = {a.id: a.country for a in self.actors.values() if a.country}
        self.codes = frozenset(lex.countries.values())
        self.home = _home(doc, self.codes)
        self.sent_start = [0] * len(doc)
        for sent in doc.sents:  # one pass: Token.sent scans the doc on every call
            self.sent_start[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
        self._pair: tuple[str, str] | None | bool = False
        self._affiliation: dict[str, str | None] = {}
        self._busy: set[int] = set()
        self._described: dict[str, list[tuple[int, str]]] | None = None
        self.heads: dict[str, list[tuple[int, str]]] = {}  # last word of a name -> mentions
        for a in self.actors.values():
            if a.type not in ("PERSON", "GPE", "NORP") and not is_place(a.id) and " " in a.name:
                word = a.name.rsplit(" ", 1)[-1].lower()
                self.heads.setdefault(word, []).extend((s, a.id) for s, _ in a.mentions)

    def country(self, text: str) -> str | None:
        """Country code for a name, demonym or capital ("the Indian" -> IN)."""
        t = text.strip().lower()
        t = t.removeprefix("the ")
        t = t[:-2] if t.endswith(("'s", "\u2019s")) else t
        if t in self.lex.countries:
            return self.lex.countries[t]
        words = t.replace("-", " ").split()
        for n in (3, 2, 1):  # "Pakistan Army", "Indian Air Force": prefix country
            if len(words) > n and " ".join(words[:n]) in self.lex.countries:
                return self.lex.countries[" ".join(words[:n])]
        return None

    def place_country(self, value: str | None, text: str | None = None) -> str | None:
        """Country of a place, given as an actor value or as its text ("Poonch" -> IN,
        "Pakistan-administered Kashmir" -> PK, "Lahore" -> PK)."""
        if value is not None and is_place(value):
            return self.id_country.get(value)
        if not text:
            return None
        entry = lookup_alias(text)
        if entry is not None and is_place(entry["id"]):
            return str(entry["country"])
        return self.country(text)

    def _entity(self, tok: Token) -> str | None:
        ent = self.ents.get(tok.i)
        if ent is None or ent.label_ not in ACTOR_ENTS:
            return None
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        return self.country(text) or text

    def _direct(self, tok: Token) -> str | None:
        if tok.i in self.ids:
            return self._affiliated(self.ids[tok.i])
        return self._entity(tok)

    def _affiliated(self, actor_id: str) -> str:
        """A person with no country who holds an organisation's office ("UN Secretary-
        General X") acts for that organisation; anyone else stands for themselves."""
        actor = self.actors.get(actor_id)
        if actor is None or actor.type != "PERSON" or actor.country or not actor.title:
            return actor_id
        if actor_id not in self._affiliation:
            self._affiliation[actor_id] = next(
                (e["id"] for w in actor.title.replace(";", " ").split()
                 if (e := lookup_alias(w)) is not None and e["type"] == "ORG"), None)
        return self._affiliation[actor_id] or actor_id

    def country_of(self, value: str) -> str | None:
        """Country code behind an actor value (the code itself, or the actor's country)."""
        return value if value in self.codes else self.id_country.get(value)

    def salient_pair(self) -> tuple[str, str] | None:
        """The two countries the article names most (by mentions of countries, their
        governments, forces and people): who "the two sides" are."""
        if self._pair is False:
            counts: dict[str, int] = {}
            for a in self.actors.values():
                if a.country and a.country in self.codes and not is_place(a.id):
                    counts[a.country] = counts.get(a.country, 0) + len(a.mentions)
            if not counts:
                for ent in self.ents.values():
                    code = self.country(ent.text) if ent.label_ in ("GPE", "NORP") else None
                    if code:
                        counts[code] = counts.get(code, 0) + 1
            top = sorted(counts.items(), key=lambda kv: -kv[1])
            self._pair = (top[0][0], top[1][0]) if len(top) > 1 else None
        return self._pair if isinstance(self._pair, tuple) else None

    def pair(self, tok: Token | None) -> tuple[str, str] | None:
        """The two parties a phrase like "the two sides", "both countries" or "the
        neighbours" stands for, or None."""
        if tok is None or not self.lex.has("pair_nouns", tok) or tok.tag_ not in ("NNS", "NNPS"):
            return None
        words = {c.lower_ for c in tok.children if c.dep_ in ("nummod", "det", "predet", "amod")}
        if not words & {"two", "both"} and not self.lex.has("paired_by_itself", tok):
            return None
        return self.salient_pair()

    def pair_of(self, tok: Token | None) -> tuple[str, str] | None:
        """The pair a noun phrase stands for, itself or through its possessor ("the two
        countries' chiefs")."""
        if tok is None:
            return None
        return self.pair(tok) or next((p for c in tok.children if c.dep_ == "poss"
                                       and (p := self.pair(c)) is not None), None)

    def other_party(self, actor: str, sent: Span, near: Token,
                    clause: Span | None = None) -> tuple[str | None, str]:
        """(value, rule) of the other side of an adversarial event with no explicit
        target: a mention of another country in the event's clause, else the other of the
        article's two main countries, else the mention nearest ``near`` in the sentence or
        the one before it in the same paragraph."""
        own = self.country_of(actor)
        if own is None:
            return None, ""
        found = self._other_in(clause, own, near) if clause is not None else None
        if found is not None:
            return found, "target:other-party"
        pair = self.salient_pair()
        if pair is not None and own in pair:
            return (pair[1] if own == pair[0] else pair[0]), "target:other-of-pair"
        found = self._other_in(sent, own, near)
        if found is None and sent.start > 0:
            prev = self.doc[self.sent_start[sent.start - 1]:sent.start]
            if "\n" not in prev.text_with_ws:  # same paragraph
                found = self._other_in(prev, own, near)
        return found, "target:other-party" if found else ""

    def _other_in(self, span: Span, own: str, near: Token) -> str | None:
        best: tuple[int, str] | None = None
        for tok in span:
            value = self.ids.get(tok.i) or self._entity(tok)
            if value is None or is_place(value) or self._non_state(value):
                continue
            country = self.country_of(value)
            if country and country != own and (best is None or abs(tok.i - near.i) < best[0]):
                best = (abs(tok.i - near.i), value)
        return best[1] if best else None

    def _non_state(self, value: str) -> bool:
        """Armed groups, parties and media are no 'other side' of a state's act."""
        actor = self.actors.get(value)
        return actor is not None and actor.sector in ("REB", "PTY", "MED")

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
        pair = self.pair(tok)
        if pair is not None:
            return pair[0]
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                v = self._antecedent(c) if c.lower_ in PRONOUNS else self._direct(c)
                if v is not None and (c.i in self.ids or v in self.codes or
                                      c.lower_ in PRONOUNS):
                    return v
                pair = self.pair(c)
                if pair is not None:  # "the two countries' chiefs"
                    return pair[0]
            if c.dep_ == "prep" and c.lower_ == "of":
                v = next((self.value(g) for g in c.children if g.dep_ == "pobj"), None)
                if v is not None and (v in self.codes or self.country_of(v)):
                    return v
            if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head"):
                v = next((self.value(g) for a in c.children if a.dep_ == "agent"
                          for g in a.children if g.dep_ == "pobj"), None)
                if v is not None and self.country_of(v):
                    return v  # "a delegation led by Bilawal"
        if own is not None:
            return own
        named = self._named_before(tok) or self._described_before(tok)
        if named is not None:
            return named
        if tok.lower_ in ("country", "nation") and _bare(tok) and tok.i > 0 \
                and any(c.lower_ == "the" for c in tok.children):
            return self._antecedent(tok)  # "the country reserved the right ..."
        if self.home and self.lex.has("home_institutions", tok) and _bare(tok):
            return self.home  # "the armed forces" in a national outlet: its own
        if tok.pos_ in ("NOUN", "PROPN") and self.lex.has("actor_nouns", tok):
            return self.lex.group_labels.get(tok.lemma_.lower(), tok.text)
        return None

    def _named_before(self, tok: Token) -> str | None:
        """'the committee' after 'the National Security Committee': a definite bare noun
        that is the last word of an organisation named earlier stands for it."""
        found = self.heads.get(tok.lower_) or self.heads.get(tok.lemma_.lower())
        if not found or not _bare(tok) or not any(c.lower_ in ("the", "this") for c in tok.children):
            return None
        before = [(s, aid) for s, aid in found if s < tok.idx]
        return max(before)[1] if before else None

    def _described_before(self, tok: Token) -> str | None:
        """'the delegation' after 'a delegation led by X' or 'Indian officials' after a
        mention that said whose they are: a definite bare noun takes the actor of the latest
        earlier noun of the same lemma that named one."""
        if not _bare(tok) or not any(c.lower_ in ("the", "this", "these") for c in tok.children):
            return None
        if self._described is None:
            self._described = {}
            for t in self.doc:
                if t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.sets.get("actor_nouns", ()):
                    v = self.value(t)
                    if v is not None and self.is_actor_ref(v) and not is_place(v):
                        self._described.setdefault(t.lemma_.lower(), []).append((t.i, v))
        before = [x for x in self._described.get(tok.lemma_.lower(), ()) if x[0] < tok.i]
        return before[-1][1] if before else None

    def values(self, tok: Token | None) -> list[str]:
        """Every actor a coordinated phrase names ("Pakistani and Indian lawmakers",
        "India and Pakistan"), in order, without repeats."""
        if tok is None:
            return []
        toks = [tok, *tok.conjuncts]
        for c in tok.children:
            if c.dep_ == "amod" and c.conjuncts:
                toks += [c, *c.conjuncts]
            if c.dep_ == "prep" and c.lower_ == "of":
                toks += [g2 for g in c.children if g.dep_ == "pobj" for g2 in (g, *g.conjuncts)]
                toks += [m for g in c.children if g.dep_ == "pobj" for a in g.children
                         if a.dep_ == "amod" and a.conjuncts for m in (a, *a.conjuncts)]
        out: list[str] = []
        for t in toks:
            v = self.value(t) if t.dep_ != "amod" else self._direct(t)
            if v is not None and self.is_actor_ref(v) and v not in out:
                out.append(v)
        return out

    def _antecedent(self, tok: Token) -> str | None:
        """'Pakistan said it would...': the subject of its own clause for a possessive
        ("Pakistan would use its right"), the subject of the reporting verb above, else the
        nearest country-like mention before the pronoun in the sentence, else the subject
        of the sentence before."""
        if tok.i in self._busy:  # a pronoun inside its own antecedent
            return None
        self._busy.add(tok.i)
        try:
            return self._find_antecedent(tok)
        finally:
            self._busy.discard(tok.i)

    def _find_antecedent(self, tok: Token) -> str | None:
        if tok.dep_ == "poss":
            subj = _clause_subject(tok)
            if subj is not None and subj.lower_ not in PRONOUNS and subj.i < tok.i:
                v = self.value(subj)
                if v is not None and self.is_actor_ref(v):
                    return v
        head = tok.head
        for _ in range(4):
            if self.lex.has("reporting_verbs", head):
                subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.lower_ not in PRONOUNS:
                    v = self.value(subj)
                    if v is not None:
                        return v
            if head.head.i == head.i:
                break
            head = head.head
        first = self.sent_start[tok.i]
        for t in reversed(self.doc[first:tok.i]):
            v = self._direct(t)
            if v is not None and (v in self.codes or (v in self.id_set and not is_place(v))):
                return v
        if first > 0:
            prev = self.doc[self.sent_start[first - 1]:first]
            subj = next((t for t in prev if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
            if subj is not None and subj.lower_ not in PRONOUNS:
                v = self.value(subj)
                return v if v is not None and self.is_actor_ref(v) else None
        return None


def _home(doc: Doc, codes: frozenset[str]) -> str | None:
    """A national outlet's own country when the story is about it (one of the two
    countries, places included, the article names most, or none named)."""
    home = context_of(doc).outlet_country
    if home not in codes:
        return None
    counts: dict[str, int] = {}
    for a in doc._.actors or ():
        if a.country:
            counts[a.country] = counts.get(a.country, 0) + len(a.mentions)
    top = sorted(counts, key=lambda c: -counts[c])[:2]
    return home if not top or home in top else None


def _bare(tok: Token) -> bool:
    """A noun with nothing before it but a determiner or adjectives ("the armed forces")."""
    return all(c.dep_ in ("det", "amod") and not c.ent_type_ for c in tok.children if c.i < tok.i)


def _clause_subject(tok: Token) -> Token | None:
    """The subject of the clause a token sits in."""
    head = tok
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX"):
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The doer of a verb: its subject, its passive agent, or the controller above it."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if is_passive(verb) or depth > 3 or verb.head.i == verb.i:
        return None
    if verb.dep_ == "xcomp":
        obj = next((c for c in verb.head.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None and verb.head.lemma_.lower() in OBJECT_CONTROL:
            return obj
        return subject_of(verb.head, depth + 1)
    if verb.dep_ in ("conj", "advcl", "acomp"):
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        noun = verb.head  # "India's decision to freeze", "used its right to hold"
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        if noun.dep_ == "dobj":
            return subject_of(noun.head, depth + 1)
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


@dataclass
class Args:
    """An event's actor and target, and whether the two act on each other ("the two
    sides exchanged fire": each is actor and target)."""

    actor: str | None
    target: str | None
    mutual: bool = False
    others: list[str] = field(default_factory=list)  # more actors coordinated with the first


def arguments(tok: Token, etype: str, obj: Token | None, res: ActorResolver,
              lex: EventLexicon) -> Args:
    """Actor and target of a trigger token of type ``etype``; ``obj`` is the object a
    head+object rule matched (a target only when it names a country or actor)."""
    if tok.pos_ in ("VERB", "AUX"):
        return _verb_arguments(tok, res, obj)
    actor = target = None
    source: Token | None = None  # the token the actor was read from
    labels = frozenset(lex.group_labels.values())
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and actor is None:
            v = res.value(c)
            if v is None or is_place(v) or _countered(c):
                continue  # "the Pahalgam attack": a place is where, not who
            if v in res.codes or c.i in res.ids or c.ent_type_ in ("NORP", "ORG", "PERSON") \
                    or c.lower_ in PRONOUNS or v in labels:
                actor, source = v, c
    if actor is None:
        source = next(pobjs(tok, frozenset({"by", "from"})), None)
        actor = res.value(source)
    for p in pobjs(tok, NOUN_TARGET_PREPS):
        target = target or res.value(p)
    between = list(pobjs(tok, frozenset({"between"})))
    if between and actor is None:
        actor, source = res.value(between[0]), between[0]
        target = target or next((res.value(x) for x in between[0].conjuncts), None)
    head = light_head(tok, lex)
    if head is not None:
        if actor is None:
            source = subject_of(head)
            actor = res.value(source)
        for p in pobjs(head, TARGET_PREPS):
            target = target or res.value(p)
    elif actor is None and etype in RECIPROCAL:
        source = _adjunct_subject(tok)
        actor = res.value(source)
    if target is None and actor is not None and etype in RECIPROCAL:
        target = _conj_partner(tok, head, res)
    return _finish(actor, target, source, res)


def _countered(mod: Token) -> bool:
    """'anti-terror', 'counter-insurgency': the modifier names who is fought, not the doer."""
    doc, i = mod.doc, mod.i
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "counter")


def _finish(actor: str | None, target: str | None, source: Token | None,
            res: ActorResolver) -> Args:
    """Args with the pair rule applied: an actor read from "the two sides" makes the
    event mutual between the article's two parties."""
    pair = res.pair_of(source)
    if pair is not None and actor == pair[0] and target in (None, pair[1]):
        return Args(pair[0], pair[1], True)
    others = [v for v in res.values(source) if v not in (actor, target)] if actor else []
    return Args(actor, target if target != actor else None, others=others)


def _adjunct_subject(noun: Token) -> Token | None:
    """For a meeting noun in an adjunct ("came to Washington after meetings at the UN",
    "at a news conference, X said"): the subject of the verb it hangs from."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ADJUNCT_PREPS:
        return None
    verb = prep.head
    return subject_of(verb) if verb.pos_ == "VERB" and not is_passive(verb) else None


def _conj_partner(tok: Token, head: Token | None, res: ActorResolver) -> str | None:
    subj = subject_of(head) if head is not None else subject_of(tok) if tok.pos_ in ("VERB", "AUX") else None
    return next((res.value(c) for c in subj.conjuncts), None) if subj is not None else None


def _verb_arguments(verb: Token, res: ActorResolver, skip: Token | None = None) -> Args:
    source = subject_of(verb)
    actor = res.value(source)
    target = _object_actor(verb, res, skip)
    if target is None:
        target = next((_object_actor(c, res, skip) for c in verb.children
                       if c.dep_ == "xcomp"), None)
    if target is None and is_passive(verb):
        target = res.value(next((c for c in verb.children if c.dep_ == "nsubjpass"), None))
    if target is None and actor is not None and source is not None:
        target = next((res.value(c) for c in source.conjuncts), None)
    between = list(pobjs(verb, frozenset({"between"})))
    if between and actor is None:
        actor, source = res.value(between[0]), between[0]
        target = target or next((res.value(x) for x in between[0].conjuncts), None)
    return _finish(actor, target, source, res)


def _object_actor(verb: Token, res: ActorResolver, skip: Token | None) -> str | None:
    """The first object or "on/against/with X" phrase of a verb that names an actor
    (looking into the prepositions of an object noun too: "imposed sanctions on X")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "dative"):
            v = res.value(c)
            if v is not None and (skip is None or c.i != skip.i or res.country_of(v)):
                return v
    for p in pobjs(verb, TARGET_PREPS):
        v = res.value(p)
        if v is not None and (skip is None or skip.head.i != p.i or res.country_of(v)):
            return v  # not "responded with Operation X": the operation is no target
    for c in verb.children:
        if c.dep_ == "dobj":
            v = next((res.value(p) for p in pobjs(c, TARGET_PREPS)), None)
            if v is not None:
                return v
    for p in [c for c in verb.children if c.dep_ == "dobj"] + list(pobjs(verb, TARGET_PREPS)):
        v = next((res.value(a) for a in pobjs(p, frozenset({"by"}))), None)
        if v is not None:  # "deal with any misadventure by X": X is who is answered
            return v
    return None
