"""Clock times across time zones: "17:00 IST" = "4:30 pm PKT" = "11:30 GMT".

Zones and the zone a bare time is read in (by the outlet's country) live in
``data/timezones.yaml``; every result says which zone entry it used.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from rashomon.resources import load_data

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Clock:
    """One clock time found in a text, normalised to UTC."""

    text: str
    start: int
    end: int
    minutes_utc: int  # minutes after 00:00 UTC, 0..1439
    day_shift: int  # -1, 0 or +1: the UTC day relative to the local day
    zone: str  # the zone id used
    zone_given: bool  # False when the default zone was assumed

    @property
    def utc(self) -> str:
        """The time as "HH:MM UTC"."""
        return f"{self.minutes_utc // 60:02d}:{self.minutes_utc % 60:02d} UTC"


@lru_cache(maxsize=1)
def _zones() -> tuple[dict[str, tuple[str, int]], dict[str, str]]:
    data = load_data("timezones.yaml")
    by_name: dict[str, tuple[str, int]] = {}
    for entry in data["zones"]:
        for name in entry["names"]:
            by_name[name.upper()] = (entry["id"], int(entry["offset"]))
    countries = {k.upper(): v.upper() for k, v in data["country_zones"].items()}
    return by_name, countries


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    by_name, _ = _zones()
    names = sorted((n for n in by_name if "_" not in n), key=len, reverse=True)
    zone = r"(?:\(?\s*(?P<zone>" + "|".join(re.escape(n) for n in names) + r")\b\)?)"
    ampm = r"(?P<ampm>[ap]\.?\s?m\b\.?)"
    clock = (r"\b(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*" + ampm + r"\s*" + zone + "?"
             r"|(?P<h2>\d{1,2}):(?P<m2>\d{2})\s*(?:hrs\b|hours\b|h\b)?\s*" + zone.replace(
                 "zone", "zone2") + "?"
             r"|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)\s*(?:hrs\b|hours\b|h\b)?\s*" + zone.replace(
                 "zone", "zone3")
             + r"|(?P<word>noon|midnight)\s*" + zone.replace("zone", "zone4") + "?)")
    return re.compile(clock, re.IGNORECASE)


def resolve_zone(zone: str | None) -> tuple[str, int] | None:
    """(zone id, offset minutes) for a zone name or a country code; None when unknown."""
    if not zone:
        return None
    by_name, countries = _zones()
    key = zone.strip().upper()
    if key in countries:
        key = countries[key]
    return by_name.get(key)


def _local_minutes(m: re.Match[str]) -> int | None:
    if m.group("word"):
        return 12 * 60 if m.group("word").lower() == "noon" else 0
    h = m.group("h") or m.group("h2") or m.group("h3")
    mins = m.group("m") or m.group("m2") or m.group("m3") or "0"
    hour, minute = int(h), int(mins)
    ampm = (m.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def find_clocks(text: str, default_zone: str | None = "UTC") -> list[Clock]:
    """Every clock time in ``text`` normalised to UTC; bare times use ``default_zone``."""
    out: list[Clock] = []
    default = resolve_zone(default_zone)
    for m in _pattern().finditer(text):
        local = _local_minutes(m)
        if local is None:
            continue
        name = m.group("zone") or m.group("zone2") or m.group("zone3") or m.group("zone4")
        zone = resolve_zone(name) if name else default
        if zone is None:
            logger.debug("no zone for clock %r", m.group(0))
            continue
        total = local - zone[1]
        raw = m.group(0).rstrip(") ")
        out.append(Clock(text=raw.strip(), start=m.start(), end=m.start() + len(raw),
                         minutes_utc=total % 1440, day_shift=total // 1440, zone=zone[0],
                         zone_given=bool(name)))
    return out


def normalize_clock(text: str, default_zone: str | None = "UTC") -> str | None:
    """The first clock time in ``text`` as "HH:MM UTC" (e.g. "17:00 IST" -> "11:30 UTC").

    ``default_zone`` (a zone name such as "IST" or a country code such as "PK")
    applies when the text names no zone; None when no clock time is found.
    """
    clocks = find_clocks(text, default_zone)
    return clocks[0].utc if clocks else None
