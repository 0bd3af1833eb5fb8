"""Loaded and contested terms ("framing") and the leaning they add up to.

``extract_frames(doc)`` matches the framing lexicon (``data/frames.yaml`` plus an
optional user file, see ``load_frames``) with one spaCy ``PhraseMatcher`` on
lowercased tokens, keeps the longest non-overlapping matches, and files each
under the side whose narrative it carries. Terms both sides use ("unprovoked",
"martyred") take their side from the noun phrase or clause they sit in.
``leaning_of`` turns an article's frames into a ``Leaning``. The
``rashomon_frames`` component fills ``doc._.frames`` and ``doc._.leaning``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from rashomon.analyze.base import context_of
from rashomon.errors import UsageError
from rashomon.models import Frame, Leaning
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

NEUTRAL = "NEUTRAL"
GENERAL = "general"
CONTEXTS = (None, "for", "against")
#: Weight of a term inside quoted speech: the speaker's words, which the outlet chose.
QUOTED_WEIGHT = 0.5
#: Dependencies whose subtree may name the side a context term is applied to.
SIDE_DEPS = frozenset({"poss", "amod", "compound", "nmod", "prep", "agent", "pobj", "nsubj",
                       "nsubjpass", "appos"})
MAX_SIDE_SUBTREE = 8


@dataclass(frozen=True)
class Term:
    """One framing-lexicon entry."""

    id: str
    conflict: str
    leaning: str
    category: str
    neutral: str | None
    variants: tuple[str, ...]
    context: str | None = None
    note: str | None = None
    origin: str = "frames.yaml"


@dataclass
class FrameLexicon:
    """Terms and conflict sides, with one matcher per vocabulary built on first use."""

    terms: dict[str, Term] = field(default_factory=dict)
    sides: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    _matchers: dict[int, PhraseMatcher] = field(default_factory=dict, repr=False)

    def matcher(self, vocab: Vocab, make_doc: Any = None) -> PhraseMatcher:
        """The PhraseMatcher (attr LOWER) of every term variant and side alias."""
        key = id(vocab)
        if key not in self._matchers:
            make = make_doc or spacy.blank("en", vocab=vocab).make_doc
            m = PhraseMatcher(vocab, attr="LOWER")
            for term in self.terms.values():
                m.add(f"T|{term.id}", [make(v) for v in _surface_forms(term.variants)])
            for conflict, sides in self.sides.items():
                for code, aliases in sides.items():
                    m.add(f"S|{conflict}|{code}", [make(a) for a in _surface_forms(aliases)])
            self._matchers[key] = m
        return self._matchers[key]

    def opposite(self, conflict: str, code: str) -> str | None:
        """The other side of a two-sided conflict."""
        others = [c for c in self.sides.get(conflict, {}) if c != code]
        return others[0] if len(others) == 1 else None


def _surface_forms(variants: Iterable[str]) -> list[str]:
    """Each variant plus its hyphen/space and curly-apostrophe spellings, and for a
    one-word acronym the form with a full stop, which the tokenizer keeps attached
    at the end of a sentence ("hit PoK.")."""
    out: dict[str, None] = {}
    for v in variants:
        for form in (v, v.replace("-", " "), v.replace("-", "")):
            out[form] = None
            if "'" in form:
                out[form.replace("'", "\u2019")] = None
        if " " not in v and any(c.isupper() for c in v[1:]):
            out[v + "."] = None
    return list(out)


# ---------------------------------------------------------------- loading
def _term(raw: dict[str, Any], origin: str) -> Term:
    """Validate one term entry from YAML."""
    missing = [k for k in ("id", "leaning", "category", "variants") if not raw.get(k)]
    if missing:
        raise UsageError(f"{origin}: term {raw.get('id', '?')!r} lacks {', '.join(missing)}")
    if raw.get("context") not in CONTEXTS:
        raise UsageError(f"{origin}: term {raw['id']!r}: context must be 'for' or 'against'")
    variants = raw["variants"]
    if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
        raise UsageError(f"{origin}: term {raw['id']!r}: variants must be a list of strings")
    return Term(id=str(raw["id"]), conflict=str(raw.get("conflict") or GENERAL),
                leaning=str(raw["leaning"]).upper(), category=str(raw["category"]),
                neutral=raw.get("neutral"), variants=tuple(variants),
                context=raw.get("context"), note=raw.get("note"), origin=origin)


def _merge(lex: FrameLexicon, data: dict[str, Any], origin: str) -> None:
    """Add (or replace, by id) the terms and conflict sides of one parsed file."""
    if not isinstance(data, dict):
        raise UsageError(f"{origin}: expected a mapping with 'conflicts' and/or 'terms'")
    for conflict, spec in (data.get("conflicts") or {}).items():
        sides = lex.sides.setdefault(str(conflict), {})
        for code, aliases in ((spec or {}).get("sides") or {}).items():
            sides[str(code).upper()] = tuple(sides.get(str(code).upper(), ())) + tuple(
                str(a) for a in aliases)
    for raw in data.get("terms") or ():
        term = _term(raw, origin)
        lex.terms[term.id] = term


def load_frames(extra: str | Path | None = None) -> FrameLexicon:
    """The shipped framing lexicon, merged with a user YAML file in the same format
    (its terms replace shipped ones with the same id); cached per path."""
    return _load(str(Path(extra).resolve()) if extra else None)


@lru_cache(maxsize=8)
def _load(extra: str | None) -> FrameLexicon:
    lex = FrameLexicon()
    _merge(lex, load_data("frames.yaml"), "frames.yaml")
    if extra:
        path = Path(extra)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise UsageError(f"cannot read frames file {path}: {exc}") from exc
        _merge(lex, data, path.name)
        logger.info("frames: %d terms after merging %s", len(lex.terms), path)
    return lex


# ---------------------------------------------------------------- matching
def _side_index(doc: Doc, matches: list[tuple[str, int, int]],
                lex: FrameLexicon | None = None) -> dict[int, tuple[str, str]]:
    """token index -> (conflict, side code) for side-alias mentions (longest wins), and
    for mentions of actors whose country is a side ("Khawaja Asif": PK)."""
    spans = filter_spans([Span(doc, s, e, label=lab) for lab, s, e in matches
                          if lab.startswith("S|")])
    out: dict[int, tuple[str, str]] = {}
    for span in spans:
        _, conflict, code = span.label_.split("|")
        for i in range(span.start, span.end):
            out[i] = (conflict, code)
    if lex is not None:
        for conflict, code, span in _actor_sides(doc, lex):
            for i in range(span.start, span.end):
                out.setdefault(i, (conflict, code))
    return out


def _actor_sides(doc: Doc, lex: FrameLexicon) -> Iterator[tuple[str, str, Span]]:
    """(conflict, side, span) of every actor mention whose country is a conflict's side."""
    codes = {code: conflict for conflict, sides in lex.sides.items() for code in sides}
    country = {a.id: a.country for a in doc._.actors or () if a.country in codes}
    for start, end, aid in doc._.actor_spans or ():
        code = country.get(aid)
        span = doc.char_span(start, end, alignment_mode="expand") if code else None
        if code and span is not None and not aid.startswith("place:"):
            yield codes[code], code, span


def _victim_side(span: Span, lex: FrameLexicon) -> str | None:
    """For a violence term with no side in sight: the country its event hit, else the
    country the article's attacks hit clearly most (the victims' words for their loss)."""
    doc = span.doc
    codes = {code for sides in lex.sides.values() for code in sides}
    country = {a.id: a.country for a in doc._.actors or () if a.country}
    hits = [(e, country.get(e.target or "", e.target)) for e in doc._.events or ()
            if e.type == "ASSAULT" and e.target and not e.negated and not e.hypothetical]
    for e, code in hits:
        if e.start <= span.start_char < e.end and code in codes:
            return code
    tally = Counter(code for _, code in hits if code in codes)
    if tally and tally.most_common(1)[0][1] * 3 >= 2 * sum(tally.values()) + 1:
        return tally.most_common(1)[0][0]
    return None


def _article_conflict(lex: FrameLexicon, sides: dict[int, tuple[str, str]],
                      terms: list[Term]) -> str | None:
    """The conflict most side names and conflict-specific terms point at."""
    votes = Counter(conflict for conflict, _ in sides.values())
    votes.update(t.conflict for t in terms if t.conflict != GENERAL)
    return votes.most_common(1)[0][0] if votes else None


def _neighbourhood(span: Span, own_side: bool = False) -> Iterator[Token]:
    """Tokens that may name whom a term is applied to: the term's own modifiers, the
    noun it modifies and that noun's modifiers, and the subject of its clause. For a
    term about a side's own people (``own_side``) a prepositional phrase counts only
    with "of": in "civilians martyred in India's strikes" India is the cause."""
    root = span.root
    anchors = [root]
    if root.dep_ in ("amod", "compound", "advmod", "acomp") or root.pos_ == "ADJ":
        anchors.append(root.head)
    for anchor in anchors:
        for child in anchor.children:
            if own_side and child.dep_ == "prep" and child.lower_ != "of":
                continue
            if child.dep_ in SIDE_DEPS and child.i not in range(span.start, span.end):
                sub = list(child.subtree)
                yield from (sub if len(sub) <= MAX_SIDE_SUBTREE else [child])
    clause = anchors[-1]
    while clause.dep_ in ("pobj", "prep", "dobj", "attr", "conj") and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ in ("VERB", "AUX"):
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass", "agent"):
                sub = list(child.subtree)
                yield from (sub if len(sub) <= MAX_SIDE_SUBTREE else [child])


def _context_leaning(term: Term, span: Span, lex: FrameLexicon,
                     sides: dict[int, tuple[str, str]], conflict: str | None) -> tuple[str, str]:
    """(leaning, why) for a term whose side depends on whom it is applied to."""
    for tok in (*span, *_neighbourhood(span, term.context == "for")):
        if tok.i in sides:
            side_conflict, code = sides[tok.i]
            if term.context == "for":
                return code, f"for {code}"
            other = lex.opposite(side_conflict, code)
            if other:
                return other, f"against {code}"
    if term.conflict in (GENERAL, conflict):
        return term.leaning, "default"
    return NEUTRAL, "default outside its conflict"


def extract_frames(doc: Doc, lexicon: FrameLexicon | None = None) -> list[Frame]:
    """Framing terms in a document, longest match first and never overlapping."""
    lex = lexicon or load_frames()
    raw = [(doc.vocab.strings[mid], s, e) for mid, s, e in lex.matcher(doc.vocab)(doc)]
    spans = filter_spans([Span(doc, s, e, label=lab) for lab, s, e in raw
                          if lab.startswith("T|")])
    sides = _side_index(doc, raw, lex)
    terms = [lex.terms[span.label_[2:]] for span in spans]
    conflict = _article_conflict(lex, sides, terms)
    frames = []
    text = doc.text  # re-joined from the tokens on every access: read it once
    for span, term in zip(spans, terms, strict=True):
        leaning, why = term.leaning, ""
        if term.context:
            leaning, ctx = _context_leaning(term, span, lex, sides, conflict)
            why = f" [context {ctx}]"
            victim = _victim_side(span, lex) \
                if ctx.startswith("default") and term.category == "violence" \
                and term.context == "against" else None
            if victim is not None:
                leaning, why = victim, f" [context victims {victim}]"
        end = span.end_char - (span.text.endswith(".") and not any(
            v.endswith(".") for v in term.variants))
        start = _owner_start(span, sides) if term.context else span.start_char
        frames.append(Frame(text=text[start:end], neutral=term.neutral,
                            leaning=leaning, category=term.category, start=start,
                            end=end,
                            term=term.id, conflict=term.conflict,
                            reason=f"{term.origin}:{term.id}{why}"))
    return frames


def _owner_start(span: Span, sides: dict[int, tuple[str, str]]) -> int:
    """Start of the term with the side that owns it, when a possessive names that side
    right before it ("New Delhi's narrative"): the loaded phrase is the whole."""
    poss = next((c for c in span.root.children if c.dep_ == "poss"), None)
    if poss is None or poss.right_edge.i + 1 != span.start or poss.i not in sides:
        return span.start_char
    first = poss.left_edge
    while first.i < poss.i and first.dep_ == "det":
        first = first.nbor()
    return first.idx


# ---------------------------------------------------------------- leaning
def leaning_of(frames: Iterable[Frame], registry_side: str | None = None,
               quoted: Iterable[tuple[int, int]] = ()) -> Leaning:
    """Share of framing weight per side (NEUTRAL included) and the inferred side:
    the top side when it has weight >= 2 and at least twice the next side's, or
    NEUTRAL when neutral wording outweighs loaded terms three to one."""
    ranges = list(quoted)
    weights: dict[str, float] = {}
    for f in frames:
        inside = any(s <= f.start < e for s, e in ranges)
        weights[f.leaning] = weights.get(f.leaning, 0.0) + (QUOTED_WEIGHT if inside else 1.0)
    total = sum(weights.values())
    scores = {k: round(v / total, 3) for k, v in sorted(weights.items())} if total else {}
    loaded = [(v, k) for k, v in weights.items() if k != NEUTRAL]
    loaded.sort(reverse=True)
    inferred = None
    if loaded and loaded[0][0] >= 2 and (len(loaded) == 1 or loaded[0][0] >= 2 * loaded[1][0]):
        inferred = loaded[0][1]
    elif weights.get(NEUTRAL, 0) >= 3 and sum(v for v, _ in loaded) * 3 <= weights[NEUTRAL]:
        inferred = NEUTRAL
    return Leaning(scores=scores, inferred_side=inferred, registry_side=registry_side)


class FramesComponent:
    """spaCy component: fills ``doc._.frames`` and ``doc._.leaning``."""

    def __init__(self, nlp: Language, extra: str | None = None) -> None:
        self.lexicon = load_frames(extra)
        self.lexicon.matcher(nlp.vocab, nlp.make_doc)  # build once, with this tokenizer

    def __call__(self, doc: Doc) -> Doc:
        frames = extract_frames(doc, self.lexicon)
        quoted = [(q.start, q.end) for q in doc._.quotes or ()]
        doc._.frames = frames
        doc._.leaning = leaning_of(frames, context_of(doc).outlet_country, quoted)
        return doc


@Language.factory("rashomon_frames", assigns=["doc._.frames", "doc._.leaning"],
                  default_config={"extra": None})
def make_frames(nlp: Language, name: str, extra: str | None) -> FramesComponent:
    """Factory of the ``rashomon_frames`` component; ``extra`` is a user frames file."""
    return FramesComponent(nlp, extra)
