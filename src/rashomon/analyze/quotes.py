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

import logging
import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from rashomon.analyze import actors as actors_mod
from rashomon.analyze.quote_marks import Segment, paragraphs, quote_segments, units_of
from rashomon.analyze.reporting import Cue, cue_candidates, cue_of, hedge_of, lexicon, verb_group
from rashomon.analyze.speakers import (
    Context,
    Speaker,
    char_tokens,
    in_quotes,
    local_subject,
    speaker_of,
    subject_of,
)
from rashomon.models import Quote

logger = logging.getLogger(__name__)

__all__ = ["extract_quotes", "hedge_of", "lexicon", "quote_at", "quote_segments", "verb_group"]

MIN_PARTIAL_WORDS = 3  # shorter quoted fragments are mostly labels and scare quotes
MAX_CUE_OFFSET = 6  # tokens between a closing quote mark and its cue
MAX_JOIN_WORDS = 30  # longest attribution between two parts of one quote


# ---------------------------------------------------------------- direct quotes
def _cue_in(span: Span | None) -> Cue | None:
    """The first reporting cue among the span's tokens."""
    if span is None:
        return None
    return next((c for c in (cue_of(t) for t in span) if c is not None), None)


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
    tok = char_tokens(doc, max(seg.start - 2, p_start), seg.start)
    if tok is not None and len(tok):
        start = max(start, doc[ctx.sent_start[tok[0].i]].idx)
    return start, max(start, seg.outer_start)


def _before_cue(ctx: Context, gap: tuple[int, int]) -> Cue | None:
    """'X said: "…"', 'X told reporters, "…"', 'X said "…"': a cue that ends the text
    before the opener; 'warned of "…"' or 'said that "…"' are partial, not direct."""
    g = ctx.text[gap[0]:gap[1]].rstrip()
    span = char_tokens(ctx.doc, gap[0], gap[0] + len(g))
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
    span = char_tokens(ctx.doc, *gap)
    cue = _cue_in(span)
    if cue is None or span is None or _cue_distance(span, cue) > MAX_CUE_OFFSET:
        return None
    subj = _subject_near(ctx, cue, span)
    if subj is not None and subj.i < span.start:
        return None
    return cue, subj


def _cue_distance(span: Span, cue: Cue) -> int:
    """Words between the gap's start and the cue, not counting a name or title set off in
    apposition ('the harbour master, Sadia Rahim, told')."""
    toks = span.doc[span.start:cue.verb.i]
    return sum(1 for t in toks if not t.is_punct and not t.is_space
               and not any(a.dep_ == "appos" and span.start <= a.i < cue.verb.i
                           for a in (t, *t.ancestors)))


def _name_only(ctx: Context, start: int, end: int, before: bool) -> tuple[Cue, Token] | None:
    """A bare name as attribution: 'Asha Rao: "…"' or '"…" ― Asha Rao'."""
    text = ctx.text[start:end].strip()
    if not text or len(text.split()) > 6 or (before and not text.endswith(":")) \
            or (not before and text[0] not in "―—–-"):
        return None
    span = char_tokens(ctx.doc, start, end)
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
                    _cue_in(char_tokens(ctx.doc, a.outer_end, b.outer_start)) is not None:
                out[-1].extend(unit)
                continue
        out.append(list(unit))
    return out


_TRANSCRIPT = re.compile(r"([A-Z][\w.'\u2019 -]{0,40}?):[ \t]+(?=[^\s\"'\u201c\u2018])")


def _transcript_speaker(ctx: Context, start: int, end: int, caps_ok: bool) -> Speaker | None:
    """The prefix of 'Asha Rao: …' (a person or organisation named in the article) or of
    'PENCE: …' (capitals, when the article has several such lines and it is no place,
    so that a dateline "ISLAMABAD: …" is not a speaker)."""
    prefix = ctx.text[start:end]
    if len(prefix.split()) > 4:
        return None
    actor = actors_mod.actor_at(ctx.doc, start, end)
    if actor is not None and actor.type in ("PERSON", "ORG") \
            and any(s <= start + 1 and end - 1 <= e for s, e in actor.mentions):
        return Speaker(actor.name, actor.id, start, end, "transcript")
    span = char_tokens(ctx.doc, start, end)
    place = span is not None and any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in span)
    if not (caps_ok and prefix.isupper() and len(prefix.replace(" ", "")) > 2) or place \
            or actors_mod.lookup_alias(prefix) is not None:
        return None
    found = actors_mod.resolve_mention(ctx.doc, prefix.title())
    if found is not None and found.type == "PERSON":
        return Speaker(found.name, found.id, start, end, "transcript")
    return Speaker(prefix.title(), None, start, end, "transcript")


def transcript_quotes(ctx: Context) -> list[Quote]:
    """Interview/debate transcript lines and headline-style 'Name: words'."""
    found = [(m, p_end) for p_start, p_end in ctx.paras
             if (m := _TRANSCRIPT.match(ctx.text, p_start, p_end)) is not None and m.end() < p_end]
    caps_ok = sum(m.group(1).isupper() for m, _ in found) >= 2
    out: list[Quote] = []
    for m, p_end in found:
        spk = _transcript_speaker(ctx, m.start(1), m.end(1), caps_ok)
        if spk is None:
            continue
        colon = ctx.text.index(":", m.end(1))
        out.append(Quote(spk.name, spk.actor, ":", ctx.text[m.end():p_end], "direct", m.end(),
                         p_end, colon, spk.start, spk.end, reason="direct_transcript:neutral"))
        ctx.quoted.append((m.end(), p_end))
    return out


def direct_quotes(ctx: Context) -> tuple[list[Quote], list[list[Segment]]]:
    """Attributed quotations, and the units left without a cue."""
    quotes: list[Quote] = transcript_quotes(ctx)
    units = [u for u in _split_units(ctx, units_of(quote_segments(ctx.text)))
             if not in_quotes(ctx, u[0].start)]
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
    figure = _figure_statement(verb, lex.figure_nouns)
    if figure is not None:
        return figure, "indirect_figure"
    described = _described_as(verb)
    if described is not None:
        return described, "indirect_as"
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
    if lemma in lex.np_content or cue.particle is not None:
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


def _figure_statement(verb: Token, nouns: frozenset[str]) -> tuple[int, int] | None:
    """'put the number of dead at 33', 'placed the toll at eight': a figure stated by the
    subject; the content is the statement itself, from the verb to its last argument."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None and verb.dep_ in ("relcl", "acl"):
        obj = verb.head  # "a figure some media have since put at six"
    if obj is None or obj.lemma_.lower() not in nouns or not any(
            c.dep_ == "prep" and c.lower_ == "at" for c in verb.children):
        return None
    toks = [t for t in verb.doc[verb.i:verb.right_edge.i + 1]]
    cut = next((t.i for t in toks if t.dep_ in ("cc", "conj") and t.head.i == verb.i), None)
    return _span_of([t for t in toks if cut is None or t.i < cut])


_AS_VERBS = frozenset({"describe", "characterise", "characterize", "portray", "paint", "term",
                       "label", "brand", "call", "dub", "regard", "view", "see", "cast"})


def _described_as(verb: Token) -> tuple[int, int] | None:
    """'described water as a lifeline for 240 million people': the object and what it is
    said to be are the statement."""
    if verb.lemma_.lower() not in _AS_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                and obj is not None and c.i > obj.i), None)
    if obj is None or as_ is None:
        return None
    return _span_of(list(verb.doc[obj.left_edge.i:as_.right_edge.i + 1]))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _voice_inside(ctx: Context, verb: Token) -> Token | None:
    """The pronoun subject of a cue inside unattributed quotation marks ('"We expect …"'):
    the quoted speaker's own voice, not someone named outside the quote."""
    spans = [q for q in ctx.unattributed if q[0] <= verb.idx < q[1]]
    subj = subject_of(verb) if spans else None
    if subj is None or subj.pos_ != "PRON" or not any(s <= subj.idx < e for s, e in spans):
        return None
    return subj


def indirect_quotes(ctx: Context) -> list[Quote]:
    """Reported speech over the parse, skipping clauses already quoted directly."""
    out: list[Quote] = []
    text = ctx.text
    for tok in cue_candidates(ctx.doc):
        cue = cue_of(tok)
        if cue is None or in_quotes(ctx, tok.idx):
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
    span = char_tokens(ctx.doc, seg.start, seg.end)
    if span is None:
        return None
    for tok in span:
        if span.start <= tok.head.i < span.end:
            continue
        node = tok
        for _ in range(8):
            if node.head.i == node.i:
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
        _own_voice(ctx, seg, q, indirect)
    indirect[:] = [x for x in indirect if x.start >= 0]
    return out


def _own_voice(ctx: Context, seg: Segment, partial: Quote, indirect: list[Quote]) -> None:
    """Reported speech inside the quoted fragment with a pronoun subject there ('warned of
    "what we expect will …"') is the fragment speaker's own voice: it takes that speaker."""
    for x in indirect:
        if x.cue_start is not None and seg.start <= x.cue_start < seg.end and x.start >= 0:
            verb = char_tokens(ctx.doc, x.cue_start, x.cue_start + 1)
            if verb is not None and _voice_inside(ctx, verb[0]) is not None:
                x.speaker, x.speaker_actor = partial.speaker, partial.speaker_actor
                x.speaker_start, x.speaker_end = partial.speaker_start, partial.speaker_end


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
    ctx.unattributed = [(s.start, s.end) for unit in orphans for s in unit]
    ctx.last_speaker = None
    indirect = indirect_quotes(ctx)
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
