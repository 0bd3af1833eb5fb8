"""The SQLite store: WAL mode, foreign keys, versioned schema, FTS5 search.

Every write is one ``BEGIN IMMEDIATE`` transaction (one per article), so a
crash loses at most the article in flight and several processes can share a
database file. CPU work (hashing, MinHash) is done before the write lock is taken.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from rashomon import dedup
from rashomon.dedup import Sketch
from rashomon.errors import NotFound, StoreError, UsageError
from rashomon.models import ITEM_KINDS, Article
from rashomon.outlets import normalize_domain
from rashomon.store import fts
from rashomon.store.base import AddResult
from rashomon.store.migrations import migrate
from rashomon.store.rows import (
    ARTICLE_COLUMNS,
    ITEM_TABLES,
    article_from_row,
    article_row,
    item_builder,
    item_rows,
    quoted,
)

logger = logging.getLogger(__name__)

MIN_ID_PREFIX = 6
_BATCH = 200  # articles read per query when iterating
_SQL_VARS = 500  # ids per "IN (...)" list


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _chunks(items: Sequence[str], size: int = _SQL_VARS) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _connect(path: str) -> sqlite3.Connection:
    """Open (creating if needed) a database in autocommit mode with our pragmas."""
    if path != ":memory:" and not Path(path).parent.is_dir():
        raise StoreError(f"cannot open store {path}: directory {Path(path).parent} does not exist")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open store {path}: {exc}") from exc
    if mode != "wal" and path != ":memory:":
        logger.warning("store %s runs in journal mode %s, not WAL", path, mode)
    return conn


class SQLiteStore:
    """``Store`` on a single SQLite file (use one instance per thread)."""

    def __init__(self, path: str | Path = "rashomon.db") -> None:
        self.path = str(path)
        self._conn = _connect(self.path)
        try:
            self.schema_version = migrate(self._conn)
        except StoreError:
            self._conn.close()
            raise
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    # -- plumbing -------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE); rolled back on any error."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc
        try:
            yield conn
        except sqlite3.Error as exc:
            _rollback(conn)
            raise StoreError(f"store write failed: {exc}") from exc
        except BaseException:
            _rollback(conn)
            raise
        conn.execute("COMMIT")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """All rows of a query; sqlite errors become ``StoreError``."""
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"store read failed: {exc}") from exc

    def close(self) -> None:
        """Close the connection (a WAL checkpoint happens on the last close)."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def journal_mode(self) -> str:
        """The journal mode SQLite reports (``wal`` for a file store)."""
        return str(self._read("PRAGMA journal_mode")[0][0])

    # -- writing --------------------------------------------------------------

    def add_article(self, article: Article, *, sketch: Sketch | None = None) -> AddResult:
        """Store ``article`` (and its analysis when ``article.analyzed``).

        Same normalised URL, same id or same normalised text as a stored article:
        nothing is written ("duplicate"). A near-duplicate of stored text is stored
        with ``copy_of`` the first article of its group ("copy"). ``sketch`` may be
        passed when it was computed elsewhere (e.g. in a worker process).
        """
        text_hash = article.text_hash or (sketch.text_hash if sketch
                                          else dedup.text_hash(article.text))
        keys = sorted({k for k in (dedup.normalize_url(article.url),
                                   dedup.normalize_url(article.canonical_url)) if k})
        # Cheap check without the write lock first: re-ingesting skips the MinHash work.
        try:
            early = self._find_duplicate(self._conn, article.id, keys, text_hash)
        except sqlite3.Error as exc:
            raise StoreError(f"store read failed: {exc}") from exc
        if early is not None:
            return early
        sk = sketch or dedup.sketch(article.text)
        with self._write() as conn:
            duplicate = self._find_duplicate(conn, article.id, keys, text_hash)
            if duplicate is not None:
                return duplicate
            copy_of, reason = self._find_copy(conn, article, sk)
            self._insert_article(conn, article, text_hash, sk, copy_of, reason)
            conn.executemany("INSERT OR IGNORE INTO article_urls(key, article_id) VALUES (?, ?)",
                             [(k, article.id) for k in keys])
            if article.analyzed:
                self._insert_items(conn, article)
        if copy_of:
            return AddResult("copy", article.id, copy_of, reason)
        return AddResult("stored", article.id, None, "new article")

    def _find_duplicate(self, conn: sqlite3.Connection, id: str, keys: list[str],
                        text_hash: str) -> AddResult | None:
        """The stored article this one duplicates (same URL, text or id), if any."""
        if keys:
            row = conn.execute(f"SELECT article_id FROM article_urls WHERE key IN "
                               f"({_marks(len(keys))}) LIMIT 1", keys).fetchone()
            if row:
                return AddResult("duplicate", row[0], None, f"same URL as {row[0]}")
        row = conn.execute("SELECT id FROM articles WHERE text_hash = ? LIMIT 1",
                           (text_hash,)).fetchone()
        if row:
            return AddResult("duplicate", row[0], None, f"same text as {row[0]}")
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (id,)).fetchone():
            return AddResult("duplicate", id, None, f"id {id} is already stored")
        return None

    def _find_copy(self, conn: sqlite3.Connection, article: Article,
                   sk: Sketch) -> tuple[str | None, str]:
        """The first stored article ``article`` copies, and why; (None, "") if none."""
        if article.copy_of:
            given = conn.execute("SELECT COALESCE(copy_of, id) FROM articles WHERE id = ?",
                                 (article.copy_of,)).fetchone()
            if given:
                return given[0], f"copy of {given[0]}, as given by the input"
        if sk.signature is None:
            return None, ""
        rows = conn.execute(
            f"SELECT a.id, a.minhash, a.n_shingles FROM articles a WHERE a.id IN ("
            f"SELECT article_id FROM minhash_bands WHERE key IN ({_marks(len(sk.bands))}))"
            f" ORDER BY a.seq", sk.bands).fetchall()
        mine = dedup.signature_array(sk.signature)
        for cid, blob, size in rows:
            sim = dedup.similarity(mine, dedup.signature_array(blob), sk.size, size)
            if sim.is_copy(min(sk.size, size)):
                return cid, f"{sim.reason()} of {cid}"
        return None, ""

    def _insert_article(self, conn: sqlite3.Connection, article: Article, text_hash: str,
                        sk: Sketch, copy_of: str | None, reason: str) -> None:
        """Insert the article row and, for a first-of-its-kind article, its LSH bands."""
        row = article_row(article, text_hash, copy_of)
        row.update(minhash=sk.signature, n_shingles=sk.size, ingested_at=_now(),
                   copy_reason=reason or None)
        conn.execute(f"INSERT INTO articles ({quoted(list(row))}) VALUES ({_marks(len(row))})",
                     list(row.values()))
        # Only originals are indexed: a later copy is compared with the first of its group.
        if copy_of is None and sk.signature is not None:
            conn.executemany("INSERT INTO minhash_bands(key, article_id) VALUES (?, ?)",
                             [(key, article.id) for key in sk.bands])

    def _insert_items(self, conn: sqlite3.Connection, article: Article) -> None:
        """Insert every analysis item of ``article`` (one executemany per kind)."""
        for kind in ITEM_KINDS:
            rows = item_rows(article, kind)
            if not rows:
                continue
            table, _, columns = ITEM_TABLES[kind]
            conn.executemany(
                f"INSERT INTO {table} (article_id, idx, {quoted(columns)}) "
                f"VALUES ({_marks(len(columns) + 2)})", rows)

    def replace_analysis(self, article: Article) -> None:
        """Replace the stored analysis of ``article.id`` with ``article``'s items,
        leaning, errors and analyzed flag."""
        with self._write() as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                raise NotFound(f"no stored article with id {article.id}")
            for table, _, _ in ITEM_TABLES.values():
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            self._insert_items(conn, article)
            row = article_row(article, "", None)
            conn.execute("UPDATE articles SET analyzed = ?, leaning = ?, errors = ?, "
                         "language = COALESCE(?, language) WHERE id = ?",
                         (row["analyzed"], row["leaning"], row["errors"], article.language,
                          article.id))

    def record_error(self, source: str, stage: str, reason: str) -> None:
        """Keep a one-line reason why ``source`` failed at ``stage`` (its own transaction)."""
        with self._write() as conn:
            conn.execute("INSERT INTO errors(source, stage, reason, at) VALUES (?, ?, ?, ?)",
                         (source, stage, reason, _now()))

    def save_incidents(self, incidents: Sequence[dict[str, Any]],
                       clustered: Iterable[str]) -> None:
        """Replace the stored incidents (``Incident.to_dict()`` forms) in one transaction,
        and mark ``clustered`` article ids as assigned."""
        now = _now()
        rows = [(d["id"], d.get("label") or "", d.get("start"), d.get("end"),
                 json.dumps(d, ensure_ascii=False), now) for d in incidents]
        members = [(d["id"], a) for d in incidents for a in dict.fromkeys(d.get("article_ids") or [])]
        with self._write() as conn:
            conn.execute("DELETE FROM incident_articles")
            conn.execute("DELETE FROM incidents")
            conn.executemany('INSERT INTO incidents(id, label, "start", "end", data, updated_at) '
                             "VALUES (?, ?, ?, ?, ?, ?)", rows)
            conn.executemany("INSERT OR IGNORE INTO incident_articles(incident_id, article_id) "
                             "SELECT ?, id FROM articles WHERE id = ?", members)
            conn.executemany("INSERT OR IGNORE INTO clustered_articles(article_id) VALUES (?)",
                             [(a,) for a in clustered])

    def load_incidents(self) -> list[dict[str, Any]]:
        """The stored incidents, oldest start first."""
        rows = self._read('SELECT data FROM incidents ORDER BY "start", id')
        return [json.loads(r[0]) for r in rows]

    def clustered_article_ids(self) -> set[str]:
        """Ids of the articles that incident clustering has already seen."""
        return {r[0] for r in self._read("SELECT article_id FROM clustered_articles")}

    def clear_incidents(self) -> None:
        """Forget every incident, so the next clustering starts from scratch."""
        with self._write() as conn:
            conn.execute("DELETE FROM incident_articles")
            conn.execute("DELETE FROM incidents")
            conn.execute("DELETE FROM clustered_articles")

    # -- reading --------------------------------------------------------------

    def _resolve_id(self, id: str) -> str:
        """The full id for ``id`` or a unique prefix of at least ``MIN_ID_PREFIX`` chars."""
        if self._read("SELECT 1 FROM articles WHERE id = ?", (id,)):
            return id
        if len(id) < MIN_ID_PREFIX:
            raise NotFound(f"no article with id {id!r} (a prefix needs {MIN_ID_PREFIX}+ chars)")
        upper = id[:-1] + chr(ord(id[-1]) + 1)
        rows = self._read("SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                          (id, upper))
        if not rows:
            raise NotFound(f"no article with id {id!r}")
        if len(rows) > 1:
            raise UsageError(f"id prefix {id!r} matches several articles; give more of it")
        return str(rows[0][0])

    def get_article(self, id: str) -> Article:
        """The stored article with all its analysis items; NotFound when absent."""
        full = self._resolve_id(id)
        rows = self._read(f"SELECT {quoted(ARTICLE_COLUMNS)} FROM articles WHERE id = ?",
                          (full,))
        article = article_from_row(rows[0], ARTICLE_COLUMNS)
        self._attach_items([article])
        return article

    def lookup_url(self, url: str) -> str | None:
        """The id of the article stored under ``url`` (or as its canonical URL), if any."""
        key = dedup.normalize_url(url)
        rows = self._read("SELECT article_id FROM article_urls WHERE key = ?", (key,)) \
            if key else []
        return str(rows[0][0]) if rows else None

    def _attach_items(self, articles: list[Article]) -> None:
        """Load the analysis items of ``articles`` with one query per kind and id chunk."""
        by_id = {a.id: a for a in articles}
        for kind in ITEM_KINDS:
            table, _, columns = ITEM_TABLES[kind]
            build = item_builder(kind)
            for chunk in _chunks(list(by_id)):
                rows = self._read(
                    f"SELECT article_id, {quoted(columns)} FROM {table} WHERE article_id IN "
                    f"({_marks(len(chunk))}) ORDER BY article_id, idx", chunk)
                for row in rows:
                    getattr(by_id[row[0]], kind).append(build(row[1:]))

    def _filters(self, outlet: str | None, country: str | None,
                 language: str | None) -> tuple[str, list[Any]]:
        """A WHERE clause (possibly empty) and its parameters for the list filters."""
        clauses, params = [], []
        if outlet:
            clauses.append("(outlet_domain = ? OR lower(outlet_name) = lower(?))")
            params += [normalize_domain(outlet) or outlet, outlet.strip()]
        if country:
            clauses.append("outlet_country = ?")
            params.append(country.strip().upper())
        if language:
            clauses.append("language = ?")
            params.append(language.strip().lower())
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def list_articles(self, *, limit: int = 100, offset: int = 0, outlet: str | None = None,
                      country: str | None = None, language: str | None = None,
                      with_items: bool = False) -> list[Article]:
        """Stored articles in ingest order; ``outlet`` is a domain or name."""
        _check_page(limit, offset)
        where, params = self._filters(outlet, country, language)
        rows = self._read(f"SELECT {quoted(ARTICLE_COLUMNS)} FROM articles{where} "
                          f"ORDER BY seq LIMIT ? OFFSET ?", [*params, limit, offset])
        articles = [article_from_row(r, ARTICLE_COLUMNS) for r in rows]
        if with_items:
            self._attach_items(articles)
        return articles

    def count_articles(self, *, outlet: str | None = None, country: str | None = None,
                       language: str | None = None) -> int:
        """How many stored articles match the filters (all of them by default)."""
        where, params = self._filters(outlet, country, language)
        return int(self._read(f"SELECT COUNT(*) FROM articles{where}", params)[0][0])

    def iter_articles(self, analyzed_only: bool = False, *,
                      with_items: bool = True) -> Iterator[Article]:
        """Every stored article in ingest order, fetched ``_BATCH`` at a time."""
        last = 0
        where = " AND analyzed = 1" if analyzed_only else ""
        while True:
            rows = self._read(f"SELECT {quoted(ARTICLE_COLUMNS)} FROM articles WHERE seq > ?"
                              f"{where} ORDER BY seq LIMIT ?", (last, _BATCH))
            if not rows:
                return
            articles = [article_from_row(r, ARTICLE_COLUMNS) for r in rows]
            if with_items:
                self._attach_items(articles)
            last = rows[-1][0]
            yield from articles

    def list_errors(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Recorded errors, newest first: ``{id, source, stage, reason, at}``."""
        _check_page(limit, offset)
        rows = self._read("SELECT id, source, stage, reason, at FROM errors "
                          "ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))
        return [dict(zip(("id", "source", "stage", "reason", "at"), r, strict=True))
                for r in rows]

    # -- search ---------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Articles matching ``query`` (any user text), best first, with a snippet.

        Each hit: id, title, url, outlet, domain, country, published, copy_of,
        snippet (plain text), highlights ([start, end] in the snippet), score.
        """
        _check_page(limit, offset)
        match = fts.fts_query(query)
        if match is None:
            return []
        rows = self._read(
            "SELECT a.id, a.title, a.url, a.outlet_name, a.outlet_domain, a.outlet_country, "
            "a.published, a.copy_of, snippet(articles_fts, -1, ?, ?, '…', 24), "
            "bm25(articles_fts, 4.0, 1.0) AS score "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?",
            (fts.MARK_START, fts.MARK_END, match, limit, offset))
        keys = ("id", "title", "url", "outlet", "domain", "country", "published", "copy_of")
        return [_hit(keys, row) for row in rows]

    def search_quotes(self, query: str, *, limit: int = 20,
                      offset: int = 0) -> list[dict[str, Any]]:
        """Quotes whose content or speaker matches ``query``, best first.

        Each hit: id (the quote's), article_id, speaker, speaker_actor, kind,
        content, start, end, title, outlet, domain, country, published, snippet,
        highlights, score.
        """
        _check_page(limit, offset)
        match = fts.fts_query(query)
        if match is None:
            return []
        rows = self._read(
            'SELECT q.id, q.article_id, q.speaker, q.speaker_actor, q.kind, q.content, '
            'q."start", q."end", a.title, a.outlet_name, a.outlet_domain, a.outlet_country, '
            "a.published, snippet(quotes_fts, 0, ?, ?, '…', 24), "
            "bm25(quotes_fts, 1.0, 0.5) AS score "
            "FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid "
            "JOIN articles a ON a.id = q.article_id "
            "WHERE quotes_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?",
            (fts.MARK_START, fts.MARK_END, match, limit, offset))
        keys = ("id", "article_id", "speaker", "speaker_actor", "kind", "content", "start",
                "end", "title", "outlet", "domain", "country", "published")
        return [_hit(keys, row) for row in rows]


def _hit(keys: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    """A search hit: the named columns, then the snippet split from its highlights."""
    hit = dict(zip(keys, row[:len(keys)], strict=True))
    hit["snippet"], hit["highlights"] = fts.split_highlights(row[len(keys)] or "")
    hit["score"] = row[len(keys) + 1]
    return hit


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back the open transaction, if SQLite has not already done so."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _check_page(limit: int, offset: int) -> None:
    """Reject negative paging values with a clear message."""
    if limit < 0 or offset < 0:
        raise UsageError(f"limit and offset must be >= 0 (got limit={limit}, offset={offset})")
