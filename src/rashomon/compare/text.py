"""Small text helpers for the compare stage: sentences, terms, country cues.

The compare stage works on stored ``Article`` dataclasses, without spaCy, so it
runs over a whole store quickly; these helpers are deliberately plain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rashomon.resources import load_data


def _wordset(text: str) -> list[str]:
    """The whitespace-separated words of a literal block."""
    return text.split()


_ABBREV = frozenset(_wordset("""mr mrs ms dr prof gen lt col maj capt adm sgt cpl brig st jr sr rev hon gov sen rep no vs
etc inc ltd co corp dept govt approx est fig jan feb mar apr jun jul aug sep sept oct nov
dec u.s u.k u.n a.m p.m"""))

_BOUNDARY = re.compile(r"([.!?])([\"'\u201d\u2019)\]]*)(\s+)(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")

STOPWORDS = frozenset(_wordset("""a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
out over own same she should so some such than that the their theirs them then there these
they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours yourself said says say saying told tell
according added adding may might must shall one two three four five six seven eight nine ten
first second third last new year years day days week weeks month months time times today
yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday morning evening
night afternoon january february march april june july august september october november
december mr mrs ms per cent percent many much several since around amid another among least
well like even still yet however though although whether across including include includes
made make makes making take took taken get got go went come came back people official
officials statement news report reports reported reporting reuters agency agencies press"""))

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|[A-Za-z]")
_NAME_RUN = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:[\s-](?:of\s+|the\s+)?(?:[A-Z][a-z]+|[A-Z]{2,}))+")


@dataclass(frozen=True)
class Sentence:
    """A sentence span of an article's text."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text``: paragraph breaks and sentence-final punctuation."""
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        base, chunk = para.start(), para.group(0)
        cut = 0
        for m in _BOUNDARY.finditer(chunk):
            if _is_abbreviation(chunk, m.start()):
                continue
            end = m.end(2)
            _add(out, text, base + cut, base + end)
            cut = m.end(3)
        _add(out, text, base + cut, base + len(chunk))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def _is_abbreviation(chunk: str, dot: int) -> bool:
    if chunk[dot] != ".":
        return False
    m = re.search(r"([A-Za-z.]+)$", chunk[:dot])
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    return word in _ABBREV or (len(word) == 1 and chunk[dot - 1].isupper())


def sentence_at(sentences: list[Sentence], offset: int) -> int | None:
    """Index of the sentence holding character ``offset`` (binary search)."""
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if offset < s.start:
            hi = mid - 1
        elif offset >= s.end:
            lo = mid + 1
        else:
            return mid
    if sentences and lo < len(sentences) and lo > 0 and offset < sentences[lo].start:
        return lo - 1  # in the whitespace between two sentences
    return None


def singular(word: str) -> str:
    """A crude singular for term matching ("strikes" -> "strike", "casualties" -> "casualty")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and re.search(r"(ches|shes|sses|xes)$", word):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not re.search(r"(ss|us|is|ous)$", word):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lowercase word tokens, possessives stripped."""
    out = []
    for w in _WORD.findall(text or ""):
        w = w.lower().replace("\u2019", "'")
        w = re.sub(r"'s?$", "", w)
        out.append(w)
    return out


def terms(text: str) -> list[str]:
    """Content terms for similarity: singular, non-stopword, non-numeric words."""
    return [singular(w) for w in words(text) if w not in STOPWORDS and len(w) > 2]


def name_phrases(text: str) -> list[str]:
    """Runs of capitalised words ("Indus Waters Treaty"), lowercased, as phrase terms."""
    out = []
    for m in _NAME_RUN.finditer(text or ""):
        toks = [t for t in re.split(r"[\s-]+", m.group(0)) if t.lower() not in ("the", "of")]
        if len(toks) >= 2:
            out.append(" ".join(t.lower() for t in toks))
    return out


def parse_date(value: str | None) -> date | None:
    """A ``date`` from "YYYY-MM-DD" (longer strings are cut); None otherwise."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def human_date(d: date | None) -> str:
    """"22 April 2025" (no leading zero)."""
    return f"{d.day} {d.strftime('%B %Y')}" if d else "date unknown"


# ---------------------------------------------------------------- sides
@lru_cache(maxsize=1)
def _sides() -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    data = load_data("topics.yaml")["sides"]
    cue_to_code: dict[str, str] = {}
    names: dict[str, str] = {}
    for entry in data:
        code = entry["code"]
        names[code] = entry.get("short", entry["name"])
        for cue in [entry["name"], *entry.get("cues", []), *entry.get("places", [])]:
            cue_to_code[cue.lower()] = code
    return cue_to_code, names, _cue_pattern(cues_of(data))


def cues_of(entries: list[dict]) -> list[str]:
    """All cue strings of the ``sides`` entries (names, cues, places)."""
    return [c for e in entries for c in [e["name"], *e.get("cues", []), *e.get("places", [])]]


def _cue_pattern(cues: list[str]) -> re.Pattern[str]:
    """One regex for all cues: short all-caps cues ("US", "UN") match case-sensitively."""
    parts = []
    for cue in sorted(set(cues), key=len, reverse=True):
        strict = len(cue) <= 4 and any(ch.isupper() for ch in cue)
        parts.append(re.escape(cue) if strict else "(?i:" + re.escape(cue) + ")")
    return re.compile(r"(?<![\w-])(" + "|".join(parts) + r")(?![\w-])")


def side_name(code: str | None) -> str:
    """Display name of a side code ("PK" -> "Pakistan", "US" -> "US"); the code when unknown."""
    if not code:
        return "unknown"
    return _sides()[1].get(code, code)


def country_cues(text: str) -> list[tuple[str, int, int]]:
    """(country code, start, end) of every country name, demonym or place cue in ``text``."""
    cue_to_code, _, pattern = _sides()
    return [(cue_to_code[m.group(1).lower()], m.start(), m.end()) for m in pattern.finditer(text)]


def country_of_name(name: str | None) -> str | None:
    """The country a name points at ("Pakistani military" -> "PK"); None when none or several."""
    codes = {c for c, _, _ in country_cues(name or "")}
    return codes.pop() if len(codes) == 1 else None
