"""The shipped outlet registry and user overrides."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from rashomon.errors import UsageError
from rashomon.outlets import ISO_ALPHA2, KINDS, OutletRegistry, normalize_domain, normalize_name


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    return OutletRegistry.load()


def test_registry_has_at_least_80_outlets_with_valid_fields(registry: OutletRegistry) -> None:
    assert len(registry) >= 80
    for entry in registry.entries():
        assert entry.domain == normalize_domain(entry.domain), entry
        assert "." in entry.domain and " " not in entry.domain, entry
        assert entry.name, entry
        assert entry.country == "INTL" or entry.country in ISO_ALPHA2, entry
        assert entry.kind in KINDS, entry


def test_no_name_or_alias_points_to_two_outlets(registry: OutletRegistry) -> None:
    owners: Counter[str] = Counter()
    for entry in registry.entries():
        owners.update({normalize_name(n) for n in [entry.name or "", *entry.aliases]})
    assert [key for key, n in owners.items() if n > 1] == []


def test_pakistan_and_india_are_covered_thoroughly(registry: OutletRegistry) -> None:
    by_country = Counter(o.country for o in registry)
    assert by_country["PK"] >= 15 and by_country["IN"] >= 20
    kinds = {(o.country, o.kind) for o in registry}
    for country in ("PK", "IN"):
        assert {(country, k) for k in ("newspaper", "broadcaster", "state media")} <= kinds
    assert registry.get("app.com.pk").name == "Associated Press of Pakistan"  # type: ignore[union-attr]
    assert registry.get("ptinews.com").kind == "wire"  # type: ignore[union-attr]


def test_state_media_of_each_named_country(registry: OutletRegistry) -> None:
    state = {o.country for o in registry if o.kind == "state media"}
    assert {"US", "RU", "CN", "TR", "QA", "AE", "SA", "PK", "IN"} <= state


@pytest.mark.parametrize("domain, name", [
    ("dawn.com", "Dawn"),
    ("www.dawn.com", "Dawn"),
    ("epaper.dawn.com", "Dawn"),
    ("https://www.dawn.com/news/1910001/some-story?x=1", "Dawn"),
    ("DAWN.COM.", "Dawn"),
    ("timesofindia.indiatimes.com", "The Times of India"),
    ("m.economictimes.indiatimes.com", "The Economic Times"),
    ("indiatimes.com", "Indiatimes"),
    ("bbc.co.uk", "BBC"),
    ("gandhara.rferl.org", "Radio Free Europe/Radio Liberty"),
])
def test_domain_lookup_includes_subdomains_and_alias_domains(
        registry: OutletRegistry, domain: str, name: str) -> None:
    assert registry.resolve(domain).name == name


def test_resolve_by_name_when_domain_unknown(registry: OutletRegistry) -> None:
    outlet = registry.resolve(None, "express tribune")
    assert (outlet.domain, outlet.country) == ("tribune.com.pk", "PK")
    assert registry.resolve("mirror.example", "The Hindu").domain == "thehindu.com"
    assert registry.resolve(None, "PTI").name == "Press Trust of India"


def test_unknown_outlet_keeps_given_fields_and_null_country(registry: OutletRegistry) -> None:
    outlet = registry.resolve("www.unknown-news.example", None)
    assert (outlet.name, outlet.domain, outlet.country, outlet.kind) == \
        ("unknown-news.example", "unknown-news.example", None, None)
    given = registry.resolve("unknown-news.example", "Unknown News", "pk")
    assert (given.name, given.country) == ("Unknown News", "PK")
    assert registry.get("unknown-news.example") is None
    assert registry.resolve("unknown-news.example", "Unknown News", "Pakistan").country is None
    assert registry.resolve(None).name is None


def test_registry_country_wins_over_a_guess_for_known_outlets(registry: OutletRegistry) -> None:
    assert registry.resolve("dawn.com", country="IN").country == "PK"


def test_returned_outlets_are_copies(registry: OutletRegistry) -> None:
    registry.resolve("dawn.com").country = "XX"
    assert registry.resolve("dawn.com").country == "PK"


def test_user_json_file_adds_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "outlets.json"
    path.write_text(json.dumps([
        {"domain": "indusevening.example", "name": "Indus Evening Post", "country": "PK"},
        {"domain": "www.dawn.com", "country": "INTL"},
        {"domain": "atlas.example", "name": "Atlas", "country": "intl", "notes": "ignored"},
    ]), encoding="utf-8")
    base = len(OutletRegistry.load())
    reg = OutletRegistry.load(path)
    assert len(reg) == base + 2
    assert reg.resolve("news.indusevening.example").name == "Indus Evening Post"
    dawn = reg.resolve("dawn.com")
    assert (dawn.name, dawn.country, dawn.kind) == ("Dawn", "INTL", "newspaper")
    assert reg.resolve("atlas.example").country == "INTL"
    assert OutletRegistry.load().resolve("dawn.com").country == "PK"  # shipped data untouched


def test_user_yaml_file_overrides_name_lookup(tmp_path: Path) -> None:
    path = tmp_path / "outlets.yaml"
    path.write_text(
        "- domain: lahoreledger.example\n  name: The Lahore Ledger\n  country: PK\n"
        "  kind: newspaper\n  aliases: [Ledger, ledger-news.example]\n"
        "- {domain: geo.tv, name: Geo News, country: PK, kind: broadcaster, aliases: [Geo English]}\n",
        encoding="utf-8")
    reg = OutletRegistry.load(path)
    assert reg.resolve(None, "lahore ledger").domain == "lahoreledger.example"
    assert reg.resolve("ledger-news.example").name == "The Lahore Ledger"
    assert reg.resolve(None, "Geo English").domain == "geo.tv"


@pytest.mark.parametrize("content, message", [
    ('{"domain": "a.example"}', "list"),
    ('[{"name": "No Domain"}]', "domain"),
    ('[{"domain": "a.example", "country": "Pakistan"}]', "ISO 3166"),
    ('[{"domain": "a.example", "kind": "blog"}]', "kind"),
    ('[{"domain": "a.example", "aliases": "x"}]', "aliases"),
    ('["a.example"]', "mapping"),
    ('[{"domain": "a.example"', "not valid"),
])
def test_bad_user_file_is_a_usage_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        OutletRegistry.load(path)


def test_missing_user_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        OutletRegistry.load(tmp_path / "nope.yaml")
