"""Find and remove the dateline that opens a news body.

Handles the shapes used by wires and South Asian and Western papers:
"ISLAMABAD:", "WASHINGTON/NEW DELHI/MOSCOW:", "LONDON (AP) —",
"NEW DELHI, May 8 (Reuters) -", "Srinagar, May 7:", "New Delhi [India], May 8 (ANI):",
"Islamabad (AFP) -" and "New Delhi: ...".
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from rashomon.models import Dateline
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = (rf"(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?)"
         r"(?:,?\s+\d{4})?")
_AGENCY = r"\((?:[A-Z][\w&/.' -]{0,24})\)"
_SEP = r"(?:\s*[:—–_]|\s+-{1,2}|\s*\|)(?:\s+|(?=[\"“‘A-Z]))"  # "_" is old AP style
_CAPS_WORD = r"[A-Z][A-Z.'’-]*[A-Z.]"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}"
_TITLE_WORD = r"[A-Z][a-zà-ÿ.'’-]+"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|and|of|al|el|ul|de)){{0,3}}"
_BRACKET = r"(?:\s*\[[^\]\n]{1,40}\])?"
_REGION = r"(?:,\s*[A-Z][A-Za-z.-]+(?:[ -][A-Z][A-Za-z.-]+){0,2})?"

_CAPS = re.compile(
    rf"^\s*(?P<places>{_CAPS_PLACE}(?:\s*/\s*{_CAPS_PLACE})*){_BRACKET}{_REGION}"
    rf"(?:,\s*{_DATE})?\s*(?:{_AGENCY})?{_SEP}")
_TITLE_DATED = re.compile(
    rf"^\s*(?P<places>{_TITLE_PLACE}(?:\s*/\s*{_TITLE_PLACE})*){_BRACKET},\s*{_DATE}"
    rf"\s*(?:{_AGENCY})?{_SEP}")
_TITLE_AGENCY = re.compile(
    rf"^\s*(?P<places>{_TITLE_PLACE}(?:\s*/\s*{_TITLE_PLACE})*){_BRACKET}{_REGION}\s*{_AGENCY}{_SEP}")
_TITLE_COLON = re.compile(
    rf"^\s*(?P<places>{_TITLE_PLACE}(?:\s*/\s*{_TITLE_PLACE})*){_BRACKET}\s*:\s+(?=[\"“‘A-Z0-9])")

_SMALL = frozenset({"and", "of", "al", "el", "ul", "de", "upon", "on"})
_SPLIT_PLACES = re.compile(r"\s*/\s*")
_BRACKET_RE = re.compile(_BRACKET.removesuffix("?"))


def _word_case(word: str, first: bool) -> str:
    """'DELHI' -> 'Delhi', 'AND' -> 'and' (not first), "O'HARE" -> "O'Hare"."""
    low = word.lower()
    if low in _SMALL and not first:
        return low
    parts = [p[:1].upper() + p[1:] for p in low.split("-")]
    out = "-".join(parts)
    if len(out) > 2 and out[1] in "'’":
        out = out[:2] + out[2].upper() + out[3:]
    return out


def _place_name(raw: str) -> str:
    """A place as written in the dateline, title-cased when it was in capitals."""
    raw = " ".join(raw.split())
    if raw.isupper():
        return " ".join(_word_case(w, i == 0) for i, w in enumerate(raw.split(" ")))
    return raw


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(labels, places accepted in the bare 'Place:' form), lowercased, from cleanup.yaml."""
    data = load_data("cleanup.yaml")["dateline"]
    labels = frozenset(str(x).lower() for x in data["labels"])
    return labels, frozenset(str(x).lower() for x in data["colon_places"])


def _is_label(places: str) -> bool:
    """True when the 'place' is a lead-in label such as 'BREAKING' or 'Editor's note'."""
    labels, _ = _lexicon()
    words = places.lower().replace("’", "'").split()
    return not words or words[0] in labels or words[-1] in labels


def _known_places(places: str) -> bool:
    """True when every place of a bare 'Place:' lead-in is a known dateline city."""
    _, known = _lexicon()
    return all(" ".join(p.lower().split()) in known for p in _SPLIT_PLACES.split(places.strip()))


def _match(text: str) -> re.Match[str] | None:
    """The first dateline pattern that matches the start of ``text``."""
    for pattern in (_CAPS, _TITLE_DATED, _TITLE_AGENCY, _TITLE_COLON):
        m = pattern.match(text)
        if not m or _is_label(m.group("places")) or len(m.group("places").strip()) < 3:
            continue
        if pattern is _TITLE_COLON and not _known_places(m.group("places")):
            continue
        return m
    return None


def split_dateline(text: str) -> tuple[Dateline | None, str]:
    """Split a leading dateline off ``text``; returns (Dateline or None, the rest of the body)."""
    m = _match(text[:200])
    if m is None:
        return None, text
    rest = text[m.end():].lstrip()
    if not rest:
        return None, text
    places = [_place_name(p) for p in _SPLIT_PLACES.split(m.group("places").strip()) if p]
    dateline = Dateline(text=" ".join(m.group(0).split()), places=places)
    logger.debug("dateline %r -> %s", dateline.text, places)
    return dateline, rest
