"""Our cleanup of what extractors keep inside article bodies.

Rules are data (``rashomon/data/cleanup.yaml``); each has a name that is
reported when it fires. The text is handled line by line, one line being one
paragraph of the extracted body.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from rashomon.resources import load_data

logger = logging.getLogger(__name__)

KINDS = ("drop_line", "strip_prefix", "drop_inline", "truncate_after")
HEAD_LINES = 3
TAIL_LINES = 4
_HEADLINE_END = re.compile(r"[.!?:;\"”’')]\s*$")
_BLANKS = re.compile(r"\n{2,}")


@dataclass(frozen=True)
class Rule:
    """One compiled cleanup rule."""

    name: str
    kind: str
    regex: re.Pattern[str]
    max_chars: int = 250
    min_position: float = 0.5
    zone: str = "any"
    next_line: str | None = None


def _compile(entry: dict) -> Rule:
    """Build a Rule from its YAML entry; all patterns join into one regex."""
    kind = entry["kind"]
    if kind not in KINDS:
        raise ValueError(f"cleanup rule {entry.get('name')!r}: unknown kind {kind!r}")
    flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
    joined = "|".join(f"(?:{p})" for p in entry["patterns"])
    return Rule(name=entry["name"], kind=kind, regex=re.compile(joined, flags),
                max_chars=int(entry.get("max_chars", 250)),
                min_position=float(entry.get("min_position", 0.5)),
                zone=entry.get("zone", "any"), next_line=entry.get("next_line"))


@cache
def load_rules(name: str = "cleanup.yaml") -> tuple[Rule, ...]:
    """The compiled rules of a rules file in ``rashomon/data`` (cached)."""
    return tuple(_compile(e) for e in load_data(name)["rules"])


def _in_zone(rule: Rule, index: int, count: int) -> bool:
    """Whether line ``index`` of ``count`` lies in the rule's zone."""
    if rule.zone == "head":
        return index < HEAD_LINES
    if rule.zone == "tail":
        return index >= count - TAIL_LINES
    return True


def _looks_like_headline(line: str) -> bool:
    """A short line without closing punctuation: the linked headline after 'Also read'."""
    stripped = line.strip()
    return 0 < len(stripped) <= 160 and not _HEADLINE_END.search(stripped)


class _Marker:
    """A verdict that is neither a line nor a drop (truncate, drop the next headline)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_TRUNCATE = _Marker("truncate")
_DROP_NEXT_HEADLINE = _Marker("drop_next_headline")
_Verdict = str | _Marker | None  # the line (maybe changed), None to drop it, or a marker


class _Cleaner:
    """Applies the rules to one text and remembers which fired."""

    def __init__(self, rules: tuple[Rule, ...], lines: list[str]) -> None:
        self.rules = rules
        self.lines = lines
        self.fired: list[str] = []
        self.total = sum(len(x) + 1 for x in lines) or 1

    def fire(self, rule: Rule) -> None:
        if rule.name not in self.fired:
            self.fired.append(rule.name)

    def run(self) -> list[str]:
        kept: list[str] = []
        offset, skip_headline = 0, False
        count = len(self.lines)
        for index, line in enumerate(self.lines):
            position, offset = offset / self.total, offset + len(line) + 1
            if skip_headline and _looks_like_headline(line):
                skip_headline = False
                continue
            skip_headline = False
            verdict = self.apply(line, index, count, position)
            if verdict is _TRUNCATE:
                break
            if verdict is _DROP_NEXT_HEADLINE:
                skip_headline = True
            elif isinstance(verdict, str) and verdict.strip():
                kept.append(verdict)
        return kept

    def apply(self, line: str, index: int, count: int, position: float) -> _Verdict:
        """The line after every rule, None to drop it, or a marker."""
        stripped = line.strip()
        for rule in self.rules:
            if not stripped or not _in_zone(rule, index, count):
                continue
            result = self.apply_rule(rule, line, stripped, position)
            if not isinstance(result, str):
                return result
            line, stripped = result, result.strip()
        return line

    def apply_rule(self, rule: Rule, line: str, stripped: str, position: float) -> _Verdict:
        """Apply one rule to one line; returns the line unchanged when it does not fire."""
        if rule.kind in ("drop_line", "truncate_after"):
            if len(stripped) > rule.max_chars or not rule.regex.search(stripped):
                return line
            self.fire(rule)
            if rule.kind == "truncate_after" and position >= rule.min_position:
                return _TRUNCATE
            return _DROP_NEXT_HEADLINE if rule.next_line == "headline" else None
        if rule.kind == "strip_prefix":
            m = rule.regex.match(stripped)
            if not m or not m.group(0):
                return line
            self.fire(rule)
            return stripped[m.end():]
        new, n = rule.regex.subn("", line)
        if not n:
            return line
        self.fire(rule)
        return new


def clean_text(text: str) -> tuple[str, list[str]]:
    """Remove in-body boilerplate; returns the cleaned text and the names of rules that fired."""
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    cleaner = _Cleaner(load_rules(), lines)
    kept = cleaner.run()
    cleaned = _BLANKS.sub("\n", "\n".join(kept)).strip()
    if cleaner.fired:
        logger.debug("cleanup fired: %s", ", ".join(cleaner.fired))
    return cleaned, cleaner.fired
