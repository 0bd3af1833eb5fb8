"""Raw HTML or text -> clean article text and metadata (trafilatura + our cleanup rules)."""

from __future__ import annotations

from rashomon.extract.cleanup import clean_text
from rashomon.extract.core import extract_article
from rashomon.extract.dateline import split_dateline
from rashomon.extract.language import detect_language

__all__ = ["clean_text", "detect_language", "extract_article", "split_dateline"]
