"""Plain text and Markdown bodies: paragraphs one a line, Markdown markup removed lightly."""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"^\s{0,3}(?:[-*+]\s+|\d{1,3}[.)]\s+|#{1,6}\s|>|```|\|)")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # code
)
_LINE = (
    (re.compile(r"^\s{0,3}>\s?"), ""),  # blockquote marker
    (re.compile(r"^\s{0,3}[-*+]\s+"), ""),  # bullet
)
_TITLE_END = re.compile(r"[.!?:;,\"”’')]\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$|^\s*```.*$|^\s*\[[^\]]+\]:\s*\S+.*$")


def _strip_line(line: str) -> str:
    """One line without Markdown markup."""
    if _RULE.match(line):
        return ""
    m = _HEADING.match(line)
    if m:
        line = m.group(1)
    for pattern, repl in _LINE:
        line = pattern.sub(repl, line)
    for pattern, repl in _INLINE:
        line = pattern.sub(repl, line)
    return line.strip()


def _join_paragraph(block: str) -> list[str]:
    """Join hard-wrapped lines of one paragraph; list items and headings stay lines."""
    out: list[str] = []
    for line in block.split("\n"):
        if not line.strip() or _SETEXT.match(line):
            continue
        if out and not _BLOCK_START.match(line) and not _HEADING.match(out[-1]):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def leading_title(text: str) -> str | None:
    """A title opening the text: a Markdown heading, or a short first line standing alone
    (blank line after it, no closing punctuation) above more text."""
    blocks = [b for b in _PARAGRAPH_BREAK.split(text.strip()) if b.strip()]
    if not blocks:
        return None
    first = blocks[0].strip()
    m = _HEADING.match(first.split("\n")[0])
    if m:
        return _strip_line(m.group(1)) or None
    if len(blocks) > 1 and "\n" not in first and len(first) <= 150 and not _TITLE_END.search(first):
        return _strip_line(first) or None
    return None


def to_paragraphs(text: str) -> str:
    """Plain or Markdown text -> paragraphs one a line, markup stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    for block in _PARAGRAPH_BREAK.split(text):
        lines.extend(x for x in (_strip_line(ln) for ln in _join_paragraph(block)) if x)
    return "\n".join(lines)
