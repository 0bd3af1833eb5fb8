"""Page metadata that trafilatura misses or ranks differently: structured dates,
the byline date under the headline, the standfirst, the canonical link.

Everything here reads an already parsed lxml tree; nothing parses HTML again.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from rashomon.extract.normalize import normalize_text
from rashomon.ingest.dates import normalize_date

logger = logging.getLogger(__name__)

_NS = {"re": "http://exslt.org/regular-expressions"}
_ARTICLE_TYPES = re.compile(r"(?:News)?Article$|Report(?:age)?(?:News)?$|BlogPosting$|"
                            r"AnalysisNewsArticle$|OpinionNewsArticle$|LiveBlogPosting$", re.IGNORECASE)
# Meta keys for the publication date, best first.
_DATE_KEYS = ("article:published_time", "og:published_time", "og:article:published_time",
              "datepublished", "publish-date", "publishdate", "pubdate", "publication_date",
              "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created",
              "dc.date", "date")
_DESCRIPTION_KEYS = ("description", "og:description", "twitter:description")
_JSONLD = etree.XPath('//script[@type="application/ld+json"]/text()')
_ITEMPROP_DATE = etree.XPath('//*[@itemprop="datePublished"]')
_CANONICAL = etree.XPath('//link[@rel="canonical"]/@href')
_BYLINE_NEAR_H1 = etree.XPath(
    '(//h1)[1]/following::*[self::time or re:test(@class, '
    '"(^|[\\s_-])(date|dateline|byline|time|timestamp|published|publish-date|posted|'
    'post-date|entry-date|article-date|story-date|meta)([\\s_-]|$)", "i")][position() <= 12]',
    namespaces=_NS)
_STANDFIRST = etree.XPath(
    '//*[self::p or self::div or self::h2 or self::span][re:test(@class, '
    '"(^|[\\s_-])(standfirst|dek|deck|excerpt|subtitle|sub-title|subheading|sub-heading|'
    'strapline|synopsis|story-summary|article-summary|lede|kicker-summary)([\\s_-]|$)", "i")]',
    namespaces=_NS)
# Elements whose markup says "standfirst" (a summary under the headline): subheadings, the
# article header, and summary-like classes. Used only to confirm that the first paragraph of
# the extracted body, when it repeats the page's description, is a standfirst and no lede.
_LEAD_MARKED = etree.XPath(
    '//h2 | //h3 | //h4 | //header//*[self::p or self::div or self::span] | '
    '//*[self::p or self::div or self::span][@class]')
_LEAD_CLASS = re.compile(r"standfirst|dek|deck|excerpt|summary|synopsis|strapline|subtitle|"
                         r"sub-title|subhead|sub-head|subline|sub-line|description|abstract",
                         re.IGNORECASE)
LEAD_CHARS = (20, 700)
_DATE_IN_TEXT = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,? \d{4})\b")


@dataclass
class PageMeta:
    """What we read from the page ourselves."""

    structured_date: str | None = None
    byline_date: str | None = None
    description: str | None = None
    standfirst: str | None = None
    canonical: str | None = None
    headline: str | None = None
    sitename: str | None = None


def _metas(tree: Any) -> dict[str, str]:
    """Meta tags as {lowercased name or property: content}, first occurrence wins."""
    out: dict[str, str] = {}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = (m.get("content") or "").strip()
        if key and content and key not in out:
            out[key] = content
    return out


def _walk_jsonld(node: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD value, @graph included."""
    if isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(node.get(key), (list, dict)):
                yield from _walk_jsonld(node[key])


def _is_article(obj: dict[str, Any]) -> bool:
    types = obj.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and _ARTICLE_TYPES.search(t) for t in types)


def _jsonld_article(tree: Any) -> dict[str, Any] | None:
    """The first Article-like JSON-LD object of the page."""
    for blob in _JSONLD(tree):
        try:
            data = json.loads(blob.strip().rstrip(";"))
        except (ValueError, RecursionError):
            continue
        for obj in _walk_jsonld(data):
            if _is_article(obj):
                return obj
    return None


def _structured_date(article: dict[str, Any] | None, metas: dict[str, str], tree: Any) -> str | None:
    """datePublished from JSON-LD, then meta tags, then itemprop markup."""
    if article:
        for key in ("datePublished", "dateCreated"):
            date = normalize_date(article.get(key)) if isinstance(article.get(key), str) else None
            if date:
                return date
    for key in _DATE_KEYS:
        date = normalize_date(metas.get(key))
        if date:
            return date
    for el in _ITEMPROP_DATE(tree):
        date = normalize_date(el.get("datetime") or el.get("content") or _date_in(el.text_content()))
        if date:
            return date
    return None


def _date_in(text: str | None) -> str | None:
    m = _DATE_IN_TEXT.search(text or "")
    return m.group(1) if m else None


def _byline_date(tree: Any) -> str | None:
    """The first date printed just below the headline (not the page header's today)."""
    for el in _BYLINE_NEAR_H1(tree):
        raw = el.get("datetime") or _date_in(" ".join(el.itertext())[:300])
        date = normalize_date(raw)
        if date:
            return date
    return None


def _clean(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


def _standfirst(tree: Any, title: str | None) -> str | None:
    """The subheading paragraph under the headline, when the page marks it."""
    for el in _STANDFIRST(tree):
        text = _clean(" ".join(el.itertext()))
        if text and 30 <= len(text) <= 600 and text != title:
            return text
    return None


def _is_lead_marked(el: Any) -> bool:
    """A summary-like class, or a place inside the article's <header>."""
    return bool(_LEAD_CLASS.search(el.get("class") or "")) or any(
        a.tag == "header" for a in el.iterancestors())


def marked_leads(tree: Any) -> frozenset[str]:
    """Normalised texts of the elements whose markup makes them a standfirst candidate
    (subheadings, the article header, summary-like classes)."""
    out = set()
    for el in _LEAD_MARKED(tree):
        if el.tag in ("p", "div", "span") and not _is_lead_marked(el):
            continue
        text = " ".join(" ".join(el.itertext()).split())
        if LEAD_CHARS[0] <= len(text) <= LEAD_CHARS[1]:
            out.add(normalize_text(text))
    return frozenset(out)


def _sitename(article: dict[str, Any] | None, metas: dict[str, str]) -> str | None:
    publisher = article.get("publisher") if article else None
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        return _clean(publisher["name"])
    return _clean(metas.get("og:site_name"))


def read_page_meta(tree: Any) -> PageMeta:
    """Read dates, description, standfirst, canonical link and headline from a parsed page."""
    metas = _metas(tree)
    article = _jsonld_article(tree)
    headline = article.get("headline") if article else None
    headline = _clean(headline) if isinstance(headline, str) else _clean(metas.get("og:title"))
    canonical = next((h.strip() for h in _CANONICAL(tree) if h.strip().startswith("http")), None)
    description = next((_clean(metas[k]) for k in _DESCRIPTION_KEYS if metas.get(k)), None)
    structured = _structured_date(article, metas, tree)
    return PageMeta(structured_date=structured,
                    byline_date=None if structured else _byline_date(tree), description=description,
                    standfirst=_standfirst(tree, headline), canonical=canonical,
                    headline=headline, sitename=_sitename(article, metas))
