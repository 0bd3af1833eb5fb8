"""Numeric claims: who puts forward which figure about what.

A claim is a number in digits or words ("26", "twenty-six", "3.5 million",
"a dozen", "dozens"), with its qualifier ("at least 24", "nearly 30", "24 to
28", "between 24 and 28", "100-plus"), the counted thing (the noun phrase the
number modifies: "Indian Air Force fighter jets"), the predicate (the
governing verb or event noun, canonicalised through ``data/claims.yaml``:
"downed" -> "shoot down"), the claimant (the quote's speaker when the number
sits in attributed content, else the outlet in its own voice) and a hedge:
asserted / claimed / confirmed / denied / estimated. Durations ("87 hours",
from ``doc._.times``) and group sizes ("a nine-member delegation") are claims
too. Denials of losses ("denied losing any aircraft", "no Indian jets were
lost") are claims of 0 with hedge "denied".

Value conventions: a plain number is ``value``; "at least N" / "more than N"
/ "N or more" give value N, low N, high None; "up to N" / "nearly N" give value
N, high N; ranges give low and high and no value; counts without a number
("dozens") give value None and low (high) from the lexicon, hedge estimated.
Not claims: dates, years, times of day, ordinals, ages, identifiers ("Article
370", "Su-30"), list numbering, phone-like digit strings, and money that names
nothing it pays for.
"""

from __future__ import annotations

import itertools
import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from rashomon.analyze.actors import dictionary, nation
from rashomon.analyze.base import context_of
from rashomon.analyze.numbers import COUNT_PATTERN, SCALES, parse_number
from rashomon.models import Actor, Claim, Quote, TimeExpr
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

HEDGE_ORDER = ("denied", "confirmed", "estimated", "claimed", "asserted")
NOUNS = ("NOUN", "PROPN")
LIGHT_VERBS = frozenset(["be", "rise", "climb", "reach", "stand", "increase", "jump", "total", "mount", "surge", "grow", "include", "put", "have", "number", "go", "take", "bring", "raise", "push", "place", "peg"])
REPORT_VERBS = frozenset(["say", "tell", "state", "announce", "report", "add", "note", "write", "declare", "estimate", "put", "quote", "cite"])
SUBJECTS = ("nsubj", "nsubjpass")


# ---------------------------------------------------------------- lexicon
def _alt(words: Iterable[str]) -> str:
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


@dataclass(frozen=True)
class Lexicon:
    """``data/claims.yaml`` in the shapes the rules use."""

    qualifier: dict[str, tuple[str, str, str | None]]  # word -> (name, bound, hedge)
    vague: dict[str, tuple[str, float | None, float | None]]  # word -> (name, low, high)
    predicate: dict[str, str]  # lemma -> canonical predicate
    loss: frozenset[str]
    toll: dict[str, tuple[str, str]]  # noun phrase -> (predicate, object)
    people: frozenset[str]
    group: dict[str, str]  # hyphenated word -> unit
    cue: dict[str, str]  # verb lemma -> hedge
    neutral_hedge: str
    identifier: frozenset[str]
    currency: dict[str, str]
    open_above: tuple[str, ...]
    partitive: frozenset[str]
    canonical: frozenset[str]  # the predicate names of the lexicon


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Parse ``data/claims.yaml`` once."""
    raw = load_data("claims.yaml")
    qual = {w: (name, e["bound"], e.get("hedge")) for name, e in raw["qualifiers"].items()
            for w in e["words"]}
    vague = {w: (name, e.get("low"), e.get("high")) for name, e in raw["vague"].items()
             for w in e["words"]}
    pred = {lem: name for name, lemmas in raw["predicates"].items() for lem in [name, *lemmas]}
    toll = {k: (v["predicate"], v["object"]) for k, v in raw["toll_nouns"].items()}
    group = {w: unit for unit, words in raw["group_words"].items() for w in words}
    cue = {lem: hedge for hedge, lemmas in raw["cues"].items() for lem in lemmas}
    cur = {w.lower(): code for code, words in raw["currencies"].items() for w in words}
    return Lexicon(qual, vague, pred, frozenset(raw["loss_predicates"]), toll,
                   frozenset(raw["people_predicates"]), group, cue, raw["neutral_cue_hedge"],
                   frozenset(raw["identifier_words"]), cur, tuple(raw["open_above"]),
                   frozenset(raw["partitive_nouns"]), frozenset(raw["predicates"]))


def _vague_heads() -> set[str]:
    """Vague counts as matched in text, without a trailing "of" ("dozens")."""
    return {re.sub(r"\s+of$", "", w) for w in lexicon().vague}


@lru_cache(maxsize=1)
def _number_regex() -> re.Pattern[str]:
    """One number phrase: qualifier, currency, number / range / vague count, percent, "or more"."""
    lex = lexicon()
    num = COUNT_PATTERN
    cur = r"(?:US\$|C\$|A\$|\$|Rs\.?|₹|€|£|PKR|INR|USD)"
    return re.compile(
        rf"(?<![\w.,/#-])(?:(?P<qual>{_alt(lex.qualifier)})\s+)?(?P<cur>{cur}\s?)?"
        rf"(?:between\s+(?P<b1>{num})\s+and\s+(?P<b2>{num})"
        rf"|(?P<n1>{num})(?:\s*(?P<join>-|–|to|or)\s*(?P<n2>{num}))?"
        rf"|(?P<vague>{_alt(_vague_heads())}))"
        r"(?P<pct>\s?%|\s+percent|\s+per\s+cent)?"
        r"(?P<open>\s+or\s+more|\s+and\s+more|\+|-plus)?(?![\w/])", re.IGNORECASE)


# ---------------------------------------------------------------- numbers
@dataclass
class NumberPhrase:
    """A number phrase found in the text, before its syntax is read."""

    start: int
    end: int
    num_start: int  # the number itself, qualifier and currency left out
    num_end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str
    rules: list[str]
    hedge: str | None = None  # from a qualifier or a vague count


def _bounds(m: re.Match[str]) -> tuple[float | None, float | None, float | None, str] | None:
    """(value, low, high, rule) of the match's number part, or None if it is no count."""
    if m["vague"]:
        word = re.sub(r"\s+", " ", m["vague"].lower())
        vague = lexicon().vague
        _, low, high = vague.get(word) or vague[word + " of"]
        return None, low, high, "vague"
    first, second = (m["b1"], m["b2"]) if m["b1"] else (m["n1"], m["n2"])
    a = parse_number(first)
    if a is None or first.lower() in ("a", "an"):
        return None
    if second is None:
        return a, None, None, "count"
    b = parse_number(second)
    if b is None:
        return None
    scale = second.split()[-1].lower()
    if scale in SCALES and first.split()[-1].lower() not in SCALES and not scale.isdigit():
        a *= SCALES[scale]  # "3 to 5 million"
    return (None, a, b, "range") if a < b else None


def _apply_qualifier(ph: NumberPhrase, word: str) -> None:
    name, bound, hedge = lexicon().qualifier[re.sub(r"\s+", " ", word.lower())]
    if bound == "low" and ph.value is not None:
        ph.low = ph.value
    elif bound == "high" and ph.value is not None:
        ph.high = ph.value
    ph.hedge = hedge or ph.hedge
    ph.rules.append(name)


def _phrase(m: re.Match[str]) -> NumberPhrase | None:
    """A ``NumberPhrase`` from one regex match, or None if it holds no count."""
    got = _bounds(m)
    if got is None:
        return None
    value, low, high, rule = got
    groups = [g for g in ("b1", "n1", "vague") if m[g]]
    end_group = "b2" if m["b2"] else "n2" if m["n2"] else groups[0]
    ph = NumberPhrase(m.start(), m.end(), m.start(groups[0]), m.end(end_group), value, low, high,
                      "count", [rule], "estimated" if rule == "vague" else None)
    if m["qual"]:
        _apply_qualifier(ph, m["qual"])
    if m["open"] and ph.value is not None:
        ph.low, ph.high = ph.value, None
        ph.hedge, ph.rules = "estimated", [*ph.rules, "open_above"]
    if m["pct"]:
        ph.unit = "percent"
    elif m["cur"]:
        ph.unit = _currency(m["cur"])
    return ph


def _currency(symbol: str) -> str:
    return lexicon().currency.get(symbol.strip().lower().rstrip("."), "USD")


_TIME_OF_DAY = re.compile(r"^(?::\d\d|\s*(?:a\.?m\b|p\.?m\b|hrs\b|hours\s+(?:IST|PKT|GMT)|GMT|IST|"
                          r"PKT|UTC|o'clock))", re.IGNORECASE)
_LIST_ITEM = re.compile(r"(?:^|\n)\s*$")
_WORD_BEFORE = re.compile(r"([\w.]+)\W{0,2}$")


def _not_a_count(ph: NumberPhrase, m: re.Match[str], text: str) -> str | None:
    """Why a digit phrase is no count (time of day, identifier, list item, age, id), or None."""
    number = text[ph.num_start:ph.num_end]
    after, before = text[m.end():m.end() + 12], text[max(0, m.start() - 24):m.start()]
    if _TIME_OF_DAY.match(after):
        return "time_of_day"
    wb = _WORD_BEFORE.search(before)
    word = wb.group(1).lower() if wb else ""
    if before.rstrip().endswith(("'s", "\u2019s")):
        word = ""  # "the country's 240 million people": a possessive, not "S-400"
    if number[:1].isdigit() and word in lexicon().identifier:
        return "identifier"
    if after[:1] in ".)" and _LIST_ITEM.search(before):
        return "list_item"
    if word in ("aged", "age", "ages") or (before.endswith("(") and after[:1] == ")"):
        return "age"
    digits = number.replace(",", "")
    if digits.isdigit() and (len(digits) >= 7 and "," not in number or digits[0] == "0"
                             and len(digits) > 1):
        return "identifier"
    return None


# ---------------------------------------------------------------- syntax
def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _outside_head(span: Span) -> Token:
    """The span's token whose head lies outside it (its syntactic root)."""
    for tok in reversed(span):
        if not span.start <= tok.head.i < span.end or tok.head.i == tok.i:
            return tok
    return span[-1]


def _counted_noun(span: Span) -> Token | None:
    """The noun the number modifies ("26 people"), or what "N of" governs."""
    root = _outside_head(span)
    head = root.head
    if head.i != root.i and root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod",
                                          "det", "npadvmod") and head.pos_ in NOUNS:
        return head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            return pobj if pobj is not None and pobj.pos_ in (*NOUNS, "PRON") else None
    return None


def _object_text(noun: Token, after: int) -> str | None:
    """The counted noun with its left modifiers, from token ``after`` on; a
    partitive noun keeps its "of" phrase ("members of the armed forces")."""
    toks = [t for t in noun.doc[max(noun.left_edge.i, after):noun.i + 1]]
    while toks and toks[0].i < noun.i and (
            toks[0].pos_ in ("DET", "ADP", "PUNCT", "CCONJ", "ADV", "PART", "NUM", "PRON")
                    or toks[0].lower_ in ("of", "-")):
        toks = toks[1:]
    if not toks or noun.pos_ == "PRON":
        return None
    end = noun.i + 1
    if noun.lemma_.lower() in lexicon().partitive:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        end = of.right_edge.i + 1 if of is not None else end
    return noun.doc[toks[0].i:end].text


def _lemma(verb: Token) -> str:
    """Verb lemma with its particle ("shoot down"), canonicalised by the lexicon."""
    lem = verb.lemma_.lower()
    prt = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    pred = lexicon().predicate
    if prt and f"{lem} {prt}" in pred:
        return pred[f"{lem} {prt}"]
    return pred.get(lem, f"{lem} {prt}" if prt else lem)


def _toll(noun: Token) -> tuple[str, str] | None:
    """(predicate, object) when ``noun`` is a toll ("the death toll") or an event noun."""
    lex = lexicon()
    words = " ".join(t.lower_ for t in noun.doc[noun.left_edge.i:noun.i + 1]
                     if t.pos_ not in ("DET", "ADJ") or t.lower_ in ("dead", "injured", "wounded"))
    of = [g.lower_ for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
          for g in c.children if g.dep_ in ("pobj", "amod", "pcomp")]
    for key in (words, f"{noun.doc[noun.i - 1].lower_} {noun.lower_}" if noun.i else "",
                *(f"{noun.lower_} of {w}" for w in of), noun.lower_, noun.lemma_.lower()):
        if key in lex.toll:
            return lex.toll[key]
    pred = lex.predicate.get(noun.lemma_.lower())
    return (pred, "people") if pred in lex.people else None


def _light_predicate(verb: Token, near: Token | None = None) -> tuple[str, str | None] | None:
    """For "the death toll rose to 26": the predicate the subject stands for; with
    coordinated tolls ("put the dead at eight and the injured at 35") the one last
    named before the number ``near``."""
    for c in verb.children:  # "the toll rose to 26", "put the number of dead at 33"
        if c.dep_ in (*SUBJECTS, "dobj") and c.pos_ in (*NOUNS, "ADJ", "VERB"):
            options = [c, *c.conjuncts]
            if near is not None:
                before = [t for t in options if t.i < near.i]
                options = before[-1:] or options
            for t in options:
                got = _toll(t)
                if got:
                    return got
    return None


def predicate_of(x: Token) -> tuple[str | None, str | None]:
    """(predicate, default object) of the noun or number ``x``: its relative or
    participle verb, the verb it is subject/object of, or the event noun whose
    "of" it fills ("the deaths of 26 people")."""
    for child in x.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            return _lemma(child), None
    t = x
    for _ in range(6):
        head = t.head
        if head.i == t.i:
            break
        if t.dep_ in (*SUBJECTS, "dobj", "attr", "oprd", "pobj", "npadvmod") \
                and head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in LIGHT_VERBS:
                light = _light_predicate(head, x)
                if light:
                    return light
            return _lemma(head), None
        if t.dep_ == "pobj" and head.lower_ in ("including", "among", "includes") \
                and head.head.pos_ in NOUNS:
            t = head.head  # "five aircraft, including three Rafale jets": the aircraft's verb
            continue
        if t.dep_ in ("pobj", "prep") and head.pos_ in ("VERB", "AUX") \
                and head.lemma_.lower() in LIGHT_VERBS:
            light = _light_predicate(head, x)  # "the death toll rose to 26"
            if light:
                return light
        if t.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
            t = head
            continue
        if t.dep_ == "pobj" and head.head.pos_ in NOUNS:
            ev = lexicon().predicate.get(head.head.lemma_.lower())
            if ev:
                return ev, None
        t = head
    return None, None


# ---------------------------------------------------------------- attribution
def quote_containing(doc: Doc, start: int, end: int) -> Quote | None:
    """The innermost quote whose content span holds [start, end), or None."""
    inside = [q for q in doc._.quotes or [] if q.start <= start and end <= q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


def _cue_hedge(lemma: str) -> str | None:
    return lexicon().cue.get(lemma.lower())


def quote_hedge(doc: Doc, q: Quote) -> str:
    """Hedge of a figure inside quote ``q``: from its cue verb, else the neutral one."""
    try:
        from rashomon.analyze.quotes import hedge_of

        got = hedge_of(q)
        if got:
            return got
    except ImportError:  # pragma: no cover - the quotes module is optional here
        pass
    if q.cue_start is not None:
        span = _tokens(doc, q.cue_start, q.cue_start + len(q.cue or "x"))
        if span is not None and _cue_hedge(span[0].lemma_):
            return _cue_hedge(span[0].lemma_) or ""
    word = (q.cue or "").split()[0].lower() if q.cue else ""
    return _cue_hedge(word) or lexicon().neutral_hedge


def _actor_at(doc: Doc, start: int, end: int) -> str | None:
    """Id of the actor mention overlapping [start, end) the most (doc._.actor_spans)."""
    best, best_overlap = None, 0
    for s, e, aid in doc._.actor_spans or []:
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap:
            best, best_overlap = aid, overlap
    return best


def _reporter(tok: Token) -> tuple[Token, Token] | None:
    """(reporting verb, its subject) governing ``tok``, when no quotes were found."""
    t = tok
    while t.head.i != t.i:
        t = t.head
        lem = t.lemma_.lower()
        if t.pos_ == "VERB" and (lem in REPORT_VERBS or lem in lexicon().cue):
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return t, subj
    return None


def _according_to(tok: Token) -> tuple[Token, Token] | None:
    """("according", its source) when the sentence says "according to X"."""
    for t in tok.sent:
        if t.lower_ == "according":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if pobj is not None:
                return t, pobj
    return None


def _denied_above(tok: Token) -> bool:
    """Whether a denial verb governs ``tok`` in its sentence."""
    t = tok
    while t.head.i != t.i:
        t = t.head
        if t.pos_ == "VERB" and _cue_hedge(t.lemma_) == "denied":
            return True
    return False


@dataclass
class Attribution:
    """Who puts a figure forward and with what hedge."""

    claimant: str | None
    actor: str | None
    attributed: bool
    hedge: str
    rule: str


def _background(tok: Token) -> bool:
    """Whether the figure sits in a clause the writer adds to date the news ("..., a day
    after gunmen killed 26 people"): the outlet's own voice, not the speaker's."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    timed = any(c.dep_ == "npadvmod" and c.ent_type_ == "DATE" for c in verb.children)
    dated = verb.dep_ in ("relcl", "advcl") and verb.head.ent_type_ == "DATE"
    return bool(marks & {"after", "before"}) and timed or dated  # "since 2019, when ..."


def attribution(doc: Doc, tok: Token, start: int, end: int) -> Attribution:
    """The claimant of a figure at [start, end): the enclosing quote's speaker, else
    the subject of a governing reporting verb or "according to X", else the outlet."""
    if _background(tok):
        return Attribution(context_of(doc).outlet_name, None, False, "asserted", "background")
    q = quote_containing(doc, start, end)
    if q is not None and q.speaker:
        return Attribution(q.speaker, q.speaker_actor, True, quote_hedge(doc, q), f"quote:{q.kind}")
    got = _reporter(tok) or _according_to(tok)  # quotes missed it, or none were looked for
    if got is not None:
        verb, subj = got
        rule = "according_to" if verb.lower_ == "according" else "reporting_verb"
        hedge = _cue_hedge(verb.lemma_) or lexicon().neutral_hedge
        cued = next((q for q in doc._.quotes or [] if q.cue_start == verb.idx and q.speaker), None)
        if cued is not None:  # the quotes component resolved this cue's subject ("He" -> X)
            return Attribution(cued.speaker, cued.speaker_actor, True, hedge, f"{rule}+speaker")
        if subj.pos_ == "PRON":  # a pronoun nobody resolved is no name to show
            return Attribution(context_of(doc).outlet_name, None, False, "asserted",
                               "outlet:unresolved-pronoun")
        s = doc[subj.left_edge.i:subj.right_edge.i + 1] if verb.lower_ == "according" \
            else doc[subj.left_edge.i:subj.i + 1]
        return Attribution(s.text, _actor_at(doc, s.start_char, s.end_char), True, hedge, rule)
    return Attribution(context_of(doc).outlet_name, None, False, "asserted", "outlet")


def _hedge(*hedges: str | None) -> str:
    """The strongest of several hedges (denied > confirmed > estimated > claimed > asserted)."""
    found = [h for h in hedges if h]
    return min(found, key=HEDGE_ORDER.index) if found else "asserted"


# ---------------------------------------------------------------- claims
_UNIT_WORD = re.compile(r"(second|minute|hour|day|night|week|fortnight|month|year|decade|centur)",
                        re.IGNORECASE)
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+(?:-[A-Za-z]+)?)")
_DATED = re.compile(r"\d{4}-\d\d(?:-\d\d)?")


@dataclass
class _DocView:
    """What every rule reads: the doc, its text, its times and sentence starts."""

    doc: Doc
    text: str
    times: list[TimeExpr]
    sents: list[Span]
    sent_starts: list[int]

    def time_over(self, start: int, end: int) -> TimeExpr | None:
        return next((t for t in self.times if t.start < end and start < t.end), None)

    def sentence(self, pos: int) -> Span:
        return self.sents[bisect_right(self.sent_starts, pos) - 1] if self.sents else self.doc[:]

    def date_near(self, sent: Span, pos: int) -> str | None:
        """The value of the DATE nearest ``pos`` in sentence ``sent``."""
        dated = [t for t in self.times if t.type == "DATE" and t.value and _DATED.fullmatch(t.value)
                 and sent.start_char <= t.start < sent.end_char]
        return min(dated, key=lambda t: abs(t.start - pos)).value if dated else None


def _duration_claim(v: _DocView, ph: NumberPhrase, t: TimeExpr) -> tuple[Token | None, str] | None:
    """(unit noun, unit) when the number counts a duration ("87 hours"), else None."""
    if t.type != "DURATION" or ph.value is None or t.text.lower().endswith("old"):
        return None
    m = _UNIT_WORD.search(v.text, ph.num_end, t.end)
    if m is None:
        return None
    unit = m.group(1).lower()
    unit = "centuries" if unit == "centur" else unit + "s"
    span = _tokens(v.doc, m.start(), m.end())
    return (span[0] if span is not None else None), unit


@dataclass
class _Read:
    """What the syntax says about a number: its counted noun, object, unit."""

    noun: Token | None
    anchor: Token  # token the predicate is read from
    obj: str | None
    unit: str
    rules: list[str]


def _hyphen_word(v: _DocView, ph: NumberPhrase) -> re.Match[str] | None:
    """The word hyphenated to the number ("nine-member"), if any."""
    return _HYPHEN_WORD.match(v.text, ph.num_end)


def _group_size(v: _DocView, m: re.Match[str], root: Token) -> _Read | None:
    """For "a nine-member delegation": 9 members of a delegation; None when the
    hyphenated word is no group word ("a two-time winner" is not a count)."""
    unit = lexicon().group.get(m.group(1).lower())
    span = _tokens(v.doc, m.start(1), m.end(1)) if unit else None
    if unit is None or span is None:
        return None
    tok = span[-1]
    noun = tok.head if tok.head.i != tok.i and tok.head.pos_ in NOUNS else None
    obj = _object_text(noun, tok.i + 1) if noun is not None else None
    return _Read(noun, noun or root, obj, unit, ["group_size"])


def _year_like(ph: NumberPhrase, text: str, noun: Token | None) -> bool:
    number = text[ph.num_start:ph.num_end]
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", number)) and (
        noun is None or noun.tag_ not in ("NNS", "NNPS"))


def _money_object(root: Token, preps: tuple[str, ...] = ("in", "for", "of", "worth")
                  ) -> Token | None:
    """What a sum pays for: "$1.5 billion in aid", "Rs 500 crore for relief"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in NOUNS:
                return pobj
    return None


def _read(v: _DocView, ph: NumberPhrase, span: Span) -> _Read | None:
    """Counted noun, object and unit of a number phrase; None when it is no claim."""
    root, rules = _outside_head(span), []
    t = v.time_over(ph.num_start, ph.num_end)
    if t is not None:
        dur = _duration_claim(v, ph, t)
        if dur is None:
            return None
        unit_noun, unit = dur
        base = unit_noun or root
        what = _money_object(base)
        return _Read(None, base, what.text if what is not None else None, unit, ["duration"])
    hyphen = _hyphen_word(v, ph)
    if hyphen is not None:
        return _group_size(v, hyphen, root)
    noun = _counted_noun(span)
    unit = ph.unit
    if unit == "percent":
        return _percent(span, root)
    if noun is not None and noun.lower_ in lexicon().currency:
        unit, noun = lexicon().currency[noun.lower_], _money_object(noun)
        rules.append("money")
    elif unit not in ("count", "percent"):
        noun = _money_object(root)
        rules.append("money")
    obj = _object_text(noun, span.end) if noun is not None else None
    return _Read(noun, noun or root, obj, unit, rules)


def _percent(span: Span, root: Token) -> _Read:
    """A share: its object is what "of" governs, else the subject of its verb."""
    pct = span.doc[span.end] if span.end < len(span.doc) and span.doc[span.end].lower_ in (
        "percent", "%") else root
    noun = _money_object(pct, ("of",))
    if noun is None and pct.head.pos_ in ("VERB", "AUX"):
        noun = next((c for c in pct.head.children if c.dep_ in SUBJECTS and c.pos_ in NOUNS), None)
    obj = _object_text(noun, noun.left_edge.i) if noun is not None else None
    return _Read(None, pct, obj, "percent", ["percent"])


def _number_phrases(text: str) -> Iterable[tuple[re.Match[str], NumberPhrase]]:
    """Number phrases of the text; "from 24 to 28" gives two (a change, not a range)."""
    for m in _number_regex().finditer(text):
        ph = _phrase(m)
        if ph is None:
            continue
        if m["join"] and m["join"].lower() == "to" and text[:m.start()].rstrip().lower() \
                .endswith("from"):
            for g in ("n1", "n2"):
                value = parse_number(m[g])
                if value is not None:
                    yield m, NumberPhrase(m.start(g), m.end(g), m.start(g), m.end(g), value,
                                          None, None, "count", ["count", "from_to"])
            continue
        yield m, ph


def _claim(v: _DocView, m: re.Match[str], ph: NumberPhrase) -> Claim | None:
    """One claim from one number phrase, or None when it is not a claim."""
    if (ph.num_start < len(v.text) and v.text[ph.num_start].isdigit()
            and _not_a_count(ph, m, v.text)):
        return None
    span = _tokens(v.doc, ph.num_start, ph.num_end)
    if span is None:
        return None
    read = _read(v, ph, span)
    if read is None or (_year_like(ph, v.text, read.noun) and read.unit == "count"):
        return None
    number = v.text[ph.num_start:ph.num_end].lower()
    if number in ("one", "1") and read.noun is None:
        return None
    pred, default_obj = predicate_of(read.anchor)
    if number in ("one", "1") and pred not in lexicon().canonical \
            and not _counted_alongside(read.noun):
        return None  # "one big question", "one of them said"
    if read.noun is not None and read.noun.dep_ in SUBJECTS and pred in REPORT_VERBS:
        return None  # "the two sides said": a description of the speaker
    if read.noun is not None and _known_parties(read.noun, number):
        return None  # "between the two countries": who, not how many
    obj = read.obj or default_obj or ("people" if pred in lexicon().people else None)
    population = _population(read.noun)
    if population is not None:
        obj, pred = population, "population"
    restated = _restated(read.anchor, v)
    if restated is not None:
        obj, pred = restated
    if obj is None and pred is None and read.unit != "percent":
        return None
    if "money" in read.rules and obj is None:
        return None
    att = attribution(v.doc, read.anchor, ph.start, ph.end)
    denied = "denied" if _denied_above(read.anchor) else None
    hedge = _hedge(denied, att.hedge if att.attributed else None, ph.hedge)
    sent = v.sentence(ph.start)
    return Claim(claimant=att.claimant, claimant_actor=att.actor, attributed=att.attributed,
                 value=ph.value, low=ph.low, high=ph.high, object=obj, predicate=pred,
                 hedge=hedge, sentence=sent.text, start=ph.start, end=ph.end,
                 text=v.text[ph.start:ph.end], unit=read.unit, date=v.date_near(sent, ph.start),
                 reason="claims:" + "+".join([*ph.rules, *read.rules, f"pred:{pred}",
                                              att.rule]))


_PARTY_NOUNS = frozenset({"country", "side", "nation", "neighbour", "neighbor", "rival",
                          "government", "army", "leader", "capital"})


def _known_parties(noun: Token, number: str) -> bool:
    """'the two countries', 'both sides': the parties of the story, not a count."""
    return noun.lemma_.lower() in _PARTY_NOUNS and number in ("two", "2") and any(
        c.dep_ == "det" and c.lower_ in ("the", "both") for c in noun.children)


def _population(noun: Token | None) -> str | None:
    """'the country's 240 million people', 'Pakistan's 240 million citizens': a population."""
    if noun is None or noun.lemma_.lower() not in ("people", "person", "citizen", "inhabitant"):
        return None
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None or not (poss.ent_type_ == "GPE" or poss.lemma_.lower() in ("country", "nation")):
        return None
    return f"population of {noun.doc[poss.left_edge.i:poss.i + 1].text}"


def _restated(anchor: Token, v: _DocView) -> tuple[str, str | None] | None:
    """'five Indian jets, a figure some media have since put at six': a new figure for
    the thing the earlier number counted (its object and predicate)."""
    verb = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
    figure = verb.head if verb.dep_ in ("relcl", "acl") else None
    if figure is None or figure.lemma_.lower() not in ("figure", "number", "toll", "tally",
                                                        "count", "estimate"):
        return None
    counted = figure.head if figure.dep_ == "appos" else None
    if counted is None or counted.pos_ not in NOUNS:
        return None
    pred, _ = predicate_of(counted)
    text = _object_text(counted, counted.left_edge.i)
    return (text, pred) if text else None


def _loser(noun: Token, doc: Doc, speaker: str | None = None) -> str | None:
    """Demonym of who lost ``noun`` ("Pakistan denies losing any planes" -> Pakistani;
    "it did not lose any aircraft, Pakistan said": the speaker), when the noun names no
    nationality itself."""
    if any(c.ent_type_ in ("NORP", "GPE") for c in noun.children):
        return None
    verb = noun.head
    for _ in range(4):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            actor = speaker if subj.lower_ in ("it", "we") else \
                _actor_at(doc, subj.idx, subj.idx + len(subj))
            entry = next((a for a in doc._.actors or () if a.id == actor), None)
            entry = entry or (_dictionary_actor(actor) if actor else None)
            found = nation(entry.country) if entry is not None else None
            return found[1] if found else None
        if verb.dep_ not in ("xcomp", "ccomp", "conj", "pcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _dictionary_actor(actor_id: str) -> Actor | None:
    """The dictionary entry of an actor id as an Actor (for ids the article never named)."""
    entry = dictionary().entries.get(actor_id)
    return Actor(entry.id, entry.name, entry.type, entry.country) if entry else None


def _counted_alongside(noun: Token | None) -> bool:
    """'25 Indians and one Nepali national': a noun coordinated with a counted noun."""
    return noun is not None and any(
        any(c.dep_ == "nummod" for c in other.children) for other in noun.conjuncts)


# ---------------------------------------------------------------- denials
_ZERO_TRIGGER = re.compile(r"\b(?:no|zero|none|any|den(?:y|ies|ied|ying)|reject\w*|dismiss\w*"
                           r"|refut\w*|rebut\w*)\b", re.IGNORECASE)
_DENIAL_PATH = frozenset({"dobj", "ccomp", "xcomp", "acl", "relcl", "pcomp", "pobj", "prep",
                          "advcl"})


def _negated(noun: Token) -> bool:
    """Whether the verb over ``noun`` is negated ("did not lose any aircraft")."""
    head = noun.head
    return head.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in head.children)


def _has_number(noun: Token) -> bool:
    return any(c.dep_ == "nummod" or c.like_num for c in noun.children)


def _loss_nouns(verb: Token) -> list[Token]:
    """Nouns whose loss a denial verb denies: the subject/object of a loss verb
    below it ("rejected claims that Indian jets were downed")."""
    out, stack = [], [(c, 0) for c in verb.children if c.dep_ in _DENIAL_PATH]
    while stack:
        tok, depth = stack.pop()
        if tok.pos_ == "VERB" and _lemma(tok) in lexicon().loss:
            out += [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj") and c.pos_ in NOUNS]
        if depth < 3:
            stack += [(c, depth + 1) for c in tok.children if c.dep_ in _DENIAL_PATH]
    return out


def _zero_noun(tok: Token) -> tuple[Token, Token, str] | None:
    """(noun, first token of the phrase, rule) for "no jets", "not ... any aircraft",
    "none of the jets", or None."""
    low = tok.lower_
    if low in ("no", "zero") and tok.dep_ in ("det", "nummod", "amod") and tok.head.pos_ in NOUNS:
        return tok.head, tok, "no"
    if low == "any" and tok.dep_ == "det" and tok.head.pos_ in NOUNS and (
            _negated(tok.head) or _denied_above(tok.head)):
        return tok.head, tok, "not_any"
    if low == "none":
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        return (pobj, tok, "none_of") if pobj is not None and pobj.pos_ in NOUNS else None
    return None


def _zero_claim(v: _DocView, noun: Token, first: Token, rule: str,
                denier: Token | None = None) -> Claim | None:
    """A claim of 0 for a denied loss of ``noun``; None unless the predicate is a loss."""
    own = lexicon().predicate.get(noun.lemma_.lower())
    pred, default_obj = predicate_of(noun)
    if own in lexicon().loss and pred not in lexicon().loss:
        pred, default_obj = own, None  # "no casualties", "any losses"
    if pred not in lexicon().loss:
        return None
    skip = first.i + 1 if first.i < noun.i and first.lower_ in ("no", "zero", "any", "none") \
        else first.i
    obj = _object_text(noun, skip) if own is None else default_obj
    obj = obj or ("people" if pred in lexicon().people else None)
    start, end = first.idx, noun.idx + len(noun)
    att = attribution(v.doc, noun, start, end)
    if not att.attributed and denier is not None:
        subj = next((c for c in denier.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            s = v.doc[subj.left_edge.i:subj.i + 1]
            att = Attribution(s.text, _actor_at(v.doc, s.start_char, s.end_char), True,
                              "denied", "denial_subject")
    owner = _loser(noun, v.doc, att.actor) if pred == "lose" and own is None else None
    if owner is not None and obj:
        obj = f"{owner} {obj}"  # "Pakistan denies losing any planes": Pakistani planes
    sent = v.sentence(start)
    return Claim(claimant=att.claimant, claimant_actor=att.actor, attributed=att.attributed,
                 value=0.0, low=None, high=None, object=obj, predicate=pred, hedge="denied",
                 sentence=sent.text, start=start, end=end, text=v.text[start:end], unit="count",
                 date=v.date_near(sent, start),
                 reason=f"claims:zero+{rule}+pred:{pred}+{att.rule}")


def zero_claims(v: _DocView) -> list[Claim]:
    """Claims of 0: "no Indian jets were lost", "denied losing any aircraft",
    "rejected claims that Indian jets were downed"."""
    out: list[Claim] = []
    seen: set[int] = set()
    for m in _ZERO_TRIGGER.finditer(v.text):
        span = _tokens(v.doc, m.start(), m.end())
        if span is None:
            continue
        tok = span[0]
        found = [_zero_noun(tok)]
        if tok.pos_ == "VERB" and _cue_hedge(tok.lemma_) == "denied":
            found += [(n, n.left_edge, "denial") for n in _loss_nouns(tok) if not _has_number(n)
                      and not any(c.lower_ in ("any", "no") for c in n.children)]
        for item in found:
            if item is None or item[0].i in seen:
                continue
            claim = _zero_claim(v, *item, denier=tok if item[2] == "denial" else None)
            if claim is not None:
                seen.add(item[0].i)
                out.append(claim)
    return out


_STAND_INS = frozenset({"others", "other", "more", "them", "those"})
_STAND_IN_REACH = 300  # characters


def _inherit_objects(claims: list[Claim]) -> None:
    """"24 people were killed and 13 others injured": "others" takes the object of
    the figure just before it (same or previous sentence)."""
    for prev, cur in itertools.pairwise(claims):
        if (cur.object or "").lower() in _STAND_INS and cur.start - prev.end < _STAND_IN_REACH \
                and prev.object and prev.object.lower() not in _STAND_INS:
            cur.object = prev.object
            cur.reason += "+object_from_previous"


# ---------------------------------------------------------------- component
def extract_claims(doc: Doc) -> list[Claim]:
    """Numeric claims of the document in text order (see the module docstring)."""
    text = doc.text  # built from the tokens on every access: read it once
    times = doc._.times
    if times is None:
        from rashomon.analyze.times import extract_times

        times = extract_times(doc)
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
    v = _DocView(doc, text, times, sents, [s.start_char for s in sents])
    claims = [c for m, ph in _number_phrases(text) if (c := _claim(v, m, ph)) is not None]
    _inherit_objects(claims)
    taken = [(c.start, c.end) for c in claims]
    claims += [z for z in zero_claims(v) if all(z.end <= s or z.start >= e for s, e in taken)]
    return sorted(claims, key=lambda c: c.start)


@Language.factory("rashomon_claims", assigns=["doc._.claims"])
def make_claims(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """spaCy component: fills ``doc._.claims`` with ``extract_claims(doc)``."""

    def component(doc: Doc) -> Doc:
        doc._.claims = extract_claims(doc)
        return doc

    return component
