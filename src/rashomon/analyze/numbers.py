"""Numbers written in digits or words: "1,200", "3.5 million", "twenty-five",
"a dozen", "two and a half", "1.5 lakh".

Shared by the time and claim extractors. ``NUMBER_PATTERN`` is a regex source
(no groups) that matches one such number; ``parse_number`` turns the matched
text into a float.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

logger = logging.getLogger(__name__)

SMALL: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
#: Multipliers, South Asian ones included ("1.5 lakh", "two crore").
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6,
    "crore": 1e7, "crores": 1e7, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "m": 1e6, "bn": 1e9, "k": 1e3,
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}

_WORD = "|".join(sorted({*SMALL, *TENS}, key=len, reverse=True))
_SCALE_WORDS = "hundred|thousand|lakhs?|million|crores?|billion|trillion"
#: One number in words: "twenty-five", "two hundred and fifty", "three million".
WORD_NUMBER = (rf"(?:(?:{_WORD})(?:[- ](?:{_WORD}))?"
               rf"(?:\s+(?:{_SCALE_WORDS})(?:\s+(?:and\s+)?(?:{_WORD})(?:[- ](?:{_WORD}))?)?)*)")
#: One number in digits, with thousands separators, decimals and a scale word.
DIGIT_NUMBER = (r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
                rf"(?:\s*(?:{_SCALE_WORDS}|mn|bn)\b)?")
#: A count in digits or words (no capturing groups): "a dozen", "a couple of",
#: "2 1/2", "twenty-five", "3.5 million", "a hundred" -- but not a bare "a".
COUNT_PATTERN = (rf"(?:(?:half\s+a|a|one|two|three|four|five|six)\s+dozen|a\s+couple(?:\s+of)?"
                 r"|\d+\s+1/2"
                 rf"|(?:{DIGIT_NUMBER}|{WORD_NUMBER})(?:\s+and\s+a\s+half)?"
                 rf"|a\s+(?:hundred|thousand|million|billion))")
#: COUNT_PATTERN or a bare "a"/"an" (as in "a week").
NUMBER_PATTERN = rf"(?:{COUNT_PATTERN}|an?)"

_HALF = re.compile(r"\s+and\s+a\s+half$")
_DIGITS = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([a-z]+)?$")


def _words_value(tokens: list[str]) -> float | None:
    """Value of number words ("two", "hundred", "fifty", "million") or None."""
    total, current, seen = 0.0, 0.0, False
    for tok in tokens:
        if tok == "and":
            continue
        if tok in SMALL or tok in TENS:
            current += SMALL.get(tok, TENS.get(tok, 0))
            seen = True
        elif tok == "hundred":
            current = (current or 1) * 100
            seen = True
        elif tok in SCALES:
            total += (current or 1) * SCALES[tok]
            current, seen = 0.0, True
        else:
            return None
    return total + current if seen else None


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """The value of a number in digits or words ("1,200", "3.5 million", "a dozen"), or None."""
    s = re.sub(r"\s+", " ", text.strip().lower().replace("\u2013", "-"))
    if not s:
        return None
    half = 0.5 if _HALF.search(s) else 0.0
    s = _HALF.sub("", s)
    if s.endswith("dozen"):
        head = s[: -len("dozen")].strip()
        base = {"": 1.0, "a": 1.0, "half a": 0.5}.get(head)
        base = base if base is not None else parse_number(head)
        return None if base is None else base * 12
    if s in ("a", "an"):
        return 1.0 + half
    if s in ("a couple", "a couple of"):
        return 2.0
    m = re.fullmatch(r"(\d+) 1/2", s)
    if m:
        return int(m.group(1)) + 0.5
    m = _DIGITS.match(s)
    if m:
        value = float(m.group(1).replace(",", ""))
        scale = m.group(2)
        if scale and scale not in SCALES:
            return None
        return value * SCALES.get(scale or "", 1.0) + half
    tokens = re.split(r"[\s-]+", re.sub(r"^an? (?=hundred|thousand|million|billion)", "one ", s))
    words = _words_value(tokens)
    return None if words is None else words + half


def parse_ordinal(text: str) -> int | None:
    """1 for "first" / "1st", 4 for "fourth" / "4th", else None."""
    s = text.strip().lower()
    if s in ORDINALS:
        return ORDINALS[s]
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", s)
    return int(m.group(1)) if m else None
