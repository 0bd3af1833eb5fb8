"""Small Jinja filters and helpers for the templates (formatting and safe URLs only)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from rashomon.catalog import side_group
from rashomon.report.render import marked_html


def human_date(value: str | None) -> str:
    """"2025-05-07" -> "7 May 2025"; other strings unchanged; None -> "undated"."""
    if not value:
        return "undated"
    try:
        if len(value) == 7:
            return date.fromisoformat(value + "-01").strftime("%b %Y")
        return date.fromisoformat(value[:10]).strftime("%-d %b %Y")
    except ValueError:
        return value


def date_range(start: str | None, end: str | None) -> str:
    """"7-10 May 2025" style range of two ISO dates."""
    if not start:
        return "undated"
    if not end or end == start:
        return human_date(start)
    return f"{human_date(start)} – {human_date(end)}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """"1 outlet", "3 outlets"."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def path_part(value: Any) -> str:
    """A value quoted for use as one URL path segment (ids may hold ':' or spaces)."""
    return quote(str(value), safe=":@-._~")


def article_href(article_id: str, anchor: int | None = None) -> str:
    """Link to an article page, at a sentence when ``anchor`` is given."""
    return f"/articles/{path_part(article_id)}" + (f"#c-{int(anchor)}" if anchor is not None
                                                    else "")


def query_href(path: str, **params: Any) -> str:
    """``path?key=value`` with the non-empty parameters, encoded."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


def side_css(country: str | None) -> str:
    """CSS class of the side a country code belongs to: side-PK, side-IN, side-INTL."""
    return "side-" + side_group(country)


def truncate_words(text: str | None, n: int = 60) -> str:
    """The first ``n`` words of ``text`` with an ellipsis when cut."""
    words = (text or "").split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


FILTERS = {"human_date": human_date, "plural": plural, "path_part": path_part,
           "side_css": side_css, "truncate_words": truncate_words, "marked": marked_html}
GLOBALS = {"article_href": article_href, "query_href": query_href, "date_range": date_range}
