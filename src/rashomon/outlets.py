"""The outlet registry: which outlet a page comes from, its country and kind.

The shipped registry (``data/outlets.yaml``) lists real outlets by domain; a user
file (``--outlets FILE``, a JSON or YAML list of the same fields) adds entries or
overrides them by domain. Lookup is by domain first (subdomains included:
``epaper.dawn.com`` is Dawn), then by name or alias, case-insensitively.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from rashomon.errors import UsageError
from rashomon.models import Outlet
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

KINDS = ("wire", "newspaper", "broadcaster", "state media", "aggregator")

# ISO 3166-1 alpha-2 (Debian iso-codes), plus XK (Kosovo, in common use).
_ISO_CODES = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
"""
ISO_ALPHA2 = frozenset(_ISO_CODES.split())
INTL = "INTL"

_DOMAIN_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
_NAME_JUNK_RE = re.compile(r"[\W_]+")


@dataclass
class OutletEntry:
    """One registry entry: an outlet plus the other domains and names it goes by."""

    domain: str
    name: str | None
    country: str | None
    kind: str | None
    aliases: list[str] = field(default_factory=list)

    def outlet(self) -> Outlet:
        """A fresh ``Outlet`` for this entry (callers may mutate it safely)."""
        return Outlet(name=self.name, domain=self.domain, country=self.country, kind=self.kind)


def normalize_domain(value: str | None) -> str | None:
    """Lower-case host of a domain or URL, without port, trailing dot or ``www.``."""
    if not value or not value.strip():
        return None
    text = value.strip().lower()
    if "://" in text:
        host = urlsplit(text).hostname or ""
    else:
        host = text.split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    host = host.rstrip(".")
    if host.startswith("www.") or re.match(r"^www\d\.", host):
        host = host.split(".", 1)[1]
    return host or None


def normalize_name(name: str | None) -> str:
    """Key for name lookup: case-folded, leading "The" and punctuation dropped."""
    key = (name or "").casefold().strip()
    key = re.sub(r"^the\s+", "", key)
    return _NAME_JUNK_RE.sub("", key)


def _looks_like_domain(alias: str) -> bool:
    return bool(_DOMAIN_RE.match(alias.strip().lower()))


def normalize_country(value: Any, where: str) -> str | None:
    """Validate an ISO 3166-1 alpha-2 code (or INTL); upper-cased; None stays None."""
    if value is None or value == "":
        return None
    code = str(value).strip().upper()
    if code == INTL or code in ISO_ALPHA2:
        return code
    raise UsageError(f"{where}: country {value!r} is not an ISO 3166 alpha-2 code or {INTL}")


def _lenient_country(value: str | None, outlet: str | None) -> str | None:
    """A valid country code or None (logged): one page's bad metadata must not stop a batch."""
    try:
        return normalize_country(value, f"outlet {outlet}")
    except UsageError as exc:
        logger.warning("%s; using no country", exc)
        return None


def _entry_from_mapping(raw: Any, where: str, base: OutletEntry | None = None) -> OutletEntry:
    """Validate one raw mapping; fields it leaves out are kept from ``base``."""
    if not isinstance(raw, dict):
        raise UsageError(f"{where}: expected a mapping with domain, name, country; got {raw!r}")
    domain = _raw_domain(raw)
    if not domain:
        raise UsageError(f"{where}: missing or empty 'domain'")
    known = {"domain", "name", "country", "kind", "aliases"}
    if extra := set(raw) - known:
        logger.debug("%s: ignoring unknown keys %s", where, sorted(extra))
    entry = replace(base) if base else OutletEntry(domain=domain, name=None, country=None, kind=None)
    if "name" in raw:
        entry.name = _optional_str(raw["name"], "name", where)
    if "country" in raw:
        entry.country = normalize_country(raw["country"], where)
    if "kind" in raw:
        entry.kind = _kind(raw["kind"], where)
    if "aliases" in raw:
        entry.aliases = _aliases(raw["aliases"], where)
    return entry


def _raw_domain(raw: Any) -> str | None:
    """The normalised ``domain`` of a raw entry, or None when it has none."""
    value = raw.get("domain") if isinstance(raw, dict) else None
    return normalize_domain(value) if isinstance(value, str) else None


def _optional_str(value: Any, key: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise UsageError(f"{where}: '{key}' must be a string, got {value!r}")
    return str(value).strip() or None


def _kind(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    kind = str(value).strip().lower()
    if kind not in KINDS:
        raise UsageError(f"{where}: kind {value!r} is not one of {', '.join(KINDS)}")
    return kind


def _aliases(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise UsageError(f"{where}: 'aliases' must be a list of strings")
    return [a.strip() for a in value if a.strip()]


def _read_user_file(path: Path) -> list[Any]:
    """Parse a user outlets file (JSON or YAML) into a list of raw entries."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read outlets file {path}: {exc}") from exc
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise UsageError(f"outlets file {path} is not valid JSON/YAML: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("outlets"), list):
        data = data["outlets"]
    if not isinstance(data, list):
        raise UsageError(
            f"outlets file {path} must hold a list of entries (domain, name, country, kind)")
    return data


class OutletRegistry:
    """Outlets by domain and name; built from the shipped YAML plus user overrides."""

    def __init__(self, entries: list[OutletEntry] | None = None) -> None:
        self._entries: dict[str, OutletEntry] = {}
        for entry in entries or []:
            self._entries[entry.domain] = entry
        self._reindex()

    @classmethod
    def load(cls, extra: str | Path | None = None) -> OutletRegistry:
        """The shipped registry, with entries from the user file ``extra`` added or overriding."""
        shipped = load_data("outlets.yaml")
        registry = cls([_entry_from_mapping(raw, f"outlets.yaml entry {i + 1}")
                        for i, raw in enumerate(shipped)])
        if extra is not None:
            registry.update_from_file(extra)
        return registry

    def update_from_file(self, path: str | Path) -> int:
        """Add or override entries (by domain) from a JSON or YAML list; returns how many."""
        path = Path(path)
        raws = _read_user_file(path)
        for i, raw in enumerate(raws):
            base = self._entries.get(_raw_domain(raw) or "")
            entry = _entry_from_mapping(raw, f"{path} entry {i + 1}", base)
            self._entries[entry.domain] = entry
        self._reindex()
        logger.info("loaded %d outlet entries from %s", len(raws), path)
        return len(raws)

    def _reindex(self) -> None:
        """Rebuild the lookup tables: names beat aliases, later entries beat earlier ones."""
        self._by_domain: dict[str, OutletEntry] = {}
        self._by_name: dict[str, OutletEntry] = {}
        for entry in self._entries.values():
            for alias in entry.aliases:
                if _looks_like_domain(alias):
                    self._by_domain[normalize_domain(alias) or alias] = entry
                self._by_name[normalize_name(alias)] = entry
        for entry in self._entries.values():
            self._by_domain[entry.domain] = entry
            if entry.name:
                self._by_name[normalize_name(entry.name)] = entry
        self._by_name.pop("", None)

    def _lookup_domain(self, domain: str | None) -> OutletEntry | None:
        """The entry for ``domain`` or its closest registered parent domain."""
        host = normalize_domain(domain)
        if not host:
            return None
        labels = host.split(".")
        for i in range(max(len(labels) - 1, 1)):
            entry = self._by_domain.get(".".join(labels[i:]))
            if entry is not None:
                return entry
        return None

    def get(self, domain: str) -> Outlet | None:
        """The registered outlet for a domain (or URL, or subdomain), else None."""
        entry = self._lookup_domain(domain)
        return entry.outlet() if entry else None

    def by_name(self, name: str) -> Outlet | None:
        """The registered outlet whose name or alias is ``name`` (case-insensitive), else None."""
        entry = self._by_name.get(normalize_name(name))
        return entry.outlet() if entry else None

    def resolve(self, domain: str | None, name: str | None = None,
                country: str | None = None) -> Outlet:
        """The outlet of a page: by domain, then by name; unknown -> given name/domain/country.

        A ``country`` that is not an ISO alpha-2 code (or INTL) is logged and dropped.
        """
        entry = self._lookup_domain(domain)
        if entry is None and name:
            entry = self._by_name.get(normalize_name(name))
        if entry is not None:
            return entry.outlet()
        host = normalize_domain(domain)
        return Outlet(name=(name or "").strip() or host, domain=host,
                      country=_lenient_country(country, host or name), kind=None)

    def entries(self) -> list[OutletEntry]:
        """All entries (with aliases), in file order."""
        return list(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Outlet]:
        return (entry.outlet() for entry in self._entries.values())

    def __contains__(self, domain: object) -> bool:
        return isinstance(domain, str) and self._lookup_domain(domain) is not None
