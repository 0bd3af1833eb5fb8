"""process_document / process_batch: the only module that knows every stage.

Ingest yields ``RawDocument``s; here each is extracted, attributed to its outlet,
checked for language and (when English) analysed. Workers of every runner call
``process_batch`` and get plain dataclasses back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from rashomon.errors import RashomonError
from rashomon.iterutil import chunked
from rashomon.models import Article, Failure, RawDocument

if TYPE_CHECKING:
    from collections.abc import Callable

    from rashomon.analyze.base import DocContext
    from rashomon.analyze.pipeline import Analyzer
    from rashomon.compare import Incident
    from rashomon.outlets import OutletRegistry
    from rashomon.store.base import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Options:
    """What a run was asked to do; picklable so runners can ship it to workers."""

    analyze: bool = True
    outlets: str | None = None  # extra outlet registry file
    frames: str | None = None  # extra framing lexicon file
    published: str | None = None  # defaults for inputs that lack the metadata
    url: str | None = None
    outlet: str | None = None
    country: str | None = None


@lru_cache(maxsize=4)
def _registry(extra: str | None) -> OutletRegistry:
    from rashomon.outlets import OutletRegistry

    return OutletRegistry.load(extra)


@lru_cache(maxsize=2)
def _analyzer(frames: str | None) -> Analyzer:
    from rashomon.analyze.pipeline import Analyzer

    return Analyzer(frames=frames)


def get_analyzer(frames: str | None = None) -> Analyzer:
    """The process-wide analyser (the spaCy model is loaded once per process).

    ``frames`` is an extra framing lexicon merged with the shipped one."""
    return _analyzer(frames)


def _fill_defaults(article: Article, options: Options) -> None:
    """Apply --published/--url/--outlet only where the input itself said nothing."""
    article.published = article.published or options.published
    article.url = article.url or options.url
    article.outlet.name = article.outlet.name or options.outlet


def extract_document(raw: RawDocument, options: Options = Options()) -> Article | Failure:
    """Extract one document and resolve its outlet; a Failure instead of raising."""
    from rashomon.extract import extract_article

    try:
        article = extract_article(raw)
    except RashomonError as exc:
        return Failure(raw.source, str(exc), "extract")
    except Exception as exc:
        logger.exception("extraction crashed on %s", raw.source)
        return Failure(raw.source, f"extraction crashed: {exc.__class__.__name__}: {exc}", "extract")
    _fill_defaults(article, options)
    article.outlet = _registry(options.outlets).resolve(
        article.outlet.domain, article.outlet.name,
        raw.country or article.outlet.country or options.country)
    return article


def _context(article: Article) -> DocContext:
    from rashomon.analyze.base import DocContext

    published = None
    if article.published:
        try:
            published = date.fromisoformat(article.published[:10])
        except ValueError:
            published = None
    return DocContext(published=published, outlet_name=article.outlet.name or article.outlet.domain,
                      outlet_country=article.outlet.country)


def analyze_articles(articles: Sequence[Article], frames: str | None = None) -> None:
    """Run the English analysis over the articles in place; others get a clear error."""
    english = []
    for article in articles:
        if article.language not in (None, "en"):
            article.errors.append(
                f"analysis skipped: language is '{article.language}', only English is analysed")
        else:
            english.append(article)
    if not english:
        return
    analyzer = get_analyzer(frames)
    items = ((a.text, _context(a)) for a in english)
    for article, result in zip(english, analyzer.pipe(items), strict=True):
        article.actors, article.quotes, article.claims = result.actors, result.quotes, result.claims
        article.times, article.events, article.frames = result.times, result.events, result.frames
        article.leaning = result.leaning
        article.analyzed = True


def process_batch(items: Iterable[RawDocument | Failure],
                  options: Options = Options()) -> list[Article | Failure]:
    """Extract (and analyse, when asked) a batch; output order follows input order."""
    out: list[Article | Failure] = []
    for item in items:
        out.append(item if isinstance(item, Failure) else extract_document(item, options))
    if options.analyze:
        articles = [a for a in out if isinstance(a, Article)]
        try:
            analyze_articles(articles, options.frames)
        except Exception as exc:  # noqa: BLE001 - fall back article by article
            logger.warning("batch analysis failed (%s); retrying one by one", exc)
            out = [_analyze_one(a, options.frames) if isinstance(a, Article) else a for a in out]
    return out


def _analyze_one(article: Article, frames: str | None) -> Article | Failure:
    try:
        analyze_articles([article], frames)
    except Exception as exc:
        logger.exception("analysis crashed on %s", article.source)
        article.errors.append(f"analysis failed: {exc.__class__.__name__}: {exc}")
    return article


@dataclass
class IngestSummary:
    """Counts of what an ingest run did, plus one line per failure."""

    stored: int = 0
    duplicates: int = 0
    copies: int = 0
    skipped_language: int = 0
    failed: list[Failure] = field(default_factory=list)

    @property
    def seen(self) -> int:
        """How many inputs (articles or failures) the run went through."""
        return self.stored + self.duplicates + self.copies + len(self.failed)


def ingest(inputs: Sequence[str], store: Store, options: Options = Options(), *,
           allow_private: bool = False, batch_size: int = 16,
           progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Read, extract, analyse and store every input; bad inputs become ``errors`` rows.

    ``progress(n)`` is called with the number of inputs finished after each batch.
    """
    from rashomon.ingest import iter_inputs

    summary = IngestSummary()
    for chunk in chunked(iter_inputs(list(inputs), allow_private=allow_private), batch_size):
        for item in process_batch(chunk, options):
            _store_one(item, store, summary)
        if progress is not None:
            progress(len(chunk))
    return summary


def _store_one(item: Article | Failure, store: Store, summary: IngestSummary) -> None:
    if isinstance(item, Failure):
        summary.failed.append(item)
        store.record_error(item.source, item.stage, item.reason)
        return
    try:
        result = store.add_article(item)
    except RashomonError as exc:
        failure = Failure(item.source, str(exc), "store")
        summary.failed.append(failure)
        store.record_error(failure.source, failure.stage, failure.reason)
        return
    if result.status == "duplicate":
        summary.duplicates += 1
        return
    if result.status == "copy":
        summary.copies += 1
    else:
        summary.stored += 1
    if item.language not in (None, "en"):
        summary.skipped_language += 1


def update_incidents(store: Store, *,
                     rebuild: bool = False) -> tuple[list[Incident], dict[str, Article]]:
    """Bring the store's incidents up to date and return (incidents, articles by id).

    The first run clusters every article; later runs let only the articles not
    yet clustered join the stored incidents (or start new ones). ``rebuild``
    forgets the stored incidents and clusters everything again.
    """
    from rashomon.compare import Incident, assign_incidents, cluster_incidents

    articles = {a.id: a for a in store.iter_articles()}
    if rebuild:
        store.clear_incidents()
    stored = [Incident.from_dict(d) for d in store.load_incidents()]
    new = [a for aid, a in articles.items() if aid not in store.clustered_article_ids()]
    if not new:
        return stored, articles
    if stored:
        logger.info("assigning %d new articles to %d stored incidents", len(new), len(stored))
        incidents = assign_incidents(new, stored)
    else:
        logger.info("clustering %d articles into incidents", len(articles))
        incidents = cluster_incidents(list(articles.values()))
    store.save_incidents([inc.to_dict() for inc in incidents], articles)
    return incidents, articles


def find_incident(incidents: Sequence[Incident], ref: str) -> Incident:
    """The incident whose id (or unique id prefix) is ``ref``; NotFound otherwise."""
    from rashomon.errors import NotFound, UsageError

    hits = [inc for inc in incidents if inc.id == ref] or \
        [inc for inc in incidents if inc.id.startswith(ref)]
    if not hits:
        raise NotFound(f"no incident {ref!r}; `rashomon incidents` lists them")
    if len(hits) > 1:
        raise UsageError(f"incident id prefix {ref!r} is ambiguous: "
                         + ", ".join(inc.id for inc in hits[:5]))
    return hits[0]
