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
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from rashomon.compare.dossier import Dossier, build_dossier
from rashomon.compare.incidents import Incident
from rashomon.compare.text import side_name
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


@lru_cache(maxsize=2)
def _env(fmt: str) -> Environment:
    if fmt == "html":
        env = Environment(loader=PackageLoader("rashomon.report", "templates"), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    else:
        env = Environment(loader=PackageLoader("rashomon.report", "templates"), autoescape=False,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          finalize=md_escape)
    env.filters.update(safe_url=safe_url, side=_side, md_link=md_link)
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
