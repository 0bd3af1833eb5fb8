"""Safe full-text queries for SQLite FTS5, and snippets with highlight offsets.

User text never reaches ``MATCH`` as written: it is rebuilt from its words, each
one double-quoted, so that FTS5 operators and stray quotes or brackets in a
search box cannot raise a syntax error or change the query's meaning.
"""

from __future__ import annotations

import re

_PART_RE = re.compile(r'"([^"]*)"|(\S+)')
_WORD_RE = re.compile(r"\w+")
_PIECE_SPLIT_RE = re.compile(r"[^\w\-'’.]+")  # "cross-border" stays one phrase, "a:b" does not

# Markers handed to FTS5 snippet(); stripped again by ``split_highlights``.
MARK_START, MARK_END = "\x02", "\x03"


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for user ``text``; None when it holds no words.

    Words must all occur; "double quoted" text is a phrase, and so is a
    hyphenated word; a word ending in ``*`` matches as a prefix; a bare ``OR``
    between terms means either. Everything else (AND, NOT, brackets, colons,
    carets, lone quotes) is treated as plain text or dropped.
    """
    parts: list[str] = []
    for match in _PART_RE.finditer(text or ""):
        phrase, token = match.group(1), match.group(2)
        if token == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
        elif token in ("AND", "NOT"):
            continue
        elif phrase is not None:
            parts += _terms(phrase)
        else:
            pieces = [p for p in _PIECE_SPLIT_RE.split(token) if _WORD_RE.search(p)]
            terms = [t for piece in pieces for t in _terms(piece)]
            if terms and token.endswith("*"):
                terms[-1] += "*"
            parts += terms
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts) or None


def _terms(text: str) -> list[str]:
    """One quoted FTS5 phrase of the words in ``text`` (none if it has no words)."""
    found = _WORD_RE.findall(text)
    return ['"' + " ".join(found) + '"'] if found else []


def split_highlights(marked: str) -> tuple[str, list[list[int]]]:
    """Plain snippet text and ``[start, end]`` offsets of its highlighted words."""
    plain: list[str] = []
    spans: list[list[int]] = []
    pos, start = 0, None
    for char in marked:
        if char == MARK_START:
            start = pos
        elif char == MARK_END:
            if start is not None:
                spans.append([start, pos])
            start = None
        else:
            plain.append(char)
            pos += 1
    return "".join(plain), spans
