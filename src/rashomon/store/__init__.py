"""Storage of articles, analysis and errors behind a small interface (``Store``).

``open_store(path)`` gives the SQLite store; another backend (PostgreSQL) can
be added by implementing ``Store`` and choosing it here from the path's form.
"""

from __future__ import annotations

from pathlib import Path

from rashomon.errors import UsageError
from rashomon.store.base import AddResult, Store
from rashomon.store.sqlite import SQLiteStore

__all__ = ["AddResult", "SQLiteStore", "Store", "open_store"]

DEFAULT_DB = "rashomon.db"


def open_store(path: str | Path = DEFAULT_DB) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``path``."""
    text = str(path)
    if text.startswith(("postgres://", "postgresql://")):
        raise UsageError("PostgreSQL stores are not supported yet; give a SQLite file path")
    return SQLiteStore(path)
