"""Incidents: articles from many outlets and days that report the same happening.

Articles are clustered on their profiles (``compare.profiles``: lead key terms,
names, places, event types, incident kind) within a time window; a cluster may
never span more than ``max_span_days``, so a look-alike incident from another
year never merges. Syndicated copies join their original and count once.
Then every claim, event, quote and frame is linked, by its sentence, to the
incident it is about (``compare.linking``): a ceasefire story that recaps the
attack links the recap sentences to the attack.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date

from rashomon.compare.copies import copy_map
from rashomon.compare.labels import make_label
from rashomon.compare.profiles import Profile, add_weights, build_profile, kind_rules, weights
from rashomon.compare.text import parse_date
from rashomon.models import Article

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClusterParams:
    """Weights and thresholds of incident clustering."""

    threshold: float = 0.25  # average-linkage similarity needed to merge
    join_threshold: float = 0.25  # similarity a new article needs to join an incident
    max_span_days: int = 45  # an incident never spans more (look-alikes of other years)
    near_days: int = 3  # within this gap dates do not lower similarity
    decay_days: float = 30.0  # beyond near_days similarity falls to 0.3 over this many days
    unknown_date_factor: float = 0.85
    w_terms: float = 0.5
    w_kind: float = 0.2
    w_names: float = 0.1
    w_places: float = 0.1
    w_events: float = 0.1
    max_agglomerative: int = 1500  # above this many articles, join sequentially by date


@dataclass
class ItemLink:
    """One item of an article (claim, event, quote, frame) linked to an incident."""

    article_id: str
    kind: str  # sentences | claims | events | quotes | frames
    index: int  # position in the article's list of that kind (sentence number for "sentences")
    start: int  # the sentence holding the item
    end: int
    reason: str  # primary | date:YYYY-MM-DD | terms:0.42


@dataclass
class Incident:
    """A group of articles reporting one happening, and the items linked to it."""

    id: str
    label: str
    start: str | None
    end: str | None
    article_ids: list[str] = field(default_factory=list)  # primary articles, copies included
    copies: dict[str, str] = field(default_factory=dict)  # copy id -> original id
    links: list[ItemLink] = field(default_factory=list)
    kind: str | None = None
    parties: list[str] = field(default_factory=list)
    place: str | None = None
    profile: Profile | None = None  # summed profiles of the original articles

    def window(self) -> tuple[date, date] | None:
        """(start, end) as dates, or None when undated."""
        s, e = parse_date(self.start), parse_date(self.end)
        return (s, e) if s and e else None

    def to_dict(self) -> dict:
        """A JSON-ready dict (profile counters as plain dicts, dates as strings)."""
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "profile"}
        d["links"] = [asdict(link) for link in self.links]
        d["article_ids"], d["copies"] = list(self.article_ids), dict(self.copies)
        d["parties"] = list(self.parties)
        d["profile"] = profile_to_dict(self.profile) if self.profile is not None else None
        return d

    @classmethod
    def from_dict(cls, data: dict) -> Incident:
        """Inverse of ``to_dict``."""
        d = dict(data)
        d["links"] = [ItemLink(**x) for x in d.get("links") or []]
        d["profile"] = profile_from_dict(d["profile"]) if d.get("profile") else None
        return cls(**d)


# ---------------------------------------------------------------- profiles

_TALLIES = ("terms", "places", "countries", "events", "kinds", "named", "victims", "attackers",
            "targets", "dyads")


def profile_to_dict(p: Profile) -> dict:
    """Profile as JSON-ready dict."""
    d: dict = {key: dict(getattr(p, key)) for key in _TALLIES}
    d["article_id"] = p.article_id
    d["date"] = p.date.isoformat() if p.date else None
    d["names"] = sorted(p.names)
    d["event_dates"] = [x.isoformat() for x in p.event_dates]
    return d


def profile_from_dict(d: dict) -> Profile:
    """Inverse of ``profile_to_dict``."""
    p = Profile(d["article_id"], parse_date(d.get("date")))
    for key in _TALLIES:
        setattr(p, key, weights(d.get(key)))
    p.names = set(d.get("names") or [])
    p.event_dates = [x for x in (parse_date(s) for s in d.get("event_dates") or []) if x]
    return p


def merge_profiles(profiles: Iterable[Profile], key: str) -> Profile:
    """Sum of the profiles (an incident's profile); its date is the latest."""
    out = Profile(key, None)
    for p in profiles:
        for name in _TALLIES:
            add_weights(getattr(out, name), getattr(p, name))
        out.names |= p.names
        out.event_dates += p.event_dates
        if p.date and (out.date is None or p.date > out.date):
            out.date = p.date
    return out


# ---------------------------------------------------------------- similarity


def idf_of(profiles: Iterable[Profile], weights: Iterable[int] | None = None) -> dict[str, float]:
    """Smoothed inverse document frequency of the profile terms."""
    df: Counter[str] = Counter()
    n = 0
    for p, w in zip(profiles, weights or _ones(), strict=False):
        df.update({t: w for t in p.terms})
        n += w
    return {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}


def _ones() -> Iterable[int]:
    while True:
        yield 1


def unit_vector(tally: dict[str, float], idf: dict[str, float]) -> dict[str, float]:
    """tf-idf weights (sublinear tf: log(1 + w)) scaled to unit length."""
    vec = {t: math.log1p(w) * idf.get(t, 1.0) for t, w in tally.items() if w > 0}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def _kind_cos(a: dict[str, float], b: dict[str, float]) -> float:
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    if not na or not nb:
        return 0.0
    return sum(v * b.get(k, 0.0) for k, v in a.items()) / (na * nb)


def time_factor(gap: int | None, params: ClusterParams, near_days: int | None = None) -> float:
    """How much a date gap (days) lowers similarity; 0 beyond the span limit.

    ``near_days`` (the usual span of the incident kind) replaces ``params.near_days``."""
    if gap is None:
        return params.unknown_date_factor
    gap = abs(gap)
    near = params.near_days if near_days is None else near_days
    if gap > params.max_span_days:
        return 0.0
    if gap <= near:
        return 1.0
    return max(0.3, 1.0 - 0.7 * (gap - near) / params.decay_days)


def similarity(a: Profile, b: Profile, va: dict[str, float], vb: dict[str, float],
               gap: int | None, params: ClusterParams) -> float:
    """Similarity of two profiles (articles or incidents) given their date gap."""
    ka, kb = kind_rule(a.kind), kind_rule(b.kind)
    same_family = bool(ka and kb and ka.get("family", ka["id"]) == kb.get("family", kb["id"]))
    near = min(int(ka.get("span_days", 3)), int(kb.get("span_days", 3))) if ka and kb and \
        same_family else None
    factor = time_factor(gap, params, near)
    if factor == 0.0:
        return 0.0
    if same_family and ka and kb and shared_episode(a, b, [*ka.get("named_heads", []),
                                                        *kb.get("named_heads", [])]):
        factor = 1.0  # a later story about the same named episode is about that episode
    places_a, places_b = {p.lower() for p in a.places}, {p.lower() for p in b.places}
    score = (params.w_terms * cosine(va, vb) + params.w_kind * _kind_cos(a.kinds, b.kinds)
             + params.w_names * _jaccard(a.names, b.names)
             + params.w_places * _jaccard(places_a, places_b)
             + params.w_events * _jaccard(a.events, b.events))
    if ka and kb and not same_family:
        score *= 0.6
    if same_family and ka and ka.get("place_bound") and places_a and places_b and \
            not places_a & places_b:
        score *= 0.7  # the same kind of happening in another place
    return score * factor


def shared_episode(a: Profile, b: Profile, heads: list[str]) -> bool:
    """True when both profiles name the same episode by one of the kind's head words
    ("Operation Sindoor" for strikes): a name, not a date, ties them together."""
    if not heads:
        return False
    def episodes(p: Profile) -> set[str]:
        return {n.lower() for n in p.named if set(n.lower().split()) & set(heads)
                and len(n.split()) >= 2}
    return bool(episodes(a) & episodes(b))


def kind_rule(kind: str | None) -> dict | None:
    """The ``incident_kinds`` entry of a kind id."""
    return next((r.rule for r in kind_rules() if r.id == kind), None) if kind else None


def _gap(a: date | None, b: date | None) -> int | None:
    return None if a is None or b is None else (a - b).days


# ---------------------------------------------------------------- clustering


def cluster_incidents(articles: Sequence[Article],
                      params: ClusterParams = ClusterParams()) -> list[Incident]:
    """Group the articles into incidents (a full run) and link their items by sentence."""
    from rashomon.compare.linking import link_items

    copies = copy_map(articles)
    originals = [a for a in articles if a.id not in copies]
    profiles = {a.id: build_profile(a) for a in originals}
    if len(originals) > params.max_agglomerative:
        logger.info("%d articles: joining sequentially instead of agglomerative clustering",
                    len(originals))
        incidents = assign_incidents(articles, [], params, link=False)
    else:
        groups = _agglomerate([profiles[a.id] for a in originals], params)
        incidents = [_make_incident(g, profiles, copies) for g in groups]
        incidents = _attach_episodes(incidents, profiles, copies, params)
    link_items(incidents, articles)
    return sorted(incidents, key=lambda i: (i.start or "9999", i.id))


def _agglomerate(profiles: list[Profile], params: ClusterParams) -> list[list[str]]:
    """Average-linkage clustering with a span limit; lists of article ids."""
    idf = idf_of(profiles)
    vecs = [unit_vector(p.terms, idf) for p in profiles]
    n = len(profiles)
    sims: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in range(i + 1, n):
            s = similarity(profiles[i], profiles[j], vecs[i], vecs[j],
                           _gap(profiles[i].date, profiles[j].date), params)
            if s > 0:
                sims[(i, j)] = s
    members = {i: [i] for i in range(n)}
    spans = {i: _span([profiles[i].date]) for i in range(n)}
    while sims:
        (i, j), best = max(sims.items(), key=lambda kv: kv[1])
        if best < params.threshold:
            break
        span = _span([*spans[i], *spans[j]])
        if span and (span[1] - span[0]).days > params.max_span_days:
            del sims[(i, j)]
            continue
        _merge(sims, members, i, j)
        spans[i] = span
        del spans[j]
    return [[profiles[k].article_id for k in m] for m in members.values()]


def _attach_episodes(incidents: list[Incident], profiles: dict[str, Profile],
                     copies: dict[str, str], params: ClusterParams) -> list[Incident]:
    """Fold a smaller incident into a larger one of the same family that names the same
    episode ("Operation Sindoor" weeks later) when their centroids are similar enough for an
    article to join (``join_threshold``) and the span limit holds: the order in which
    articles arrive no longer decides whether a late story joins its episode."""
    out = sorted(incidents, key=lambda i: (-len(i.article_ids), i.start or "9999", i.id))
    for small in sorted(out, key=lambda i: len(i.article_ids)):
        others = [o for o in out if o is not small and len(o.article_ids) >= len(small.article_ids)]
        target = _episode_target(small, others, params)
        if target is not None:
            _absorb(target, [profiles[a] for a in small.article_ids if a in profiles], copies)
            out.remove(small)
            logger.debug("%s joins %s (same named episode)", small.label, target.label)
    return out


def _episode_target(small: Incident, others: list[Incident], params: ClusterParams
                    ) -> Incident | None:
    ks = kind_rule(small.kind)
    if small.profile is None or not ks or not ks.get("named_heads"):
        return None
    family = ks.get("family", ks["id"])
    fits = [o for o in others if o.profile is not None and (kind_rule(o.kind) or {}).get(
        "family") == family and shared_episode(small.profile, o.profile, ks["named_heads"])
        and _fits_span(parse_date(small.start), o, params)
        and _fits_span(parse_date(small.end), o, params)]
    if not fits:
        return None
    return _best_incident(small.profile, fits, params, terms=_mean_terms(small))


def _span(dates: Iterable[date | None]) -> tuple[date, ...]:
    ds = [d for d in dates if d is not None]
    return (min(ds), max(ds)) if ds else ()


def _merge(sims: dict[tuple[int, int], float], members: dict[int, list[int]], i: int, j: int) -> None:
    """Merge cluster j into i, updating average-linkage similarities (Lance-Williams)."""
    ni, nj = len(members[i]), len(members[j])
    for k in list(members):
        if k in (i, j):
            continue
        sik = sims.pop((min(i, k), max(i, k)), 0.0)
        sjk = sims.pop((min(j, k), max(j, k)), 0.0)
        s = (ni * sik + nj * sjk) / (ni + nj)
        if s > 0:
            sims[(min(i, k), max(i, k))] = s
    sims.pop((min(i, j), max(i, j)), None)
    members[i] += members.pop(j)


def _make_incident(ids: list[str], profiles: dict[str, Profile], copies: dict[str, str]) -> Incident:
    profs = [profiles[i] for i in ids]
    inc = Incident(id="", label="", start=None, end=None)
    _absorb(inc, profs, copies)
    return inc


def _absorb(inc: Incident, profs: list[Profile], copies: dict[str, str]) -> None:
    """Add articles (profiles of originals) and their copies; refresh dates, label, id."""
    old = [inc.profile] if inc.profile else []
    inc.profile = merge_profiles([*old, *profs], inc.id or "incident")
    for p in profs:
        if p.article_id not in inc.article_ids:
            inc.article_ids.append(p.article_id)
    for copy_id, original in copies.items():
        if original in inc.article_ids and copy_id not in inc.article_ids:
            inc.article_ids.append(copy_id)
            inc.copies[copy_id] = original
    dates = [p.date for p in profs if p.date] + [d for p in profs for d in p.event_dates]
    dates += [d for d in (parse_date(inc.start), parse_date(inc.end)) if d]
    if dates:
        inc.start, inc.end = min(dates).isoformat(), max(dates).isoformat()
    if not inc.id:
        first = min(profs, key=lambda p: (p.date or date.max, p.article_id))
        seed = f"{first.article_id}:{first.date.isoformat() if first.date else ''}"
        inc.id = "inc-" + hashlib.sha1(seed.encode()).hexdigest()[:10]
    inc.label, inc.kind, inc.parties, inc.place = make_label(inc.profile, parse_date(inc.start))


# ---------------------------------------------------------------- incremental


def assign_incidents(new_articles: Sequence[Article], existing: Sequence[Incident],
                     params: ClusterParams = ClusterParams(), *, link: bool = True) -> list[Incident]:
    """Let new articles join existing incidents or start new ones; returns all incidents.

    Existing incidents keep their ids (and the links of their articles); only
    the new articles' items are linked. Needs each existing incident's profile.
    """
    from rashomon.compare.linking import link_items

    incidents = list(existing)
    known = {aid for inc in incidents for aid in inc.article_ids}
    fresh = [a for a in new_articles if a.id not in known]
    copies = copy_map(fresh, known_originals=known)
    originals = sorted((a for a in fresh if a.id not in copies),
                       key=lambda a: (a.published or "9999", a.id))
    for article in originals:
        prof = build_profile(article)
        target = _best_incident(prof, incidents, params)
        if target is None:
            target = Incident(id="", label="", start=None, end=None)
            incidents.append(target)
        _absorb(target, [prof], copies)
    for inc in incidents:
        _absorb_copies(inc, copies)
    if link:
        link_items(incidents, fresh)
    return sorted(incidents, key=lambda i: (i.start or "9999", i.id))


def _absorb_copies(inc: Incident, copies: dict[str, str]) -> None:
    for copy_id, original in copies.items():
        if original in inc.article_ids and copy_id not in inc.article_ids:
            inc.article_ids.append(copy_id)
            inc.copies[copy_id] = original


def _best_incident(prof: Profile, incidents: list[Incident], params: ClusterParams,
                   terms: dict[str, float] | None = None) -> Incident | None:
    """The incident a profile joins (similarity at least ``join_threshold``), or None;
    ``terms``: the profile's term weights to compare (an incident's mean terms)."""
    candidates = [inc for inc in incidents if inc.profile is not None]
    if not candidates:
        return None
    profiles = [inc.profile for inc in candidates] + [prof]
    weights = [max(1, len(inc.article_ids) - len(inc.copies)) for inc in candidates] + [1]
    idf = idf_of(profiles, weights)  # type: ignore[arg-type]
    vec = unit_vector(terms if terms is not None else prof.terms, idf)
    best, best_score = None, params.join_threshold
    for inc in candidates:
        assert inc.profile is not None
        ivec = unit_vector(_mean_terms(inc), idf)
        score = similarity(prof, inc.profile, vec, ivec, _window_gap(prof.date, inc), params)
        if score >= best_score and _fits_span(prof.date, inc, params):
            best, best_score = inc, score
    return best


def _mean_terms(inc: Incident) -> dict[str, float]:
    assert inc.profile is not None
    n = max(1, len(inc.article_ids) - len(inc.copies))
    return {t: w / n for t, w in inc.profile.terms.items()}


def _window_gap(d: date | None, inc: Incident) -> int | None:
    win = inc.window()
    if d is None or win is None:
        return None
    if win[0] <= d <= win[1]:
        return 0
    return (d - win[1]).days if d > win[1] else (win[0] - d).days


def _fits_span(d: date | None, inc: Incident, params: ClusterParams) -> bool:
    win = inc.window()
    if d is None or win is None:
        return True
    return (max(d, win[1]) - min(d, win[0])).days <= params.max_span_days
