"""The reporting-verb lexicon (``data/reporting_verbs.yaml``) and cue detection.

A cue is a verb token whose lemma is in the lexicon ("said", "denied") or a
phrasal cue ("called for", "pointed out"); its group ("deny", "warn" ...) goes
into each quote's ``reason`` and gives the hedge the claims analysis uses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.tokens import Doc, Token

from rashomon.models import Quote
from rashomon.resources import load_data

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Lexicon:
    """The reporting-verb lexicon: lemma -> group, phrasal cues, and usage limits."""

    group_of: dict[str, str]
    phrasal: dict[str, tuple[str, frozenset[str]]]
    clause_only: frozenset[str]
    np_content: frozenset[str]
    hedges: dict[str, str]
    source_documents: frozenset[str] = frozenset()
    figure_nouns: frozenset[str] = frozenset()
    non_speakers: frozenset[str] = frozenset()


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
                   frozenset(raw.get("np_content") or []), dict(raw.get("hedges") or {}),
                   frozenset(raw.get("source_documents") or []),
                   frozenset(raw.get("figure_nouns") or []),
                   frozenset(raw.get("non_speakers") or []))


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
