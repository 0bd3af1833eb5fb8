"""Dossier renderers: Markdown, one self-contained HTML file, or JSON.

HTML is rendered by Jinja2 with autoescaping on, so every string taken from
an article (titles, quotes, sentences, names) is escaped; links are kept only
for http(s) URLs. Markdown escapes the characters that would turn article text
into markup or raw HTML.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from rashomon.compare.dossier import Dossier, build_dossier
from rashomon.compare.incidents import Incident
from rashomon.compare.text import human_date, parse_date, side_name
from rashomon.errors import UsageError
from rashomon.models import Article

logger = logging.getLogger(__name__)

FORMATS = ("md", "html", "json")
KIND_TEXT = {"contradiction": "contradiction", "revision": "revision over time"}
SUBTYPE_TEXT = {
    "disjoint": "The figures cannot all be true.",
    "disjoint_ranges": "The ranges do not overlap.",
    "assertion_vs_denial": "One side asserts what the other denies.",
    "different_actors": "Different actors are named in the same role.",
    "different_times": "The times differ once converted to UTC.",
    "changed": "The same side put forward different figures over time.",
}


class MdText(str):
    """A string already escaped for Markdown (not escaped again)."""


def md_escape(value: Any) -> str:
    """Escape text for Markdown: HTML specials as entities, markup characters with '\\'."""
    if isinstance(value, MdText):
        return value
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", text)


def safe_url(url: Any) -> str:
    """The URL when it is http(s), else "" (no javascript: or data: links)."""
    if not isinstance(url, str):
        return ""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if scheme in ("http", "https") else ""


def md_link(text: Any, url: Any, relative: bool = False) -> MdText:
    """A Markdown link with escaped text, or the escaped text alone for unsafe URLs
    (``relative``: also a plain relative file name we wrote ourselves)."""
    label = md_escape(text) or "link"
    target = safe_url(url)
    if not target and relative and isinstance(url, str) and re.fullmatch(r"[\w.-]+", url):
        target = url
    if not target:
        return MdText(label)
    return MdText(f"[{label}](<{target.replace('<', '%3C').replace('>', '%3E')}>)")


def _side(code: Any) -> str:
    return side_name(code) if code and code != "INTL" else "international"


def day(value: Any) -> str:
    """"2025-05-07" -> "7 May 2025", "2025-05" -> "May 2025", None -> "undated"."""
    if not value:
        return "undated"
    text = str(value)
    d = parse_date(text)
    if d is not None:
        return human_date(d)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return date(int(text[:4]), int(text[5:]), 1).strftime("%B %Y")
    return text


def days(first: Any, last: Any = None) -> str:
    """A date or a span of dates: "7 May 2025", "7-12 May 2025", "30 April - 2 May 2025"."""
    a, b = parse_date(first), parse_date(last)
    if a is None or b is None or a == b:
        return day(first)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}\u2013{human_date(b)}"
    if a.year == b.year:
        return f"{a.day} {a.strftime('%B')} \u2013 {human_date(b)}"
    return f"{human_date(a)} \u2013 {human_date(b)}"


def fold_cells(cells: Sequence[Any]) -> list[dict[str, Any]]:
    """A column's cells with the same value folded into one: who put it forward, in which
    outlets (each linked once) and over which dates."""
    groups: dict[str, dict[str, Any]] = {}
    for c in cells:
        g = groups.setdefault(c.text, {"text": c.text, "who": [], "sources": [], "dates": []})
        if c.who and c.who not in g["who"]:
            g["who"].append(c.who)
        if (c.outlet, c.url) not in g["sources"]:
            g["sources"].append((c.outlet, c.url))
        if c.date:
            g["dates"].append(c.date)
    for g in groups.values():
        g["first"], g["last"] = (min(g["dates"]), max(g["dates"])) if g["dates"] else (None, None)
    return list(groups.values())


TIMELINE_SLACK = 1  # days around the incident that its timeline shows


def readable_timeline(timeline: Sequence[Any], start: str | None, end: str | None,
                      ) -> list[Any]:
    """The events a reader follows: dated to the day within the incident (a day's slack),
    not hypothetical, naming who acted or on whom, or reported more than once."""
    lo, hi = parse_date(start), parse_date(end)
    out = []
    for e in timeline:
        d = parse_date(e.date) if e.date and len(e.date) >= 10 else None
        if d is None or e.hypothetical:
            continue
        if lo and hi and not lo - timedelta(days=TIMELINE_SLACK) <= d <= \
                hi + timedelta(days=TIMELINE_SLACK):
            continue
        if (e.actor or e.target) or len(e.sources) > 1:
            out.append(e)
    return out


def words_cut(text: Any, n: int = 40) -> str:
    """The first ``n`` words, with an ellipsis when cut."""
    toks = str(text or "").split()
    return " ".join(toks[:n]) + (" \u2026" if len(toks) > n else "")


def marked_html(sentence: Any, mark: Any) -> Markup:
    """The evidence sentence, escaped, with the figure it gives in bold."""
    text = str(sentence or "").strip()
    if not mark or not 0 <= mark[0] < mark[1] <= len(text):
        return Markup.escape(text)
    a, b = mark
    return Markup("{}<strong>{}</strong>{}").format(text[:a], text[a:b], text[b:])


def marked_md(sentence: Any, mark: Any) -> MdText:
    """The evidence sentence, escaped for Markdown, with the figure it gives in bold."""
    text = str(sentence or "").strip()
    if not mark or not 0 <= mark[0] < mark[1] <= len(text):
        return MdText(md_escape(text))
    a, b = mark
    return MdText(f"{_md_part(text[:a])}**{md_escape(text[a:b])}**{_md_part(text[b:])}")


def _md_part(text: str) -> str:
    """A piece of a sentence escaped for Markdown, keeping the spaces at its edges."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + md_escape(text) + trail if text.strip() else lead


def who(name: Any) -> str:
    """A claimant as a reader wants it: without the relative clause an article attached
    ("an official in Srinagar, who asked not to be named, ..." -> "an official in Srinagar")."""
    text = " ".join(str(name or "").split())
    return re.split(r",\s+(?:who|which|whose|speaking)\b", text)[0] or "unattributed"


def agreement_views(agreement: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Agreement matrices among the sides that answer each question; a question fewer than
    two sides answer has no agreement to show."""
    out = []
    for m in agreement:
        sides = [s for s in m["sides"] if m["side_values"].get(s)]
        if len(sides) < 2:
            continue
        pairs = [(a, b, m["sides"][a][b]) for i, a in enumerate(sides) for b in sides[i + 1:]]
        out.append({"topic": m["topic"], "sides": sides, "values": m["side_values"],
                    "pairs": pairs})
    return out


@lru_cache(maxsize=2)
def _env(fmt: str) -> Environment:
    if fmt == "html":
        env = Environment(loader=PackageLoader("rashomon.report", "templates"), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    else:
        env = Environment(loader=PackageLoader("rashomon.report", "templates"), autoescape=False,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          finalize=md_escape)
    env.filters.update(safe_url=safe_url, side=_side, md_link=md_link, day=day, days=days,
                       fold_cells=fold_cells, words_cut=words_cut, who=who,
                       marked=marked_html if fmt == "html" else marked_md)
    env.globals.update(readable_timeline=readable_timeline, agreement_views=agreement_views)
    env.globals.update(KIND_TEXT=KIND_TEXT, SUBTYPE_TEXT=SUBTYPE_TEXT)
    return env


def render_dossier(dossier: Dossier, fmt: str = "md") -> str:
    """The dossier as Markdown ("md"), one self-contained HTML page ("html") or JSON ("json")."""
    if fmt == "json":
        return json.dumps(dossier.to_dict(), ensure_ascii=False, indent=2)
    if fmt not in FORMATS:
        raise UsageError(f"unknown dossier format {fmt!r}; use one of {', '.join(FORMATS)}")
    template = _env(fmt).get_template(f"dossier.{fmt}.j2")
    return template.render(d=dossier)


def render_index(entries: Sequence[Mapping[str, Any]], fmt: str = "md") -> str:
    """A list of dossiers (label, dates, file name, counts) in Markdown, HTML or JSON."""
    if fmt == "json":
        return json.dumps(list(entries), ensure_ascii=False, indent=2)
    return _env(fmt).get_template(f"index.{fmt}.j2").render(entries=entries)


def dossier_filename(incident: Incident, fmt: str) -> str:
    """"2025-04-22-attack-on-tourists-in-pahalgam.html" (date, label slug, id suffix)."""
    label = incident.label.rsplit(",", 1)[0]
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:60].rstrip("-") or "incident"
    return f"{incident.start or 'undated'}-{slug}-{incident.id[-4:]}.{fmt}"


def write_dossiers(incidents: Sequence[Incident], articles: Sequence[Article] | Mapping[str, Article],
                   out_dir: str | Path, fmt: str = "html", *, index: bool = True) -> list[Path]:
    """Write one dossier file per incident (and an index) into ``out_dir``; returns the paths."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown dossier format {fmt!r}; use one of {', '.join(FORMATS)}")
    by_id = articles if isinstance(articles, Mapping) else {a.id: a for a in articles}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths, entries = [], []
    for incident in incidents:
        dossier = build_dossier(incident, by_id)
        path = out / dossier_filename(incident, fmt)
        path.write_text(render_dossier(dossier, fmt), encoding="utf-8")
        paths.append(path)
        entries.append({"id": incident.id, "label": incident.label, "start": incident.start,
                        "end": incident.end, "file": path.name, **dossier.counts})
        logger.info("wrote %s", path)
    if index and incidents:
        path = out / f"index.{fmt}"
        path.write_text(render_index(entries, fmt), encoding="utf-8")
        paths.append(path)
    return paths
