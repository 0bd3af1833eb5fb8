"""Speakers: from a reporting verb to who said it.

The verb's subject (inherited through participles, conjuncts and relative
clauses, kept within the verb's paragraph) is resolved through the actors
component: a named actor gives its full name or institution, a country its
government, a pronoun the salient person or last speaker, a title ("the
spokesman") its named holder; anything else keeps its noun phrase.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from rashomon.analyze import actors as actors_mod
from rashomon.analyze.base import context_of
from rashomon.analyze.reporting import cue_of, lexicon
from rashomon.models import Actor

logger = logging.getLogger(__name__)

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
INHERIT_DEPS = ("advcl", "xcomp", "conj", "pcomp")
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
GROUP_PRONOUNS = ("they", "we", "it", "i", "you", "who", "which", "that")
GOV_HEADS = frozenset({"official", "officials", "authority", "authorities", "government",
                       "minister", "ministry", "diplomat", "diplomats", "spokesman",
                       "spokesperson", "source", "sources", "administration", "centre"})
MIL_HEADS = frozenset({"army", "military", "troops", "forces", "soldiers", "officer",
                       "officers", "commander", "commanders"})


def char_tokens(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering [start, end), or None for an empty range."""
    return doc.char_span(start, end, alignment_mode="expand") if end > start else None


@dataclass
class Speaker:
    """Who a cue's subject refers to."""

    name: str | None
    actor: str | None
    start: int | None
    end: int | None
    how: str = ""


@dataclass
class Context:
    """Per-document state the rules share."""

    doc: Doc
    text: str  # doc.text, kept: Doc.text re-joins every token on each access
    paras: list[tuple[int, int]]
    quoted: list[tuple[int, int]] = field(default_factory=list)  # direct content spans
    unattributed: list[tuple[int, int]] = field(default_factory=list)  # other quoted spans
    last_speaker: Speaker | None = None
    groups: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # head noun ->
    # (offset, actor) of each mention that named whose it is ("Indian officials")

    def named_group(self, head: str, before: int) -> str | None:
        """The actor of the latest mention of ``head`` before ``before`` that named it."""
        found = [x for x in self.groups.get(head, ()) if x[0] < before]
        return max(found)[1] if found else None
    spoken: list[tuple[int, str | None]] = field(default_factory=list)  # speaker offset, actor
    heard: list[Speaker] = field(default_factory=list)  # every resolved speaker, in call order
    sent_start: list[int] = field(default_factory=list)  # token index -> its sentence start
    sent_end: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        n = len(self.doc)
        self.sent_start, self.sent_end = [0] * n, [n] * n
        for sent in self.doc.sents:  # one pass: Token.sent is O(n) per call
            self.sent_start[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
            self.sent_end[sent.start:sent.end] = [sent.end] * (sent.end - sent.start)

    def sentence(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        return self.doc[self.sent_start[i]:self.sent_end[i]]


def _main_clause_cue(verb: Token) -> Token | None:
    """For ', reiterating …' (a participle after a comma), the sentence's main verb
    when it is a reporting cue: its subject is the participle's speaker."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.dep_ not in INHERIT_DEPS or verb.left_edge.i == 0 \
            or doc[verb.left_edge.i - 1].text != ",":
        return None
    root = verb
    while root.dep_ != "ROOT" and root.head.i != root.i:
        root = root.head
    return root if root is not verb and cue_of(root) is not None else None


def _preceding_subject(verb: Token) -> Token | None:
    """For a participle the parse left without a subject: the nearest subject before it
    in the same sentence."""
    doc = verb.doc
    i, quoted = verb.i - 1, False
    while i >= 0 and not doc[i + 1].is_sent_start:
        tok = doc[i]
        if _is_mark(tok):
            quoted = not quoted  # skip subjects inside a quotation
        elif not quoted and tok.dep_ in ("nsubj", "nsubjpass") \
                and tok.pos_ in ("PROPN", "NOUN", "PRON"):
            return tok
        i -= 1
    return None


def local_subject(ctx: Context, verb: Token) -> Token | None:
    """``subject_of`` limited to the verb's own paragraph (the parse may run over a line
    break); otherwise the nearest subject before the verb on its line."""
    subj = subject_of(verb)
    if subj is None or "\n" not in ctx.text[min(subj.idx, verb.idx):max(subj.idx, verb.idx)]:
        return subj
    i = verb.i - 1
    while i >= 0 and "\n" not in ctx.doc[i].text_with_ws and not _inside_marks(ctx.doc[i]):
        if ctx.doc[i].dep_ in ("nsubj", "nsubjpass") or ctx.doc[i].pos_ == "PROPN":
            tok = ctx.doc[i]
            while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
                tok = tok.head
            return tok
        i -= 1
    return None


def _is_mark(tok: Token) -> bool:
    return tok.is_quote or tok.text in ("''", "``")


def _inside_marks(tok: Token) -> bool:
    """Whether the token sits between quote marks of its sentence (odd count before it)."""
    doc, i, n = tok.doc, tok.i, 0
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
        n += _is_mark(doc[i])
    return n % 2 == 1


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, inherited through participles, conjuncts and relative clauses;
    a subject inside a quotation is not the speaker of a cue outside it."""
    found = _subject_chain(verb)
    if found is not None and found.i < verb.i and _inside_marks(found) \
            and not _inside_marks(verb):
        found = None
    if found is None and verb.tag_ == "VBG":
        found = _preceding_subject(verb)
    return found


def _subject_chain(verb: Token) -> Token | None:
    tok: Token | None = _main_clause_cue(verb) or verb
    for _ in range(4):
        if tok is None:
            return None
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                    return tok.head
                return child
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        tok = tok.head if tok.dep_ in INHERIT_DEPS and tok.head.i != tok.i else None
    return None


def in_quotes(ctx: Context, pos: int) -> bool:
    return any(s <= pos < e for s, e in ctx.quoted)


def _is_subject(ctx: Context, start: int, end: int) -> bool:
    """Whether the mention at [start, end) is (the name inside) a clause subject."""
    span = char_tokens(ctx.doc, start, end)
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in ("compound", "appos", "flat", "poss") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def _salient_person(ctx: Context, tok: Token, want: str) -> Actor | None:
    """The person a he/she refers to: the latest person who spoke or was a clause
    subject in this sentence or the two before, else the person mentioned last."""
    spans = ctx.doc._.actor_spans or []
    by_id = {a.id: a for a in ctx.doc._.actors or []}
    first_sent = ctx.sent_start[tok.i]
    for _ in range(2):
        if first_sent > 0:
            first_sent = ctx.sent_start[first_sent - 1]
    horizon = ctx.doc[first_sent].idx
    spoke = [(pos, by_id.get(aid or "")) for pos, aid in ctx.spoken if horizon <= pos < tok.idx]
    latest: Actor | None = None
    for s, e, aid in reversed(spans[:bisect.bisect_left(spans, (tok.idx, 0, ""))]):
        a = by_id.get(aid)
        if a is None or a.type != "PERSON" or in_quotes(ctx, s) or not _gender_ok(a, want):
            continue
        latest = latest or a
        if s < horizon:
            break
        if _is_subject(ctx, s, e):
            spoke.append((s, a))
    found = [(pos, a) for pos, a in spoke
             if a is not None and a.type == "PERSON" and _gender_ok(a, want)]
    return max(found, key=lambda x: x[0])[1] if found else latest


def _resolve_pronoun(ctx: Context, tok: Token) -> Speaker:
    """A pronoun subject: he/she -> the salient named person before it; they/it/we ->
    the previous speaker, else the latest organisation."""
    low = tok.lower_
    here = (tok.idx, tok.idx + len(tok))
    want = PERSON_PRONOUNS.get(low)
    if want:
        person = _salient_person(ctx, tok, want)
        if person is not None:
            return Speaker(person.name, person.id, *here, f"pronoun:{low}")
        unnamed = _heard_person(ctx, tok)  # "a senior officer said ... He added that ..."
        if unnamed is not None:
            return Speaker(unnamed.name, unnamed.actor, *here, f"pronoun:{low}+speaker")
    elif low in ("they", "we") and (group := _previous_group(ctx, tok)) is not None:
        spk = _speaker_of(ctx, group)  # "Indian officials have not ... They said ..."
        return Speaker(spk.name, spk.actor, *here, f"pronoun:{low}+group")
    elif ctx.last_speaker is not None:
        last = ctx.last_speaker
        return Speaker(last.name, last.actor, *here, f"pronoun:{low}")
    elif low in ("it", "they"):
        org = _latest_org(ctx, tok.idx)
        if org is not None:
            return Speaker(org.name, org.id, *here, f"pronoun:{low}")
    return Speaker(None, None, *here, "pronoun-unresolved")  # never show "He" as a name


def _heard_person(ctx: Context, tok: Token) -> Speaker | None:
    """The latest speaker in this sentence or the two before that is one unnamed person
    ("a senior officer of the administration"): what a he/she with no named person
    before it refers to."""
    first = ctx.sent_start[tok.i]
    for _ in range(2):
        if first > 0:
            first = ctx.sent_start[first - 1]
    horizon = ctx.doc[first].idx
    for spk in reversed(ctx.heard):
        if spk.start is None or spk.end is None or not horizon <= spk.start < tok.idx:
            continue
        span = char_tokens(ctx.doc, spk.start, spk.end)
        if span is not None and _one_person(span.root):
            return spk
    return None


def _one_person(head: Token) -> bool:
    """A singular noun for a human ("officer", "spokesman"), not a body or a group."""
    lemma = head.lemma_.lower()
    return head.tag_ == "NN" and lemma not in ("government", "ministry", "administration",
                                               "army", "military", "authority", "centre") and (
        lemma in actors_mod.dictionary().role_nouns or lemma in GOV_HEADS or lemma in MIL_HEADS)


def _previous_group(ctx: Context, tok: Token) -> Token | None:
    """The plural group subject of the sentence before a sentence-initial 'they': officials,
    authorities or a named institution, not any plural noun."""
    first = ctx.sent_start[tok.i]
    if first == 0 or tok.i - first > 1:
        return None
    prev = ctx.sentence(first - 1)
    subj = next((t for t in prev if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
    if subj is None or subj.tag_ not in ("NNS", "NNPS") or in_quotes(ctx, subj.idx):
        return None
    lemma = subj.lemma_.lower()
    return subj if lemma in GOV_HEADS or lemma in MIL_HEADS or \
        lemma in actors_mod.dictionary().role_nouns else None


def _latest_org(ctx: Context, before: int) -> Actor | None:
    spans = ctx.doc._.actor_spans or []
    by_id = {a.id: a for a in ctx.doc._.actors or []}
    for s, _e, aid in reversed(spans[:bisect.bisect_left(spans, (before, 0, ""))]):
        a = by_id.get(aid)
        if a is not None and a.type not in ("PERSON", "NORP") and not in_quotes(ctx, s):
            return a
    return None


def _gender_ok(actor: Actor, want: str) -> bool:
    title = (actor.title or "").lower()
    if want == "f":
        return not re.search(r"\bmr\b", title)
    return not re.search(r"\b(mrs|ms|miss)\b", title)


def _actor_in(ctx: Context, head: Token) -> Actor | None:
    """The actor named at the subject head, else a person in its apposition, else any
    actor inside the phrase."""
    doc = ctx.doc
    a = actors_mod.actor_at(doc, head.idx, head.idx + len(head))
    if a is not None:
        return a
    sub = [t for t in head.subtree if t.i != head.i]
    found = [actors_mod.actor_at(doc, t.idx, t.idx + len(t)) for t in sub]
    people = [x for x in found if x is not None and x.type == "PERSON"]
    if people:
        return people[0]
    others = [x for x in found if x is not None]
    return others[0] if others else None


def _institution(actor: Actor, head: Token) -> str | None:
    """Government/military id for "Indian officials" / "Pakistani troops" / "officials in
    Poonch"; None for people merely placed somewhere ("analysts in Islamabad")."""
    lemma = head.lemma_.lower()
    kind = "GOV" if lemma in GOV_HEADS or head.lower_ in GOV_HEADS else \
        "MIL" if lemma in MIL_HEADS or head.lower_ in MIL_HEADS else None
    if actors_mod.is_place(actor.id) or (kind is None and (_via_prep(head, actor)
                                                           or _based(head, actor))):
        found = actors_mod.nation(actor.country) if kind else None
        return f"{found[0]}-{kind}" if found else None
    if actor.type not in ("GPE", "NORP") or not re.fullmatch(r"[A-Z]{3}", actor.id):
        return actor.id
    return f"{actor.id}-{kind}" if kind else actor.id


def _unqualified(subj: Token) -> bool:
    """'the defence ministry', 'the foreign office': an institution noun whose modifiers
    say what it does, not whose it is (no entity among them)."""
    lemma = subj.lemma_.lower()
    return (lemma in GOV_HEADS or lemma in MIL_HEADS) and all(
        c.dep_ in ("det", "compound", "amod") and not c.ent_type_
        for c in subj.children if c.i < subj.i)


def _bare_institution_name(actor: Actor) -> bool:
    """An entity the parser found with no dictionary entry that is an institution with no
    country named ("Army", "defence ministry")."""
    if not actor.id.startswith("org:") or actor.country:
        return False
    last = actor.name.lower().split()[-1] if actor.name else ""
    return last in GOV_HEADS or last in MIL_HEADS


def _based(head: Token, actor: Actor) -> bool:
    """'Washington-based analysts': the place they work in, not whom they speak for."""
    return any(t.lower_ == "based" and t.i > 1 and t.doc[t.i - 1].text == "-"
               and any(s <= t.doc[t.i - 2].idx < e for s, e in actor.mentions)
               for t in head.subtree)


def _via_prep(head: Token, actor: Actor) -> bool:
    """Whether the actor is named only in a prepositional phrase of the subject
    ("observers in Islamabad"), not as its modifier ("Pakistani observers")."""
    for t in head.subtree:
        if t.i != head.i and any(s <= t.idx < e for s, e in actor.mentions):
            node = t
            while node.i != head.i:
                if node.dep_ == "prep":
                    return True
                node = node.head
            return False
    return False


def speaker_of(ctx: Context, subj: Token | None) -> Speaker:
    """Resolve a cue's subject to a speaker (full name, institution or phrase), and
    remember it for later pronouns. An institution that speaks through a spokes-body
    ("Pakistan's military": ISPR) is attributed to that body."""
    spk = _speaker_of(ctx, subj)
    voice = actors_mod.voice_of(ctx.doc, spk.actor)
    if voice is not None:
        spk.actor, spk.how = voice.id, f"{spk.how}+voice"
    if spk.start is not None and spk.actor is not None:
        ctx.spoken.append((spk.start, spk.actor))
    if spk.name is not None:
        ctx.heard.append(spk)
    return spk


def _titled_holder(ctx: Context, subj: Token, phrase: str, actor: Actor | None) -> Actor | None:
    """'the DG ISPR', 'the foreign secretary': a title phrase naming a person."""
    d = actors_mod.dictionary()
    words = {t.lower_ for t in subj.subtree if t.i <= subj.i}
    if not words & d.role_nouns or not (_definite(subj) or actor is not None):
        return None
    return actors_mod.holder_of_title(ctx.doc, phrase, before=subj.idx)


def _speaker_of(ctx: Context, subj: Token | None) -> Speaker:
    if subj is None:
        return Speaker(None, None, None, None, "no-subject")
    if subj.pos_ == "PRON" or subj.lower_ in PERSON_PRONOUNS or subj.lower_ in GROUP_PRONOUNS:
        return _resolve_pronoun(ctx, subj)
    if subj.dep_ == "nsubjpass" and not _may_speak(ctx, subj):
        return Speaker(None, None, None, None, "passive-content")  # "the decisions were announced"
    if subj.lemma_.lower() in lexicon().non_speakers:
        return Speaker(None, None, None, None, "non-speaker")  # "India's decision threatens"
    phrase = actors_mod.phrase_text(subj)
    start = subj.left_edge.idx if subj.left_edge.i <= subj.i else subj.idx
    p_start = ctx.text.find(phrase, start) if phrase else -1
    span = (p_start, p_start + len(phrase)) if p_start >= 0 else (subj.idx, subj.idx + len(subj))
    outlet = context_of(ctx.doc).outlet_name
    if outlet and _outlet_itself(ctx.doc[subj.left_edge.i:subj.i + 1].text, outlet):  # "The Herald had reported" in the Herald
        return Speaker(outlet, None, *span, "outlet-self")
    actor = _actor_in(ctx, subj)
    head = subj.lemma_.lower()
    owned = _owned_by_pronoun(ctx, subj) if actor is None else None
    if owned is not None:  # "India rejects it. Its officials say ..."
        return Speaker(_national(owned, head_noun(subj)), owned, *span, "pronoun-owner")
    if actor is not None and actors_mod.is_place(actor.id) and _covers(actor, subj):
        return Speaker(None, None, None, None, "place")  # a town does not speak
    unnamed_org = actor is not None and _bare_institution_name(actor)
    if unnamed_org:
        actor = None  # "the Army said", "the defence ministry said": whose, from the context
    if actor is not None and actor.type != "PERSON":
        holder = _titled_holder(ctx, subj, phrase, actor)
        if holder is not None:
            return Speaker(holder.name, holder.id, *span, "title")
    if actor is not None and (_covers(actor, subj) or actor.type == "PERSON"):
        actor = _government_of(actor)
        ctx.groups.setdefault(head, []).append((subj.idx, actor.id))
        return Speaker(actor.name, actor.id, *span, "actor")
    if head in actors_mod.dictionary().role_nouns and _definite(subj):
        holder = actors_mod.holder_of_title(ctx.doc, phrase, before=subj.idx)
        if holder is not None:
            return Speaker(holder.name, holder.id, *span, "title")
    if actor is not None and _issued_by(actor, subj):
        return Speaker(actor.name, actor.id, *span, "source-document")
    aid = _institution(actor, subj) if actor is not None else None
    if aid is not None:
        ctx.groups.setdefault(head, []).append((subj.idx, aid))
    elif _bare(subj) or unnamed_org or _unqualified(subj):
        aid = ctx.named_group(head, subj.idx)  # "officials" after "Indian officials"
        unnamed = _unnamed_institution(ctx, subj) if aid is None else None
        common = phrase[:1].lower() + phrase[1:] if subj.pos_ == "NOUN" or (
            phrase.istitle() and " " not in phrase) else phrase
        if unnamed is not None:
            return Speaker(f"{unnamed[1]} {common}", unnamed[0], *span, "phrase+country")
        if aid is not None:
            return Speaker(_national(aid, common), aid, *span, "phrase+earlier")
    named = _self_named(subj)
    if named is not None:  # "a resident who gave his name as Mir"
        return Speaker(named.text, None, named.start_char, named.end_char, "self-named")
    cited = _cited_source(subj)
    if cited is not None:  # "early reports citing the police"
        return _speaker_of(ctx, cited)
    return Speaker(phrase, aid, *span, "phrase")


_SELF_NOUNS = r"(?:news)?paper|publication|website|site|channel|broadcaster|magazine|agency"


def _outlet_itself(phrase: str, outlet: str) -> bool:
    """Whether a subject phrase is the outlet naming itself: "this newspaper", or a
    capitalised tail or the initials of its name ("The Herald", "YH" for "The Yamuna
    Herald")."""
    low = phrase.strip().lower()
    if re.fullmatch(rf"this (?:{_SELF_NOUNS})", low):
        return True
    mine = [w for w in re.findall(r"[\w&'-]+", outlet) if w.lower() != "the"]
    said = [w for w in re.findall(r"[\w&'-]+", phrase) if w.lower() != "the"]
    if not mine or not said or not all(w[:1].isupper() for w in said):
        return False
    if [w.lower() for w in said] == [w.lower() for w in mine[-len(said):]]:
        return len(said) <= len(mine)
    initials = "".join(w[0] for w in mine if w[:1].isupper())
    return len(said) == 1 and len(initials) > 1 and said[0] == initials


def head_noun(subj: Token) -> str:
    """The subject's head noun with its adjectives and compounds, no determiner or
    possessive ("its senior officials" -> "senior officials")."""
    toks = [c for c in subj.lefts if c.dep_ in ("amod", "compound")] + [subj]
    return " ".join(t.text for t in sorted(toks, key=lambda t: t.i))


def _owned_by_pronoun(ctx: Context, subj: Token) -> str | None:
    """Institution id for "its / their officials": the latest organisation or country
    named before, as its government or military."""
    lemma = subj.lemma_.lower()
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subj.children) \
            or not (lemma in GOV_HEADS or lemma in MIL_HEADS or subj.lower_ in GOV_HEADS):
        return None
    owner = _latest_org(ctx, subj.idx)
    return _institution(owner, subj) if owner is not None else None


def _national(actor_id: str, phrase: str) -> str:
    """'officials' of IND-GOV -> 'Indian officials' (the phrase as is for other actors)."""
    entry = actors_mod.dictionary().entries.get(actor_id)
    found = actors_mod.nation(entry.country) if entry is not None else None
    return f"{found[1]} {phrase}" if found and phrase[:1].islower() else phrase


def _home(ctx: Context) -> str | None:
    """The outlet's country when the story is about it (one of the two countries the
    article names most): a Pakistani paper's "officials" on the conflict are Pakistani,
    an American paper's "officials" in a story on Kashmir are not American."""
    home = context_of(ctx.doc).outlet_country
    if not home or actors_mod.nation(home) is None:
        return None
    counts: dict[str, int] = {}
    for a in ctx.doc._.actors or ():
        if a.country:  # places count: they say where the story is
            counts[a.country] = counts.get(a.country, 0) + len(a.mentions)
    top = sorted(counts, key=lambda c: -counts[c])[:2]
    return home if not top or home in top else None


def _may_speak(ctx: Context, subj: Token) -> bool:
    """Whether a passive subject can be a speaker ("officials were quoted as saying") rather
    than what was announced ("the decisions were announced")."""
    lemma = subj.lemma_.lower()
    return subj.pos_ in ("PRON", "PROPN") or _actor_in(ctx, subj) is not None or \
        lemma in GOV_HEADS or lemma in MIL_HEADS or lemma in actors_mod.dictionary().role_nouns


def _unnamed_institution(ctx: Context, subj: Token) -> tuple[str, str] | None:
    """(actor id, demonym) for "officials" / "the military" with no country named: the
    country of the places in the sentence ("In Poonch, officials said"), else a national
    outlet's own country ("the army" in a Pakistani paper)."""
    lemma, low = subj.lemma_.lower(), subj.lower_
    kind = "GOV" if lemma in GOV_HEADS or low in GOV_HEADS else \
        "MIL" if lemma in MIL_HEADS or low in MIL_HEADS else None
    if kind is None:
        return None
    countries = set()
    for tok in _frame_tokens(subj):
        place = actors_mod.actor_at(ctx.doc, tok.idx, tok.idx + len(tok))
        if place is not None and actors_mod.is_place(place.id) and place.country:
            countries.add(place.country)
    iso2 = next(iter(countries)) if len(countries) == 1 else _home(ctx)
    found = actors_mod.nation(iso2)
    return (f"{found[0]}-{kind}", found[1]) if found else None


def _frame_tokens(subj: Token) -> list[Token]:
    """Proper nouns of the subject phrase and of the cue verb's prepositional adjuncts
    ("In Poonch, officials said"), not of what is reported."""
    verb = subj.head
    spans = [subj.subtree] + [c.subtree for c in verb.children if c.dep_ == "prep"]
    return [t for sub in spans for t in sub if t.pos_ == "PROPN"]


_NAMING = frozenset({"name", "identify", "call", "give"})


def _self_named(subj: Token) -> Span | None:
    """The name in 'a resident who gave his name as Mir' / 'a man identified only as X'."""
    for clause in (c for c in subj.children if c.dep_ in ("relcl", "acl")):
        if not any(t.lemma_.lower() in _NAMING for t in clause.subtree):
            continue
        for t in clause.subtree:
            if t.lower_ == "as" and t.i + 1 < len(subj.doc) and subj.doc[t.i + 1].pos_ == "PROPN":
                end = t.i + 1
                while end + 1 < len(subj.doc) and subj.doc[end + 1].pos_ == "PROPN":
                    end += 1
                return subj.doc[t.i + 1:end + 1]
    return None


def _cited_source(subj: Token) -> Token | None:
    """The source a report cites ("reports citing the police"): who speaks through it."""
    if subj.lemma_.lower() not in lexicon().source_documents and \
            subj.lower_ not in lexicon().source_documents:
        return None
    for c in subj.children:
        if c.dep_ == "acl" and c.lemma_.lower() in ("cite", "quote"):
            return next((o for o in c.children if o.dep_ == "dobj"), None)
    return None


def _issued_by(actor: Actor, head: Token) -> bool:
    """'a statement from ISPR', 'a spokesman for the Foreign Office': a document or
    spokesperson whose institution is named after it."""
    if head.lemma_.lower() not in lexicon().source_documents and \
            head.lower_ not in lexicon().source_documents:
        return False
    if actor.type in ("GPE", "NORP", "PERSON"):
        return False
    return any(head.idx < s < head.right_edge.idx + len(head.right_edge) for s, _ in actor.mentions)


def _government_of(actor: Actor) -> Actor:
    """A country speaking ("Pakistan said") is its government."""
    if actor.type != "GPE" or not re.fullmatch(r"[A-Z]{3}", actor.id):
        return actor
    entry = actors_mod.dictionary().entries.get(f"{actor.id}-GOV")
    if entry is None:
        return actor
    return Actor(entry.id, entry.name, entry.type, entry.country, entry.sector,
                 reason=f"metonym:{actor.id}")


def _bare(tok: Token) -> bool:
    """A noun with nothing but a determiner before it ("officials", "the military")."""
    return all(c.dep_ == "det" for c in tok.children if c.i < tok.i)


def _covers(actor: Actor, tok: Token) -> bool:
    return any(s <= tok.idx < e for s, e in actor.mentions)


def _definite(tok: Token) -> bool:
    """'the spokesman' (singular, definite) can refer back to a named holder."""
    if tok.tag_ in ("NNS", "NNPS"):
        return False
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
    return not dets or dets[0] not in ("a", "an", "another", "one", "some")
