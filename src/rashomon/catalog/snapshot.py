"""The store read once into memory (articles, incidents), cached by the files' stamps."""

from __future__ import annotations

import logging
import os
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rashomon.compare.alignment import AlignedTopic
from rashomon.compare.contradictions import (
    Finding,
    analyse_incident,
)
from rashomon.compare.incidents import Incident, cluster_incidents
from rashomon.compare.text import Sentence, sentence_at, split_sentences
from rashomon.errors import NotFound, UsageError
from rashomon.models import Article
from rashomon.store import open_store

logger = logging.getLogger(__name__)

SIDES = ("PK", "IN", "INTL")
SIDE_NAMES = {"PK": "Pakistani", "IN": "Indian", "INTL": "International"}
MIN_PREFIX = 6


def side_group(country: str | None) -> str:
    """The dossier column of a country code: PK, IN, or INTL for every other (or unknown)."""
    return country if country in ("PK", "IN") else "INTL"


# ---------------------------------------------------------------- snapshot


@dataclass
class Snapshot:
    """Every article of a store with its analysis, and the incidents clustered over them."""

    path: str
    stamp: tuple[int, ...]
    articles: dict[str, Article]
    incidents: list[Incident]  # newest first
    errors: list[str] = field(default_factory=list)
    _analysis: dict[str, tuple[list[AlignedTopic], list[Finding]]] = field(default_factory=dict)
    _sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    _dossiers: dict[str, dict[str, Any]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @cached_property
    def incident_by_id(self) -> dict[str, Incident]:
        """Incidents by id."""
        return {inc.id: inc for inc in self.incidents}

    @cached_property
    def incidents_of_article(self) -> dict[str, list[str]]:
        """Article id -> ids of the incidents it belongs to or is linked to by a sentence."""
        out: dict[str, list[str]] = defaultdict(list)
        for inc in self.incidents:
            for aid in dict.fromkeys([*inc.article_ids, *(ln.article_id for ln in inc.links)]):
                out[aid].append(inc.id)
        return out

    def analysis(self, incident: Incident) -> tuple[list[AlignedTopic], list[Finding]]:
        """Aligned topics and findings of an incident (computed once per snapshot)."""
        with self._lock:
            cached = self._analysis.get(incident.id)
        if cached is not None:
            return cached
        try:
            result = analyse_incident(incident, self.articles)
        except Exception:
            logger.exception("claim alignment failed for incident %s", incident.id)
            result = ([], [])
        with self._lock:
            self._analysis[incident.id] = result
        return result

    def sentences(self, article: Article) -> list[Sentence]:
        """The article's sentence spans (the anchors ``#c-<start>`` of the article page)."""
        with self._lock:
            cached = self._sentences.get(article.id)
        if cached is None:
            cached = split_sentences(article.text or "")
            with self._lock:
                self._sentences[article.id] = cached
        return cached

    def anchor(self, article: Article, offset: int) -> int:
        """Start of the sentence that holds ``offset`` (the offset itself when none does)."""
        sents = self.sentences(article)
        i = sentence_at(sents, offset)
        return sents[i].start if i is not None else offset

    def get_article(self, id: str) -> Article:
        """An article by id or unique prefix (>= 6 characters)."""
        if id in self.articles:
            return self.articles[id]
        found = [a for k, a in self.articles.items() if len(id) >= MIN_PREFIX and k.startswith(id)]
        if len(found) > 1:
            raise UsageError(f"id prefix {id!r} matches several articles; give more of it")
        if not found:
            hint = f" (a prefix needs {MIN_PREFIX}+ characters)" if len(id) < MIN_PREFIX else ""
            raise NotFound(f"no article with id {id!r}{hint}")
        return found[0]

    def get_incident(self, id: str) -> Incident:
        """An incident by id; NotFound otherwise."""
        inc = self.incident_by_id.get(id)
        if inc is None:
            raise NotFound(f"no incident with id {id!r}")
        return inc


_CACHE: dict[str, Snapshot] = {}
_CACHE_LOCK = threading.Lock()


def store_stamp(path: str) -> tuple[int, ...]:
    """Modification time and size of the database, and of its WAL when that holds pages.

    Every write changes one of them. An empty WAL is left out: readers create and
    delete one as they open and close the store, which changes nothing.
    """
    out: list[int] = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(path + suffix)
        except OSError:
            out += [0, 0]
            continue
        out += [st.st_mtime_ns, st.st_size] if st.st_size else [0, 0]
    return tuple(out)


def snapshot(path: str) -> Snapshot:
    """The cached snapshot of the store at ``path``, rebuilt when the files changed."""
    if not os.path.isfile(path):
        raise UsageError(f"no store at {path}: create one with `rashomon ingest INPUT --db {path}`")
    stamp = store_stamp(path)
    with _CACHE_LOCK:
        snap = _CACHE.get(path)
        if snap is not None and snap.stamp == stamp:
            return snap
        snap = _build(path, stamp)
        _CACHE[path] = snap
        return snap


def _build(path: str, stamp: tuple[int, ...]) -> Snapshot:
    with open_store(path) as store:
        articles = {a.id: a for a in store.iter_articles()}
        stored = store.load_incidents()
        complete = bool(stored) and store.clustered_article_ids() >= set(articles)
    errors: list[str] = []
    try:
        # The incidents `rashomon incidents` keeps, when they cover every article, so the
        # web app shows what the CLI and dossiers show; otherwise cluster in memory (the
        # server is read-only and never writes them back).
        incidents = [Incident.from_dict(d) for d in stored] if complete else \
            cluster_incidents(list(articles.values())) if articles else []
    except Exception as exc:
        logger.exception("incident clustering failed on %s", path)
        incidents, errors = [], [f"incident clustering failed: {exc.__class__.__name__}: {exc}"]
    incidents.sort(key=lambda i: (i.end or i.start or "", i.start or "", i.id), reverse=True)
    logger.info("snapshot of %s: %d articles, %d incidents", path, len(articles), len(incidents))
    return Snapshot(path, stamp, articles, incidents, errors)
