"""Geometry of the dossier's inline SVG charts (the templates draw them).

No plotting library: a timeline of events in one lane per side, and for each
figure in dispute a small chart of its values over time, one line per side.
Only numbers and escaped strings leave this module.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from rashomon.catalog import SIDE_NAMES, SIDES

WIDTH = 860
LEFT = 120
RIGHT = 24
LANE = 46
TOP = 16
AXIS = 30
SLACK = 14  # days before an incident that an event's own date may lie

EVENT_CLASS = {
    "ASSAULT": "ev-force", "COERCE": "ev-force", "MOBILIZE": "ev-force",
    "THREATEN": "ev-verbal", "ACCUSE": "ev-verbal", "REJECT": "ev-verbal", "PROTEST": "ev-verbal",
    "SANCTION": "ev-verbal", "AGREE": "ev-coop", "CONSULT": "ev-coop", "SUPPORT": "ev-coop",
    "COOPERATE": "ev-coop", "AID": "ev-coop", "CONCEDE": "ev-coop", "RETREAT": "ev-coop",
    "REQUEST": "ev-coop",
}


def _day(value: str | None) -> date | None:
    """A date from "YYYY-MM-DD" (or "YYYY-MM", taken as its first day)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else \
            date.fromisoformat(value[:7] + "-01")
    except ValueError:
        return None


class _Scale:
    """Maps dates onto the x axis between ``lo`` and ``hi`` (padded by a day)."""

    def __init__(self, days: Sequence[date], left: int = LEFT, width: int = WIDTH) -> None:
        self.left, self.width = left, width
        self.lo = min(days) - timedelta(days=1)
        self.hi = max(days) + timedelta(days=1)
        self.span = max(1, (self.hi - self.lo).days)

    def x(self, d: date) -> float:
        return round(self.left + (self.width - self.left - RIGHT) * (d - self.lo).days / self.span,
                     1)

    def ticks(self, n: int = 6) -> list[dict[str, Any]]:
        step = max(1, round(self.span / n))
        out, d = [], self.lo
        while d <= self.hi:
            out.append({"x": self.x(d), "label": d.strftime("%-d %b %Y" if d == self.lo
                                                            else "%-d %b")})
            d += timedelta(days=step)
        return out


def _event_day(ev: Mapping[str, Any], lo: date | None, hi: date | None) -> tuple[date | None, bool]:
    """The day an event is drawn on: its own full date when it is near the incident, else its
    article's date when that is near (a recap in a much later story is left off the chart)."""
    def near(d: date | None) -> bool:
        return d is not None and (lo is None or hi is None or
                                  lo - timedelta(days=SLACK) <= d <= hi + timedelta(days=2))

    own = _day(ev.get("date")) if len(ev.get("date") or "") >= 10 else None
    if near(own):
        return own, False
    published = _day(ev.get("published"))
    return (published, True) if near(published) else (None, True)


DEFAULT_LANES = tuple((s, SIDE_NAMES[s]) for s in SIDES)


def dossier_events(d: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One chart event per report of a dossier timeline entry (the dossier folds the
    outlets that report the same event into one entry), in the reporting outlet's lane."""
    out = []
    for e in d["timeline"]:
        for s in e["sources"]:
            out.append({"type": e["type"], "actor": e["actor"], "target": e["target"],
                        "date": e["date"], "published": s["published"], "side": s["column"],
                        "article_id": s["article_id"], "anchor": s["start"],
                        "outlet": s["outlet"], "text": e["sentence"]})
    return out


def dossier_series(d: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each numeric question of a dossier with one point per dated figure, for
    ``series_chart`` (an open upper bound is infinite)."""
    out = []
    for row in d["figures"]:
        if row["kind"] != "quantity":
            continue
        points = [{"date": c["date"][:10], "low": c["low"],
                   "high": math.inf if c["high"] is None else c["high"], "display": c["text"],
                   "side": col, "claimant": c["who"], "outlet": c["outlet"],
                   "article_id": c["article_id"], "anchor": c["start"]}
                  for col, cells in row["cells"].items() for c in cells
                  if c["low"] is not None and c["date"]]
        if points:
            out.append({"topic": row["topic"], "key": row["key"], "points": points})
    return out


def timeline_chart(events: Sequence[Mapping[str, Any]], start: str | None,
                   end: str | None, lanes: Sequence[tuple[str, str]] = DEFAULT_LANES
                   ) -> dict[str, Any] | None:
    """Event dots in one lane per side ((code, label) of each lane; the last lane takes
    events of any other side)."""
    lo, hi = _day(start), _day(end)
    placed: list[tuple[Mapping[str, Any], date, bool]] = []
    for ev in events:
        d, approx = _event_day(ev, lo, hi)
        if d is not None:
            placed.append((ev, d, approx))
    if not placed:
        return None
    scale = _Scale([d for _, d, _ in placed])
    stack: dict[tuple[str, date], int] = defaultdict(int)
    points = []
    codes = [code for code, _ in lanes]
    for ev, d, approx in placed:
        lane = codes.index(ev["side"]) if ev["side"] in codes else len(codes) - 1
        k = stack[(ev["side"], d)]
        stack[(ev["side"], d)] += 1
        points.append({
            "x": round(scale.x(d) + 9 * (k // 4), 1),
            "y": TOP + lane * LANE + LANE / 2 + (k % 4 - 1.5) * 9, "r": 4.5,
            "css": EVENT_CLASS.get(ev["type"], "ev-other") + (" approx" if approx else ""),
            "href": f"/articles/{ev['article_id']}#c-{ev['anchor']}",
            "title": _event_title(ev, d, approx)})
    height = TOP + len(lanes) * LANE + AXIS
    return {"width": WIDTH, "height": height, "axis_y": TOP + len(lanes) * LANE,
            "ticks": scale.ticks(),
            "lanes": [{"y": TOP + i * LANE, "mid": TOP + i * LANE + LANE / 2, "side": code,
                       "label": label} for i, (code, label) in enumerate(lanes)],
            "points": points}


def _event_title(ev: Mapping[str, Any], d: date, approx: bool) -> str:
    who = " → ".join(x for x in (ev.get("actor"), ev.get("target")) if x)
    when = d.isoformat() + (" (article date)" if approx else "")
    return f"{ev['type']} {who} · {when} · {ev['outlet']}\n{(ev.get('text') or '')[:200]}"


SERIES_WIDTH = 520
SERIES_LEFT = 48
SHIFT = 7  # same-day points of different sides drawn this far apart


def series_chart(series: Mapping[str, Any], height: int = 190,
                 columns: Sequence[str] = SIDES) -> dict[str, Any] | None:
    """Values of one disputed figure over time, one line per side (column); ranges as bars."""
    pts = [p for p in series["points"] if _day(p["date"])]
    finite = [v for p in pts for v in (p["low"], p["high"]) if v != float("inf")]
    if not pts or not finite:
        return None
    scale = _Scale([_day(p["date"]) for p in pts], SERIES_LEFT, SERIES_WIDTH)  # type: ignore[misc]
    top = max(finite) * 1.15 or 1.0
    plot_h = height - TOP - AXIS

    def y(v: float) -> float:
        return round(TOP + plot_h * (1 - min(v, top) / top), 1)

    by_side: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in sorted(pts, key=lambda p: p["date"]):
        x = scale.x(_day(p["date"])) + _shift(p["side"], columns)  # type: ignore[arg-type]
        hi = p["high"] if p["high"] != float("inf") else top
        by_side[p["side"]].append({
            "x": x, "y": y(p["low"] if p["high"] == float("inf") else (p["low"] + hi) / 2),
            "y1": y(p["low"]), "y2": y(hi), "range": p["low"] != p["high"],
            "open": p["high"] == float("inf"), "side": p["side"],
            "href": f"/articles/{p['article_id']}#c-{p['anchor']}",
            "title": f"{p['display']} · {p['claimant'] or '?'} · {p['outlet']} · {p['date']}"})
    return {"width": SERIES_WIDTH, "left": SERIES_LEFT, "height": height, "axis_y": TOP + plot_h,
            "topic": series["topic"],
            "ticks": scale.ticks(5),
            "yticks": [{"y": y(v), "label": f"{v:g}"} for v in _nice_ticks(top)],
            "lines": [{"side": s, "points": " ".join(f"{p['x']},{p['y']}" for p in ps)}
                      for s, ps in by_side.items() if len(ps) > 1],
            "points": [p for ps in by_side.values() for p in ps]}


def _shift(side: str, columns: Sequence[str]) -> float:
    """Horizontal offset of a side's points, centred over the columns."""
    i = columns.index(side) if side in columns else len(columns) - 1
    return (i - (len(columns) - 1) / 2) * SHIFT


def _nice_ticks(top: float) -> list[float]:
    """Three or four round values from 0 up to ``top``."""
    raw = top / 3
    mag = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = max(mag, round(raw / mag) * mag)
    out, v = [], 0.0
    while v <= top:
        out.append(v)
        v += step
    return out
