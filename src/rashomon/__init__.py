"""rashomon: conflict news from every side, lined up claim by claim.

The public API is small; heavy modules (spaCy, trafilatura) load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "Analyzer": "rashomon.analyze.pipeline",
    "Article": "rashomon.models",
    "Failure": "rashomon.models",
    "Options": "rashomon.pipeline",
    "OutletRegistry": "rashomon.outlets",
    "RashomonError": "rashomon.errors",
    "extract_article": "rashomon.extract",
    "ingest": "rashomon.pipeline",
    "iter_inputs": "rashomon.ingest",
    "open_store": "rashomon.store",
    "process_batch": "rashomon.pipeline",
}

__all__ = ["Analyzer", "Article", "Failure", "Options", "OutletRegistry", "RashomonError",
           "__version__", "extract_article", "ingest", "iter_inputs", "open_store",
           "process_batch"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rashomon' has no attribute {name!r}")
