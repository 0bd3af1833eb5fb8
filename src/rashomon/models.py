"""Plain dataclasses that cross stage boundaries.

Workers receive and return these, never spaCy objects, so they pickle cheaply
and serialise to the JSON contract (see ``Article.to_dict``).
Offsets are Python string indices into ``Article.text``, end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


def _from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Build dataclass ``cls`` from a dict, ignoring unknown keys."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Outlet:
    """A news outlet as known from the registry (or only its domain)."""

    name: str | None = None
    domain: str | None = None
    country: str | None = None  # ISO 3166 alpha-2, "INTL" for international, or None
    kind: str | None = None  # wire | newspaper | broadcaster | state media | aggregator


@dataclass
class Dateline:
    """The dateline opening an article body ("ISLAMABAD:")."""

    text: str
    places: list[str] = field(default_factory=list)


@dataclass
class RawDocument:
    """One input as read from a source, before extraction."""

    source: str  # file path, "path:LINE" for JSONL, or URL
    url: str | None = None
    html: str | None = None
    text: str | None = None  # plain text / Markdown body when there is no HTML
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD when the input says so
    outlet: str | None = None  # outlet name given by the input
    country: str | None = None  # outlet country given by the user
    standfirst: str | None = None
    author: str | None = None


@dataclass
class Actor:
    """A person, organisation or country mentioned in the article."""

    id: str
    name: str
    type: str  # PERSON | ORG | GPE | NORP | GOV | MIL ...
    country: str | None = None
    sector: str | None = None  # GOV, MIL, REB, MED, ... (CAMEO-like)
    title: str | None = None  # "Russian presidential aide"
    mentions: list[tuple[int, int]] = field(default_factory=list)
    reason: str = ""


@dataclass
class Quote:
    """Who said what: direct, indirect, partial or 'according to'."""

    speaker: str | None
    speaker_actor: str | None
    cue: str | None
    content: str
    kind: str  # direct | indirect | partial | according_to
    start: int  # of the content
    end: int
    cue_start: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    reason: str = ""


@dataclass
class TimeExpr:
    """A date or duration, normalised against the publication date."""

    text: str
    value: str | None  # YYYY-MM-DD / YYYY-MM / ISO 8601 duration
    type: str  # DATE | DURATION | TIME | SET
    start: int
    end: int
    reason: str = ""


@dataclass
class Claim:
    """A number someone puts forward about the world."""

    claimant: str | None
    claimant_actor: str | None
    attributed: bool
    value: float | None
    low: float | None
    high: float | None
    object: str | None
    predicate: str | None
    hedge: str  # asserted | claimed | confirmed | denied | estimated
    sentence: str
    start: int
    end: int
    text: str = ""  # the number as written
    unit: str | None = None  # count | hours | days | members ...
    date: str | None = None
    reason: str = ""


@dataclass
class Event:
    """A PLOVER event found in a sentence."""

    type: str
    mode: str | None
    actor: str | None
    target: str | None
    date: str | None
    location: str | None
    negated: bool
    hypothetical: bool
    source: str | None
    text: str
    start: int
    end: int
    trigger: str = ""
    sentence: str = ""
    reason: str = ""


@dataclass
class Frame:
    """A loaded or contested term and whose narrative it carries."""

    text: str
    neutral: str | None
    leaning: str  # a country code, or "NEUTRAL"
    category: str
    start: int
    end: int
    term: str = ""  # the lexicon entry id
    conflict: str | None = None
    reason: str = ""


@dataclass
class Leaning:
    """Per-article leaning inferred from the framing terms it uses."""

    scores: dict[str, float] = field(default_factory=dict)  # country code -> share of loaded terms
    inferred_side: str | None = None
    registry_side: str | None = None  # the outlet's country from the registry


ITEM_KINDS = ("actors", "quotes", "claims", "times", "events", "frames")


@dataclass
class Article:
    """An extracted (and possibly analysed) article: the unit every stage passes on."""

    id: str
    source: str
    url: str | None
    title: str | None
    outlet: Outlet
    published: str | None
    language: str | None
    dateline: Dateline | None
    text: str
    standfirst: str | None = None
    author: str | None = None
    canonical_url: str | None = None
    text_hash: str = ""
    cleanup: list[str] = field(default_factory=list)  # names of cleanup rules that fired
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    leaning: Leaning | None = None
    analyzed: bool = False
    copy_of: str | None = None  # id of the article this one is a syndicated copy of
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract form (see ../shared/contract.md)."""
        d = asdict(self)
        for a in d["actors"]:
            a["mentions"] = [list(m) for m in a["mentions"]]
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of ``to_dict``."""
        d = dict(data)
        d["outlet"] = _from_dict(Outlet, d.get("outlet") or {})
        d["dateline"] = _from_dict(Dateline, d["dateline"]) if d.get("dateline") else None
        d["leaning"] = _from_dict(Leaning, d["leaning"]) if d.get("leaning") else None
        kinds = {"actors": Actor, "quotes": Quote, "claims": Claim, "times": TimeExpr,
                 "events": Event, "frames": Frame}
        for key, kind in kinds.items():
            d[key] = [_from_dict(kind, x) for x in d.get(key) or []]
        for a in d["actors"]:
            a.mentions = [tuple(m) for m in a.mentions]
        return _from_dict(cls, d)


@dataclass
class Failure:
    """An input or article that could not be processed, with a one-line reason."""

    source: str
    reason: str
    stage: str = "ingest"  # ingest | fetch | extract | analyze | store
