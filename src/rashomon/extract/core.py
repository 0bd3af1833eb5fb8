"""RawDocument -> Article: trafilatura for body and metadata, then our cleanup and dateline."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import htmldate
from trafilatura import bare_extraction
from trafilatura.utils import load_html

from rashomon.errors import ExtractionError
from rashomon.extract.cleanup import clean_text
from rashomon.extract.dateline import split_dateline
from rashomon.extract.language import detect_language
from rashomon.extract.meta import PageMeta, marked_leads, read_page_meta
from rashomon.extract.normalize import article_id, normalize_text, registrable_domain, text_hash
from rashomon.extract.plaintext import leading_title, to_paragraphs
from rashomon.ingest.dates import normalize_date
from rashomon.models import Article, Dateline, Outlet, RawDocument

logger = logging.getLogger(__name__)

MIN_HTML_BODY_CHARS = 40  # below this a page holds no article (error pages, stubs)
# A page's body needs one paragraph of this many words (or characters, for scripts
# written without spaces): menus and error pages have none.
MIN_PROSE_WORDS = 8
MIN_PROSE_CHARS = 60
MIN_TEXT_BODY_WORDS = 2
# The body's first paragraph is the standfirst when it is this similar to the page's
# description (or the description is a cut-short prefix of it) ...
STANDFIRST_SIMILARITY = 0.9
MIN_PREFIX_CHARS = 40
# ... and the page marks it as one, or a dateline opens the next paragraph.
STANDFIRST_RULE = "standfirst_lead"


@dataclass
class _Parts:
    """What one input yields before our own cleanup."""

    body: str
    title: str | None = None
    standfirst: str | None = None
    lead_standfirst: str | None = None  # a standfirst the page marks: removed from the body lead
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None
    canonical: str | None = None
    tree: Any = None  # the parsed page, for checks that need the markup


def _clean_str(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _pick_date(meta: PageMeta, doc: Any, tree: Any) -> str | None:
    """Structured date, then the byline date under the headline, then trafilatura's, then
    htmldate on the markup only. A bare "YYYY-01-01" from a full-page search is usually the
    footer's copyright year, so it stands only when the markup confirms it."""
    date = meta.structured_date or meta.byline_date or normalize_date(getattr(doc, "date", None))
    if date and not date.endswith("-01-01"):
        return date
    try:
        return normalize_date(htmldate.find_date(tree, extensive_search=False, original_date=True))
    except Exception as exc:  # noqa: BLE001 - htmldate raises many kinds on odd pages
        logger.debug("htmldate failed: %s", exc)
        return None


def _sitename(doc: Any, meta: PageMeta) -> str | None:
    """The outlet's name as the page gives it; a bare host name ("example.com") is no name."""
    for name in (_clean_str(doc.sitename), meta.sitename):
        if name and not (" " not in name and "." in name):
            return name
    return None


def _from_html(raw: RawDocument) -> _Parts:
    """Body and metadata of an HTML page (parsed once; trafilatura works on a copy)."""
    tree = load_html(raw.html)
    if tree is None:
        raise ExtractionError("unparseable HTML")
    doc: Any = bare_extraction(tree, url=raw.url, include_comments=False, with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        raise ExtractionError("no article text found in the page")
    meta = read_page_meta(tree)
    title = raw.title or _clean_str(doc.title) or meta.headline
    return _Parts(
        body=doc.text, title=title,
        standfirst=raw.standfirst or meta.standfirst or meta.description
        or _clean_str(doc.description),
        lead_standfirst=raw.standfirst or meta.standfirst,
        author=raw.author or _clean_str(doc.author),
        published=normalize_date(raw.published) or _pick_date(meta, doc, tree),
        sitename=_sitename(doc, meta),
        url=raw.url or meta.canonical or _clean_str(doc.url),
        canonical=meta.canonical or _clean_str(doc.url), tree=tree)


def _from_text(raw: RawDocument) -> _Parts:
    """Body of a plain text or Markdown input; a leading '# heading' becomes the title."""
    text = raw.text or ""
    return _Parts(body=to_paragraphs(text), title=raw.title or leading_title(text),
                  standfirst=raw.standfirst, lead_standfirst=raw.standfirst, author=raw.author,
                  url=raw.url)


def _drop_lead(body: str, lead: str | None) -> str:
    """Remove the first line of ``body`` when it repeats ``lead`` (the title or standfirst)."""
    if not lead or not body:
        return body
    first, _, rest = body.partition("\n")
    if normalize_text(first) == normalize_text(lead):
        return rest.lstrip("\n")
    return body


def _near(paragraph: str, standfirst: str) -> bool:
    """Whether a paragraph repeats the standfirst, maybe cut short ("...") or lightly edited."""
    para, lead = normalize_text(paragraph), normalize_text(standfirst)
    if not para or not lead:
        return False
    if para == lead or (len(lead) >= MIN_PREFIX_CHARS and para.startswith(lead)):
        return True
    return SequenceMatcher(None, para, lead, autojunk=False).ratio() >= STANDFIRST_SIMILARITY


def _split_standfirst(body: str, parts: _Parts) -> tuple[str, str | None]:
    """Move a leading standfirst paragraph out of the body: (body, the standfirst or None).

    Many sites use the lede itself as the page description, so a match alone is not enough:
    the page must mark the paragraph as a standfirst (a subheading, the article header, a
    summary class), or the next paragraph must open with the dateline.
    """
    first, _, rest = body.partition("\n")
    if not rest.strip() or not parts.standfirst or not _near(first, parts.standfirst):
        return body, None
    marked = parts.tree is not None and normalize_text(first) in marked_leads(parts.tree)
    if marked or (split_dateline(rest)[0] is not None and split_dateline(first)[0] is None):
        return rest.lstrip("\n"), first.strip()
    return body, None


@dataclass
class _Body:
    """The cleaned body and what was split off it."""

    text: str
    fired: list[str]
    dateline: Dateline | None
    standfirst: str | None


def _body(parts: _Parts) -> _Body:
    """Cleanup rules, then title/standfirst split, then the dateline."""
    body, fired = clean_text(parts.body)
    body = _drop_lead(_drop_lead(body, parts.title), parts.lead_standfirst)
    body, standfirst = _split_standfirst(body, parts)
    if standfirst:
        fired.append(STANDFIRST_RULE)
    dateline, body = split_dateline(body)
    return _Body(body, fired, dateline, standfirst or parts.standfirst)


def _check(body: str, raw: RawDocument) -> None:
    """Raise ExtractionError when what is left is no article."""
    if raw.html:
        if len(body) < MIN_HTML_BODY_CHARS:
            raise ExtractionError(f"no article text (only {len(body)} characters after cleanup)")
        if not any(len(line.split()) >= MIN_PROSE_WORDS or len(line) >= MIN_PROSE_CHARS
                   for line in body.split("\n")):
            raise ExtractionError("no article text (only menu-like short lines)")
    elif len(body.split()) < MIN_TEXT_BODY_WORDS:
        raise ExtractionError("no article text (fewer than two words)")


def extract_article(raw: RawDocument) -> Article:
    """Extract the cleaned article of one input; raises ExtractionError when there is none."""
    if raw.html and raw.html.strip():
        parts = _from_html(raw)
    elif raw.text and raw.text.strip():
        parts = _from_text(raw)
    else:
        raise ExtractionError("empty input: no HTML or text")
    out = _body(parts)
    body = out.text
    _check(body, raw)
    url = parts.url
    return Article(
        id=article_id(url, body), source=raw.source, url=url, title=parts.title,
        outlet=Outlet(name=parts.sitename or raw.outlet,
                      domain=registrable_domain(url or parts.canonical), country=raw.country),
        published=normalize_date(raw.published) or parts.published,
        language=detect_language(body), dateline=out.dateline, text=body,
        standfirst=out.standfirst, author=parts.author, canonical_url=parts.canonical,
        text_hash=text_hash(body), cleanup=out.fired)
