"""Shared ground for the analysis components: the per-document context and
the ``Doc`` extensions each component fills.

Components run in this order (see ``analyze.pipeline``), each reading what the
earlier ones left on the ``Doc``:

    rashomon_actors  -> doc._.actors  (list[Actor]) and doc._.actor_spans
    rashomon_quotes  -> doc._.quotes  (list[Quote])
    rashomon_times   -> doc._.times   (list[TimeExpr])
    rashomon_claims  -> doc._.claims  (list[Claim])
    rashomon_events  -> doc._.events  (list[Event])
    rashomon_frames  -> doc._.frames  (list[Frame]) and doc._.leaning
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc


@dataclass
class DocContext:
    """What the analysis needs to know about an article besides its text."""

    published: date | None = None  # anchor for relative dates
    outlet_name: str | None = None  # claimant for figures in the outlet's own voice
    outlet_country: str | None = None  # registry side of the outlet, if known


_EXTENSIONS = ("ctx", "actors", "actor_spans", "quotes", "times", "claims", "events",
               "frames", "leaning")


def register_extensions() -> None:
    """Register the ``Doc`` extensions once per process."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


def context_of(doc: Doc) -> DocContext:
    """The document's context, or an empty one when none was set."""
    ctx = doc._.ctx
    return ctx if isinstance(ctx, DocContext) else DocContext()
