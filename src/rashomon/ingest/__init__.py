"""Sources -> raw documents: files, directories, URLs, RSS/Atom feeds, JSONL and WARC."""

from __future__ import annotations

from rashomon.ingest.fetch import Fetched, fetch_url
from rashomon.ingest.inputs import count_inputs, iter_inputs

__all__ = ["Fetched", "count_inputs", "fetch_url", "iter_inputs"]
