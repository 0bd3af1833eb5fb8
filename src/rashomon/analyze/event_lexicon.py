"""The event lexicon (``data/events.yaml``) and its indexes, built once per process.

See the header of events.yaml for the sections; ``EventLexicon.from_data`` turns
them into dictionaries keyed by lowercased lemma, so finding triggers costs one or
two lookups per token.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from rashomon.resources import load_data

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
#: Second words of a noun entry that are a required child, not a token sequence.
CHILD_PREPS = frozenset({"for", "on", "upon", "of", "to", "with", "against"})


def token_keys(tok: Token) -> tuple[str, str]:
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
    instrument: bool = False  # a rule whose object may be the head's "with" phrase


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
        _check_strings(data)
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


def _check_strings(node: Any, path: str = "events.yaml") -> None:
    """Refuse non-string words: unquoted YAML ``on``/``off``/``no`` parse as booleans."""
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str):
                msg = f"{path}: key {key!r} is not a string (quote it)"
                raise ValueError(msg)  # noqa: TRY004 - a data error, like an unknown type
            if key not in ("consumes", "instrument"):
                _check_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for item in node:
            _check_strings(item, path)
    elif node is not None and not isinstance(node, str):
        raise ValueError(f"{path}: {node!r} is not a string (quote it)")


_SETS = ("light_verbs", "modals", "hypothetical_modifiers", "conditional_marks",
         "negative_determiners", "actor_nouns", "location_preps", "reporting_verbs",
         "communicative_types", "frame_nouns", "quantity_nouns", "adversarial", "pair_nouns",
         "paired_by_itself", "home_institutions", "victim_nouns", "bilateral_nouns",
         "territorial", "visit_verbs", "visitors")


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
                          bool(rule.get("consumes")), frozenset(objects),
                          bool(rule.get("instrument")))
            lex.rules.setdefault(words[0], []).append(entry)
            lex.rules[words[0]].sort(key=lambda e: -len(e.words))


@lru_cache(maxsize=1)
def default_lexicon() -> EventLexicon:
    """The shipped lexicon (data/events.yaml), built once per process."""
    return EventLexicon.from_data(load_data("events.yaml"))
