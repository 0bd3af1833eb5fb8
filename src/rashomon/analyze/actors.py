"""Actors: who is mentioned in an article, normalised through ``data/actors.yaml``.

Sources of mentions, merged longest-first:
  * spaCy entities PERSON, ORG, GPE, NORP (titles trimmed off PERSON names);
  * dictionary aliases found by a ``PhraseMatcher`` (built once per vocab), so
    "the Modi government" or "ISPR" are found even when NER misses them;
  * bare surnames/first names of people already named in the article.

Within an article, short person mentions ("Tharoor", "Mr Sharif") join the
full name they abbreviate; titles ("Russian presidential aide") are kept apart
from names in ``Actor.title``. ``doc._.actor_spans`` holds every mention as
``(start_char, end_char, actor_id)``, sorted.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from rashomon.analyze import base  # noqa: F401 - registers the Doc extensions
from rashomon.models import Actor
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

NER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*'s?$")
_WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?", re.UNICODE)


# ---------------------------------------------------------------- dictionary
@dataclass(frozen=True)
class Entry:
    """One actor of the dictionary."""

    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None


@dataclass
class Dictionary:
    """The parsed actor dictionary: entries, alias tables and title words."""

    entries: dict[str, Entry] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)  # normalised alias -> id
    exact: dict[str, str] = field(default_factory=dict)  # acronym as written -> id
    ambiguous: dict[str, dict[str, Any]] = field(default_factory=dict)
    title_words: frozenset[str] = frozenset()
    role_nouns: frozenset[str] = frozenset()
    role_synonyms: dict[str, list[str]] = field(default_factory=dict)
    voices: dict[str, str] = field(default_factory=dict)  # institution id -> its spokes-body id
    nations: dict[str, tuple[str, str]] = field(default_factory=dict)  # iso2 -> (id, demonym)
    surnames: frozenset[str] = frozenset()


def normalise(text: str) -> str:
    """Fold a surface form for lookup: curly quotes, case, 'the', possessive, spaces."""
    s = " ".join(text.translate(_APOS).split()).strip(" ,;:.\"'()").lower()
    s = _LEADING.sub("", s)
    return _POSSESSIVE.sub("", s) if s.endswith(("'s", "s'")) else s


def _is_acronym(alias: str) -> bool:
    """Aliases written with two or more capitals and no space match case-sensitively."""
    return " " not in alias and sum(c.isupper() for c in alias) >= 2


def _add(d: Dictionary, entry: Entry, aliases: list[str]) -> None:
    d.entries[entry.id] = entry
    for alias in [entry.name, *aliases]:
        if not alias:
            continue
        if _is_acronym(alias):
            d.exact.setdefault(alias, entry.id)
        else:
            d.folded.setdefault(normalise(alias), entry.id)


def _country_entries(c: dict[str, Any]) -> list[tuple[Entry, list[str]]]:
    """The country, its government (-GOV) and its military (-MIL) with aliases."""
    name, dem = c["name"], list(c.get("demonyms") or [])
    d0 = dem[0] if dem else name
    cap = [c["capital"]] if c.get("capital") else []
    gov = cap + [f"{x} {w}" for x in dem[:1] + [name] for w in ("government", "authorities",
                                                                 "administration")]
    gov += [f"government of {name}", f"{name}'s government"] + list(c.get("gov_aliases") or [])
    mil = [f"{x} {w}" for x in dem[:1] + [name] for w in ("military", "armed forces")]
    mil += [f"{name}'s military", f"{name}'s armed forces"] + list(c.get("mil_aliases") or [])
    iso2, cid = c["iso2"], c["id"]
    return [
        (Entry(cid, name, "GPE", iso2), [name, *(c.get("aliases") or []), *dem]),
        (Entry(f"{cid}-GOV", c.get("gov_name") or f"{d0} government", "GOV", iso2, "GOV"), gov),
        (Entry(f"{cid}-MIL", c.get("mil_name") or f"{d0} military", "MIL", iso2, "MIL"), mil),
    ]


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """The shipped actor dictionary, parsed once per process."""
    raw = load_data("actors.yaml")
    d = Dictionary(title_words=frozenset(raw.get("title_words") or []),
                   role_nouns=frozenset(raw.get("role_nouns") or []),
                   role_synonyms=dict(raw.get("role_synonyms") or {}))
    for c in raw.get("countries") or []:
        for entry, aliases in _country_entries(c):
            _add(d, entry, aliases)
        d.nations[c["iso2"]] = (c["id"], (c.get("demonyms") or [c["name"]])[0])
    for kind in ("organizations", "extra", "persons"):
        for o in raw.get(kind) or []:
            entry = Entry(o["id"], o["name"], o.get("type") or ("PERSON" if kind == "persons"
                                                              else "ORG"),
                          o.get("country"), o.get("sector"), o.get("title"))
            _add(d, entry, list(o.get("aliases") or []))
    for entry, aliases in _place_entries(raw.get("places") or {}):
        _add(d, entry, aliases)
    for amb in raw.get("ambiguous") or []:
        d.ambiguous[amb["surface"]] = amb
    d.voices = {str(k): str(v) for k, v in (raw.get("voices") or {}).items()}
    return d


def _place_entries(raw: dict[str, Any]) -> list[tuple[Entry, list[str]]]:
    """Towns (country -> names) and regions (name, country, aliases) as GPE entries with
    ids "place:<slug>"."""
    out: list[tuple[Entry, list[str]]] = [
        (Entry(f"place:{_slug(name)}", str(name), "GPE", str(code)), [])
        for code, names in (raw.get("towns") or {}).items() for name in names]
    out += [(Entry(f"place:{_slug(r['name'])}", r["name"], "GPE", r["country"]),
             list(r.get("aliases") or [])) for r in raw.get("regions") or []]
    return out


def nation(iso2: str | None) -> tuple[str, str] | None:
    """(actor id, demonym) of a country code: "IN" -> ("IND", "Indian")."""
    return dictionary().nations.get(iso2 or "")


def voice_of(doc: Doc, actor_id: str | None) -> Actor | None:
    """The body that speaks for an institution ("Pakistani military" -> ISPR), added to
    the article's actors (without mentions) when the article does not name it."""
    d = dictionary()
    vid = d.voices.get(actor_id or "")
    entry = d.entries.get(vid or "")
    if entry is None:
        return None
    found = actor_by_id(doc, entry.id)
    if found is None:
        found = Actor(entry.id, entry.name, entry.type, entry.country, entry.sector, entry.title,
                      reason=f"voice-of:{actor_id}")
        doc._.actors = [*(doc._.actors or []), found]
    return found


def is_place(actor_id: str | None) -> bool:
    """True for the id of a dictionary place (a town or region, not a country)."""
    return bool(actor_id) and str(actor_id).startswith("place:")


def _entry_dict(entry: Entry, alias: str) -> dict[str, Any]:
    return {"id": entry.id, "name": entry.name, "type": entry.type, "country": entry.country,
            "sector": entry.sector, "title": entry.title, "alias": alias}


def _strip(text: str) -> str:
    """Surface form with straight apostrophes, single spaces, no 'the' or possessive."""
    raw = " ".join(text.translate(_APOS).split()).strip(" ,;:.\"'()")
    raw = _LEADING.sub("", raw)
    return _POSSESSIVE.sub("", raw) if raw.endswith(("'s", "s'")) else raw


def _lookup_id(text: str, d: Dictionary) -> str | None:
    """Entry id of a surface form: acronyms as written, ambiguous defaults, folded."""
    raw = _strip(text)
    amb = d.ambiguous.get(raw) or {k.lower(): v for k, v in d.ambiguous.items()}.get(raw.lower())
    if raw in d.exact:
        return d.exact[raw]
    if amb is not None:
        return amb.get("default") or amb["senses"][0]["id"]
    eid = d.folded.get(normalise(text))
    if eid is None and len(raw) > 3:  # "Ispr": an acronym typed in another case
        eid = {k.lower(): v for k, v in d.exact.items()}.get(raw.lower())
    return eid


def lookup_alias(text: str) -> dict[str, Any] | None:
    """Dictionary entry (id, name, type, country, sector, title, alias) for a surface
    form, case-insensitive ("the Kremlin", "ISPR", "Indian"), or None."""
    d = dictionary()
    eid = _lookup_id(text, d)
    return _entry_dict(d.entries[eid], text) if eid in d.entries else None


# ---------------------------------------------------------------- matcher
_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher, PhraseMatcher]] = {}  # the vocab is kept
# alive with its matchers, so its id cannot be reused by another vocab


def phrase_matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """(case-folded, exact-case) matchers over every dictionary alias for this vocab,
    built once per vocab and cached."""
    key = id(vocab)
    if key not in _MATCHERS:
        from spacy.lang.en import English

        tok = English(vocab=vocab).tokenizer
        d = dictionary()
        folded = PhraseMatcher(vocab, attr="NORM")
        exact = PhraseMatcher(vocab, attr="ORTH")
        folded.add("FOLDED", [tok(a) for a in sorted(d.folded)])
        exact.add("EXACT", [tok(a) for a in sorted(set(d.exact) | set(d.ambiguous))])
        _MATCHERS[key] = (vocab, folded, exact)
    return _MATCHERS[key][1:]


def _dictionary_spans(doc: Doc) -> list[Span]:
    """Spans of the doc that are dictionary aliases."""
    folded, exact = phrase_matchers(doc.vocab)
    return [doc[s:e] for _, s, e in folded(doc)] + [doc[s:e] for _, s, e in exact(doc)]


# ---------------------------------------------------------------- mentions
@dataclass
class Mention:
    """One candidate mention: a span, what it resolved to, and how."""

    span: Span
    label: str
    entry: Entry | None = None
    reason: str = ""
    title: str | None = None
    same_as: Mention | None = None  # the long form an acronym was defined for


def _name_words(text: str) -> list[str]:
    """Lowercase words of a name, split on spaces and hyphens ("Bhutto-Zardari")."""
    return [w.strip(".").lower() for w in _WORD.findall(text.translate(_APOS).replace("-", " "))
            if w.strip(".") and w.lower() not in ("'s", "s")]


def _is_verb_form(tok: Token) -> bool:
    """A reporting verb written like a name: headline case glues it to the name before
    ("Obama Says", "Trump Warns Of …")."""
    from rashomon.analyze.reporting import verb_group

    low = tok.lower_
    return low.endswith(("s", "ed")) and (verb_group(tok.lemma_) is not None
                                          or verb_group(low.rstrip("s")) is not None)


def _trim_person(span: Span, titles: frozenset[str]) -> tuple[Span | None, str | None]:
    """Split title words off the front of a PERSON span ("Gen Ahmed Sharif Chaudhry")."""
    cut = span.start
    for tok in span:
        if tok.lower_ in titles or tok.lower_.rstrip(".") in titles or tok.i == cut and tok.is_punct:
            cut = tok.i + 1
    end = next((t.i for t in span.doc[cut + 1:span.end] if _is_verb_form(t)), span.end)
    while end > cut and (span.doc[end - 1].is_punct or span.doc[end - 1].tag_ == "POS"):
        end -= 1
    if cut >= end:
        return None, None
    title = span.doc[span.start:cut].text if cut > span.start else None
    return span.doc[cut:end], title


def _clean_span(span: Span) -> Span | None:
    """Drop leading determiners and trailing possessives/punctuation."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e and (doc[s].dep_ == "det" or doc[s].lower_ in ("the", "a", "an")
                     or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    return doc[s:e] if e > s else None


def _candidates(doc: Doc, d: Dictionary) -> list[Mention]:
    """NER and dictionary mentions, overlapping ones resolved longest-first."""
    cands: list[Mention] = []
    for span in _dictionary_spans(doc):
        clean = _clean_span(span)
        if clean is not None:
            cands.append(Mention(clean, "DICT"))
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        label = ent.label_
        trimmed, title = (_trim_person(ent, d.title_words) if label == "PERSON"
                          else (ent, None))
        if label in ("ORG", "GPE") and ent[0].lower_ in d.title_words:
            cut, cut_title = _trim_person(ent, d.title_words)  # "Air Marshal Bharti"
            if cut is not None and _names_person(cut, d):
                trimmed, title, label = cut, cut_title, "PERSON"
        if label in ("ORG", "GPE") and _named_in_role(ent, d):
            label = "PERSON"  # "the harbour master, Sadia Rahim," tagged ORG by NER
        clean = _clean_span(trimmed) if trimmed is not None else None
        if clean is not None and not all(t.lower_ in d.title_words for t in clean):
            cands.append(Mention(clean, label, title=title))
    cands.sort(key=lambda m: (-(m.span.end - m.span.start), m.label != "DICT", m.span.start))
    taken = bytearray(len(doc))
    kept = []
    for m in cands:
        if not any(taken[m.span.start:m.span.end]):
            taken[m.span.start:m.span.end] = b"\x01" * (m.span.end - m.span.start)
            kept.append(m)
    return sorted(kept, key=lambda m: m.span.start)


def _named_in_role(span: Span, d: Dictionary) -> bool:
    """A name in apposition with a role noun ("the harbour master, Sadia Rahim,", "Sadia
    Rahim, the harbour master,"): two to four capitalised words and no dictionary actor."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or not all(t.pos_ == "PROPN" and t.is_title for t in words) \
            or _lookup_id(span.text, d) is not None:
        return False
    root = span.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in d.role_nouns \
            and root.head.pos_ == "NOUN":
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in d.role_nouns and c.pos_ == "NOUN"
               for c in root.children)


def _names_person(span: Span, d: Dictionary) -> bool:
    """Whether a span is a dictionary person's name or ends with one's surname."""
    eid = _lookup_id(span.text, d)
    if eid is not None:
        return d.entries[eid].type == "PERSON"
    last = _name_words(span.text)[-1:] if span.text else []
    return bool(last) and last[0] in _surnames(d)


def _surnames(d: Dictionary) -> frozenset[str]:
    """Last words of the dictionary's people's names (computed once per dictionary)."""
    if not d.surnames:
        d.surnames = frozenset(w[-1] for e in d.entries.values() if e.type == "PERSON"
                               for w in [_name_words(e.name)] if w)
    return d.surnames


def _sentence_around(span: Span, limit: int = 40) -> Span:
    """The sentence holding the span, found locally (``Span.sent`` scans the whole doc)."""
    doc = span.doc
    s = span.start
    while s > 0 and span.start - s < limit and not doc[s].is_sent_start:
        s -= 1
    e = span.end
    while e < len(doc) and e - span.end < limit and not doc[e].is_sent_start:
        e += 1
    return doc[s:e]


def _disambiguate(span: Span, spec: dict[str, Any], countries: dict[str, int],
                  d: Dictionary) -> Entry | None:
    """Pick the sense of an ambiguous surface by cue words in its sentence, else by
    the country most mentioned in the article, else the listed default."""
    sent_words = {t.text.lower() for t in _sentence_around(span)}
    best, best_hits = None, 0
    for sense in spec.get("senses") or []:
        hits = len(sent_words & {c.lower() for c in sense.get("cues") or []})
        if hits > best_hits:
            best, best_hits = sense["id"], hits
    if best is None and spec.get("default_by_country"):
        ranked = sorted(((countries.get(d.entries[s["id"]].country or "", 0), s["id"])
                         for s in spec["senses"] if s["id"] in d.entries), reverse=True)
        best = ranked[0][1] if ranked and ranked[0][0] > 0 else None
    best = best or spec.get("default")
    return d.entries.get(best) if best else None


def _defined_acronym(m: Mention) -> str | None:
    """The acronym in brackets right after a mention: "National Security Committee (NSC)"."""
    doc, end = m.span.doc, m.span.end
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return None
    acr = doc[end + 1].text
    return acr if len(acr) > 1 and sum(c.isupper() for c in acr) >= 2 and " " not in acr else None


def _link_acronyms(mentions: list[Mention]) -> None:
    """Within an article, an acronym defined in brackets after a name ("... Committee (NSC)")
    names the same actor wherever it appears, whatever else the dictionary says."""
    defined: dict[str, Mention] = {}
    for m in mentions:
        text = m.span.text
        if text in defined and defined[text] is not m and not _is_person(defined[text]):
            long = defined[text]
            m.same_as, m.entry = long, long.entry
            m.reason = f"acronym-of:{long.entry.id if long.entry else long.span.text}"
            continue
        acr = _defined_acronym(m)
        if acr is not None and acr not in defined:
            defined[acr] = m


def _resolve_entries(mentions: list[Mention], d: Dictionary) -> None:
    """Attach dictionary entries: unambiguous aliases first, then ambiguous ones."""
    countries: dict[str, int] = {}
    pending = []
    for m in mentions:
        text = _strip(m.span.text)
        if text in d.ambiguous:
            pending.append(m)
            continue
        eid = d.exact.get(text) or d.folded.get(normalise(text))
        if eid is not None:
            m.entry = d.entries[eid]
            m.reason = f"dictionary:{eid}"
            if m.entry.country:
                countries[m.entry.country] = countries.get(m.entry.country, 0) + 1
    for m in pending:
        m.entry = _disambiguate(m.span, d.ambiguous[_strip(m.span.text)], countries, d)
        m.reason = f"dictionary-ambiguous:{m.entry.id if m.entry else '?'}"


# ---------------------------------------------------------------- titles
_TITLE_POS = ("PROPN", "NOUN", "ADJ", "NUM")


def _left_title(span: Span, titles: frozenset[str]) -> str | None:
    """Title words right before a name, inside its noun phrase or made of title words
    ("Russian presidential aide Yuri Ushakov", "US Secretary of State Marco Rubio")."""
    doc = span.doc
    start = max(min(span.root.left_edge.i, span.start), span.start - 8)
    for i in range(start, span.start):
        if doc[i].is_punct and doc[i].text != "-" or doc[i].is_space or doc[i].dep_ == "det":
            start = i + 1
    for i in range(start - 1, max(-1, start - 6), -1):
        tok = doc[i]
        if tok.lower_ not in titles and not (tok.pos_ in _TITLE_POS
                                             and start <= tok.head.i < span.end):
            break
        start = i
    if start >= span.start:
        return None
    words = doc[start:span.start]
    return words.text if any(t.lower_ in titles or t.pos_ == "NOUN" for t in words) else None


def _appos_title(span: Span, d: Dictionary) -> str | None:
    """Title given in apposition: "X, the army's spokesman," or "the spokesman, X"."""
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in d.role_nouns:
            return phrase_text(child)
    if root.dep_ == "appos" and root.head.lemma_.lower() in d.role_nouns:
        return phrase_text(root.head, stop=root.i)
    return None


_CLAUSE_DEPS = ("relcl", "acl", "appos", "cc", "conj", "advcl", "punct")


def phrase_text(head: Token, stop: int | None = None) -> str:
    """A noun phrase up to its head plus a prepositional tail, without determiner,
    relative clause or apposition ("the ministry's spokesman for Asia")."""
    cut = {c.i for c in head.children if c.dep_ in _CLAUSE_DEPS and c.i > head.i}
    toks = [t for t in head.subtree if (stop is None or t.i < stop)
            and not any(a.i in cut for a in [t, *t.ancestors] if a.i != head.i)]
    while toks and toks[0].i < head.i and (toks[0].dep_ in ("det", "punct") or toks[0].is_space):
        toks = toks[1:]
    out: list[Token] = []
    for t in toks:
        if out and t.i != out[-1].i + 1:
            break  # keep it contiguous
        out.append(t)
    while out and out[-1].i > head.i and (out[-1].is_punct or out[-1].is_space):
        out.pop()
    return head.doc[out[0].i:out[-1].i + 1].text if out else head.text


def _mention_titles(m: Mention, d: Dictionary) -> list[str]:
    """Titles found at one person mention: before the name, inside the entity, in apposition."""
    found = [_left_title(m.span, d.title_words), m.title, _appos_title(m.span, d)]
    return [t for t in found if t]


# ---------------------------------------------------------------- persons
@dataclass
class _Person:
    id: str
    name: str
    words: set[str]
    entry: Entry | None
    last: int = -1  # token index of the latest mention seen so far


def _slug(text: str) -> str:
    return "-".join(_name_words(text)) or re.sub(r"\W+", "-", text.lower()).strip("-")


def _is_person(m: Mention) -> bool:
    return m.entry.type == "PERSON" if m.entry is not None else m.label == "PERSON"


def _containing(words: set[str], people: list[_Person]) -> _Person | None:
    """The person whose name contains all these words; the latest mentioned wins."""
    matches = [p for p in people if words and words <= p.words]
    return max(matches, key=lambda p: (p.last, len(p.words))) if matches else None


def _person_for(m: Mention, people: list[_Person]) -> _Person:
    """The article person this mention names, creating one when new."""
    words = set(_name_words(m.span.text))
    entry = m.entry if m.entry is not None and m.entry.type == "PERSON" else None
    if entry is None or len(words) == 1:
        found = _containing(words, people)
        if found is not None:
            return found
    if entry is not None:
        found = next((p for p in people if p.id == entry.id), None)
        p = found or _Person(entry.id, entry.name, set(_name_words(entry.name)) | words, entry)
    else:
        p = _Person(f"person:{_slug(m.span.text)}", m.span.text, words, None)
    if p not in people:
        people.append(p)
    return p


def _assign_people(mentions: list[Mention]) -> tuple[dict[int, _Person], list[_Person]]:
    """Map person mentions (by index) to article persons. Full names are placed
    first; short ones then join the latest-mentioned person whose name holds them.
    ORG/GPE entities that repeat part of a person's name are people too."""
    people: list[_Person] = []
    out: dict[int, _Person] = {}
    persons = [i for i, m in enumerate(mentions) if _is_person(m)]
    for i in sorted(persons, key=lambda i: -len(_name_words(mentions[i].span.text))):
        if len(_name_words(mentions[i].span.text)) > 1:
            out[i] = _person_for(mentions[i], people)
    maybe = [i for i, m in enumerate(mentions) if m.entry is None and m.label in ("ORG", "GPE")]
    titles = dictionary().title_words
    for i in sorted(persons + maybe):
        m = mentions[i]
        if i not in out:  # an ORG "Air Marshal Bharti" is the person Bharti with a title
            p = _containing(set(_name_words(m.span.text)) - titles, people) if i in maybe \
                else _person_for(m, people)
            if p is None:
                continue
            out[i] = p
        out[i].last = m.span.start
    return out, people


def _bare_names(doc: Doc, mentions: list[Mention], people: list[_Person]) -> list[Mention]:
    """PROPN tokens outside any mention that repeat a word of exactly one person's name."""
    owner: dict[str, list[_Person]] = {}
    for p in people:
        for w in p.words:
            if len(w) > 2:
                owner.setdefault(w, []).append(p)
    if not owner:
        return []
    taken = bytearray(len(doc))
    for m in mentions:
        taken[m.span.start:m.span.end] = b"\x01" * (m.span.end - m.span.start)
    lasts = {_last_word(p) for p in people if len(p.words) > 1}
    return [Mention(doc[t.i:t.i + 1], "PERSON", reason="bare-name") for t in doc
            if not taken[t.i] and len(owner.get(t.lower_, ())) == 1
            and (t.pos_ == "PROPN" or (t.is_title and t.lower_ in lasts and len(t) > 3))
            and (not t.ent_type_ or t.ent_type_ in NER_LABELS)]


def _last_word(p: _Person) -> str:
    words = _name_words(p.name)
    return words[-1] if words else ""


# ---------------------------------------------------------------- actors
def _country_inside(span: Span, d: Dictionary) -> str | None:
    """Country code of the first country/demonym word inside an unknown entity."""
    for tok in span:
        eid = d.folded.get(tok.lower_)
        entry = d.entries.get(eid) if eid else None
        if entry is not None and entry.type == "GPE":
            return entry.country
    return None


def _other_actor(m: Mention, d: Dictionary) -> Actor:
    """A new Actor for a non-person mention: its dictionary entry, or the entity itself."""
    if m.same_as is not None and m.entry is None:
        return _other_actor(m.same_as, d)
    if m.entry is not None:
        e = m.entry
        return Actor(e.id, e.name, e.type, e.country, e.sector, e.title, reason=m.reason)
    name = m.span.text
    return Actor(f"{m.label.lower()}:{_slug(name)}", name, m.label, _country_inside(m.span, d),
                 None, reason=f"ner:{m.label}")


def _person_actor(p: _Person) -> Actor:
    e = p.entry
    return Actor(id=p.id, name=p.name, type="PERSON", country=e.country if e else None,
                 sector=e.sector if e else None, title=None,
                 reason=f"dictionary:{p.id}" if e else "ner:PERSON")


def _add_title(actor: Actor, title: str | None) -> None:
    """Keep every distinct title of a person, "; "-separated, first found first."""
    if title and (not actor.title or title.lower() not in actor.title.lower()):
        actor.title = f"{actor.title}; {title}" if actor.title else title


def _collect(doc: Doc, mentions: list[Mention], d: Dictionary) -> list[Actor]:
    """Group mentions into actors, in order of first mention."""
    person_of, people = _assign_people(mentions)
    extra = _bare_names(doc, mentions, people)
    for i, m in enumerate(extra, start=len(mentions)):
        person_of[i] = _containing(set(_name_words(m.span.text)), people)  # type: ignore[assignment]
    actors: dict[str, Actor] = {}
    for i, m in sorted(enumerate(mentions + extra), key=lambda x: x[1].span.start):
        if i in person_of:
            p = person_of[i]
            actor = actors.setdefault(p.id, _person_actor(p))
            for title in _mention_titles(m, d):
                _add_title(actor, title)
        else:
            actor = _other_actor(m, d)
            actor = actors.setdefault(actor.id, actor)
        actor.mentions.append((m.span.start_char, m.span.end_char))
    for p in people:
        if p.id in actors and p.entry is not None:
            _add_title(actors[p.id], p.entry.title)
    return list(actors.values())


def extract_actors(doc: Doc) -> list[Actor]:
    """Actors mentioned in a parsed doc, normalised through the actor dictionary."""
    d = dictionary()
    mentions = _candidates(doc, d)
    _resolve_entries(mentions, d)
    _link_acronyms(mentions)
    return _collect(doc, mentions, d)


def actor_spans(actors: list[Actor]) -> list[tuple[int, int, str]]:
    """Every mention as (start_char, end_char, actor_id), sorted."""
    return sorted((s, e, a.id) for a in actors for s, e in a.mentions)


# ---------------------------------------------------------------- lookups
def actor_by_id(doc: Doc, actor_id: str | None) -> Actor | None:
    """The article actor with this id, or None."""
    for a in doc._.actors or []:
        if a.id == actor_id:
            return a
    return None


def actor_at(doc: Doc, start_char: int, end_char: int) -> Actor | None:
    """The actor whose mention overlaps [start_char, end_char) the most, or None."""
    spans = doc._.actor_spans or []
    i = bisect.bisect_left(spans, (start_char - 200, 0, ""))
    best, best_overlap = None, 0
    for s, e, aid in spans[i:]:
        if s >= end_char:
            break
        overlap = min(e, end_char) - max(s, start_char)
        if overlap > best_overlap:
            best, best_overlap = aid, overlap
    return actor_by_id(doc, best) if best else None


_FILLER = frozenset(["the", "a", "an", "of", "'s", "his", "her", "its", "their", "our", "this", "that"])


def _title_fits(words: set[str], actor: Actor, d: Dictionary) -> bool:
    """Every word of a role phrase is in the actor's titles (synonyms allowed), or is a
    country/demonym of the actor's own country ("the Pakistani foreign minister")."""
    have = set(_name_words(actor.title or ""))
    for w in list(have):
        have |= set(d.role_synonyms.get(w, []))
    for w in words:
        if w in have:
            continue
        eid = d.folded.get(w)
        entry = d.entries.get(eid) if eid else None
        if entry is None or entry.type != "GPE" or entry.country != actor.country:
            return False
    return True


def holder_of_title(doc: Doc, text: str, before: int | None = None) -> Actor | None:
    """The named person whose title fits a role phrase ("the spokesman", "the Democratic
    nominee"), preferring the one mentioned last before char offset ``before``."""
    d = dictionary()
    words = set(_name_words(text)) - _FILLER
    if not words & (d.role_nouns | set(d.role_synonyms)):
        return None
    people = [a for a in doc._.actors or [] if a.type == "PERSON" and a.title]
    found = [a for a in people if _title_fits(words, a, d)]
    roles = words & (d.role_nouns | set(d.role_synonyms))
    named = any(w[:1].isupper() and w.lower() not in roles | _FILLER for w in text.split())
    if not found and not named:  # "the military spokesman", one spokesman in the article
        found = [a for a in people if _title_fits(roles, a, d)]
        found = found if len(found) == 1 else []
    return max(found, key=lambda a: _last_before(a, before)) if found else None


def _last_before(actor: Actor, before: int | None) -> int:
    starts = [s for s, _ in actor.mentions if before is None or s < before]
    return max(starts) if starts else -1


def resolve_mention(doc: Doc, text: str) -> Actor | None:
    """Look a name or title string up among the article's actors, then the dictionary."""
    key = normalise(text)
    words = set(_name_words(text)) - dictionary().title_words
    actors = doc._.actors or []
    for a in actors:
        if normalise(a.name) == key:
            return a
    if words:
        for a in actors:
            if a.type == "PERSON" and words <= set(_name_words(a.name)):
                return a
    holder = holder_of_title(doc, text)
    if holder is not None:
        return holder
    entry = lookup_alias(text)
    if entry is None:
        return None
    return actor_by_id(doc, entry["id"]) or Actor(
        entry["id"], entry["name"], entry["type"], entry["country"], entry["sector"],
        entry["title"], reason=f"dictionary:{entry['id']}")


# ---------------------------------------------------------------- component
@Language.factory("rashomon_actors", requires=["doc.ents", "token.dep"],
                  assigns=["doc._.actors", "doc._.actor_spans"])
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    """spaCy factory: the actors component."""
    return ActorsComponent(nlp)


class ActorsComponent:
    """Fills ``doc._.actors`` and ``doc._.actor_spans``."""

    def __init__(self, nlp: Language) -> None:
        phrase_matchers(nlp.vocab)  # build the matchers once, at pipeline build time

    def __call__(self, doc: Doc) -> Doc:
        """Run ``extract_actors`` on the doc."""
        actors = extract_actors(doc)
        doc._.actors = actors
        doc._.actor_spans = actor_spans(actors)
        return doc
