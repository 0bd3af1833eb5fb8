"""Quotes: who said what, from quotation marks and the dependency parse.

Forms (``Quote.kind``):
  direct        text in quotation marks with a cue next to it, either order,
                split around the cue ('"A," X said, "B."') or over paragraphs
                (a paragraph left open continues in the next that opens a quote);
  partial       a quoted fragment inside reported speech (warned of "grave risks");
  indirect      the clause a reporting verb governs (X said/warned/denied (that) ...),
                participles included (", reiterating Moscow's stance that ...");
  according_to  "according to X": the rest of the sentence.

Speakers are resolved through the actors component: a pronoun or a bare title
("he said", "the spokesman said") goes back to the named person it stands for.
Each quote's ``reason`` is "<rule>:<lexicon group>" (``hedge_of`` reads it).
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from rashomon.analyze import actors as actors_mod
from rashomon.models import Actor, Quote
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

OPENERS = "\u201c\u201e\u00ab"
CLOSERS = "\u201d\u00bb"
STRAIGHT = '"'
_MARKS = re.compile("''|``|[\"\u201c\u201d\u201e\u00ab\u00bb]")  # '' and `` as in some wires
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/:")
_CLOSE_AFTER = set(" \t\n)]}.,;:!?\u2014\u2013-'\u2019")
MIN_PARTIAL_WORDS = 3
MAX_CUE_OFFSET = 6
MAX_JOIN_WORDS = 30  # longest attribution between two parts of one quote  # tokens between a closing quote mark and its cue
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
INHERIT_DEPS = ("advcl", "xcomp", "conj", "pcomp")
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
GROUP_PRONOUNS = ("they", "we", "it", "i", "you", "who", "which", "that")
GOV_HEADS = frozenset(["official", "officials", "authority", "authorities", "government", "minister", "ministry", "diplomat", "diplomats", "spokesman", "spokesperson", "source", "sources"])
MIL_HEADS = frozenset(["army", "military", "troops", "forces", "soldiers", "officer", "officers", "commander", "commanders"])


# ---------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class Lexicon:
    """The reporting-verb lexicon: lemma -> group, phrasal cues, and usage limits."""

    group_of: dict[str, str]
    phrasal: dict[str, tuple[str, frozenset[str]]]
    clause_only: frozenset[str]
    np_content: frozenset[str]
    hedges: dict[str, str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Parse ``data/reporting_verbs.yaml`` once."""
    raw = load_data("reporting_verbs.yaml")
    groups = raw["groups"]
    group_of: dict[str, str] = {}
    for name in raw.get("priority") or list(groups):
        for lemma in groups.get(name) or []:
            group_of.setdefault(str(lemma).lower(), name)
    phrasal = {k: (v["group"], frozenset(v["with"])) for k, v in (raw.get("phrasal") or {}).items()}
    return Lexicon(group_of, phrasal, frozenset(raw.get("clause_only") or []),
                   frozenset(raw.get("np_content") or []), dict(raw.get("hedges") or {}))


def verb_group(lemma: str) -> str | None:
    """Lexicon group of a reporting verb lemma ("deny" -> "deny"), or None."""
    return lexicon().group_of.get(lemma.lower())


def hedge_of(quote: Quote) -> str | None:
    """Hedge implied by the quote's cue: "denied", "confirmed", "claimed", or None."""
    group = quote.reason.rsplit(":", 1)[-1] if ":" in quote.reason else ""
    return lexicon().hedges.get(group)


@dataclass(frozen=True)
class Cue:
    """A reporting cue: its verb token, text as written and lexicon group."""

    verb: Token
    text: str
    group: str
    particle: Token | None = None


def _lemma_hashes(doc: Doc) -> set[int]:
    """Hashes of every lexicon lemma (group and phrasal) in the doc's string store."""
    lex = lexicon()
    return {doc.vocab.strings.add(w) for w in (*lex.group_of, *lex.phrasal)}


def cue_candidates(doc: Doc) -> list[Token]:
    """Tokens whose lemma is in the lexicon, found with one array lookup."""
    import numpy

    lemmas = doc.to_array("LEMMA")
    keys = numpy.fromiter(_lemma_hashes(doc), dtype=lemmas.dtype)
    return [doc[int(i)] for i in numpy.nonzero(numpy.isin(lemmas, keys))[0]]


def cue_of(tok: Token) -> Cue | None:
    """The reporting cue headed by this token, if it is one ("said", "called for")."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "amod", "compound"):
        return None  # "so-called", "the alleged plot": adjectival, not a report
    lex = lexicon()
    lemma = tok.lemma_.lower()
    if lemma in lex.phrasal:
        group, parts = lex.phrasal[lemma]
        for child in tok.children:
            if child.lower_ in parts and child.dep_ in ("prt", "prep", "acomp", "advmod", "oprd",
                                                        "dobj"):
                return Cue(tok, f"{tok.text} {child.text}", group, child)
    single = lex.group_of.get(lemma)
    return Cue(tok, tok.text, single) if single else None


# ---------------------------------------------------------------- quotation marks
@dataclass
class Segment:
    """Text between a pair of quotation marks (offsets of the inner text)."""

    start: int
    end: int
    para: int
    closed: bool = True
    cont: bool = False  # continues the previous paragraph's open quote
    lead: int = 1  # width of the opening mark ('' is two characters)
    tail: int = 1  # width of the closing mark (0 when unclosed)

    @property
    def outer_start(self) -> int:
        """Offset of the opening mark."""
        return self.start - self.lead

    @property
    def outer_end(self) -> int:
        """Offset just past the closing mark."""
        return self.end + self.tail


def _classify(text: str, i: int, j: int) -> str:
    """'open', 'close' or '?' for the quote mark ``text[i:j]`` from its neighbours."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[j] if j < len(text) else "\n"
    opens, closes = before in _OPEN_BEFORE, after in _CLOSE_AFTER
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    ch = text[i:j]
    return "open" if ch in OPENERS or ch == "``" else "close" if ch in CLOSERS else "?"


def _paragraph_segments(text: str, start: int, end: int, para: int) -> list[Segment]:
    """Segments of one paragraph; an opener left unclosed runs to the paragraph end."""
    out: list[Segment] = []
    open_at: int | None = None
    lead = 1
    for m in _MARKS.finditer(text, start, end):
        kind = _classify(text, m.start(), m.end())
        if kind == "?":
            kind = "close" if open_at is not None else "open"
        if kind == "open":
            open_at, lead = m.end(), m.end() - m.start()
        elif open_at is not None:
            if m.start() > open_at:
                out.append(Segment(open_at, m.start(), para, lead=lead, tail=m.end() - m.start()))
            open_at = None
    if open_at is not None and end - open_at > 1:
        out.append(Segment(open_at, end, para, closed=False, lead=lead, tail=0))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the text."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def _continues(text: str, prev: Segment, seg: Segment, para_start: int, para: int) -> bool:
    """A paragraph opening with a quote mark continues the previous paragraph's quote
    when that one was left open and began like a sentence (capital letter)."""
    head = text[prev.start:prev.end].lstrip()[:1]
    return (not prev.closed and prev.para == para - 1 and seg.outer_start == para_start
            and (head.isupper() or head.isdigit()))


def quote_segments(text: str) -> list[Segment]:
    """Every quoted segment of the text; unbalanced marks only affect their paragraph."""
    segs: list[Segment] = []
    paras = paragraphs(text)
    for n, (s, e) in enumerate(paras):
        found = _paragraph_segments(text, s, e, n)
        if found and segs and _continues(text, segs[-1], found[0], s, n):
            found[0].cont = True
        segs.extend(found)
    return segs


def _units(segs: list[Segment]) -> list[list[Segment]]:
    """Chain segments that continue over paragraphs into one unit each."""
    units: list[list[Segment]] = []
    for seg in segs:
        if seg.cont and units:
            units[-1].append(seg)
        else:
            units.append([seg])
    return units


# ---------------------------------------------------------------- speakers
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
    last_speaker: Speaker | None = None
    groups: dict[str, str] = field(default_factory=dict)  # head noun -> actor, as last named
    spoken: list[tuple[int, str | None]] = field(default_factory=list)  # speaker offset, actor
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
    while root.dep_ != "ROOT" and root.head is not root:
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
        tok = tok.head if tok.dep_ in INHERIT_DEPS and tok.head is not tok else None
    return None


def _in_quotes(ctx: Context, pos: int) -> bool:
    return any(s <= pos < e for s, e in ctx.quoted)


def _is_subject(ctx: Context, start: int, end: int) -> bool:
    """Whether the mention at [start, end) is (the name inside) a clause subject."""
    span = _tokens(ctx.doc, start, end)
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in ("compound", "appos", "flat", "poss") and tok.head is not tok:
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
        if a is None or a.type != "PERSON" or _in_quotes(ctx, s) or not _gender_ok(a, want):
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
    elif ctx.last_speaker is not None:
        last = ctx.last_speaker
        return Speaker(last.name, last.actor, *here, f"pronoun:{low}")
    elif low in ("it", "they"):
        org = _latest_org(ctx, tok.idx)
        if org is not None:
            return Speaker(org.name, org.id, *here, f"pronoun:{low}")
    return Speaker(tok.text, None, *here, "pronoun-unresolved")


def _latest_org(ctx: Context, before: int) -> Actor | None:
    spans = ctx.doc._.actor_spans or []
    by_id = {a.id: a for a in ctx.doc._.actors or []}
    for s, _e, aid in reversed(spans[:bisect.bisect_left(spans, (before, 0, ""))]):
        a = by_id.get(aid)
        if a is not None and a.type not in ("PERSON", "NORP") and not _in_quotes(ctx, s):
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
    """Government/military id for "Indian officials" / "Pakistani troops"."""
    if actor.type not in ("GPE", "NORP") or not re.fullmatch(r"[A-Z]{3}", actor.id):
        return actor.id
    lemma = head.lemma_.lower()
    if lemma in GOV_HEADS or head.lower_ in GOV_HEADS:
        return f"{actor.id}-GOV"
    if lemma in MIL_HEADS or head.lower_ in MIL_HEADS:
        return f"{actor.id}-MIL"
    return actor.id


def speaker_of(ctx: Context, subj: Token | None) -> Speaker:
    """Resolve a cue's subject to a speaker (full name, institution or phrase), and
    remember it for later pronouns."""
    spk = _speaker_of(ctx, subj)
    if spk.start is not None and spk.actor is not None:
        ctx.spoken.append((spk.start, spk.actor))
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
    phrase = actors_mod.phrase_text(subj)
    start = subj.left_edge.idx if subj.left_edge.i <= subj.i else subj.idx
    p_start = ctx.text.find(phrase, start) if phrase else -1
    span = (p_start, p_start + len(phrase)) if p_start >= 0 else (subj.idx, subj.idx + len(subj))
    actor = _actor_in(ctx, subj)
    head = subj.lemma_.lower()
    if actor is not None and actor.type != "PERSON":
        holder = _titled_holder(ctx, subj, phrase, actor)
        if holder is not None:
            return Speaker(holder.name, holder.id, *span, "title")
    if actor is not None and (_covers(actor, subj) or actor.type == "PERSON"):
        actor = _government_of(actor)
        ctx.groups[head] = actor.id
        return Speaker(actor.name, actor.id, *span, "actor")
    if head in actors_mod.dictionary().role_nouns and _definite(subj):
        holder = actors_mod.holder_of_title(ctx.doc, phrase, before=subj.idx)
        if holder is not None:
            return Speaker(holder.name, holder.id, *span, "title")
    aid = _institution(actor, subj) if actor is not None else None
    if aid is not None:
        ctx.groups[head] = aid
    elif _bare(subj):
        aid = ctx.groups.get(head)  # "officials" after "Indian officials"
    return Speaker(phrase, aid, *span, "phrase")


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


# ---------------------------------------------------------------- direct quotes
def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand") if end > start else None


def _cue_in(span: Span | None, pick_last: bool = False) -> Cue | None:
    """The first (or last) reporting cue among the span's tokens."""
    if span is None:
        return None
    cues = [c for c in (cue_of(t) for t in span) if c is not None]
    if not cues:
        return None
    return cues[-1] if pick_last else cues[0]


def _depth(tok: Token) -> int:
    return sum(1 for _ in tok.ancestors)


def _main_cue(span: Span | None) -> Cue | None:
    """The reporting cue highest in the parse among the span's tokens (the last on ties):
    in 'X said of those who questioned it:' that is "said", not "questioned"."""
    if span is None:
        return None
    cues = [c for c in (cue_of(t) for t in span) if c is not None]
    if not cues:
        return None
    return min(reversed(cues), key=lambda c: _depth(c.verb))


def _subject_near(ctx: Context, cue: Cue, span: Span) -> Token | None:
    """The cue's subject; failing the parse, the first name or pronoun in the gap."""
    subj = local_subject(ctx, cue.verb)
    if subj is not None:
        return subj
    for t in span:
        if t.pos_ in ("PROPN", "PRON") and t.i != cue.verb.i:
            return t
    return None


def _gap_after(ctx: Context, seg: Segment, nxt: Segment | None) -> tuple[int, int]:
    """Text after a closing mark up to the sentence end, next quote or paragraph end."""
    text = ctx.text
    p_end = ctx.paras[seg.para][1]
    stop = nxt.outer_start if nxt is not None and nxt.para == seg.para else p_end
    start = min(seg.outer_end, stop)
    m = re.search(r"[.!?](?=\s|$|[\"\u201c\u201d])", text[start:stop])
    return start, (start + m.end() if m else stop)


def _after_ok(text: str, seg: Segment, gap: tuple[int, int]) -> bool:
    """A cue after the quote is its attribution unless the quote ended a sentence and
    the gap introduces the next quote (ends with ':')."""
    g = text[gap[0]:gap[1]].strip()
    if not g or g.endswith(":"):
        return False
    if not re.match(r"^[,\u2014\u2013\-]|^[a-z]|^[A-Z][\w.'\u2019-]*\s", g):
        return False
    inner = text[seg.start:seg.end].rstrip()
    return not inner.endswith(".") or g[0] in ",\u2014\u2013-" or g[0].islower()


def _gap_before(ctx: Context, seg: Segment, prev: Segment | None) -> tuple[int, int]:
    """Text from the sentence (or paragraph, or previous quote) start to the opener."""
    doc = ctx.doc
    p_start = ctx.paras[seg.para][0]
    start = prev.outer_end if prev is not None and prev.para == seg.para else p_start
    tok = _tokens(doc, max(seg.start - 2, p_start), seg.start)
    if tok is not None and len(tok):
        start = max(start, doc[ctx.sent_start[tok[0].i]].idx)
    return start, max(start, seg.outer_start)


def _before_cue(ctx: Context, gap: tuple[int, int]) -> Cue | None:
    """'X said: "…"', 'X told reporters, "…"', 'X said "…"': a cue that ends the text
    before the opener; 'warned of "…"' or 'said that "…"' are partial, not direct."""
    g = ctx.text[gap[0]:gap[1]].rstrip()
    span = _tokens(ctx.doc, gap[0], gap[0] + len(g))
    cue = _main_cue(span)
    if cue is None or span is None:
        return None
    tail = [t for t in ctx.doc[cue.verb.i + 1:span.end] if not (t.is_punct or t.is_space)]
    if g.endswith(":"):
        return cue
    if g.endswith(","):
        return cue if len(tail) <= 4 else None
    if not tail:
        return cue
    last = tail[-1]
    objects = all(t.dep_ in ("dative", "dobj", "compound", "poss", "case") for t in tail)
    return cue if len(tail) <= 2 and objects and last.pos_ in ("NOUN", "PROPN", "PRON") else None


def _quote(ctx: Context, segs: list[Segment], cue: Cue, spk: Speaker, kind: str,
           rule: str) -> Quote:
    text = ctx.text
    content = " ".join(text[s.start:s.end].strip() for s in segs)
    return Quote(speaker=spk.name, speaker_actor=spk.actor, cue=cue.text, content=content,
                 kind=kind, start=segs[0].start, end=segs[-1].end, cue_start=cue.verb.idx,
                 speaker_start=spk.start, speaker_end=spk.end, reason=f"{rule}:{cue.group}")


def _after_cue(ctx: Context, seg: Segment, nxt: Segment | None) -> tuple[Cue, Token | None] | None:
    """'"…," said X' / '"…," X said': a cue at the start of the text after the quote whose
    subject (if the parse has one) sits after the quote too."""
    gap = _gap_after(ctx, seg, nxt)
    if not _after_ok(ctx.text, seg, gap):
        return None
    span = _tokens(ctx.doc, *gap)
    cue = _cue_in(span)
    if cue is None or span is None or cue.verb.i - span.start > MAX_CUE_OFFSET:
        return None
    subj = _subject_near(ctx, cue, span)
    if subj is not None and subj.i < span.start:
        return None
    return cue, subj


def _name_only(ctx: Context, start: int, end: int, before: bool) -> tuple[Cue, Token] | None:
    """A bare name as attribution: 'Asha Rao: "…"' or '"…" ― Asha Rao'."""
    text = ctx.text[start:end].strip()
    if not text or len(text.split()) > 6 or (before and not text.endswith(":")) \
            or (not before and text[0] not in "―—–-"):
        return None
    span = _tokens(ctx.doc, start, end)
    if span is None:
        return None
    for tok in span:
        actor = actors_mod.actor_at(ctx.doc, tok.idx, tok.idx + len(tok))
        if actor is not None and actor.type in ("PERSON", "ORG", "GOV", "MIL"):
            mark = next(t for t in span if t.is_punct)
            return Cue(mark, mark.text, "neutral"), tok
    return None


def _attribute_unit(ctx: Context, unit: list[Segment], prev: Segment | None,
                    nxt: Segment | None) -> tuple[Cue, Token | None, str] | None:
    """Find the cue of a quote unit: before it with ':', right after it, before it,
    or a bare name before/after it."""
    first, last = unit[0], unit[-1]
    before = _gap_before(ctx, first, prev)
    if ctx.text[before[0]:before[1]].rstrip().endswith(":"):
        cue = _before_cue(ctx, before)
        if cue is not None:
            return cue, local_subject(ctx, cue.verb), "direct_cue_before"
    after = None
    for seg, nx in ((last, nxt), (first, unit[1] if len(unit) > 1 else nxt)):
        after = _after_cue(ctx, seg, nx)
        if after is not None:
            break
    if after is not None and after[1] is not None:
        return after[0], after[1], "direct_cue_after"
    cue = _before_cue(ctx, before)
    if cue is not None:
        return cue, local_subject(ctx, cue.verb), "direct_cue_before"
    if after is not None:  # a cue without a subject ('", adding "'): better than none
        return after[0], None, "direct_cue_after"
    named = _name_only(ctx, *before, before=True) or \
        _name_only(ctx, *_gap_after(ctx, last, nxt), before=False)
    if named is not None:
        return named[0], named[1], "direct_name_only"
    return None


def _joins(text: str, a: Segment, b: Segment) -> bool:
    """B continues A across its attribution: '"A," X said, "B."' / '"A," he said. "B."'."""
    gap = text[a.outer_end:b.outer_start].strip()
    if a.para != b.para or not gap.endswith((",", ".")) or ":" in gap:
        return False
    if text[a.start:a.end].rstrip().endswith((",", "\u2014", "-", "?", "!")):
        return len(gap.split()) <= MAX_JOIN_WORDS  # A's own attribution, however long
    return len(gap.split()) <= 8 and (gap[0] in ",\u2014\u2013-" or gap[0].islower())


def _split_units(ctx: Context, units: list[list[Segment]]) -> list[list[Segment]]:
    """Join a quote split around its attribution into one unit."""
    out: list[list[Segment]] = []
    for unit in units:
        if out:
            a, b = out[-1][-1], unit[0]
            if _joins(ctx.text, a, b) and \
                    _cue_in(_tokens(ctx.doc, a.outer_end, b.outer_start)) is not None:
                out[-1].extend(unit)
                continue
        out.append(list(unit))
    return out


_TRANSCRIPT = re.compile(r"([A-Z][\w.'\u2019 -]{0,40}?):[ \t]+(?=[^\s\"'\u201c\u2018])")


def _transcript_speaker(ctx: Context, start: int, end: int) -> Speaker | None:
    """The prefix of 'PENCE: …' / 'Asha Rao: …' when it is a name in capitals or a
    person named in the article."""
    prefix = ctx.text[start:end]
    if len(prefix.split()) > 4:
        return None
    actor = actors_mod.actor_at(ctx.doc, start, end)
    if actor is not None and actor.type not in ("GPE", "NORP"):
        for s, e in actor.mentions:
            if s <= start and end <= e + 1 or (start <= s and e >= end - 1):
                return Speaker(actor.name, actor.id, start, end, "transcript")
    if prefix.isupper() and len(prefix.replace(" ", "")) > 2:
        found = actors_mod.resolve_mention(ctx.doc, prefix.title())
        if found is not None and found.type == "PERSON":
            return Speaker(found.name, found.id, start, end, "transcript")
        return Speaker(prefix.title(), None, start, end, "transcript")
    return None


def transcript_quotes(ctx: Context) -> list[Quote]:
    """Interview/debate transcript lines and headline-style 'Name: words'."""
    out: list[Quote] = []
    for p_start, p_end in ctx.paras:
        m = _TRANSCRIPT.match(ctx.text, p_start, p_end)
        if m is None:
            continue
        spk = _transcript_speaker(ctx, m.start(1), m.end(1))
        if spk is None or m.end() >= p_end:
            continue
        colon = ctx.text.index(":", m.end(1))
        out.append(Quote(spk.name, spk.actor, ":", ctx.text[m.end():p_end], "direct", m.end(),
                         p_end, colon, spk.start, spk.end, reason="direct_transcript:neutral"))
        ctx.quoted.append((m.end(), p_end))
    return out


def direct_quotes(ctx: Context) -> tuple[list[Quote], list[list[Segment]]]:
    """Attributed quotations, and the units left without a cue."""
    quotes: list[Quote] = transcript_quotes(ctx)
    units = [u for u in _split_units(ctx, _units(quote_segments(ctx.text)))
             if not _in_quotes(ctx, u[0].start)]
    orphans: list[list[Segment]] = []
    last_para_speaker: tuple[int, Quote] | None = None
    for n, unit in enumerate(units):
        prev = units[n - 1][-1] if n else None
        nxt = units[n + 1][0] if n + 1 < len(units) else None
        found = _attribute_unit(ctx, unit, prev, nxt)
        if found is None:
            q = _continued(ctx, unit, last_para_speaker)
            if q is None:
                orphans.append(unit)
                continue
        else:
            cue, subj, rule = found
            spk = speaker_of(ctx, subj)
            ctx.last_speaker = spk
            q = _quote(ctx, unit, cue, spk, "direct", rule)
        quotes.append(q)
        ctx.quoted.extend((s.start, s.end) for s in unit)
        last_para_speaker = (unit[-1].para, q)
    return quotes, orphans


def _continued(ctx: Context, unit: list[Segment], last: tuple[int, Quote] | None) -> Quote | None:
    """A paragraph that is wholly a quote, right after a paragraph with a direct quote,
    continues that speaker."""
    first = unit[0]
    p_start, p_end = ctx.paras[first.para]
    whole = first.outer_start <= p_start and unit[-1].outer_end >= p_end - 1
    if last is None or not whole or last[0] != first.para - 1:
        return None
    prev = last[1]
    content = " ".join(ctx.text[s.start:s.end].strip() for s in unit)
    return Quote(prev.speaker, prev.speaker_actor, prev.cue, content, "direct", first.start,
                 unit[-1].end, prev.cue_start, prev.speaker_start, prev.speaker_end,
                 reason="direct_continued:" + prev.reason.rsplit(":", 1)[-1])


# ---------------------------------------------------------------- indirect speech
def _span_of(toks: list[Token]) -> tuple[int, int] | None:
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[-1].is_punct and toks[-1].text not in ")\u201d\"'"):
        toks = toks[:-1]
    while toks and toks[0].is_punct and toks[0].text not in "(\u201c\"":
        toks = toks[1:]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _subtree(tok: Token, stop: Token | None = None) -> list[Token]:
    """Contiguous subtree tokens of ``tok`` (left edge to right edge), without ``stop``."""
    doc = tok.doc
    toks = list(doc[tok.left_edge.i:tok.right_edge.i + 1])
    if stop is not None:
        toks = [t for t in toks if t.i != stop.i and stop not in t.ancestors]
    return toks


def content_of(cue: Cue) -> tuple[tuple[int, int], str] | None:
    """Char span of what the cue reports, and the rule that found it."""
    lex = lexicon()
    verb = cue.verb
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    for c in kids:
        if c.dep_ == "ccomp" or (c.dep_ == "advcl" and any(m.lower_ in ("whether", "if")
                                                             for m in c.children)):
            span = _span_of(_subtree(c))
            return (span, "indirect_ccomp") if span else None
    if cue.particle is not None and cue.particle.dep_ == "prep":
        objs = [c for c in cue.particle.children if c.dep_ in ("pobj", "pcomp")]
        if objs:
            span = _span_of(_subtree(objs[0]))
            return (span, "indirect_prep") if span else None
    for c in kids:
        if c.dep_ == "dobj":
            clause = [a for a in c.children if a.dep_ in ("acl", "ccomp")
                      and any(m.lower_ == "that" and m.dep_ == "mark" for m in a.children)]
            if clause:
                span = _span_of(_subtree(clause[0]))
                return (span, "indirect_noun_clause") if span else None
    if cue.group in ("urge", "promise", "warn", "deny") and lemma not in lex.clause_only:
        for c in kids:
            if c.dep_ == "xcomp":
                objs = [o for o in kids if o.dep_ == "dobj" and o.i < c.i]
                toks = (_subtree(objs[0]) if objs else []) + _subtree(c)
                span = _span_of(toks)
                return (span, "indirect_xcomp") if span else None
    if lemma in lex.np_content and lemma not in lex.clause_only or cue.particle is not None:
        for c in kids:
            if c.dep_ in ("dobj",) and c.pos_ != "PRON" and c.right_edge.i - c.left_edge.i >= 1:
                span = _span_of(_subtree(c))
                return (span, "indirect_object") if span else None
    for c in kids:
        if c.dep_ == "prep" and cue.group == "warn" and c.lower_ in ("of", "about", "against"):
            objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
            if objs:
                span = _span_of(_subtree(objs[0]))
                return (span, "indirect_prep") if span else None
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def indirect_quotes(ctx: Context, direct: list[Quote]) -> list[Quote]:
    """Reported speech over the parse, skipping clauses already quoted directly."""
    out: list[Quote] = []
    text = ctx.text
    for tok in cue_candidates(ctx.doc):
        cue = cue_of(tok)
        if cue is None or _in_quotes(ctx, tok.idx):
            continue
        found = content_of(cue)
        if found is None:
            continue
        (s, e), rule = found
        inside = sum(_overlap((s, e), q) for q in ctx.quoted)
        if inside > 0.5 * (e - s) or e - s < 3:
            continue
        spk = speaker_of(ctx, local_subject(ctx, tok))
        if spk.name is None and rule == "indirect_object":
            continue
        out.append(Quote(spk.name, spk.actor, cue.text, text[s:e], "indirect", s, e, tok.idx,
                         spk.start, spk.end, reason=f"{rule}:{cue.group}"))
        if spk.name is not None:
            ctx.last_speaker = spk
    return out


# ---------------------------------------------------------------- partial quotes
def _governing_cue(ctx: Context, seg: Segment) -> Cue | None:
    """The reporting cue that the quoted fragment hangs from in the parse."""
    span = _tokens(ctx.doc, seg.start, seg.end)
    if span is None:
        return None
    for tok in span:
        if span.start <= tok.head.i < span.end:
            continue
        node = tok
        for _ in range(8):
            if node.head is node:
                break
            node = node.head
            cue = cue_of(node)
            if cue is not None and not (seg.start <= node.idx < seg.end):
                return cue
    return None


def partial_quotes(ctx: Context, orphans: list[list[Segment]],
                   indirect: list[Quote]) -> list[Quote]:
    """Quoted fragments inside reported speech; an indirect quote that is nothing but
    the fragment is replaced by it."""
    out: list[Quote] = []
    for unit in orphans:
        seg = unit[0]
        if len(unit) > 1 or len(ctx.text[seg.start:seg.end].split()) < MIN_PARTIAL_WORDS:
            continue  # one- or two-word fragments are mostly labels and scare quotes
        cue = _governing_cue(ctx, seg)
        if cue is None:
            continue
        spk = speaker_of(ctx, local_subject(ctx, cue.verb))
        if spk.name is None:
            continue
        q = _quote(ctx, unit, cue, spk, "partial", "partial")
        host = [i for i, x in enumerate(indirect)
                if x.start <= seg.start and seg.end <= x.end + seg.tail
                and x.cue_start == cue.verb.idx]
        for i in host:
            if (seg.end - seg.start) >= 0.6 * (indirect[i].end - indirect[i].start):
                indirect[i].start = -1  # the fragment is the whole clause: keep the partial
        out.append(q)
    indirect[:] = [x for x in indirect if x.start >= 0]
    return out


# ---------------------------------------------------------------- according to
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)


def according_to(ctx: Context) -> list[Quote]:
    """'according to X': X is the speaker, the rest of the sentence the content."""
    out: list[Quote] = []
    doc = ctx.doc
    for m in _ACCORDING.finditer(ctx.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or len(span) != 2:
            continue
        tok, to = span[0], span[1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or \
               [c for c in tok.children if c.dep_ == "pobj"]
        if not objs:
            continue
        phrase_end = max(t.right_edge.i for t in (to, *objs)) + 1
        found = _rest_of_sentence(ctx.sentence(tok.i), tok.i, phrase_end)
        if found is None:
            continue
        s, e = found
        spk = speaker_of(ctx, objs[0])
        out.append(Quote(spk.name, spk.actor, "according to", ctx.text[s:e], "according_to",
                         s, e, tok.idx, spk.start, spk.end, reason="according_to:neutral"))
    return out


def _rest_of_sentence(sent: Span, start: int, end: int) -> tuple[int, int] | None:
    """The larger side of a sentence around tokens [start, end), or the whole sentence
    when the phrase sits in the middle with text on both sides."""
    doc = sent.doc
    left = _span_of(list(doc[sent.start:start]))
    right = _span_of(list(doc[end:sent.end]))
    sizes = [(x[1] - x[0], x) for x in (left, right) if x is not None]
    if not sizes:
        return None
    if left and right and min(s for s, _ in sizes) > 25:
        return left[0], right[1]
    return max(sizes)[1]


# ---------------------------------------------------------------- public
def extract_quotes(doc: Doc) -> list[Quote]:
    """All quotes of a parsed doc whose actors are already set, in text order."""
    text = doc.text
    ctx = Context(doc, text, paragraphs(text))
    direct, orphans = direct_quotes(ctx)
    ctx.last_speaker = None
    indirect = indirect_quotes(ctx, direct)
    partial = partial_quotes(ctx, orphans, indirect)
    quotes = direct + indirect + partial + according_to(ctx)
    return sorted(quotes, key=lambda q: (q.start, q.end))


def quote_at(doc: Doc, start_char: int, end_char: int) -> Quote | None:
    """The innermost quote whose content contains [start_char, end_char), or None."""
    inside = [q for q in doc._.quotes or [] if q.start <= start_char and end_char <= q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


@Language.factory("rashomon_quotes", requires=["token.dep", "doc._.actors"],
                  assigns=["doc._.quotes"])
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    """spaCy factory: the quotes component (after rashomon_actors)."""
    return QuotesComponent()


class QuotesComponent:
    """Fills ``doc._.quotes``."""

    def __init__(self) -> None:
        lexicon()

    def __call__(self, doc: Doc) -> Doc:
        """Run ``extract_quotes`` on the doc."""
        if doc._.actors is None:
            doc._.actors, doc._.actor_spans = [], []
        doc._.quotes = extract_quotes(doc)
        return doc
