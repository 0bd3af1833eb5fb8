"""The storage interface every backend implements (SQLite now, PostgreSQL later)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, Self

from rashomon.dedup import Sketch
from rashomon.models import Article

AddStatus = Literal["stored", "duplicate", "copy"]


@dataclass(frozen=True)
class AddResult:
    """What ``Store.add_article`` did with one article.

    ``id`` is the stored article the input now stands for: the new one when
    stored (or stored as a copy), the one already there for a duplicate.
    """

    status: AddStatus
    id: str
    copy_of: str | None = None
    reason: str = ""


class Store(Protocol):
    """A place to keep articles, their analysis and the errors met on the way."""

    def add_article(self, article: Article, *, sketch: Sketch | None = None) -> AddResult:
        """Store an article unless it is a duplicate; link near-duplicates as copies."""
        ...

    def replace_analysis(self, article: Article) -> None:
        """Overwrite the analysis items (and leaning, errors) of a stored article."""
        ...

    def get_article(self, id: str) -> Article:
        """The stored article with its analysis; ``id`` may be a unique prefix (>= 6 chars)."""
        ...

    def lookup_url(self, url: str) -> str | None:
        """The id of the article stored under this URL (normalised), if any."""
        ...

    def list_articles(self, *, limit: int = 100, offset: int = 0, outlet: str | None = None,
                      country: str | None = None, language: str | None = None,
                      with_items: bool = False) -> list[Article]:
        """Stored articles in ingest order, filtered; analysis items only if asked."""
        ...

    def count_articles(self, *, outlet: str | None = None, country: str | None = None,
                       language: str | None = None) -> int:
        """How many articles match the same filters as ``list_articles``."""
        ...

    def iter_articles(self, analyzed_only: bool = False, *,
                      with_items: bool = True) -> Iterator[Article]:
        """Every stored article in ingest order, read in batches."""
        ...

    def record_error(self, source: str, stage: str, reason: str) -> None:
        """Keep a one-line reason why ``source`` failed at ``stage``."""
        ...

    def list_errors(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Recorded errors, newest first."""
        ...

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over article titles and texts, best match first."""
        ...

    def search_quotes(self, query: str, *, limit: int = 20,
                      offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over quote contents and speakers, best match first."""
        ...

    def save_incidents(self, incidents: Sequence[dict[str, Any]],
                       clustered: Iterable[str]) -> None:
        """Replace the stored incidents and mark articles as clustered."""
        ...

    def load_incidents(self) -> list[dict[str, Any]]:
        """The stored incidents (``Incident.to_dict()`` forms)."""
        ...

    def clustered_article_ids(self) -> set[str]:
        """Ids of the articles incident clustering has already seen."""
        ...

    def clear_incidents(self) -> None:
        """Forget every incident."""
        ...

    def close(self) -> None:
        """Release the connection; the store cannot be used afterwards."""
        ...

    def __enter__(self) -> Self:
        ...

    def __exit__(self, *exc: object) -> None:
        ...
