"""Versioned schema migrations for the SQLite store.

``MIGRATIONS`` is an append-only list of ``(version, sql)``; a database records
the versions it has applied in ``schema_version``. Opening a store applies the
missing ones in order, each in its own transaction, so re-opening is a no-op.
Never edit a released migration: add a new one (incidents, their links to
claims and events, and any new column arrive this way).

Layout notes for later migrations:
- ``articles.seq`` is the stable integer key (rowid alias, also the FTS rowid);
  ``articles.id`` is the public id every other table refers to.
- Each analysis item has an integer ``id`` (its own rowid) plus
  ``(article_id, idx)``; incidents can link items at sentence level by ``id``.
- ``"start"``/``"end"`` keep the contract's names, so they are always quoted.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime

from rashomon.errors import StoreError

logger = logging.getLogger(__name__)

_V1 = """
CREATE TABLE articles (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    source         TEXT NOT NULL,
    url            TEXT,
    canonical_url  TEXT,
    title          TEXT,
    standfirst     TEXT,
    author         TEXT,
    outlet_name    TEXT,
    outlet_domain  TEXT,
    outlet_country TEXT,
    outlet_kind    TEXT,
    published      TEXT,
    language       TEXT,
    dateline       TEXT,               -- JSON {text, places} or NULL
    text           TEXT NOT NULL,
    text_hash      TEXT NOT NULL,
    cleanup        TEXT NOT NULL DEFAULT '[]',   -- JSON list of cleanup rule names
    leaning        TEXT,               -- JSON {scores, inferred_side, registry_side} or NULL
    errors         TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
    analyzed       INTEGER NOT NULL DEFAULT 0,
    copy_of        TEXT REFERENCES articles(id),
    copy_reason    TEXT,
    minhash        BLOB,               -- little-endian uint32 MinHash values
    n_shingles     INTEGER NOT NULL DEFAULT 0,
    ingested_at    TEXT NOT NULL
);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet_domain ON articles(outlet_domain);
CREATE INDEX articles_outlet_country ON articles(outlet_country);
CREATE INDEX articles_copy_of ON articles(copy_of);

-- Normalised URL and canonical URL of every stored article.
CREATE TABLE article_urls (
    key        TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX article_urls_article ON article_urls(article_id);

-- LSH band keys of each article's MinHash: articles sharing a key are copy candidates.
CREATE TABLE minhash_bands (
    key        INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX minhash_bands_key ON minhash_bands(key);
CREATE INDEX minhash_bands_article ON minhash_bands(article_id);

CREATE TABLE actors (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    actor_id   TEXT NOT NULL,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    country    TEXT,
    sector     TEXT,
    title      TEXT,
    mentions   TEXT NOT NULL DEFAULT '[]',   -- JSON [[start, end], ...]
    reason     TEXT NOT NULL DEFAULT '',
    UNIQUE (article_id, idx)
);
CREATE INDEX actors_actor_id ON actors(actor_id);

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    speaker       TEXT,
    speaker_actor TEXT,
    cue           TEXT,
    content       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    "start"       INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    cue_start     INTEGER,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    reason        TEXT NOT NULL DEFAULT '',
    UNIQUE (article_id, idx)
);
CREATE INDEX quotes_speaker_actor ON quotes(speaker_actor);

CREATE TABLE claims (
    id             INTEGER PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    claimant       TEXT,
    claimant_actor TEXT,
    attributed     INTEGER NOT NULL,
    value          REAL,
    low            REAL,
    high           REAL,
    object         TEXT,
    predicate      TEXT,
    hedge          TEXT NOT NULL,
    sentence       TEXT NOT NULL,
    "start"        INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    text           TEXT NOT NULL DEFAULT '',
    unit           TEXT,
    date           TEXT,
    reason         TEXT NOT NULL DEFAULT '',
    UNIQUE (article_id, idx)
);

CREATE TABLE times (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      TEXT,
    type       TEXT NOT NULL,
    "start"    INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    UNIQUE (article_id, idx)
);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    type         TEXT NOT NULL,
    mode         TEXT,
    actor        TEXT,
    target       TEXT,
    date         TEXT,
    location     TEXT,
    negated      INTEGER NOT NULL,
    hypothetical INTEGER NOT NULL,
    source       TEXT,
    text         TEXT NOT NULL,
    "start"      INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    trigger      TEXT NOT NULL DEFAULT '',
    sentence     TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    UNIQUE (article_id, idx)
);
CREATE INDEX events_type_date ON events(type, date);

CREATE TABLE frames (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    neutral    TEXT,
    leaning    TEXT NOT NULL,
    category   TEXT NOT NULL,
    "start"    INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    term       TEXT NOT NULL DEFAULT '',
    conflict   TEXT,
    reason     TEXT NOT NULL DEFAULT '',
    UNIQUE (article_id, idx)
);
CREATE INDEX frames_term ON frames(term);

-- What could not be done, per input: one row per failure.
CREATE TABLE errors (
    id     INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    stage  TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);

-- Full-text indexes (external content: the text is stored once, in its table).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content, speaker, content='quotes', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, content, speaker) VALUES (new.id, new.content, new.speaker);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker)
        VALUES ('delete', old.id, old.content, old.speaker);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF content, speaker ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker)
        VALUES ('delete', old.id, old.content, old.speaker);
    INSERT INTO quotes_fts(rowid, content, speaker) VALUES (new.id, new.content, new.speaker);
END;
"""

# Incidents as the compare stage keeps them (Incident.to_dict() in ``data``), and
# which articles have already been through clustering, so a later run only
# assigns the new ones (incremental) instead of recomputing everything.
_V2 = """
CREATE TABLE incidents (
    id         TEXT PRIMARY KEY,
    label      TEXT NOT NULL,
    "start"    TEXT,
    "end"      TEXT,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE incident_articles (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, article_id)
);
CREATE INDEX incident_articles_article ON incident_articles(article_id);
CREATE TABLE clustered_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
"""

MIGRATIONS: list[tuple[int, str]] = [
    (1, _V1),
    (2, _V2),
]

LATEST = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    """The highest migration applied to ``conn``'s database (0 for an empty one)."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                 "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the missing migrations in order, one transaction each; returns the version.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    version = current_version(conn)
    if version > LATEST:
        raise StoreError(f"the database is at schema version {version}, newer than this "
                         f"rashomon supports ({LATEST}); upgrade rashomon")
    for number, sql in MIGRATIONS:
        if number <= version:
            continue
        _apply(conn, number, sql)
        version = number
    return version


def _apply(conn: sqlite3.Connection, number: int, sql: str) -> None:
    """Run one migration and record it, atomically."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    logger.info("applying store migration %d", number)
    try:
        conn.execute("BEGIN IMMEDIATE")
        # A concurrent opener may have applied it while we waited for the lock.
        if current_version(conn) >= number:
            conn.execute("COMMIT")
            return
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)",
                     (number, now))
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"schema migration {number} failed: {exc}") from exc


def _statements(sql: str) -> list[str]:
    """Split a migration script into complete statements (triggers kept whole)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        statements.append(buffer.strip())
    return statements
